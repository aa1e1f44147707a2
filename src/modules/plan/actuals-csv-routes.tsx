import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { csvResponse } from '../../platform/csv';
import { csvRoundTripRoutes } from '../../platform/csv-round-trip-routes';
import { UserError } from '../../platform/errors';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { tr, viewOf } from '../../platform/ui/layout';
import { actualsListCsv, importManualActualsCsv, manualActualsTemplateCsv } from './actuals-csv';
import type { PlanCatalogue } from './catalogue';
import type { MetricRegistry } from './metric-registry';
import { planPermissions as can_ } from './permissions';
import { fiscalYearFrom } from './routes';

const ImportRequestSchema = z.object({
  csv: z
    .string()
    .describe(
      'the CSV text: header row 区分,コード,名称,年度,実績値,基準日,出典,備考, then one row per figure',
    ),
});

/** Import and export of manual actuals as CSV: the staff pages and the API. */
export function actualsCsvRoutes({
  db,
  plans,
  api,
}: {
  db: Db;
  plans: PlanCatalogue;
  metrics: MetricRegistry;
  api: ApiDescription;
}) {
  const app = new Hono<AppEnv>();
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const mayWrite = requirePermission(can_['plan.actuals.write']);
  // only the export is of one year: an upload is compared with every year, as its rows say
  const exportYearOf = (c: AppContext) =>
    c.req.method === 'GET' && c.req.path === '/plan/actuals.csv' && c.req.query('fy')
      ? fiscalYearFrom(c, planOf(c))
      : undefined;

  // ----- staff: pages and downloads ----------------------------------------------------------

  app.get('/plan/actuals-template.csv', mayWrite, (c) => {
    const fy = fiscalYearFrom(c, planOf(c));
    return csvResponse(
      c,
      manualActualsTemplateCsv(planOf(c), fy),
      `実績入力テンプレート_${fy}年度.csv`,
      `actuals-template-${fy}.csv`,
    );
  });

  // export, upload → preview → confirmation (decision 038): every year in one file, or ?fy= one
  app.route(
    '/',
    csvRoundTripRoutes(db, {
      path: '/plan/actuals',
      hrefOf: () => '/plan/actuals',
      permission: can_['plan.actuals.write'],
      async listOf(c) {
        const plan = planOf(c);
        return actualsListCsv(plan, actorOf(c), { fiscalYear: exportYearOf(c) });
      },
      listName: (c) => tr(viewOf(c), '実績', 'the actuals'),
      backOf: () => '/plan/actuals#import',
      fileNames(c) {
        const fy = exportYearOf(c);
        return {
          utf8: `実績_${fy === undefined ? '全年度' : `${fy}年度`}.csv`,
          ascii: `actuals-${fy === undefined ? 'all' : String(fy)}.csv`,
        };
      },
    }),
  );

  // ----- API -----------------------------------------------------------------------------------

  api.add({
    method: 'post',
    path: '/api/v1/plan/actuals/import',
    tag: 'plan',
    summary:
      'Import figures of `manual` metrics from a CSV file (UTF-8 or Shift_JIS text), all or nothing; the same file again changes nothing',
    body: ImportRequestSchema,
    permission: can_['plan.actuals.write'],
    responses: {
      200: 'Imported: counts of created, updated and unchanged figures, and of rows skipped for an empty 実績値',
      422: 'Nothing imported: `details` lists every problem with its CSV line (header = 1)',
    },
  });

  app.post('/api/v1/plan/actuals/import', mayWrite, async (c) => {
    const body = await c.req.json().catch(() => null);
    const parsed = ImportRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new UserError('invalid_input', 422, {
        ja: '本文は {"csv": "CSVの内容"} の形のJSONにしてください。',
        en: 'Send a JSON body of the form {"csv": "<the CSV text>"}.',
      });
    }
    const summary = await importManualActualsCsv(db, planOf(c), actorOf(c), parsed.data.csv);
    return c.json(summary);
  });

  return app;
}
