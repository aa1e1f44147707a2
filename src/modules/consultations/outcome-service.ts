import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { type ProblemDetail, UserError } from '../../platform/errors';
import { formatDate, todayInJapan } from '../../platform/fiscal-year';
import type { Text } from '../../platform/i18n';
import { bilingual, describeProblems, formInvalid } from '../../platform/validation';
import {
  type ConsultationKind,
  consultationCases,
  consultationMilestones,
  type SuccessionStage,
  successionStages,
} from './schema';
import { type CaseRow, caseFor } from './service';
import { kindNames } from './words';

export type MilestoneRow = typeof consultationMilestones.$inferSelect;

export const outcomeLabels = {
  startedOn: { ja: '創業日', en: 'Start-up date' },
  businessName: { ja: '屋号・会社名', en: 'Business name' },
  stage: { ja: '事業承継の段階', en: 'Succession stage' },
  stageOn: { ja: '段階の日付', en: 'Date of the stage' },
  stageNote: { ja: 'メモ', en: 'Note' },
  referredOn: { ja: '紹介日', en: 'Date of referral' },
  referralNote: { ja: '紹介の内容', en: 'About the referral' },
} satisfies Record<string, Text>;
type Field = keyof typeof outcomeLabels;

const problem = (field: Field, ja: string, en: string): ProblemDetail => ({
  field,
  message: { ja: `${outcomeLabels[field].ja}: ${ja}`, en: `${outcomeLabels[field].en}: ${en}` },
});

const day = (ja: string, en: string) => z.iso.date(bilingual(`${ja}を選んでください。`, `Choose the ${en}.`));
const note = z
  .string()
  .trim()
  .max(1000, bilingual('1000文字以内にしてください。', 'Use at most 1000 characters.'))
  .default('');

/** An outcome, stage or referral on a case of the wrong kind: said plainly, nothing written. */
export function wrongKind(caseRow: CaseRow, needed: ConsultationKind, what: Text): UserError {
  const has = kindNames[caseRow.kind];
  const wants = kindNames[needed];
  return new UserError('wrong_case_kind', 422, {
    ja: `${what.ja}は${wants.ja}の相談案件にだけ記録できます。この案件は${has.ja}の相談です。`,
    en: `${what.en} can be recorded on a ${wants.en.toLowerCase()} case only. This case is a ${has.en.toLowerCase()} case.`,
  });
}

/** The checks every dated step shares: a real day, not in the future, not before the case began. */
function dayProblems(field: Field, value: string, caseRow: CaseRow, now: Date | undefined): ProblemDetail[] {
  if (value > todayInJapan(now))
    return [problem(field, '未来の日付は選べません。', 'The date is in the future.')];
  if (value < caseRow.openedOn)
    return [
      problem(
        field,
        `最初の相談（${formatDate('ja', caseRow.openedOn)}）以降の日にしてください。`,
        `Choose a day on or after the first consultation (${formatDate('en', caseRow.openedOn)}).`,
      ),
    ];
  return [];
}

function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
  extra: (data: z.output<S>) => ProblemDetail[],
) {
  const result = schema.safeParse(input);
  if (!result.success) throw formInvalid(describeProblems(schema, input, outcomeLabels));
  const problems = extra(result.data as z.output<S>);
  if (problems.length > 0) throw formInvalid(problems);
  return result.data as z.output<S>;
}

async function addMilestone(
  q: Queryable,
  actor: Actor,
  caseRow: CaseRow,
  milestone: { kind: MilestoneRow['kind']; value: string; onDate: string; note: string },
) {
  await q.insert(consultationMilestones).values({
    caseId: caseRow.id,
    ...milestone,
    recordedBy: actor.accountId,
    recordedByName: actor.name,
  });
}

export const StartupSchema = z.object({
  startedOn: day('創業日', 'start-up date'),
  businessName: z
    .string()
    .trim()
    .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.'))
    .default(''),
});

/**
 * A start-up case is closed as 創業 on the day the business started: one more for the plan's KPI
 * 「Bi@Sta 利用者の創業件数」. Sending the same again changes nothing; another day corrects it.
 */
