import { expect } from 'vitest';
import {
  approveShop,
  createGiftCertificateIssue,
  joinProgramme,
  recordPurchase,
  settleShops,
} from '../../src/modules/points';
import { todayInJapan } from '../../src/platform/fiscal-year';
import type { TestInstance } from '../support/harness';
import { actorOf, type Who } from './helpers';

/**
 * The るのかーど routes in the role × route matrix of roles.test.ts. A resident keeps a wallet; a
 * business account runs its shop's terminal; the issuer's staff (admins and the 商工会's staff, not
 * Bi@Sta's) run the office. A resident's history is personal data: only that resident and the
 * issuer's staff see it. Runs after prepareBusinessRoutes, which gives the demo business an
 * approved profile.
 */
const residentOnly: Who[] = ['resident'];
const businessOnly: Who[] = ['business'];
const issuerStaff: Who[] = ['admin', 'shokokai'];
const issueName = '行列テスト商品券（架空）';

const ids = { shopId: 0, issueId: 0, settlementId: 0 };

export async function preparePointsRoutes(t: TestInstance): Promise<void> {
  const db = t.database.db;
  const admin = await actorOf(t, 'admin');
  const { shop } = await joinProgramme(db, await actorOf(t, 'business'));
  await approveShop(db, admin, shop.id);
  ids.shopId = shop.id;
  const today = todayInJapan();
  const issue = await createGiftCertificateIssue(db, admin, {
    name: issueName,
    priceYen: '10000',
    faceValueYen: '13000',
    salesFrom: today,
    salesUntil: today,
    validUntil: today,
    perPersonLimit: '3',
    totalSets: '100',
  });
  ids.issueId = issue.id;
  const resident = await actorOf(t, 'resident');
  await recordPurchase(db, admin, {
    issueId: issue.id,
    residentAccountId: resident.accountId as number,
    sets: 1,
    paymentMethod: 'cash',
    idempotencyKey: 'roles-matrix-sale',
  });
  const yesterday = todayInJapan(new Date(Date.now() - 86_400_000));
  const settlement = await settleShops(db, admin, {
    periodFrom: yesterday,
    periodUntil: yesterday,
    idempotencyKey: 'roles-matrix-settlement',
  });
  ids.settlementId = settlement.settlementId;
}

const showsTheResidentsHistory = (_who: Who, body: string) => {
  expect(body).toContain(issueName);
  expect(body).toContain('data-request=');
};

