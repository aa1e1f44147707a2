import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed';
import { registerAccount } from '../../src/modules/accounts/service';
import { accounts, auditLog, sessions } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { accountsPathPrefixes, accountsRoutes } from './accounts-routes';
import { actorOf, demoAccounts, everyone, startInstance, type Who } from './helpers';

/**
 * Who may use the routes of account administration, the audit log and the password change: every
 * demo role and a visitor. Accounts and the audit log are personal data, for city staff only; the
 * own password is for everyone with an account. The allowed get the route's success status, a
 * visitor 401 and any other account 403, and a refused write changes nothing.
 */

const cityStaff: Who[] = ['admin'];
const withAccount: Who[] = everyone.filter((w) => w !== 'visitor');

interface Context {
  /** an account that city staff change in the matrix */
  targetId: number;
}

interface RouteRule {
  route: (typeof accountsRoutes)[number];
  path: string | ((ctx: Context) => string);
  allowed: readonly Who[];
  ok: number;
  form?: (who: Who) => Record<string, string>;
  json?: (who: Who) => unknown;
  method?: 'PATCH';
  content?: (who: Who, body: string) => void;
}

const matrix: RouteRule[] = [
  {
    route: 'GET /admin/accounts',
    path: '/admin/accounts',
    allowed: cityStaff,
    ok: 200,
    content: (_, body) => {
      for (const name of Object.keys(demoAccounts)) expect(body).toContain(`${name}@demo.tsunagu.example`);
    },
  },
  { route: 'GET /admin/accounts/new', path: '/admin/accounts/new', allowed: cityStaff, ok: 200 },
  {
    route: 'POST /admin/accounts',
    path: '/admin/accounts',
    allowed: cityStaff,
    ok: 303,
    form: (who) => ({
      email: `matrix-${who}@example.jp`,
      displayName: `ロール表 ${who}`,
      role: 'resident',
      organisation: '',
      organisationOther: '',
      passwordChoice: 'set',
      password: 'roles-matrix-2026',
    }),
  },
  {
    route: 'GET /admin/accounts/:id{[0-9]+}',
    path: (ctx) => `/admin/accounts/${ctx.targetId}`,
    allowed: cityStaff,
    ok: 200,
    content: (_, body) => expect(body).toContain('matrix-target@example.jp'),
  },
  {
    route: 'POST /admin/accounts/:id{[0-9]+}',
    path: (ctx) => `/admin/accounts/${ctx.targetId}`,
    allowed: cityStaff,
    ok: 303,
    form: (who) => ({
      displayName: `変更 ${who}`,
      role: 'business',
      organisation: '',
      organisationOther: `架空の店 ${who}`,
    }),
  },
  {
    route: 'POST /admin/accounts/:id{[0-9]+}/disable',
    path: (ctx) => `/admin/accounts/${ctx.targetId}/disable`,
    allowed: cityStaff,
    ok: 303,
    form: () => ({}),
  },
  {
    route: 'POST /admin/accounts/:id{[0-9]+}/enable',
    path: (ctx) => `/admin/accounts/${ctx.targetId}/enable`,
    allowed: cityStaff,
    ok: 303,
    form: () => ({}),
  },
  {
    route: 'POST /admin/accounts/:id{[0-9]+}/password',
    path: (ctx) => `/admin/accounts/${ctx.targetId}/password`,
    allowed: cityStaff,
    ok: 200,
    form: () => ({}),
    content: (_, body) => expect(body).toMatch(/data-generated-password[^>]*>\s*[a-zA-Z2-9]{4}-/),
  },
  {
    route: 'GET /admin/audit',
    path: '/admin/audit',
    allowed: cityStaff,
    ok: 200,
    content: (_, body) => expect(body).toContain('アカウント作成'),
  },
  {
    route: 'GET /admin/audit.csv',
    path: '/admin/audit.csv?entityType=account',
    allowed: cityStaff,
    ok: 200,
    content: (_, body) => expect(body).toContain('matrix-target@example.jp'),
  },
  {
    route: 'GET /account/password',
    path: '/account/password',
    allowed: withAccount,
    ok: 200,
    content: (_, body) => expect(body).toContain('現在のパスワード'),
  },
  {
    route: 'POST /account/password',
    path: '/account/password',
    allowed: withAccount,
    ok: 303,
    form: (who) => ({
      currentPassword: demoPassword,
      newPassword: `roles-matrix-${who}-2026`,
      newPasswordAgain: `roles-matrix-${who}-2026`,
    }),
  },
  {
    route: 'GET /api/v1/accounts',
    path: '/api/v1/accounts?role=staff',
    allowed: cityStaff,
    ok: 200,
    content: (_, body) => {
      const json = JSON.parse(body) as { accounts: { email: string; role: string }[]; total: number };
      expect(json.accounts.map((a) => a.email).sort()).toEqual([
        'bista@demo.tsunagu.example',
        'shokokai@demo.tsunagu.example',
      ]);
      expect(body).not.toContain('passwordHash');
      expect(body).not.toContain('scrypt');
    },
  },
  {
    route: 'POST /api/v1/accounts',
    path: '/api/v1/accounts',
    allowed: cityStaff,
    ok: 201,
    json: (who) => ({ email: `api-${who}@example.jp`, displayName: `API ${who}`, role: 'resident' }),
    content: (_, body) => expect(JSON.parse(body).generatedPassword).toMatch(/^[a-zA-Z2-9-]{19}$/),
  },
  {
    route: 'PATCH /api/v1/accounts/:id{[0-9]+}',
    path: (ctx) => `/api/v1/accounts/${ctx.targetId}`,
    allowed: cityStaff,
    ok: 200,
    method: 'PATCH',
    json: (who) => ({ displayName: `API変更 ${who}` }),
  },
];

