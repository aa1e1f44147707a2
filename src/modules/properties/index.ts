// The properties module owns the vacant shops and properties (空き物件情報) of 1-2 創業支援: listings
// posted by 商店会, 活性化委員会, 不動産事業者 and staff, approved before they are public, searched on a
// list, a map and GeoJSON; inquiries from people starting a business; the listing's lifecycle (decision 023).
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { mapTilesOf } from '../../platform/ui/map';
import { addNavigation } from '../../platform/ui/navigation';
import type { MetricRegistry } from '../plan';
import { propertiesApi } from './api';
import { listingCsvRoutes } from './csv-routes';
import { inquiryRoutes } from './inquiry-routes';
import { propertyMetrics } from './metrics';
import { propertyPermissions } from './permissions';
import { photoRoutes } from './photo-routes';
import { photosOf } from './photo-service';
import { listingRoutes } from './routes';
import { describePropertyAuditEntries } from './words';

export { sendInquiry } from './inquiry-service';
export { changeStage, confirmStillAvailable, reviewStaleListings } from './lifecycle-service';
export { approveListing, editListing, postListing, readListing } from './listing-service';
export { propertyPermissions } from './permissions';
export { addPhoto } from './photo-service';
export { findListings } from './search';

export function registerPropertyMetrics(registry: MetricRegistry): void {
  for (const metric of propertyMetrics) registry.register(metric);
}

export function propertiesModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  describePropertyAuditEntries();
  addNavigation(
    { href: '/properties', label: { ja: '空き物件をさがす', en: 'Vacant properties' } },
    {
      href: '/properties/mine',
      label: { ja: '掲載している空き物件', en: 'Your listings' },
      permission: propertyPermissions['properties.post'],
    },
    {
      href: '/properties/statistics',
      label: { ja: '空き物件の統計', en: 'Property statistics' },
      permission: propertyPermissions['properties.review'],
    },
    {
      href: '/properties/review',
      label: { ja: '空き物件の承認', en: 'Approve properties' },
      permission: propertyPermissions['properties.review'],
    },
  );
  addNavigation(
    {
      href: '/properties/inquiries/mine',
      label: { ja: '空き物件への問い合わせ', en: 'Your property inquiries' },
      permission: propertyPermissions['properties.inquire'],
    },
    {
      href: '/properties/inquiries/shared',
      label: { ja: '相談者の物件問い合わせ', en: "Clients' property inquiries" },
      permission: propertyPermissions['properties.counsel'],
    },
  );
  const db = deps.database.db;
  app.route('/', inquiryRoutes({ db }));
  app.route('/', listingCsvRoutes({ db, plans: deps.plans }));
  app.route('/', photoRoutes({ db, plans: deps.plans }));
  app.route(
    '/',
    listingRoutes({
      db,
      plans: deps.plans,
      photosOf: (id) => photosOf(db, id),
      tiles: mapTilesOf(deps.config),
    }),
  );
  app.route('/', propertiesApi({ db, plans: deps.plans, api: deps.api }));
  return app;
}
