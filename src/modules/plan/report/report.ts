import type { Queryable } from '../../../db/connection';
import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import { type Lang, localise, type Text, titleIn } from '../../../platform/i18n';
import type { MetricRegistry } from '../metric-registry';
import type { Plan } from '../plan';
import { type ProgressStatus, statusLabels } from '../progress';
import type { improvementActions, pdcaCommitteeOpinions, pdcaReviews } from '../schema';
import {
  type actionStatuses,
  actionStatusLabels,
  assertSelectableYear,
  listCommitteeOpinions,
  listImprovementActions,
  listReviews,
  measureYear,
  type YearProgress,
} from '../service';

/** A plan element's title in both languages; pages and the workbook pick one. */
export interface Titled {
  title: string;
  titleEn?: string | undefined;
}

export type ImprovementActionStatus = (typeof actionStatuses)[number];

export interface ReportAction {
  description: string;
  owner: { code: string; name: string; nameEn?: string | undefined };
  /** yyyy-mm-dd, or null when no due date was set */
  dueDate: string | null;
  status: ImprovementActionStatus;
}

/** One 実施事業 of the year: the plan's figures, the CHECK and the ACT. */
export interface ReportProjectRow extends Titled {
  code: string;
  isNew: boolean;
  indicator: string;
  unit: string;
  target: number | null;
  actual: number | null;
  achievementPercent: number | null;
  status: ProgressStatus;
  grade: { code: string; label: string; labelEn?: string | undefined } | null;
  /** 所管課の評価コメント */
  departmentComment: string;
  /** 委員会の意見, written by the committee apart from the department (decision 033) */
  committeeOpinion: string;
  actions: ReportAction[];
}

export interface ReportMeasure extends Titled {
  code: string;
  /** 重点施策 */
  priority: boolean;
  projects: ReportProjectRow[];
}

export interface ReportDirection extends Titled {
  code: string;
  measures: ReportMeasure[];
}

/** One 成果目標 of the year. */
export interface ReportKpiRow extends Titled {
  code: string;
  unit: string;
  cumulative: boolean;
  baseline: { value: number; fiscalYear: number; note?: string | undefined };
  /** keep = 維持: the target is the baseline figure */
  targetKind: 'keep' | 'value' | 'lower';
  target: number;
  /** the year the target is set for: the plan's last year */
  targetYear: number;
  actual: number | null;
  achievementPercent: number | null;
  status: ProgressStatus;
}

export type StatusCount = Record<ProgressStatus, number>;

/** 進捗状況報告書: everything the committee's report shows, built once for the page and the workbook. */
export interface ProgressReport {
  plan: Titled & { id: string; municipality: { code: string; name: string; nameEn?: string | undefined } };
  fiscalYear: number;
  /** the baseline year has no annual targets, reviews or improvement actions */
  isBaselineYear: boolean;
  /** yyyy-mm-dd in Japan: 作成日 */
  createdOn: string;
  directions: ReportDirection[];
  kpis: ReportKpiRow[];
  summary: { projects: StatusCount; kpis: StatusCount };
  /** false while nothing (actual, evaluation, comment or improvement) has been entered for the year */
  hasEntries: boolean;
}

export const progressStatuses: readonly ProgressStatus[] = ['achieved', 'nearly', 'missed', 'none'];

type Review = Pick<
  typeof pdcaReviews.$inferSelect,
  'projectCode' | 'fiscalYear' | 'grade' | 'departmentComment'
>;
type Opinion = Pick<typeof pdcaCommitteeOpinions.$inferSelect, 'projectCode' | 'fiscalYear' | 'opinion'>;
type Action = Pick<
  typeof improvementActions.$inferSelect,
  'id' | 'projectCode' | 'fiscalYear' | 'description' | 'ownerOrganisation' | 'dueDate' | 'status'
>;

export interface ReportSources {
  plan: Plan;
  progress: YearProgress;
  reviews: Review[];
  /** the committee's opinions (委員会の意見); none when the committee has written nothing */
  opinions?: Opinion[];
  actions: Action[];
  /** yyyy-mm-dd */
  today: string;
}

function countByStatus(statuses: ProgressStatus[]): StatusCount {
  const count: StatusCount = { achieved: 0, nearly: 0, missed: 0, none: 0 };
  for (const status of statuses) count[status]++;
  return count;
}

/**
 * Builds the report of one fiscal year from figures already measured and the PDCA records already
 * loaded; reviews and actions of other years are ignored, so callers may pass them all.
 */
