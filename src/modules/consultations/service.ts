import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, type ProblemDetail, UserError } from '../../platform/errors';
import { fiscalYearRange, todayInJapan } from '../../platform/fiscal-year';
import type { Text } from '../../platform/i18n';
import { accounts } from '../../platform/schema';
import { bilingual, describeProblems, emailAddress } from '../../platform/validation';
import { fiscalYearOfDay, newClientConsultations } from './new-clients';
import { counsels, notYourCase } from './permissions';
import {
  type ConsultationKind,
  consultationCases,
  consultationClients,
  consultationKinds,
  consultations,
  supportTopics,
} from './schema';
import { takeUpLead } from './self-check';
import type { Organisation } from './words';

export type ClientRow = typeof consultationClients.$inferSelect;
export type CaseRow = typeof consultationCases.$inferSelect;
export type ConsultationRow = typeof consultations.$inferSelect;

export const caseNotFound = notFound({ ja: '相談案件', en: 'The case' });

const invalidInput: Text = {
  ja: '入力内容に誤りがあります。下の項目を直してください。',
  en: 'Some of the input is not valid. Correct the items below.',
};

export const consultationLabels = {
  person: { ja: '相談者', en: 'Person' },
  accountEmail: { ja: 'アカウントのメールアドレス', en: "Account's e-mail address" },
  name: { ja: 'お名前', en: 'Name' },
  kana: { ja: 'ふりがな', en: 'Reading (kana)' },
  contact: { ja: '連絡先（電話番号またはメール）', en: 'Contact (phone or e-mail)' },
  organisation: { ja: '相談を受けた機関', en: 'Organisation' },
  kind: { ja: '相談の種類', en: 'Kind of consultation' },
  heldOn: { ja: '相談日', en: 'Date' },
  counsellorAccountId: { ja: '相談員', en: 'Counsellor' },
  discussed: { ja: '相談内容', en: 'What was discussed' },
  nextStep: { ja: '次の対応', en: 'Next step' },
  followUpOn: { ja: 'フォローアップ予定日', en: 'Follow-up date' },
  supportTopics: { ja: '特定創業支援等事業の分野', en: 'Areas of certified start-up support' },
  idempotencyKey: { ja: 'フォーム', en: 'Form' },
} satisfies Record<string, Text>;
type Field = keyof typeof consultationLabels;

const detail = (field: Field, ja: string, en: string): ProblemDetail => ({
  field,
  message: {
    ja: `${consultationLabels[field].ja}: ${ja}`,
    en: `${consultationLabels[field].en}: ${en}`,
  },
});

const kanaPattern = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u;
const reload = bilingual(
  'ページを読み込み直してから送信してください。',
  'Reload the page and send the form again.',
);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bilingual(`${max}文字以内にしてください。`, `Use at most ${max} characters.`))
    .default('');
const optionalDay = z
  .union([
    z.literal('').transform(() => null),
    z.iso.date(bilingual('日付を選んでください。', 'Choose a date.')),
  ])
  .nullish()
  .transform((v) => v ?? null);
const optionalId = z
  .union([z.literal('').transform(() => undefined), z.coerce.number().int().positive()])
  .optional();

/** What a counsellor sends: the consultation, and who it was with (a case, a person known, or new). */
export const ConsultationSchema = z.object({
  /** on an existing case: its person and kind */
  caseId: optionalId,
  /** a person already known to the organisation, consulting about a kind (perhaps a new one) */
  clientId: optionalId,
  /** the 事業承継診断 lead this first consultation takes up */
  leadId: optionalId,
  /** otherwise: a person with a Tsunagu account, or one without */
  person: z.enum(['account', 'new']).optional(),
  accountEmail: z.string().trim().optional(),
  name: optionalText(100),
  kana: optionalText(100),
  contact: optionalText(200),
  organisation: z.string().trim().optional(),
  kind: z
    .union([
      z.literal('').transform(() => undefined),
      z.enum(consultationKinds, bilingual('相談の種類を選んでください。', 'Choose the kind.')),
    ])
    .optional(),
  heldOn: z.iso.date(bilingual('相談日を選んでください。', 'Choose the date of the consultation.')),
  counsellorAccountId: optionalId,
  discussed: z
    .string(bilingual('相談内容を入力してください。', 'Write what was discussed.'))
    .trim()
    .min(1, bilingual('相談内容を入力してください。', 'Write what was discussed.'))
    .max(4000, bilingual('4000文字以内にしてください。', 'Use at most 4000 characters.')),
  nextStep: optionalText(2000),
  followUpOn: optionalDay,
  /** the areas of 特定創業支援等事業 it covered: ticked on the form as topic-<code> */
  supportTopics: z
    .array(
      z.enum(supportTopics, bilingual('分野を一覧から選んでください。', 'Choose the areas from the list.')),
    )
    .default([])
    .transform((topics) => supportTopics.filter((t) => topics.includes(t))),
  idempotencyKey: z.string(reload).min(8, reload).max(100),
});
export type ConsultationInput = z.input<typeof ConsultationSchema>;

