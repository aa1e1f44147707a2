import { expect } from 'vitest';
import { markAttendance, takePhoneBooking } from '../../src/modules/events/campaigns/bookings';
import { askCourseFollowUps, consentToFollowUp } from '../../src/modules/events/campaigns/follow-ups';
import { createCampaign, decideCourse, proposeCourse } from '../../src/modules/events/campaigns/service';
import { registerForEvent } from '../../src/modules/events/registration-service';
import type { Account } from '../../src/platform/auth/accounts';
import type { Role } from '../../src/platform/auth/roles';
import type { accounts } from '../../src/platform/schema';
import type { TestInstance } from '../support/harness';
import { actorOf, everyone, type Who } from './helpers';

/**
 * The まちゼミ routes in the role × route matrix of roles.test.ts: the public pages are everyone's;
 * proposing is a business's, which sees its own proposals only; the organisers decide.
 */
const eventManagers: Who[] = ['admin', 'shokokai', 'bista', 'shotenkai'];
/** the matrix's campaign is the 商店会's: its staff and the admin decide on its courses */
const campaignRunners: Who[] = ['admin', 'shotenkai'];
/** each organisation creates its own campaigns */
const organisationOf: Partial<Record<Who, string>> = { admin: 'city', shokokai: 'shokokai', bista: 'bista' };
const shops: Who[] = ['business'];
/** a course's bookings: the shop that runs it, and the campaign organiser's staff and admins */
const bookingKeepers: Who[] = ['admin', 'shotenkai', 'business'];

const ids = {
  campaignId: 0,
  viewedCourseId: 0,
  withdrawnCourseId: 0,
  decidedCourseId: 0,
  taughtCourseId: 0,
  /** a phone booking of the taught course, and the course and token of a campaign held */
  bookingId: 0,
  heldCourseId: 0,
  heldBookingId: 0,
  followUpToken: '',
};

const day = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

const courseForm = (title: string, capacity = '6') => ({
  shopName: '架空の和菓子店',
  title,
  description: '',
  teacher: '行列テストの講師（架空）',
  date: day(30),
  startTime: '10:00',
  endTime: '11:30',
  place: '架空の和菓子店',
  capacity,
  feeYen: '0',
  bring: '',
  idempotencyKey: `roles-matrix-${title}`,
});

/**
 * A campaign with four proposals of the demo business: one to look at, one to withdraw, one to
 * decide, and one approved, whose participant list the shop sees.
 */
export async function prepareCampaignRoutes(t: TestInstance): Promise<void> {
  const db = t.database.db;
  const plan = t.plans.defaultPlan.file;
  const campaign = await createCampaign(
    db,
    await actorOf(t, 'shotenkai'),
    {
      category: 'machizemi',
      title: '行列テストのまちゼミ（架空）',
      organiser: 'shotenkai',
      startsOn: day(20),
      endsOn: day(40),
      proposalsCloseOn: day(10),
    },
    { organisations: plan.organisations, categories: plan.eventCategories },
  );
  const row = await db.query.accounts.findFirst({
    where: (a, { eq }) => eq(a.email, 'business@demo.tsunagu.example'),
  });
  const shop = { ...(row as typeof accounts.$inferSelect), role: row?.role as Role } as Account;
  const propose = async (title: string) =>
    (await proposeCourse(db, shop, campaign.id, courseForm(title))).course.id;
  ids.campaignId = campaign.id;
  ids.viewedCourseId = await propose('行列テストの講座（審査中）');
  ids.withdrawnCourseId = await propose('行列テストの講座（取り下げ）');
  ids.decidedCourseId = await propose('行列テストの講座（承認）');
  ids.taughtCourseId = await propose('行列テストの講座（開講）');
  await decideCourse(
    db,
    await actorOf(t, 'shotenkai'),
    { campaignId: campaign.id, courseId: ids.taughtCourseId },
    { decision: 'approve' },
    { organisations: plan.organisations, categories: plan.eventCategories },
  );
  const shopActor = await actorOf(t, 'business');
  const phoned = await takePhoneBooking(db, shopActor, ids.taughtCourseId, {
    name: '行列テスト 電話（架空）',
    phone: '042-000-0001',
    seats: '1',
    idempotencyKey: 'roles-matrix-phone-booking',
  });
  ids.bookingId = phoned.registration.id;
  await prepareHeldCampaign(t, shop, shopActor);
}

