import type { Db } from '../../db/connection';
import { csvRoundTripRoutes } from '../../platform/csv-round-trip-routes';
import { todayInJapan } from '../../platform/fiscal-year';
import { actorOf } from '../../platform/http';
import { tr, viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from '../plan/catalogue';
import { eventListCsv } from './event-list-csv';
import { findEventRunBy } from './event-service';
import { participantFileNames } from './participant-export';
import { participantListCsv } from './participant-list-csv';
import { eventPermissions as can_ } from './permissions';
import { eventPlanData } from './plan-data';
import { eventIdOf } from './routes';

/**
 * The organisers' lists as CSV that comes back (decision 038): the event list, and an event's
 * participant list (personal data: the organiser's staff and admins only, as the page).
 */
export function eventCsvRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const { organisersOf, categoriesOf, areasOf } = eventPlanData(plans);
  const events = csvRoundTripRoutes(db, {
    path: '/events/manage/events',
    hrefOf: () => '/events/manage/events',
    permission: can_['events.manage'],
    async listOf(c) {
      const actor = actorOf(c);
      const code = actor.municipalityCode;
      return eventListCsv({
        actor,
        organisers: organisersOf(code),
        categories: categoriesOf(code),
        choices: { organisations: organisersOf(code), categories: categoriesOf(code), areas: areasOf(code) },
      });
    },
    listName: (c) => tr(viewOf(c), 'イベント一覧', 'the event list'),
    backOf: () => '/events/manage#events-manage-events-csv',
    fileNames: () => {
      const day = todayInJapan();
      return { utf8: `イベント一覧_${day}.csv`, ascii: `events-${day}.csv` };
    },
  });
  const participants = csvRoundTripRoutes(db, {
    path: '/events/manage/:id{[0-9]+}/participants',
    hrefOf: (c) => `/events/manage/${eventIdOf(c)}/participants`,
    permission: can_['events.manage'],
    async listOf(c) {
      const actor = actorOf(c);
      return participantListCsv(actor, await findEventRunBy(db, actor, eventIdOf(c)));
    },
    listName: (c) => tr(viewOf(c), '参加者名簿', 'the participant list'),
    backOf: (c) => `/events/manage/${eventIdOf(c)}#participants-csv`,
    fileNames: async (c) => participantFileNames(await findEventRunBy(db, actorOf(c), eventIdOf(c)), 'csv'),
  });
  events.route('/', participants);
  return events;
}
