import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection';
import { UserError } from '../../platform/errors';
import { type Holder, ledgerAccounts, ledgerRequests, ledgerTransfers, type RequestKind } from './schema';

/**
 * The ledger's one way to move value (decision 024). A request names what is asked and carries
 * an idempotency key; its planner, run inside the transaction after the accounts it touches are
 * locked, returns the transfers. They are written all together or not at all; a retried request
 * returns the first result. The database keeps the cached balances and refuses an overdraft.
 */

export interface LedgerRequestInput {
  municipalityCode: string;
  idempotencyKey: string;
  kind: RequestKind;
  /** what was asked, in a stable form: the same key with another request is refused */
  fingerprint: string;
  shopId?: number | null;
  residentAccountId?: number | null;
  reversesRequestId?: number | null;
  actorAccountId?: number | null;
}

export interface Leg {
  unitId: number;
  debitAccountId: number;
  creditAccountId: number;
  amount: number;
}

export interface LedgerResult {
  requestId: number;
  kind: RequestKind;
  /** the sum of the transfers' amounts */
  amount: number;
  shopId: number | null;
  residentAccountId: number | null;
  createdAt: Date;
  transfers: Leg[];
  /** true when this is a retry answered with the first result */
  replayed: boolean;
}

const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{8,100}$/;

export function checkIdempotencyKey(key: string): string {
  if (!idempotencyKeyPattern.test(key)) {
    throw new UserError('invalid_idempotency_key', 400, {
      ja: '要求の識別キーが正しくありません。画面を開き直してもう一度お試しください。',
      en: 'The request key is not valid. Reload the page and try again.',
    });
  }
  return key;
}

/** A positive whole number of yen or points, or a clear refusal (0, negative, fractions, text, too large). */
export function checkAmount(amount: unknown): number {
  // as typed at a till: 「1,000」「１０００円」 are 1000; 「1.5」 or 「-1」 stay refused
  const typed = typeof amount === 'string' ? amount.normalize('NFKC').replace(/[,円\s]/g, '') : undefined;
  const value = typed !== undefined ? (/^\d+$/.test(typed) ? Number(typed) : Number.NaN) : amount;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new UserError('invalid_amount', 422, {
      ja: '金額は1以上の整数で入力してください。',
      en: 'Enter the amount as a whole number of 1 or more.',
    });
  }
  return value;
}

export const insufficientBalance = () =>
  new UserError('insufficient_balance', 422, {
    ja: '残高が足りません。金額を確かめてください。',
    en: 'The balance is not enough. Check the amount.',
  });

/** The account of a holder in a unit, opened at zero the first time it is needed. */
export async function openAccount(
  tx: Tx | Db,
  unitId: number,
  holder: Holder,
  holderId = 0,
): Promise<number> {
  await tx.insert(ledgerAccounts).values({ unitId, holder, holderId }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.unitId, unitId),
        eq(ledgerAccounts.holder, holder),
        eq(ledgerAccounts.holderId, holderId),
      ),
    );
  if (!row) throw new Error(`ledger account ${unitId}/${holder}/${holderId} could not be opened`);
  return row.id;
}

/**
 * Locks the accounts in id order (so two requests never wait on each other in a cycle) and returns
 * their balances as of the lock: no other request changes them until this transaction ends.
 */
export async function lockBalances(tx: Tx, accountIds: number[]): Promise<Map<number, number>> {
  const ids = [...new Set(accountIds)].sort((a, b) => a - b);
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: ledgerAccounts.id, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, ids))
    .orderBy(asc(ledgerAccounts.id))
    .for('update');
  return new Map(rows.map((r) => [r.id, Number(r.balance)]));
}

async function findRequest(q: Db | Tx, municipalityCode: string, key: string) {
  const [request] = await q
    .select()
    .from(ledgerRequests)
    .where(
      and(eq(ledgerRequests.municipalityCode, municipalityCode), eq(ledgerRequests.idempotencyKey, key)),
    );
  return request;
}

export async function readLedgerRequest(q: Db | Tx, requestId: number): Promise<LedgerResult | undefined> {
  const [request] = await q.select().from(ledgerRequests).where(eq(ledgerRequests.id, requestId));
  return request ? resultOf(q, request, false) : undefined;
}

