import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { UserError } from '../../platform/errors';
import {
  checkAmount,
  executeLedgerRequest,
  insufficientBalance,
  type LedgerResult,
  lockBalances,
  openAccount,
} from './ledger';
import { type Holder, ledgerAccounts, ledgerRequests, ledgerTransfers, type RequestKind } from './schema';

export interface Party {
  holder: Holder;
  holderId?: number;
}

/**
 * Moves an amount of one unit from one holder to another, once per idempotency key. The debited
 * holder must have it, unless it is the issuer.
 */
export async function transfer(
  db: Db,
  request: {
    municipalityCode: string;
    idempotencyKey: string;
    kind: RequestKind;
    unitId: number;
    from: Party;
    to: Party;
    amount: unknown;
    shopId?: number | null;
    residentAccountId?: number | null;
    actorAccountId?: number | null;
  },
): Promise<LedgerResult> {
  const amount = checkAmount(request.amount);
  const { from, to, unitId } = request;
  return executeLedgerRequest(
    db,
    {
      ...request,
      fingerprint: JSON.stringify([
        unitId,
        from.holder,
        from.holderId ?? 0,
        to.holder,
        to.holderId ?? 0,
        amount,
      ]),
    },
    async (tx) => {
      const debitAccountId = await openAccount(tx, unitId, from.holder, from.holderId);
      const creditAccountId = await openAccount(tx, unitId, to.holder, to.holderId);
      const balances = await lockBalances(tx, [debitAccountId, creditAccountId]);
      if (from.holder !== 'issuer' && (balances.get(debitAccountId) ?? 0) < amount)
        throw insufficientBalance();
      return [{ unitId, debitAccountId, creditAccountId, amount }];
    },
  );
}

const refundableKinds: RequestKind[] = ['payment', 'award'];

/**
 * A refund (返金・取消): new transfers that reverse every transfer of a payment or an award, never
 * an edit of the journal. A request is reversed once; the side that received the value must still
 * hold it (a shop already settled for the payment cannot refund it from nothing).
 */
export async function reverseRequest(
  db: Db,
  request: {
    municipalityCode: string;
    idempotencyKey: string;
    requestId: number;
    actorAccountId?: number | null;
    /** only this shop's own requests, when a shop asks */
    shopId?: number;
  },
): Promise<LedgerResult> {
  const [original] = await db.select().from(ledgerRequests).where(eq(ledgerRequests.id, request.requestId));
  if (
    !original ||
    original.municipalityCode !== request.municipalityCode ||
    (request.shopId !== undefined && original.shopId !== request.shopId)
  ) {
    throw new UserError('unknown_transaction', 404, {
      ja: '取引が見つかりません。取引番号を確かめてください。',
      en: 'The transaction was not found. Check its number.',
    });
  }
  if (!refundableKinds.includes(original.kind)) {
    throw new UserError('not_refundable', 422, {
      ja: 'この取引は返金できません。支払いとポイント付与だけが返金できます。',
      en: 'This transaction cannot be refunded: only payments and point awards can.',
    });
  }
  try {
    return await executeLedgerRequest(
      db,
      {
        municipalityCode: request.municipalityCode,
        idempotencyKey: request.idempotencyKey,
        kind: 'refund',
        fingerprint: JSON.stringify(['refund', original.id]),
        shopId: original.shopId,
        residentAccountId: original.residentAccountId,
        reversesRequestId: original.id,
        actorAccountId: request.actorAccountId ?? null,
      },
      async (tx) => {
        const [already] = await tx
          .select({ id: ledgerRequests.id })
          .from(ledgerRequests)
          .where(eq(ledgerRequests.reversesRequestId, original.id));
        if (already) throw alreadyRefunded();
        const legs = await tx
          .select({
            unitId: ledgerTransfers.unitId,
            debitAccountId: ledgerTransfers.creditAccountId,
            creditAccountId: ledgerTransfers.debitAccountId,
            amount: ledgerTransfers.amount,
          })
          .from(ledgerTransfers)
          .where(eq(ledgerTransfers.requestId, original.id));
        const accountIds = legs.flatMap((l) => [l.debitAccountId, l.creditAccountId]);
        const balances = await lockBalances(tx, accountIds);
        const issuers = await tx
          .select({ id: ledgerAccounts.id })
          .from(ledgerAccounts)
          .where(and(inArray(ledgerAccounts.id, accountIds), eq(ledgerAccounts.holder, 'issuer')));
        const isIssuer = new Set(issuers.map((h) => h.id));
        for (const leg of legs) {
          if (
            !isIssuer.has(leg.debitAccountId) &&
            (balances.get(leg.debitAccountId) ?? 0) < Number(leg.amount)
          ) {
            throw insufficientBalance();
          }
        }
        return legs.map((l) => ({ ...l, amount: Number(l.amount) }));
      },
    );
  } catch (error) {
    // two refunds of the same request under different keys: the unique reversal keeps one
    if (
      String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message).includes(
        'reverses_request_id',
      )
    ) {
      throw alreadyRefunded();
    }
    throw error;
  }
}

const alreadyRefunded = () =>
  new UserError('already_refunded', 409, {
    ja: 'この取引はすでに返金されています。',
    en: 'This transaction has already been refunded.',
  });
