import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import type { Db } from '../../src/db/connection';
import { demoPassword } from '../../src/demo/seed';
import { verifyPassword } from '../../src/platform/auth/passwords';
import { accounts, loginAttempts, sessions } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { apiProgress, planData, stackTraceSigns, startInstance, testCsrfToken } from './helpers';

const emailOf = (name: string) => `${name}@demo.tsunagu.example`;

/** A valid manual actual, so that only the thing under test can make a request fail. */
const actualForm = {
  subject: 'project:startup-consultation',
  fiscalYear: '2026',
  value: '21',
  asOf: '2026-06-01',
  source: '受付名簿',
};
const actualJson = {
  subjectKind: 'project',
  subjectCode: 'startup-consultation',
  fiscalYear: 2026,
  value: 21,
  asOf: '2026-06-01',
  source: '受付名簿',
};

/** The session token of a fresh login, read from the Set-Cookie header as a browser would keep it. */
async function sessionTokenOf(t: TestInstance, name: string): Promise<string> {
  const response = await t.app.request('/login', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `tsunagu_csrf=${testCsrfToken}`,
    },
    body: new URLSearchParams({ _csrf: testCsrfToken, email: emailOf(name), password: demoPassword }),
  });
  expect(response.status).toBe(303);
  const token = /tsunagu_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('no session cookie');
  return token;
}

function expectNoStackTrace(body: string) {
  for (const sign of stackTraceSigns) expect(body).not.toMatch(sign);
}