export function buildProgressReport({
  plan,
  progress,
  reviews,
  opinions = [],
  actions,
  today,
}: ReportSources): ProgressReport {
  const fy = progress.fiscalYear;
  const opinionOf = new Map(opinions.filter((o) => o.fiscalYear === fy).map((o) => [o.projectCode, o]));
  const projectProgress = new Map(progress.projects.map((p) => [p.project.code, p]));
  const reviewOf = new Map(reviews.filter((r) => r.fiscalYear === fy).map((r) => [r.projectCode, r]));
  const actionsOf = new Map<string, Action[]>();
  for (const action of [...actions].filter((a) => a.fiscalYear === fy).sort((a, b) => a.id - b.id)) {
    actionsOf.set(action.projectCode, [...(actionsOf.get(action.projectCode) ?? []), action]);
  }
  const organisation = (code: string) => {
    const org = plan.file.organisations.find((o) => o.code === code);
    return org ? { code, name: org.name, nameEn: org.nameEn } : { code, name: code };
  };
  const grades = plan.file.evaluation.grades;

  const directions: ReportDirection[] = plan.file.directions.map((direction) => ({
    code: direction.code,
    title: direction.title,
    titleEn: direction.titleEn,
    measures: direction.measures.map((measure) => ({
      code: measure.code,
      title: measure.title,
      titleEn: measure.titleEn,
      priority: measure.priority,
      projects: measure.projects.map((project): ReportProjectRow => {
        const figures = projectProgress.get(project.code);
        const review = reviewOf.get(project.code);
        const grade = review?.grade ? grades.find((g) => g.code === review.grade) : undefined;
        return {
          code: project.code,
          title: project.title,
          titleEn: project.titleEn,
          isNew: project.isNew,
          indicator: project.indicator,
          unit: project.unit,
          target: figures?.target ?? null,
          actual: figures?.actual ?? null,
          achievementPercent: figures?.achievementPercent ?? null,
          status: figures?.status ?? 'none',
          grade: grade ? { code: grade.code, label: grade.label, labelEn: grade.labelEn } : null,
          departmentComment: review?.departmentComment ?? '',
          committeeOpinion: opinionOf.get(project.code)?.opinion ?? '',
          actions: (actionsOf.get(project.code) ?? []).map((a) => ({
            description: a.description,
            owner: organisation(a.ownerOrganisation),
            dueDate: a.dueDate,
            status: a.status as ImprovementActionStatus,
          })),
        };
      }),
    })),
  }));

  const targetYear = plan.fiscalYears.at(-1) ?? fy;
  const kpis: ReportKpiRow[] = progress.kpis.map((row) => ({
    code: row.kpi.code,
    title: row.kpi.title,
    titleEn: row.kpi.titleEn,
    unit: row.kpi.unit,
    cumulative: row.kpi.cumulative,
    baseline: { value: row.kpi.baseline.value, fiscalYear: plan.baselineYear, note: row.kpi.baseline.note },
    targetKind: row.kpi.target.kind,
    target: row.target ?? row.kpi.baseline.value,
    targetYear,
    actual: row.actual,
    achievementPercent: row.achievementPercent,
    status: row.status,
  }));

  const projectRows = directions.flatMap((d) => d.measures.flatMap((m) => m.projects));
  const isBaselineYear = fy === plan.baselineYear;
  return {
    plan: {
      id: plan.id,
      title: plan.file.title,
      titleEn: plan.file.titleEn,
      municipality: {
        code: plan.municipalityCode,
        name: plan.file.municipality.name,
        nameEn: plan.file.municipality.nameEn,
      },
    },
    fiscalYear: fy,
    isBaselineYear,
    createdOn: today,
    directions,
    kpis,
    summary: {
      projects: countByStatus(projectRows.map((p) => p.status)),
      kpis: countByStatus(kpis.map((k) => k.status)),
    },
    hasEntries:
      projectRows.some(
        (p) => p.actual !== null || p.grade || p.departmentComment || p.committeeOpinion || p.actions.length,
      ) ||
      // the baseline year's KPI figures are the plan's own, not something entered
      (!isBaselineYear && kpis.some((k) => k.actual !== null)),
  };
}

/** Measures the year and loads its PDCA records, then builds the report. */
export async function loadProgressReport(
  q: Queryable,
  plan: Plan,
  metrics: MetricRegistry,
  fiscalYear: number,
  today = todayInJapan(),
): Promise<ProgressReport> {
  assertSelectableYear(plan, fiscalYear);
  const [progress, reviews, opinions, actions] = await Promise.all([
    measureYear(q, plan, metrics, fiscalYear),
    listReviews(q, plan, fiscalYear),
    listCommitteeOpinions(q, plan, fiscalYear),
    listImprovementActions(q, plan),
  ]);
  return buildProgressReport({ plan, progress, reviews, opinions, actions, today });
}

