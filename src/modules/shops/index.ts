// The shops module owns the shops on the residents' map (お店マップ, plan 2-1 and 3-2): what makes a
// business of the directory a shop (category, opening hours with 定休日 and public holidays, and
// whether it is open now in Japan time), the map with its filters, list and GeoJSON, each shop's
// page, and the editions of the paper map with their print runs, `shops.mapCopies` (decision 029).
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import { describeAuditEntries } from '../../platform/audit-text';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { mapTilesOf } from '../../platform/ui/map';
import { addNavigation } from '../../platform/ui/navigation';
import { shopsApi } from './api';
import { shopPermissions } from './permissions';
import { shopRoutes } from './routes';
import { categoryNames } from './words';

export { addShopArticleSource, type ShopArticle, type ShopArticleSource } from './articles';
export { type OpeningHours, type OpeningState, openingStateAt, publicHolidayOn } from './hours';
export { shopPermissions } from './permissions';
export { findShops, readShop, registerShopForBusiness, saveShopProfile, stationAreaOf } from './shop-service';

function describeShopAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'shop.create': { ja: 'お店の情報の登録', en: 'Shop details registered' },
      'shop.update': { ja: 'お店の情報の変更', en: 'Shop details changed' },
    },
    entities: { shop: { ja: 'お店', en: 'Shop' } },
    fields: {
      category: { ja: 'お店の種類', en: 'Kind of shop' },
      hours: { ja: '営業時間', en: 'Opening hours' },
      holidayRule: { ja: '祝日の営業', en: 'Public holidays' },
      hoursNote: { ja: '営業時間の補足', en: 'Note on the hours' },
    },
    values: { ...categoryNames },
  });
}

export function shopsModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  describeShopAuditEntries();
  addNavigation(
    { href: '/shops', label: { ja: 'お店マップ', en: 'Shop map' } },
    {
      href: '/shops/mine',
      label: { ja: 'お店の営業時間', en: 'Your shop hours' },
      permission: shopPermissions['shops.own'],
    },
  );
  const db = deps.database.db;
  app.route('/', shopRoutes({ db, plans: deps.plans, tiles: mapTilesOf(deps.config) }));
  app.route('/', shopsApi({ db, plans: deps.plans, api: deps.api }));
  return app;
}
