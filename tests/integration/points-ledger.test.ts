import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connection';
import { migrate } from '../../src/db/migrate';
import { checkLedger } from '../../src/modules/points/ledger-check';
import { ledgerAccounts, ledgerRequests, ledgerTransfers } from '../../src/modules/points/schema';
import { reverseRequest, transfer } from '../../src/modules/points/transfers';
import { createGiftUnit, pointsUnitOf } from '../../src/modules/points/units';
import type { UserError } from '../../src/platform/errors';
import { createTestDatabase, testDatabaseKinds } from '../support/databases';
import { errorCodeOf } from './points-support';

const town = '132284';
let serial = 0;
const key = (label: string) => `test-${label}-${++serial}-${Date.now()}`;

describe.each(testDatabaseKinds())('the るのかーど ledger (%s)', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let points: number;

  beforeAll(async () => {
    const target = await createTestDatabase(kind);
    drop = target.drop;
    database = await openDatabase(target);
    await migrate(database);
    points = await pointsUnitOf(database.db, town);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const db = () => database.db;
  const balanceOf = async (unitId: number, holder: 'resident' | 'shop' | 'issuer', holderId: number) => {
    const [row] = await db()
      .select({ balance: ledgerAccounts.balance })
      .from(ledgerAccounts)
      .where(
        sql`${ledgerAccounts.unitId} = ${unitId} and ${ledgerAccounts.holder} = ${holder} and ${ledgerAccounts.holderId} = ${holderId}`,
      );
    return Number(row?.balance ?? 0);
  };
  const grant = (resident: number, amount: unknown, idempotencyKey = key('grant')) =>
    transfer(db(), {
      municipalityCode: town,
      idempotencyKey,
      kind: 'grant',
      unitId: points,
      from: { holder: 'issuer' },
      to: { holder: 'resident', holderId: resident },
      amount,
      residentAccountId: null,
    });
  const pay = (
    resident: number,
    shop: number,
    amount: unknown,
    idempotencyKey = key('pay'),
    unitId = points,
  ) =>
    transfer(db(), {
      municipalityCode: town,
      idempotencyKey,
      kind: 'payment',
      unitId,
      from: { holder: 'resident', holderId: resident },
      to: { holder: 'shop', holderId: shop },
      amount,
      shopId: shop,
    });
  const journalSize = async () =>
    (await db().select({ id: ledgerTransfers.id }).from(ledgerTransfers)).length;

  it('moves value by double entry: the issuer goes below zero by what residents and shops hold', async () => {
    await grant(1001, 500);
    await pay(1001, 2001, 120);
    expect(await balanceOf(points, 'resident', 1001)).toBe(380);
    expect(await balanceOf(points, 'shop', 2001)).toBe(120);
    expect(await balanceOf(points, 'issuer', 0)).toBe(-500);
    expect(await checkLedger(db())).toEqual([]);
  });

  it('refuses an amount of 0, below 0, with a fraction, as text or over the balance, and moves nothing', async () => {
    await grant(1002, 100);
    const before = await journalSize();
    for (const amount of [0, -5, 1.5, 'abc', Number.NaN, 2 ** 60]) {
      expect(await errorCodeOf(pay(1002, 2001, amount))).toBe('invalid_amount');
    }
    expect(await errorCodeOf(pay(1002, 2001, 101))).toBe('insufficient_balance');
    expect(await errorCodeOf(pay(1002, 2001, 5, 'short'))).toBe('invalid_idempotency_key');
    expect(await journalSize()).toBe(before);
    expect(await balanceOf(points, 'resident', 1002)).toBe(100);
  });

  it('answers a retried request with the first result and moves nothing twice', async () => {
    await grant(1003, 100);
    const retryKey = key('retry');
    const first = await pay(1003, 2001, 30, retryKey);
    const again = await pay(1003, 2001, 30, retryKey);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await balanceOf(points, 'resident', 1003)).toBe(70);
    expect(await errorCodeOf(pay(1003, 2001, 31, retryKey))).toBe('idempotency_key_reused');
  });

  it('moves value once when the same request arrives 25 times at once', async () => {
    await grant(1004, 1000);
    const sameKey = key('concurrent-retry');
    const results = await Promise.all(Array.from({ length: 25 }, () => pay(1004, 2002, 40, sameKey)));
    expect(new Set(results.map((r) => r.requestId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const [request] = await db()
      .select({ id: ledgerRequests.id })
      .from(ledgerRequests)
      .where(eq(ledgerRequests.idempotencyKey, sameKey));
    const transfers = await db()
      .select()
      .from(ledgerTransfers)
      .where(eq(ledgerTransfers.requestId, request?.id ?? 0));
    expect(transfers).toHaveLength(1);
    expect(await balanceOf(points, 'resident', 1004)).toBe(960);
    expect(await checkLedger(db())).toEqual([]);
  });

  it('never overdraws a resident under 300 concurrent payments: exactly what the balance covers succeeds', async () => {
    await grant(1005, 1000);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) => pay(1005, 2003 + (i % 3), 7)),
    );
    const paid = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.filter(
      (o) => o.status === 'rejected' && (o.reason as UserError).code === 'insufficient_balance',
    ).length;
    expect(paid).toBe(Math.floor(1000 / 7));
    expect(refused).toBe(300 - paid);
    expect(await balanceOf(points, 'resident', 1005)).toBe(1000 - 7 * paid);
    expect(await checkLedger(db())).toEqual([]);
  });

  it('does not deadlock when two holders pay each other at the same time', async () => {
    await grant(1006, 500);
    await grant(1007, 500);
    const both = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        transfer(db(), {
          municipalityCode: town,
          idempotencyKey: key('cross'),
          kind: 'payment',
          unitId: points,
          from: { holder: 'resident', holderId: i % 2 ? 1006 : 1007 },
          to: { holder: 'resident', holderId: i % 2 ? 1007 : 1006 },
          amount: 3,
        }),
      ),
    );
    expect(both.filter((o) => o.status === 'rejected')).toEqual([]);
    expect((await balanceOf(points, 'resident', 1006)) + (await balanceOf(points, 'resident', 1007))).toBe(
      1000,
    );
  });

  it('refunds a payment with new compensating transfers, once, and only while the shop holds the value', async () => {
    await grant(1008, 300);
    const payment = await pay(1008, 2010, 200);
    const size = await journalSize();
    const refund = await reverseRequest(db(), {
      municipalityCode: town,
      idempotencyKey: key('refund'),
      requestId: payment.requestId,
    });
    expect(refund.kind).toBe('refund');
    expect(refund.transfers).toEqual([
      {
        unitId: points,
        debitAccountId: payment.transfers[0]?.creditAccountId,
        creditAccountId: payment.transfers[0]?.debitAccountId,
        amount: 200,
      },
    ]);
    expect(await journalSize()).toBe(size + 1);
    expect(await balanceOf(points, 'resident', 1008)).toBe(300);
    expect(
      await errorCodeOf(
        reverseRequest(db(), {
          municipalityCode: town,
          idempotencyKey: key('refund'),
          requestId: payment.requestId,
        }),
      ),
    ).toBe('already_refunded');
    // two refunds of one payment at once, under different keys: one wins
    const second = await pay(1008, 2011, 50);
    const racing = await Promise.allSettled(
      [1, 2, 3].map(() =>
        reverseRequest(db(), {
          municipalityCode: town,
          idempotencyKey: key('race'),
          requestId: second.requestId,
        }),
      ),
    );
    expect(racing.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await balanceOf(points, 'shop', 2011)).toBe(0);
    // the shop passed on what it took: the refund cannot come from nothing
    const third = await pay(1008, 2012, 40);
    await transfer(db(), {
      municipalityCode: town,
      idempotencyKey: key('settle'),
      kind: 'settlement',
      unitId: points,
      from: { holder: 'shop', holderId: 2012 },
      to: { holder: 'issuer' },
      amount: 40,
    });
    expect(
      await errorCodeOf(
        reverseRequest(db(), {
          municipalityCode: town,
          idempotencyKey: key('refund'),
          requestId: third.requestId,
        }),
      ),
    ).toBe('insufficient_balance');
    expect(await checkLedger(db())).toEqual([]);
  });

  it('keeps each unit apart: a transfer between accounts of two units is refused by the database', async () => {
    const gift = await database.db.transaction((tx) => createGiftUnit(tx, town, 'テスト商品券'));
    await transfer(db(), {
      municipalityCode: town,
      idempotencyKey: key('gift'),
      kind: 'purchase',
      unitId: gift,
      from: { holder: 'issuer' },
      to: { holder: 'resident', holderId: 1009 },
      amount: 13000,
    });
    expect(await errorCodeOf(pay(1009, 2001, 1, key('pay'), points))).toBe('insufficient_balance');
    const [giftAccount] = await db()
      .select({ id: ledgerAccounts.id })
      .from(ledgerAccounts)
      .where(sql`${ledgerAccounts.unitId} = ${gift} and ${ledgerAccounts.holder} = 'resident'`);
    const [pointsAccount] = await db()
      .select({ id: ledgerAccounts.id })
      .from(ledgerAccounts)
      .where(sql`${ledgerAccounts.unitId} = ${points} and ${ledgerAccounts.holder} = 'issuer'`);
    const [request] = await db().select({ id: ledgerRequests.id }).from(ledgerRequests).limit(1);
    await expect(
      db()
        .insert(ledgerTransfers)
        .values({
          requestId: request?.id ?? 0,
          unitId: points,
          debitAccountId: giftAccount?.id ?? 0,
          creditAccountId: pointsAccount?.id ?? 0,
          amount: 1,
        }),
    ).rejects.toThrow();
    expect(await checkLedger(db())).toEqual([]);
  });

  it('keeps the journal append-only and balances written only by transfers', async () => {
    await expect(db().update(ledgerTransfers).set({ amount: 1 })).rejects.toThrow();
    await expect(db().delete(ledgerTransfers)).rejects.toThrow();
    await expect(db().delete(ledgerRequests)).rejects.toThrow();
    await expect(db().update(ledgerAccounts).set({ balance: 1_000_000 })).rejects.toThrow();
    await expect(
      db()
        .insert(ledgerAccounts)
        .values({ unitId: points, holder: 'resident', holderId: 99_999, balance: 50 }),
    ).rejects.toThrow();
    expect(await checkLedger(db())).toEqual([]);
  });

  it('reports a cached balance that left its journal and a unit that no longer sums to zero', async () => {
    // only by switching the guard off, as a broken release or a hand edit might
    await database.execScript(`
      alter table ledger_accounts disable trigger ledger_accounts_balance_from_journal;
      update ledger_accounts set balance = balance + 5 where holder = 'resident' and holder_id = 1001;
      alter table ledger_accounts enable trigger ledger_accounts_balance_from_journal;`);
    const problems = await checkLedger(db());
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/accounts sum to 5, not 0/);
    expect(problems.join('\n')).toMatch(/cached balance 385, journal says 380/);
    await database.execScript(`
      alter table ledger_accounts disable trigger ledger_accounts_balance_from_journal;
      update ledger_accounts set balance = balance - 5 where holder = 'resident' and holder_id = 1001;
      alter table ledger_accounts enable trigger ledger_accounts_balance_from_journal;`);
    expect(await checkLedger(db())).toEqual([]);
  });
});
