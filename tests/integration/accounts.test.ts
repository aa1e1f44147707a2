import { asc, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeAccount,
  changeOwnPassword,
  disableAccount,
  enableAccount,
  listAccounts,
  parseAuditFilter,
  readAuditLog,
  registerAccount,
  resetPassword,
} from '../../src/modules/accounts/service';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import type { UserError } from '../../src/platform/errors';
import { accounts, auditLog, sessions } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

/** Everything an account change can touch, to check that a refused one changed nothing. */
async function accountData(t: TestInstance) {
  const db = t.database.db;
  const [rows, [audit], [openSessions]] = await Promise.all([
    db.select().from(accounts).orderBy(asc(accounts.id)),
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(sessions),
  ]);
  return {
    accounts: rows.map(({ lastLoginAt: _, ...row }) => row),
    auditEntries: audit?.n ?? 0,
    sessions: openSessions?.n ?? 0,
  };
}

async function logIn(t: TestInstance, email: string, password: string) {
  const client = new TestClient(t.app);
  const response = await client.postForm('/login', { email, password });
  return { client, response };
}

async function lastAudit(t: TestInstance) {
  const [entry] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return entry;
}

const organisations = [
  { code: 'city', name: 'あきる野市' },
  { code: 'shokokai', name: 'あきる野商工会', nameEn: 'Akiruno Chamber of Commerce and Industry' },
  { code: 'bista', name: 'Bi@Sta' },
  { code: 'shotenkai', name: '商店会' },
];

