import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Clock } from '../../platform/clock';
import { todayInJapan } from '../../platform/fiscal-year';
import { type AppEnv, actorOf, requirePermission } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import type { PlanCatalogue } from './catalogue';
import { yearFor } from './drill-down';
import type { InYearJudgement } from './in-year';
import { type InYearProgress, measureInYear } from './in-year-progress';
import type { MetricRegistry } from './metric-registry';
import { planPermissions as can_ } from './permissions';
import { fiscalYearFrom } from './routes';
import { ManualActualSchema, measureYear, recordManualActual, type YearProgress } from './service';

/** One subject's in-year judgement as the API gives it. */
function inYearJson(judgement: InYearJudgement | undefined) {
  if (!judgement) return null;
  return {
    state: judgement.state,
    expected: judgement.expected,
    progressPercent: judgement.progressPercent,
    grade: judgement.grade?.code ?? null,
    projected: judgement.projected,
  };
}

/** The progress of a fiscal year as the API gives it: the same figures as the dashboard. */
export function progressJson(
  progress: YearProgress,
  plan: { id: string; municipalityCode: string },
  inYear: InYearProgress | null = null,
) {
  return {
    planId: plan.id,
    municipalityCode: plan.municipalityCode,
    fiscalYear: progress.fiscalYear,
    /** while the year runs: the day it is judged at and how (decision 033); null otherwise */
    inYear: inYear
      ? {
          date: inYear.date,
          mode: inYear.mode,
          daysElapsed: inYear.elapsed.days,
          daysInYear: inYear.elapsed.daysInYear,
          quartersCompleted: inYear.elapsed.quartersCompleted,
          grades: inYear.scale.map((g) => ({
            code: g.code,
            label: g.label,
            labelEn: g.labelEn,
            minPercent: g.minPercent,
          })),
        }
      : null,
    kpis: progress.kpis.map((row) => ({
      code: row.kpi.code,
      title: row.kpi.title,
      unit: row.kpi.unit,
      baseline: row.kpi.baseline.value,
      targetKind: row.kpi.target.kind,
      target: row.target,
      actual: row.actual,
      achievementPercent: row.achievementPercent,
      status: row.status,
      inYear: inYearJson(inYear?.kpis.get(row.kpi.code)),
      records: row.measurement.records,
    })),
    projects: progress.projects.map((row) => ({
      code: row.project.code,
      title: row.project.title,
      directionCode: row.project.direction.code,
      measureCode: row.project.measure.code,
      priority: row.project.measure.priority,
      indicator: row.project.indicator,
      unit: row.project.unit,
      metric: row.project.metric,
      target: row.target,
      actual: row.actual,
      achievementPercent: row.achievementPercent,
      status: row.status,
      inYear: inYearJson(inYear?.projects.get(row.project.code)),
      records: row.measurement.records,
    })),
  };
}

export function planApi({
  db,
  plans,
  metrics,
  api,
  clock,
}: {
  db: Db;
  plans: PlanCatalogue;
  metrics: MetricRegistry;
  api: ApiDescription;
  clock: Clock;
}) {
  const app = new Hono<AppEnv>();
  const planOf = (c: { get: (k: 'account') => AppEnv['Variables']['account'] }) =>
    plans.planFor(c.get('account'));

  api.add(
    {
      method: 'get',
      path: '/api/v1/plan',
      tag: 'plan',
      summary:
        'The whole plan: vision, directions, measures, projects with annual targets, KPIs, organisations',
    },
    {
      method: 'get',
      path: '/api/v1/plan/progress',
      tag: 'plan',
      summary:
        'Targets, actuals, achievement and status of every project and KPI for a fiscal year; while the year runs, each also has `inYear`: the figure expected by today, progress against it, the in-year grade and the year-end projection',
      query: z.object({
        fy: z
          .string()
          .regex(/^\d{4}$/)
          .optional()
          .describe('fiscal year, e.g. 2026; the current one when absent'),
      }),
      permission: can_['plan.progress.read'],
    },
    {
      method: 'post',
      path: '/api/v1/plan/actuals',
      tag: 'plan',
      summary: 'Record a figure of a `manual` metric (same subject, year and as-of date replaces)',
      body: ManualActualSchema,
      permission: can_['plan.actuals.write'],
      responses: {
        201: 'Recorded',
        404: 'Unknown project or KPI',
        409: 'The figure is measured by a module',
        422: 'Invalid input',
      },
    },
  );

  app.get('/api/v1/plan', (c) => c.json(planOf(c).file));

  app.get('/api/v1/plan/progress', requirePermission(can_['plan.progress.read']), async (c) => {
    const plan = planOf(c);
    const now = clock();
    const progress = await measureYear(db, plan, metrics, fiscalYearFrom(c, plan, now));
    const inYear = await measureInYear(db, plan, metrics, progress, todayInJapan(now));
    return c.json(progressJson(yearFor(progress, metrics, c.get('account')?.role), plan, inYear));
  });

  app.post('/api/v1/plan/actuals', requirePermission(can_['plan.actuals.write']), async (c) => {
    const body = await c.req.json().catch(() => null);
    const { actual, change } = await recordManualActual(db, planOf(c), actorOf(c), body ?? {});
    // 201 whether new, replaced or unchanged: the figure now stands as recorded; `change` tells which
    return c.json({ actual, change }, 201);
  });

  return app;
}