export interface RecordOptions {
  /** the plan's organisations: an admin records for one of them */
  organisations: readonly Organisation[];
  now?: Date;
}

/** A refused form: every problem at once. */
const refused = (details: ProblemDetail[]) => new UserError('invalid_input', 422, invalidInput, details);

/** The staff accounts of an organisation, who may be named as its counsellor, with the actor first. */
export async function counsellorsOf(q: Queryable, actor: Actor, organisation: string) {
  const rows = await q
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(
      and(
        eq(accounts.municipalityCode, actor.municipalityCode),
        eq(accounts.role, 'staff'),
        eq(accounts.organisation, organisation),
        sql`${accounts.disabledAt} is null`,
      ),
    )
    .orderBy(asc(accounts.id));
  const me = actor.accountId !== null ? { id: actor.accountId, name: actor.name } : undefined;
  return me ? [me, ...rows.filter((r) => r.id !== me.id)] : rows;
}

/** The organisation a new record goes to: staff record for their own; an admin chooses one. */
function organisationFor(actor: Actor, sent: string | undefined, organisations: readonly Organisation[]) {
  if (actor.role === 'staff') return actor.organisation ?? undefined;
  if (actor.role === 'admin') return organisations.some((o) => o.code === sent) ? sent : undefined;
  return undefined;
}

/** The person and case the consultation goes on, as far as they exist already. */
async function whoAndWhat(
  q: Queryable,
  actor: Actor,
  data: z.output<typeof ConsultationSchema>,
  organisations: readonly Organisation[],
  problems: ProblemDetail[],
): Promise<
  | { organisation: string; caseRow?: CaseRow; client?: ClientRow; account?: { id: number; name: string } }
  | undefined
> {
  if (data.caseId !== undefined) {
    const caseRow = await caseFor(q, actor, data.caseId);
    const [client] = await q
      .select()
      .from(consultationClients)
      .where(eq(consultationClients.id, caseRow.clientId));
    return { organisation: caseRow.organisation, caseRow, ...(client ? { client } : {}) };
  }
  if (data.clientId !== undefined) {
    const client = await clientFor(q, actor, data.clientId);
    return { organisation: client.organisation, client };
  }
  const organisation = organisationFor(actor, data.organisation, organisations);
  if (!organisation) {
    problems.push(
      actor.role === 'admin'
        ? detail('organisation', '一覧から選んでください。', 'Choose one from the list.')
        : detail(
            'organisation',
            'あなたのアカウントに所属機関が登録されていないため、相談を記録できません。市の担当者にお問い合わせください。',
            'Your account has no organisation, so it cannot record consultations. Ask the city office.',
          ),
    );
    return undefined;
  }
  if (data.person === 'account') {
    const email = emailAddress().safeParse(data.accountEmail ?? '');
    if (!email.success) {
      problems.push(
        detail('accountEmail', 'メールアドレスの形で入力してください。', 'Enter an e-mail address.'),
      );
      return { organisation };
    }
    const [account] = await q
      .select({ id: accounts.id, name: accounts.displayName })
      .from(accounts)
      .where(and(eq(accounts.email, email.data), eq(accounts.municipalityCode, actor.municipalityCode)));
    if (!account) {
      problems.push(
        detail(
          'accountEmail',
          'このメールアドレスのアカウントはありません。アカウントのない方として記録してください。',
          'No account has this address. Record the person as one without an account.',
        ),
      );
      return { organisation };
    }
    const [client] = await q
      .select()
      .from(consultationClients)
      .where(
        and(
          eq(consultationClients.organisation, organisation),
          eq(consultationClients.accountId, account.id),
        ),
      );
    return {
      organisation,
      account,
      ...(client && client.municipalityCode === actor.municipalityCode ? { client } : {}),
    };
  }
  if (data.person === 'new') {
    if (!data.name) problems.push(detail('name', '入力してください。', 'Enter the name.'));
    if (!data.kana)
      problems.push(detail('kana', '入力してください。', 'Enter the reading in hiragana or katakana.'));
    else if (!kanaPattern.test(data.kana))
      problems.push(
        detail(
          'kana',
          'ひらがなかカタカナで入力してください。',
          'Write the reading in hiragana or katakana.',
        ),
      );
    return { organisation };
  }
  problems.push(
    detail(
      'person',
      'アカウントのある方か、ない方かを選んでください。',
      'Choose whether the person has an account.',
    ),
  );
  return { organisation };
}

