import { expect } from 'vitest';
import { approveBusiness, saveOwnProfile } from '../../src/modules/businesses';
import { createAccount } from '../../src/platform/auth/accounts';
import type { TestInstance } from '../support/harness';
import { actorOf, everyone, type Who } from './helpers';

/**
 * The routes of the business directory in the role × route matrix of roles.test.ts. The directory,
 * a business's page and the GeoJSON API are public and never show a profile's private fields; a
 * business account keeps its own profile; support staff and admins approve profiles and claims.
 */
const reviewers: Who[] = ['admin', 'shokokai', 'bista'];
const businessOnly: Who[] = ['business'];
const privatePhone = '042-999-0001';
const privateContact = '行列テスト 担当者（架空）';

const ids = { businessId: 0 };

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
  await approveBusiness(t.database.db, await actorOf(t, 'admin'), business.id);
  ids.businessId = business.id;
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
