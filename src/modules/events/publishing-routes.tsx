import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { csvResponse } from '../../platform/csv';
import { notFound } from '../../platform/errors';
import { type AppContext, type AppEnv, actorOf, requirePermission, siteOrigin } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from '../plan/catalogue';
import { eventVersion, updateEventDetails } from './event-details';
import { detailsFormValues } from './event-details-input';
import { findEventRunBy } from './event-service';
import { formBody, problemOf } from './forms';
import { eventsCalendar } from './ical-feed';
import { eventsOpenDataCsv } from './opendata-csv';
import { categoryName, type FormProblem, type FormValues, organiserName } from './pages/components';
import { EventDetailsPage } from './pages/details';
import { eventPermissions as can_ } from './permissions';
import { eventPlanData } from './plan-data';
import { eventsForFeed, eventsForOpenData } from './published-events';
import { eventIdOf } from './routes';

const feedNotFound = notFound({ ja: 'この種類のカレンダー', en: 'A calendar of this kind' });

/**
 * Publishing events: the iCalendar feeds and the open-data CSV (anyone), and the organisers' page for
 * what the public reads about an event (its details). Browsing is in routes.tsx (/events), the JSON
 * API in api.ts.
 */
export function publishingRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const { areasOf, categoriesOf, organisersOf, municipalityOf, municipalityCodeOf } = eventPlanData(plans);

  // ----- public: calendar feeds and open data ----------------------------------------------------

  /** What a feed or the open data names: the municipality, and its organisers and kinds in Japanese. */
  const sourceOf = (c: AppContext) => {
    const code = municipalityCodeOf(c);
    const municipality = municipalityOf(code);
    return {
      code,
      municipality: { code, name: municipality?.name ?? code, prefecture: municipality?.prefecture ?? '' },
      listUrl: `${siteOrigin(c)}/events`,
      organiserName: (organiser: string) => organiserName('ja', organiser, organisersOf(code)),
      categoryName: (category: string) => categoryName('ja', category, categoriesOf(code)),
    };
  };
  const calendarFeed = async (c: AppContext, category?: { code: string; title: string }) => {
    const source = sourceOf(c);
    const events = await eventsForFeed(db, source.code, category?.code);
    const name = `${source.municipality.name}のイベント${category ? `（${category.title}）` : ''}`;
    c.header('content-type', 'text/calendar; charset=utf-8');
    c.header('content-disposition', `inline; filename="${category?.code ?? 'events'}.ics"`);
    // the same address gives an account its own municipality's events: caches keep them apart
    c.header('cache-control', 'public, max-age=300');
    c.header('vary', 'Cookie');
    return c.body(eventsCalendar(events, { ...source, name }));
  };

  app.get('/events/calendar.ics', (c) => calendarFeed(c));

  app.get('/events/calendar/:file{[A-Za-z0-9][A-Za-z0-9._-]*\\.ics}', (c) => {
    const code = c.req.param('file').replace(/\.ics$/, '');
    const category = categoriesOf(municipalityCodeOf(c)).find((k) => k.code === code);
    if (!category) throw feedNotFound;
    return calendarFeed(c, category);
  });

  app.get('/events/opendata.csv', async (c) => {
    const source = sourceOf(c);
    const csv = eventsOpenDataCsv(await eventsForOpenData(db, source.code), source);
    // the standard's file name: the municipality's code and the dataset's name
    const filename = `${source.code}_event.csv`;
    return csvResponse(c, csv, filename, filename);
  });

  // ----- staff (管理): the public details of an event --------------------------------------------

  const renderDetails = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const actor = actorOf(c);
    const event = await findEventRunBy(db, actor, eventIdOf(c));
    return c.html(
      <EventDetailsPage
        view={viewOf(c)}
        event={event}
        areas={areasOf(actor.municipalityCode)}
        values={extra.values ?? detailsFormValues(event)}
        // a refused form keeps what was typed; sent again, it is saved over the event as it is now
        version={eventVersion(event)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage/:id{[0-9]+}/details', requirePermission(can_['events.manage']), (c) =>
    renderDetails(c),
  );

  app.post('/events/manage/:id{[0-9]+}/details', requirePermission(can_['events.manage']), async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    try {
      const { changed } = await updateEventDetails(db, actor, eventIdOf(c), body, {
        areas: areasOf(actor.municipalityCode),
      });
      return c.redirect(
        `/events/manage/${eventIdOf(c)}?saved=${changed ? 'details' : 'details-unchanged'}`,
        303,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderDetails(c, { values: body, problem, status });
    }
  });

  return app;
}