export const pointsRouteRules = [
  // ----- a resident's wallet: theirs alone ---------------------------------------------------------
  {
    route: 'GET /points/wallet',
    path: '/points/wallet',
    allowed: residentOnly,
    ok: 200,
    content: showsTheResidentsHistory,
  },
  {
    route: 'POST /points/wallet/code',
    path: '/points/wallet/code',
    allowed: residentOnly,
    // a new code is not a change of the plan's data: only let through (points-http.test.ts shows it)
    ok: 'permitted' as const,
    form: () => ({}),
  },
  { route: 'GET /points/wallet/pay', path: '/points/wallet/pay', allowed: residentOnly, ok: 200 },
  {
    route: 'POST /points/wallet/pay',
    path: '/points/wallet/pay',
    allowed: residentOnly,
    // an unknown shop code: refused as such (422), not by role
    ok: 'permitted' as const,
    form: (who: Who) => ({ shopCode: 'NOSHOP00', amount: '100', idempotencyKey: `roles-matrix-pay-${who}` }),
  },
  // ----- a shop's terminal: business accounts, for their own approved shop -----------------------
  { route: 'GET /points/shop', path: '/points/shop', allowed: businessOnly, ok: 200 },
  {
    route: 'POST /points/shop/join',
    path: '/points/shop/join',
    allowed: businessOnly,
    // the shop joined already (above): the same again changes nothing
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'POST /points/shop/terminal',
    path: '/points/shop/terminal',
    allowed: businessOnly,
    // a code nobody showed: refused as such (422)
    ok: 'permitted' as const,
    form: (who: Who) => ({
      operation: 'payment',
      amount: '100',
      walletCode: 'UNKNOWNCODE',
      idempotencyKey: `roles-matrix-charge-${who}`,
    }),
  },
  {
    route: 'POST /points/shop/refunds',
    path: '/points/shop/refunds',
    allowed: businessOnly,
    ok: 'permitted' as const,
    form: (who: Who) => ({ requestId: '999999', idempotencyKey: `roles-matrix-refund-${who}` }),
  },
  {
    route: 'GET /points/shop/statement.csv',
    path: '/points/shop/statement.csv',
    allowed: businessOnly,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('取引番号'),
  },
  {
    route: 'POST /api/v1/points/terminal',
    path: '/api/v1/points/terminal',
    allowed: businessOnly,
    ok: 'permitted' as const,
    json: (who: Who) => ({
      walletCode: 'UNKNOWNCODE',
      amount: 100,
      idempotencyKey: `roles-matrix-api-${who}`,
    }),
  },
  {
    route: 'GET /api/v1/points/wallet',
    path: '/api/v1/points/wallet',
    allowed: residentOnly,
    ok: 200,
    content: (_who: Who, body: string) => expect(JSON.parse(body).gifts[0].name).toBe(issueName),
  },
  { route: 'GET /points/shop/poster', path: '/points/shop/poster', allowed: businessOnly, ok: 200 },
  {
    route: 'POST /points/shop/withdraw',
    path: '/points/shop/withdraw',
    allowed: businessOnly,
    // not confirmed: refused (422), the shop keeps taking part
    ok: 'permitted' as const,
    form: () => ({ reason: '行列テスト' }),
  },
  // ----- the issuer's office: admins and the 商工会's staff ------------------------------------------
  { route: 'GET /points/manage', path: '/points/manage', allowed: issuerStaff, ok: 200 },
  {
    route: 'POST /points/manage/programme',
    path: '/points/manage/programme',
    allowed: issuerStaff,
    // no rate: refused (422), the rules stay
    ok: 'permitted' as const,
    form: () => ({ yenPerPoint: '' }),
  },
  {
    route: 'POST /points/manage/shops',
    path: '/points/manage/shops',
    allowed: issuerStaff,
    // no business named: refused (422)
    ok: 'permitted' as const,
    form: () => ({ business: '' }),
  },
  {
    route: 'POST /points/manage/shops/:id{[0-9]+}/withdraw',
    path: () => `/points/manage/shops/${ids.shopId}/withdraw`,
    allowed: issuerStaff,
    // a reason over 200 characters: refused (422), the shop keeps taking part
    ok: 'permitted' as const,
    form: () => ({ reason: 'あ'.repeat(201) }),
  },
  {
    route: 'POST /points/manage/shops/:id{[0-9]+}/approve',
    path: () => `/points/manage/shops/${ids.shopId}/approve`,
    allowed: issuerStaff,
    // approved already: changes nothing
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'POST /points/manage/issues',
    path: '/points/manage/issues',
    allowed: issuerStaff,
    // an empty form: refused field by field (422)
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'GET /points/manage/issues/:id{[0-9]+}',
    path: () => `/points/manage/issues/${ids.issueId}`,
    allowed: issuerStaff,
    ok: 200,
  },
  {
    route: 'POST /points/manage/issues/:id{[0-9]+}/sales',
    path: () => `/points/manage/issues/${ids.issueId}/sales`,
    allowed: issuerStaff,
    ok: 'permitted' as const,
    form: (who: Who) => ({
      email: 'nobody@example.test',
      sets: '1',
      paymentMethod: 'cash',
      idempotencyKey: `roles-matrix-sale-${who}`,
    }),
  },
  {
    route: 'POST /points/manage/expiry',
    path: '/points/manage/expiry',
    allowed: issuerStaff,
    // nothing is past its last day
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'GET /points/manage/residents',
    path: '/points/manage/residents?email=resident@demo.tsunagu.example',
    allowed: issuerStaff,
    ok: 200,
    content: showsTheResidentsHistory,
  },
  {
    route: 'GET /points/manage/settlements',
    path: '/points/manage/settlements',
    allowed: issuerStaff,
    ok: 200,
  },
  {
    route: 'POST /points/manage/settlements',
    path: '/points/manage/settlements',
    allowed: issuerStaff,
    ok: 'permitted' as const,
    form: (who: Who) => ({ periodFrom: '', periodUntil: '', idempotencyKey: `roles-matrix-settle-${who}` }),
  },
  {
    route: 'GET /points/manage/settlements/:id{[0-9]+}/transfers.csv',
    path: () => `/points/manage/settlements/${ids.settlementId}/transfers.csv`,
    allowed: issuerStaff,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('店舗名'),
  },
  {
    route: 'GET /points/manage/settlements/:id{[0-9]+}/transfers.xlsx',
    path: () => `/points/manage/settlements/${ids.settlementId}/transfers.xlsx`,
    allowed: issuerStaff,
    ok: 200,
  },
  {
    route: 'GET /points/manage/outstanding',
    path: '/points/manage/outstanding',
    allowed: issuerStaff,
    ok: 200,
  },
  {
    route: 'GET /points/manage/statistics',
    path: '/points/manage/statistics',
    allowed: issuerStaff,
    ok: 200,
  },
];
