import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppEnv, requirePermission } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import { listOwnRegistrations } from './my-registrations';
import { MyRegistrationsPage } from './pages/my';
import { eventPermissions as can_ } from './permissions';

/** A signed-in person's own registrations, with the links to their tickets. */
export function myRegistrationRoutes({ db }: { db: Db }) {
  const app = new Hono<AppEnv>();
  app.get('/events/my', requirePermission(can_['events.registrations.own']), async (c) => {
    const account = c.get('account');
    if (!account) throw new Error('requirePermission lets no visitor through');
    const own = await listOwnRegistrations(db, account.id);
    // the page links to each registration's secret address
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.html(<MyRegistrationsPage view={viewOf(c)} {...own} />);
  });
  return app;
}