describe.each(testDatabaseKinds())('security (%s)', (kind) => {
  let t: TestInstance;
  let admin: TestClient;

  beforeAll(async () => {
    t = await startInstance(kind);
    admin = await new TestClient(t.app).logInAs('admin');
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('forms are protected against cross-site requests', () => {
    it('refuses a form without a CSRF token with 403 and a Japanese message, and changes nothing', async () => {
      const before = await planData(t);
      const figure = await apiProgress(admin, 2026, 'startup-consultation');
      const response = await admin.postForm('/plan/actuals?fy=2026', actualForm, false);
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(body).toContain('フォームの有効期限が切れたか、不正な送信です');
      expect(body).toContain('ページを読み込み直してから');
      expectNoStackTrace(body);
      expect(await planData(t)).toEqual(before);
      expect(await apiProgress(admin, 2026, 'startup-consultation')).toEqual(figure);
    });

    it('refuses a form whose token differs from the cookie', async () => {
      const before = await planData(t);
      const wrong = 'A'.repeat(testCsrfToken.length);
      for (const token of [wrong, 'short', `${testCsrfToken}x`]) {
        const response = await admin.postForm(
          '/plan/actuals?fy=2026',
          { ...actualForm, _csrf: token },
          false,
        );
        expect(response.status, token).toBe(403);
      }
      const review = await admin.postForm(
        '/plan/projects/marche/review',
        { fiscalYear: '2026', version: '0', grade: 'A', _csrf: wrong },
        false,
      );
      expect(review.status).toBe(403);
      expect(await planData(t)).toEqual(before);
    });

    it('refuses a token sent without the cookie, as a forged form from another site would be', async () => {
      const session = await sessionTokenOf(t, 'admin');
      const before = await planData(t);
      const response = await t.app.request('/plan/actuals?fy=2026', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `tsunagu_session=${session}`,
        },
        body: new URLSearchParams({ ...actualForm, _csrf: testCsrfToken }),
      });
      expect(response.status).toBe(403);
      expect(await planData(t)).toEqual(before);
    });

    it('says so in English when the interface is English', async () => {
      const response = await admin.postForm('/plan/actuals?fy=2026&lang=en', actualForm, false);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('The form has expired or was not sent from this site');
    });

    it('refuses a text/plain body with 415 and changes nothing', async () => {
      const before = await planData(t);
      for (const path of ['/api/v1/plan/actuals', '/plan/actuals?fy=2026']) {
        const response = await admin.request(path, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify(actualJson),
        });
        expect(response.status, path).toBe(415);
      }
      const api = await admin.request('/api/v1/plan/actuals', {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(actualJson),
      });
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
      expect(await planData(t)).toEqual(before);
    });
  });

  describe('login and sessions', () => {
    it('refuses the 6th attempt within 15 minutes after 5 failures with 429, even with the right password', async () => {
      const visitor = new TestClient(t.app);
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await visitor.postForm('/login', {
          email: emailOf('shotenkai'),
          password: `wrong-password-${attempt}`,
        });
        expect(response.status, `attempt ${attempt}`).toBe(401);
        expect(await response.text()).toContain('メールアドレスまたはパスワードが違います。');
      }
      const sixth = await visitor.postForm('/login', { email: emailOf('shotenkai'), password: demoPassword });
      expect(sixth.status).toBe(429);
      expect(sixth.headers.get('set-cookie') ?? '').not.toContain('tsunagu_session=');
      expect(await sixth.text()).toContain('ログインの失敗が続いたため、15分間ログインできません。');

      // the same lock through the API, in the language asked for
      const api = await visitor.postJson('/api/v1/session?lang=en', {
        email: emailOf('shotenkai'),
        password: demoPassword,
      });
      expect(api.status).toBe(429);
      const body = (await api.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('too_many_attempts');
      expect(body.error.message).toContain('Wait 15 minutes');
      expect(await new TestClient(t.app).get('/plan/actuals')).toHaveProperty('status', 401);

      // the lock is per account: others still log in
      await new TestClient(t.app).logInAs('bista');

      // failures older than the window no longer count
      await t.database.db
        .update(loginAttempts)
        .set({ attemptedAt: sql`now() - interval '16 minutes'` })
        .where(eq(loginAttempts.email, emailOf('shotenkai')));
      await new TestClient(t.app).logInAs('shotenkai');
    });

    it('ends the session on logout, on the server and not only in the browser', async () => {
      const token = await sessionTokenOf(t, 'admin');
      const withSession = (path: string, init: RequestInit = {}) =>
        t.app.request(path, {
          ...init,
          headers: { ...init.headers, cookie: `tsunagu_session=${token}; tsunagu_csrf=${testCsrfToken}` },
        });
      expect((await withSession('/plan/actuals')).status).toBe(200);

      const logout = await withSession('/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: testCsrfToken }),
      });
      expect(logout.status).toBe(303);
      expect(logout.headers.get('set-cookie')).toMatch(/tsunagu_session=;.*Max-Age=0/i);

      // a copy of the old cookie opens nothing
      expect((await withSession('/plan/actuals')).status).toBe(401);
      expect((await withSession('/api/v1/plan/progress')).status).toBe(401);
    });

    it('ends an API session with DELETE /api/v1/session', async () => {
      const client = new TestClient(t.app);
      const login = await client.postJson('/api/v1/session', {
        email: emailOf('admin'),
        password: demoPassword,
      });
      expect(login.status).toBe(200);
      expect((await client.get('/api/v1/plan/progress')).status).toBe(200);
      const logout = await client.request('/api/v1/session', { method: 'DELETE' });
      expect(logout.status).toBe(204);
      expect((await client.get('/api/v1/plan/progress')).status).toBe(401);
    });

    it('keeps the session in an HttpOnly, SameSite=Lax cookie and stores only a hash of its token', async () => {
      const response = await t.app.request('/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `tsunagu_csrf=${testCsrfToken}`,
        },
        body: new URLSearchParams({ _csrf: testCsrfToken, email: emailOf('bista'), password: demoPassword }),
      });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tsunagu_session='));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      const token = /tsunagu_session=([^;]+)/.exec(cookie ?? '')?.[1] ?? '';
      expect(token.length).toBeGreaterThanOrEqual(40);
      const stored = await t.database.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
      expect(stored.some((s) => s.tokenHash === token)).toBe(false);
      expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.tokenHash))).toBe(true);

      // the CSRF cookie a browser gets on its first visit is HttpOnly and SameSite=Lax too
      const first = await t.app.request('/login');
      const csrf = first.headers.getSetCookie().find((c) => c.startsWith('tsunagu_csrf='));
      expect(csrf).toMatch(/;\s*HttpOnly/i);
      expect(csrf).toMatch(/;\s*SameSite=Lax/i);
    });

    it('stores passwords as salted scrypt hashes, never as they were typed', async () => {
      const rows = await t.database.db.select().from(accounts);
      expect(rows.length).toBeGreaterThanOrEqual(7);
      const salts = new Set<string>();
      for (const row of rows) {
        expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{20,}\$[A-Za-z0-9+/=]{40,}$/);
        expect(row.passwordHash).not.toContain(demoPassword);
        salts.add(row.passwordHash.split('$')[4] ?? '');
      }
      expect(salts.size).toBe(rows.length);
      const [one] = rows;
      expect(await verifyPassword(demoPassword, one?.passwordHash ?? '')).toBe(true);
      expect(await verifyPassword('tsunagu-demo-2025', one?.passwordHash ?? '')).toBe(false);
    });

    it('sends someone back only to a page of this site after login', async () => {
      const cases: [string, string][] = [
        ['/plan/actuals?fy=2026', '/plan/actuals?fy=2026'],
        ['//evil.example/', '/'],
        ['/\\evil.example/', '/'],
        ['/\t/evil.example/', '/'],
        ['https://evil.example/', '/'],
        ['javascript:alert(1)', '/'],
      ];
      for (const [next, location] of cases) {
        const response = await new TestClient(t.app).postForm('/login', {
          email: emailOf('admin'),
          password: demoPassword,
          next,
        });
        expect(response.status, next).toBe(303);
        expect(response.headers.get('location'), JSON.stringify(next)).toBe(location);
      }
    });
  });

  describe('responses', () => {
    it('sends a content security policy and the other secure headers with pages and API answers', async () => {
      for (const path of ['/', '/plan', '/login', '/api/v1/plan', '/no-such-page', '/api/v1/plan/progress']) {
        const response = await new TestClient(t.app).get(path);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'self'");
        expect(csp, path).toContain("script-src 'self'");
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
        expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      }
    });

    it('never shows a stack trace, not even when something breaks inside', async () => {
      const visitor = new TestClient(t.app);
      const answers = [
        await visitor.get('/no-such-page'),
        await visitor.get('/api/v1/no-such-thing'),
        await admin.get('/plan/projects/no-such-project'),
        await admin.get('/api/v1/plan/progress?fy=20x6'),
        await admin.postJson('/api/v1/plan/actuals', { ...actualJson, value: 'abc' }),
        await admin.postForm('/plan/actuals?fy=2026', { ...actualForm, value: '-1' }),
        await admin.request('/api/v1/plan/actuals', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"subjectKind": ',
        }),
      ];
      for (const response of answers) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expectNoStackTrace(await response.text());
      }

      // the same app on a database that fails: the failure is logged, the person sees a plain message
      const failure = new Error(
        'connection refused\n    at Pool.connect (/srv/node_modules/pg/lib/pool.js:1:1)',
      );
      const failing = new Proxy({} as Db, {
        get() {
          throw failure;
        },
      });
      const broken = createApp({
        config: t.config,
        database: { ...t.database, db: failing },
        plans: t.plans,
        metrics: t.metrics,
      });
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const page = await broken.request('/', { headers: { cookie: 'tsunagu_session=any' } });
        expect(page.status).toBe(500);
        const html = await page.text();
        expect(html).toContain('システムでエラーが発生しました。時間をおいてもう一度お試しください。');
        expectNoStackTrace(html);
        expect(html).not.toContain('connection refused');

        const api = await broken.request('/api/v1/plan/progress?lang=en', {
          headers: { cookie: 'tsunagu_session=any' },
        });
        expect(api.status).toBe(500);
        const json = await api.text();
        expectNoStackTrace(json);
        expect(JSON.parse(json)).toEqual({
          error: {
            code: 'internal_error',
            message: 'Something went wrong on our side. Try again later.',
            details: [],
          },
        });
        expect(logged).toHaveBeenCalledWith(failure);
      } finally {
        logged.mockRestore();
      }
    });

    it('answers API errors as JSON {error: {code, message, details}} in the language of the interface', async () => {
      type ApiError = {
        error: { code: string; message: string; details: { field?: string; message: string }[] };
      };
      const bad = { ...actualJson, value: -5, asOf: 'yesterday' };
      await admin.get('/?lang=ja'); // an earlier test switched this browser to English

      const ja = await admin.postJson('/api/v1/plan/actuals', bad);
      expect(ja.status).toBe(422);
      expect(ja.headers.get('content-type')).toContain('application/json');
      const jaBody = (await ja.json()) as ApiError;
      expect(Object.keys(jaBody)).toEqual(['error']);
      expect(Object.keys(jaBody.error).sort()).toEqual(['code', 'details', 'message']);
      expect(jaBody.error.code).toBe('invalid_input');
      expect(jaBody.error.message).toBe('入力内容に誤りがあります。下の項目を直してください。');
      expect(jaBody.error.details.map((d) => d.field).sort()).toEqual(['asOf', 'value']);
      expect(jaBody.error.details.find((d) => d.field === 'value')?.message).toMatch(/^実績値: /);

      const en = await admin.postJson('/api/v1/plan/actuals?lang=en', bad);
      const enBody = (await en.json()) as ApiError;
      expect(enBody.error.message).toBe('Some of the input is not valid. Correct the items below.');
      expect(enBody.error.details.find((d) => d.field === 'value')?.message).toMatch(/^Actual: /);

      // ?lang=en is remembered in a cookie, and the cookie alone is enough
      const remembered = await admin.get('/api/v1/plan/progress?fy=1999');
      expect(((await remembered.json()) as ApiError).error.message).toContain('Fiscal year 1999 is outside');
      const byCookie = await t.app.request('/api/v1/plan/progress', {
        headers: { cookie: 'tsunagu_lang=en' },
      });
      expect(byCookie.status).toBe(401);
      expect(await byCookie.json()).toEqual({
        error: { code: 'login_required', message: 'You need to log in for this.', details: [] },
      });
      await admin.get('/?lang=ja');
      const back = await admin.get('/api/v1/plan/progress?fy=1999');
      const backBody = (await back.json()) as ApiError;
      expect(backBody.error.code).toBe('fiscal_year_outside_plan');
      expect(backBody.error.message).toContain('1999年度はこの計画の対象外です');
    });
  });
});
