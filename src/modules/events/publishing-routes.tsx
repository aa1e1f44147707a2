import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from '../plan/catalogue';
import { eventVersion, updateEventDetails } from './event-details';
import { detailsFormValues } from './event-details-input';
import { findEventRunBy } from './event-service';
import { formBody, problemOf } from './forms';
import type { FormProblem, FormValues } from './pages/components';
import { EventDetailsPage } from './pages/details';
import { eventPermissions as can_ } from './permissions';
import { eventPlanData } from './plan-data';
import { eventIdOf } from './routes';

/**
 * Publishing events: the organisers' page for what the public reads about an event (its details).
 * Browsing is in routes.tsx (/events).
 */
export function publishingRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const { areasOf } = eventPlanData(plans);

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
