import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { auditLog } from '../../platform/schema';
import { bilingual, parseInput } from '../../platform/validation';
import type { Measurement, MetricRegistry, MetricRequest } from './metric-registry';
import { subjectCode } from './metrics';
import {
  findKpi,
  findProject,
  type Kpi,
  kpiAim,
  kpiTargetValue,
  type Plan,
  type Project,
  type Subject,
  selectableYears,
} from './plan';
import { ofPlan, ofProjectYear } from './plan-scope';
import { achievementPercent, type Direction, type ProgressStatus, statusOf } from './progress';
import { improvementActions, manualActuals, pdcaCommitteeOpinions, pdcaReviews } from './schema';

export interface SubjectProgress {
  target: number | null;
  actual: number | null;
  achievementPercent: number | null;
  status: ProgressStatus;
  measurement: Measurement;
}
export interface ProjectProgress extends SubjectProgress {
  project: Project;
}
export interface KpiProgress extends SubjectProgress {
  kpi: Kpi;
}
export interface YearProgress {
  fiscalYear: number;
  projects: ProjectProgress[];
  kpis: KpiProgress[];
}

function assertYearIn(years: number[], fiscalYear: number): void {
  if (!years.includes(fiscalYear)) {
    const list = years.join(', ');
    throw new UserError('fiscal_year_outside_plan', 422, {
      ja: `${fiscalYear}年度はこの計画の対象外です。選べる年度: ${list}`,
      en: `Fiscal year ${fiscalYear} is outside this plan. Choose one of: ${list}`,
    });
  }
}

const otherMunicipality = new UserError('other_municipality', 403, {
  ja: 'この計画は別の自治体のものです。変更できるのは、ご自分の自治体の計画だけです。',
  en: "This plan belongs to another municipality. You can only change your own municipality's plan.",
});

/**
 * A person changes their own municipality's plan only. The catalogue hands an account whose
 * municipality has no plan here the default plan, so the routes alone do not ensure it.
 */
function assertActorOf(plan: Plan, actor: Actor): void {
  if (actor.municipalityCode !== plan.municipalityCode) throw otherMunicipality;
}

/** Actuals exist for the baseline year and the plan's years. */
export function assertSelectableYear(plan: Plan, fiscalYear: number): void {
  assertYearIn(selectableYears(plan), fiscalYear);
}

/** Targets, reviews and improvement actions exist for the plan's years only. */
export function assertPlanYear(plan: Plan, fiscalYear: number): void {
  assertYearIn(plan.fiscalYears, fiscalYear);
}

/** Measures every project and KPI of the plan for a fiscal year, asking each metric once. */
export async function measureYear(
  q: Queryable,
  plan: Plan,
  registry: MetricRegistry,
  fiscalYear: number,
): Promise<YearProgress> {
  assertSelectableYear(plan, fiscalYear);
  const requests: MetricRequest[] = [
    ...plan.projects.map((project) => ({
      subject: { kind: 'project', project } as Subject,
      binding: project.metric,
    })),
    ...plan.kpis.map((kpi) => ({
      subject: { kind: 'kpi', kpi } as Subject,
      binding: typeof kpi.metric === 'string' ? { key: kpi.metric, params: {} } : kpi.metric,
    })),
  ];
  const measurements = new Map<MetricRequest, Measurement>();
  const byKey = new Map<string, MetricRequest[]>();
  for (const request of requests)
    byKey.set(request.binding.key, [...(byKey.get(request.binding.key) ?? []), request]);
  for (const [key, group] of byKey) {
    const source = registry.get(key);
    if (!source) throw new Error(`metric "${key}" is not registered`);
    const results = await source.measure(q, { plan, fiscalYear }, group);
    group.forEach((request, i) => {
      measurements.set(request, results[i] ?? { value: null, records: [] });
    });
  }
  const evaluate = (
    target: number | null,
    measurement: Measurement,
    direction: Direction,
  ): SubjectProgress => ({
    target,
    actual: measurement.value,
    achievementPercent: target === null ? null : achievementPercent(target, measurement.value, direction),
    status:
      target === null
        ? measurement.value === null
          ? 'none'
          : 'achieved'
        : statusOf(target, measurement.value, direction, plan.file.evaluation),
    measurement,
  });
  return {
    fiscalYear,
    projects: requests
      .filter((r) => r.subject.kind === 'project')
      .map((r) => {
        const project = (r.subject as { project: Project }).project;
        const measurement = measurements.get(r) ?? { value: null, records: [] };
        return { project, ...evaluate(project.targets.get(fiscalYear) ?? null, measurement, project.aim) };
      }),
    kpis: requests
      .filter((r) => r.subject.kind === 'kpi')
      .map((r) => {
        const kpi = (r.subject as { kpi: Kpi }).kpi;
        const measured = measurements.get(r) ?? { value: null, records: [] };
        // the plan states each KPI's baseline-year figure; it stands unless someone recorded another
        const measurement =
          fiscalYear === plan.baselineYear && measured.value === null
            ? {
                value: kpi.baseline.value,
                records: [
                  { label: '計画書の実績値（基準値）', value: kpi.baseline.value, detail: kpi.baseline.note },
                ],
              }
            : measured;
        return { kpi, ...evaluate(kpiTargetValue(kpi), measurement, kpiAim(kpi)) };
      }),
  };
}