// ---------------------------------------------------------------------------------------------
// Words shared by the page and the workbook, so both say the same thing

export const reportWords = {
  title: { ja: '進捗状況報告書', en: 'Progress report' },
  createdOn: { ja: '作成日', en: 'Created on' },
  direction: { ja: '基本的方向性', en: 'Direction' },
  measure: { ja: '個別施策', en: 'Measure' },
  priority: { ja: '重点施策', en: 'Priority' },
  isNew: { ja: '新規事業', en: 'New' },
  project: { ja: '実施事業', en: 'Project' },
  indicator: { ja: '指標（単位）', en: 'Indicator (unit)' },
  target: { ja: '年間目標', en: 'Target' },
  actual: { ja: '実績', en: 'Actual' },
  achievement: { ja: '達成率', en: 'Achievement' },
  status: { ja: '状況', en: 'Status' },
  check: { ja: '評価（CHECK）', en: 'Evaluation (CHECK)' },
  grade: { ja: '評価', en: 'Grade' },
  departmentComment: { ja: '所管課の評価コメント', en: "Department's comment" },
  committeeOpinion: { ja: '委員会の意見', en: "Committee's opinion" },
  improvement: { ja: '改善（ACTION）', en: 'Improvement (ACT)' },
  owner: { ja: '担当', en: 'Owner' },
  due: { ja: '期限', en: 'Due' },
  kpis: { ja: '成果目標', en: 'Outcome KPIs' },
  kpi: { ja: '項目', en: 'KPI' },
  unit: { ja: '単位', en: 'Unit' },
  baseline: { ja: '基準値', en: 'Baseline' },
  kpiTarget: { ja: '目標値', en: 'Target' },
  keep: { ja: '維持', en: 'Keep' },
  lower: { ja: '以下', en: 'or less' },
  cumulative: { ja: '累計', en: 'cumulative' },
  summary: { ja: '実施事業の状況', en: 'Projects by status' },
  projectsUnit: { ja: '事業', en: 'projects' },
  baselineYear: {
    ja: '基準年は計画策定時の実績です。実施事業の年間目標・評価・改善はありません。',
    en: 'The baseline year shows the figures the plan started from; projects have no targets, evaluations or improvements for it.',
  },
} satisfies Record<string, Text>;

export function directionHeading(lang: Lang, d: ReportDirection): string {
  return lang === 'en' ? `${d.code}. ${titleIn(lang, d)}` : `${d.code}．${d.title}`;
}

/** 1-1 事業承継の促進【重点施策】 */
export function measureHeading(lang: Lang, m: ReportMeasure): string {
  const mark = m.priority ? (lang === 'en' ? ' [priority]' : '【重点施策】') : '';
  return `${m.code} ${titleIn(lang, m)}${mark}`;
}

/** 参加者数（人） */
export function indicatorText(row: { indicator: string; unit: string }): string {
  return `${row.indicator}（${row.unit}）`;
}

/** A（順調）, or '' when not graded yet */
export function gradeText(lang: Lang, grade: ReportProjectRow['grade']): string {
  if (!grade) return '';
  const label = lang === 'en' && grade.labelEn ? grade.labelEn : grade.label;
  return lang === 'en' ? `${grade.code} (${label})` : `${grade.code}（${label}）`;
}

export function ownerName(lang: Lang, owner: ReportAction['owner']): string {
  return lang === 'en' && owner.nameEn ? owner.nameEn : owner.name;
}

export function actionStatusText(lang: Lang, status: ImprovementActionStatus): string {
  return localise(lang, actionStatusLabels[status] ?? { ja: status, en: status });
}

/** 担当：商工会／期限：令和9年3月31日／対応中 */
export function actionFacts(lang: Lang, action: ReportAction): string {
  const due = action.dueDate ? formatDate(lang, action.dueDate) : '—';
  return lang === 'en'
    ? `Owner: ${ownerName(lang, action.owner)} / Due: ${due} / ${actionStatusText(lang, action.status)}`
    : `担当：${ownerName(lang, action.owner)}／期限：${due}／${actionStatusText(lang, action.status)}`;
}

export function statusText(lang: Lang, status: ProgressStatus): string {
  return localise(lang, statusLabels[status]);
}

/** 達成 3・概ね達成 5・未達 2・未入力 4 */
export function summaryText(lang: Lang, count: StatusCount): string {
  return progressStatuses.map((s) => `${statusText(lang, s)} ${count[s]}`).join(lang === 'en' ? ', ' : '・');
}
