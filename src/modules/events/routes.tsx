import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from '../plan/catalogue';
import { checkIn, listParticipants } from './attendance-service';
import {
  createEvent,
  findEventForStaff,
  findPublishedEvent,
  listEventsForStaff,
  listUpcomingEvents,
  publishEvent,
} from './event-service';
import { formBody, problemOf } from './forms';
import { runsEvent } from './organiser-access';
import type { Category, FormProblem, FormValues, Organiser } from './pages/components';
import { eventInputOf, formValuesAgain, sessionRowsOf } from './pages/event-form';
import { ManageEventPage, ManageEventsPage } from './pages/manage';
import { EventListPage, EventPage } from './pages/public';
import { RegistrationPage } from './pages/registration';
import { eventPermissions as can_ } from './permissions';
import { cancelRegistration, findRegistrationByToken, registerForEvent } from './registration-service';

export interface EventRouteDependencies {
  db: Db;
  plans: PlanCatalogue;
}

const notices = {
  created: {
    ja: 'イベントを作成しました（下書き）。内容を確かめてから公開してください。',
    en: 'The event was created as a draft. Check it, then publish it.',
  },
  published: {
    ja: 'イベントを公開しました。申し込みを受け付けています。',
    en: 'The event is published and open for registration.',
  },
  'checked-in': { ja: '受付しました。', en: 'Checked in.' },
  cancelled: { ja: 'お申し込みを取り消しました。', en: 'Your registration was cancelled.' },
} as const;

const noticeOf = (c: AppContext) => savedNotice(c, notices);

const eventIdOf = (c: AppContext) => Number(c.req.param('id'));

