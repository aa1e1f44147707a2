import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { UserError } from '../errors';
import { accounts, loginAttempts, sessions } from '../schema';
import { hashPassword, verifyPassword } from './passwords';
import { type Role, roles } from './roles';

export interface Account {
  id: number;
  municipalityCode: string;
  email: string;
  displayName: string;
  role: Role;
  organisation: string | null;
}

export const NewAccountSchema = z.object({
  municipalityCode: z.string().regex(/^\d{6}$/),
  email: z.string().trim().toLowerCase().email(),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(roles),
  organisation: z.string().nullable().default(null),
  password: z.string().min(10, 'at least 10 characters').max(200),
});

export async function createAccount(q: Queryable, input: z.input<typeof NewAccountSchema>): Promise<Account> {
  const data = NewAccountSchema.parse(input);
  const [row] = await q
    .insert(accounts)
    .values({ ...data, passwordHash: await hashPassword(data.password) })
    .returning();
  if (!row) throw new Error('account insert returned nothing');
  return toAccount(row);
}

function toAccount(row: typeof accounts.$inferSelect): Account {
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    email: row.email,
    displayName: row.displayName,
    role: row.role as Role,
    organisation: row.organisation,
  };
}

/** Failed logins allowed per e-mail address (and per client address ×4) within the window. */
export const loginLimit = { failures: 5, windowMinutes: 15 };

/** Compared against when no account has the address; made once, on the first such login. */
let unknownAccountHash: Promise<string> | undefined;
function hashForUnknownAccount(): Promise<string> {
  unknownAccountHash ??= hashPassword(randomBytes(16).toString('hex'));
  return unknownAccountHash;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const tooManyAttempts = new UserError('too_many_attempts', 429, {
  ja: `ログインの失敗が続いたため、${loginLimit.windowMinutes}分間ログインできません。時間をおいてもう一度お試しください。`,
  en: `Too many failed logins. Wait ${loginLimit.windowMinutes} minutes and try again.`,
});

const wrongCredentials = new UserError('invalid_credentials', 401, {
  ja: 'メールアドレスまたはパスワードが違います。',
  en: 'The e-mail address or password is wrong.',
});

const accountDisabled = new UserError('account_disabled', 403, {
  ja: 'このアカウントは利用停止中です。利用を再開するには、市の担当者（商工観光課）にお問い合わせください。',
  en: 'This account has been disabled. Ask the city office (commerce and tourism section) to enable it again.',
});

/**
 * Checks the password, limits repeated failures, and opens a session. Returns the session token
 * that goes into the cookie (only its hash is stored).
 */
export async function logIn(
  db: Db,
  input: { email: string; password: string; clientAddress: string; sessionHours: number },
): Promise<{ token: string; account: Account }> {
  const email = input.email.trim().toLowerCase();
  const since = sql`now() - make_interval(mins => ${loginLimit.windowMinutes})`;
  const [byEmail] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.succeeded, 0),
        gt(loginAttempts.attemptedAt, since),
      ),
    );
  const [byAddress] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.clientAddress, input.clientAddress),
        eq(loginAttempts.succeeded, 0),
        gt(loginAttempts.attemptedAt, since),
      ),
    );
  if ((byEmail?.n ?? 0) >= loginLimit.failures || (byAddress?.n ?? 0) >= loginLimit.failures * 4) {
    throw tooManyAttempts;
  }
  const [row] = await db.select().from(accounts).where(eq(accounts.email, email));
  // an unknown address costs the same hashing as a known one, so timing does not tell which exist
  const ok =
    (await verifyPassword(input.password, row?.passwordHash ?? (await hashForUnknownAccount()))) &&
    Boolean(row);
  // a disabled account is only named as such to someone who knows its password
  const disabled = Boolean(row?.disabledAt);
  await db
    .insert(loginAttempts)
    .values({ email, clientAddress: input.clientAddress, succeeded: ok && !disabled ? 1 : 0 });
  if (!row || !ok) throw wrongCredentials;
  if (disabled) throw accountDisabled;
  await db.update(accounts).set({ lastLoginAt: sql`now()` }).where(eq(accounts.id, row.id));

  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    accountId: row.id,
    expiresAt: new Date(Date.now() + input.sessionHours * 3600_000),
  });
  return { token, account: toAccount(row) };
}

export async function accountOfSession(db: Db, token: string): Promise<Account | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(sessions.accountId, accounts.id))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        gt(sessions.expiresAt, sql`now()`),
        isNull(accounts.disabledAt),
      ),
    );
  return row ? toAccount(row.account) : undefined;
}

/** Ends every session of an account (all but the one of `exceptToken`, if given); returns how many. */
export async function endSessionsOf(q: Queryable, accountId: number, exceptToken?: string): Promise<number> {
  const ended = await q
    .delete(sessions)
    .where(
      and(
        eq(sessions.accountId, accountId),
        exceptToken === undefined ? undefined : ne(sessions.tokenHash, hashToken(exceptToken)),
      ),
    )
    .returning({ tokenHash: sessions.tokenHash });
  return ended.length;
}

export async function logOut(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
