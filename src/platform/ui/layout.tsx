import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Account } from '../auth/accounts';
import { roleNames } from '../auth/roles';
import type { AppContext } from '../http';
import { type Lang, localise } from '../i18n';
import { navigationFor } from './navigation';

export interface PageView {
  lang: Lang;
  account: Account | undefined;
  csrfToken: string;
  path: string;
}

export function viewOf(c: AppContext): PageView {
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  return {
    lang: c.get('lang'),
    account: c.get('account'),
    csrfToken: c.get('csrfToken'),
    path: url.pathname + url.search,
  };
}

/** Chooses the text of the page's language: `tr(view, '計画', 'Plan')`. */
export function tr(view: { lang: Lang }, ja: string, en: string): string {
  return view.lang === 'en' ? en : ja;
}

function switchLink(path: string, lang: Lang): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

export function Layout(props: {
  view: PageView;
  title: string;
  children: Child;
  wide?: boolean;
  /** more of the head: a page's OGP card, its feed link */
  head?: Child;
}) {
  const { view } = props;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={view.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} | ${tr(view, 'つなぐ', 'Tsunagu')}`}</title>
          <link rel="stylesheet" href="/static/app.css" />
          {props.head}
        </head>
        <body>
          <a class="skip" href="#main">
            {tr(view, '本文へ移動', 'Skip to content')}
          </a>
          <header class="site-header">
            <a class="brand" href="/">
              {tr(view, 'つなぐ', 'Tsunagu')}
              <span class="brand-sub">{tr(view, '商工業振興プラン', 'Commerce & industry plan')}</span>
            </a>
            <nav aria-label={tr(view, 'メインメニュー', 'Main menu')}>
              <ul>
                {navigationFor(view.account?.role).map((item) => (
                  <li>
                    <a
                      href={item.href}
                      aria-current={view.path.split('?')[0] === item.href ? 'page' : undefined}
                    >
                      {localise(view.lang, item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="session">
              <a
                href={switchLink(view.path, view.lang === 'ja' ? 'en' : 'ja')}
                lang={view.lang === 'ja' ? 'en' : 'ja'}
              >
                {view.lang === 'ja' ? 'English' : '日本語'}
              </a>
              {view.account ? (
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={view.csrfToken} />
                  <span class="who">
                    {view.account.displayName}（{localise(view.lang, roleNames[view.account.role])}）
                  </span>
                  <button type="submit" class="link-button">
                    {tr(view, 'ログアウト', 'Log out')}
                  </button>
                </form>
              ) : (
                <a href={`/login?next=${encodeURIComponent(view.path)}`}>{tr(view, 'ログイン', 'Log in')}</a>
              )}
            </div>
          </header>
          <main id="main" class={props.wide ? 'wide' : undefined}>
            {props.children}
          </main>
          <footer class="site-footer">
            <p>
              {tr(
                view,
                'つなぐ — ひと・みせ・ものが繋がるまちへ',
                'Tsunagu — connecting people, shops and products',
              )}
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}

/** The problems of a rejected form, announced to screen readers. */
export function ErrorSummary(props: { view: PageView; message?: string; details?: string[] }) {
  if (!props.message) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>{props.message}</p>
      {props.details && props.details.length > 0 ? (
        <ul>
          {props.details.map((d) => (
            <li>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice(props: { message?: string | undefined }) {
  if (!props.message) return null;
  return (
    <div class="notice" role="status">
      {props.message}
    </div>
  );
}

export function CsrfField(props: { view: PageView }) {
  return <input type="hidden" name="_csrf" value={props.view.csrfToken} />;
}