/**
 * A campaign held two months ago whose participant consented and came, and was asked by mail
 * whether they came back: the answer page and the return rate have something to show.
 */
async function prepareHeldCampaign(
  t: TestInstance,
  shop: Account,
  shopActor: Awaited<ReturnType<typeof actorOf>>,
) {
  const db = t.database.db;
  const plan = t.plans.defaultPlan.file;
  const at = (days: number) => new Date(Date.now() + days * 86_400_000);
  const choices = { organisations: plan.organisations, categories: plan.eventCategories };
  const staff = await actorOf(t, 'shotenkai');
  const campaign = await createCampaign(
    db,
    staff,
    {
      category: 'machizemi',
      title: '行列テストの終わったまちゼミ（架空）',
      organiser: 'shotenkai',
      startsOn: day(-80),
      endsOn: day(-40),
      proposalsCloseOn: day(-90),
    },
    { ...choices, now: at(-100) },
  );
  const { course } = await proposeCourse(
    db,
    shop,
    campaign.id,
    { ...courseForm('行列テストの開催済みの講座'), date: day(-60) },
    { now: at(-95) },
  );
  const { course: held } = await decideCourse(
    db,
    staff,
    { campaignId: campaign.id, courseId: course.id },
    { decision: 'approve' },
    { ...choices, now: at(-92) },
  );
  const { registration } = await registerForEvent(
    db,
    held.eventId as number,
    {
      name: '行列テスト 来店（架空）',
      kana: 'ぎょうれつ らいてん',
      email: 'roles-matrix-return@example.test',
      idempotencyKey: 'roles-matrix-held',
    },
    {
      now: at(-70),
      afterRegistering: (tx, r, now) => consentToFollowUp(tx, held.id, r.id, now),
    },
  );
  await markAttendance(db, shopActor, held.id, registration.id, { attendance: 'came' });
  await askCourseFollowUps(db);
  const [followUp] = await db.query.courseFollowUps.findMany({
    where: (f, { eq }) => eq(f.registrationId, registration.id),
  });
  ids.heldCourseId = held.id;
  ids.heldBookingId = registration.id;
  ids.followUpToken = followUp?.token ?? '';
}

