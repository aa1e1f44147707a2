import { expect } from 'vitest';
import { createEvent, publishEvent } from '../../src/modules/events';
import { applyAsVendor, openVendorCall } from '../../src/modules/events/vendors/service';
import type { TestInstance } from '../support/harness';
import { actorOf, everyone, type Who } from './helpers';

/**
 * The routes of vendor applications (出店申込) in the role × route matrix of roles.test.ts: anyone
 * applies and keeps a status link; a business sees its own applications; the applications are
 * personal data, so only the event's organiser (here the 商店会) and admins see and decide them.
 */
const callRunners: Who[] = ['admin', 'shotenkai'];
const businesses: Who[] = ['business'];

const ids = { eventId: 0, ownId: 0, ownWithdrawnId: 0, decidedId: 0, token: '', withdrawnToken: '' };

const day = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

const applicationForm = (name: string) => ({
  businessName: `行列テストの農園 ${name}（架空）`,
  contactName: '行列 花子（架空）',
  contactKana: 'ぎょうれつ はなこ',
  phone: '042-558-1111',
  email: `vendor-matrix-${name}@example.jp`,
  'goods-produce': 'on',
  booths: '1',
  idempotencyKey: `roles-matrix-vendor-${name}`,
});

const applicationInput = (name: string) => {
  const { 'goods-produce': _, ...rest } = applicationForm(name);
  return { ...rest, goods: ['produce'] };
};

/** A published マルシェ of the 商店会 with a call and applications: the business's own, a guest's. */
export async function prepareVendorRoutes(t: TestInstance): Promise<void> {
  const db = t.database.db;
  const plan = t.plans.defaultPlan.file;
  const organiser = await actorOf(t, 'shotenkai');
  const event = await createEvent(
    db,
    organiser,
    {
      category: 'marche',
      title: '行列テストのマルシェ（架空）',
      date: day(30),
      startTime: '10:00',
      endTime: '15:00',
      place: '市役所前広場',
      capacity: 300,
      feeYen: 0,
      organiser: 'shotenkai',
    },
    { organisations: plan.organisations, categories: plan.eventCategories },
  );
  await publishEvent(db, organiser, event.id);
  await openVendorCall(db, organiser, event.id, { booths: 50, applicationsCloseOn: day(10) });
  const business = await actorOf(t, 'business');
  const account = { id: business.accountId as number, role: 'business' };
  const apply = async (name: string, withAccount: boolean) =>
    (await applyAsVendor(db, event.id, applicationInput(name), withAccount ? { account } : {})).application;
  ids.eventId = event.id;
  ids.ownId = (await apply('own', true)).id;
  ids.ownWithdrawnId = (await apply('own-withdrawn', true)).id;
  ids.decidedId = (await apply('decided', false)).id;
  ids.token = (await apply('guest', false)).statusToken;
  ids.withdrawnToken = (await apply('guest-withdrawn', false)).statusToken;
}

export const vendorRouteRules = [
  {
    route: 'GET /events/:id{[0-9]+}/vendors/apply',
    path: () => `/events/${ids.eventId}/vendors/apply`,
    allowed: everyone,
    ok: 200,
    // the applications of others are never on the public form
    content: (_who: Who, body: string) => expect(body).not.toContain('行列テストの農園 guest'),
  },
  {
    route: 'POST /events/:id{[0-9]+}/vendors/applications',
    path: () => `/events/${ids.eventId}/vendors/applications`,
    allowed: everyone,
    ok: 303,
    form: (who: Who) => applicationForm(`form-${who}`),
  },
  {
    route: 'GET /events/vendors/applications/:token',
    path: () => `/events/vendors/applications/${ids.token}`,
    allowed: everyone,
    ok: 200,
  },
  {
    route: 'POST /events/vendors/applications/:token/withdraw',
    path: () => `/events/vendors/applications/${ids.withdrawnToken}/withdraw`,
    allowed: everyone,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'GET /events/vendors/my',
    path: '/events/vendors/my',
    allowed: businesses,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).not.toContain('行列テストの農園 guest'),
  },
  {
    route: 'GET /events/vendors/my/:id{[0-9]+}',
    path: () => `/events/vendors/my/${ids.ownId}`,
    allowed: businesses,
    ok: 200,
  },
  {
    route: 'POST /events/vendors/my/:id{[0-9]+}/withdraw',
    path: () => `/events/vendors/my/${ids.ownWithdrawnId}/withdraw`,
    allowed: businesses,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/vendors',
    path: () => `/events/manage/${ids.eventId}/vendors`,
    allowed: callRunners,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('行列テストの農園 guest（架空）'),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/vendors',
    path: () => `/events/manage/${ids.eventId}/vendors`,
    allowed: callRunners,
    ok: 303,
    form: (who: Who) => ({
      booths: String(60 + everyone.indexOf(who)),
      applicationsCloseOn: day(10),
      boothFeeYen: '500',
      conditions: `行列テスト ${who}`,
    }),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/vendors/:applicationId{[0-9]+}/decision',
    path: () => `/events/manage/${ids.eventId}/vendors/${ids.decidedId}/decision`,
    allowed: callRunners,
    ok: 'permitted' as const,
    form: () => ({ decision: 'accept', message: '' }),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/vendors.csv',
    path: () => `/events/manage/${ids.eventId}/vendors.csv`,
    allowed: callRunners,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('申込番号,状態,事業者名・屋号'),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/vendors.xlsx',
    path: () => `/events/manage/${ids.eventId}/vendors.xlsx`,
    allowed: callRunners,
    ok: 200,
  },
];
