// The plan module owns the municipality's plan as data, its targets, the registry through which
// every module reports actuals, the PDCA reviews, and the progress report.
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import { systemClock } from '../../platform/clock';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { addNavigation } from '../../platform/ui/navigation';
import { actualsCsvRoutes } from './actuals-csv-routes';
import { planApi } from './api';
import { describePlanAuditEntries } from './audit-words';
import type { MetricRegistry } from './metric-registry';
import { manualMetric } from './metrics';
import { planPermissions } from './permissions';
import { reportRoutes } from './report/routes';
import { planRoutes } from './routes';

export type {
  Measurement,
  MetricRecord,
  MetricRegistry,
  MetricRequest,
  MetricSource,
} from './metric-registry';
export { YearSwitcher } from './pages/components';
export type { Kpi, Plan, Project } from './plan';
export { kpiTargetValue, selectableYears } from './plan';
export { fiscalYearFrom } from './routes';
export { type ManualActualInput, measureYear, seedManualActuals } from './service';

export function registerPlanMetrics(registry: MetricRegistry): void {
  registry.register(manualMetric);
}

export function planModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  describePlanAuditEntries();
  addNavigation(
    {
      href: '/',
      label: { ja: 'ダッシュボード', en: 'Dashboard' },
      permission: planPermissions['plan.progress.read'],
    },
    { href: '/plan', label: { ja: '計画の体系', en: 'Plan' } },
    {
      href: '/plan/report',
      label: { ja: '進捗状況報告書', en: 'Progress report' },
      permission: planPermissions['plan.progress.read'],
    },
    {
      href: '/plan/actuals',
      label: { ja: '実績の入力', en: 'Enter actuals' },
      permission: planPermissions['plan.actuals.write'],
    },
  );

  const clock = deps.config.clock ?? systemClock;
  app.route('/', planApi({ db, plans: deps.plans, metrics: deps.metrics, api: deps.api, clock }));
  app.route('/', actualsCsvRoutes({ db, plans: deps.plans, metrics: deps.metrics, api: deps.api }));
  app.route(
    '/',
    planRoutes({ db, plans: deps.plans, metrics: deps.metrics, demo: deps.config.seedDemo, clock }),
  );
  app.route('/', reportRoutes({ ...deps, db, demo: deps.config.seedDemo, clock }));
  return app;
}
