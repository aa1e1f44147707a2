import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import {
  checkAmount,
  executeLedgerRequest,
  insufficientBalance,
  type LedgerResult,
  type Leg,
  lockBalances,
  openAccount,
} from './ledger';
import { giftCertificateIssues, ledgerAccounts } from './schema';
import type { Shop } from './shops';
import { pointsUnitOf, programmeRulesOf } from './units';
import { hashOfWalletCode, noteWalletTokenUse, redeemWalletToken } from './wallet-tokens';

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

/**
 * The units a resident may pay with today, in the order they are spent: gift certificates that can
 * still be used, the one expiring first first, then points when the programme lets points pay.
 * An expired issue, or another municipality's, is never among them.
 */
async function spendableUnits(tx: Tx, municipalityCode: string, today: string): Promise<number[]> {
  const issues = await tx
    .select({ unitId: giftCertificateIssues.unitId })
    .from(giftCertificateIssues)
    .where(
      and(
        eq(giftCertificateIssues.municipalityCode, municipalityCode),
        gte(giftCertificateIssues.validUntil, today),
        isNull(giftCertificateIssues.expiredAt),
      ),
    )
    .orderBy(asc(giftCertificateIssues.validUntil), asc(giftCertificateIssues.id));
  const rules = await programmeRulesOf(tx, municipalityCode);
  const units = issues.map((i) => i.unitId);
  if (rules.pointsPay) units.push(await pointsUnitOf(tx, municipalityCode));
  return units;
}

function openShop(shop: Shop) {
  if (shop.status !== 'approved') {
    throw new UserError('shop_not_approved', 403, {
      ja: 'この店舗は現在るのかーどを取り扱っていません。',
      en: 'This shop does not take るのかーど at present.',
    });
  }
}

async function payerOf(tx: Tx, request: PaymentRequest, now: Date) {
  if ('walletCode' in request.payer) {
    return redeemWalletToken(tx, request.actor.municipalityCode, request.payer.walletCode, now);
  }
  return { tokenId: undefined, residentAccountId: request.payer.residentAccountId };
}

const payerKey = (payer: Payer) =>
  'walletCode' in payer
    ? `code:${hashOfWalletCode(payer.walletCode)}`
    : `resident:${payer.residentAccountId}`;

/**
 * A request made at a shop's till, for the resident behind a QR code or a session: the code is used
 * inside the request's transaction (once, and noted on the request), then `plan` gives the transfers.
 */
async function shopRequest(
  db: Db,
  request: PaymentRequest,
  kind: 'payment' | 'award',
  amount: number,
  plan: (tx: Tx, residentAccountId: number) => Promise<Leg[]>,
): Promise<LedgerResult> {
  const { shop, actor, payer } = request;
  openShop(shop);
  const now = request.now ?? new Date();
  let tokenId: number | undefined;
  return executeLedgerRequest(
    db,
    {
      municipalityCode: shop.municipalityCode,
      idempotencyKey: request.idempotencyKey,
      kind,
      fingerprint: JSON.stringify([kind, shop.id, payerKey(payer), amount]),
      shopId: shop.id,
      residentAccountId: 'residentAccountId' in payer ? payer.residentAccountId : null,
      actorAccountId: actor.accountId,
    },
    async (tx) => {
      const resolved = await payerOf(tx, request, now);
      tokenId = resolved.tokenId;
      return plan(tx, resolved.residentAccountId);
    },
    async (tx, requestId) => {
      if (tokenId !== undefined) await noteWalletTokenUse(tx, tokenId, requestId);
    },
  );
}

/**
 * A resident pays a shop (支払い): gift-certificate value first, the issue that expires first first,
 * then points (1 point = 1 yen) when the programme lets points pay. All of the amount or nothing.
 */
export async function chargeAtShop(db: Db, request: PaymentRequest): Promise<LedgerResult> {
  const amount = checkAmount(request.amount);
  const { shop } = request;
  const today = todayInJapan(request.now ?? new Date());
  return shopRequest(db, request, 'payment', amount, async (tx, residentAccountId) => {
    const units = await spendableUnits(tx, shop.municipalityCode, today);
    const held = await tx
      .select({ id: ledgerAccounts.id, unitId: ledgerAccounts.unitId, balance: ledgerAccounts.balance })
      .from(ledgerAccounts)
      .where(
        and(
          inArray(ledgerAccounts.unitId, units.length ? units : [0]),
          eq(ledgerAccounts.holder, 'resident'),
          eq(ledgerAccounts.holderId, residentAccountId),
        ),
      );
    // every account that may move is locked at once, in id order, before any balance is trusted
    const candidates = [];
    for (const unitId of units) {
      const account = held.find((h) => h.unitId === unitId && Number(h.balance) > 0);
      if (account) {
        candidates.push({
          unitId,
          residentAccount: account.id,
          shopAccount: await openAccount(tx, unitId, 'shop', shop.id),
        });
      }
    }
    const balances = await lockBalances(
      tx,
      candidates.flatMap((c) => [c.residentAccount, c.shopAccount]),
    );
    const legs: Leg[] = [];
    let remaining = amount;
    for (const c of candidates) {
      const take = Math.min(remaining, balances.get(c.residentAccount) ?? 0);
      if (take > 0) {
        legs.push({
          unitId: c.unitId,
          debitAccountId: c.residentAccount,
          creditAccountId: c.shopAccount,
          amount: take,
        });
      }
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
  return shopRequest(db, request, 'award', purchaseYen, async (tx, residentAccountId) => {
    const unitId = await pointsUnitOf(tx, shop.municipalityCode);
    const issuer = await openAccount(tx, unitId, 'issuer');
    const resident = await openAccount(tx, unitId, 'resident', residentAccountId);
    await lockBalances(tx, [issuer, resident]);
    return [{ unitId, debitAccountId: issuer, creditAccountId: resident, amount: points }];
  });
}
