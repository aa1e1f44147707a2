import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { FiscalYearLinks } from '../../../platform/ui/fiscal-year-links';
import { InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { JoinRequest, MemberBody } from '../schema';

export interface MemberLine {
  id: number;
  name: string;
  businessId: number | null;
  representative: string;
  phone: string;
  joinedOn: string;
  leftOn: string | null;
  note: string;
  feeYen: number | null;
  feePaidOn: string | null;
}

/** A body's keepers: requests to decide, the member list with one year's fees, and members to add. */
export function ManagePage(props: {
  view: PageView;
  body: MemberBody;
  fiscalYear: number;
  years: number[];
  today: string;
  requests: (JoinRequest & { businessName: string })[];
  members: MemberLine[];
  businesses: { id: number; name: string }[];
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, body, fiscalYear, values, problem } = props;
  const current = props.members.filter((m) => m.leftOn === null);
  const title = tr(view, `${body.name}の名簿`, `Members of ${body.name}`);
  const common = { view, values, problem };
  return (
    <Layout view={view} title={title} wide>
      <p class="muted">
        <a href="/memberships">{tr(view, '← 商店会・商工会', '← Associations')}</a>
      </p>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <p data-current={current.length}>
        {tr(view, `現在の会員：${current.length}`, `Current members: ${current.length}`)}{' '}
        <a href={`/memberships/${body.id}/members.csv?fy=${fiscalYear}`}>
          {tr(view, '名簿をCSVで保存', 'Download the list (CSV)')}
        </a>
      </p>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">
          {tr(
            view,
            `入会の申し込み（${props.requests.length}件）`,
            `Requests to join (${props.requests.length})`,
          )}
        </h2>
        {props.requests.length === 0 ? (
          <p data-empty="requests">
            {tr(view, '確認待ちの申し込みはありません。', 'No request is waiting.')}
          </p>
        ) : (
          <ul data-list="requests">
            {props.requests.map((r) => (
              <li data-request={r.id}>
                <h3>{r.businessName}</h3>
                <p>
                  {tr(view, `代表者：${r.representative}`, `Representative: ${r.representative}`)}
                  {r.phone ? tr(view, `　電話：${r.phone}`, `  Phone: ${r.phone}`) : ''}
                </p>
                {r.message ? <p class="description">{r.message}</p> : null}
                <form method="post" action={`/memberships/${body.id}/requests/${r.id}`} class="inline-form">
                  <CsrfField view={view} />
                  <input type="hidden" name="decision" value="accept" />
                  <label for={`joinedOn-${r.id}`}>{tr(view, '入会日', 'Joined on')}</label>
                  <input id={`joinedOn-${r.id}`} name="joinedOn" type="date" value={props.today} required />
                  <button type="submit">
                    {tr(view, `${r.businessName}の入会を承諾する`, `Accept ${r.businessName}`)}
                  </button>
                </form>
                <form method="post" action={`/memberships/${body.id}/requests/${r.id}`} class="inline-form">
                  <CsrfField view={view} />
                  <input type="hidden" name="decision" value="decline" />
                  <label for={`reason-${r.id}`}>
                    {tr(view, 'お断りの理由（申込者に表示）', 'Reason (the applicant sees it)')}
                  </label>
                  <input id={`reason-${r.id}`} name="reason" maxlength={500} required />
                  <button type="submit" class="button-secondary">
                    {tr(view, `${r.businessName}の申し込みを断る`, `Decline ${r.businessName}`)}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{tr(view, '会員と会費', 'Members and fees')}</h2>
        <FiscalYearLinks
          view={view}
          years={props.years}
          selected={fiscalYear}
          href={(fy) => `/memberships/${body.id}?fy=${fy}`}
        />
        {props.members.length === 0 ? (
          <p data-empty="members">{tr(view, 'まだ会員がいません。', 'No member yet.')}</p>
        ) : (
          <div class="table-wrap">
            <table data-table="members">
              <caption>
                {tr(
                  view,
                  `会費は${formatFiscalYear(view.lang, fiscalYear)}分`,
                  `Fees for ${formatFiscalYear(view.lang, fiscalYear)}`,
                )}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr(view, '会員', 'Member')}</th>
                  <th scope="col">{tr(view, '代表者・電話', 'Representative, phone')}</th>
                  <th scope="col">{tr(view, '入会・退会', 'Joined, left')}</th>
                  <th scope="col">{tr(view, '会費', 'Fee')}</th>
                  <th scope="col">{tr(view, '記録', 'Record')}</th>
                </tr>
              </thead>
              <tbody>
                {props.members.map((m) => (
                  <tr data-member={m.id} data-left={m.leftOn ? 'yes' : 'no'}>
                    <th scope="row">
                      {m.businessId ? <a href={`/businesses/${m.businessId}`}>{m.name}</a> : m.name}
                    </th>
                    <td>
                      {m.representative}
                      {m.phone ? <div>{m.phone}</div> : null}
                    </td>
                    <td>
                      {formatDate(view.lang, m.joinedOn)}
                      {m.leftOn ? (
                        <div>
                          {tr(
                            view,
                            `${formatDate(view.lang, m.leftOn)} 退会`,
                            `left ${formatDate(view.lang, m.leftOn)}`,
                          )}
                        </div>
                      ) : null}
                    </td>
                    <td data-fee={m.feeYen === null ? 'unpaid' : 'paid'}>
                      {m.feeYen === null
                        ? tr(view, '未納', 'Not paid')
                        : tr(
                            view,
                            `${m.feeYen.toLocaleString('ja-JP')}円（${formatDate(view.lang, m.feePaidOn ?? '')}）`,
                            `¥${m.feeYen.toLocaleString('en-GB')} (${formatDate(view.lang, m.feePaidOn ?? '')})`,
                          )}
                    </td>
                    <td>
                      <details>
                        <summary>{tr(view, `${m.name}の会費・退会`, `Fee or leaving: ${m.name}`)}</summary>
                        <form
                          method="post"
                          action={`/memberships/${body.id}/members/${m.id}/fee?fy=${fiscalYear}`}
                          class="stack"
                        >
                          <CsrfField view={view} />
                          <input type="hidden" name="fiscalYear" value={String(fiscalYear)} />
                          <label for={`amountYen-${m.id}`}>{tr(view, '会費（円）', 'Fee (yen)')}</label>
                          <input
                            id={`amountYen-${m.id}`}
                            name="amountYen"
                            inputmode="numeric"
                            value={m.feeYen === null ? '' : String(m.feeYen)}
                            required
                          />
                          <label for={`paidOn-${m.id}`}>{tr(view, '納入日', 'Paid on')}</label>
                          <input
                            id={`paidOn-${m.id}`}
                            name="paidOn"
                            type="date"
                            value={m.feePaidOn ?? props.today}
                            required
                          />
                          <button type="submit">{tr(view, '会費を記録する', 'Record the fee')}</button>
                        </form>
                        {m.leftOn === null ? (
                          <form
                            method="post"
                            action={`/memberships/${body.id}/members/${m.id}/leave?fy=${fiscalYear}`}
                            class="stack"
                          >
                            <CsrfField view={view} />
                            <label for={`leftOn-${m.id}`}>{tr(view, '退会日', 'Left on')}</label>
                            <input
                              id={`leftOn-${m.id}`}
                              name="leftOn"
                              type="date"
                              value={props.today}
                              required
                            />
                            <button type="submit" class="button-secondary">
                              {tr(view, '退会を記録する', 'Record leaving')}
                            </button>
                          </form>
                        ) : null}
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="add-heading">
        <h2 id="add-heading">{tr(view, '会員を追加する', 'Add a member')}</h2>
        <form method="post" action={`/memberships/${body.id}/members`} class="stack">
          <CsrfField view={view} />
          <SelectField
            {...common}
            name="businessId"
            required={false}
            label={tr(
              view,
              '事業者一覧の事業者（一覧にない場合は空のまま）',
              'Business in the directory (leave empty if it is not there)',
            )}
            options={[
              { value: '', label: tr(view, '（一覧にない）', '(not in the directory)') },
              ...props.businesses.map((b) => ({ value: String(b.id), label: b.name })),
            ]}
          />
          <InputField
            {...common}
            name="name"
            required={false}
            label={tr(view, '会員名（一覧にない場合）', 'Member name (if not in the directory)')}
            maxlength={100}
          />
          <InputField
            {...common}
            name="representative"
            required={false}
            label={tr(view, '代表者名', 'Representative')}
            maxlength={100}
          />
          <InputField
            {...common}
            name="phone"
            type="tel"
            inputmode="tel"
            required={false}
            label={tr(view, '電話番号', 'Phone')}
            maxlength={20}
          />
          <InputField
            {...common}
            name="joinedOn"
            type="date"
            label={tr(view, '入会日', 'Joined on')}
            initial={props.today}
          />
          <TextAreaField
            {...common}
            name="note"
            required={false}
            label={tr(view, 'メモ', 'Note')}
            maxlength={500}
          />
          <div class="actions">
            <button type="submit">{tr(view, '会員を追加する', 'Add the member')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
