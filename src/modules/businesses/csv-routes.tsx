import type { Db } from '../../db/connection';
import { csvRoundTripRoutes } from '../../platform/csv-round-trip-routes';
import { todayInJapan } from '../../platform/fiscal-year';
import { actorOf } from '../../platform/http';
import { tr, viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from '../plan/catalogue';
import { directoryListCsv } from './directory-csv';
import { businessPermissions as can_ } from './permissions';

/** The staff's directory as CSV that comes back (decision 038): public profiles, approval, registration. */
export function directoryCsvRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  return csvRoundTripRoutes(db, {
    path: '/businesses/review/directory',
    hrefOf: () => '/businesses/review/directory',
    permission: can_['businesses.review'],
    listOf: async (c) => directoryListCsv(actorOf(c), plans.planFor(c.get('account'))),
    listName: (c) => tr(viewOf(c), '事業者一覧', 'the business directory'),
    backOf: () => '/businesses/review#directory-csv',
    fileNames: () => {
      const day = todayInJapan();
      return { utf8: `事業者一覧_${day}.csv`, ascii: `businesses-${day}.csv` };
    },
  });
}
