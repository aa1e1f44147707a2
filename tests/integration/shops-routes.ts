import { expect } from 'vitest';
import { approveBusiness, saveOwnProfile } from '../../src/modules/businesses';
import { saveShopProfile } from '../../src/modules/shops';
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
const ids = { shopId: 0 };

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
];
