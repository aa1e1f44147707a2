import { randomInt } from 'node:crypto';
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { endSessionsOf, loginLimit } from '../../platform/auth/accounts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { type Role, roles } from '../../platform/auth/roles';
import { notFound, UserError } from '../../platform/errors';
import { accounts, auditLog, loginAttempts } from '../../platform/schema';
import { bilingual, emailAddress, parseInput } from '../../platform/validation';

/** An organisation of the plan's 第5章 (city, 商工会, Bi@Sta, 商店会 …), as the plan file names it. */
export interface Organisation {
  code: string;
  name: string;
  nameEn?: string | undefined;
}

/** Roles whose people work for one of the plan's organisations; the others may name theirs freely. */
export const rolesWithPlanOrganisation: readonly Role[] = ['admin', 'staff', 'association'];

export type AccountRow = typeof accounts.$inferSelect;

/** An account as the administration pages and the API show it: never its password hash. */
export interface AccountSummary {
  id: number;
  municipalityCode: string;
  email: string;
  displayName: string;
  role: Role;
  organisation: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
}

export function summaryOf(row: AccountRow): AccountSummary {
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    email: row.email,
    displayName: row.displayName,
    role: row.role as Role,
    organisation: row.organisation,
    createdAt: row.createdAt,
    lastLoginAt: row.lastLoginAt,
    disabledAt: row.disabledAt,
  };
}

/** What the audit log keeps of an account: who it is and what it may do, no secrets. */
function auditStateOf(row: AccountRow) {
  return {
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    organisation: row.organisation,
    disabled: row.disabledAt !== null,
  };
}

export const accountLabels = {
  email: { ja: 'メールアドレス', en: 'E-mail address' },
  displayName: { ja: '表示名', en: 'Display name' },
  role: { ja: '役割', en: 'Role' },
  organisation: { ja: '所属', en: 'Organisation' },
  password: { ja: '初期パスワード', en: 'Initial password' },
  currentPassword: { ja: '現在のパスワード', en: 'Current password' },
  newPassword: { ja: '新しいパスワード', en: 'New password' },
  newPasswordAgain: { ja: '新しいパスワード（確認）', en: 'New password (again)' },
  disabled: { ja: '利用停止', en: 'Disabled' },
  q: { ja: '検索語', en: 'Search' },
  page: { ja: 'ページ', en: 'Page' },
};

/** Empty form fields mean "not given". */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const minPasswordLength = 10;

const passwordText = z
  .string(bilingual('パスワードを入力してください。', 'Enter a password.'))
  .min(
    minPasswordLength,
    bilingual(
      `${minPasswordLength}文字以上にしてください。長い文（例：好きな言葉を3つ以上つなげたもの）がおすすめです。`,
      `Use at least ${minPasswordLength} characters; a long phrase (three or more words) works well.`,
    ),
  )
  .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.'));

const displayNameText = z
  .string(bilingual('表示名を入力してください。', 'Enter a display name.'))
  .trim()
  .min(1, bilingual('表示名を入力してください。', 'Enter a display name.'))
  .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.'));

const roleChoice = z.enum(roles, bilingual('一覧から選んでください。', 'Choose one from the list.'));

const organisationText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z
    .string()
    .trim()
    .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.'))
    .nullable()
    .optional(),
);

export const NewAccountSchema = z.object({
  email: emailAddress(),
  displayName: displayNameText,
  role: roleChoice,
  organisation: organisationText.describe(
    'an organisation code of the plan (required for admin, staff and association), or free text for other roles',
  ),
  password: passwordText
    .optional()
    .describe('initial password, at least 10 characters; when absent one is generated and returned once'),
});
export type NewAccountInput = z.input<typeof NewAccountSchema>;

export const AccountChangeSchema = z.object({
  displayName: displayNameText.optional(),
  role: roleChoice.optional(),
  organisation: organisationText,
  disabled: z
    .boolean()
    .optional()
    .describe('true disables the account and ends its sessions; false enables it'),
});
export type AccountChangeInput = z.input<typeof AccountChangeSchema>;

const municipalityLockKey = 8242011;

/**
 * Serialises the changes that could leave a municipality without an active administrator: two
 * administrators disabling each other at the same moment must not both succeed.
 */
