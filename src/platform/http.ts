import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import type { Actor } from './audit';
import { type Account, accountOfSession } from './auth/accounts';
import { can } from './auth/roles';
import { UserError } from './errors';
import { type Lang, localise, parseLang, type Text } from './i18n';

export type AppEnv = {
  Variables: {
    lang: Lang;
    account: Account | undefined;
    csrfToken: string;
  };
};
export type AppContext = Context<AppEnv>;

export const cookieNames = {
  session: 'tsunagu_session',
  csrf: 'tsunagu_csrf',
  lang: 'tsunagu_lang',
} as const;

/** UI language: `?lang=` switches and is remembered in a cookie; Japanese unless asked otherwise. */
export function languageMiddleware(config: Config): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const asked = parseLang(c.req.query('lang'));
    if (asked) {
      setCookie(c, cookieNames.lang, asked, {
        path: '/',
        sameSite: 'Lax',
        secure: config.secureCookies,
        maxAge: 31536000,
      });
    }
    c.set('lang', asked ?? parseLang(getCookie(c, cookieNames.lang)) ?? 'ja');
    await next();
  });
}

export function sessionMiddleware(db: Db): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, cookieNames.session);
    c.set('account', token ? await accountOfSession(db, token) : undefined);
    await next();
  });
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrfRejected = new UserError('csrf_token_invalid', 403, {
  ja: 'フォームの有効期限が切れたか、不正な送信です。ページを読み込み直してから、もう一度送信してください。',
  en: 'The form has expired or was not sent from this site. Reload the page and submit it again.',
});

/**
 * Every form carries a token equal to a per-browser cookie (double submit). JSON requests need no
 * token: a browser cannot send them cross-site without a CORS preflight, which this app never grants.
 * Neither does a DELETE, PUT or PATCH, so those may come without a body (DELETE /api/v1/session).
 * Any other body type is refused.
 */
export function csrfMiddleware(config: Config): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    let token = getCookie(c, cookieNames.csrf);
    if (!token || token.length < 32) {
      token = randomBytes(32).toString('base64url');
      setCookie(c, cookieNames.csrf, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.secureCookies,
      });
    }
    c.set('csrfToken', token);
    if (unsafeMethods.has(c.req.method)) {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/json') || (c.req.method !== 'POST' && !type)) {
        // safe: see above
      } else if (
        type.startsWith('application/x-www-form-urlencoded') ||
        type.startsWith('multipart/form-data')
      ) {
        const body = await c.req.parseBody();
        const sent = typeof body._csrf === 'string' ? body._csrf : '';
        const cookie = getCookie(c, cookieNames.csrf) ?? '';
        if (
          !sent ||
          !cookie ||
          sent.length !== cookie.length ||
          !timingSafeEqual(Buffer.from(sent), Buffer.from(cookie))
        ) {
          throw csrfRejected;
        }
      } else {
        throw new UserError('unsupported_media_type', 415, {
          ja: '送信形式が正しくありません。JSON（application/json）またはフォームで送信してください。',
          en: 'Unsupported request body. Send JSON (application/json) or a form.',
        });
      }
    }
    await next();
  });
}

export const loginRequired = new UserError('login_required', 401, {
  ja: 'この操作にはログインが必要です。',
  en: 'You need to log in for this.',
});

export const forbidden = new UserError('forbidden', 403, {
  ja: 'この操作を行う権限がありません。必要な場合は市の担当者にお問い合わせください。',
  en: 'You do not have permission to do this. Ask the city office if you need it.',
});

/** Enforces a declared permission: 401 without a session, 403 with a role that may not. */
export function requirePermission(permission: string): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const account = c.get('account');
    if (!account) throw loginRequired;
    if (!can(account.role, permission)) throw forbidden;
    await next();
  });
}

/** The account as the author of a change, for services and the audit log. */
export function actorOf(c: AppContext): Actor {
  const account = c.get('account');
  if (!account) throw loginRequired;
  return {
    accountId: account.id,
    name: account.displayName,
    municipalityCode: account.municipalityCode,
    role: account.role,
    organisation: account.organisation,
  };
}

/**
 * The scheme and host this request reached Tsunagu at, for the absolute links that feeds, structured
 * data and open data carry (a calendar app or a search engine cannot follow a relative one).
 */
export function siteOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

export function isApiRequest(c: Context): boolean {
  return c.req.path.startsWith('/api/');
}

/**
 * The notice shown after a successful form (Post/Redirect/Get): the redirect carries `?saved=key`,
 * and the page looks the key up among the notices its routes declare.
 */
export function savedNotice(c: AppContext, notices: Record<string, Text>): string | undefined {
  const key = c.req.query('saved');
  const notice = key !== undefined && Object.hasOwn(notices, key) ? notices[key] : undefined;
  return notice ? localise(c.get('lang'), notice) : undefined;
}
