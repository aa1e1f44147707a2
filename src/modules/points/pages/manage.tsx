import { formatDate } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { CheckboxField, InputField, SelectField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { ProgrammeRules } from '../programme';
import type { GiftCertificateIssue } from '../schema';
import type { Shop } from '../shops';
import type { Wallet } from '../wallet';
import { IdempotencyField, yen } from './components';
import { WalletSummary } from './wallet';

const statusNames = {
  applied: { ja: '承認待ち', en: 'Awaiting approval' },
  approved: { ja: '取扱中', en: 'Taking part' },
  withdrawn: { ja: '取扱終了', en: 'Left' },
} as const;

function IssueFields(props: { view: PageView; values: FormValues; problem: FormProblem | undefined }) {
  const { view } = props;
  const field = (name: string, ja: string, en: string, type = 'text', hint?: string) => (
    <InputField
      view={view}
      name={name}
      label={tr(view, ja, en)}
      hint={hint}
      type={type}
      inputmode={type === 'text' && name !== 'name' ? 'numeric' : undefined}
      values={props.values}
      problem={props.problem}
    />
  );
  return (
    <>
      {field('name', '名称', 'Name')}
      {field('priceYen', '販売価格（円）', 'Price (yen)', 'text', tr(view, '例：10000', 'e.g. 10000'))}
      {field(
        'faceValueYen',
        '額面（円・プレミアム込み）',
        'Face value (yen, with premium)',
        'text',
        tr(view, '例：13000', 'e.g. 13000'),
      )}
      {field('salesFrom', '販売開始日', 'Sales from', 'date')}
      {field('salesUntil', '販売終了日', 'Sales until', 'date')}
      {field('validUntil', '有効期限（この日まで使えます）', 'Valid until (last day of use)', 'date')}
      {field('perPersonLimit', '1人あたりの上限（冊）', 'Limit per person (sets)')}
      {field('totalSets', '発行総数（冊）', 'Sets issued')}
    </>
  );
}

/** Which of the office page's forms a refusal belongs to. */
export type ManageForm = 'programme' | 'shops' | 'issue';

function ProgrammeSection(props: {
  view: PageView;
  rules: ProgrammeRules;
  values: FormValues;
  problem: FormProblem | undefined;
}) {
  const { view, rules } = props;
  const values = Object.keys(props.values).length
    ? props.values
    : { yenPerPoint: String(rules.yenPerPoint), pointsPay: rules.pointsPay ? 'on' : '' };
  return (
    <section aria-labelledby="programme-heading">
      <h2 id="programme-heading">{tr(view, 'ポイントのルール', 'Points rules')}</h2>
      <p data-field="rules">
        {tr(
          view,
          `いまは${yen(view, rules.yenPerPoint)}ごとに1ポイント。ポイントでの支払い：${rules.pointsPay ? 'できる（商品券の残高の次に使われます）' : 'できない'}`,
          `Now 1 point per ${yen(view, rules.yenPerPoint)}. Points ${rules.pointsPay ? 'pay at shops (after gift-certificate value)' : 'do not pay at shops'}.`,
        )}
      </p>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <form method="post" action="/points/manage/programme" class="stack card">
        <CsrfField view={view} />
        <InputField
          view={view}
          name="yenPerPoint"
          label={tr(view, '付与率（何円ごとに1ポイント）', 'Yen per point')}
          hint={tr(
            view,
            '例：100（100円ごとに1ポイント）。次の付与から使われます。',
            'e.g. 100 (one point per 100 yen). Applies from the next purchase.',
          )}
          inputmode="numeric"
          values={values}
          problem={props.problem}
        />
        <CheckboxField
          name="pointsPay"
          label={tr(view, 'ポイントを店舗での支払いに使えるようにする', 'Points pay at shops')}
          values={values}
        />
        <div>
          <button type="submit">{tr(view, 'ルールを保存する', 'Save the rules')}</button>
        </div>
      </form>
    </section>
  );
}

function ShopCard(props: { view: PageView; shop: Shop }) {
  const { view, shop: s } = props;
  return (
    <li class="card" data-shop={s.id}>
      <p>
        <strong>{s.businessName}</strong>{' '}
        <span class="badge">{tr(view, statusNames[s.status].ja, statusNames[s.status].en)}</span>
      </p>
      {s.status === 'withdrawn' && s.withdrawnAt ? (
        <p class="hint">
          {tr(
            view,
            `${formatDate('ja', s.withdrawnAt)}に取扱終了`,
            `Left on ${formatDate('en', s.withdrawnAt)}`,
          )}
        </p>
      ) : null}
      {s.status !== 'approved' ? (
        <form method="post" action={`/points/manage/shops/${s.id}/approve`}>
          <CsrfField view={view} />
          <button type="submit">
            {s.status === 'withdrawn'
              ? tr(view, `${s.businessName}の取扱を再開する`, `Take ${s.businessName} back in`)
              : tr(view, `${s.businessName}を承認する`, `Approve ${s.businessName}`)}
          </button>
        </form>
      ) : (
        <details>
          <summary>{tr(view, '取扱を終了する', 'End participation')}</summary>
          <form method="post" action={`/points/manage/shops/${s.id}/withdraw`} class="stack">
            <CsrfField view={view} />
            <div>
              <label for={`reason-${s.id}`}>
                {tr(view, '理由（任意・200文字まで）', 'Reason (optional, up to 200 characters)')}
              </label>
              <input id={`reason-${s.id}`} name="reason" type="text" maxlength={200} />
            </div>
            <div>
              <button type="submit">
                {tr(view, `${s.businessName}の取扱を終了する`, `End ${s.businessName}’s participation`)}
              </button>
            </div>
          </form>
        </details>
      )}
    </li>
  );
}

/** The issuer's page: the rules, shops to approve, enrol and take part, gift-certificate issues, and the reports. */
export function ManagePage(props: {
  view: PageView;
  rules: ProgrammeRules;
  shops: Shop[];
  /** businesses of the directory that could be enrolled from a paper application */
  candidates: string[];
  issues: GiftCertificateIssue[];
  notice?: string | undefined;
  values: FormValues;
  problem?: FormProblem | undefined;
  form?: ManageForm;
}) {
  const { view } = props;
  const title = tr(view, 'るのかーど事務局', 'るのかーど office');
  const forForm = (form: ManageForm) =>
    (props.form ?? 'issue') === form
      ? { values: props.values, problem: props.problem }
      : { values: {}, problem: undefined };
  const taking = props.shops.filter((s) => s.status === 'approved').length;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ul class="inline-list">
        <li>
          <a href="/points/manage/settlements">{tr(view, '店舗への精算', 'Settlements with shops')}</a>
        </li>
        <li>
          <a href="/points/manage/outstanding">
            {tr(view, '未使用残高（基準日）', 'Unused balance at base dates')}
          </a>
        </li>
        <li>
          <a href="/points/manage/statistics">{tr(view, '利用統計', 'Statistics')}</a>
        </li>
        <li>
          <a href="/points/manage/residents">{tr(view, '利用者の履歴', 'A resident’s history')}</a>
        </li>
      </ul>
      <ProgrammeSection view={view} rules={props.rules} {...forForm('programme')} />
      <section aria-labelledby="shops-heading">
        <h2 id="shops-heading">
          {tr(
            view,
            `取扱店舗（取扱中 ${taking}店・全${props.shops.length}店）`,
            `Shops (${taking} taking part of ${props.shops.length})`,
          )}
        </h2>
        {props.shops.length === 0 ? (
          <p>{tr(view, 'まだ参加の申込はありません。', 'No shop has applied yet.')}</p>
        ) : null}
        <ul class="stack" data-list="shops">
          {props.shops.map((s) => (
            <ShopCard view={view} shop={s} />
          ))}
        </ul>
        <h3>{tr(view, '紙の申込書から登録する', 'Enrol a shop from a paper application')}</h3>
        <ErrorSummary
          view={view}
          message={forForm('shops').problem?.message}
          details={forForm('shops').problem?.details}
        />
        <form method="post" action="/points/manage/shops" class="stack card">
          <CsrfField view={view} />
          <InputField
            view={view}
            name="business"
            label={tr(view, '事業者名（事業者名簿から）', 'Business (from the directory)')}
            hint={tr(
              view,
              '名簿に公開中の事業者だけ登録できます。入力すると候補が出ます。',
              'Only published businesses of the directory can be enrolled. Suggestions appear as you type.',
            )}
            list="enrol-candidates"
            values={forForm('shops').values}
            problem={forForm('shops').problem}
          />
          <datalist id="enrol-candidates">
            {props.candidates.map((name) => (
              <option value={name} />
            ))}
          </datalist>
          <div>
            <button type="submit">{tr(view, '取扱店舗として登録する', 'Enrol as a shop')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="issues-heading">
        <h2 id="issues-heading">{tr(view, 'デジタル商品券', 'Digital gift certificates')}</h2>
        <ul class="stack" data-list="issues">
          {props.issues.map((i) => (
            <li class="card" data-issue={i.id}>
              <p>
                <a href={`/points/manage/issues/${i.id}`}>{i.name}</a>
              </p>
              <p class="hint">
                {tr(
                  view,
                  `${yen(view, i.priceYen)}で${yen(view, i.faceValueYen)}分・販売 ${formatDate('ja', i.salesFrom)}〜${formatDate('ja', i.salesUntil)}・有効期限 ${formatDate('ja', i.validUntil)}・販売済み ${i.soldSets}/${i.totalSets}冊`,
                  `${yen(view, i.faceValueYen)} for ${yen(view, i.priceYen)}, on sale ${formatDate('en', i.salesFrom)}–${formatDate('en', i.salesUntil)}, valid until ${formatDate('en', i.validUntil)}, sold ${i.soldSets}/${i.totalSets}`,
                )}
              </p>
            </li>
          ))}
        </ul>
        <h3>{tr(view, '新しい商品券を発行する', 'Set up a new issue')}</h3>
        <ErrorSummary
          view={view}
          message={forForm('issue').problem?.message}
          details={forForm('issue').problem?.details}
        />
        <form method="post" action="/points/manage/issues" class="stack card">
          <CsrfField view={view} />
          <IssueFields view={view} {...forForm('issue')} />
          <div>
            <button type="submit">{tr(view, '発行する', 'Set up')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

/** One issue: its figures, and the counter sale to a resident. */
export function IssuePage(props: {
  view: PageView;
  issue: GiftCertificateIssue;
  notice?: string | undefined;
  values: FormValues;
  problem?: FormProblem | undefined;
  idempotencyKey: string;
}) {
  const { view, issue } = props;
  return (
    <Layout view={view} title={issue.name}>
      <p>
        <a href="/points/manage">{tr(view, '事務局のページへ', 'Back to the office')}</a>
      </p>
      <h1>{issue.name}</h1>
      <Notice message={props.notice} />
      <p data-field="sold">
        {tr(
          view,
          `販売済み ${issue.soldSets}冊／${issue.totalSets}冊`,
          `Sold ${issue.soldSets} of ${issue.totalSets} sets`,
        )}
      </p>
      <h2>{tr(view, '窓口での販売を記録する', 'Record a counter sale')}</h2>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <form method="post" action={`/points/manage/issues/${issue.id}/sales`} class="stack card">
        <CsrfField view={view} />
        <IdempotencyField value={props.idempotencyKey} />
        <InputField
          view={view}
          name="email"
          type="email"
          label={tr(
            view,
            '購入者のメールアドレス（るのかーどのアカウント）',
            'Buyer’s e-mail (their るのかーど account)',
          )}
          values={props.values}
          problem={props.problem}
        />
        <InputField
          view={view}
          name="sets"
          label={tr(
            view,
            `冊数（1人${issue.perPersonLimit}冊まで）`,
            `Sets (at most ${issue.perPersonLimit} per person)`,
          )}
          inputmode="numeric"
          initial="1"
          values={props.values}
          problem={props.problem}
        />
        <SelectField
          view={view}
          name="paymentMethod"
          label={tr(view, '代金の受領方法', 'Payment received by')}
          options={[
            { value: 'cash', label: tr(view, '現金', 'Cash') },
            { value: 'bank', label: tr(view, '振込', 'Bank transfer') },
            { value: 'other', label: tr(view, 'その他', 'Other') },
          ]}
          values={props.values}
          problem={props.problem}
        />
        <div>
          <button type="submit">
            {tr(view, '代金を受け取り、販売を記録する', 'Payment received: record the sale')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** What the issuer's staff see of one resident: personal data, read by them only. */
export function ResidentPage(props: {
  view: PageView;
  email: string;
  resident?: { id: number; displayName: string } | undefined;
  wallet?: Wallet | undefined;
}) {
  const { view } = props;
  const title = tr(view, '利用者の履歴', 'A resident’s history');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <form method="get" action="/points/manage/residents" class="stack">
        <div>
          <label for="email">{tr(view, 'メールアドレス', 'E-mail')}</label>
          <input id="email" name="email" type="email" value={props.email} required />
        </div>
        <div>
          <button type="submit">{tr(view, '表示する', 'Show')}</button>
        </div>
      </form>
      {props.email && !props.resident ? (
        <p data-empty="resident">{tr(view, 'その利用者は見つかりません。', 'No such resident.')}</p>
      ) : null}
      {props.resident && props.wallet ? (
        <>
          <h2>{props.resident.displayName}</h2>
          <WalletSummary view={view} wallet={props.wallet} />
        </>
      ) : null}
    </Layout>
  );
}