async function lockAccountsOf(tx: Queryable, municipalityCode: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${municipalityLockKey}, hashtext(${municipalityCode}))`);
}

const duplicateEmail = (email: string) =>
  new UserError(
    'email_taken',
    409,
    {
      ja: `メールアドレス ${email} のアカウントはすでにあります。一覧で検索して、そのアカウントを編集してください。`,
      en: `An account with the e-mail address ${email} already exists. Search the list and edit that account instead.`,
    },
    [
      {
        field: 'email',
        message: {
          ja: 'メールアドレス: すでに使われています。別のアドレスを入力してください。',
          en: 'E-mail address: already in use. Enter a different address.',
        },
      },
    ],
  );

const accountNotFound = () => notFound({ ja: 'アカウント', en: 'The account' });

/**
 * Roles that work for an organisation of the plan must name one of them, by its code; other roles
 * (and every role of a plan that lists no organisations) may write their own, e.g. a shop's name.
 */
function checkOrganisation(role: Role, organisation: string | null, organisations: Organisation[]): void {
  const codes = organisations.map((o) => o.code);
  if (organisations.length === 0 || !rolesWithPlanOrganisation.includes(role)) return;
  if (organisation === null || !codes.includes(organisation)) {
    throw new UserError(
      'organisation_required',
      422,
      {
        ja: 'この役割では、所属を計画書の関係機関の一覧から選んでください。',
        en: 'For this role, choose the organisation from the list of the plan’s organisations.',
      },
      [
        {
          field: 'organisation',
          message: {
            ja: `所属: ${organisations.map((o) => o.name).join('・')} のいずれかを選んでください。`,
            en: `Organisation: choose one of ${organisations.map((o) => o.nameEn ?? o.name).join(', ')}.`,
          },
        },
      ],
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Listing

export const accountsPerPage = 100;

export const AccountFilterSchema = z.object({
  role: z.preprocess(blankToUndefined, roleChoice.optional()),
  q: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.'))
      .optional(),
  ),
  status: z.preprocess(blankToUndefined, z.enum(['active', 'disabled']).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100000).default(1)),
});
export type AccountFilter = z.output<typeof AccountFilterSchema>;

const toHiragana = (s: string) =>
  s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/**
 * The forms of a search word that should find the same people: full-width and half-width letters
 * alike (NFKC), upper and lower case, hiragana and katakana (「たなか」 finds 「タナカ」).
 */
export function searchVariants(query: string): string[] {
  const base = query.normalize('NFKC').toLowerCase().trim();
  return [...new Set([base, toHiragana(base), toKatakana(base)])].filter(Boolean);
}

/**
 * The accounts of the administrator's municipality: by role, status and a word found in the name,
 * e-mail address or organisation (its code or its name in the plan). Names and addresses are
 * matched as substrings: a person searches for 「田中」 or 「@shokokai」, not for words.
 */
export async function listAccounts(
  q: Queryable,
  actor: Actor,
  input: unknown,
  organisations: Organisation[] = [],
): Promise<{ rows: AccountSummary[]; total: number; filter: AccountFilter }> {
  const filter = parseInput(AccountFilterSchema, input, accountLabels);
  const conditions: (SQL | undefined)[] = [
    eq(accounts.municipalityCode, actor.municipalityCode),
    filter.role ? eq(accounts.role, filter.role) : undefined,
    filter.status === 'active' ? isNull(accounts.disabledAt) : undefined,
    filter.status === 'disabled' ? sql`${accounts.disabledAt} is not null` : undefined,
  ];
  if (filter.q) {
    const variants = searchVariants(filter.q);
    const haystack = sql`lower(${accounts.displayName} || ' ' || ${accounts.email} || ' ' || coalesce(${accounts.organisation}, ''))`;
    const namedOrganisations = organisations
      .filter((o) =>
        variants.some((v) =>
          [o.name, o.nameEn ?? ''].some((n) => n.normalize('NFKC').toLowerCase().includes(v)),
        ),
      )
      .map((o) => o.code);
    conditions.push(
      or(
        ...variants.map((v) => sql`strpos(${haystack}, ${v}) > 0`),
        namedOrganisations.length > 0 ? inArray(accounts.organisation, namedOrganisations) : undefined,
      ),
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    q
      .select()
      .from(accounts)
      .where(where)
      .orderBy(asc(accounts.displayName), asc(accounts.id))
      .limit(accountsPerPage)
      .offset((filter.page - 1) * accountsPerPage),
    q.select({ n: count() }).from(accounts).where(where),
  ]);
  return { rows: rows.map(summaryOf), total: total?.n ?? 0, filter };
}

/** One account of the administrator's municipality; another municipality's is "not found". */
export async function findAccount(q: Queryable, actor: Actor, id: number): Promise<AccountSummary> {
  return summaryOf(await accountRow(q, actor, id));
}

async function accountRow(q: Queryable, actor: Actor, id: number, forUpdate = false): Promise<AccountRow> {
  if (!Number.isSafeInteger(id) || id <= 0) throw accountNotFound();
  const query = q
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, id), eq(accounts.municipalityCode, actor.municipalityCode)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw accountNotFound();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Creating

// no 0/O, 1/l/I: a generated password is read off a screen and typed in by someone else
const passwordAlphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 random characters in groups of four (about 92 bits), easy to read out and type. */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => passwordAlphabet[randomInt(passwordAlphabet.length)]).join(''),
  );
  return groups.join('-');
}

/**
 * Opens an account in the administrator's municipality. Without a password one is generated and
 * returned, to be shown once; only its hash is kept. An e-mail address can have one account only,
 * so the same form sent twice creates one account and then says that it exists.
 */
export async function registerAccount(
  db: Db,
  actor: Actor,
  input: unknown,
  organisations: Organisation[] = [],
): Promise<{ account: AccountSummary; generatedPassword: string | null }> {
  const data = parseInput(NewAccountSchema, input, accountLabels);
  const organisation = data.organisation ?? null;
  checkOrganisation(data.role, organisation, organisations);
  const generatedPassword = data.password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(data.password ?? (generatedPassword as string));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({
        municipalityCode: actor.municipalityCode,
        email: data.email,
        displayName: data.displayName,
        role: data.role,
        organisation,
        passwordHash,
      })
      .onConflictDoNothing({ target: accounts.email })
      .returning();
    if (!row) throw duplicateEmail(data.email);
    await recordAudit(tx, actor, {
      action: 'account.create',
      entityType: 'account',
      entityKey: String(row.id),
      after: {
        ...auditStateOf(row),
        initialPassword: generatedPassword ? 'generated' : 'chosen',
      },
    });
    return { account: summaryOf(row), generatedPassword };
  });
}

// ---------------------------------------------------------------------------------------------
// Changing, disabling and enabling

const lastAdmin = new UserError('last_admin', 409, {
  ja: '有効な管理者（市職員）がこのアカウントだけになるため、変更できません。先に別の管理者アカウントを作成するか有効にしてください。',
  en: 'This is the last active administrator (city staff). Create or enable another administrator account first.',
});

const ownRole = new UserError('own_role', 409, {
  ja: '自分自身の役割は変更できません。変更が必要な場合は、別の管理者に依頼してください。',
  en: 'You cannot change your own role. Ask another administrator to do it.',
});

const ownAccountDisabled = new UserError('own_account', 409, {
  ja: '自分自身のアカウントは利用停止にできません。必要な場合は、別の管理者に依頼してください。',
  en: 'You cannot disable your own account. Ask another administrator to do it.',
});

async function otherActiveAdmins(tx: Queryable, municipalityCode: string, exceptId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(accounts)
    .where(
      and(
        eq(accounts.municipalityCode, municipalityCode),
        eq(accounts.role, 'admin'),
        isNull(accounts.disabledAt),
        sql`${accounts.id} <> ${exceptId}`,
      ),
    );
  return row?.n ?? 0;
}

/**
 * Changes an account's display name, role, organisation or status (`disabled`). A change that
 * would leave the municipality without an active administrator is refused, and an administrator
 * cannot change their own role or disable themselves. Disabling ends the account's sessions at
 * once. Sending the same change again changes nothing and writes no audit entry.
 */
export async function changeAccount(
  db: Db,
  actor: Actor,
  id: number,
  input: unknown,
  organisations: Organisation[] = [],
): Promise<AccountSummary> {
  const data = parseInput(AccountChangeSchema, input, accountLabels);
  return db.transaction(async (tx) => {
    await lockAccountsOf(tx, actor.municipalityCode);
    const before = await accountRow(tx, actor, id, true);
    const role = data.role ?? (before.role as Role);
    const organisation = data.organisation === undefined ? before.organisation : data.organisation;
    const disabled = data.disabled ?? before.disabledAt !== null;
    const isSelf = before.id === actor.accountId;
    if (isSelf && role !== before.role) throw ownRole;
    if (isSelf && disabled) throw ownAccountDisabled;
    if (role !== before.role || organisation !== before.organisation) {
      checkOrganisation(role, organisation, organisations);
    }
    const staysActiveAdmin = role === 'admin' && !disabled;
    const wasActiveAdmin = before.role === 'admin' && before.disabledAt === null;
    if (
      wasActiveAdmin &&
      !staysActiveAdmin &&
      (await otherActiveAdmins(tx, actor.municipalityCode, id)) === 0
    ) {
      throw lastAdmin;
    }
    const changes = {
      displayName: data.displayName ?? before.displayName,
      role,
      organisation,
      disabledAt: disabled ? (before.disabledAt ?? new Date()) : null,
    };
    const unchanged =
      changes.displayName === before.displayName &&
      changes.role === before.role &&
      changes.organisation === before.organisation &&
      (changes.disabledAt === null) === (before.disabledAt === null);
    if (unchanged) return summaryOf(before);
    const [after] = await tx.update(accounts).set(changes).where(eq(accounts.id, id)).returning();
    if (!after) throw accountNotFound();
    const sessionsEnded = disabled ? await endSessionsOf(tx, id) : 0;
    const statusChanged = (before.disabledAt === null) !== (after.disabledAt === null);
    await recordAudit(tx, actor, {
      action: statusChanged ? (disabled ? 'account.disable' : 'account.enable') : 'account.update',
      entityType: 'account',
      entityKey: String(id),
      before: auditStateOf(before),
      after: disabled ? { ...auditStateOf(after), sessionsEnded } : auditStateOf(after),
    });
    return summaryOf(after);
  });
}

export const disableAccount = (db: Db, actor: Actor, id: number) =>
  changeAccount(db, actor, id, { disabled: true });

export const enableAccount = (db: Db, actor: Actor, id: number) =>
  changeAccount(db, actor, id, { disabled: false });

const ownPasswordReset = new UserError('own_account', 409, {
  ja: '自分自身のパスワードは「パスワード変更」で変更してください。',
  en: 'Change your own password under "Change password".',
});

/**
 * Issues a new, generated password for someone who forgot theirs: the old one stops working and
 * every session of the account ends. The password is returned to be shown once.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  id: number,
): Promise<{ account: AccountSummary; generatedPassword: string }> {
  if (id === actor.accountId) throw ownPasswordReset;
  const generatedPassword = generatePassword();
  const passwordHash = await hashPassword(generatedPassword);
  return db.transaction(async (tx) => {
    const before = await accountRow(tx, actor, id, true);
    await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, id));
    const sessionsEnded = await endSessionsOf(tx, id);
    await recordAudit(tx, actor, {
      action: 'account.password_reset',
      entityType: 'account',
      entityKey: String(id),
      after: { passwordReset: true, sessionsEnded },
    });
    return { account: summaryOf(before), generatedPassword };
  });
}

// ---------------------------------------------------------------------------------------------
// Changing one's own password

export const PasswordChangeSchema = z
  .object({
    currentPassword: z
      .string(bilingual('現在のパスワードを入力してください。', 'Enter your current password.'))
      .min(1, bilingual('現在のパスワードを入力してください。', 'Enter your current password.'))
      .max(200),
    newPassword: passwordText,
    newPasswordAgain: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.newPasswordAgain, {
    path: ['newPasswordAgain'],
    message: bilingual(
      '新しいパスワードと一致しません。同じパスワードを2回入力してください。',
      'Does not match the new password. Enter the same password twice.',
    ),
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: bilingual(
      '現在のパスワードと違うものにしてください。',
      'Choose a password different from the current one.',
    ),
  });

const wrongCurrentPassword = new UserError(
  'wrong_current_password',
  422,
  {
    ja: '現在のパスワードが違います。もう一度入力してください。忘れた場合は市の担当者にお問い合わせください。',
    en: 'The current password is wrong. Enter it again; if you have forgotten it, ask the city office.',
  },
  [
    {
      field: 'currentPassword',
      message: { ja: '現在のパスワード: 違います。', en: 'Current password: wrong.' },
    },
  ],
);

const tooManyPasswordAttempts = new UserError('too_many_attempts', 429, {
  ja: `パスワードの誤りが続いたため、${loginLimit.windowMinutes}分間変更できません。時間をおいてもう一度お試しください。`,
  en: `Too many wrong passwords. Wait ${loginLimit.windowMinutes} minutes and try again.`,
});

/**
 * A person changes their own password: the current one proves it is them (wrong guesses count
 * towards the login limit, so a session left open cannot be used to try passwords), and every
 * other session of theirs ends, so a browser they forgot somewhere is logged out.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  currentSessionToken: string | undefined,
  input: unknown,
): Promise<{ sessionsEnded: number }> {
  const data = parseInput(PasswordChangeSchema, input, accountLabels);
  if (actor.accountId === null) throw accountNotFound();
  const me = await accountRow(db, actor, actor.accountId);
  const since = sql`now() - make_interval(mins => ${loginLimit.windowMinutes})`;
  const [failures] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, me.email),
        eq(loginAttempts.succeeded, 0),
        gt(loginAttempts.attemptedAt, since),
      ),
    );
  if ((failures?.n ?? 0) >= loginLimit.failures) throw tooManyPasswordAttempts;
  if (!(await verifyPassword(data.currentPassword, me.passwordHash))) {
    await db
      .insert(loginAttempts)
      .values({ email: me.email, clientAddress: 'password-change', succeeded: 0 });
    throw wrongCurrentPassword;
  }
  const passwordHash = await hashPassword(data.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, me.id));
    const sessionsEnded = await endSessionsOf(tx, me.id, currentSessionToken);
    await recordAudit(tx, actor, {
      action: 'account.password_change',
      entityType: 'account',
      entityKey: String(me.id),
      after: { passwordChanged: true, otherSessionsEnded: sessionsEnded },
    });
    return { sessionsEnded };
  });
}

// ---------------------------------------------------------------------------------------------
// The audit log

export const auditEntriesPerPage = 50;

const isoDate = z.preprocess(
  blankToUndefined,
  z.iso
    .date(bilingual('日付を 2026-04-01 の形で入力してください。', 'Enter a date like 2026-04-01.'))
    .optional(),
);

const cursor = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

export const AuditFilterSchema = z
  .object({
    entityType: z.preprocess(blankToUndefined, z.string().max(100).optional()),
    entityKey: z.preprocess(blankToUndefined, z.string().max(200).optional()),
    actor: z.preprocess(
      blankToUndefined,
      z.coerce
        .number(bilingual('一覧から選んでください。', 'Choose one from the list.'))
        .int()
        .positive()
        .optional(),
    ),
    from: isoDate,
    to: isoDate,
    /** entries older than this entry (the next page) */
    before: cursor,
    /** entries newer than this entry (the previous page) */
    after: cursor,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: bilingual(
      '開始日より後の日付にしてください（開始日と同じ日も選べます）。',
      'Choose a date on or after the start date.',
    ),
  });
export type AuditFilter = z.output<typeof AuditFilterSchema>;

export const auditFilterLabels = {
  entityType: { ja: '対象の種類', en: 'Kind of record' },
  entityKey: { ja: '対象', en: 'Record' },
  actor: { ja: '変更者', en: 'Changed by' },
  from: { ja: '開始日', en: 'From' },
  to: { ja: '終了日', en: 'To' },
  before: { ja: 'ページ', en: 'Page' },
  after: { ja: 'ページ', en: 'Page' },
};

export function parseAuditFilter(input: unknown): AuditFilter {
  return parseInput(AuditFilterSchema, input, auditFilterLabels);
}

const dayMs = 86_400_000;
/** The first instant of a calendar day in Japan. */
const startOfDayInJapan = (isoDay: string) => new Date(`${isoDay}T00:00:00+09:00`);

function auditConditions(actor: Actor, filter: AuditFilter): SQL | undefined {
  return and(
    eq(auditLog.municipalityCode, actor.municipalityCode),
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityKey ? eq(auditLog.entityKey, filter.entityKey) : undefined,
    filter.actor ? eq(auditLog.actorAccountId, filter.actor) : undefined,
    filter.from ? gte(auditLog.at, startOfDayInJapan(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, new Date(startOfDayInJapan(filter.to).getTime() + dayMs)) : undefined,
  );
}

export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * One page of the municipality's audit log, newest first. Pages are keyed by the entry at their
 * edge (keyset), not by an offset, so that the pages stay fast and stable while entries are added.
 */
export async function readAuditLog(
  q: Queryable,
  actor: Actor,
  filter: AuditFilter,
  limit = auditEntriesPerPage,
) {
  const where = auditConditions(actor, filter);
  const edge = (id: number) => sql`(select e.at, e.id from ${auditLog} e where e.id = ${id})`;
  let entries: AuditEntry[];
  let hasNewer: boolean;
  let hasOlder: boolean;
  if (filter.after !== undefined) {
    const rows = await q
      .select()
      .from(auditLog)
      .where(and(where, sql`(${auditLog.at}, ${auditLog.id}) > ${edge(filter.after)}`))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .limit(limit + 1);
    hasNewer = rows.length > limit;
    entries = rows.slice(0, limit).reverse();
    hasOlder = true;
  } else {
    const rows = await q
      .select()
      .from(auditLog)
      .where(
        and(
          where,
          filter.before !== undefined
            ? sql`(${auditLog.at}, ${auditLog.id}) < ${edge(filter.before)}`
            : undefined,
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit + 1);
    hasOlder = rows.length > limit;
    entries = rows.slice(0, limit);
    hasNewer = filter.before !== undefined;
  }
  const [total] = await q.select({ n: count() }).from(auditLog).where(where);
  return { entries, total: total?.n ?? 0, hasNewer, hasOlder };
}

/**
 * Every entry of the filtered log, newest first, read a batch at a time so that a long log is
 * never held in memory at once.
 */
export async function* auditLogBatches(q: Queryable, actor: Actor, filter: AuditFilter, batchSize = 1000) {
  let before: number | undefined;
  for (;;) {
    const { entries, hasOlder } = await readAuditLogBatch(q, actor, filter, before, batchSize);
    if (entries.length > 0) yield entries;
    if (!hasOlder || entries.length === 0) return;
    before = entries.at(-1)?.id;
  }
}

async function readAuditLogBatch(
  q: Queryable,
  actor: Actor,
  filter: AuditFilter,
  before: number | undefined,
  limit: number,
) {
  const rows = await q
    .select()
    .from(auditLog)
    .where(
      and(
        auditConditions(actor, filter),
        before !== undefined
          ? sql`(${auditLog.at}, ${auditLog.id}) < (select e.at, e.id from ${auditLog} e where e.id = ${before})`
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  return { entries: rows.slice(0, limit), hasOlder: rows.length > limit };
}

/** The choices of the audit log's filters: the kinds of record and the people found in it. */
export async function auditFilterChoices(q: Queryable, actor: Actor) {
  const [entityTypes, actors] = await Promise.all([
    q
      .selectDistinct({ entityType: auditLog.entityType })
      .from(auditLog)
      .where(eq(auditLog.municipalityCode, actor.municipalityCode))
      .orderBy(asc(auditLog.entityType)),
    q
      .select({ id: accounts.id, displayName: accounts.displayName, email: accounts.email })
      .from(accounts)
      .where(
        and(
          eq(accounts.municipalityCode, actor.municipalityCode),
          exists(
            q
              .select({ one: sql`1` })
              .from(auditLog)
              .where(
                and(
                  eq(auditLog.municipalityCode, actor.municipalityCode),
                  eq(auditLog.actorAccountId, accounts.id),
                ),
              ),
          ),
        ),
      )
      .orderBy(asc(accounts.displayName)),
  ]);
  return { entityTypes: entityTypes.map((e) => e.entityType), actors };
}
