import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection';
import { UserError } from '../../platform/errors';
import { type Holder, ledgerAccounts, ledgerRequests, ledgerTransfers, type RequestKind } from './schema';
import { rowsOf } from './sql-rows';
import { walletCodeUsed } from './wallet-tokens';

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

function replayOf<R extends { kind: RequestKind; fingerprint: string }>(
  request: R,
  input: LedgerRequestInput,
): R {
  if (request.kind !== input.kind || request.fingerprint !== input.fingerprint) {
    throw new UserError('idempotency_key_reused', 409, {
      ja: 'この識別キーは別の取引に使われています。画面を開き直してもう一度お試しください。',
      en: 'This request key was used for another transaction. Reload the page and try again.',
    });
  }
  return request;
}

const overdraftConstraint = 'ledger_accounts_no_overdraft';

/** The causes of a database error, outermost first (drizzle wraps the driver's error). */
function* causesOf(error: unknown): Generator<{ constraint?: string; message?: string }> {
  for (let e = error as { cause?: unknown; constraint?: string; message?: string } | undefined; e; ) {
    yield e;
    e = e.cause as typeof e | undefined;
  }
}

function isOverdraft(error: unknown): boolean {
  for (const e of causesOf(error)) {
    if (e.constraint === overdraftConstraint || String(e.message ?? '').includes(overdraftConstraint))
      return true;
  }
  return false;
}

/** The refusal a failed post means for the user; other errors pass unchanged. */
function refusalOf(error: unknown): unknown {
  if (isOverdraft(error)) return insufficientBalance();
  for (const e of causesOf(error)) if (e.message === 'wallet_code_used') return walletCodeUsed();
  return error;
}

interface Posted {
  requestId: number;
  createdAt: Date;
  replayed: boolean;
  kind: RequestKind;
  fingerprint: string;
}

/**
 * Writes a request, its transfers and the QR code it used in one statement (ledger_post,
 * migration 0028): all or nothing, the accounts locked in id order, a balance below zero refused.
 * When the key is already taken, nothing is written and the first request is returned.
 */
async function postLedgerRequest(
  q: Db | Tx,
  input: LedgerRequestInput,
  legs: Leg[],
  walletTokenId: number | undefined,
  now: Date,
): Promise<Posted> {
  for (const leg of legs) {
    if (!Number.isSafeInteger(leg.amount) || leg.amount <= 0) throw new Error(`bad leg amount ${leg.amount}`);
  }
  const legsJson = JSON.stringify(legs.map((l) => [l.unitId, l.debitAccountId, l.creditAccountId, l.amount]));
  const [row] = await rowsOf<{
    request_id: string;
    created_at: string | Date;
    replayed: boolean;
    kind: RequestKind;
    fingerprint: string;
  }>(
    q,
    sql`select * from ledger_post(${input.municipalityCode}, ${input.idempotencyKey}, ${input.kind},
      ${input.fingerprint}, ${input.shopId ?? null}::integer, ${input.residentAccountId ?? null}::integer,
      ${input.reversesRequestId ?? null}::bigint, ${input.actorAccountId ?? null}::integer, ${legsJson}::jsonb,
      ${walletTokenId ?? null}::bigint, ${now.toISOString()}::timestamptz)`,
  );
  if (!row) throw new Error('ledger_post returned nothing');
  return {
    requestId: Number(row.request_id),
    createdAt: new Date(row.created_at),
    replayed: row.replayed,
    kind: row.kind,
    fingerprint: row.fingerprint,
  };
}

function checkReplay(posted: Posted, input: LedgerRequestInput) {
  replayOf({ kind: posted.kind, fingerprint: posted.fingerprint }, input);
}

/**
 * Executes a request once. `plan` runs inside the transaction, once the request's key is held:
 * it opens and locks the accounts it needs (`openAccount`, `lockBalances`), checks the rules and
 * returns the transfers. `after` writes what belongs with them (a purchase row). A request that
 * moves nothing is kept too (an expiry with nothing left), so a retry is answered.
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
      const posted = await postLedgerRequest(tx, input, legs, undefined, new Date());
      await after?.(tx, posted.requestId);
      return resultOfPosted(posted, input, legs);
    });
  } catch (error) {
    throw refusalOf(error);
  }
  if (written) return written;
  const first = await findRequest(db, input.municipalityCode, input.idempotencyKey);
  if (!first) throw new Error('an idempotent request vanished');
  return resultOf(db, replayOf(first, input), true);
}

function resultOfPosted(posted: Posted, input: LedgerRequestInput, legs: Leg[]): LedgerResult {
  return {
    requestId: posted.requestId,
    kind: posted.kind,
    amount: legs.reduce((sum, leg) => sum + leg.amount, 0),
    shopId: input.shopId ?? null,
    residentAccountId: input.residentAccountId ?? null,
    createdAt: posted.createdAt,
    transfers: legs,
    replayed: false,
  };
}

/** What a till request plans from balances read without a lock: its transfers, and the QR code it uses. */
export interface TillPlan {
  legs: Leg[];
  /** the resident's account, once known from the QR code */
  residentAccountId: number;
  walletTokenId?: number;
}

const tillAttempts = 10;

const ledgerBusy = () =>
  new UserError('ledger_busy', 503, {
    ja: '支払いが混み合っています。少し待ってからもう一度お試しください。',
    en: 'Payments are busy at the moment. Wait a little and try again.',
  });

/**
 * Executes a request made at a till (a payment, points for a purchase) in one statement, without
 * holding a transaction open across round trips (decision 035): `plan` reads the balances as
 * they are, the post writes all or nothing and refuses an overdraft; if a balance changed in
 * between, the request is planned again. A retry of a written request answers with the first
 * result, also when planning it again would now be refused (the QR code is used, the balance spent).
 */
export async function executeTillRequest(
  db: Db,
  input: LedgerRequestInput,
  plan: () => Promise<TillPlan>,
  now: Date,
): Promise<LedgerResult> {
  checkIdempotencyKey(input.idempotencyKey);
  for (let attempt = 1; ; attempt++) {
    let planned: TillPlan;
    try {
      planned = await plan();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const first = await findRequest(db, input.municipalityCode, input.idempotencyKey);
      if (first) return resultOf(db, replayOf(first, input), true);
      throw error;
    }
    const request = { ...input, residentAccountId: planned.residentAccountId };
    let posted: Posted;
    try {
      posted = await postLedgerRequest(db, request, planned.legs, planned.walletTokenId, now);
    } catch (error) {
      // the balances moved since they were read: another request was written, so planning again
      // makes progress; only a plan from fresh balances may refuse for want of them
      if (!isOverdraft(error)) throw refusalOf(error);
      if (attempt < tillAttempts) continue;
      throw ledgerBusy();
    }
    if (!posted.replayed) return resultOfPosted(posted, request, planned.legs);
    checkReplay(posted, input);
    const first = await readLedgerRequest(db, posted.requestId);
    if (!first) throw new Error('an idempotent request vanished');
    return { ...first, replayed: true };
  }
}
