import { Hono } from 'hono';
import { privateDownload } from '../../platform/csv';
import { type AppContext, type AppEnv, requirePermission } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import { dataHeldOn } from './own-data';
import { OwnDataPage } from './pages/own-data';
import { consultationPermissions as can_ } from './permissions';
import type { ConsultationRouteDependencies } from './routes';

/** A person's own copy of what the consultation desks hold on them: a page, and the same as JSON. */
export function ownDataRoutes({ db, plans }: ConsultationRouteDependencies) {
  const app = new Hono<AppEnv>();
  const own = requirePermission(can_['consultations.own']);
  const account = (c: AppContext) => {
    const a = c.get('account');
    if (!a) throw new Error('requirePermission lets no visitor through');
    return a;
  };

  app.get('/consultations/my', own, async (c) => {
    c.header('cache-control', 'private, no-store');
    return c.html(
      <OwnDataPage
        view={viewOf(c)}
        data={await dataHeldOn(db, account(c))}
        organisations={plans.planFor(account(c)).file.organisations}
      />,
    );
  });

  app.get('/consultations/my.json', own, async (c) => {
    privateDownload(c, '相談窓口の記録.json', 'consultation-records.json');
    return c.json(await dataHeldOn(db, account(c)));
  });

  return app;
}