/**
 * A counsellor records a consultation: on a case, for a person the organisation knows, or for a new
 * person (with a Tsunagu account or without). A person's consultations of a kind form one case. The
 * same form sent twice (double click, retry) records it once.
 */
export async function recordConsultation(
  db: Db,
  actor: Actor,
  input: ConsultationInput,
  options: RecordOptions,
): Promise<{ consultation: ConsultationRow; caseRow: CaseRow; repeated: boolean; isNewClient: boolean }> {
  const parsed = ConsultationSchema.safeParse(input);
  const problems: ProblemDetail[] = parsed.success
    ? []
    : describeProblems(ConsultationSchema, input, consultationLabels);
  const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey : '';
  if (key && actor.accountId !== null) {
    const [existing] = await db
      .select()
      .from(consultations)
      .where(and(eq(consultations.recordedBy, actor.accountId), eq(consultations.idempotencyKey, key)));
    if (existing) return { ...(await repeatedResult(db, existing)), repeated: true };
  }
  if (!parsed.success) {
    // the person's problems are worth naming too, but only once the form parses
    throw refused(problems);
  }
  const data = parsed.data;
  const today = todayInJapan(options.now);
  if (data.heldOn > today)
    problems.push(
      detail(
        'heldOn',
        '未来の日付は選べません。相談した日を選んでください。',
        'The date is in the future. Choose the day it was held.',
      ),
    );
  if (data.followUpOn && data.followUpOn < data.heldOn)
    problems.push(
      detail(
        'followUpOn',
        '相談日と同じか、それより後の日にしてください。',
        'Choose the day of the consultation or later.',
      ),
    );
  const target = await whoAndWhat(db, actor, data, options.organisations, problems);
  const kind: ConsultationKind | undefined = target?.caseRow?.kind ?? data.kind;
  if (!kind) problems.push(detail('kind', '相談の種類を選んでください。', 'Choose the kind.'));
  let counsellor: { id: number; name: string } | undefined;
  if (target) {
    const candidates = await counsellorsOf(db, actor, target.organisation);
    counsellor =
      data.counsellorAccountId === undefined
        ? candidates[0]
        : candidates.find((c) => c.id === data.counsellorAccountId);
    if (!counsellor)
      problems.push(detail('counsellorAccountId', '一覧から選んでください。', 'Choose one from the list.'));
  }
  if (problems.length > 0 || !target || !kind || !counsellor) throw refused(problems);
  const { organisation } = target;

  const written = await db
    .transaction(async (tx) => {
      let client = target.client;
      if (!client) {
        const [created] = await tx
          .insert(consultationClients)
          .values({
            municipalityCode: actor.municipalityCode,
            organisation,
            accountId: target.account?.id ?? null,
            name: target.account ? target.account.name : data.name,
            kana: data.kana,
            contact: data.contact,
            createdBy: actor.accountId,
          })
          .onConflictDoNothing()
          .returning();
        client =
          created ??
          (
            await tx
              .select()
              .from(consultationClients)
              .where(
                and(
                  eq(consultationClients.organisation, organisation),
                  eq(consultationClients.accountId, target.account?.id ?? -1),
                ),
              )
          )[0];
        if (!client) throw new Error('client neither inserted nor found');
      }
      let caseRow = target.caseRow;
      if (!caseRow) {
        await tx
          .insert(consultationCases)
          .values({
            municipalityCode: actor.municipalityCode,
            organisation,
            clientId: client.id,
            kind,
            openedOn: data.heldOn,
          })
          .onConflictDoNothing();
        [caseRow] = await tx
          .select()
          .from(consultationCases)
          .where(and(eq(consultationCases.clientId, client.id), eq(consultationCases.kind, kind)));
        if (!caseRow) throw new Error('case neither inserted nor found');
      }
      if (data.leadId !== undefined) await takeUpLead(tx, data.leadId, caseRow.id, organisation);
      if (data.heldOn < caseRow.openedOn)
        await tx
          .update(consultationCases)
          .set({ openedOn: data.heldOn })
          .where(eq(consultationCases.id, caseRow.id));
      const [consultation] = await tx
        .insert(consultations)
        .values({
          caseId: caseRow.id,
          heldOn: data.heldOn,
          counsellorAccountId: counsellor.id,
          counsellorName: counsellor.name,
          discussed: data.discussed,
          nextStep: data.nextStep,
          followUpOn: data.followUpOn,
          supportTopics: data.supportTopics,
          recordedBy: actor.accountId,
          idempotencyKey: data.idempotencyKey,
        })
        .onConflictDoNothing()
        .returning();
      // the same form, sent twice at once: the other request wrote it, and this one writes nothing
      if (!consultation) throw new RepeatedForm();
      await recordAudit(tx, actor, {
        action: 'consultation.record',
        entityType: 'consultation_case',
        entityKey: String(caseRow.id),
        // what was discussed stays in the record itself: the log says who recorded what, when
        after: {
          consultationId: consultation.id,
          kind,
          heldOn: consultation.heldOn,
          counsellorName: consultation.counsellorName,
          followUpOn: consultation.followUpOn,
        },
      });
      return { consultation, caseRow };
    })
    .catch(async (error) => {
      if (!(error instanceof RepeatedForm)) throw error;
      return undefined;
    });
  if (!written) {
    const [existing] = await db
      .select()
      .from(consultations)
      .where(
        and(
          eq(consultations.recordedBy, actor.accountId ?? -1),
          eq(consultations.idempotencyKey, data.idempotencyKey),
        ),
      );
    if (!existing) throw new Error('consultation neither inserted nor found');
    return { ...(await repeatedResult(db, existing)), repeated: true };
  }
  const isNewClient = (await newClientIdsOfCase(db, written.caseRow.id)).has(written.consultation.id);
  return { ...written, repeated: false, isNewClient };
}

