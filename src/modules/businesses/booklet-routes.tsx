import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type FormProblem, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { qrCodeSvg } from '../../platform/qr';
import { viewOf } from '../../platform/ui/layout';
import { appFile, serveStaticText } from '../../platform/ui/static-assets';
import type { PlanCatalogue } from '../plan/catalogue';
import {
  type BookletMeeting,
  businessesForBooklet,
  businessesRegisteredFor,
  meetingForBooklet,
  meetingsForBooklet,
} from './booklet';
import { findBusinesses, parseDirectoryQuery } from './directory';
import { type BookletChoice, BookletChooserPage, BookletPage, bookletStylesheetPath } from './pages/booklet';
import { businessPermissions as can_ } from './permissions';

/**
 * The 事業者連携交流会's who's who (decision 025), for the staff who run the meeting: choose, then
 * print. Who registered is read through the events module, which lets only the organisers see it.
 */
export function bookletRoutes({
  db,
  plans,
  publicBaseUrl,
}: {
  db: Db;
  plans: PlanCatalogue;
  publicBaseUrl: string;
}) {
  const app = new Hono<AppEnv>();
  const review = requirePermission(can_['businesses.review']);
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const eventOf = (c: AppContext) => {
    const n = Number(c.req.query('event'));
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  };

  serveStaticText(
    app,
    bookletStylesheetPath,
    'css',
    appFile(new URL('./pages/booklet.css', import.meta.url)),
  );

  const renderChooser = async (c: AppContext, problem?: FormProblem, status = 200) => {
    const plan = planOf(c);
    const actor = actorOf(c);
    const eventId = eventOf(c);
    const meeting = eventId ? await meetingForBooklet(db, actor, eventId) : undefined;
    const registered = meeting ? await businessesRegisteredFor(db, actor, meeting.id) : [];
    const choices: BookletChoice[] = registered.map((business) => ({ business, registered: true }));
    const added = (c.req.query('add') ?? '').trim();
    let shownProblem = problem;
    if (added) {
      try {
        const filter = parseDirectoryQuery({ q: added }, plan.file.areas);
        const found = await findBusinesses(db, plan.municipalityCode, filter);
        for (const business of found.businesses) {
          if (!registered.some((r) => r.id === business.id)) choices.push({ business, registered: false });
        }
      } catch (error) {
        shownProblem = problemOf(c, error).problem;
        status = 400;
      }
    }
    c.header('cache-control', 'private, no-store');
    return c.html(
      <BookletChooserPage
        view={viewOf(c)}
        meetings={await meetingsForBooklet(db, actor)}
        meeting={meeting}
        choices={choices}
        added={added}
        problem={shownProblem}
      />,
      status as 200,
    );
  };

  app.get('/businesses/booklet', review, (c) => renderChooser(c));

  app.get('/businesses/booklet/print', review, async (c) => {
    const plan = planOf(c);
    const actor = actorOf(c);
    const eventId = eventOf(c);
    const meeting: BookletMeeting | undefined = eventId
      ? await meetingForBooklet(db, actor, eventId)
      : undefined;
    const ids = (c.req.queries('business') ?? []).map(Number);
    let chosen: Awaited<ReturnType<typeof businessesForBooklet>>;
    try {
      chosen = await businessesForBooklet(db, plan.municipalityCode, ids);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status !== 422) throw error;
      return renderChooser(c, problem, status);
    }
    const pageUrl = (id: number) => `${publicBaseUrl}/businesses/${id}`;
    const lang = c.get('lang');
    const qrCodes = new Map(
      await Promise.all(
        chosen.map(
          async (b) =>
            [
              b.id,
              await qrCodeSvg(
                pageUrl(b.id),
                lang === 'en' ? `QR code of ${b.name}'s page` : `${b.name}のページのQRコード`,
              ),
            ] as const,
        ),
      ),
    );
    c.header('cache-control', 'private, no-store');
    return c.html(
      <BookletPage
        view={viewOf(c)}
        meeting={meeting}
        businesses={chosen}
        qrCodes={qrCodes}
        pageUrl={pageUrl}
        areas={plan.file.areas}
        organisations={plan.file.organisations}
        printedAt={new Date()}
      />,
    );
  });

  return app;
}
