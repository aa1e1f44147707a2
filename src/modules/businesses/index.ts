// The businesses module owns the directory of the city's businesses (事業者): profiles kept by the
// business and approved by staff, the Japanese-aware search, the public page and the GeoJSON API,
// for 3-1 事業者のマッチング機会の創出 (decision 019).
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { addNavigation } from '../../platform/ui/navigation';
import { businessesApi } from './api';
import { describeBusinessAuditEntries } from './audit-words';
import { businessPermissions } from './permissions';
import { businessRoutes } from './routes';

export { isValidCorporateNumber } from './corporate-number';
export { findBusinesses } from './directory';
export { businessPermissions } from './permissions';
export {
  approveBusiness,
  approveClaim,
  claimBusiness,
  readBusiness,
  registerUnclaimedBusiness,
  saveOwnProfile,
} from './profile-service';

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
    {
      href: '/businesses/review',
      label: { ja: '事業者の承認', en: 'Approve businesses' },
      permission: businessPermissions['businesses.review'],
    },
  );
  app.route('/', businessRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', businessesApi({ db: deps.database.db, plans: deps.plans, api: deps.api }));
  return app;
}
