import { expect } from 'vitest';
import { approveBusiness, saveOwnProfile } from '../../src/modules/businesses';
import { createEdition, saveEdition, saveShopProfile } from '../../src/modules/shops';
import { createAccount } from '../../src/platform/auth/accounts';
import type { TestInstance } from '../support/harness';
import { actorOf, everyone, type Who } from './helpers';
import { shopForm } from './shop-fixtures';

/**
 * The routes of the shops in the role × route matrix of roles.test.ts. The shop map, a shop's page
 * and the GeoJSON are public and never show the private fields of its business (contact person,
 * phone); a business account keeps its own shop details.
 */
const privatePhone = '042-999-0023';
const privateContact = '行列テスト お店の担当者（架空）';
const shopName = '行列テストのお店（架空）';
const ids = { shopId: 0, editionId: 0 };
const mapMakers: Who[] = ['admin', 'shokokai', 'bista'];
const editionForm = (title: string, key: string) => ({
  title,
  fiscalYear: '2026',
  area: '',
  paper: 'A4',
  introduction: '',
  idempotencyKey: key,
});

export async function prepareShopRoutes(t: TestInstance): Promise<void> {
  const plan = t.plans.defaultPlan;
  const db = t.database.db;
  const account = await createAccount(db, {
    municipalityCode: plan.municipalityCode,
    email: 'roles-matrix-shop@example.test',
    displayName: shopName,
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
  const { business } = await saveOwnProfile(db, owner, plan, {
    legalForm: 'sole',
    name: shopName,
    kana: 'ぎょうれつてすとのおみせ',
    industryMajor: 'M',
    address: 'あきる野市秋川0-0-23（架空）',
    latitude: '35.7288',
    longitude: '139.2860',
    contactName: privateContact,
    contactPhone: privatePhone,
    ownerAgeBand: '60s',
  });
  await approveBusiness(db, await actorOf(t, 'admin'), business.id);
  await saveShopProfile(db, owner, shopForm('food', [['00:00', '00:00']]));
  ids.shopId = business.id;
  const staff = await actorOf(t, 'shokokai');
  const { edition } = await createEdition(
    db,
    staff,
    plan,
    editionForm('行列テストの地域マップ（架空）', 'roles-matrix-edition'),
  );
  await saveEdition(db, staff, plan, edition.id, {
    ...editionForm('行列テストの地域マップ（架空）', 'roles-matrix-edition'),
    [`shop-${business.id}`]: 'on',
  });
  ids.editionId = edition.id;
}

const noPrivateFields = (_who: Who, body: string) => {
  expect(body).not.toContain(privatePhone);
  expect(body).not.toContain(privateContact);
};

export const shopRouteRules = [
  { route: 'GET /static/shops.css', path: '/static/shops.css', allowed: everyone, ok: 200 },
  {
    route: 'GET /shops',
    path: '/shops?category=food&open=1',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      // open all day, every day
      expect(body).toContain(shopName);
      noPrivateFields(who, body);
    },
  },
  {
    route: 'GET /shops/:id{[0-9]+}',
    path: () => `/shops/${ids.shopId}`,
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain(shopName);
      noPrivateFields(who, body);
    },
  },
  {
    route: 'GET /api/v1/shops',
    path: '/api/v1/shops',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(JSON.parse(body).type).toBe('FeatureCollection');
      expect(body).toContain(shopName);
      noPrivateFields(who, body);
    },
  },
  { route: 'GET /shops/mine', path: '/shops/mine', allowed: ['business'] as Who[], ok: 200 },
  {
    route: 'POST /shops/mine',
    path: '/shops/mine',
    allowed: ['business'] as Who[],
    // the demo business keeps a profile in the matrix (businesses-routes.ts): its shop is saved
    ok: 'permitted' as const,
    form: () => shopForm('retail', [['10:00', '18:00']], { closed: ['wed'] }),
  },
  // ----- the paper map: the 商工会 and the city ---------------------------------------------------
  { route: 'GET /static/paper-map.css', path: '/static/paper-map.css', allowed: everyone, ok: 200 },
  { route: 'GET /shops/editions', path: '/shops/editions', allowed: mapMakers, ok: 200 },
  {
    route: 'POST /shops/editions',
    path: '/shops/editions',
    allowed: mapMakers,
    ok: 303,
    form: (who: Who) => editionForm(`行列テスト ${who} の版（架空）`, `roles-matrix-edition-${who}`),
  },
  {
    route: 'GET /shops/editions/:id{[0-9]+}',
    path: () => `/shops/editions/${ids.editionId}`,
    allowed: mapMakers,
    ok: 200,
  },
  {
    route: 'GET /shops/editions/:id{[0-9]+}/print',
    path: () => `/shops/editions/${ids.editionId}/print`,
    allowed: mapMakers,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain(shopName);
      expect(body).toContain('class="qr-code"');
      noPrivateFields(who, body);
    },
  },
  {
    route: 'POST /shops/editions/:id{[0-9]+}',
    path: () => `/shops/editions/${ids.editionId}`,
    allowed: mapMakers,
    ok: 'permitted' as const,
    form: () => ({
      ...editionForm('行列テストの地域マップ（架空）', 'unused'),
      [`shop-${ids.shopId}`]: 'on',
    }),
  },
  {
    route: 'POST /shops/editions/:id{[0-9]+}/issue',
    path: () => `/shops/editions/${ids.editionId}/issue`,
    allowed: mapMakers,
    ok: 'permitted' as const,
    form: () => ({ printRun: '1000', issuedOn: '2026-07-01' }),
  },
];
