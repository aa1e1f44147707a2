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
import type { MetricRegistry } from '../plan';
import { shopsApi } from './api';
import { editionRoutes } from './edition-routes';
import { mapCopiesMetric } from './metrics';
import { shopPermissions } from './permissions';
import { shopRoutes } from './routes';
import { categoryNames } from './words';

export { addShopArticleSource, type ShopArticle, type ShopArticleSource } from './articles';
export { type OpeningHours, type OpeningState, openingStateAt, publicHolidayOn } from './hours';
export { createEdition, readEdition, recordPrintRun, saveEdition } from './map-editions';
export { shopPermissions } from './permissions';
export { findShops, readShop, registerShopForBusiness, saveShopProfile, stationAreaOf } from './shop-service';

export function registerShopMetrics(registry: MetricRegistry): void {
  registry.register(mapCopiesMetric);
}

function describeShopAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'shop.create': { ja: 'お店の情報の登録', en: 'Shop details registered' },
      'shop.update': { ja: 'お店の情報の変更', en: 'Shop details changed' },
      'shop_map.create': { ja: '地域マップの版の作成', en: 'Map edition made' },
      'shop_map.update': { ja: '地域マップの版の変更', en: 'Map edition changed' },
      'shop_map.issue': { ja: '地域マップの発行部数の記録', en: 'Map print run recorded' },
    },
    entities: { shop: { ja: 'お店', en: 'Shop' }, shop_map: { ja: '地域マップの版', en: 'Map edition' } },
    fields: {
      category: { ja: 'お店の種類', en: 'Kind of shop' },
      hours: { ja: '営業時間', en: 'Opening hours' },
      holidayRule: { ja: '祝日の営業', en: 'Public holidays' },
      hoursNote: { ja: '営業時間の補足', en: 'Note on the hours' },
      title: { ja: '版の名前', en: 'Title' },
      fiscalYear: { ja: '年度', en: 'Fiscal year' },
      area: { ja: '地区', en: 'Area' },
      paper: { ja: '用紙', en: 'Paper' },
      introduction: { ja: 'はじめの言葉', en: 'Introduction' },
      shops: { ja: '載せるお店の数', en: 'Shops' },
      printRun: { ja: '発行部数', en: 'Print run' },
      issuedOn: { ja: '発行日', en: 'Issue date' },
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
    {
      href: '/shops/editions',
      label: { ja: '地域マップ（紙）', en: 'Paper map' },
      permission: shopPermissions['shops.paper-map'],
    },
  );
  const db = deps.database.db;
  app.route('/', shopRoutes({ db, plans: deps.plans, tiles: mapTilesOf(deps.config) }));
  app.route('/', editionRoutes({ db, plans: deps.plans, publicBaseUrl: deps.config.publicBaseUrl }));
  app.route('/', shopsApi({ db, plans: deps.plans, api: deps.api }));
  return app;
}
