import type { UserError } from '../errors';
import type { AppContext } from '../http';
import { localise } from '../i18n';
import { Layout, tr, viewOf } from './layout';

/** What a person sees when a page cannot be shown: what happened and what to do, never a stack trace. */
export function ErrorPage(props: { c: AppContext; error: UserError }) {
  const view = viewOf(props.c);
  const title = tr(view, 'エラー', 'Error');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <div class="error-summary" role="alert">
        <p>{localise(view.lang, props.error.userMessage)}</p>
        {props.error.details.length > 0 ? (
          <ul>
            {props.error.details.map((d) => (
              <li>
                {d.line ? `${tr(view, `${d.line}行目`, `Line ${d.line}`)}: ` : ''}
                {localise(view.lang, d.message)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {props.error.code === 'login_required' ? (
        <p>
          <a class="button" href={`/login?next=${encodeURIComponent(view.path)}`}>
            {tr(view, 'ログインする', 'Log in')}
          </a>
        </p>
      ) : (
        <p>
          <a href="/">{tr(view, 'トップページへ戻る', 'Back to the home page')}</a>
        </p>
      )}
    </Layout>
  );
}
