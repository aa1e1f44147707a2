import type { Db } from '../../db/connection';
import { csvRoundTripRoutes } from '../../platform/csv-round-trip-routes';
import { todayInJapan } from '../../platform/fiscal-year';
import { actorOf } from '../../platform/http';
import { tr, viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from '../plan/catalogue';
import { listingListCsv } from './listing-csv';
import { propertyPermissions as can_ } from './permissions';

/** A poster's listings as CSV that comes back (decision 038); the owner's contact is theirs to see. */
export function listingCsvRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  return csvRoundTripRoutes(db, {
    path: '/properties/mine',
    hrefOf: () => '/properties/mine',
    permission: can_['properties.post'],
    listOf: async (c) => listingListCsv(actorOf(c), plans.planFor(c.get('account'))),
    listName: (c) => tr(viewOf(c), '掲載している空き物件', 'your listings'),
    backOf: () => '/properties/mine#properties-csv',
    fileNames: () => {
      const day = todayInJapan();
      return { utf8: `空き物件_${day}.csv`, ascii: `properties-${day}.csv` };
    },
  });
}
