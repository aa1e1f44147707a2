import { roles } from '../../../platform/auth/roles';
import { formatDateTime } from '../../../platform/fiscal-year';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import {
  type AccountFilter,
  type AccountSummary,
  accountsPerPage,
  minPasswordLength,
  rolesWithPlanOrganisation,
} from '../service';
import {
  type FormProblem,
  type FormValues,
  invalidIf,
  type MunicipalityInfo,
  organisationName,
  roleName,
  StatusLabel,
} from './components';

function queryOf(filter: Partial<AccountFilter>, page: number): string {
  const params = new URLSearchParams();
  if (filter.role) params.set('role', filter.role);
  if (filter.status) params.set('status', filter.status);
  if (filter.q) params.set('q', filter.q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** City staff's list of the municipality's accounts, with a filter by role and status and a search. */
export function AccountsPage(props: {
  view: PageView;
  municipality: MunicipalityInfo;
  rows: AccountSummary[];
  total: number;
  filter: Partial<AccountFilter>;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, filter, municipality } = props;
  const title = tr(view, 'アカウント管理', 'Accounts');
  const page = filter.page ?? 1;
  const pages = Math.max(1, Math.ceil(props.total / accountsPerPage));
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          'アカウントは個人情報です。業務に必要な範囲でのみ閲覧・変更してください。変更はすべて操作履歴に記録されます。',
          'Accounts are personal data: look at and change them only as your work needs. Every change is recorded in the audit log.',
        )}
      </p>
      <p class="actions">
        <a class="button" href="/admin/accounts/new">
          {tr(view, 'アカウントを作成', 'Create an account')}
        </a>
        <a href="/admin/audit?entityType=account">
          {tr(view, 'アカウントの変更履歴', 'Changes to accounts')}
        </a>
      </p>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <search>
        <form method="get" action="/admin/accounts" class="filters card">
          <div>
            <label for="filter-q">{tr(view, '検索', 'Search')}</label>
            <input
              id="filter-q"
              name="q"
              type="search"
              value={filter.q ?? ''}
              aria-describedby="filter-q-hint"
              {...invalidIf(props.problem, 'q')}
            />
            <span id="filter-q-hint" class="hint">
              {tr(view, '名前・メールアドレス・所属の一部', 'Part of a name, e-mail address or organisation')}
            </span>
          </div>
          <div>
            <label for="filter-role">{tr(view, '役割', 'Role')}</label>
            <select id="filter-role" name="role">
              <option value="">{tr(view, 'すべて', 'All')}</option>
              {roles.map((r) => (
                <option value={r} selected={filter.role === r}>
                  {roleName(view.lang, r)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="filter-status">{tr(view, '状態', 'Status')}</label>
            <select id="filter-status" name="status">
              <option value="">{tr(view, 'すべて', 'All')}</option>
              <option value="active" selected={filter.status === 'active'}>
                {tr(view, '有効', 'Active')}
              </option>
              <option value="disabled" selected={filter.status === 'disabled'}>
                {tr(view, '利用停止中', 'Disabled')}
              </option>
            </select>
          </div>
          <div>
            <button type="submit">{tr(view, '絞り込む', 'Filter')}</button>
          </div>
        </form>
      </search>
      <h2 id="accounts-heading">
        {tr(view, `アカウント一覧（${props.total}件）`, `Accounts (${props.total})`)}
      </h2>
      {props.rows.length === 0 ? (
        <p>
          {tr(
            view,
            '条件に合うアカウントはありません。検索語を短くするか、絞り込みを解除してください。',
            'No account matches. Shorten the search or clear the filters.',
          )}
        </p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="accounts-heading">
            <thead>
              <tr>
                <th scope="col">{tr(view, '表示名', 'Name')}</th>
                <th scope="col">{tr(view, 'メールアドレス', 'E-mail')}</th>
                <th scope="col">{tr(view, '役割', 'Role')}</th>
                <th scope="col">{tr(view, '所属', 'Organisation')}</th>
                <th scope="col">{tr(view, '自治体', 'Municipality')}</th>
                <th scope="col">{tr(view, '作成日時', 'Created')}</th>
                <th scope="col">{tr(view, '最終ログイン', 'Last login')}</th>
                <th scope="col">{tr(view, '状態', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((a) => (
                <tr data-account={a.email}>
                  <th scope="row">
                    <a href={`/admin/accounts/${a.id}`}>{a.displayName}</a>
                  </th>
                  <td>{a.email}</td>
                  <td>{roleName(view.lang, a.role)}</td>
                  <td>{organisationName(view.lang, a.organisation, municipality.organisations)}</td>
                  <td>{municipality.name}</td>
                  <td>{formatDateTime(view.lang, a.createdAt)}</td>
                  <td>{formatDateTime(view.lang, a.lastLoginAt)}</td>
                  <td>
                    <StatusLabel view={view} disabled={a.disabledAt !== null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label={tr(view, 'ページ', 'Pages')}>
          {page > 1 ? (
            <a href={`/admin/accounts${queryOf(filter, page - 1)}`}>
              {tr(view, '前のページ', 'Previous page')}
            </a>
          ) : null}
          <span>{tr(view, `${page} / ${pages}ページ`, `Page ${page} of ${pages}`)}</span>
          {page < pages ? (
            <a href={`/admin/accounts${queryOf(filter, page + 1)}`}>{tr(view, '次のページ', 'Next page')}</a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}

/**
 * The organisation of an account: one of the plan's organisations, or free text (a shop's or a
 * school's name) for the roles that have none in the plan. Without client JS both are shown.
 */
function OrganisationFields(props: {
  view: PageView;
  municipality: MunicipalityInfo;
  values: FormValues;
  problem: FormProblem | undefined;
}) {
  const { view, municipality, values } = props;
  const organisations = municipality.organisations;
  const chosen = values.organisation ?? '';
  const isPlanOrganisation = organisations.some((o) => o.code === chosen);
  const other = values.organisationOther ?? (isPlanOrganisation ? '' : chosen);
  if (organisations.length === 0) {
    return (
      <div>
        <label for="organisationOther">
          {tr(view, '所属（任意）', 'Organisation (optional)')}
          <span class="hint">
            {tr(view, '例：〇〇商店会、明星大学', 'e.g. a shopping street, a university')}
          </span>
        </label>
        <input
          id="organisationOther"
          name="organisationOther"
          value={other}
          {...invalidIf(props.problem, 'organisation')}
        />
      </div>
    );
  }
  const rolesNeedingOne = rolesWithPlanOrganisation
    .map((r) => roleName(view.lang, r))
    .join(tr(view, '・', ', '));
  return (
    <fieldset class="stack">
      <legend>{tr(view, '所属', 'Organisation')}</legend>
      <div>
        <label for="organisation">
          {tr(view, '計画書の関係機関', 'An organisation of the plan')}
          <span class="hint" id="organisation-hint">
            {tr(
              view,
              `${rolesNeedingOne}は、ここから選んでください。`,
              `Required for these roles: ${rolesNeedingOne}.`,
            )}
          </span>
        </label>
        <select
          id="organisation"
          name="organisation"
          aria-describedby="organisation-hint"
          {...invalidIf(props.problem, 'organisation')}
        >
          <option value="">{tr(view, '（なし・その他）', '(none or other)')}</option>
          {organisations.map((o) => (
            <option value={o.code} selected={chosen === o.code}>
              {view.lang === 'en' && o.nameEn ? o.nameEn : o.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="organisationOther">
          {tr(view, 'その他の所属（任意）', 'Other organisation (optional)')}
          <span class="hint" id="organisation-other-hint">
            {tr(
              view,
              '事業者・地域生活者・学生は、店名や学校名などを自由に書けます。',
              'Businesses, residents and students may write a shop or school name.',
            )}
          </span>
        </label>
        <input
          id="organisationOther"
          name="organisationOther"
          value={other}
          aria-describedby="organisation-other-hint"
        />
      </div>
    </fieldset>
  );
}

function RoleField(props: { view: PageView; values: FormValues; problem: FormProblem | undefined }) {
  const { view, values } = props;
  return (
    <div>
      <label for="role">{tr(view, '役割', 'Role')}</label>
      <select id="role" name="role" required {...invalidIf(props.problem, 'role')}>
        <option value="">{tr(view, '選んでください', 'Choose one')}</option>
        {roles.map((r) => (
          <option value={r} selected={values.role === r}>
            {roleName(view.lang, r)}
          </option>
        ))}
      </select>
    </div>
  );
}

function DisplayNameField(props: { view: PageView; values: FormValues; problem: FormProblem | undefined }) {
  const { view } = props;
  return (
    <div>
      <label for="displayName">
        {tr(view, '表示名', 'Display name')}
        <span class="hint" id="displayName-hint">
          {tr(
            view,
            '画面や操作履歴に表示されます（例：商工観光課 山田）',
            'Shown on pages and in the audit log',
          )}
        </span>
      </label>
      <input
        id="displayName"
        name="displayName"
        required
        maxlength={100}
        value={props.values.displayName ?? ''}
        aria-describedby="displayName-hint"
        {...invalidIf(props.problem, 'displayName')}
      />
    </div>
  );
}

/** The form that opens an account, empty or with the problems of a refused attempt. */
export function NewAccountPage(props: {
  view: PageView;
  municipality: MunicipalityInfo;
  values?: FormValues;
  problem?: FormProblem | undefined;
}) {
  const { view } = props;
  const values = props.values ?? {};
  const title = tr(view, 'アカウントを作成', 'Create an account');
  const generate = (values.passwordChoice ?? 'generate') === 'generate';
  return (
    <Layout view={view} title={title}>
      <p class="muted">
        <a href="/admin/accounts">{tr(view, 'アカウント管理', 'Accounts')}</a> ›
      </p>
      <h1>{title}</h1>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <form method="post" action="/admin/accounts" class="stack card">
        <CsrfField view={view} />
        <div>
          <label for="email">{tr(view, 'メールアドレス', 'E-mail address')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="off"
            required
            maxlength={254}
            value={values.email ?? ''}
            {...invalidIf(props.problem, 'email')}
          />
        </div>
        <DisplayNameField view={view} values={values} problem={props.problem} />
        <RoleField view={view} values={values} problem={props.problem} />
        <OrganisationFields
          view={view}
          municipality={props.municipality}
          values={values}
          problem={props.problem}
        />
        <fieldset class="stack">
          <legend>{tr(view, '初期パスワード', 'Initial password')}</legend>
          <div class="choice">
            <input
              type="radio"
              id="passwordChoice-generate"
              name="passwordChoice"
              value="generate"
              checked={generate}
            />
            <label for="passwordChoice-generate">
              {tr(
                view,
                '自動で作成する（作成後に一度だけ表示）',
                'Generate one (shown once, after creating)',
              )}
            </label>
          </div>
          <div class="choice">
            <input
              type="radio"
              id="passwordChoice-set"
              name="passwordChoice"
              value="set"
              checked={!generate}
            />
            <label for="passwordChoice-set">{tr(view, '自分で決める', 'Choose one')}</label>
          </div>
          <div>
            <label for="password">
              {tr(view, 'パスワード（「自分で決める」のとき）', 'Password (when you choose one)')}
              <span class="hint" id="password-hint">
                {tr(view, `${minPasswordLength}文字以上`, `At least ${minPasswordLength} characters`)}
              </span>
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="new-password"
              maxlength={200}
              aria-describedby="password-hint"
              {...invalidIf(props.problem, 'password')}
            />
          </div>
        </fieldset>
        <div>
          <button type="submit">{tr(view, '作成する', 'Create')}</button>
        </div>
      </form>
    </Layout>
  );
}

/**
 * A password generated for someone, shown on this one page only: it is not stored, so it cannot be
 * shown again (a new one can be issued on the account's page).
 */
export function IssuedPasswordPage(props: {
  view: PageView;
  account: AccountSummary;
  password: string;
  kind: 'created' | 'reset';
}) {
  const { view, account } = props;
  const title =
    props.kind === 'created'
      ? tr(view, 'アカウントを作成しました', 'The account was created')
      : tr(view, 'パスワードを再発行しました', 'A new password was issued');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <div class="notice" role="status">
        <p>
          {account.displayName}（{account.email}）
        </p>
      </div>
      <section class="card" aria-labelledby="issued-password">
        <h2 id="issued-password">{tr(view, '初期パスワード', 'Initial password')}</h2>
        <p class="secret" data-generated-password>
          {props.password}
        </p>
        <p>
          {tr(
            view,
            'このパスワードはこの画面で一度だけ表示します。本人に安全な方法で伝え、ログイン後に「パスワード変更」で自分のパスワードに変えてもらってください。',
            'This password is shown on this page only once. Give it to the person safely and ask them to change it under "Change password" after logging in.',
          )}
        </p>
      </section>
      <p class="actions">
        <a class="button" href={`/admin/accounts/${account.id}`}>
          {tr(view, 'アカウントの詳細へ', 'Go to the account')}
        </a>
        <a href="/admin/accounts">{tr(view, 'アカウント一覧へ', 'Back to the accounts')}</a>
      </p>
    </Layout>
  );
}

/** One account: its facts, the edit form, and the buttons to disable, enable or issue a password. */
export function AccountPage(props: {
  view: PageView;
  municipality: MunicipalityInfo;
  account: AccountSummary;
  isSelf: boolean;
  values?: FormValues;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, account, municipality } = props;
  const values: FormValues = props.values ?? {
    displayName: account.displayName,
    role: account.role,
    organisation: account.organisation ?? '',
  };
  const disabled = account.disabledAt !== null;
  return (
    <Layout view={view} title={account.displayName}>
      <p class="muted">
        <a href="/admin/accounts">{tr(view, 'アカウント管理', 'Accounts')}</a> ›
      </p>
      <h1>
        {account.displayName} <StatusLabel view={view} disabled={disabled} />
      </h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <dl class="facts card">
        <dt>{tr(view, 'メールアドレス', 'E-mail address')}</dt>
        <dd>{account.email}</dd>
        <dt>{tr(view, '役割', 'Role')}</dt>
        <dd>{roleName(view.lang, account.role)}</dd>
        <dt>{tr(view, '所属', 'Organisation')}</dt>
        <dd>{organisationName(view.lang, account.organisation, municipality.organisations)}</dd>
        <dt>{tr(view, '自治体', 'Municipality')}</dt>
        <dd>{municipality.name}</dd>
        <dt>{tr(view, '作成日時', 'Created')}</dt>
        <dd>{formatDateTime(view.lang, account.createdAt)}</dd>
        <dt>{tr(view, '最終ログイン', 'Last login')}</dt>
        <dd>{formatDateTime(view.lang, account.lastLoginAt)}</dd>
        {disabled ? (
          <>
            <dt>{tr(view, '利用停止日時', 'Disabled on')}</dt>
            <dd>{formatDateTime(view.lang, account.disabledAt)}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/admin/audit?entityType=account&entityKey=${account.id}`}>
          {tr(view, 'このアカウントの変更履歴', 'Changes to this account')}
        </a>
      </p>

      <h2 id="edit">{tr(view, '表示名・役割・所属の変更', 'Change name, role or organisation')}</h2>
      <form method="post" action={`/admin/accounts/${account.id}`} class="stack card">
        <CsrfField view={view} />
        <DisplayNameField view={view} values={values} problem={props.problem} />
        {props.isSelf ? (
          <p class="muted">
            {tr(
              view,
              '自分自身の役割は変更できません。必要な場合は別の管理者に依頼してください。',
              'You cannot change your own role; ask another administrator.',
            )}
            <input type="hidden" name="role" value={account.role} />
          </p>
        ) : (
          <RoleField view={view} values={values} problem={props.problem} />
        )}
        <OrganisationFields view={view} municipality={municipality} values={values} problem={props.problem} />
        <div>
          <button type="submit">{tr(view, '変更を保存', 'Save changes')}</button>
        </div>
      </form>

      <h2 id="status">{tr(view, '利用停止・再開', 'Disable or enable')}</h2>
      {props.isSelf ? (
        <p>
          {tr(view, '自分自身のアカウントは利用停止にできません。', 'You cannot disable your own account.')}
        </p>
      ) : disabled ? (
        <form method="post" action={`/admin/accounts/${account.id}/enable`} class="card">
          <CsrfField view={view} />
          <p>
            {tr(
              view,
              '利用を再開すると、このアカウントで再びログインできます。',
              'Enabling lets this person log in again.',
            )}
          </p>
          <button type="submit">{tr(view, '利用を再開する', 'Enable the account')}</button>
        </form>
      ) : (
        <form method="post" action={`/admin/accounts/${account.id}/disable`} class="card">
          <CsrfField view={view} />
          <p>
            {tr(
              view,
              '利用停止にすると、このアカウントではログインできなくなり、ログイン中の画面もすぐに使えなくなります。記録は残り、いつでも再開できます。',
              'A disabled account cannot log in and its open sessions end at once. Its records stay, and it can be enabled again.',
            )}
          </p>
          <button type="submit" class="button-danger">
            {tr(view, '利用停止にする', 'Disable the account')}
          </button>
        </form>
      )}

      {props.isSelf ? null : (
        <>
          <h2 id="password">{tr(view, 'パスワードの再発行', 'Issue a new password')}</h2>
          <form method="post" action={`/admin/accounts/${account.id}/password`} class="card">
            <CsrfField view={view} />
            <p>
              {tr(
                view,
                'パスワードを忘れた人のために、新しいパスワードを自動で作成して一度だけ表示します。今までのパスワードは使えなくなり、ログイン中の画面は終了します。',
                'For someone who forgot their password: a new one is generated and shown once. The old one stops working and open sessions end.',
              )}
            </p>
            <button type="submit" class="button-secondary">
              {tr(view, '新しいパスワードを発行する', 'Issue a new password')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
