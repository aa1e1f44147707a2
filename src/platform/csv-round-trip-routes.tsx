import { Hono } from 'hono';
import type { Db } from '../db/connection';
import { csvResponse } from './csv';
import { assertCsvSize } from './csv-import';
import {
  confirmCsvImport,
  exportListCsv,
  findCsvUpload,
  type RoundTripList,
  startCsvImport,
} from './csv-round-trip';
import { UserError } from './errors';
import { type AppContext, type AppEnv, actorOf, requirePermission } from './http';
import { localise } from './i18n';
import { CsvImportPage, type CsvImportState } from './ui/csv-import';
import { tr, viewOf } from './ui/layout';

/** How a module offers one of its lists as CSV that comes back. */
export interface CsvRoundTripRoute {
  /** the route's pattern: the export is `${path}.csv`, the upload `${path}/import` */
  path: string;
  /** the same with this request's parameters: `/events/manage/12/participants` */
  hrefOf(c: AppContext): string;
  permission: string;
  /** the list of this request: may refuse (403, 404) one the actor may not change */
  listOf(c: AppContext): Promise<RoundTripList>;
  /** 「イベント一覧」: what the pages call the list */
  listName(c: AppContext): string;
  /** the page of the list, where its upload form is */
  backOf(c: AppContext): string;
  fileNames(c: AppContext): { utf8: string; ascii: string } | Promise<{ utf8: string; ascii: string }>;
}

/** How many problems the page lists. */
const shownProblems = 200;

const noFile = new UserError('csv_file_missing', 422, {
  ja: 'CSVファイルを選んでから「プレビューする」を押してください。',
  en: 'Choose a CSV file, then press Preview.',
});

/** A token of startCsvImport: 24 random bytes in base64url. */
const tokenPattern = ':token{[A-Za-z0-9_-]{32}}';

/**
 * The four routes of a list's CSV: export (UTF-8 with a BOM, or `?encoding=shift_jis`), upload
 * (refused with every line's problem, or kept and shown as a preview), the preview again, and its
 * confirmation (applied once; refused when the list changed since).
 */
export function csvRoundTripRoutes(db: Db, route: CsvRoundTripRoute) {
  const app = new Hono<AppEnv>();
  const may = requirePermission(route.permission);

  const page = (c: AppContext, state: CsvImportState, status = 200) => {
    // a preview of personal data is never kept by a cache
    c.header('cache-control', 'no-store');
    return c.html(
      <CsvImportPage
        view={viewOf(c)}
        listName={route.listName(c)}
        base={route.hrefOf(c)}
        back={route.backOf(c)}
        state={state}
      />,
      status as 200,
    );
  };

  const refused = (c: AppContext, error: unknown) => {
    if (!(error instanceof UserError) || error.status === 403 || error.status === 404) throw error;
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
    return page(
      c,
      { kind: 'refused', message: localise(view.lang, error.userMessage), details },
      error.status,
    );
  };

  app.get(`${route.path}.csv`, may, async (c) => {
    const list = await route.listOf(c);
    const names = await route.fileNames(c);
    return csvResponse(c, await exportListCsv(db, list), names.utf8, names.ascii);
  });

  app.post(`${route.path}/import`, may, async (c) => {
    const list = await route.listOf(c);
    const file = (await c.req.parseBody()).file;
    try {
      if (!(file instanceof File) || file.size === 0) throw noFile;
      assertCsvSize(file.size, list.format.limits);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const started = await startCsvImport(db, actorOf(c), list, { name: file.name, bytes });
      if (!started.token)
        return page(c, { kind: 'unchanged', preview: started.preview, fileName: file.name });
      return c.redirect(`${route.hrefOf(c)}/import/${started.token}`, 303);
    } catch (error) {
      return refused(c, error);
    }
  });

  app.get(`${route.path}/import/${tokenPattern}`, may, async (c) => {
    const list = await route.listOf(c);
    const upload = await findCsvUpload(db, actorOf(c), list, c.req.param('token') ?? '');
    return page(c, { kind: 'upload', upload, again: c.req.query('again') === '1' });
  });

  app.post(`${route.path}/import/${tokenPattern}`, may, async (c) => {
    const list = await route.listOf(c);
    const token = c.req.param('token') ?? '';
    try {
      const { again } = await confirmCsvImport(db, actorOf(c), list, token);
      return c.redirect(`${route.hrefOf(c)}/import/${token}${again ? '?again=1' : ''}`, 303);
    } catch (error) {
      return refused(c, error);
    }
  });

  return app;
}
