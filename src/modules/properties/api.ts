import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppEnv, siteOrigin } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import type { PlanCatalogue } from '../plan/catalogue';
import { findListings, PropertyQuerySchema, parsePropertyQuery } from './search';
import { dealNames, kindNames, stageNames } from './words';

/**
 * The public listings for maps and programs: a GeoJSON FeatureCollection of every listing the list
 * page's filters find. Public fields only: never the owner's name or contact.
 */
export function propertiesApi({ db, plans, api }: { db: Db; plans: PlanCatalogue; api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  api.add({
    method: 'get',
    path: '/api/v1/properties',
    tag: 'properties',
    summary:
      'Vacant shops and properties (空き物件) as a GeoJSON FeatureCollection (Point in longitude, latitude): approved listings 募集中 or 商談中, filtered by kind, area, rent or sale, floor area, rent or price range and use',
    query: PropertyQuerySchema,
    responses: { 200: 'A GeoJSON FeatureCollection of properties', 400: 'A bad query parameter' },
  });

  app.get('/api/v1/properties', async (c) => {
    const code = c.get('account')?.municipalityCode ?? plans.defaultPlan.municipalityCode;
    const file = (plans.byMunicipality(code) ?? plans.defaultPlan).file;
    const filter = parsePropertyQuery(c.req.query(), file.areas);
    const listings = await findListings(db, code, filter);
    const origin = siteOrigin(c);
    c.header('content-type', 'application/geo+json; charset=utf-8');
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        features: listings.map((p) => {
          const area = file.areas.find((a) => a.code === p.area);
          return {
            type: 'Feature',
            id: p.id,
            geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
            properties: {
              id: p.id,
              url: `${origin}/properties/${p.id}`,
              title: p.title,
              // the shared map names a marker by `name`
              name: p.title,
              kind: { code: p.kind, name: kindNames[p.kind].ja, nameEn: kindNames[p.kind].en },
              stage: { code: p.stage, name: stageNames[p.stage].ja, nameEn: stageNames[p.stage].en },
              area: area ? { code: area.code, name: area.name, nameEn: area.nameEn ?? null } : null,
              address: p.address,
              floorAreaM2: p.floorAreaM2,
              deal: { code: p.deal, name: dealNames[p.deal].ja, nameEn: dealNames[p.deal].en },
              priceYen: p.priceYen,
              uses: p.uses,
              condition: p.condition,
              availableFrom: p.availableFrom,
            },
          };
        }),
      }),
    );
  });
  return app;
}
