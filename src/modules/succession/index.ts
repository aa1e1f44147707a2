// The succession module owns the succession needs map (事業承継ニーズマップ, issue 9): owners aged 60 or
// over without a decided successor, counted by area and industry from the answers of business profiles
// and self-checks given with consent, small groups suppressed; and the outreach (セミナー・個別訪問)
// the 商工会, Bi@Sta and the city record against each area (decision 034). Cases stay in consultations.
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { mapTilesOf } from '../../platform/ui/map';
import { addNavigation } from '../../platform/ui/navigation';
import { successionPermissions } from './permissions';
import { successionRoutes } from './routes';
import { describeSuccessionAuditEntries } from './words';

export { successionNeeds } from './needs';
export { listOutreach, recordOutreach } from './outreach';
export { successionPermissions } from './permissions';
export { minimumGroup, suppressSmallGroups } from './suppression';

export function successionModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  describeSuccessionAuditEntries();
  addNavigation({
    href: '/succession/needs',
    label: { ja: '事業承継ニーズマップ', en: 'Succession needs map' },
    permission: successionPermissions['succession.needs'],
  });
  app.route(
    '/',
    successionRoutes({
      db: deps.database.db,
      plans: deps.plans,
      tiles: mapTilesOf(deps.config),
      api: deps.api,
    }),
  );
  return app;
}