/** Every selectable year of the plan, measured. */
export async function measureHistory(q: Queryable, plan: Plan, registry: MetricRegistry) {
  const years = selectableYears(plan);
  return Promise.all(years.map((fy) => measureYear(q, plan, registry, fy)));
}

/** A project's figures for every selectable year, for its page and chart. */
export async function projectHistory(q: Queryable, plan: Plan, registry: MetricRegistry, code: string) {
  return (await measureHistory(q, plan, registry)).flatMap(({ fiscalYear, projects }) =>
    projects.filter((p) => p.project.code === code).map((progress) => ({ fiscalYear, progress })),
  );
}

/** A KPI's figures for every selectable year, for its page and chart. */
export async function kpiHistory(q: Queryable, plan: Plan, registry: MetricRegistry, code: string) {
  return (await measureHistory(q, plan, registry)).flatMap(({ fiscalYear, kpis }) =>
    kpis.filter((k) => k.kpi.code === code).map((progress) => ({ fiscalYear, progress })),
  );
}

// ---------------------------------------------------------------------------------------------
// Manual actuals

export const subjectKinds = ['project', 'kpi'] as const;

export const ManualActualSchema = z.object({
  subjectKind: z.enum(subjectKinds),
  subjectCode: z.string().trim().min(1),
  fiscalYear: z.coerce.number().int(),
  // numeric(14, 2) holds less than 10^12: a larger figure is a typing error, not a database failure
  value: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z
      .string()
      .trim()
      .regex(
        /^\d{1,12}(\.\d{1,2})?$/,
        bilingual(
          '0以上の数値を半角で入力してください（小数は2桁まで、12桁以内）。',
          'Enter a number of 0 or more (at most 2 decimals and 12 digits).',
        ),
      )
      .transform(Number),
  ),
  asOf: z.iso.date(),
  source: z.string().trim().min(1).max(200),
  note: z.string().trim().max(1000).default(''),
});
export type ManualActualInput = z.input<typeof ManualActualSchema>;

