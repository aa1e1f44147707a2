import type { Db } from '../../db/connection';
import { csvRoundTripRoutes } from '../../platform/csv-round-trip-routes';
import { todayInJapan } from '../../platform/fiscal-year';
import { actorOf } from '../../platform/http';
import { tr, viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from '../plan/catalogue';
import { eventListCsv } from './event-list-csv';
import { eventPermissions as can_ } from './permissions';
import { eventPlanData } from './plan-data';

/** The organisers' event list as CSV: export, upload, preview and confirm (decision 038). */
export function eventCsvRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const { organisersOf, categoriesOf, areasOf } = eventPlanData(plans);
  return csvRoundTripRoutes(db, {
    path: '/events/manage/events',
    hrefOf: () => '/events/manage/events',
    permission: can_['events.manage'],
    async listOf(c) {
      const actor = actorOf(c);
      const code = actor.municipalityCode;
      return eventListCsv({
        db,
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
}
