import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { type AppEnv, actorOf, requirePermission } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import type { PlanCatalogue } from './catalogue';
import { yearFor } from './drill-down';
import type { MetricRegistry } from './metric-registry';
import { planPermissions as can_ } from './permissions';
import { fiscalYearFrom } from './routes';
import { ManualActualSchema, measureYear, recordManualActual, type YearProgress } from './service';

/** The progress of a fiscal year as the API gives it: the same figures as the dashboard. */
export function progressJson(progress: YearProgress, plan: { id: string; municipalityCode: string }) {
  return {
    planId: plan.id,
    municipalityCode: plan.municipalityCode,
    fiscalYear: progress.fiscalYear,
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
      records: row.measurement.records,
    })),
  };
}

export function planApi({
  db,
  plans,
  metrics,
  api,
}: {
  db: Db;
  plans: PlanCatalogue;
  metrics: MetricRegistry;
  api: ApiDescription;
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
      summary: 'Targets, actuals, achievement and status of every project and KPI for a fiscal year',
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
    const progress = await measureYear(db, plan, metrics, fiscalYearFrom(c, plan));
    return c.json(progressJson(yearFor(progress, metrics, c.get('account')?.role), plan));
  });

  app.post('/api/v1/plan/actuals', requirePermission(can_['plan.actuals.write']), async (c) => {
    const body = await c.req.json().catch(() => null);
    const { actual, change } = await recordManualActual(db, planOf(c), actorOf(c), body ?? {});
    // 201 whether new, replaced or unchanged: the figure now stands as recorded; `change` tells which
    return c.json({ actual, change }, 201);
  });

  return app;
}
