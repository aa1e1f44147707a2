import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicBusinesses } from '../../src/modules/businesses';
import type { MetricRequest } from '../../src/modules/plan/metric-registry';
import {
  approveShop,
  awardPoints,
  chargeAtShop,
  enrolShop,
  issueWalletToken,
  joinProgramme,
  programmeRulesOf,
  withdrawShop,
} from '../../src/modules/points';
import { activeMerchantsMetric } from '../../src/modules/points/metrics';
import { pointsShopPeriods } from '../../src/modules/points/schema';
import { listShops, type Shop, shopByCode } from '../../src/modules/points/shops';
import type { Actor } from '../../src/platform/audit';
import { fiscalYearOf } from '../../src/platform/fiscal-year';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { refusal, startInstance } from './helpers';
import { demoActor, errorCodeOf } from './points-support';

let serial = 0;
const key = (label: string) => `${label}-${++serial}-${Date.now()}`;
const at = (day: string) => new Date(`${day}T10:00:00+09:00`);
const request = [{ subject: {}, binding: { key: 'x', params: {} } }] as unknown as MetricRequest[];

/** Taking part over time (decision 036) and the programme's rules, by the office and by the shop. */
describe.each(testDatabaseKinds())(
  'るのかーど shops joining, leaving and coming back; the rules (%s)',
  (kind) => {
    let t: TestInstance;
    let office: TestClient;
    let staff: Actor;
    let owner: Actor;
    let resident: Actor;
    const db = () => t.database.db;
    const shopNamed = async (name: string) =>
      (await listShops(db(), staff.municipalityCode)).find((s) => s.businessName === name) as Shop;
    const merchantsIn = async (fiscalYear: number) => {
      const [measured] = await activeMerchantsMetric.measure(
        db(),
        { plan: t.plans.defaultPlan, fiscalYear },
        request,
      );
      return measured?.records ?? [];
    };

    beforeAll(async () => {
      t = await startInstance(kind);
      office = await new TestClient(t.app).logInAs('shokokai');
      staff = await demoActor(t, 'shokokai');
      owner = await demoActor(t, 'seiko');
      resident = await demoActor(t, 'resident');
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('enrols a business of the directory from a paper application; refuses a name not in it; only the office may', async () => {
      const before = (await listShops(db(), staff.municipalityCode)).length;
      const unknown = await office.postForm('/points/manage/shops', { business: '存在しない商店（架空）' });
      expect(unknown.status).toBe(422);
      expect(await unknown.text()).toContain('事業者名簿に公開中の事業者として見つかりません');
      expect((await office.postForm('/points/manage/shops', { business: '' })).status).toBe(422);
      expect((await listShops(db(), staff.municipalityCode)).length).toBe(before);

      const page = await (await office.get('/points/manage')).text();
      const candidate = /<datalist id="enrol-candidates"><option value="([^"]+)"/.exec(page)?.[1] ?? '';
      expect(candidate).not.toBe('');
      const bista = await new TestClient(t.app).logInAs('bista');
      expect((await bista.postForm('/points/manage/shops', { business: candidate })).status).toBe(403);
      const enrolled = await office.postForm('/points/manage/shops', { business: candidate });
      expect(enrolled.headers.get('location')).toBe('/points/manage?saved=enrolled');
      expect((await shopNamed(candidate)).status).toBe('approved');
      const again = await office.postForm('/points/manage/shops', { business: ` ${candidate} ` });
      expect(again.headers.get('location')).toBe('/points/manage?saved=alreadyEnrolled');
      expect((await listShops(db(), staff.municipalityCode)).length).toBe(before + 1);
      expect((await merchantsIn(fiscalYearOf(new Date()))).map((r) => r.label)).toContain(candidate);
    });

    it('lets a shop stop by itself only once it ticks the box; payments there are refused, its statement stays, and the office takes it back', async () => {
      const { shop: applied } = await joinProgramme(db(), owner);
      const shop = await approveShop(db(), staff, applied.id);
      const till = await new TestClient(t.app).logInAs('seiko');
      const unconfirmed = await till.postForm('/points/shop/withdraw', { reason: '閉店のため' });
      expect(unconfirmed.status).toBe(422);
      expect(await unconfirmed.text()).toContain('確認するチェックを入れてください');
      const tooLong = await till.postForm('/points/shop/withdraw', {
        reason: 'あ'.repeat(201),
        confirm: 'on',
      });
      expect(tooLong.status).toBe(422);
      expect((await shopNamed(shop.businessName)).status).toBe('approved');

      const other = await demoActor(t, 'plastic');
      expect((await refusal(withdrawShop(db(), other, shop.id, { confirm: 'on' }))).code).toBe('forbidden');

      const left = await till.postForm('/points/shop/withdraw', { reason: '閉店のため', confirm: 'on' });
      expect(left.headers.get('location')).toBe('/points/shop?saved=withdrawn');
      const page = await (await till.get('/points/shop')).text();
      expect(page).toContain('取扱いを終了しています');
      expect((await till.get('/points/shop/statement.csv')).status).toBe(200);
      const withdrawn = await shopNamed(shop.businessName);
      expect(withdrawn.status).toBe('withdrawn');
      expect(await errorCodeOf(shopByCode(db(), staff.municipalityCode, shop.shopCode))).toBe('unknown_shop');
      const code = (await issueWalletToken(db(), resident)).code;
      expect(
        await errorCodeOf(
          chargeAtShop(db(), {
            shop: withdrawn,
            payer: { walletCode: code },
            amount: 100,
            idempotencyKey: key('pay'),
            actor: owner,
          }),
        ),
      ).toBe('shop_not_approved');

      const back = await office.postForm(`/points/manage/shops/${shop.id}/approve`, {});
      expect(back.status).toBe(303);
      expect((await shopNamed(shop.businessName)).status).toBe('approved');
      const periods = await db().select().from(pointsShopPeriods);
      const ofShop = periods.filter((p) => p.shopId === shop.id);
      expect(ofShop).toHaveLength(2);
      expect(ofShop.find((p) => p.withdrawnAt)?.withdrawalReason).toBe('閉店のため');
    });

    it('counts a shop at the end of each past fiscal year it took part in, through leaving and coming back', async () => {
      const names = new Set((await listShops(db(), staff.municipalityCode)).map((s) => s.businessName));
      const fresh = (await publicBusinesses(db(), staff.municipalityCode)).find((b) => !names.has(b.name));
      const name = fresh?.name as string;
      expect(name).toBeTruthy();
      const { shop } = await enrolShop(db(), staff, { business: name }, at('2022-06-01'));
      await withdrawShop(db(), staff, shop.id, { reason: '改装のため休業' }, at('2023-10-01'));
      await approveShop(db(), staff, shop.id, at('2025-05-01'));
      const counted = async (fiscalYear: number) =>
        (await merchantsIn(fiscalYear)).filter((r) => r.label === name).map((r) => r.date);
      expect(await counted(2022)).toEqual(['2022-06-01']);
      expect(await counted(2023)).toEqual([]);
      expect(await counted(2024)).toEqual([]);
      expect(await counted(2025)).toEqual(['2025-05-01']);
    });

    it('sets the points rate and whether points pay; refuses a rate out of range and changes nothing', async () => {
      for (const yenPerPoint of ['0', 'abc', '100001', '1.5', '']) {
        const refused = await office.postForm('/points/manage/programme', { yenPerPoint, pointsPay: 'on' });
        expect(refused.status).toBe(422);
        expect(await refused.text()).toContain('付与率は');
      }
      expect(await programmeRulesOf(db(), staff.municipalityCode)).toMatchObject({
        yenPerPoint: 100,
        pointsPay: true,
      });
      const bista = await new TestClient(t.app).logInAs('bista');
      expect((await bista.postForm('/points/manage/programme', { yenPerPoint: '200' })).status).toBe(403);

      const saved = await office.postForm('/points/manage/programme', {
        yenPerPoint: '２００円',
        pointsPay: 'on',
      });
      expect(saved.headers.get('location')).toBe('/points/manage?saved=programme');
      const shop = (await listShops(db(), staff.municipalityCode)).find(
        (s) => s.status === 'approved',
      ) as Shop;
      const award = await awardPoints(db(), {
        shop,
        payer: { residentAccountId: resident.accountId as number },
        amount: 1000,
        idempotencyKey: key('award'),
        actor: staff,
      });
      expect(award.transfers.map((l) => l.amount)).toEqual([5]);

      await office.postForm('/points/manage/programme', { yenPerPoint: '100' });
      expect(await programmeRulesOf(db(), staff.municipalityCode)).toMatchObject({
        yenPerPoint: 100,
        pointsPay: false,
      });
      expect(
        await errorCodeOf(
          chargeAtShop(db(), {
            shop,
            payer: { residentAccountId: resident.accountId as number },
            amount: 5,
            idempotencyKey: key('pay'),
            actor: resident,
          }),
        ),
      ).toBe('insufficient_balance');
      expect(await (await office.get('/points/manage')).text()).toContain('ポイントでの支払い：できない');
    });
  },
);
