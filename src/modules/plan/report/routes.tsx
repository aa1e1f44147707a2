import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../../db/connection';
import { can } from '../../../platform/auth/roles';
import type { Clock } from '../../../platform/clock';
import { todayInJapan } from '../../../platform/fiscal-year';
import { type AppEnv, requirePermission } from '../../../platform/http';
import type { ApiDescription } from '../../../platform/openapi';
import { viewOf } from '../../../platform/ui/layout';
import { appFile, serveStaticText } from '../../../platform/ui/static-assets';
import type { PlanCatalogue } from '../catalogue';
import type { MetricRegistry } from '../metric-registry';
import { planPermissions as can_ } from '../permissions';
import { fiscalYearFrom } from '../routes';
import { ReportPage, reportStylesheetPath } from './page';
import { loadProgressReport } from './report';

export interface ReportRouteDependencies {
  db: Db;
  plans: PlanCatalogue;
  metrics: MetricRegistry;
  api: ApiDescription;
  demo: boolean;
  clock: Clock;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The progress report (進捗状況報告書) of a fiscal year: a print-ready page and the same figures as .xlsx. */
export function reportRoutes({ db, plans, metrics, api, demo, clock }: ReportRouteDependencies) {
  const app = new Hono<AppEnv>();
  const fy = z.object({
    fy: z
      .string()
      .regex(/^\d{4}$/)
      .optional()
      .describe('fiscal year, e.g. 2026; the current plan year when absent'),
  });
  api.add(
    {
      method: 'get',
      path: '/plan/report',
      tag: 'plan',
      summary:
        'Progress report (進捗状況報告書) of a fiscal year as a print-ready HTML page (A4 landscape): targets, actuals, achievement, evaluation, comments and improvements',
      query: fy,
      permission: can_['plan.progress.read'],
      responses: { 200: 'text/html' },
    },
    {
      method: 'get',
      path: '/plan/report.xlsx',
      tag: 'plan',
      summary:
        'The same progress report as an Excel workbook: sheet 1 the projects by direction and measure, sheet 2 the outcome KPIs',
      query: fy,
      permission: can_['plan.progress.read'],
      responses: {
        200: `${xlsxType}, as an attachment named e.g. 進捗状況報告書_令和8年度.xlsx (ASCII: progress-report_FY2026.xlsx)`,
      },
    },
  );

  const planOf = (c: { get: (k: 'account') => AppEnv['Variables']['account'] }) =>
    plans.planFor(c.get('account'));

  serveStaticText(app, reportStylesheetPath, 'css', appFile(new URL('./report.css', import.meta.url)));

  app.get('/plan/report', requirePermission(can_['plan.progress.read']), async (c) => {
    const plan = planOf(c);
    const now = clock();
    const report = await loadProgressReport(
      db,
      plan,
      metrics,
      fiscalYearFrom(c, plan, now),
      todayInJapan(now),
    );
    const view = viewOf(c);
    return c.html(
      <ReportPage
        view={view}
        plan={plan}
        report={report}
        canEnterActuals={can(view.account?.role, can_['plan.actuals.write'])}
        demo={demo}
      />,
    );
  });

  app.get('/plan/report.xlsx', requirePermission(can_['plan.progress.read']), async (c) => {
    const plan = planOf(c);
    const lang = c.get('lang');
    const now = clock();
    const report = await loadProgressReport(
      db,
      plan,
      metrics,
      fiscalYearFrom(c, plan, now),
      todayInJapan(now),
    );
    // exceljs is loaded on the first download, not on every start
    const { contentDisposition, reportFileNames, reportWorkbookBuffer } = await import('./xlsx');
    const body = await reportWorkbookBuffer(report, lang);
    c.header('content-type', xlsxType);
    c.header('content-disposition', contentDisposition(reportFileNames(report, lang)));
    c.header('cache-control', 'private, no-store');
    return c.body(new Uint8Array(body));
  });

  return app;
}