class RepeatedForm extends Error {}

async function repeatedResult(q: Queryable, consultation: ConsultationRow) {
  const [caseRow] = await q
    .select()
    .from(consultationCases)
    .where(eq(consultationCases.id, consultation.caseId));
  if (!caseRow) throw new Error('consultation without a case');
  return {
    consultation,
    caseRow,
    isNewClient: (await newClientIdsOfCase(q, caseRow.id)).has(consultation.id),
  };
}

async function newClientIdsOfCase(q: Queryable, caseId: number): Promise<Set<number>> {
  const rows = await q
    .select({
      id: consultations.id,
      heldOn: consultations.heldOn,
      clientId: consultationCases.clientId,
      kind: consultationCases.kind,
    })
    .from(consultations)
    .innerJoin(consultationCases, eq(consultationCases.id, consultations.caseId))
    .where(eq(consultations.caseId, caseId));
  return newClientConsultations(rows);
}

/** A case the actor counsels; another organisation's is refused, a missing one is not found. */
export async function caseFor(q: Queryable, actor: Actor, caseId: number): Promise<CaseRow> {
  const [row] = await q.select().from(consultationCases).where(eq(consultationCases.id, caseId));
  if (!row || row.municipalityCode !== actor.municipalityCode) throw caseNotFound;
  if (!counsels(actor, row)) throw notYourCase;
  return row;
}

async function clientFor(q: Queryable, actor: Actor, clientId: number): Promise<ClientRow> {
  const [row] = await q.select().from(consultationClients).where(eq(consultationClients.id, clientId));
  if (!row || row.municipalityCode !== actor.municipalityCode)
    throw notFound({ ja: '相談者', en: 'The person' });
  if (!counsels(actor, row)) throw notYourCase;
  return row;
}

/** A person known to the organisation, for the form that records their next consultation. */
export async function findClient(q: Queryable, actor: Actor, clientId: number) {
  const client = await clientFor(q, actor, clientId);
  const cases = await q
    .select()
    .from(consultationCases)
    .where(eq(consultationCases.clientId, client.id))
    .orderBy(asc(consultationCases.id));
  return { client, cases };
}

export interface TimelineEntry extends ConsultationRow {
  isNewClient: boolean;
  fiscalYear: number;
}

/**
 * A case with its person and its timeline, for a counsellor who may read it. Every read is written
 * to the audit log: these are the most sensitive records in Tsunagu.
 */