/** Everything a write of these routes can change; login times are left out, they say when. */
async function accountData(t: TestInstance) {
  const db = t.database.db;
  const [rows, [audit], [open]] = await Promise.all([
    db.select().from(accounts).orderBy(asc(accounts.id)),
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(sessions),
  ]);
  return {
    accounts: rows.map(({ lastLoginAt: _, ...row }) => row),
    auditEntries: audit?.n ?? 0,
    sessions: open?.n ?? 0,
  };
}

const expectedStatus = (rule: RouteRule, who: Who) =>
  rule.allowed.includes(who) ? rule.ok : who === 'visitor' ? 401 : 403;

describe.each(testDatabaseKinds())('who may administer accounts and read the audit log (%s)', (kind) => {
  let t: TestInstance;
  const clients = new Map<Who, TestClient>();
  const ctx: Context = { targetId: 0 };

  beforeAll(async () => {
    t = await startInstance(kind);
    clients.set('visitor', new TestClient(t.app));
    for (const name of Object.keys(demoAccounts) as (keyof typeof demoAccounts)[])
      clients.set(name, await new TestClient(t.app).logInAs(name));
    const { account } = await registerAccount(t.database.db, await actorOf(t, 'admin'), {
      email: 'matrix-target@example.jp',
      displayName: '変更される人',
      role: 'business',
      password: 'matrix-target-2026',
    });
    ctx.targetId = account.id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const client = (who: Who) => clients.get(who) as TestClient;

  it('covers every route of the accounts module', () => {
    const served = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    const ours = served.filter((route) =>
      accountsPathPrefixes.some((prefix) => route.split(' ')[1]?.startsWith(prefix)),
    );
    expect(new Set(ours)).toEqual(new Set(accountsRoutes));
    expect(new Set(matrix.map((r) => r.route))).toEqual(new Set(accountsRoutes));
  });

  it('shows the account administration and the audit log in the menu of city staff only', async () => {
    for (const who of everyone) {
      const body = await (await client(who).get('/plan')).text();
      const menu = /<nav aria-label="メインメニュー">([\s\S]*?)<\/nav>/.exec(body)?.[1] ?? '';
      expect(menu.includes('href="/admin/accounts"'), who).toBe(who === 'admin');
      expect(menu.includes('href="/admin/audit"'), who).toBe(who === 'admin');
      expect(menu.includes('href="/account/password"'), who).toBe(who !== 'visitor');
    }
  });

  describe.each(matrix)('$route', (rule) => {
    const cases = everyone.map((who) => ({ who, expected: expectedStatus(rule, who) }));

    it.each(cases)('answers $who with $expected', async ({ who, expected }) => {
      const path = typeof rule.path === 'function' ? rule.path(ctx) : rule.path;
      const isWrite = Boolean(rule.form || rule.json);
      const before = isWrite ? await accountData(t) : undefined;

      const response = rule.form
        ? await client(who).postForm(path, rule.form(who))
        : rule.json
          ? await client(who).request(path, {
              method: rule.method ?? 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(rule.json(who)),
            })
          : await client(who).get(path);
      const body = await response.text();

      expect(response.status, body.slice(0, 400)).toBe(expected);
      if (expected === 401 || expected === 403) {
        const code = expected === 401 ? 'login_required' : 'forbidden';
        if (path.startsWith('/api/')) expect(JSON.parse(body).error.code).toBe(code);
        else expect(body).toContain(expected === 401 ? 'ログインが必要です' : '権限がありません');
        // a refused request shows nobody's personal data
        expect(body).not.toContain('matrix-target@example.jp');
        expect(body).not.toContain('@demo.tsunagu.example</td>');
      }
      if (rule.content && expected === rule.ok) rule.content(who, body);

      if (before) {
        const after = await accountData(t);
        if (rule.allowed.includes(who)) expect(after).not.toEqual(before);
        else expect(after, 'a refused write changed the database').toEqual(before);
      }
    });
  });
});
