import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppEnv, siteOrigin } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import type { PlanCatalogue } from '../plan/catalogue';
import type { EventWithCounts } from './event-service';
import { areaName, categoryName, organiserName, remainingSeats } from './pages/components';
import { eventPlanData } from './plan-data';
import {
  EventFilterSchema,
  findPublishedEvents,
  isOpenForRegistration,
  japanIsoDateTime,
  parseEventFilter,
} from './published-events';

/** The published events for programs: the same filters and the same events as the list page. */
export function eventsApi({ db, plans, api }: { db: Db; plans: PlanCatalogue; api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  const { organisersOf, categoriesOf, areasOf, municipalityCodeOf } = eventPlanData(plans);

  api.add({
    method: 'get',
    path: '/api/v1/events',
    tag: 'events',
    summary:
      'Published events, soonest first (upcoming ones unless month or from/to is given): filter by kind, area, month or dates (Japan time) and words of the title; a page at a time',
    query: EventFilterSchema,
    responses: { 200: 'A page of events, with the number of all found', 400: 'A bad query parameter' },
  });

  app.get('/api/v1/events', async (c) => {
    const code = municipalityCodeOf(c);
    const [categories, areas, organisers] = [categoriesOf(code), areasOf(code), organisersOf(code)];
    const filter = parseEventFilter(c.req.query(), { categories, areas });
    const { events, total } = await findPublishedEvents(db, code, filter);
    const origin = siteOrigin(c);
    const item = (e: EventWithCounts) => ({
      id: e.id,
      url: `${origin}/events/${e.id}`,
      status: e.status,
      kind: e.kind,
      sessions: e.sessions.map((s) => ({
        number: s.number,
        title: s.title,
        topic: s.topic,
        startsAt: japanIsoDateTime(s.startsAt),
        endsAt: japanIsoDateTime(s.endsAt),
      })),
      title: e.title,
      titleKana: e.titleKana,
      titleEn: e.titleEn,
      category: {
        code: e.category,
        name: categoryName('ja', e.category, categories),
        nameEn: categoryName('en', e.category, categories),
      },
      area: e.area
        ? { code: e.area, name: areaName('ja', e.area, areas), nameEn: areaName('en', e.area, areas) }
        : null,
      startsAt: japanIsoDateTime(e.startsAt),
      endsAt: japanIsoDateTime(e.endsAt),
      place: e.place,
      address: e.address,
      latitude: e.latitude,
      longitude: e.longitude,
      access: e.access,
      parking: e.parking,
      capacity: e.capacity,
      remainingSeats: remainingSeats(e),
      feeYen: e.feeYen,
      feeDetails: e.feeDetails,
      registrationOpen: isOpenForRegistration(e),
      registrationClosesAt: japanIsoDateTime(e.registrationClosesAt ?? e.startsAt),
      organiser: {
        code: e.organiser,
        name: organiserName('ja', e.organiser, organisers),
        nameEn: organiserName('en', e.organiser, organisers),
      },
      contact: { name: e.contactName, phone: e.contactPhone },
      description: e.description,
      notes: e.notes,
    });
    return c.json({
      municipalityCode: code,
      total,
      page: filter.page,
      perPage: filter.perPage,
      events: events.map(item),
    });
  });

  return app;
}
