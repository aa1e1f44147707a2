import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { csvFile, csvResponse } from '../../platform/csv';
import { todayInJapan } from '../../platform/fiscal-year';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { type Lang, localise } from '../../platform/i18n';
import type { ApiDescription } from '../../platform/openapi';
import { viewOf } from '../../platform/ui/layout';
import type { MapTiles } from '../../platform/ui/map';
import { industryName } from '../businesses';
import type { Plan } from '../plan';
import type { PlanCatalogue } from '../plan/catalogue';
import { type NeedsTable, notGiven, successionNeeds } from './needs';
import { listOutreach, recordOutreach } from './outreach';
import { outreachByArea } from './outreach-summary';
import { NeedsPage, shownText } from './pages/needs';
import { successionPermissions as can_ } from './permissions';
import { citywide } from './schema';
import { citywideName, unknownAreaName, unknownIndustryName } from './words';

const notices = {
  outreach: { ja: '掘り起こしを記録しました。', en: 'The outreach was recorded.' },
} as const;

/** The fiscal year a day (yyyy-mm-dd) falls in. */
const fiscalYearOfDay = (day: string) => {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
};

function areaNameOf(plan: Plan, lang: Lang) {
  return (code: string) => {
    if (code === citywide) return localise(lang, citywideName);
    if (code === notGiven) return localise(lang, unknownAreaName);
    const area = plan.file.areas.find((a) => a.code === code);
    return area ? localise(lang, { ja: area.name, en: area.nameEn ?? area.name }) : code;
  };
}

const industryNameOf = (lang: Lang) => (code: string) =>
  code === notGiven ? localise(lang, unknownIndustryName) : `${code} ${industryName(lang, code)}`;

/**
 * The succession needs map for the 商工会, Bi@Sta and the city (decision 034): the page with its map
 * and tables, the same table as CSV, the areas as GeoJSON for the map, and the outreach form. Counts
 * only, small groups suppressed everywhere they are shown.
 */
export function successionRoutes(deps: {
  db: Db;
  plans: PlanCatalogue;
  tiles: MapTiles;
  api: ApiDescription;
}) {
  const { db, plans } = deps;
  const app = new Hono<AppEnv>();
  const needs = requirePermission(can_['succession.needs']);
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  const renderPage = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const plan = planOf(c);
    const lang = c.get('lang');
    const today = todayInJapan();
    const fiscalYear = fiscalYearOfDay(today);
    const [table, records] = await Promise.all([
      successionNeeds(db, plan),
      listOutreach(db, plan.municipalityCode),
    ]);
    personal(c);
    return c.html(
      <NeedsPage
        view={viewOf(c)}
        needs={table}
        areaName={areaNameOf(plan, lang)}
        industryName={industryNameOf(lang)}
        outreach={outreachByArea(table.areas, records, fiscalYear)}
        fiscalYear={fiscalYear}
        today={today}
        tiles={deps.tiles}
        bounds={plan.file.bounds}
        outreachKey={extra.values?.key ?? randomUUID()}
        values={extra.values ?? {}}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/succession/needs', needs, (c) => renderPage(c));

  app.post('/succession/outreach', needs, async (c) => {
    const values = await formBody(c);
    try {
      await recordOutreach(db, actorOf(c), planOf(c), values);
      return c.redirect('/succession/needs?saved=outreach#outreach', 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderPage(c, { values, problem, status });
    }
  });

  app.get('/succession/needs.csv', needs, async (c) => {
    const plan = planOf(c);
    const lang = c.get('lang');
    const table = await successionNeeds(db, plan);
    return csvResponse(
      c,
      csvFile(needsCsvRows(table, lang, areaNameOf(plan, lang), industryNameOf(lang))),
      `事業承継ニーズ_${todayInJapan()}.csv`,
      `succession-needs-${todayInJapan()}.csv`,
    );
  });

  deps.api.add({
    method: 'get',
    path: '/api/v1/succession/needs',
    tag: 'succession',
    summary:
      'Succession needs by area (owners aged 60+ without a decided successor, consented answers only) as a GeoJSON FeatureCollection of the areas’ centres; a count below 5 is never given (decision 034). Support staff and city staff only.',
    permission: can_['succession.needs'],
    responses: { 200: 'A GeoJSON FeatureCollection of areas' },
  });
  app.get('/api/v1/succession/needs', needs, async (c) => {
    const plan = planOf(c);
    const lang = c.get('lang');
    const table = await successionNeeds(db, plan);
    const name = areaNameOf(plan, lang);
    personal(c);
    c.header('content-type', 'application/geo+json; charset=utf-8');
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        features: plan.file.areas.map((area) => {
          const shown = table.shown.rowTotals[table.areas.indexOf(area.code)] ?? { kind: 'fewer' as const };
          const label = shownText(lang, shown);
          return {
            type: 'Feature',
            id: area.code,
            geometry: area.center
              ? { type: 'Point', coordinates: [area.center.longitude, area.center.latitude] }
              : null,
            properties: {
              area: area.code,
              name: `${name(area.code)}：${label}`,
              label,
              url: `/succession/needs#area-${area.code}`,
              detail:
                lang === 'en'
                  ? 'Owners aged 60+ without a decided successor'
                  : '60歳以上・後継者未定の経営者',
              // the count itself only when it is shown: 5 or more
              count: shown.kind === 'count' ? shown.value : null,
              shown: shown.kind,
            },
          };
        }),
      }),
    );
  });

  return app;
}

/** The table as CSV rows: one row per area and industry, then the totals, suppressed as on the page. */
export function needsCsvRows(
  table: NeedsTable,
  lang: Lang,
  areaName: (code: string) => string,
  industryName: (code: string) => string,
): string[][] {
  const total = lang === 'en' ? 'Total' : '合計';
  const header =
    lang === 'en'
      ? ['Area', 'Industry', 'Owners aged 60+ without a decided successor']
      : ['地区', '業種（大分類）', '60歳以上・後継者未定の経営者'];
  const rows: string[][] = [header];
  table.areas.forEach((area, r) => {
    table.industries.forEach((industry, c) => {
      const shown = table.shown.cells[r]?.[c];
      if (shown) rows.push([areaName(area), industryName(industry), shownText(lang, shown)]);
    });
    const areaTotal = table.shown.rowTotals[r];
    if (areaTotal) rows.push([areaName(area), total, shownText(lang, areaTotal)]);
  });
  table.industries.forEach((industry, c) => {
    const shown = table.shown.columnTotals[c];
    if (shown) rows.push([total, industryName(industry), shownText(lang, shown)]);
  });
  rows.push([total, total, shownText(lang, table.shown.total)]);
  return rows;
}