/** Browsing and registering (anyone), and the organisers' pages (staff roles). */
export function eventRoutes({ db, plans }: EventRouteDependencies) {
  const app = new Hono<AppEnv>();
  /** The organisations of 第5章 in a municipality's plan, which organise its events. */
  const organisersOf = (municipalityCode: string): Organiser[] =>
    plans.byMunicipality(municipalityCode)?.file.organisations ?? [];
  /** The kinds of event a municipality's plan declares (`eventCategories`). */
  const categoriesOf = (municipalityCode: string): Category[] =>
    plans.byMunicipality(municipalityCode)?.file.eventCategories ?? [];
  /** A visitor sees the events of the default plan's municipality; an account those of its own. */
  const municipalityOf = (c: AppContext) =>
    c.get('account')?.municipalityCode ?? plans.defaultPlan.municipalityCode;

  // ----- public -------------------------------------------------------------------------------

  app.get('/events', async (c) => {
    const code = municipalityOf(c);
    const rows = await listUpcomingEvents(db, code);
    return c.html(
      <EventListPage
        view={viewOf(c)}
        events={rows}
        organisers={organisersOf(code)}
        categories={categoriesOf(code)}
      />,
    );
  });

  const renderEvent = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const event = await findPublishedEvent(db, eventIdOf(c));
    const account = c.get('account');
    return c.html(
      <EventPage
        view={viewOf(c)}
        event={event}
        organisers={organisersOf(event.municipalityCode)}
        categories={categoriesOf(event.municipalityCode)}
        idempotencyKey={extra.values?.idempotencyKey ?? randomUUID()}
        values={extra.values ?? (account ? { name: account.displayName, email: account.email } : {})}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/:id{[0-9]+}', (c) => renderEvent(c));

  app.post('/events/:id{[0-9]+}/registrations', async (c) => {
    const body = await formBody(c);
    try {
      const result = await registerForEvent(db, eventIdOf(c), body as never, { account: c.get('account') });
      if (result.outcome === 'already-registered') {
        return c.html(
          <RegistrationPage
            view={viewOf(c)}
            event={result.event}
            registration={result.registration}
            position={result.position}
            organisers={organisersOf(result.event.municipalityCode)}
            showLink={false}
          />,
        );
      }
      c.header('cache-control', 'no-store');
      return c.redirect(`/events/registrations/${result.registration.cancelToken}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderEvent(c, { values: body, problem, status });
    }
  });

  const renderRegistration = async (
    c: AppContext,
    extra: { problem?: FormProblem; status?: number } = {},
  ) => {
    const { registration, event, position } = await findRegistrationByToken(db, c.req.param('token') ?? '');
    // the link is the key to the registration: it must not end up in a shared cache
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.html(
      <RegistrationPage
        view={viewOf(c)}
        event={event}
        registration={registration}
        position={position}
        organisers={organisersOf(event.municipalityCode)}
        showLink
        notice={noticeOf(c)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/registrations/:token', (c) => renderRegistration(c));

  app.post('/events/registrations/:token/cancel', async (c) => {
    const token = c.req.param('token');
    try {
      await cancelRegistration(db, token);
      return c.redirect(`/events/registrations/${token}?saved=cancelled`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderRegistration(c, { problem, status });
    }
  });

  // ----- staff (管理): the organisers' pages ----------------------------------------------------

  const renderManage = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number; moreRows?: boolean } = {},
  ) => {
    const actor = actorOf(c);
    const rows = await listEventsForStaff(db, actor);
    const values = extra.values ?? { organiser: c.get('account')?.organisation ?? '' };
    return c.html(
      <ManageEventsPage
        view={viewOf(c)}
        events={rows}
        organisers={organisersOf(actor.municipalityCode)}
        categories={categoriesOf(actor.municipalityCode)}
        values={values}
        problem={extra.problem}
        notice={noticeOf(c)}
        rows={sessionRowsOf(values, extra.moreRows)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage', requirePermission(can_['events.manage']), (c) => renderManage(c));

  app.post('/events/manage', requirePermission(can_['events.manage']), async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    // 「回の入力欄を増やす」: the same form again with more session rows, nothing saved
    if (body.moreSessions) return renderManage(c, { values: body, moreRows: true });
    try {
      const event = await createEvent(db, actor, eventInputOf(body), {
        organisations: organisersOf(actor.municipalityCode),
        categories: categoriesOf(actor.municipalityCode),
      });
      return c.redirect(`/events/manage/${event.id}?saved=created`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderManage(c, { values: formValuesAgain(body), problem, status });
    }
  });

  const renderManageEvent = async (c: AppContext, extra: { problem?: FormProblem; status?: number } = {}) => {
    const actor = actorOf(c);
    const search = (c.req.query('q') ?? '').slice(0, 100);
    const event = await findEventForStaff(db, actor, eventIdOf(c));
    const participants = runsEvent(actor, event) ? await listParticipants(db, actor, event.id, search) : null;
    // the participant list is personal data
    c.header('cache-control', 'no-store');
    return c.html(
      <ManageEventPage
        view={viewOf(c)}
        event={event}
        organisers={organisersOf(actor.municipalityCode)}
        categories={categoriesOf(actor.municipalityCode)}
        participants={participants}
        search={search}
        notice={noticeOf(c)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage/:id{[0-9]+}', requirePermission(can_['events.manage']), (c) =>
    renderManageEvent(c),
  );

  app.post('/events/manage/:id{[0-9]+}/publish', requirePermission(can_['events.manage']), async (c) => {
    try {
      await publishEvent(db, actorOf(c), eventIdOf(c));
      return c.redirect(`/events/manage/${eventIdOf(c)}?saved=published`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderManageEvent(c, { problem, status });
    }
  });

  app.post(
    '/events/manage/:id{[0-9]+}/registrations/:registrationId{[0-9]+}/check-in',
    requirePermission(can_['events.manage']),
    async (c) => {
      const body = await formBody(c);
      const search = (body.q ?? '').slice(0, 100);
      try {
        await checkIn(db, actorOf(c), eventIdOf(c), {
          registrationId: Number(c.req.param('registrationId')),
        });
        const query = new URLSearchParams({ saved: 'checked-in', ...(search ? { q: search } : {}) });
        return c.redirect(`/events/manage/${eventIdOf(c)}?${query}#participants`, 303);
      } catch (error) {
        const { status, problem } = problemOf(c, error);
        if (status === 404) throw error;
        return renderManageEvent(c, { problem, status });
      }
    },
  );

  return app;
}
