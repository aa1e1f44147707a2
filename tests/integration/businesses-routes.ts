import sharp from 'sharp';
import { expect } from 'vitest';
import {
  addBusinessPhoto,
  approveBusiness,
  contactAboutPost,
  postNeedOrOffer,
  recordDeal,
  saveOwnProfile,
} from '../../src/modules/businesses';
import { createAccount } from '../../src/platform/auth/accounts';
import type { TestInstance } from '../support/harness';
import { actorOf, everyone, type Who } from './helpers';

/**
 * The routes of the business directory in the role × route matrix of roles.test.ts. The directory,
 * a business's page, the GeoJSON API and the board of needs and offers are public and never show a
 * profile's private fields; a business account keeps its own profile, posts and writes in its own
 * threads, which nobody else reads (staff and admins included); support staff and admins approve
 * profiles and claims and read the statistics.
 */
const reviewers: Who[] = ['admin', 'shokokai', 'bista'];
const businessOnly: Who[] = ['business'];
const privatePhone = '042-999-0001';
const privateContact = '行列テスト 担当者（架空）';

const ids = { businessId: 0, postId: 0, threadId: 0, dealId: 0, photoId: 0 };
const secret = '行列テストの非公開メッセージ';

export const matrixBusinessForm = (name: string) => ({
  legalForm: 'sole',
  name,
  kana: 'ぎょうれつてすと',
  industryMajor: 'E',
  industryMiddle: '24',
  address: 'あきる野市二宮0-0-99（架空）',
  area: 'akigawa',
  latitude: '35.73',
  longitude: '139.29',
  tags: '行列テスト、溶接',
  contactName: privateContact,
  contactPhone: privatePhone,
  ownerAgeBand: '50s',
});

export async function prepareBusinessRoutes(t: TestInstance): Promise<void> {
  const plan = t.plans.defaultPlan;
  const account = await createAccount(t.database.db, {
    municipalityCode: plan.municipalityCode,
    email: 'roles-matrix-business@example.test',
    displayName: '行列テスト事業者（架空）',
    role: 'business',
    password: 'roles-matrix-2026',
  });
  const owner = {
    accountId: account.id,
    name: account.displayName,
    municipalityCode: plan.municipalityCode,
    role: 'business' as const,
    organisation: null,
  };
  const { business } = await saveOwnProfile(
    t.database.db,
    owner,
    plan,
    matrixBusinessForm('行列テスト金属（架空）'),
  );
  const admin = await actorOf(t, 'admin');
  await approveBusiness(t.database.db, admin, business.id);
  ids.businessId = business.id;
  const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#446688' } })
    .jpeg()
    .toBuffer();
  ids.photoId = await addBusinessPhoto(t.database.db, owner, business.id, { bytes: photo, caption: '' });
  // the demo business account keeps an approved profile too, and talks with the matrix's business
  const demoBusiness = await actorOf(t, 'business');
  const own = await saveOwnProfile(
    t.database.db,
    demoBusiness,
    plan,
    matrixBusinessForm('行列テスト 和菓子（架空）'),
  );
  await approveBusiness(t.database.db, admin, own.business.id);
  const { post } = await postNeedOrOffer(t.database.db, owner, {
    kind: 'need',
    title: '行列テストの発注（架空）',
    body: '溶接の外注先を探しています。',
    tags: '溶接',
    idempotencyKey: 'roles-matrix-need',
  });
  ids.postId = post.id;
  const { thread } = await contactAboutPost(t.database.db, demoBusiness, post.id, {
    body: secret,
    idempotencyKey: 'roles-matrix-contact',
  });
  ids.threadId = thread.id;
  const { deal } = await recordDeal(t.database.db, owner, thread.id, {
    dealOn: '2025-06-01',
    amountYen: '1000',
    idempotencyKey: 'roles-matrix-deal',
  });
  ids.dealId = deal.id;
}

const noPrivateFields = (_who: Who, body: string) => {
  expect(body).not.toContain(privatePhone);
  expect(body).not.toContain(privateContact);
};