export async function readCase(db: Db, actor: Actor, caseId: number) {
  const caseRow = await caseFor(db, actor, caseId);
  const [client] = await db
    .select()
    .from(consultationClients)
    .where(eq(consultationClients.id, caseRow.clientId));
  if (!client) throw new Error('case without a person');
  const [rows, otherCases] = await Promise.all([
    db
      .select()
      .from(consultations)
      .where(eq(consultations.caseId, caseRow.id))
      .orderBy(asc(consultations.heldOn), asc(consultations.id)),
    db
      .select()
      .from(consultationCases)
      .where(eq(consultationCases.clientId, client.id))
      .orderBy(asc(consultationCases.id)),
  ]);
  const newOnes = newClientConsultations(
    rows.map((r) => ({ ...r, clientId: client.id, kind: caseRow.kind })),
  );
  await recordAudit(db, actor, {
    action: 'consultation_case.read',
    entityType: 'consultation_case',
    entityKey: String(caseRow.id),
  });
  const timeline: TimelineEntry[] = rows.map((r) => ({
    ...r,
    isNewClient: newOnes.has(r.id),
    fiscalYear: fiscalYearOfDay(r.heldOn),
  }));
  return { caseRow, client, timeline, otherCases: otherCases.filter((c) => c.id !== caseRow.id) };
}

/** Who sees whose cases in a list: an admin all of the municipality's, staff their organisation's. */
function visibleCases(actor: Actor) {
  const ofMunicipality = eq(consultationCases.municipalityCode, actor.municipalityCode);
  if (actor.role === 'admin') return ofMunicipality;
  if (actor.role === 'staff' && actor.organisation)
    return and(ofMunicipality, eq(consultationCases.organisation, actor.organisation));
  return sql`false`;
}

export interface CaseListFilter {
  fiscalYear: number;
  kind?: ConsultationKind | undefined;
}

/**
 * The consultations the actor may see of a fiscal year, newest first, each with its case and person
 * and whether it made a new client: the counsellor's list and its CSV.
 */
export async function listConsultations(q: Queryable, actor: Actor, filter: CaseListFilter) {
  const { start, end } = fiscalYearRange(filter.fiscalYear);
  const rows = await q
    .select({
      consultation: consultations,
      caseRow: consultationCases,
      client: consultationClients,
    })
    .from(consultations)
    .innerJoin(consultationCases, eq(consultationCases.id, consultations.caseId))
    .innerJoin(consultationClients, eq(consultationClients.id, consultationCases.clientId))
    .where(
      and(
        visibleCases(actor),
        gte(consultations.heldOn, start),
        lte(consultations.heldOn, end),
        filter.kind ? eq(consultationCases.kind, filter.kind) : undefined,
      ),
    )
    .orderBy(desc(consultations.heldOn), desc(consultations.id));
  const newOnes = await newClientIdsOf(
    q,
    rows.map((r) => r.caseRow.id),
  );
  return rows.map((r) => ({ ...r, isNewClient: newOnes.has(r.consultation.id) }));
}

async function newClientIdsOf(q: Queryable, caseIds: number[]): Promise<Set<number>> {
  if (caseIds.length === 0) return new Set();
  const rows = await q
    .select({
      id: consultations.id,
      heldOn: consultations.heldOn,
      clientId: consultationCases.clientId,
      kind: consultationCases.kind,
    })
    .from(consultations)
    .innerJoin(consultationCases, eq(consultationCases.id, consultations.caseId))
    .where(inArray(consultations.caseId, [...new Set(caseIds)]));
  return newClientConsultations(rows);
}

/** The last day (Sunday) of the week (Monday–Sunday) of a day. */
export function endOfWeek(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  day.setUTCDate(day.getUTCDate() + (6 - weekday));
  return day.toISOString().slice(0, 10);
}

/**
 * The counsellor's follow-ups due by the end of this week (Monday–Sunday, Japan time), overdue ones
 * included: a consultation with a follow-up date and no later consultation on its case. Recording
 * the next consultation settles it.
 */
export async function followUpsDue(q: Queryable, actor: Actor, now: Date = new Date()) {
  if (actor.accountId === null) return [];
  const until = endOfWeek(todayInJapan(now));
  const later = sql`exists (select 1 from consultations later where later.case_id = ${consultations.caseId}
    and (later.held_on > ${consultations.heldOn} or (later.held_on = ${consultations.heldOn} and later.id > ${consultations.id})))`;
  const rows = await q
    .select({ consultation: consultations, caseRow: consultationCases, client: consultationClients })
    .from(consultations)
    .innerJoin(consultationCases, eq(consultationCases.id, consultations.caseId))
    .innerJoin(consultationClients, eq(consultationClients.id, consultationCases.clientId))
    .where(
      and(
        visibleCases(actor),
        eq(consultations.counsellorAccountId, actor.accountId),
        isNotNull(consultations.followUpOn),
        lte(consultations.followUpOn, until),
        sql`not ${later}`,
      ),
    )
    .orderBy(asc(consultations.followUpOn), asc(consultations.id));
  return rows;
}
