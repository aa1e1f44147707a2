import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { csvFile, csvResponse } from '../../../platform/csv';
import { todayInJapan } from '../../../platform/fiscal-year';
import {
  type AppContext,
  type AppEnv,
  actorOf,
  requirePermission,
  savedNotice,
} from '../../../platform/http';
import { viewOf } from '../../../platform/ui/layout';
import { formBody, problemOf } from '../forms';
import type { FormProblem, FormValues } from '../pages/components';
import { eventPermissions as can_ } from '../permissions';
import type { EventRouteDependencies } from '../routes';
import {
  cancelBooking,
  findCourseRunBy,
  listCourseBookings,
  markAttendance,
  takePhoneBooking,
} from './bookings';
import { type BookingForm, CourseBookingsPage } from './bookings-page';
import {
  answerFollowUp,
  campaignReturns,
  campaignReturnsForStaff,
  findFollowUpByToken,
  recordAnswerByShop,
  shopKey,
} from './follow-ups';
import { CampaignReturnsPage, FollowUpPage, returnsTable } from './returns-page';

const notices = {
  booked: { ja: '電話の申し込みを記録しました。', en: 'The phone booking was recorded.' },
  repeated: {
    ja: 'この申し込みは記録済みです（同じフォームが2回送られました）。',
    en: 'This booking was already recorded (the same form was sent twice).',
  },
  cancelled: { ja: '申し込みを取り消しました。', en: 'The booking was cancelled.' },
  came: { ja: '「来た」にしました。', en: 'Marked as came.' },
  absent: { ja: '「来なかった」にしました。', en: 'Marked as did not come.' },
  answered: { ja: 'その後の来店の回答を記録しました。', en: 'The answer was recorded.' },
} as const;

const answerNotices = {
  answered: {
    ja: 'ご回答ありがとうございました。',
    en: 'Thank you for your answer.',
  },
} as const;

const idOf = (c: AppContext, name = 'id') => Number(c.req.param(name));

/**
 * まちゼミ as shops run it (decision 037): a course's bookings for its shop and the organiser's
 * staff, the participant's answer page after the campaign, and the return rate per shop for the
 * organiser.
 */
