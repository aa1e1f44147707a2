// The consultations module owns Bi@Sta's and the 商工会's consultation records (相談): the people
// consulted, their cases by kind (創業・事業承継・経営・特別相談) and each consultation's timeline,
// visible to the counsellors of the organisation holding them and to admins only (decision 016).
// What comes of a case (創業, a succession's stage and referral) and the loan uses of 1-3 are kept
// on it, and a succession case may be published as an anonymous listing for successor candidates
// (decision 022). It reports 新規相談者数, 創業件数 and 融資利用件数 to the plan (`consultations.*`).
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { addNavigation } from '../../platform/ui/navigation';
import type { MetricRegistry } from '../plan';
import { describeConsultationAuditEntries } from './audit-words';
import { certificateRoutes } from './certificate-routes';
import { listingRoutes } from './listing-routes';
import { newClientsMetric } from './metrics';
import { loanUsesMetric, startupsMetric } from './outcome-metrics';
import { ownDataRoutes } from './own-data-routes';
import { consultationPermissions } from './permissions';
import { consultationRoutes } from './routes';
import { selfCheckRoutes } from './self-check-routes';
import { seminarRoutes } from './seminar-routes';

export { recordLoanUse } from './loan-service';
export { fiscalYearOfDay, newClientConsultations } from './new-clients';
export { closeCaseAsStartup, recordSuccessionStage, referToSuccessionCentre } from './outcome-service';
export { consultationPermissions } from './permissions';
export { consentedSelfCheckAnswers, takeSelfCheck } from './self-check';
export { readCase, recordConsultation } from './service';
export { startupCaseOf } from './startup-case';

export function registerConsultationMetrics(registry: MetricRegistry): void {
  registry.register(newClientsMetric);
  registry.register(loanUsesMetric);
  registry.register(startupsMetric);
}

export function consultationsModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  describeConsultationAuditEntries();
  addNavigation({
    href: '/consultations',
    label: { ja: '相談記録', en: 'Consultations' },
    permission: consultationPermissions['consultations.counsel'],
  });
  addNavigation({
    href: '/consultations/self-check',
    label: { ja: '事業承継診断', en: 'Succession self-check' },
  });
  app.route('/', selfCheckRoutes({ db: deps.database.db, plans: deps.plans }));
  addNavigation({
    href: '/consultations/my',
    label: { ja: '相談窓口の自分の記録', en: 'My consultation records' },
    permission: consultationPermissions['consultations.own.menu'],
  });
  app.route('/', ownDataRoutes({ db: deps.database.db, plans: deps.plans }));
  addNavigation({
    href: '/consultations/listings',
    label: { ja: '事業承継の案件情報', en: 'Succession listings' },
    permission: consultationPermissions['consultations.succession.candidate'],
  });
  app.route('/', listingRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', seminarRoutes({ db: deps.database.db, plans: deps.plans }));
  addNavigation({
    href: '/consultations/certificates',
    label: { ja: '創業支援の証明書', en: 'Start-up certificates' },
    permission: consultationPermissions['consultations.certificates'],
  });
  app.route('/', certificateRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', consultationRoutes({ db: deps.database.db, plans: deps.plans }));
  return app;
}