export const businessRouteRules = [
  {
    route: 'GET /businesses',
    path: '/businesses?q=行列テスト',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain('行列テスト金属（架空）');
      noPrivateFields(who, body);
    },
  },
  {
    route: 'GET /businesses/:id{[0-9]+}',
    path: () => `/businesses/${ids.businessId}`,
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain('"@type":"LocalBusiness"');
      noPrivateFields(who, body);
    },
  },
  {
    route: 'GET /api/v1/businesses',
    path: '/api/v1/businesses?q=行列テスト',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(JSON.parse(body).type).toBe('FeatureCollection');
      expect(body).toContain('行列テスト金属（架空）');
      noPrivateFields(who, body);
    },
  },
  {
    route: 'GET /businesses/:id{[0-9]+}/photos/:file{[0-9]+\\.jpg}',
    path: () => `/businesses/${ids.businessId}/photos/${ids.photoId}.jpg`,
    allowed: everyone,
    ok: 200,
  },
  {
    route: 'POST /businesses/:id{[0-9]+}/photos',
    path: () => `/businesses/${ids.businessId}/photos`,
    allowed: businessOnly,
    // another account keeps the matrix's business: the demo business is refused as not its keeper (404)
    ok: 'permitted' as const,
    multipart: () => {
      const form = new FormData();
      form.set('photo', new File([Buffer.from('not an image')], 'photo.jpg', { type: 'image/jpeg' }));
      return form;
    },
  },
  {
    route: 'POST /businesses/:id{[0-9]+}/photos/:photoId{[0-9]+}/remove',
    path: () => `/businesses/${ids.businessId}/photos/${ids.photoId}/remove`,
    allowed: businessOnly,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  { route: 'GET /businesses/mine', path: '/businesses/mine', allowed: businessOnly, ok: 200 },
  {
    route: 'POST /businesses/mine',
    path: '/businesses/mine',
    allowed: businessOnly,
    ok: 303,
    form: (who: Who) => matrixBusinessForm(`行列テスト ${who} 商店（架空）`),
  },
  {
    route: 'POST /businesses/:id{[0-9]+}/claim',
    path: () => `/businesses/${ids.businessId}/claim`,
    allowed: businessOnly,
    // the business already keeps its own profile (made above): refused as such, not by role
    ok: 'permitted' as const,
    form: () => ({}),
  },
  { route: 'GET /businesses/review', path: '/businesses/review', allowed: reviewers, ok: 200 },
  { route: 'GET /businesses/statistics', path: '/businesses/statistics', allowed: reviewers, ok: 200 },
  { route: 'GET /businesses/booklet', path: '/businesses/booklet', allowed: reviewers, ok: 200 },
  {
    route: 'GET /businesses/booklet/print',
    path: () => `/businesses/booklet/print?business=${ids.businessId}`,
    allowed: reviewers,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain('行列テスト金属（架空）');
      noPrivateFields(who, body);
    },
  },
  { route: 'GET /static/booklet.css', path: '/static/booklet.css', allowed: everyone, ok: 200 },
  // ----- 受発注: the board is public; threads are the two businesses' only ------------------------
  {
    route: 'GET /businesses/posts',
    path: '/businesses/posts',
    allowed: everyone,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('行列テストの発注（架空）'),
  },
  {
    route: 'GET /businesses/posts/:id{[0-9]+}',
    path: () => `/businesses/posts/${ids.postId}`,
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      noPrivateFields(who, body);
      expect(body).not.toContain(secret);
    },
  },
  { route: 'GET /businesses/posts/new', path: '/businesses/posts/new', allowed: businessOnly, ok: 200 },
  {
    route: 'POST /businesses/posts',
    path: '/businesses/posts',
    allowed: businessOnly,
    ok: 303,
    form: (who: Who) => ({
      kind: 'offer',
      title: `行列テストの受注 ${who}（架空）`,
      body: '溶接の空きがあります。',
      tags: '溶接',
      idempotencyKey: `roles-matrix-offer-${who}`,
    }),
  },
  {
    route: 'POST /businesses/posts/:id{[0-9]+}/close',
    path: () => `/businesses/posts/${ids.postId}/close`,
    allowed: businessOnly,
    // not the demo business's post: refused as such (404), not by role
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'POST /businesses/posts/:id{[0-9]+}/contact',
    path: () => `/businesses/posts/${ids.postId}/contact`,
    allowed: businessOnly,
    ok: 303,
    form: (who: Who) => ({
      body: `行列テスト ${who} からの連絡`,
      idempotencyKey: `roles-matrix-contact-${who}`,
    }),
  },
  {
    route: 'GET /businesses/threads',
    path: '/businesses/threads',
    allowed: businessOnly,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('行列テスト金属（架空）'),
  },
  {
    route: 'GET /businesses/threads/:id{[0-9]+}',
    path: () => `/businesses/threads/${ids.threadId}`,
    allowed: businessOnly,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain(secret),
  },
  {
    route: 'POST /businesses/threads/:id{[0-9]+}/messages',
    path: () => `/businesses/threads/${ids.threadId}/messages`,
    allowed: businessOnly,
    ok: 303,
    form: (who: Who) => ({ body: `行列テスト ${who} の返信`, idempotencyKey: `roles-matrix-reply-${who}` }),
  },
  {
    route: 'POST /businesses/threads/:id{[0-9]+}/deals',
    path: () => `/businesses/threads/${ids.threadId}/deals`,
    allowed: businessOnly,
    ok: 303,
    form: (who: Who) => ({ dealOn: '2025-07-01', amountYen: '', idempotencyKey: `roles-matrix-deal-${who}` }),
  },
  {
    route: 'POST /businesses/deals/:id{[0-9]+}/confirm',
    path: () => `/businesses/deals/${ids.dealId}/confirm`,
    allowed: businessOnly,
    ok: 303,
    form: () => ({}),
  },
  {
    route: 'POST /businesses/:id{[0-9]+}/approve',
    path: () => `/businesses/${ids.businessId}/approve`,
    allowed: reviewers,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'POST /businesses/:id{[0-9]+}/approve-claim',
    path: () => `/businesses/${ids.businessId}/approve-claim`,
    allowed: reviewers,
    ok: 'permitted' as const,
    form: () => ({}),
  },
];