export function courseBookingRoutes({ db }: EventRouteDependencies) {
  const app = new Hono<AppEnv>();

  // ----- the shop that runs the course, and the organiser's staff -------------------------------

  const bookings = requirePermission(can_['events.courses.bookings']);

  const renderBookings = async (
    c: AppContext,
    extra: { form?: BookingForm; values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const actor = actorOf(c);
    const found = await listCourseBookings(db, actor, idOf(c));
    const returns = await campaignReturns(db, found.campaign.id);
    const shop = returns.shops.find((s) => shopKey(s) === shopKey(found.course));
    // names and contacts: personal data, never kept by a cache
    c.header('cache-control', 'no-store');
    return c.html(
      <CourseBookingsPage
        view={viewOf(c)}
        service={found}
        bookings={found.bookings}
        returns={{
          shop: shop ?? { courses: 0, attended: 0, consented: 0, asked: 0, answered: 0, cameBack: 0 },
          campaign: returns.total,
        }}
        staffView={actor.role !== 'business'}
        idempotencyKey={randomUUID()}
        now={new Date()}
        form={extra.form}
        values={extra.values}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  /** Back to the list at the booking just changed (Post/Redirect/Get). */
  const backToList = (c: AppContext, saved: keyof typeof notices, registrationId?: number) =>
    c.redirect(
      `/events/courses/${idOf(c)}/bookings?saved=${saved}${registrationId ? `#booking-${registrationId}` : ''}`,
      303,
    );

  /** A refused form: the page again with its problem beside that form; a missing course is 404. */
  const refused = (c: AppContext, error: unknown, form: BookingForm, values: FormValues) => {
    const { status, problem } = problemOf(c, error);
    if (status === 404 || status === 403) throw error;
    return renderBookings(c, { form, values, problem, status });
  };

  app.get('/events/courses/:id{[0-9]+}/bookings', bookings, (c) => renderBookings(c));

  app.post('/events/courses/:id{[0-9]+}/bookings', bookings, async (c) => {
    const body = await formBody(c);
    try {
      const { outcome, registration } = await takePhoneBooking(db, actorOf(c), idOf(c), body);
      return backToList(c, outcome, registration.id);
    } catch (error) {
      return refused(c, error, 'booking', body);
    }
  });

  const registrationIdOf = (c: AppContext) => idOf(c, 'registrationId');

  app.post('/events/courses/:id{[0-9]+}/bookings/:registrationId{[0-9]+}/cancel', bookings, async (c) => {
    try {
      await cancelBooking(db, actorOf(c), idOf(c), registrationIdOf(c));
      return backToList(c, 'cancelled', registrationIdOf(c));
    } catch (error) {
      return refused(c, error, `row-${registrationIdOf(c)}`, {});
    }
  });

  app.post('/events/courses/:id{[0-9]+}/bookings/:registrationId{[0-9]+}/attendance', bookings, async (c) => {
    const body = await formBody(c);
    try {
      const { mark } = await markAttendance(db, actorOf(c), idOf(c), registrationIdOf(c), body);
      return backToList(c, mark, registrationIdOf(c));
    } catch (error) {
      return refused(c, error, `row-${registrationIdOf(c)}`, body);
    }
  });

  app.post('/events/courses/:id{[0-9]+}/bookings/:registrationId{[0-9]+}/follow-up', bookings, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    try {
      const { course, campaign } = await findCourseRunBy(db, actor, idOf(c));
      await recordAnswerByShop(db, actor, { ...course, campaign }, registrationIdOf(c), body);
      return backToList(c, 'answered', registrationIdOf(c));
    } catch (error) {
      return refused(c, error, `row-${registrationIdOf(c)}`, body);
    }
  });

  // ----- the participant, from the mail's link (no login) ---------------------------------------

  const renderFollowUp = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const token = c.req.param('token') ?? '';
    const found = await findFollowUpByToken(db, token);
    // the link is the person's key: no cache keeps the page, no referrer carries it away
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.html(
      <FollowUpPage
        view={viewOf(c)}
        found={found}
        token={token}
        values={extra.values ?? {}}
        problem={extra.problem}
        notice={savedNotice(c, answerNotices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/follow-ups/:token', (c) => renderFollowUp(c));

  app.post('/events/follow-ups/:token', async (c) => {
    const body = await formBody(c);
    const token = c.req.param('token');
    try {
      await answerFollowUp(db, token, body);
      c.header('referrer-policy', 'no-referrer');
      return c.redirect(`/events/follow-ups/${token}?saved=answered`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderFollowUp(c, { values: body, problem, status });
    }
  });

  // ----- staff (管理): the return rate per shop ---------------------------------------------------

  const manage = requirePermission(can_['events.manage']);

  app.get('/events/campaigns/manage/:id{[0-9]+}/returns', manage, async (c) => {
    const found = await campaignReturnsForStaff(db, actorOf(c), idOf(c));
    c.header('cache-control', 'no-store');
    return c.html(<CampaignReturnsPage view={viewOf(c)} {...found} now={new Date()} />);
  });

  app.get('/events/campaigns/manage/:id{[0-9]+}/returns.csv', manage, async (c) => {
    const { campaign, shops, total } = await campaignReturnsForStaff(db, actorOf(c), idOf(c));
    const table = returnsTable(shops, total);
    const day = todayInJapan();
    const title = campaign.title.replace(/[\\/:*?"<>|]/g, '_').slice(0, 60);
    return csvResponse(
      c,
      csvFile([table.headers, ...table.rows]),
      `その後の来店_${title}_${day}.csv`,
      `machizemi-returns-${campaign.id}-${day}.csv`,
    );
  });

  return app;
}
