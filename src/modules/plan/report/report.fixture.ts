import { kpiTargetValue, type Plan } from '../plan';
import { achievementPercent, statusOf } from '../progress';
import type { YearProgress } from '../service';

// For the report's unit tests: a measured year without a database.

/** The year's figures as measureYear gives them, from a table of actuals by project or KPI code. */
export function progressOf(plan: Plan, fiscalYear: number, actuals: Record<string, number>): YearProgress {
  const evaluation = plan.file.evaluation;
  const figures = (target: number | null, actual: number | null) => ({
    target,
    actual,
    achievementPercent: target === null ? null : achievementPercent(target, actual, 'higher'),
    status: target === null ? ('none' as const) : statusOf(target, actual, 'higher', evaluation),
    measurement: { value: actual, records: [] },
  });
  return {
    fiscalYear,
    projects: plan.projects.map((project) => ({
      project,
      ...figures(project.targets.get(fiscalYear) ?? null, actuals[project.code] ?? null),
    })),
    kpis: plan.kpis.map((kpi) => ({ kpi, ...figures(kpiTargetValue(kpi), actuals[kpi.code] ?? null) })),
  };
}
