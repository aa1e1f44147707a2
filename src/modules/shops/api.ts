import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppEnv, siteOrigin } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import type { PlanCatalogue } from '../plan/catalogue';
import { periodsText } from './hours';
import { areaName, stateText } from './pages/components';
import { findShops, parseShopQuery, ShopQuerySchema } from './shop-service';
import { categoryNames } from './words';

/**
 * The shop map's data: a GeoJSON FeatureCollection of every shop the map page's filters find, with
 * its state now (Japan time). Public fields only: never the owner's contact.
 */
export function shopsApi({ db, plans, api }: { db: Db; plans: PlanCatalogue; api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  api.add({
    method: 'get',
    path: '/api/v1/shops',
    tag: 'shops',
    summary:
      'Shops (お店: businesses of the directory that serve residents) as a GeoJSON FeatureCollection (Point in longitude, latitude; null geometry without a position), filtered by category, station area, open now (Japan time, with 定休日 and public holidays), るのかーど and まちゼミ teachers',
    query: ShopQuerySchema,
    responses: { 200: 'A GeoJSON FeatureCollection of shops', 400: 'A bad query parameter' },
  });

  app.get('/api/v1/shops', async (c) => {
    const code = c.get('account')?.municipalityCode ?? plans.defaultPlan.municipalityCode;
    const plan = plans.byMunicipality(code) ?? plans.defaultPlan;
    const filter = parseShopQuery(c.req.query(), plan.file.areas);
    const shops = await findShops(db, plan, filter);
    const origin = siteOrigin(c);
    const lang = c.get('lang');
    c.header('content-type', 'application/geo+json; charset=utf-8');
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        features: shops.map((s) => {
          const b = s.business;
          const area = plan.file.areas.find((a) => a.code === s.area);
          const placed = b.latitude !== null && b.longitude !== null;
          return {
            type: 'Feature',
            id: b.id,
            geometry: placed ? { type: 'Point', coordinates: [b.longitude, b.latitude] } : null,
            properties: {
              id: b.id,
              url: `${origin}/shops/${b.id}`,
              name: b.name,
              kana: b.kana,
              address: b.address,
              // the shared map's popup shows it under the address
              detail: stateText(lang, s.state, s.today.date),
              category: {
                code: s.shop.category,
                name: categoryNames[s.shop.category].ja,
                nameEn: categoryNames[s.shop.category].en,
              },
              area: area
                ? { code: area.code, name: area.name, nameEn: areaName('en', area.code, plan.file.areas) }
                : null,
              openNow: s.state.open,
              todayHours: periodsText(s.today.periods),
              runocard: s.runocard,
              machizemi: s.courses.length > 0,
            },
          };
        }),
      }),
    );
  });
  return app;
}
