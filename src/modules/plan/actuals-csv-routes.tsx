import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { csvResponse } from '../../platform/csv';
import { UserError } from '../../platform/errors';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { localise } from '../../platform/i18n';
import type { ApiDescription } from '../../platform/openapi';
import { tr, viewOf } from '../../platform/ui/layout';
import {
  assertActualsCsvSize,
  exportManualActualsCsv,
  importManualActualsCsv,
  importSummaryQuery,
  manualActualsTemplateCsv,
} from './actuals-csv';
import type { PlanCatalogue } from './catalogue';
import type { MetricRegistry } from './metric-registry';
import { ActualsPage } from './pages/actuals';
import { planPermissions as can_ } from './permissions';
import { fiscalYearFrom } from './routes';
import { measureYear } from './service';

/** How many problems the page lists; the API gives all of them. */
const shownProblems = 200;

const ImportRequestSchema = z.object({
  csv: z
    .string()
    .describe(
      'the CSV text: header row 区分,コード,名称,年度,実績値,基準日,出典,備考, then one row per figure',
    ),
});

const noFile = new UserError('csv_file_missing', 422, {
  ja: 'CSVファイルを選んでから「取り込む」を押してください。',
  en: 'Choose a CSV file, then press Import.',
});

/** Import and export of manual actuals as CSV: the staff pages and the API. */
export function actualsCsvRoutes({
  db,
  plans,
  metrics,
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

  // ----- staff: pages and downloads ----------------------------------------------------------

  app.get('/plan/actuals.csv', mayWrite, async (c) => {
    const plan = planOf(c);
    // without ?fy= every year, so that one file holds the whole history
    const fy = c.req.query('fy') ? fiscalYearFrom(c, plan) : undefined;
    const csv = await exportManualActualsCsv(db, plan, fy);
    const label = fy === undefined ? 'all' : String(fy);
    return csvResponse(
      c,
      csv,
      `実績_${fy === undefined ? '全年度' : `${fy}年度`}.csv`,
      `actuals-${label}.csv`,
    );
  });

  app.get('/plan/actuals-template.csv', mayWrite, (c) => {
    const fy = fiscalYearFrom(c, planOf(c));
    return csvResponse(
      c,
      manualActualsTemplateCsv(planOf(c), fy),
      `実績入力テンプレート_${fy}年度.csv`,
      `actuals-template-${fy}.csv`,
    );
  });

  app.post('/plan/actuals/import', mayWrite, async (c) => {
    const plan = planOf(c);
    const fy = fiscalYearFrom(c, plan);
    const body = await c.req.parseBody();
    const file = body.file;
    try {
      if (!(file instanceof File) || file.size === 0) throw noFile;
      assertActualsCsvSize(file.size);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const summary = await importManualActualsCsv(db, plan, actorOf(c), bytes);
      return c.redirect(`/plan/actuals?fy=${fy}&${importSummaryQuery(summary)}`, 303);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const view = viewOf(c);
      const lines = error.details.map(
        (d) =>
          `${d.line ? `${tr(view, `${d.line}行目`, `Line ${d.line}`)}: ` : ''}${localise(view.lang, d.message)}`,
      );
      const details =
        lines.length > shownProblems
          ? [
              ...lines.slice(0, shownProblems),
              tr(
                view,
                `ほかに${lines.length - shownProblems}件の誤りがあります。上の誤りを直してから、もう一度取り込んでください。`,
                `${lines.length - shownProblems} more problems are not shown. Correct the ones above and import again.`,
              ),
            ]
          : lines;
      const progress = await measureYear(db, plan, metrics, fy);
      return c.html(
        <ActualsPage
          view={view}
          plan={plan}
          progress={progress}
          importError={{ message: localise(view.lang, error.userMessage), details }}
        />,
        error.status as 422,
      );
    }
  });

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
