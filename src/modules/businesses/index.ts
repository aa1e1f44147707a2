// The businesses module owns the directory of the city's businesses (事業者): profiles kept by the
// business and approved by staff, the Japanese-aware search, the public page and the GeoJSON API,
// for 3-1 事業者のマッチング機会の創出 (decision 019); needs and offers (受発注) with explained
// suggestions, private threads and confirmed deals, reported as `businesses.localDeals` (decision 020);
// the directory's map and the 事業者連携交流会's printed who's who (decision 025).
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { mapTilesOf } from '../../platform/ui/map';
import { addNavigation } from '../../platform/ui/navigation';
import type { MetricRegistry } from '../plan';
import { businessesApi } from './api';
import { describeBusinessAuditEntries } from './audit-words';
import { bookletRoutes } from './booklet-routes';
import { directoryCsvRoutes } from './csv-routes';
import { matchingRoutes } from './matching-routes';
import { localDealAmountMetric, localDealsMetric } from './metrics';
import { businessPermissions } from './permissions';
import { businessPhotoRoutes } from './photo-routes';
import { businessRoutes } from './routes';

export { isValidCorporateNumber } from './corporate-number';
export { confirmDeal, recordDeal } from './deal-service';
export { seedDemoDirectory } from './demo-directory';
export { findBusinesses } from './directory';
export { industries, industryName } from './industries';
export { suggestionsFor } from './matching';
export { businessPermissions } from './permissions';
export { addBusinessPhoto, businessPhotosOf } from './photo-service';
export { closePost, postNeedOrOffer } from './post-service';
export {
  approveBusiness,
  approveClaim,
  claimBusiness,
  ownProfile,
  readBusiness,
  registerUnclaimedBusiness,
  saveOwnProfile,
} from './profile-service';
export { type PublicBusiness, publicBusinesses } from './public-profiles';
export { consentedSuccessionAnswers } from './succession-answers';
export { contactAboutPost, readThread, sendMessage } from './thread-service';

export function registerBusinessMetrics(registry: MetricRegistry): void {
  registry.register(localDealsMetric);
  registry.register(localDealAmountMetric);
}

export function businessesModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  describeBusinessAuditEntries();
  addNavigation(
    { href: '/businesses', label: { ja: '事業者をさがす', en: 'Businesses' } },
    {
      href: '/businesses/mine',
      label: { ja: '自社の事業者情報', en: 'Your business' },
      permission: businessPermissions['businesses.profile.own'],
    },
    { href: '/businesses/posts', label: { ja: '発注・受注', en: 'Needs and offers' } },
    {
      href: '/businesses/threads',
      label: { ja: '事業者間メッセージ', en: 'Business messages' },
      permission: businessPermissions['businesses.trade'],
    },
    {
      href: '/businesses/statistics',
      label: { ja: '受発注の統計', en: 'Local-order statistics' },
      permission: businessPermissions['businesses.review'],
    },
    {
      href: '/businesses/booklet',
      label: { ja: '参加事業者紹介', en: "Meeting who's who" },
      permission: businessPermissions['businesses.review'],
    },
    {
      href: '/businesses/review',
      label: { ja: '事業者の承認', en: 'Approve businesses' },
      permission: businessPermissions['businesses.review'],
    },
  );
  app.route('/', directoryCsvRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', matchingRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', businessPhotoRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', businessRoutes({ db: deps.database.db, plans: deps.plans, tiles: mapTilesOf(deps.config) }));
  app.route(
    '/',
    bookletRoutes({ db: deps.database.db, plans: deps.plans, publicBaseUrl: deps.config.publicBaseUrl }),
  );
  app.route('/', businessesApi({ db: deps.database.db, plans: deps.plans, api: deps.api }));
  return app;
}
