import type { Queryable } from '../../db/connection';
import {
  elapsedOf,
  fiscalYearOn,
  type GradeStep,
  gradeScaleOf,
  type InYearJudgement,
  type JudgingMode,
  judgeInYear,
  type YearElapsed,
} from './in-year';
import type { MetricRegistry } from './metric-registry';
import { kpiAccrual, kpiAim, type Plan, selectableYears } from './plan';
import { measureYear, type ProjectProgress, type YearProgress } from './service';

/** A plan year judged at a date inside it: every project's and KPI's in-year judgement by code. */
export interface InYearProgress {
  /** yyyy-mm-dd, Japan: the day the figures are judged at */
  date: string;
  fiscalYear: number;
  mode: JudgingMode;
  elapsed: YearElapsed;
  scale: GradeStep[];
  projects: Map<string, InYearJudgement>;
  kpis: Map<string, InYearJudgement>;
}

/** In-year judging applies to a plan year while it runs: the date lies inside it. */
export function isRunning(plan: Plan, fiscalYear: number, date: string): boolean {
  return plan.fiscalYears.includes(fiscalYear) && fiscalYearOn(date) === fiscalYear;
}

/** The figure of the year before, when the plan has that year (its baseline year included). */
function previousYearOf(plan: Plan, fiscalYear: number): number | undefined {
  return selectableYears(plan).includes(fiscalYear - 1) ? fiscalYear - 1 : undefined;
}

/**
 * One project's judgement: a level or running total starts from the previous year's actual, or
 * without one from the previous year's target (the line the plan's own yearly targets draw).
 */
export function judgeProjectInYear(
  row: ProjectProgress,
  previousActual: number | null,
  at: Parameters<typeof judgeInYear>[1],
): InYearJudgement {
  return judgeInYear(
    {
      target: row.target,
      actual: row.actual,
      start: previousActual ?? row.project.targets.get(at.fiscalYear - 1) ?? null,
      direction: row.project.aim,
      accrual: row.project.accrual,
    },
    at,
  );
}

/** How a plan judges in-year: its mode and its grade scale, at a date of a fiscal year. */
export function judgingAt(plan: Plan, fiscalYear: number, date: string) {
  return {
    date,
    fiscalYear,
    mode: plan.file.evaluation.inYear.mode,
    scale: gradeScaleOf(plan.file.evaluation),
  };
}

/**
 * Judges every project and KPI of a running year at a date. A level or running total starts from
 * the previous year's actual; without one, a KPI from its baseline and a project from the previous
 * year's target (the line the plan's own yearly targets draw). Pure: the caller measures both years.
 */
export function judgeYear(
  plan: Plan,
  progress: YearProgress,
  previous: YearProgress | undefined,
  date: string,
): InYearProgress {
  const fy = progress.fiscalYear;
  const at = judgingAt(plan, fy, date);
  const { mode, scale } = at;
  const projects = new Map(
    progress.projects.map((row) => {
      const before = previous?.projects.find((p) => p.project.code === row.project.code);
      return [row.project.code, judgeProjectInYear(row, before?.actual ?? null, at)] as const;
    }),
  );
  const kpis = new Map(
    progress.kpis.map((row) => {
      const before = previous?.kpis.find((k) => k.kpi.code === row.kpi.code);
      return [
        row.kpi.code,
        judgeInYear(
          {
            target: row.target,
            actual: row.actual,
            start: before?.actual ?? row.kpi.baseline.value,
            direction: kpiAim(row.kpi),
            accrual: kpiAccrual(row.kpi),
          },
          at,
        ),
      ] as const;
    }),
  );
  return { date, fiscalYear: fy, mode, elapsed: elapsedOf(date, fy, mode), scale, projects, kpis };
}

/**
 * The in-year judgement of a measured year at a date, or null when the year is not running then
 * (a past year is judged on its whole, a later one has not begun). The previous year is measured
 * only when a level or a running total needs where it started.
 */
export async function measureInYear(
  q: Queryable,
  plan: Plan,
  registry: MetricRegistry,
  progress: YearProgress,
  date: string,
): Promise<InYearProgress | null> {
  if (!isRunning(plan, progress.fiscalYear, date)) return null;
  const needsStart =
    progress.projects.some((p) => p.project.accrual === 'level' || p.project.accrual === 'cumulative') ||
    progress.kpis.some((k) => ['level', 'cumulative'].includes(kpiAccrual(k.kpi)));
  const previousYear = previousYearOf(plan, progress.fiscalYear);
  const previous =
    needsStart && previousYear !== undefined ? await measureYear(q, plan, registry, previousYear) : undefined;
  return judgeYear(plan, progress, previous, date);
}
