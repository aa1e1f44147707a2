import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { qrCodeSvg } from '../../platform/qr';
import { viewOf } from '../../platform/ui/layout';
import { appFile, serveStaticText } from '../../platform/ui/static-assets';
import type { PlanCatalogue } from '../plan/catalogue';
import {
  createEdition,
  listEditions,
  readEdition,
  recordPrintRun,
  saveEdition,
  shopsForEdition,
} from './map-editions';
import { EditionPage, EditionsPage } from './pages/editions';
import { PaperMapPage, paperMapStylesheetPath } from './pages/paper-map';
import { paperMapSvg } from './paper-map-svg';
import { shopPermissions as can_ } from './permissions';
import type { MapEditionRow } from './schema';

const notices = {
  created: {
    ja: '版をつくりました。載せるお店を選んでください。',
    en: 'The edition was made. Choose its shops.',
  },
  updated: { ja: '版を保存しました。', en: 'The edition was saved.' },
  unchanged: { ja: '変更はありませんでした。', en: 'Nothing changed.' },
  recorded: { ja: '発行部数と発行日を記録しました。', en: 'The print run and issue date were recorded.' },
} as const;

const editionValues = (e: MapEditionRow): FormValues => ({
  title: e.title,
  fiscalYear: String(e.fiscalYear),
  area: e.area ?? '',
  paper: e.paper,
  introduction: e.introduction,
});

/** The paper map's editions, for the staff of the 商工会 and the city (decision 029). */
export function editionRoutes({
  db,
  plans,
  publicBaseUrl,
}: {
  db: Db;
  plans: PlanCatalogue;
  publicBaseUrl: string;
}) {
  const app = new Hono<AppEnv>();
  const staff = requirePermission(can_['shops.paper-map']);
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const idOf = (c: AppContext) => Number(c.req.param('id'));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  serveStaticText(
    app,
    paperMapStylesheetPath,
    'css',
    appFile(new URL('./pages/paper-map.css', import.meta.url)),
  );

  const renderList = async (c: AppContext, values?: FormValues, problem?: FormProblem, status = 200) => {
    const plan = planOf(c);
    personal(c);
    return c.html(
      <EditionsPage
        view={viewOf(c)}
        editions={await listEditions(db, plan.municipalityCode)}
        areas={plan.file.areas}
        values={values ?? { idempotencyKey: randomUUID(), paper: 'A4' }}
        problem={problem}
      />,
      status as 200,
    );
  };

  app.get('/shops/editions', staff, (c) => renderList(c));

  app.post('/shops/editions', staff, async (c) => {
    const body = await formBody(c);
    try {
      const { edition } = await createEdition(db, actorOf(c), planOf(c), body);
      return c.redirect(`/shops/editions/${edition.id}?saved=created`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403) throw error;
      return renderList(c, body, problem, status);
    }
  });

  const renderEdition = async (
    c: AppContext,
    extra: {
      values?: FormValues;
      problem?: FormProblem;
      issueValues?: FormValues;
      issueProblem?: FormProblem;
      status?: number;
    } = {},
  ) => {
    const plan = planOf(c);
    const { edition, entries } = await readEdition(db, plan, idOf(c));
    personal(c);
    return c.html(
      <EditionPage
        view={viewOf(c)}
        edition={edition}
        entries={entries}
        candidates={await shopsForEdition(db, plan, edition)}
        areas={plan.file.areas}
        values={extra.values ?? editionValues(edition)}
        issueValues={
          extra.issueValues ?? {
            printRun: edition.printRun ? String(edition.printRun) : '',
            issuedOn: edition.issuedOn ?? '',
          }
        }
        problem={extra.problem}
        issueProblem={extra.issueProblem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/shops/editions/:id{[0-9]+}', staff, (c) => renderEdition(c));

  app.post('/shops/editions/:id{[0-9]+}', staff, async (c) => {
    const body = await formBody(c);
    try {
      const outcome = await saveEdition(db, actorOf(c), planOf(c), idOf(c), body);
      return c.redirect(`/shops/editions/${idOf(c)}?saved=${outcome}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderEdition(c, { values: body, problem, status });
    }
  });

  app.post('/shops/editions/:id{[0-9]+}/issue', staff, async (c) => {
    const body = await formBody(c);
    try {
      const outcome = await recordPrintRun(db, actorOf(c), planOf(c), idOf(c), body);
      return c.redirect(`/shops/editions/${idOf(c)}?saved=${outcome}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderEdition(c, { issueValues: body, issueProblem: problem, status });
    }
  });

  app.get('/shops/editions/:id{[0-9]+}/print', staff, async (c) => {
    const plan = planOf(c);
    const { edition, entries } = await readEdition(db, plan, idOf(c));
    const lang = c.get('lang');
    const pageUrl = (id: number) => `${publicBaseUrl}/shops/${id}`;
    const listed = entries.flatMap((e) => (e.listing ? [e.listing] : []));
    const qrCodes = new Map(
      await Promise.all(
        listed.map(
          async (s) =>
            [
              s.business.id,
              await qrCodeSvg(
                pageUrl(s.business.id),
                lang === 'en'
                  ? `QR code of ${s.business.name}'s page`
                  : `${s.business.name}のページのQRコード`,
              ),
            ] as const,
        ),
      ),
    );
    const pins = entries.flatMap(({ entry, listing }) =>
      listing && listing.business.latitude !== null && listing.business.longitude !== null
        ? [
            {
              number: entry.number,
              name: listing.business.name,
              category: listing.shop.category,
              latitude: listing.business.latitude,
              longitude: listing.business.longitude,
            },
          ]
        : [],
    );
    const landmarks = plan.file.areas.flatMap((a) =>
      a.center ? [{ name: (lang === 'en' && a.nameEn) || a.name, ...a.center }] : [],
    );
    const mapSvg = paperMapSvg(pins, landmarks, {
      width: edition.paper === 'A3' ? 1400 : 1000,
      label:
        lang === 'en'
          ? `Map of the ${pins.length} shops, numbered as in the list`
          : `${pins.length}店の位置を一覧と同じ番号で示した地図`,
    });
    personal(c);
    return c.html(
      <PaperMapPage
        view={viewOf(c)}
        edition={edition}
        entries={entries}
        mapSvg={mapSvg}
        qrCodes={qrCodes}
        pageUrl={pageUrl}
        areas={plan.file.areas}
      />,
    );
  });

  return app;
}