export const manualActualLabels = {
  subjectKind: { ja: '区分', en: 'Kind' },
  subjectCode: { ja: '実施事業・成果目標', en: 'Project or KPI' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  value: { ja: '実績値', en: 'Actual' },
  asOf: { ja: '基準日', en: 'As of' },
  source: { ja: '出典', en: 'Source' },
  note: { ja: '備考', en: 'Note' },
};

function subjectOf(plan: Plan, kind: 'project' | 'kpi', code: string): Subject {
  if (kind === 'project') {
    const project = findProject(plan, code);
    if (!project) throw notFound({ ja: `実施事業「${code}」`, en: `Project "${code}"` });
    return { kind, project };
  }
  const kpi = findKpi(plan, code);
  if (!kpi) throw notFound({ ja: `成果目標「${code}」`, en: `KPI "${code}"` });
  return { kind, kpi };
}

function bindingKey(subject: Subject): string {
  if (subject.kind === 'project') return subject.project.metric.key;
  return typeof subject.kpi.metric === 'string' ? subject.kpi.metric : subject.kpi.metric.key;
}

/** Checks a manual actual against the plan; returns the normalised values or throws a UserError. */
export function validateManualActual(plan: Plan, input: ManualActualInput, today = todayInJapan()) {
  const data = parseInput(ManualActualSchema, input, manualActualLabels);
  const subject = subjectOf(plan, data.subjectKind, data.subjectCode);
  if (bindingKey(subject) !== 'manual') {
    throw new UserError('actual_is_measured', 409, {
      ja: `この項目の実績は「${bindingKey(subject)}」から自動で集計されるため、手入力できません。`,
      en: `This figure is measured automatically from "${bindingKey(subject)}" and cannot be entered by hand.`,
    });
  }
  assertSelectableYear(plan, data.fiscalYear);
  if (data.asOf < `${data.fiscalYear}-04-01` || data.asOf > today) {
    throw new UserError('as_of_outside_range', 422, {
      ja: `基準日は${data.fiscalYear}年4月1日から今日までの日付にしてください。`,
      en: `The as-of date must be between 1 April ${data.fiscalYear} and today.`,
    });
  }
  return { ...data, subject };
}

/**
 * Records a figure for a `manual` metric. Entering the same subject, year and as-of date again
 * replaces that day's figure (so a repeated submission changes nothing) and both states are audited.
 */
export async function recordManualActual(db: Db, plan: Plan, actor: Actor, input: ManualActualInput) {
  const data = validateManualActual(plan, input);
  return db.transaction(async (tx) => writeManualActual(tx, plan, actor, data));
}

export type ManualActualChange = 'created' | 'updated' | 'unchanged';

/**
 * Writes one validated figure inside the caller's transaction. The same figure again changes
 * nothing and logs nothing; writes of the same subject, year and as-of date are serialised by a
 * transaction lock, so two at once cannot both be logged as new.
 */
export async function writeManualActual(
  tx: Queryable,
  plan: Plan,
  actor: Actor,
  data: ReturnType<typeof validateManualActual>,
): Promise<{ change: ManualActualChange; actual: typeof manualActuals.$inferSelect }> {
  assertActorOf(plan, actor);
  const entityKey = `${plan.id}/${data.subjectCode}/${data.fiscalYear}`;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`${plan.municipalityCode}/${entityKey}/${data.asOf}`}))`,
  );
  const [before] = await tx
    .select()
    .from(manualActuals)
    .where(
      and(
        ofPlan(manualActuals, plan),
        eq(manualActuals.subjectKind, data.subjectKind),
        eq(manualActuals.subjectCode, data.subjectCode),
        eq(manualActuals.fiscalYear, data.fiscalYear),
        eq(manualActuals.asOf, data.asOf),
      ),
    );
  if (before && before.value === data.value && before.source === data.source && before.note === data.note) {
    return { change: 'unchanged', actual: before };
  }
  const values = {
    value: data.value,
    source: data.source,
    note: data.note,
    enteredBy: actor.accountId,
    enteredByName: actor.name,
    enteredAt: new Date(),
  };
  const [after] = before
    ? await tx.update(manualActuals).set(values).where(eq(manualActuals.id, before.id)).returning()
    : await tx
        .insert(manualActuals)
        .values({
          municipalityCode: plan.municipalityCode,
          planId: plan.id,
          subjectKind: data.subjectKind,
          subjectCode: data.subjectCode,
          fiscalYear: data.fiscalYear,
          asOf: data.asOf,
          ...values,
        })
        .returning();
  if (!after) throw new Error('manual actual write returned nothing');
  const state = (r: typeof manualActuals.$inferSelect) => ({
    value: r.value,
    asOf: r.asOf,
    source: r.source,
    note: r.note,
  });
  await recordAudit(tx, actor, {
    action: before ? 'manual_actual.update' : 'manual_actual.create',
    entityType: `plan.${data.subjectKind}`,
    entityKey,
    before: before ? state(before) : null,
    after: state(after),
  });
  return { change: before ? 'updated' : 'created', actual: after };
}

/**
 * Loads many figures into a plan that has none of them yet (demo data, a first migration of past
 * years): validated like any other, written in one statement, logged as one seeding. Figures that
 * already exist are left as they are.
 */
export async function seedManualActuals(db: Db, plan: Plan, actor: Actor, inputs: ManualActualInput[]) {
  assertActorOf(plan, actor);
  const figures = inputs.map((input) => validateManualActual(plan, input));
  if (figures.length === 0) return 0;
  return db.transaction(async (tx) => {
    const written = await tx
      .insert(manualActuals)
      .values(
        figures.map(({ subject: _, ...figure }) => ({
          municipalityCode: plan.municipalityCode,
          planId: plan.id,
          ...figure,
          enteredBy: actor.accountId,
          enteredByName: actor.name,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: manualActuals.id });
    await recordAudit(tx, actor, {
      action: 'manual_actual.seed',
      entityType: 'plan',
      entityKey: plan.id,
      after: { figures: written.length, fiscalYears: [...new Set(figures.map((f) => f.fiscalYear))] },
    });
    return written.length;
  });
}

// ---------------------------------------------------------------------------------------------
// PDCA: CHECK (review) and ACT (improvement actions)

export const ReviewSchema = z.object({
  projectCode: z.string().min(1),
  fiscalYear: z.coerce.number().int(),
  grade: z.string().trim().max(20).default(''),
  departmentComment: z.string().trim().max(4000).default(''),
  /** the version the editor started from; 0 when there was no review yet */
  version: z.coerce.number().int().min(0),
});
export type ReviewInput = z.input<typeof ReviewSchema>;

export const reviewLabels = {
  grade: { ja: '評価', en: 'Grade' },
  departmentComment: { ja: '所管課の評価コメント', en: "Department's comment" },
};

export async function findReview(q: Queryable, plan: Plan, projectCode: string, fiscalYear: number) {
  const [row] = await q
    .select()
    .from(pdcaReviews)
    .where(ofProjectYear(pdcaReviews, plan, projectCode, fiscalYear));
  return row;
}

export async function listReviews(q: Queryable, plan: Plan, fiscalYear: number) {
  return q
    .select()
    .from(pdcaReviews)
    .where(and(ofPlan(pdcaReviews, plan), eq(pdcaReviews.fiscalYear, fiscalYear)));
}

const staleEdit = new UserError('edit_conflict', 409, {
  ja: '他の人がこの評価を先に更新しました。最新の内容を確認してから、もう一度入力してください。',
  en: 'Someone else updated this review first. Check the latest version and enter your changes again.',
});

/** Writes the CHECK of a project's fiscal year; an edit based on an outdated version is refused. */
export async function saveReview(db: Db, plan: Plan, actor: Actor, input: ReviewInput) {
  assertActorOf(plan, actor);
  const data = parseInput(ReviewSchema, input, reviewLabels);
  const project = findProject(plan, data.projectCode);
  if (!project)
    throw notFound({ ja: `実施事業「${data.projectCode}」`, en: `Project "${data.projectCode}"` });
  assertPlanYear(plan, data.fiscalYear);
  const grades = plan.file.evaluation.grades.map((g) => g.code);
  if (data.grade && !grades.includes(data.grade)) {
    throw new UserError('unknown_grade', 422, {
      ja: `評価は ${grades.join('・')} のいずれかを選んでください。`,
      en: `Choose a grade from ${grades.join(', ')}.`,
    });
  }
  return db.transaction(async (tx) => {
    const before = await findReview(tx, plan, data.projectCode, data.fiscalYear);
    const values = {
      grade: data.grade || null,
      departmentComment: data.departmentComment,
      updatedBy: actor.accountId,
      updatedByName: actor.name,
      updatedAt: new Date(),
    };
    let after: typeof pdcaReviews.$inferSelect | undefined;
    if (!before) {
      if (data.version !== 0) throw staleEdit;
      [after] = await tx
        .insert(pdcaReviews)
        .values({
          municipalityCode: plan.municipalityCode,
          planId: plan.id,
          projectCode: data.projectCode,
          fiscalYear: data.fiscalYear,
          ...values,
        })
        .onConflictDoNothing()
        .returning();
    } else {
      [after] = await tx
        .update(pdcaReviews)
        .set({ ...values, version: sql`${pdcaReviews.version} + 1` })
        .where(and(eq(pdcaReviews.id, before.id), eq(pdcaReviews.version, data.version)))
        .returning();
    }
    if (!after) throw staleEdit;
    await recordAudit(tx, actor, {
      action: before ? 'pdca_review.update' : 'pdca_review.create',
      entityType: 'plan.project',
      entityKey: `${plan.id}/${data.projectCode}/${data.fiscalYear}`,
      before: before ? reviewState(before) : null,
      after: reviewState(after),
    });
    return after;
  });
}

function reviewState(r: typeof pdcaReviews.$inferSelect) {
  return {
    grade: r.grade,
    departmentComment: r.departmentComment,
    version: r.version,
  };
}

// 委員会の意見: the committee's opinion, a record of its own beside the department's review

export const CommitteeOpinionSchema = z.object({
  projectCode: z.string().min(1),
  fiscalYear: z.coerce.number().int(),
  opinion: z.string().trim().min(1, bilingual('意見を入力してください。', 'Write the opinion.')).max(4000),
  /** the version the committee member started from; 0 when there was no opinion yet */
  version: z.coerce.number().int().min(0),
});
export type CommitteeOpinionInput = z.input<typeof CommitteeOpinionSchema>;

export const committeeOpinionLabels = {
  opinion: { ja: '委員会の意見', en: "Committee's opinion" },
};

export async function findCommitteeOpinion(
  q: Queryable,
  plan: Plan,
  projectCode: string,
  fiscalYear: number,
) {
  const [row] = await q
    .select()
    .from(pdcaCommitteeOpinions)
    .where(ofProjectYear(pdcaCommitteeOpinions, plan, projectCode, fiscalYear));
  return row;
}

export async function listCommitteeOpinions(q: Queryable, plan: Plan, fiscalYear: number) {
  return q
    .select()
    .from(pdcaCommitteeOpinions)
    .where(and(ofPlan(pdcaCommitteeOpinions, plan), eq(pdcaCommitteeOpinions.fiscalYear, fiscalYear)));
}

const staleOpinion = new UserError('edit_conflict', 409, {
  ja: '他の委員がこの意見を先に更新しました。最新の内容を確認してから、もう一度入力してください。',
  en: 'Another committee member updated this opinion first. Check the latest version and enter your changes again.',
});

/**
 * Writes the committee's opinion on a project's fiscal year. Only committee members reach it (the
 * route's permission); the department's review is never touched, and an edit based on an outdated
 * version is refused.
 */
export async function saveCommitteeOpinion(db: Db, plan: Plan, actor: Actor, input: CommitteeOpinionInput) {
  assertActorOf(plan, actor);
  const data = parseInput(CommitteeOpinionSchema, input, committeeOpinionLabels);
  if (!findProject(plan, data.projectCode))
    throw notFound({ ja: `実施事業「${data.projectCode}」`, en: `Project "${data.projectCode}"` });
  assertPlanYear(plan, data.fiscalYear);
  return db.transaction(async (tx) => {
    const before = await findCommitteeOpinion(tx, plan, data.projectCode, data.fiscalYear);
    const values = {
      opinion: data.opinion,
      writtenBy: actor.accountId,
      writtenByName: actor.name,
      updatedAt: new Date(),
    };
    let after: typeof pdcaCommitteeOpinions.$inferSelect | undefined;
    if (!before) {
      if (data.version !== 0) throw staleOpinion;
      [after] = await tx
        .insert(pdcaCommitteeOpinions)
        .values({
          municipalityCode: plan.municipalityCode,
          planId: plan.id,
          projectCode: data.projectCode,
          fiscalYear: data.fiscalYear,
          ...values,
        })
        .onConflictDoNothing()
        .returning();
    } else {
      // the same words again change nothing, whoever saved them
      if (before.opinion === data.opinion) return before;
      [after] = await tx
        .update(pdcaCommitteeOpinions)
        .set({ ...values, version: sql`${pdcaCommitteeOpinions.version} + 1` })
        .where(and(eq(pdcaCommitteeOpinions.id, before.id), eq(pdcaCommitteeOpinions.version, data.version)))
        .returning();
    }
    if (!after) throw staleOpinion;
    await recordAudit(tx, actor, {
      action: before ? 'committee_opinion.update' : 'committee_opinion.create',
      entityType: 'plan.project',
      entityKey: `${plan.id}/${data.projectCode}/${data.fiscalYear}`,
      before: before ? { opinion: before.opinion, version: before.version } : null,
      after: { opinion: after.opinion, version: after.version },
    });
    return after;
  });
}

export const actionStatuses = ['planned', 'in-progress', 'done'] as const;
export const actionStatusLabels = {
  planned: { ja: '未着手', en: 'Planned' },
  'in-progress': { ja: '対応中', en: 'In progress' },
  done: { ja: '完了', en: 'Done' },
} as const;

export const ImprovementActionSchema = z.object({
  projectCode: z.string().min(1),
  fiscalYear: z.coerce.number().int(),
  description: z.string().trim().min(1).max(2000),
  ownerOrganisation: z.string().trim().min(1),
  // zod 4 hands a default over as the output without parsing it, so the default must be null, not ''
  dueDate: z.union([z.literal('').transform(() => null), z.iso.date()]).default(null),
  status: z.enum(actionStatuses).default('planned'),
  idempotencyKey: z.string().min(8).max(100),
});
export type ImprovementActionInput = z.input<typeof ImprovementActionSchema>;

export const actionLabels = {
  description: { ja: '改善内容', en: 'Improvement' },
  ownerOrganisation: { ja: '担当機関', en: 'Owner organisation' },
  dueDate: { ja: '期限', en: 'Due date' },
  status: { ja: '状況', en: 'Status' },
};

/** The owner is one of the plan's organisations (第5章); a plan that names none takes any name. */
function assertOrganisation(plan: Plan, code: string) {
  const named = plan.file.organisations;
  if (named.length > 0 && !named.some((o) => o.code === code)) {
    throw new UserError('unknown_organisation', 422, {
      ja: '担当機関は一覧から選んでください。',
      en: 'Choose the owner organisation from the list.',
    });
  }
}

const idempotencyKeyReused = new UserError('idempotency_key_reused', 409, {
  ja: 'このフォームは別の改善項目の追加に使われています。ページを読み込み直してから入力してください。',
  en: 'This form was already used to add another improvement action. Reload the page and enter it again.',
});

/** Adds an ACT item; the same form submitted twice (same idempotency key) adds it once. */
export async function addImprovementAction(db: Db, plan: Plan, actor: Actor, input: ImprovementActionInput) {
  assertActorOf(plan, actor);
  const data = parseInput(ImprovementActionSchema, input, actionLabels);
  if (!findProject(plan, data.projectCode))
    throw notFound({ ja: `実施事業「${data.projectCode}」`, en: `Project "${data.projectCode}"` });
  assertPlanYear(plan, data.fiscalYear);
  assertOrganisation(plan, data.ownerOrganisation);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(improvementActions)
      .values({
        municipalityCode: plan.municipalityCode,
        planId: plan.id,
        ...data,
        createdBy: actor.accountId,
      })
      .onConflictDoNothing({ target: improvementActions.idempotencyKey })
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(improvementActions)
        .where(eq(improvementActions.idempotencyKey, data.idempotencyKey));
      const sameForm =
        existing &&
        existing.municipalityCode === plan.municipalityCode &&
        existing.planId === plan.id &&
        existing.projectCode === data.projectCode &&
        existing.fiscalYear === data.fiscalYear;
      if (!sameForm) throw idempotencyKeyReused;
      return existing;
    }
    await recordAudit(tx, actor, {
      action: 'improvement_action.create',
      entityType: 'plan.project',
      entityKey: `${plan.id}/${data.projectCode}/${data.fiscalYear}`,
      after: {
        id: created.id,
        description: created.description,
        ownerOrganisation: created.ownerOrganisation,
        dueDate: created.dueDate,
        status: created.status,
      },
    });
    return created;
  });
}

export const ActionStatusChangeSchema = z.object({
  id: z.coerce.number().int().positive(),
  status: z.enum(actionStatuses),
});

/** Moves an ACT item to a new status (未着手 → 対応中 → 完了); setting the same status again changes nothing. */
export async function changeImprovementActionStatus(
  db: Db,
  plan: Plan,
  actor: Actor,
  input: z.input<typeof ActionStatusChangeSchema>,
) {
  assertActorOf(plan, actor);
  const data = parseInput(ActionStatusChangeSchema, input, actionLabels);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(improvementActions)
      .where(and(eq(improvementActions.id, data.id), ofPlan(improvementActions, plan)))
      .for('update');
    if (!before) throw notFound({ ja: '改善項目', en: 'Improvement action' });
    if (before.status === data.status) return before;
    const [after] = await tx
      .update(improvementActions)
      .set({ status: data.status, version: sql`${improvementActions.version} + 1`, updatedAt: new Date() })
      .where(eq(improvementActions.id, data.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'improvement_action.status',
      entityType: 'plan.project',
      entityKey: `${plan.id}/${before.projectCode}/${before.fiscalYear}`,
      before: { id: before.id, status: before.status },
      after: { id: before.id, status: data.status },
    });
    return after;
  });
}

export async function listImprovementActions(q: Queryable, plan: Plan, projectCode?: string) {
  return q
    .select()
    .from(improvementActions)
    .where(
      and(
        ofPlan(improvementActions, plan),
        projectCode ? eq(improvementActions.projectCode, projectCode) : undefined,
      ),
    )
    .orderBy(desc(improvementActions.fiscalYear), improvementActions.id);
}

/** The audit trail of a project or KPI, newest first. */
export async function auditTrail(
  q: Queryable,
  plan: Plan,
  kind: 'project' | 'kpi',
  code: string,
  limit = 50,
) {
  return q
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.municipalityCode, plan.municipalityCode),
        eq(auditLog.entityType, `plan.${kind}`),
        sql`${auditLog.entityKey} like ${`${plan.id}/${code}/%`}`,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

export { subjectCode };
