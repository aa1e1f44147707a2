import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { UserError } from '../errors';
import { type AppContext, type AppEnv, cookieNames } from '../http';
import { localise } from '../i18n';
import type { ApiDescription } from '../openapi';
import { CsrfField, ErrorSummary, Layout, tr, viewOf } from '../ui/layout';
import { logIn, logOut } from './accounts';

const LoginSchema = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  next: z.string().optional(),
});

/**
 * Only paths on this site, so that a login link cannot send someone elsewhere. Browsers read a
 * backslash as a slash and drop tabs and line breaks, so `/\evil.example` leaves the site as well.
 */
function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) && !/[\\\s]/.test(next) ? next : '/';
}

function clientAddress(c: AppContext): string {
  const info = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return info?.socket?.remoteAddress ?? 'unknown';
}

function LoginPage(props: { c: AppContext; next: string; email?: string; error?: string }) {
  const view = viewOf(props.c);
  return (
    <Layout view={view} title={tr(view, 'ログイン', 'Log in')}>
      <h1>{tr(view, 'ログイン', 'Log in')}</h1>
      <ErrorSummary view={view} message={props.error} />
      <form method="post" action="/login" class="stack card">
        <CsrfField view={view} />
        <input type="hidden" name="next" value={props.next} />
        <div>
          <label for="email">{tr(view, 'メールアドレス', 'E-mail address')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email ?? ''}
          />
        </div>
        <div>
          <label for="password">{tr(view, 'パスワード', 'Password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <div>
          <button type="submit">{tr(view, 'ログイン', 'Log in')}</button>
        </div>
      </form>
    </Layout>
  );
}

export function authRoutes(db: Db, config: Config, api: ApiDescription) {
  const app = new Hono<AppEnv>();
  api.add(
    {
      method: 'post',
      path: '/api/v1/session',
      tag: 'session',
      summary: 'Log in: sets the session cookie used by the other operations',
      body: LoginSchema.omit({ next: true }),
      responses: { 200: 'Logged in', 401: 'Wrong e-mail address or password', 429: 'Too many failed logins' },
    },
    {
      method: 'delete',
      path: '/api/v1/session',
      tag: 'session',
      summary: 'Log out',
      responses: { 204: 'Logged out' },
    },
  );
  const openSession = (c: AppContext, token: string) =>
    setCookie(c, cookieNames.session, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: config.secureCookies,
      maxAge: config.sessionHours * 3600,
    });

  app.get('/login', (c) => c.html(<LoginPage c={c} next={safeNext(c.req.query('next'))} />));

  app.post('/login', async (c) => {
    const form = LoginSchema.safeParse(await c.req.parseBody());
    const next = safeNext(form.data?.next);
    if (!form.success) {
      return c.html(
        <LoginPage
          c={c}
          next={next}
          error={tr(
            viewOf(c),
            'メールアドレスとパスワードを入力してください。',
            'Enter your e-mail address and password.',
          )}
        />,
        422,
      );
    }
    try {
      const { token } = await logIn(db, {
        ...form.data,
        clientAddress: clientAddress(c),
        sessionHours: config.sessionHours,
      });
      openSession(c, token);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return c.html(
        <LoginPage
          c={c}
          next={next}
          email={form.data.email}
          error={localise(c.get('lang'), error.userMessage)}
        />,
        error.status,
      );
    }
  });

  app.post('/logout', async (c) => {
    const token = getCookie(c, cookieNames.session);
    if (token) await logOut(db, token);
    deleteCookie(c, cookieNames.session, { path: '/' });
    return c.redirect('/', 303);
  });

  // JSON API: the same session, for scripts and integrations
  app.post('/api/v1/session', async (c) => {
    const body = LoginSchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      throw new UserError('invalid_input', 422, {
        ja: 'email と password を指定してください。',
        en: 'Give email and password.',
      });
    }
    const { token, account } = await logIn(db, {
      ...body.data,
      clientAddress: clientAddress(c),
      sessionHours: config.sessionHours,
    });
    openSession(c, token);
    return c.json({
      account: {
        id: account.id,
        displayName: account.displayName,
        role: account.role,
        municipalityCode: account.municipalityCode,
      },
    });
  });

  app.delete('/api/v1/session', async (c) => {
    const token = getCookie(c, cookieNames.session);
    if (token) await logOut(db, token);
    deleteCookie(c, cookieNames.session, { path: '/' });
    return c.body(null, 204);
  });

  return app;
}
