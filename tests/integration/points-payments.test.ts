import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveShop,
  awardPoints,
  chargeAtShop,
  checkLedger,
  createGiftCertificateIssue,
  expireGiftCertificates,
  issueWalletToken,
  joinProgramme,
  recordPurchase,
  reverseRequest,
  walletOf,
} from '../../src/modules/points';
import type { Shop } from '../../src/modules/points/shops';
import type { Actor } from '../../src/platform/audit';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { testDatabaseKinds } from '../support/databases';
import type { TestInstance } from '../support/harness';
import { startInstance } from './helpers';
import { demoActor, errorCodeOf } from './points-support';

let serial = 0;
const key = (label: string) => `${label}-${++serial}-${Date.now()}`;
const day = (offset: number, from = new Date()) =>
  todayInJapan(new Date(from.getTime() + offset * 86_400_000));

describe.each(testDatabaseKinds())(
  'るのかーど at a shop: QR codes, payments, points, refunds, expiry (%s)',
  (kind) => {
    let t: TestInstance;
    let admin: Actor;
    let shokokai: Actor;
    let bista: Actor;
    let resident: Actor;
    let owner: Actor;
    let shop: Shop;
    const db = () => t.database.db;

    beforeAll(async () => {
      t = await startInstance(kind);
      admin = await demoActor(t, 'admin');
      shokokai = await demoActor(t, 'shokokai');
      bista = await demoActor(t, 'bista');
      resident = await demoActor(t, 'resident');
      owner = await demoActor(t, 'seiko');
      const joined = await joinProgramme(db(), owner);
      expect(joined.outcome).toBe('applied');
      expect((await joinProgramme(db(), owner)).outcome).toBe('already');
      expect(await errorCodeOf(approveShop(db(), bista, joined.shop.id))).toBe('forbidden');
      shop = await approveShop(db(), shokokai, joined.shop.id);
      expect(shop.status).toBe('approved');
    });
    afterAll(async () => {
      await t?.stop();
    });

    const sell = async (name: string, validUntil: string, faceValueYen = 13_000) => {
      const issue = await createGiftCertificateIssue(db(), admin, {
        name,
        priceYen: String(Math.min(10_000, faceValueYen)),
        faceValueYen: String(faceValueYen),
        salesFrom: day(-10),
        salesUntil: day(0),
        validUntil,
        perPersonLimit: '2',
        totalSets: '1000',
      });
      await recordPurchase(db(), shokokai, {
        issueId: issue.id,
        residentAccountId: resident.accountId as number,
        sets: '1',
        paymentMethod: 'cash',
        idempotencyKey: key('sale'),
      });
      return issue;
    };
    const walletCode = async () => (await issueWalletToken(db(), resident)).code;

    it('credits a counter sale of 10,000円 as 13,000円 to spend, within the per-person limit', async () => {
      const issue = await sell('テスト商品券A（架空）', day(30));
      const wallet = await walletOf(db(), resident.municipalityCode, resident.accountId as number);
      expect(wallet.gifts.find((g) => g.issueId === issue.id)?.balance).toBe(13_000);
      await recordPurchase(db(), shokokai, {
        issueId: issue.id,
        residentAccountId: resident.accountId as number,
        sets: 1,
        paymentMethod: 'bank',
        idempotencyKey: key('sale'),
      });
      expect(
        await errorCodeOf(
          recordPurchase(db(), shokokai, {
            issueId: issue.id,
            residentAccountId: resident.accountId as number,
            sets: 1,
            paymentMethod: 'cash',
            idempotencyKey: key('sale'),
          }),
        ),
      ).toBe('over_person_limit');
      expect(
        await errorCodeOf(
          recordPurchase(db(), bista, {
            issueId: issue.id,
            residentAccountId: resident.accountId as number,
            sets: 1,
            paymentMethod: 'cash',
            idempotencyKey: key('sale'),
          }),
        ),
      ).toBe('forbidden');
    });

    it('takes a payment by a single-use QR code: gift value expiring first, then points', async () => {
      const soon = await sell('テスト商品券B（早く切れる・架空）', day(3), 1_000);
      const before = await walletOf(db(), resident.municipalityCode, resident.accountId as number);
      const award = await awardPoints(db(), {
        shop,
        payer: { walletCode: await walletCode() },
        amount: 2_550,
        idempotencyKey: key('award'),
        actor: owner,
      });
      expect(award.amount).toBe(25);
      const code = await walletCode();
      const payment = await chargeAtShop(db(), {
        shop,
        payer: { walletCode: code },
        amount: 1_200,
        idempotencyKey: key('pay'),
        actor: owner,
      });
      expect(payment.amount).toBe(1_200);
      const after = await walletOf(db(), resident.municipalityCode, resident.accountId as number);
      // 1,000円 of the issue that ends first, then 200円 of the next one; the points stay
      expect(after.gifts.find((g) => g.issueId === soon.id)?.balance).toBe(0);
      const totalGift = (w: typeof after) => w.gifts.reduce((s, g) => s + g.balance, 0);
      expect(totalGift(after)).toBe(totalGift(before) - 1_200);
      expect(after.points).toBe(before.points + 25);
      expect(after.history[0]).toMatchObject({
        kind: 'payment',
        giftYen: -1_200,
        points: 0,
        shopName: shop.businessName,
      });
      // the same code again: refused, whatever the amount
      expect(
        await errorCodeOf(
          chargeAtShop(db(), {
            shop,
            payer: { walletCode: code },
            amount: 1,
            idempotencyKey: key('pay'),
            actor: owner,
          }),
        ),
      ).toBe('wallet_code_used');
      expect(
        await errorCodeOf(
          chargeAtShop(db(), {
            shop,
            payer: { walletCode: 'NOPE-NOPE-NO' },
            amount: 1,
            idempotencyKey: key('pay'),
            actor: owner,
          }),
        ),
      ).toBe('unknown_wallet_code');
      expect(await checkLedger(db())).toEqual([]);
    });

    it('refuses a code after two minutes, and keeps a code unused when the payment itself is refused', async () => {
      const issued = await issueWalletToken(db(), resident, new Date(Date.now() - 121_000));
      expect(
        await errorCodeOf(
          chargeAtShop(db(), {
            shop,
            payer: { walletCode: issued.code },
            amount: 1,
            idempotencyKey: key('pay'),
            actor: owner,
          }),
        ),
      ).toBe('wallet_code_expired');
      const code = await walletCode();
      expect(
        await errorCodeOf(
          chargeAtShop(db(), {
            shop,
            payer: { walletCode: code },
            amount: 10_000_000,
            idempotencyKey: key('pay'),
            actor: owner,
          }),
        ),
      ).toBe('insufficient_balance');
      for (const amount of ['0', '-100', '1.5', '']) {
        expect(
          await errorCodeOf(
            chargeAtShop(db(), {
              shop,
              payer: { walletCode: code },
              amount,
              idempotencyKey: key('pay'),
              actor: owner,
            }),
          ),
        ).toBe('invalid_amount');
      }
      const paid = await chargeAtShop(db(), {
        shop,
        payer: { walletCode: code.toLowerCase() },
        amount: 10,
        idempotencyKey: key('pay'),
        actor: owner,
      });
      expect(paid.amount).toBe(10);
    });

    it('uses one code once even when the shop sends it twenty times at once, under one key or many', async () => {
      const code = await walletCode();
      const sameKey = key('burst');
      const retries = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          chargeAtShop(db(), {
            shop,
            payer: { walletCode: code },
            amount: 7,
            idempotencyKey: sameKey,
            actor: owner,
          }),
        ),
      );
      const ids = retries.flatMap((r) => (r.status === 'fulfilled' ? [r.value.requestId] : []));
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(1);
      const other = await walletCode();
      const distinct = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          chargeAtShop(db(), {
            shop,
            payer: { walletCode: other },
            amount: 7,
            idempotencyKey: key('burst'),
            actor: owner,
          }),
        ),
      );
      expect(distinct.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await checkLedger(db())).toEqual([]);
    });

    it('refunds a payment to the same certificates, only for the shop that took it, once', async () => {
      const before = await walletOf(db(), resident.municipalityCode, resident.accountId as number);
      const payment = await chargeAtShop(db(), {
        shop,
        payer: { residentAccountId: resident.accountId as number },
        amount: 500,
        idempotencyKey: key('pay'),
        actor: resident,
      });
      expect(
        await errorCodeOf(
          reverseRequest(db(), {
            municipalityCode: shop.municipalityCode,
            idempotencyKey: key('r'),
            requestId: payment.requestId,
            shopId: shop.id + 999,
          }),
        ),
      ).toBe('unknown_transaction');
      await reverseRequest(db(), {
        municipalityCode: shop.municipalityCode,
        idempotencyKey: key('r'),
        requestId: payment.requestId,
        shopId: shop.id,
      });
      const after = await walletOf(db(), resident.municipalityCode, resident.accountId as number);
      expect(after.gifts).toEqual(before.gifts);
      expect(after.history.find((h) => h.requestId === payment.requestId)?.refunded).toBe(true);
    });

    it('expires what residents hold after the last day, once, by the scheduled job with its own clock', async () => {
      const issue = await sell('テスト商品券C（失効・架空）', day(1), 2_000);
      const holding = async () =>
        (await walletOf(db(), resident.municipalityCode, resident.accountId as number)).gifts.find(
          (g) => g.issueId === issue.id,
        );
      expect((await expireGiftCertificates(db(), new Date())).map((e) => e.issueId)).not.toContain(issue.id);
      const later = new Date(Date.now() + 3 * 86_400_000);
      const expired = await expireGiftCertificates(db(), later);
      expect(expired.find((e) => e.issueId === issue.id)?.expiredYen).toBeGreaterThan(0);
      expect((await holding())?.balance ?? 0).toBe(0);
      expect((await expireGiftCertificates(db(), later)).map((e) => e.issueId)).not.toContain(issue.id);
      expect(await checkLedger(db())).toEqual([]);
    });

    it('never overdraws a wallet under 60 concurrent payments across certificate and points, with a refund at the same time', async () => {
      const spender = await demoActor(t, 'resident');
      const wallet = async () => walletOf(db(), spender.municipalityCode, spender.accountId as number);
      await sell('テスト商品券D（同時支払い・架空）', day(30), 1_000);
      const earlier = await chargeAtShop(db(), {
        shop,
        payer: { residentAccountId: spender.accountId as number },
        amount: 30,
        idempotencyKey: key('earlier'),
        actor: spender,
      });
      const held = await wallet();
      const spendable =
        held.points + held.gifts.filter((g) => !g.expired).reduce((sum, g) => sum + g.balance, 0);
      const amount = Math.ceil(spendable / 45);
      // payments planned from the same balances race; the losers are planned again, and a refund
      // to the same accounts (locked shop-first) waits its turn instead of deadlocking
      const outcomes = await Promise.allSettled([
        reverseRequest(db(), {
          municipalityCode: shop.municipalityCode,
          idempotencyKey: key('refund'),
          requestId: earlier.requestId,
          shopId: shop.id,
        }),
        ...Array.from({ length: 60 }, () =>
          chargeAtShop(db(), {
            shop,
            payer: { residentAccountId: spender.accountId as number },
            amount,
            idempotencyKey: key('race'),
            actor: spender,
          }),
        ),
      ]);
      const [refund, ...payments] = outcomes;
      expect(refund?.status).toBe('fulfilled');
      const paid = payments.filter((o) => o.status === 'fulfilled').length;
      const refusals = payments.flatMap((o) =>
        o.status === 'rejected' ? [(o.reason as { code?: string }).code] : [],
      );
      expect(new Set(refusals)).toEqual(new Set(paid === 60 ? [] : ['insufficient_balance']));
      // every payment the balance covered went through; the refund may land before or after the last
      expect(paid).toBeGreaterThanOrEqual(Math.floor(spendable / amount));
      expect(paid).toBeLessThanOrEqual(Math.floor((spendable + 30) / amount));
      const after = await wallet();
      const left =
        after.points + after.gifts.filter((g) => !g.expired).reduce((sum, g) => sum + g.balance, 0);
      expect(left).toBe(spendable + 30 - paid * amount);
      expect(await checkLedger(db())).toEqual([]);
    });
  },
);
