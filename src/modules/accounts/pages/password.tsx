import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { minPasswordLength } from '../service';
import { type FormProblem, invalidIf } from './components';

/** Where every person changes their own password. Passwords are never shown again after a refusal. */
export function PasswordPage(props: {
  view: PageView;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view } = props;
  const title = tr(view, 'パスワード変更', 'Change password');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <p>
        {tr(
          view,
          'パスワードを変更すると、この画面以外でログインしている端末（他のパソコンやスマートフォン）はすべてログアウトされます。',
          'Changing your password logs you out everywhere else (other computers and phones).',
        )}
      </p>
      <form method="post" action="/account/password" class="stack card">
        <CsrfField view={view} />
        {/* lets a password manager know whose password this is */}
        <input type="text" autocomplete="username" value={view.account?.email ?? ''} hidden readonly />
        <div>
          <label for="currentPassword">{tr(view, '現在のパスワード', 'Current password')}</label>
          <input
            id="currentPassword"
            name="currentPassword"
            type="password"
            autocomplete="current-password"
            required
            maxlength={200}
            {...invalidIf(props.problem, 'currentPassword')}
          />
        </div>
        <div>
          <label for="newPassword">
            {tr(view, '新しいパスワード', 'New password')}
            <span class="hint" id="newPassword-hint">
              {tr(
                view,
                `${minPasswordLength}文字以上。長い文（好きな言葉を3つ以上つなげたもの）がおすすめです。`,
                `At least ${minPasswordLength} characters; a long phrase of three or more words works well.`,
              )}
            </span>
          </label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            autocomplete="new-password"
            required
            minlength={minPasswordLength}
            maxlength={200}
            aria-describedby="newPassword-hint"
            {...invalidIf(props.problem, 'newPassword')}
          />
        </div>
        <div>
          <label for="newPasswordAgain">
            {tr(view, '新しいパスワード（確認のためもう一度）', 'New password (again)')}
          </label>
          <input
            id="newPasswordAgain"
            name="newPasswordAgain"
            type="password"
            autocomplete="new-password"
            required
            maxlength={200}
            {...invalidIf(props.problem, 'newPasswordAgain')}
          />
        </div>
        <div>
          <button type="submit">{tr(view, 'パスワードを変更する', 'Change the password')}</button>
        </div>
      </form>
    </Layout>
  );
}