async function resultOf(
  q: Db | Tx,
  request: typeof ledgerRequests.$inferSelect,
  replayed: boolean,
): Promise<LedgerResult> {
  const transfers = await q
    .select({
      unitId: ledgerTransfers.unitId,
      debitAccountId: ledgerTransfers.debitAccountId,
      creditAccountId: ledgerTransfers.creditAccountId,
      amount: ledgerTransfers.amount,
    })
    .from(ledgerTransfers)
    .where(eq(ledgerTransfers.requestId, request.id))
    .orderBy(asc(ledgerTransfers.id));
  return {
    requestId: request.id,
    kind: request.kind,
    amount: Number(request.amount),
    shopId: request.shopId,
    residentAccountId: request.residentAccountId,
    createdAt: request.createdAt,
    transfers: transfers.map((t) => ({ ...t, amount: Number(t.amount) })),
    replayed,
  };
}

function replayOf(request: typeof ledgerRequests.$inferSelect, input: LedgerRequestInput) {
  if (request.kind !== input.kind || request.fingerprint !== input.fingerprint) {
    throw new UserError('idempotency_key_reused', 409, {
      ja: 'この識別キーは別の取引に使われています。画面を開き直してもう一度お試しください。',
      en: 'This request key was used for another transaction. Reload the page and try again.',
    });
  }
  return request;
}

const overdraftConstraint = 'ledger_accounts_no_overdraft';

function isOverdraft(error: unknown): boolean {
  for (let e = error as { cause?: unknown; constraint?: string; message?: string } | undefined; e; ) {
    if (e.constraint === overdraftConstraint || String(e.message ?? '').includes(overdraftConstraint))
      return true;
    e = e.cause as typeof e | undefined;
  }
  return false;
}

/**
 * Executes a request once. `plan` runs inside the transaction, once the request's key is held:
 * it opens and locks the accounts it needs (`openAccount`, `lockBalances`), checks the rules and
 * returns the transfers. `after` writes what belongs with them (a purchase row, a used QR token).
 * A request that moves nothing is kept too (an expiry with nothing left), so a retry is answered.
 */
export async function executeLedgerRequest(
  db: Db,
  input: LedgerRequestInput,
  plan: (tx: Tx) => Promise<Leg[]>,
  after?: (tx: Tx, requestId: number) => Promise<void>,
): Promise<LedgerResult> {
  checkIdempotencyKey(input.idempotencyKey);
  const earlier = await findRequest(db, input.municipalityCode, input.idempotencyKey);
  if (earlier) return resultOf(db, replayOf(earlier, input), true);
  let written: LedgerResult | undefined;
  try {
    written = await db.transaction(async (tx) => {
      // a concurrent request with the same key waits here until the first commits, then finds it
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`ledger:${input.municipalityCode}:${input.idempotencyKey}`}))`,
      );
      if (await findRequest(tx, input.municipalityCode, input.idempotencyKey)) return undefined;
      const legs = await plan(tx);
      for (const leg of legs) {
        if (!Number.isSafeInteger(leg.amount) || leg.amount <= 0)
          throw new Error(`bad leg amount ${leg.amount}`);
      }
      const [request] = await tx
        .insert(ledgerRequests)
        .values({
          municipalityCode: input.municipalityCode,
          idempotencyKey: input.idempotencyKey,
          kind: input.kind,
          fingerprint: input.fingerprint,
          amount: legs.reduce((sum, leg) => sum + leg.amount, 0),
          shopId: input.shopId ?? null,
          residentAccountId: input.residentAccountId ?? null,
          reversesRequestId: input.reversesRequestId ?? null,
          actorAccountId: input.actorAccountId ?? null,
        })
        .returning();
      if (!request) throw new Error('ledger request not written');
      if (legs.length > 0) {
        await tx.insert(ledgerTransfers).values(legs.map((leg) => ({ ...leg, requestId: request.id })));
      }
      await after?.(tx, request.id);
      return resultOf(tx, request, false);
    });
  } catch (error) {
    if (isOverdraft(error)) throw insufficientBalance();
    throw error;
  }
  if (written) return written;
  const first = await findRequest(db, input.municipalityCode, input.idempotencyKey);
  if (!first) throw new Error('an idempotent request vanished');
  return resultOf(db, replayOf(first, input), true);
}
