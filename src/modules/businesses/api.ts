import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppEnv, siteOrigin } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import type { PlanCatalogue } from '../plan/catalogue';
import { DirectoryQuerySchema, findBusinesses, parseDirectoryQuery } from './directory';
import { industryName } from './industries';
import type { ListedBusiness } from './schema';

/**
 * The directory for programs and maps: a GeoJSON FeatureCollection of the approved businesses that
 * the list page's filters find, every one of them (no pages: a map shows all). Public fields only.
 */
export function businessesApi({ db, plans, api }: { db: Db; plans: PlanCatalogue; api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  api.add({
    method: 'get',
    path: '/api/v1/businesses',
    tag: 'businesses',
    summary:
      'The business directory as a GeoJSON FeatureCollection (Point in longitude, latitude; null geometry when a business gave no position): filter by Japanese-aware keywords, industry (日本標準産業分類), area and tag, most relevant first',
    query: DirectoryQuerySchema.omit({ page: true }),
    responses: { 200: 'A GeoJSON FeatureCollection of businesses', 400: 'A bad query parameter' },
  });

  app.get('/api/v1/businesses', async (c) => {
    const code = c.get('account')?.municipalityCode ?? plans.defaultPlan.municipalityCode;
    const file = (plans.byMunicipality(code) ?? plans.defaultPlan).file;
    const filter = parseDirectoryQuery(c.req.query(), file.areas);
    const { businesses } = await findBusinesses(db, code, filter, { all: true });
    const origin = siteOrigin(c);
    const areaOf = (b: ListedBusiness) => file.areas.find((a) => a.code === b.area);
    c.header('content-type', 'application/geo+json; charset=utf-8');
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        features: businesses.map((b) => ({
          type: 'Feature',
          id: b.id,
          geometry:
            b.latitude !== null && b.longitude !== null
              ? { type: 'Point', coordinates: [b.longitude, b.latitude] }
              : null,
          properties: {
            id: b.id,
            url: `${origin}/businesses/${b.id}`,
            name: b.name,
            kana: b.kana,
            corporateNumber: b.corporateNumber,
            industry: {
              major: b.industryMajor,
              middle: b.industryMiddle,
              name: industryName('ja', b.industryMajor, b.industryMiddle),
              nameEn: industryName('en', b.industryMajor, b.industryMiddle),
            },
            area: b.area
              ? { code: b.area, name: areaOf(b)?.name ?? b.area, nameEn: areaOf(b)?.nameEn ?? null }
              : null,
            address: b.address,
            tags: b.tags,
            products: b.products,
            website: b.website || null,
          },
        })),
      }),
    );
  });
  return app;
}