export const campaignRouteRules = [
  { route: 'GET /events/campaigns', path: '/events/campaigns', allowed: everyone, ok: 200 },
  {
    route: 'GET /events/campaigns/:id{[0-9]+}',
    path: () => `/events/campaigns/${ids.campaignId}`,
    allowed: everyone,
    ok: 200,
    // a proposal is not public until it is approved
    content: (_who: Who, body: string) => expect(body).not.toContain('行列テストの講座（審査中）'),
  },
  { route: 'GET /events/courses', path: '/events/courses', allowed: shops, ok: 200 },
  {
    route: 'GET /events/campaigns/:id{[0-9]+}/propose',
    path: () => `/events/campaigns/${ids.campaignId}/propose`,
    allowed: shops,
    ok: 200,
  },
  {
    route: 'POST /events/campaigns/:id{[0-9]+}/proposals',
    path: () => `/events/campaigns/${ids.campaignId}/proposals`,
    allowed: shops,
    ok: 303,
    form: (who: Who) => courseForm(`行列テスト ${who}`),
  },
  {
    route: 'GET /events/courses/:id{[0-9]+}',
    path: () => `/events/courses/${ids.viewedCourseId}`,
    allowed: shops,
    ok: 200,
  },
  {
    route: 'POST /events/courses/:id{[0-9]+}',
    path: () => `/events/courses/${ids.viewedCourseId}`,
    allowed: shops,
    ok: 303,
    form: () => courseForm('行列テストの講座（審査中）', '8'),
  },
  {
    route: 'GET /events/courses/:id{[0-9]+}/participants',
    path: () => `/events/courses/${ids.taughtCourseId}/participants`,
    allowed: shops,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('申し込んだ方：行列テストの講座（開講）'),
  },
  {
    route: 'GET /events/courses/:id{[0-9]+}/participants.csv',
    path: () => `/events/courses/${ids.taughtCourseId}/participants.csv`,
    allowed: shops,
    ok: 200,
  },
  {
    route: 'POST /events/courses/:id{[0-9]+}/withdraw',
    path: () => `/events/courses/${ids.withdrawnCourseId}/withdraw`,
    allowed: shops,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  // ----- a course's bookings, attendance and follow-ups (decision 037) ------------------------------
  {
    route: 'GET /events/courses/:id{[0-9]+}/bookings',
    path: () => `/events/courses/${ids.taughtCourseId}/bookings`,
    allowed: bookingKeepers,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('行列テスト 電話（架空）'),
  },
  {
    route: 'POST /events/courses/:id{[0-9]+}/bookings',
    path: () => `/events/courses/${ids.taughtCourseId}/bookings`,
    allowed: bookingKeepers,
    ok: 303,
    form: (who: Who) => ({
      name: `行列テスト ${who}（架空）`,
      phone: '042-000-0002',
      seats: '1',
      idempotencyKey: `roles-matrix-booking-${who}`,
    }),
  },
  {
    route: 'POST /events/courses/:id{[0-9]+}/bookings/:registrationId{[0-9]+}/cancel',
    path: () => `/events/courses/${ids.taughtCourseId}/bookings/${ids.bookingId}/cancel`,
    allowed: bookingKeepers,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'POST /events/courses/:id{[0-9]+}/bookings/:registrationId{[0-9]+}/attendance',
    path: () => `/events/courses/${ids.heldCourseId}/bookings/${ids.heldBookingId}/attendance`,
    allowed: bookingKeepers,
    ok: 'permitted' as const,
    form: () => ({ attendance: 'came' }),
  },
  {
    route: 'POST /events/courses/:id{[0-9]+}/bookings/:registrationId{[0-9]+}/follow-up',
    path: () => `/events/courses/${ids.heldCourseId}/bookings/${ids.heldBookingId}/follow-up`,
    allowed: bookingKeepers,
    // the person was asked by mail and answers themself: the keepers are let in and told so (409)
    ok: 'permitted' as const,
    form: () => ({ cameBack: 'yes' }),
  },
  {
    route: 'GET /events/follow-ups/:token',
    path: () => `/events/follow-ups/${ids.followUpToken}`,
    allowed: everyone,
    ok: 200,
  },
  {
    route: 'POST /events/follow-ups/:token',
    path: () => `/events/follow-ups/${ids.followUpToken}`,
    allowed: everyone,
    ok: 'permitted' as const,
    form: () => ({ cameBack: 'yes', within: 'week' }),
  },
  {
    route: 'GET /events/campaigns/manage/:id{[0-9]+}/returns',
    path: () => `/events/campaigns/manage/${ids.campaignId}/returns`,
    allowed: campaignRunners,
    ok: 200,
  },
  {
    route: 'GET /events/campaigns/manage/:id{[0-9]+}/returns.csv',
    path: () => `/events/campaigns/manage/${ids.campaignId}/returns.csv`,
    allowed: campaignRunners,
    ok: 200,
  },
  {
    route: 'GET /events/campaigns/manage',
    path: '/events/campaigns/manage',
    allowed: eventManagers,
    ok: 200,
  },
  {
    route: 'POST /events/campaigns/manage',
    path: '/events/campaigns/manage',
    allowed: eventManagers,
    ok: 303,
    form: (who: Who) => ({
      category: 'machizemi',
      title: `行列テスト ${who}`,
      description: '',
      organiser: organisationOf[who] ?? 'shotenkai',
      startsOn: day(20),
      endsOn: day(40),
      proposalsCloseOn: day(10),
    }),
  },
  {
    route: 'GET /events/campaigns/manage/:id{[0-9]+}',
    path: () => `/events/campaigns/manage/${ids.campaignId}`,
    allowed: eventManagers,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('行列テストの講座（審査中）'),
  },
  {
    route: 'POST /events/campaigns/manage/:id{[0-9]+}/courses/:courseId{[0-9]+}/decision',
    path: () => `/events/campaigns/manage/${ids.campaignId}/courses/${ids.decidedCourseId}/decision`,
    allowed: campaignRunners,
    ok: 'permitted' as const,
    form: () => ({ decision: 'approve', comment: '' }),
  },
];
