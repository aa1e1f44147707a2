import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../../db/connection';
import { type Actor, recordAudit } from '../../../platform/audit';
import { UserError } from '../../../platform/errors';
import { bilingual, parseInput } from '../../../platform/validation';
import { findEventRunBy } from '../event-service';
import { findRegistrationByToken } from '../registration-service';
import { eventRegistrations } from '../schema';
import { eventFeedback } from './schema';

export type FeedbackRow = typeof eventFeedback.$inferSelect;

/** The five answers to 「満足度」, from the best. */
export const satisfactionLevels = [
  { value: 5, ja: 'とても満足', en: 'Very satisfied' },
  { value: 4, ja: '満足', en: 'Satisfied' },
  { value: 3, ja: 'ふつう', en: 'Neutral' },
  { value: 2, ja: 'やや不満', en: 'Somewhat dissatisfied' },
  { value: 1, ja: '不満', en: 'Dissatisfied' },
] as const;

export const FeedbackSchema = z.object({
  satisfaction: z.coerce
    .number(bilingual('満足度を選んでください。', 'Choose how satisfied you were.'))
    .int(bilingual('満足度を選んでください。', 'Choose how satisfied you were.'))
    .min(1, bilingual('満足度を選んでください。', 'Choose how satisfied you were.'))
    .max(5, bilingual('満足度を選んでください。', 'Choose how satisfied you were.')),
  comment: z
    .string()
    .trim()
    .max(1000, bilingual('1000文字以内にしてください。', 'Use at most 1000 characters.'))
    .default(''),
});
export type FeedbackInput = z.input<typeof FeedbackSchema>;

export const feedbackLabels = {
  satisfaction: { ja: '満足度', en: 'Satisfaction' },
  comment: { ja: 'ご意見・ご感想', en: 'Comments' },
};

/** The questionnaire opens when the event starts, for people whose place was confirmed. */
export function questionnaireOpen(
  registration: { status: string },
  event: { startsAt: Date; status: string },
  now: Date = new Date(),
): boolean {
  return registration.status === 'confirmed' && event.status === 'published' && event.startsAt <= now;
}

/** A person's own questionnaire answer, if they gave one. */
export async function findFeedback(q: Queryable, registrationId: number): Promise<FeedbackRow | undefined> {
  const [row] = await q.select().from(eventFeedback).where(eq(eventFeedback.registrationId, registrationId));
  return row;
}

/**
 * Records the questionnaire of a registration, from its link. Answering again replaces the earlier
 * answer: one answer per person, whatever the number of clicks.
 */
export async function submitFeedback(db: Db, token: string, input: FeedbackInput, now: Date = new Date()) {
  const data = parseInput(FeedbackSchema, input, feedbackLabels);
  return db.transaction(async (tx) => {
    const { registration, event } = await findRegistrationByToken(tx, token);
    if (!questionnaireOpen(registration, event, now)) {
      throw new UserError('questionnaire_closed', 409, {
        ja: 'アンケートは、参加が確定した方がイベントの開始後に回答できます。',
        en: 'The questionnaire opens when the event starts, for people with a confirmed place.',
      });
    }
    const values = { ...data, registrationId: registration.id, eventId: event.id, submittedAt: now };
    const [saved] = await tx
      .insert(eventFeedback)
      .values(values)
      .onConflictDoUpdate({
        target: eventFeedback.registrationId,
        set: { satisfaction: data.satisfaction, comment: data.comment, submittedAt: now },
      })
      .returning();
    await recordAudit(
      tx,
      {
        accountId: registration.accountId,
        name: registration.name,
        municipalityCode: event.municipalityCode,
      },
      {
        action: 'event_feedback.submit',
        entityType: 'event',
        entityKey: String(event.id),
        after: { registrationId: registration.id, satisfaction: data.satisfaction },
      },
    );
    return saved as FeedbackRow;
  });
}

export interface FeedbackSummary {
  responses: number;
  /** people whose place was confirmed: who could answer */
  confirmed: number;
  /** the mean of 1–5, null without answers */
  average: number | null;
  /** how many gave each level, best first (as satisfactionLevels) */
  counts: { value: number; count: number }[];
  /** every answer in the order given, without names */
  answers: { satisfaction: number; comment: string; submittedAt: Date }[];
  /** the answers with a comment, newest first */
  comments: { satisfaction: number; comment: string; submittedAt: Date }[];
}

/** The questionnaire results of an event the actor runs. */
export async function feedbackSummary(q: Queryable, actor: Actor, eventId: number): Promise<FeedbackSummary> {
  const event = await findEventRunBy(q, actor, eventId);
  const rows = await q
    .select({
      satisfaction: eventFeedback.satisfaction,
      comment: eventFeedback.comment,
      submittedAt: eventFeedback.submittedAt,
    })
    .from(eventFeedback)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, eventFeedback.registrationId))
    .where(eq(eventFeedback.eventId, eventId))
    .orderBy(asc(eventFeedback.submittedAt));
  const total = rows.reduce((sum, r) => sum + r.satisfaction, 0);
  return {
    responses: rows.length,
    confirmed: event.confirmed,
    average: rows.length === 0 ? null : Math.round((total / rows.length) * 10) / 10,
    counts: satisfactionLevels.map((l) => ({
      value: l.value,
      count: rows.filter((r) => r.satisfaction === l.value).length,
    })),
    answers: rows,
    comments: rows.filter((r) => r.comment !== '').reverse(),
  };
}
