// The consultations module owns Bi@Sta's and the 商工会's consultation records (相談): the people
// consulted, their cases by kind (創業・事業承継・経営・特別相談) and each consultation's timeline,
// visible to the counsellors of the organisation holding them and to admins only (decision 016).
// It reports 新規相談者数 to the plan (`consultations.newClients`).
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { addNavigation } from '../../platform/ui/navigation';
import type { MetricRegistry } from '../plan';
import { describeConsultationAuditEntries } from './audit-words';
import { newClientsMetric } from './metrics';
import { consultationPermissions } from './permissions';
import { consultationRoutes } from './routes';

export { fiscalYearOfDay, newClientConsultations } from './new-clients';
export { consultationPermissions } from './permissions';
export { readCase, recordConsultation } from './service';

export function registerConsultationMetrics(registry: MetricRegistry): void {
  registry.register(newClientsMetric);
}

export function consultationsModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  describeConsultationAuditEntries();
  addNavigation({
    href: '/consultations',
    label: { ja: '相談記録', en: 'Consultations' },
    permission: consultationPermissions['consultations.counsel'],
  });
  app.route('/', consultationRoutes({ db: deps.database.db, plans: deps.plans }));
  return app;
}
