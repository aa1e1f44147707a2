import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../../db/connection';
import { type Actor, recordAudit } from '../../../platform/audit';
import { notFound, UserError } from '../../../platform/errors';
import { bilingual, formInvalid, parseInput } from '../../../platform/validation';
import { findEventRunBy } from '../event-service';
import { eventRegistrations, events } from '../schema';
import { eventQuestions, registrationAnswers } from './schema';

export type QuestionRow = typeof eventQuestions.$inferSelect;

/** At most this many questions per event: a registration form people still finish. */
export const maxQuestions = 10;

const questionNotFound = notFound({ ja: '質問', en: 'The question' });

export const QuestionSchema = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, bilingual('質問文を入力してください。', 'Enter the question.'))
      .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.')),
    kind: z.enum(['text', 'choice'], bilingual('答え方を選んでください。', 'Choose how it is answered.')),
    /** one option per line */
    choices: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .max(
                50,
                bilingual('選択肢は1つ50文字以内にしてください。', 'Keep each option within 50 characters.'),
              ),
          )
          .max(10, bilingual('選択肢は10個までです。', 'Use at most 10 options.')),
      ),
    required: z
      .union([z.literal('on'), z.literal('true'), z.literal(''), z.boolean()])
      .optional()
      .transform((v) => v === true || v === 'on' || v === 'true'),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'choice' && q.choices.length < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: bilingual(
          '選択肢を2つ以上、1行に1つずつ入力してください。',
          'Enter at least two options, one per line.',
        ),
      });
    }
    if (new Set(q.choices).size !== q.choices.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: bilingual('同じ選択肢が重なっています。', 'An option is listed twice.'),
      });
    }
  });
export type QuestionInput = z.input<typeof QuestionSchema>;

export const questionLabels = {
  label: { ja: '質問文', en: 'Question' },
  kind: { ja: '答え方', en: 'Answered as' },
  choices: { ja: '選択肢', en: 'Options' },
  required: { ja: '回答必須', en: 'Required' },
};

/** The questions of an event in the order they are asked. */
export async function listQuestions(q: Queryable, eventId: number): Promise<QuestionRow[]> {
  return q
    .select()
    .from(eventQuestions)
    .where(eq(eventQuestions.eventId, eventId))
    .orderBy(asc(eventQuestions.position));
}

async function hasRegistrations(q: Queryable, eventId: number): Promise<boolean> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId));
  return (row?.n ?? 0) > 0;
}

const refused = (code: string, ja: string, en: string) => new UserError(code, 409, { ja, en });

/**
 * Adds a question at the end of an event's form. Once people have registered, a new question can
 * only be optional: those who came before could not answer it.
 */
export async function addQuestion(db: Db, actor: Actor, eventId: number, input: QuestionInput) {
  const data = parseInput(QuestionSchema, input, questionLabels);
  return db.transaction(async (tx) => {
    await findEventRunBy(tx, actor, eventId);
    // the event's row is the lock that orders changes to its form and its registrations
    await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('update');
    const existing = await listQuestions(tx, eventId);
    if (existing.length >= maxQuestions) {
      throw refused(
        'too_many_questions',
        `質問は${maxQuestions}個までです。`,
        `An event has at most ${maxQuestions} questions.`,
      );
    }
    if (data.required && (await hasRegistrations(tx, eventId))) {
      throw refused(
        'required_after_registrations',
        'すでに申し込みがあるため、回答必須の質問は追加できません。任意の質問として追加してください。',
        'People have already registered, so a new question cannot be required. Add it as optional.',
      );
    }
    const position = Math.max(0, ...existing.map((q) => q.position)) + 1;
    const [created] = await tx
      .insert(eventQuestions)
      .values({
        eventId,
        position,
        label: data.label,
        kind: data.kind,
        choices: data.choices,
        required: data.required,
      })
      .returning();
    if (!created) throw new Error('question insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'event_question.add',
      entityType: 'event',
      entityKey: String(eventId),
      after: { question: data.label, required: data.required },
    });
    return created;
  });
}

/** Removes a question nobody has answered yet; answers once given are kept with their question. */
export async function removeQuestion(db: Db, actor: Actor, eventId: number, questionId: number) {
  return db.transaction(async (tx) => {
    await findEventRunBy(tx, actor, eventId);
    await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('update');
    const [question] = await tx
      .select()
      .from(eventQuestions)
      .where(and(eq(eventQuestions.id, questionId), eq(eventQuestions.eventId, eventId)));
    if (!question) throw questionNotFound;
    const [answered] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(registrationAnswers)
      .where(eq(registrationAnswers.questionId, questionId));
    if ((answered?.n ?? 0) > 0) {
      throw refused(
        'question_answered',
        'すでに回答があるため、この質問は削除できません。',
        'This question has been answered, so it cannot be removed.',
      );
    }
    await tx.delete(eventQuestions).where(eq(eventQuestions.id, questionId));
    await recordAudit(tx, actor, {
      action: 'event_question.remove',
      entityType: 'event',
      entityKey: String(eventId),
      before: { question: question.label },
    });
  });
}

/** The form field of a question's answer. */
export const answerField = (question: { id: number }) => `answer-${question.id}`;

/** The answers in a sent form, by form field (`answer-12`). */
export function answersOf(form: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).flatMap(([k, v]) =>
      /^answer-\d+$/.test(k) && typeof v === 'string' ? [[k, v]] : [],
    ),
  );
}

/**
 * Checks the answers to an event's questions: a required one must be answered, a choice must be
 * one of its options, free text at most 1000 characters. Returns the answers to write.
 */
export function validateAnswers(
  questions: QuestionRow[],
  answers: Record<string, string>,
): { questionId: number; answer: string }[] {
  const problems: { field: string; message: { ja: string; en: string } }[] = [];
  const valid: { questionId: number; answer: string }[] = [];
  for (const question of questions) {
    const field = answerField(question);
    const answer = (answers[field] ?? '').trim();
    const problem = (ja: string, en: string) =>
      problems.push({ field, message: { ja: `${question.label}: ${ja}`, en: `${question.label}: ${en}` } });
    if (answer === '') {
      if (question.required) problem('回答してください。', 'Please answer.');
    } else if (question.kind === 'choice' && !question.choices.includes(answer)) {
      problem('選択肢から選んでください。', 'Choose one of the options.');
    } else if (answer.length > 1000) {
      problem('1000文字以内にしてください。', 'Use at most 1000 characters.');
    } else {
      valid.push({ questionId: question.id, answer });
    }
  }
  if (problems.length > 0) {
    throw formInvalid(problems);
  }
  return valid;
}

/** Writes a new registration's answers, in the transaction that creates it. */
export async function saveAnswers(
  tx: Queryable,
  registrationId: number,
  answers: { questionId: number; answer: string }[],
): Promise<void> {
  if (answers.length === 0) return;
  await tx.insert(registrationAnswers).values(answers.map((a) => ({ registrationId, ...a })));
}

/** The answers of the given registrations, by registration then question. */
export async function answersByRegistration(
  q: Queryable,
  registrationIds: number[],
): Promise<Map<number, Map<number, string>>> {
  const result = new Map<number, Map<number, string>>();
  if (registrationIds.length === 0) return result;
  const rows = await q
    .select()
    .from(registrationAnswers)
    .where(inArray(registrationAnswers.registrationId, registrationIds));
  for (const row of rows) {
    const mine = result.get(row.registrationId) ?? new Map<number, string>();
    mine.set(row.questionId, row.answer);
    result.set(row.registrationId, mine);
  }
  return result;
}
