import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import {
  checkAmount,
  executeTillRequest,
  insufficientBalance,
  type LedgerResult,
  type Leg,
  openAccount,
} from './ledger';
import { programmeRulesOf } from './programme';
import type { Shop } from './shops';
import { rowsOf } from './sql-rows';
import { pointsUnitOf } from './units';
import { hashOfWalletCode, walletCodeHolder } from './wallet-tokens';

/** Who pays: the code of the resident's QR (scanned or typed at the till), or the resident's own session. */
export type Payer = { walletCode: string } | { residentAccountId: number };

interface PaymentRequest {
  shop: Shop;
  payer: Payer;
  amount: unknown;
  idempotencyKey: string;
  actor: Actor;
  now?: Date;
}

function openShop(shop: Shop) {
  if (shop.status !== 'approved') {
    throw new UserError('shop_not_approved', 403, {
      ja: 'この店舗は現在るのかーどを取り扱っていません。',
      en: 'This shop does not take るのかーど at present.',
    });
  }
}

/** The resident who pays, and the QR code used for it when the payment is made by code. */
async function payerOf(db: Db, request: PaymentRequest, now: Date) {
  if ('walletCode' in request.payer) {
    return walletCodeHolder(db, request.actor.municipalityCode, request.payer.walletCode, now);
  }
  return { tokenId: undefined, residentAccountId: request.payer.residentAccountId };
}

const payerKey = (payer: Payer) =>
  'walletCode' in payer
    ? `code:${hashOfWalletCode(payer.walletCode)}`
    : `resident:${payer.residentAccountId}`;

/**
 * A request made at a shop's till, for the resident behind a QR code or a session: `plan` gives
 * the transfers from the balances as they are; the code is used by the same statement that writes
 * them (decision 035).
 */
async function tillRequest(
  db: Db,
  request: PaymentRequest,
  kind: 'payment' | 'award',
  amount: number,
  plan: (residentAccountId: number) => Promise<Leg[]>,
): Promise<LedgerResult> {
  const { shop, actor, payer } = request;
  openShop(shop);
  const now = request.now ?? new Date();
  return executeTillRequest(
    db,
    {
      municipalityCode: shop.municipalityCode,
      idempotencyKey: request.idempotencyKey,
      kind,
      fingerprint: JSON.stringify([kind, shop.id, payerKey(payer), amount]),
      shopId: shop.id,
      actorAccountId: actor.accountId,
    },
    async () => {
      const { tokenId, residentAccountId } = await payerOf(db, request, now);
      return { legs: await plan(residentAccountId), residentAccountId, walletTokenId: tokenId };
    },
    now,
  );
}

interface Holding {
  unit_id: number;
  resident_account: number;
  balance: string;
  shop_account: number | null;
}

/**
 * What the resident holds that can pay at the shop today, in the order it is spent: gift
 * certificates, the issue expiring first first, then points when the programme lets points pay.
 * An expired issue, or another municipality's, is never among them (ledger_spendable, migration 0028).
 */
const spendableHoldings = (db: Db, shop: Shop, residentAccountId: number, today: string) =>
  rowsOf<Holding>(
    db,
    sql`select * from ledger_spendable(${shop.municipalityCode}, ${residentAccountId}::integer,
      ${shop.id}::integer, ${today}::date)`,
  );

/**
 * A resident pays a shop (支払い): gift-certificate value first, the issue that expires first first,
 * then points (1 point = 1 yen) when the programme lets points pay. All of the amount or nothing.
 */
export async function chargeAtShop(db: Db, request: PaymentRequest): Promise<LedgerResult> {
  const amount = checkAmount(request.amount);
  const { shop } = request;
  const today = todayInJapan(request.now ?? new Date());
  return tillRequest(db, request, 'payment', amount, async (residentAccountId) => {
    const legs: Leg[] = [];
    let remaining = amount;
    for (const held of await spendableHoldings(db, shop, residentAccountId, today)) {
      if (remaining === 0) break;
      const take = Math.min(remaining, Number(held.balance));
      legs.push({
        unitId: held.unit_id,
        debitAccountId: held.resident_account,
        creditAccountId: held.shop_account ?? (await openAccount(db, held.unit_id, 'shop', shop.id)),
        amount: take,
      });
      remaining -= take;
    }
    if (remaining > 0) throw insufficientBalance();
    return legs;
  });
}

/** Points for a purchase: 1 point per `yenPerPoint` yen, rounded down. */
export function pointsFor(purchaseYen: number, yenPerPoint: number): number {
  return Math.floor(purchaseYen / yenPerPoint);
}

/**
 * A shop awards points on a purchase (ポイント付与), at the programme's rate. The points come from
 * the issuer; the request names the shop, for its statement and the settlement.
 */
export async function awardPoints(db: Db, request: PaymentRequest): Promise<LedgerResult> {
  const purchaseYen = checkAmount(request.amount);
  const { shop } = request;
  const rules = await programmeRulesOf(db, shop.municipalityCode);
  const points = pointsFor(purchaseYen, rules.yenPerPoint);
  if (points === 0) {
    throw new UserError('no_points_for_amount', 422, {
      ja: `ポイントは${rules.yenPerPoint}円ごとに1ポイントです。${rules.yenPerPoint}円以上の金額を入力してください。`,
      en: `One point is given per ${rules.yenPerPoint} yen. Enter ${rules.yenPerPoint} yen or more.`,
    });
  }
  return tillRequest(db, request, 'award', purchaseYen, async (residentAccountId) => {
    const unitId = await pointsUnitOf(db, shop.municipalityCode);
    const issuer = await openAccount(db, unitId, 'issuer');
    const resident = await openAccount(db, unitId, 'resident', residentAccountId);
    return [{ unitId, debitAccountId: issuer, creditAccountId: resident, amount: points }];
  });
}
