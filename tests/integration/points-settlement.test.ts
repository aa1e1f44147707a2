import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricRequest } from '../../src/modules/plan/metric-registry';
import {
  approveShop,
  chargeAtShop,
  checkLedger,
  createGiftCertificateIssue,
  joinProgramme,
  pointsUnitOf,
  recordPurchase,
  reverseRequest,
  settleShops,
  transfer,
} from '../../src/modules/points';
import {
  activeMerchantsMetric,
  activeUsersMetric,
  cashlessPaymentsMetric,
} from '../../src/modules/points/metrics';
import { outstandingAt } from '../../src/modules/points/reports';
import { settlementLines } from '../../src/modules/points/settlement';
import { shopEntries, startOfJapanDay, takingsOf } from '../../src/modules/points/shop-takings';
import type { Shop } from '../../src/modules/points/shops';
import type { Actor } from '../../src/platform/audit';
import { fiscalYearOf, todayInJapan } from '../../src/platform/fiscal-year';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { apiProgress, startInstance } from './helpers';
import { demoActor, errorCodeOf } from './points-support';

let serial = 0;
const key = (label: string) => `${label}-${++serial}-${Date.now()}`;
const tomorrow = () => new Date(Date.now() + 86_400_000);

describe.each(testDatabaseKinds())('settling with shops, statements and reports (%s)', (kind) => {
  let t: TestInstance;
  let admin: Actor;
  let resident: Actor;
  let owner: Actor;
  let shop: Shop;
  let issueId = 0;
  const db = () => t.database.db;
  const today = todayInJapan();

  beforeAll(async () => {
    t = await startInstance(kind);
    admin = await demoActor(t, 'admin');
    resident = await demoActor(t, 'resident');
    owner = await demoActor(t, 'plastic');
    shop = await approveShop(db(), admin, (await joinProgramme(db(), owner)).shop.id);
    const issue = await createGiftCertificateIssue(db(), admin, {
      name: '精算テスト商品券（架空）',
      priceYen: '10000',
      faceValueYen: '13000',
      salesFrom: today,
      salesUntil: today,
      validUntil: today,
      perPersonLimit: '5',
      totalSets: '10',
    });
    issueId = issue.id;
    await recordPurchase(db(), admin, {
      issueId,
      residentAccountId: resident.accountId as number,
      sets: '1',
      paymentMethod: 'cash',
      idempotencyKey: key('sale'),
    });
    await transfer(db(), {
      municipalityCode: admin.municipalityCode,
      idempotencyKey: key('grant'),
      kind: 'grant',
      unitId: await pointsUnitOf(db(), admin.municipalityCode),
      from: { holder: 'issuer' },
      to: { holder: 'resident', holderId: resident.accountId as number },
      amount: 300,
    });
    const payer = { residentAccountId: resident.accountId as number };
    for (const amount of [3_000, 9_000, 1_200]) {
      await chargeAtShop(db(), { shop, payer, amount, idempotencyKey: key('pay'), actor: resident });
    }
    // 13,000円 of certificates and 300 points: 13,200円 takes all the certificates and 200 points
    const refunded = await chargeAtShop(db(), {
      shop,
      payer,
      amount: 50,
      idempotencyKey: key('pay'),
      actor: resident,
    });
    await reverseRequest(db(), {
      municipalityCode: shop.municipalityCode,
      idempotencyKey: key('refund'),
      requestId: refunded.requestId,
      shopId: shop.id,
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('gives the shop a statement whose totals are what the journal moved to it', async () => {
    const entries = await shopEntries(db(), shop, startOfJapanDay(today), tomorrow());
    const totals = takingsOf(entries);
    expect(totals).toEqual({ payments: 4, refunds: 1, giftYen: 13_000, pointsPaid: 200, pointsAwarded: 0 });
    // the 50円 was paid with points, once the certificates were spent: its refund gives the points back
    expect(entries.find((e) => e.kind === 'refund')).toMatchObject({ giftYen: 0, pointsPaid: -50 });
  });

  it('refuses to settle a period that has not ended', async () => {
    expect(
      await errorCodeOf(
        settleShops(db(), admin, { periodFrom: today, periodUntil: today, idempotencyKey: key('settle') }),
      ),
    ).toBe('period_not_ended');
  });

  it('pays each shop what it took up to the end of the period, once, and leaves it holding nothing', async () => {
    const settleKey = key('settle');
    const settled = await settleShops(db(), admin, {
      periodFrom: today,
      periodUntil: today,
      idempotencyKey: settleKey,
      now: tomorrow(),
    });
    const { lines } = await settlementLines(db(), admin.municipalityCode, settled.settlementId);
    expect(lines).toEqual([
      { shopId: shop.id, shopName: shop.businessName, giftYen: 13_000, pointsYen: 200, totalYen: 13_200 },
    ]);
    const again = await settleShops(db(), admin, {
      periodFrom: today,
      periodUntil: today,
      idempotencyKey: settleKey,
      now: tomorrow(),
    });
    expect(again.replayed).toBe(true);
    const second = await settleShops(db(), admin, {
      periodFrom: today,
      periodUntil: today,
      idempotencyKey: key('settle'),
      now: tomorrow(),
    });
    expect(second.amount).toBe(0);
    expect(await checkLedger(db())).toEqual([]);
    // what is paid out cannot be refunded from nothing
    const [payment] = (await shopEntries(db(), shop, startOfJapanDay(today), tomorrow())).filter(
      (e) => e.kind === 'payment' && !e.refunded,
    );
    expect(
      await errorCodeOf(
        reverseRequest(db(), {
          municipalityCode: shop.municipalityCode,
          idempotencyKey: key('refund'),
          requestId: payment?.requestId ?? 0,
          shopId: shop.id,
        }),
      ),
    ).toBe('insufficient_balance');
  });

  it('reports the unused balance at a base date from the journal as of that day', async () => {
    const report = await outstandingAt(db(), admin.municipalityCode, today);
    const line = report.lines.find((l) => l.issueId === issueId);
    expect(line).toMatchObject({ issuedYen: 13_000, unusedYen: 0, unsettledYen: 0, expiredYen: 0 });
    const before = await outstandingAt(
      db(),
      admin.municipalityCode,
      todayInJapan(new Date(Date.now() - 2 * 86_400_000)),
    );
    expect(before.lines.find((l) => l.issueId === issueId)).toBeUndefined();
  });

  it('gives the plan its participating shops, cashless payments and active users of the year', async () => {
    const fiscalYear = fiscalYearOf(new Date());
    const context = { plan: t.plans.defaultPlan, fiscalYear };
    const request = [{ subject: {}, binding: { key: 'x', params: {} } }] as unknown as MetricRequest[];
    const [shops] = await activeMerchantsMetric.measure(db(), context, request);
    expect(shops?.records.map((r) => r.label)).toContain(shop.businessName);
    const [payments] = await cashlessPaymentsMetric.measure(db(), context, request);
    expect(payments?.value).toBe(3);
    const [users] = await activeUsersMetric.measure(db(), context, request);
    expect(users?.value).toBe(1);
    const [lastYear] = await activeMerchantsMetric.measure(
      db(),
      { ...context, fiscalYear: fiscalYear - 1 },
      request,
    );
    expect(lastYear?.value).toBeNull();
  });

  it('measures るのかーど普及事業 (取扱店舗数) of the Akiruno plan by the shops taking part, one record each', async () => {
    const fiscalYear = fiscalYearOf(new Date());
    const progress = await apiProgress(await new TestClient(t.app).logInAs('admin'), fiscalYear, 'runocard');
    const runocard = t.plans.defaultPlan.projects.find((p) => p.code === 'runocard');
    expect(runocard?.metric.key).toBe('points.merchants.active');
    expect(progress).toMatchObject({
      target: runocard?.targets.get(fiscalYear) ?? null,
      actual: 1,
      records: [{ label: shop.businessName, value: 1 }],
    });
    expect(progress.records[0]?.date).toBe(todayInJapan(shop.approvedAt as Date));
  });
});