describe.each(testDatabaseKinds())('account administration (%s)', (kind) => {
  let t: TestInstance;
  let admin: Actor;
  let n = 0;
  const uniqueEmail = (name: string) => `${name}-${++n}@example.jp`;

  beforeAll(async () => {
    t = await startInstance(kind);
    admin = await actorOf(t, 'admin');
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('creating an account', () => {
    it('opens an account with the password city staff chose, and the person can log in with it', async () => {
      const email = uniqueEmail('wagashi');
      const { account, generatedPassword } = await registerAccount(
        t.database.db,
        admin,
        {
          email: email.toUpperCase(),
          displayName: '和菓子店 店主',
          role: 'business',
          organisation: '架空の和菓子店',
          password: 'kusa-mochi-2026',
        },
        organisations,
      );
      expect(generatedPassword).toBeNull();
      expect(account).toMatchObject({
        email,
        role: 'business',
        organisation: '架空の和菓子店',
        municipalityCode: admin.municipalityCode,
        disabledAt: null,
      });
      const { response } = await logIn(t, email, 'kusa-mochi-2026');
      expect(response.status).toBe(303);
    });

    it('generates a password when none is given, returns it once and keeps only its hash', async () => {
      const email = uniqueEmail('resident');
      const { account, generatedPassword } = await registerAccount(t.database.db, admin, {
        email,
        displayName: '地域生活者 新規',
        role: 'resident',
      });
      expect(generatedPassword).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
      const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
      expect(row?.passwordHash).toMatch(/^scrypt\$/);
      expect(row?.passwordHash).not.toContain(generatedPassword as string);
      const { response } = await logIn(t, email, generatedPassword as string);
      expect(response.status).toBe(303);
    });

    it('writes the creation to the audit log, without any password', async () => {
      const email = uniqueEmail('student');
      const { account } = await registerAccount(t.database.db, admin, {
        email,
        displayName: '学生 新規',
        role: 'student',
        password: 'meisei-univ-2026',
      });
      const entry = await lastAudit(t);
      expect(entry).toMatchObject({
        action: 'account.create',
        entityType: 'account',
        entityKey: String(account.id),
        actorAccountId: admin.accountId,
        actorName: admin.name,
        before: null,
        after: {
          email,
          displayName: '学生 新規',
          role: 'student',
          organisation: null,
          disabled: false,
          initialPassword: 'chosen',
        },
      });
      expect(JSON.stringify(entry)).not.toContain('meisei-univ-2026');
      expect(JSON.stringify(entry)).not.toContain('scrypt');
    });

    it('refuses a second account with the same e-mail address, in any case, and changes nothing', async () => {
      const email = uniqueEmail('twice');
      const input = { email, displayName: '二重送信', role: 'resident', password: 'twice-sent-2026' };
      await registerAccount(t.database.db, admin, input);
      const before = await accountData(t);
      const error = await refusal(
        registerAccount(t.database.db, admin, { ...input, email: ` ${email.toUpperCase()} ` }),
      );
      expect(error.code).toBe('email_taken');
      expect(error.status).toBe(409);
      expect(error.userMessage.ja).toContain('すでにあります');
      expect(error.userMessage.ja).toContain('編集してください');
      expect(await accountData(t)).toEqual(before);
    });

    it('creates one account when the same form is sent twice at once', async () => {
      const email = uniqueEmail('double-click');
      const input = { email, displayName: 'ダブルクリック', role: 'resident', password: 'double-click-2026' };
      const results = await Promise.allSettled([
        registerAccount(t.database.db, admin, input),
        registerAccount(t.database.db, admin, input),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [rejected] = results.filter((r) => r.status === 'rejected');
      expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'email_taken' });
      const rows = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
      expect(rows).toHaveLength(1);
    });

    it('lists every problem of a wrong form in both languages and changes nothing', async () => {
      const before = await accountData(t);
      const error = await refusal(
        registerAccount(t.database.db, admin, {
          email: 'not-an-address',
          displayName: ' ',
          role: 'mayor',
          password: 'short',
        }),
      );
      expect(error.status).toBe(422);
      expect(error.userMessage.ja).toBe('入力内容に誤りがあります。下の項目を直してください。');
      const messages = error.details.map((d) => d.message);
      expect(messages).toEqual(
        expect.arrayContaining([
          {
            ja: 'メールアドレス: メールアドレスの形で入力してください（例：yamada@example.jp）。',
            en: 'E-mail address: Enter an e-mail address, e.g. yamada@example.jp.',
          },
          { ja: '表示名: 表示名を入力してください。', en: 'Display name: Enter a display name.' },
          { ja: '役割: 一覧から選んでください。', en: 'Role: Choose one from the list.' },
          expect.objectContaining({
            ja: expect.stringMatching(/^初期パスワード: 10文字以上にしてください。/),
          }),
        ]),
      );
      expect(await accountData(t)).toEqual(before);
    });

    it('asks support staff for one of the plan’s organisations, and lets a business write its own', async () => {
      const before = await accountData(t);
      const error = await refusal(
        registerAccount(
          t.database.db,
          admin,
          {
            email: uniqueEmail('staff'),
            displayName: '支援員',
            role: 'staff',
            organisation: '商工会',
            password: 'support-staff-2026',
          },
          organisations,
        ),
      );
      expect(error.code).toBe('organisation_required');
      expect(error.details[0]?.message.ja).toBe(
        '所属: あきる野市・あきる野商工会・Bi@Sta・商店会 のいずれかを選んでください。',
      );
      expect(await accountData(t)).toEqual(before);
      const { account } = await registerAccount(
        t.database.db,
        admin,
        {
          email: uniqueEmail('staff'),
          displayName: '支援員',
          role: 'staff',
          organisation: 'bista',
          password: 'support-staff-2026',
        },
        organisations,
      );
      expect(account.organisation).toBe('bista');
    });
  });

  describe('changing an account', () => {
    it('changes the display name, role and organisation and records before and after', async () => {
      const { account } = await registerAccount(t.database.db, admin, {
        email: uniqueEmail('change'),
        displayName: '変更前',
        role: 'business',
        organisation: '架空の商店',
        password: 'change-me-2026',
      });
      const changed = await changeAccount(
        t.database.db,
        admin,
        account.id,
        { displayName: '変更後', role: 'association', organisation: 'shotenkai' },
        organisations,
      );
      expect(changed).toMatchObject({
        displayName: '変更後',
        role: 'association',
        organisation: 'shotenkai',
      });
      const entry = await lastAudit(t);
      expect(entry).toMatchObject({
        action: 'account.update',
        entityKey: String(account.id),
        before: { displayName: '変更前', role: 'business', organisation: '架空の商店' },
        after: { displayName: '変更後', role: 'association', organisation: 'shotenkai' },
      });
    });

    it('writes nothing when the same change is sent again', async () => {
      const { account } = await registerAccount(t.database.db, admin, {
        email: uniqueEmail('again'),
        displayName: '同じ変更',
        role: 'resident',
        password: 'same-change-2026',
      });
      await changeAccount(t.database.db, admin, account.id, { displayName: '同じ変更（二回）' });
      const before = await accountData(t);
      await changeAccount(t.database.db, admin, account.id, { displayName: '同じ変更（二回）' });
      await enableAccount(t.database.db, admin, account.id);
      expect(await accountData(t)).toEqual(before);
    });

    it('does not let an administrator change their own role or disable themselves', async () => {
      const before = await accountData(t);
      const role = await refusal(
        changeAccount(t.database.db, admin, admin.accountId as number, { role: 'staff' }),
      );
      expect(role.code).toBe('own_role');
      expect(role.userMessage.ja).toContain('別の管理者に依頼してください');
      const disable = await refusal(disableAccount(t.database.db, admin, admin.accountId as number));
      expect(disable.code).toBe('own_account');
      expect(disable.userMessage.ja).toContain('別の管理者に依頼してください');
      expect(await accountData(t)).toEqual(before);
    });

    it('keeps at least one active administrator: of two who disable each other at once, one is refused', async () => {
      // a municipality of its own, so that the demo administrator does not count
      const code = '999992';
      const [a, b] = await Promise.all(
        ['a', 'b'].map((x) =>
          createAccount(t.database.db, {
            municipalityCode: code,
            email: uniqueEmail(`admin-${x}`),
            displayName: `管理者${x.toUpperCase()}`,
            role: 'admin',
            password: 'two-admins-2026',
          }),
        ),
      );
      if (!a || !b) throw new Error('no admins');
      const actor = (x: { id: number; displayName: string }): Actor => ({
        accountId: x.id,
        name: x.displayName,
        municipalityCode: code,
      });
      const results = await Promise.allSettled([
        disableAccount(t.database.db, actor(a), b.id),
        disableAccount(t.database.db, actor(b), a.id),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [rejected] = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      const reason = rejected?.reason as UserError;
      expect(reason).toMatchObject({ code: 'last_admin', status: 409 });
      expect(reason.userMessage.ja).toContain('別の管理者アカウントを作成するか有効にしてください');
      const active = await t.database.db.select().from(accounts).where(eq(accounts.municipalityCode, code));
      expect(active.filter((r) => r.disabledAt === null)).toHaveLength(1);
      // nor can the one left be turned into another role by the one who was disabled
      const survivor = active.find((r) => r.disabledAt === null);
      const loser = active.find((r) => r.disabledAt !== null);
      if (!survivor || !loser) throw new Error('expected one of each');
      const demote = await refusal(
        changeAccount(t.database.db, actor(loser), survivor.id, { role: 'staff' }),
      );
      expect(demote.code).toBe('last_admin');
    });

    it('does not find an account of another municipality', async () => {
      const other = await createAccount(t.database.db, {
        municipalityCode: '999993',
        email: uniqueEmail('elsewhere'),
        displayName: '他の町',
        role: 'resident',
        password: 'other-town-2026',
      });
      const before = await accountData(t);
      expect((await refusal(disableAccount(t.database.db, admin, other.id))).status).toBe(404);
      expect((await refusal(resetPassword(t.database.db, admin, other.id))).status).toBe(404);
      expect(await accountData(t)).toEqual(before);
      const { rows } = await listAccounts(t.database.db, admin, { q: '他の町' });
      expect(rows).toEqual([]);
    });
  });

  describe('disabling an account', () => {
    it('ends its sessions at once, refuses its logins with a message saying whom to ask, and can be undone', async () => {
      const email = uniqueEmail('disabled');
      const { account } = await registerAccount(t.database.db, admin, {
        email,
        displayName: '停止される人',
        role: 'business',
        password: 'to-be-disabled-2026',
      });
      const { client } = await logIn(t, email, 'to-be-disabled-2026');
      expect((await client.get('/account/password')).status).toBe(200);

      await disableAccount(t.database.db, admin, account.id);
      expect((await client.get('/account/password')).status).toBe(401);
      const remaining = await t.database.db.select().from(sessions).where(eq(sessions.accountId, account.id));
      expect(remaining).toEqual([]);
      const entry = await lastAudit(t);
      expect(entry).toMatchObject({
        action: 'account.disable',
        before: { disabled: false },
        after: { disabled: true, sessionsEnded: 1 },
      });

      const refused = await logIn(t, email, 'to-be-disabled-2026');
      expect(refused.response.status).toBe(403);
      expect(await refused.response.text()).toContain('利用停止中です。利用を再開するには、市の担当者');
      // someone without the password is not told that the account exists
      const guess = await logIn(t, email, 'not-the-password');
      expect(guess.response.status).toBe(401);

      await enableAccount(t.database.db, admin, account.id);
      expect((await lastAudit(t))?.action).toBe('account.enable');
      expect((await logIn(t, email, 'to-be-disabled-2026')).response.status).toBe(303);
    });

    it('records the time of the last login', async () => {
      const { rows } = await listAccounts(t.database.db, admin, { q: 'admin@demo' });
      expect(rows[0]?.lastLoginAt).toBeNull();
      await new TestClient(t.app).logInAs('admin');
      const after = await listAccounts(t.database.db, admin, { q: 'admin@demo' });
      expect(after.rows[0]?.lastLoginAt).toBeInstanceOf(Date);
    });
  });

  describe('changing one’s own password', () => {
    it('ends every other session of the person, keeps this one, and records the change', async () => {
      const email = uniqueEmail('changer');
      await registerAccount(t.database.db, admin, {
        email,
        displayName: 'パスワードを変える人',
        role: 'resident',
        password: 'first-password-2026',
      });
      const here = (await logIn(t, email, 'first-password-2026')).client;
      const phone = (await logIn(t, email, 'first-password-2026')).client;
      const response = await here.postForm('/account/password', {
        currentPassword: 'first-password-2026',
        newPassword: 'second-password-2026',
        newPasswordAgain: 'second-password-2026',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/account/password?changed=1');
      expect(await (await here.get('/account/password?changed=1')).text()).toContain(
        'パスワードを変更しました。他の端末のログイン1件を終了しました。',
      );
      expect((await phone.get('/account/password')).status).toBe(401);
      expect((await logIn(t, email, 'first-password-2026')).response.status).toBe(401);
      expect((await logIn(t, email, 'second-password-2026')).response.status).toBe(303);
      const entry = await lastAudit(t);
      expect(entry).toMatchObject({
        action: 'account.password_change',
        actorName: 'パスワードを変える人',
        after: { passwordChanged: true, otherSessionsEnded: 1 },
      });
      expect(JSON.stringify(entry)).not.toContain('second-password-2026');
    });

    it('refuses a wrong current password or two different new ones, and changes nothing', async () => {
      const email = uniqueEmail('careful');
      const { account } = await registerAccount(t.database.db, admin, {
        email,
        displayName: '慎重な人',
        role: 'resident',
        password: 'careful-password-2026',
      });
      const actor: Actor = {
        accountId: account.id,
        name: account.displayName,
        municipalityCode: account.municipalityCode,
      };
      const before = await accountData(t);
      const wrong = await refusal(
        changeOwnPassword(t.database.db, actor, undefined, {
          currentPassword: 'not-my-password',
          newPassword: 'new-password-2026',
          newPasswordAgain: 'new-password-2026',
        }),
      );
      expect(wrong.code).toBe('wrong_current_password');
      expect(wrong.userMessage.ja).toContain('もう一度入力してください');
      const mismatch = await refusal(
        changeOwnPassword(t.database.db, actor, undefined, {
          currentPassword: 'careful-password-2026',
          newPassword: 'new-password-2026',
          newPasswordAgain: 'new-password-2062',
        }),
      );
      expect(mismatch.details.map((d) => d.message)).toEqual([
        {
          ja: '新しいパスワード（確認）: 新しいパスワードと一致しません。同じパスワードを2回入力してください。',
          en: 'New password (again): Does not match the new password. Enter the same password twice.',
        },
      ]);
      const short = await refusal(
        changeOwnPassword(t.database.db, actor, undefined, {
          currentPassword: 'careful-password-2026',
          newPassword: 'short',
          newPasswordAgain: 'short',
        }),
      );
      expect(short.details[0]?.message.ja).toMatch(/^新しいパスワード: 10文字以上にしてください。/);
      expect(await accountData(t)).toEqual(before);
      expect((await logIn(t, email, 'careful-password-2026')).response.status).toBe(303);
    });

    it('stops after five wrong current passwords, as the login does', async () => {
      const email = uniqueEmail('guesser');
      const { account } = await registerAccount(t.database.db, admin, {
        email,
        displayName: '推測される人',
        role: 'resident',
        password: 'guessed-password-2026',
      });
      const actor: Actor = {
        accountId: account.id,
        name: account.displayName,
        municipalityCode: account.municipalityCode,
      };
      const attempt = (currentPassword: string) =>
        changeOwnPassword(t.database.db, actor, undefined, {
          currentPassword,
          newPassword: 'taken-over-2026',
          newPasswordAgain: 'taken-over-2026',
        });
      for (let i = 0; i < 5; i++)
        expect((await refusal(attempt(`guess-${i}-password`))).code).toBe('wrong_current_password');
      expect((await refusal(attempt('guessed-password-2026'))).code).toBe('too_many_attempts');
    });
  });

  describe('issuing a new password', () => {
    it('replaces the password, ends the sessions and never lets city staff reset their own', async () => {
      const email = uniqueEmail('forgetful');
      const { account } = await registerAccount(t.database.db, admin, {
        email,
        displayName: '忘れた人',
        role: 'resident',
        password: 'forgotten-password-2026',
      });
      const { client } = await logIn(t, email, 'forgotten-password-2026');
      const { generatedPassword } = await resetPassword(t.database.db, admin, account.id);
      expect((await client.get('/account/password')).status).toBe(401);
      expect((await logIn(t, email, 'forgotten-password-2026')).response.status).toBe(401);
      expect((await logIn(t, email, generatedPassword)).response.status).toBe(303);
      expect(await lastAudit(t)).toMatchObject({
        action: 'account.password_reset',
        after: { passwordReset: true, sessionsEnded: 1 },
      });
      expect((await refusal(resetPassword(t.database.db, admin, admin.accountId as number))).code).toBe(
        'own_account',
      );
    });
  });

  describe('the list of accounts', () => {
    it('filters by role and status and finds people by part of a name, address or organisation', async () => {
      await registerAccount(t.database.db, admin, {
        email: uniqueEmail('katakana'),
        displayName: 'タナカ ハナコ',
        role: 'resident',
        password: 'katakana-name-2026',
      });
      const db = t.database.db;
      const names = async (filter: object) =>
        (await listAccounts(db, admin, filter, organisations)).rows.map((r) => r.displayName);
      expect(await names({ role: 'staff', q: '' })).toEqual(
        expect.arrayContaining(['商工会 佐藤（架空）', 'Bi@Sta 鈴木（架空）']),
      );
      expect((await listAccounts(db, admin, { role: 'staff' })).rows.every((r) => r.role === 'staff')).toBe(
        true,
      );
      expect(await names({ q: 'たなか' })).toContain('タナカ ハナコ');
      expect(await names({ q: 'ＳＨＯＴＥＮＫＡＩ@' })).toEqual(['商店会 高橋（架空）']);
      expect(await names({ q: '商工会' })).toEqual(['商工会 佐藤（架空）']);
      expect(await names({ q: 'だれもいない' })).toEqual([]);
      const disabled = await listAccounts(db, admin, { status: 'disabled' });
      expect(disabled.rows.every((r) => r.disabledAt !== null)).toBe(true);
      const error = await refusal(listAccounts(db, admin, { role: 'mayor' }));
      expect(error.status).toBe(422);
    });
  });

  describe('the pages and the API', () => {
    const form = (email: string) => ({
      email,
      displayName: 'フォームの人',
      role: 'business',
      organisation: '',
      organisationOther: '架空の八百屋',
      passwordChoice: 'set',
      password: 'form-person-2026',
    });

    it('re-shows a wrong form with its problems in the page’s language, and changes nothing', async () => {
      const client = await new TestClient(t.app).logInAs('admin');
      const before = await accountData(t);
      const ja = await client.postForm('/admin/accounts', { ...form('bad@'), password: 'short' });
      expect(ja.status).toBe(422);
      const jaBody = await ja.text();
      expect(jaBody).toContain('入力内容に誤りがあります。下の項目を直してください。');
      expect(jaBody).toContain('初期パスワード: 10文字以上にしてください。');
      expect(jaBody).toContain('value="フォームの人"');
      expect(jaBody).not.toContain('value="short"');
      await client.get('/admin/accounts/new?lang=en');
      const en = await client.postForm('/admin/accounts', { ...form('bad@'), password: 'short' });
      const enBody = await en.text();
      expect(enBody).toContain('Some of the input is not valid. Correct the items below.');
      expect(enBody).toContain('Initial password: Use at least 10 characters');
      const both = await client.postForm('/admin/accounts', {
        ...form(uniqueEmail('both')),
        organisation: 'city',
      });
      expect(both.status).toBe(422);
      expect(await both.text()).toContain(
        'Give the organisation either from the plan’s list or as other text, not both.',
      );
      await client.get('/admin/accounts?lang=ja');
      expect(await accountData(t)).toEqual(before);
    });

    it('answers a repeated form with a clear message instead of a second account or an error', async () => {
      const client = await new TestClient(t.app).logInAs('admin');
      const email = uniqueEmail('form-twice');
      const first = await client.postForm('/admin/accounts', form(email));
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toMatch(/^\/admin\/accounts\/\d+\?saved=created$/);
      const before = await accountData(t);
      const second = await client.postForm('/admin/accounts', form(email));
      expect(second.status).toBe(409);
      expect(await second.text()).toContain(`メールアドレス ${email} のアカウントはすでにあります。`);
      expect(await accountData(t)).toEqual(before);
    });

    it('refuses a form without the CSRF token and changes nothing', async () => {
      const client = await new TestClient(t.app).logInAs('admin');
      const before = await accountData(t);
      const response = await client.postForm('/admin/accounts', form(uniqueEmail('csrf')), false);
      expect(response.status).toBe(403);
      expect(await accountData(t)).toEqual(before);
    });

    it('shows a generated password once, on a page no cache keeps', async () => {
      const client = await new TestClient(t.app).logInAs('admin');
      const response = await client.postForm('/admin/accounts', {
        ...form(uniqueEmail('generated')),
        passwordChoice: 'generate',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('この画面で一度だけ表示します');
    });

    it('keeps the rules in the API: 409 for a taken address or one’s own account, 201 with a generated password', async () => {
      const client = await new TestClient(t.app).logInAs('admin');
      const email = uniqueEmail('api');
      const created = await client.postJson('/api/v1/accounts', {
        email,
        displayName: 'API の人',
        role: 'resident',
      });
      expect(created.status).toBe(201);
      const body = (await created.json()) as {
        account: { id: number; email: string };
        generatedPassword: string;
      };
      expect(body.account.email).toBe(email);
      expect(body.generatedPassword).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
      expect(JSON.stringify(body)).not.toContain('passwordHash');
      const again = await client.postJson('/api/v1/accounts', {
        email,
        displayName: 'API の人',
        role: 'resident',
      });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { code: string } }).error.code).toBe('email_taken');
      const patch = (id: number, json: unknown) =>
        client.request(`/api/v1/accounts/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(json),
        });
      const self = await patch(admin.accountId as number, { disabled: true });
      expect(self.status).toBe(409);
      expect(((await self.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'own_account',
        message: '自分自身のアカウントは利用停止にできません。必要な場合は、別の管理者に依頼してください。',
      });
      const disabled = await patch(body.account.id, { disabled: true, role: 'student' });
      expect(disabled.status).toBe(200);
      expect(
        ((await disabled.json()) as { account: { role: string; disabledAt: string } }).account,
      ).toMatchObject({
        role: 'student',
        disabledAt: expect.any(String),
      });
      expect((await patch(999999, { displayName: 'だれ' })).status).toBe(404);
      const wrong = await patch(body.account.id, { role: 'mayor' });
      expect(wrong.status).toBe(422);
    });

    it('describes the account API in the OpenAPI document', async () => {
      const document = (await (await new TestClient(t.app).get('/api/v1/openapi.json')).json()) as {
        paths: Record<string, Record<string, { description: string; requestBody?: unknown }>>;
      };
      expect(Object.keys(document.paths['/api/v1/accounts'] ?? {})).toEqual(['get', 'post']);
      expect(document.paths['/api/v1/accounts']?.post?.requestBody).toBeDefined();
      expect(document.paths['/api/v1/accounts/{id}']?.patch?.description).toContain('accounts.manage');
    });
  });

  describe('the audit log', () => {
    it('pages newest first and filters by kind of record, person and dates', async () => {
      const db = t.database.db;
      const everything = await readAuditLog(db, admin, parseAuditFilter({}), 1000);
      expect(everything.total).toBeGreaterThan(10);
      const times = everything.entries.map((e) => new Date(e.at).getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const first = await readAuditLog(db, admin, parseAuditFilter({}), 5);
      expect(first.entries.map((e) => e.id)).toEqual(everything.entries.slice(0, 5).map((e) => e.id));
      expect(first).toMatchObject({ hasNewer: false, hasOlder: true });
      const second = await readAuditLog(
        db,
        admin,
        parseAuditFilter({ before: String(first.entries[4]?.id) }),
        5,
      );
      expect(second.entries.map((e) => e.id)).toEqual(everything.entries.slice(5, 10).map((e) => e.id));
      expect(second.hasNewer).toBe(true);
      const back = await readAuditLog(
        db,
        admin,
        parseAuditFilter({ after: String(second.entries[0]?.id) }),
        5,
      );
      expect(back.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
      expect(back.hasNewer).toBe(false);

      const ofAccounts = await readAuditLog(db, admin, parseAuditFilter({ entityType: 'account' }), 1000);
      expect(ofAccounts.entries.length).toBeGreaterThan(0);
      expect(ofAccounts.entries.every((e) => e.entityType === 'account')).toBe(true);
      expect(ofAccounts.total).toBeLessThan(everything.total);

      const byAdmin = await readAuditLog(
        db,
        admin,
        parseAuditFilter({ actor: String(admin.accountId) }),
        1000,
      );
      expect(byAdmin.entries.every((e) => e.actorAccountId === admin.accountId)).toBe(true);
      expect(byAdmin.total).toBeLessThan(everything.total);

      const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
      const ofToday = await readAuditLog(db, admin, parseAuditFilter({ from: today, to: today }), 1000);
      expect(ofToday.total).toBe(everything.total);
      const ofLongAgo = await readAuditLog(
        db,
        admin,
        parseAuditFilter({ from: '2020-04-01', to: '2020-04-30' }),
      );
      expect(ofLongAgo.total).toBe(0);
    });

    it('refuses dates in the wrong order with a message saying what to choose', () => {
      try {
        parseAuditFilter({ from: '2026-05-01', to: '2026-04-01' });
        throw new Error('expected a refusal');
      } catch (error) {
        expect((error as UserError).details.map((d) => d.message.ja)).toEqual([
          '終了日: 開始日より後の日付にしてください（開始日と同じ日も選べます）。',
        ]);
      }
    });

    it('never shows another municipality’s entries', async () => {
      const stranger: Actor = { accountId: null, name: '他の町', municipalityCode: '999994' };
      expect((await readAuditLog(t.database.db, stranger, parseAuditFilter({}))).total).toBe(0);
    });

    it('exports the filtered log as CSV: UTF-8 with a BOM, CRLF, quoted where needed, formulas made text', async () => {
      const { account } = await registerAccount(t.database.db, admin, {
        email: uniqueEmail('csv'),
        displayName: '=HYPERLINK("http://example.invalid","クリック"), 改行\nあり',
        role: 'resident',
        password: 'csv-quoting-2026',
      });
      const client = await new TestClient(t.app).logInAs('admin');
      const response = await client.get(`/admin/audit.csv?entityType=account&entityKey=${account.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const body = new TextDecoder().decode(bytes.slice(3));
      expect(
        body.startsWith(
          '日時,変更者,変更者のアカウント番号,操作,操作コード,対象の種類,対象,変更内容,変更前（JSON）,変更後（JSON）\r\n',
        ),
      ).toBe(true);
      expect(body.endsWith('\r\n')).toBe(true);
      const lines = body.split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain(`,アカウント作成,account.create,アカウント,${account.id},`);
      expect(lines[1]).toContain(
        `,"メールアドレス: ${account.email}; 表示名: =HYPERLINK(""http://example.invalid"",""クリック""), 改行\nあり; 役割: 地域生活者; `,
      );
      // the after-JSON starts with { and is not a formula; a cell that starts with = is made text
      const english = await client.get(`/admin/audit.csv?entityType=account&entityKey=${account.id}&lang=en`);
      expect(new TextDecoder().decode(new Uint8Array(await english.arrayBuffer()))).toContain(
        'When (JST),Changed by',
      );
    });

    it('makes a cell that would start a formula into text', async () => {
      const email = uniqueEmail('formula');
      const { account } = await registerAccount(t.database.db, admin, {
        email,
        displayName: '@SUM(1+1)',
        role: 'resident',
        password: 'formula-name-2026',
      });
      const { client } = await logIn(t, email, 'formula-name-2026');
      await client.postForm('/account/password', {
        currentPassword: 'formula-name-2026',
        newPassword: 'formula-name-2027',
        newPasswordAgain: 'formula-name-2027',
      });
      const admin_ = await new TestClient(t.app).logInAs('admin');
      const body = await (
        await admin_.get(`/admin/audit.csv?entityKey=${account.id}&actor=${account.id}`)
      ).text();
      const line = body.split('\r\n')[1] ?? '';
      expect(line).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},'@SUM\(1\+1\),/);
    });
  });
});
