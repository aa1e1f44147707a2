import sharp from 'sharp';
import { expect } from 'vitest';
import { addPhoto, approveListing, postListing, sendInquiry } from '../../src/modules/properties';
import type { TestInstance } from '../support/harness';
import { actorOf, everyone, type Who } from './helpers';
import { vacantShop } from './property-fixtures';

/**
 * The routes of the vacant properties (空き物件) in the role × route matrix of roles.test.ts. The list,
 * a public listing's page and the GeoJSON never show the owner's name or contact. Associations,
 * support staff and admins post and keep their own listings; staff and admins approve.
 */
const posters: Who[] = ['admin', 'shokokai', 'bista', 'shotenkai'];
const reviewers: Who[] = ['admin', 'shokokai', 'bista'];
const ownerContact = 'roles-matrix-owner@example.jp';

const inquirers: Who[] = ['resident', 'business', 'student'];
const secretPlan = '行列テストの問い合わせ（架空）';

const ids = { publicId: 0, pendingId: 0, photoId: 0 };

export const matrixListingForm = (title: string, key: string) =>
  vacantShop({ idempotencyKey: key, title, ownerName: '行列テスト 所有者（架空）', ownerContact });

export async function preparePropertyRoutes(t: TestInstance): Promise<void> {
  const plan = t.plans.defaultPlan;
  const poster = await actorOf(t, 'shotenkai');
  const admin = await actorOf(t, 'admin');
  const listed = await postListing(
    t.database.db,
    poster,
    plan,
    matrixListingForm('行列テストの空き店舗（架空）', 'roles-matrix-listing'),
  );
  await approveListing(t.database.db, admin, listed.listing.id);
  ids.publicId = listed.listing.id;
  const pending = await postListing(
    t.database.db,
    poster,
    plan,
    matrixListingForm('行列テストの承認待ち（架空）', 'roles-matrix-pending'),
  );
  ids.pendingId = pending.listing.id;
  const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#88aa44' } })
    .jpeg()
    .toBuffer();
  ids.photoId = await addPhoto(t.database.db, poster, ids.publicId, { bytes: photo, caption: '' });
  await sendInquiry(t.database.db, await actorOf(t, 'resident'), ids.publicId, {
    businessPlan: secretPlan,
    startingWhen: '2027年春',
    idempotencyKey: 'roles-matrix-inquiry',
  });
}

const noOwner = (_who: Who, body: string) => expect(body).not.toContain(ownerContact);

export const propertyRouteRules = [
  {
    route: 'GET /properties',
    path: '/properties?kind=shop',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain('行列テストの空き店舗（架空）');
      expect(body).not.toContain('行列テストの承認待ち（架空）');
      noOwner(who, body);
    },
  },
  {
    route: 'GET /properties/:id{[0-9]+}',
    path: () => `/properties/${ids.publicId}`,
    allowed: everyone,
    ok: 200,
    // the poster and staff read the owner's contact; nobody else
    content: (who: Who, body: string) =>
      ['admin', 'shokokai', 'bista', 'shotenkai'].includes(who)
        ? expect(body).toContain(ownerContact)
        : noOwner(who, body),
  },
  {
    route: 'GET /api/v1/properties',
    path: '/api/v1/properties',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(JSON.parse(body).type).toBe('FeatureCollection');
      expect(body).toContain('行列テストの空き店舗（架空）');
      noOwner(who, body);
    },
  },
  { route: 'GET /properties/mine', path: '/properties/mine', allowed: posters, ok: 200 },
  { route: 'GET /properties/new', path: '/properties/new', allowed: posters, ok: 200 },
  {
    route: 'POST /properties',
    path: '/properties',
    allowed: posters,
    ok: 303,
    form: (who: Who) => matrixListingForm(`行列テスト ${who} の物件（架空）`, `roles-matrix-post-${who}`),
  },
  {
    route: 'GET /properties/:id{[0-9]+}/manage',
    path: () => `/properties/${ids.publicId}/manage`,
    allowed: posters,
    // the 商店会 posted it and the admin keeps every listing; other staff are refused as not its poster
    ok: 'permitted' as const,
  },
  {
    route: 'POST /properties/:id{[0-9]+}',
    path: () => `/properties/${ids.pendingId}`,
    allowed: posters,
    ok: 'permitted' as const,
    form: () => matrixListingForm('行列テストの承認待ち（架空）', 'unused'),
  },
  { route: 'GET /properties/review', path: '/properties/review', allowed: reviewers, ok: 200 },
  { route: 'GET /properties/statistics', path: '/properties/statistics', allowed: reviewers, ok: 200 },
  {
    route: 'GET /properties/:id{[0-9]+}/photos/:file{[0-9]+\\.jpg}',
    path: () => `/properties/${ids.publicId}/photos/${ids.photoId}.jpg`,
    allowed: everyone,
    ok: 200,
  },
  {
    route: 'POST /properties/:id{[0-9]+}/photos',
    path: () => `/properties/${ids.publicId}/photos`,
    allowed: posters,
    // the 商店会 posted it and the admin keeps it; other staff are refused as not its poster (404)
    ok: 'permitted' as const,
    multipart: () => {
      const form = new FormData();
      form.set('photo', new File([Buffer.from('not an image')], 'photo.jpg', { type: 'image/jpeg' }));
      return form;
    },
  },
  {
    route: 'POST /properties/:id{[0-9]+}/photos/:photoId{[0-9]+}/remove',
    path: () => `/properties/${ids.publicId}/photos/999999/remove`,
    allowed: posters,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'POST /properties/:id{[0-9]+}/stage',
    path: () => `/properties/${ids.publicId}/stage`,
    allowed: posters,
    ok: 'permitted' as const,
    form: () => ({ stage: 'negotiating' }),
  },
  {
    route: 'POST /properties/:id{[0-9]+}/confirm',
    path: () => `/properties/${ids.publicId}/confirm`,
    allowed: posters,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  // ----- inquiries: sent by people starting a business, read by the poster and shared counsellors ----
  {
    route: 'POST /properties/:id{[0-9]+}/inquiries',
    path: () => `/properties/${ids.publicId}/inquiries`,
    allowed: inquirers,
    ok: 303,
    form: (who: Who) => ({
      businessPlan: `行列テスト ${who} の事業（架空）`,
      startingWhen: '2027年',
      idempotencyKey: `roles-matrix-inquiry-${who}`,
    }),
  },
  {
    route: 'GET /properties/inquiries/mine',
    path: '/properties/inquiries/mine',
    allowed: inquirers,
    ok: 200,
    // the resident sent it; the other applicants never see it
    content: (who: Who, body: string) =>
      who === 'resident' ? expect(body).toContain(secretPlan) : expect(body).not.toContain(secretPlan),
  },
  {
    route: 'GET /properties/inquiries/shared',
    path: '/properties/inquiries/shared',
    allowed: reviewers,
    ok: 200,
    // it was not shared with a counsellor
    content: (_who: Who, body: string) => expect(body).not.toContain(secretPlan),
  },
  {
    route: 'POST /properties/:id{[0-9]+}/approve',
    path: () => `/properties/${ids.pendingId}/approve`,
    allowed: reviewers,
    ok: 'permitted' as const,
    form: () => ({}),
  },
];