export async function closeCaseAsStartup(
  db: Db,
  actor: Actor,
  caseId: number,
  input: z.input<typeof StartupSchema>,
  options: { now?: Date } = {},
): Promise<{ caseRow: CaseRow; changed: boolean }> {
  const caseRow = await caseFor(db, actor, caseId);
  if (caseRow.kind !== 'startup') throw wrongKind(caseRow, 'startup', { ja: '創業', en: 'A start-up' });
  const data = parse(StartupSchema, input, (d) =>
    dayProblems('startedOn', d.startedOn, caseRow, options.now),
  );
  if (caseRow.startedOn === data.startedOn && caseRow.businessName === data.businessName)
    return { caseRow, changed: false };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(consultationCases)
      .set({ startedOn: data.startedOn, businessName: data.businessName })
      .where(eq(consultationCases.id, caseRow.id))
      .returning();
    if (!updated) throw new Error('case vanished');
    await addMilestone(tx, actor, caseRow, {
      kind: 'startup',
      value: data.businessName,
      onDate: data.startedOn,
      note: '',
    });
    await recordAudit(tx, actor, {
      action: 'consultation_case.startup',
      entityType: 'consultation_case',
      entityKey: String(caseRow.id),
      before: caseRow.startedOn ? { startedOn: caseRow.startedOn, businessName: caseRow.businessName } : null,
      after: data,
    });
    return { caseRow: updated, changed: true };
  });
}

export const StageSchema = z.object({
  stage: z.enum(
    successionStages,
    bilingual('段階を一覧から選んでください。', 'Choose a stage from the list.'),
  ),
  stageOn: day('段階の日付', 'date of the stage'),
  stageNote: note,
});

/**
 * A succession case moves to a stage (気づき → 準備 → 後継者決定 → 承継完了, or 廃業); each change is
 * kept in its history. The same stage sent again adds nothing.
 */
export async function recordSuccessionStage(
  db: Db,
  actor: Actor,
  caseId: number,
  input: z.input<typeof StageSchema>,
  options: { now?: Date } = {},
): Promise<{ caseRow: CaseRow; changed: boolean }> {
  const caseRow = await caseFor(db, actor, caseId);
  if (caseRow.kind !== 'succession')
    throw wrongKind(caseRow, 'succession', { ja: '事業承継の段階', en: 'A succession stage' });
  const data = parse(StageSchema, input, (d) => dayProblems('stageOn', d.stageOn, caseRow, options.now));
  if (caseRow.successionStage === data.stage) return { caseRow, changed: false };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(consultationCases)
      .set({ successionStage: data.stage as SuccessionStage })
      .where(eq(consultationCases.id, caseRow.id))
      .returning();
    if (!updated) throw new Error('case vanished');
    await addMilestone(tx, actor, caseRow, {
      kind: 'stage',
      value: data.stage,
      onDate: data.stageOn,
      note: data.stageNote,
    });
    await recordAudit(tx, actor, {
      action: 'consultation_case.stage',
      entityType: 'consultation_case',
      entityKey: String(caseRow.id),
      before: { successionStage: caseRow.successionStage },
      after: { successionStage: data.stage, stageOn: data.stageOn },
    });
    return { caseRow: updated, changed: true };
  });
}

export const ReferralSchema = z.object({
  referredOn: day('紹介日', 'date of referral'),
  referralNote: note,
});

/**
 * A succession case is referred to 東京都多摩地域事業承継・引継ぎ支援センター (M&A, a successor from
 * outside the family). The same day sent again adds nothing.
 */
export async function referToSuccessionCentre(
  db: Db,
  actor: Actor,
  caseId: number,
  input: z.input<typeof ReferralSchema>,
  options: { now?: Date } = {},
): Promise<{ caseRow: CaseRow; changed: boolean }> {
  const caseRow = await caseFor(db, actor, caseId);
  if (caseRow.kind !== 'succession')
    throw wrongKind(caseRow, 'succession', { ja: '引継ぎ支援センターへの紹介', en: 'A referral' });
  const data = parse(ReferralSchema, input, (d) =>
    dayProblems('referredOn', d.referredOn, caseRow, options.now),
  );
  if (caseRow.referredOn === data.referredOn) return { caseRow, changed: false };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(consultationCases)
      .set({ referredOn: data.referredOn })
      .where(eq(consultationCases.id, caseRow.id))
      .returning();
    if (!updated) throw new Error('case vanished');
    await addMilestone(tx, actor, caseRow, {
      kind: 'referral',
      value: 'succession-centre',
      onDate: data.referredOn,
      note: data.referralNote,
    });
    await recordAudit(tx, actor, {
      action: 'consultation_case.referral',
      entityType: 'consultation_case',
      entityKey: String(caseRow.id),
      before: { referredOn: caseRow.referredOn },
      after: { referredOn: data.referredOn },
    });
    return { caseRow: updated, changed: true };
  });
}

/** A case's outcome, stages and referrals, in the order recorded (the caller may read the case). */
export function milestonesOf(q: Queryable, caseId: number): Promise<MilestoneRow[]> {
  return q
    .select()
    .from(consultationMilestones)
    .where(eq(consultationMilestones.caseId, caseId))
    .orderBy(asc(consultationMilestones.id));
}
