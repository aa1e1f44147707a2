import { formatDateTime } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { formatNumber, localise } from '../../../platform/i18n';
import { CheckboxField, InputField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { InquiryRow, PropertyRow } from '../schema';
import { stageNames } from '../words';

const yenText = (view: PageView, v: number | null) =>
  v === null ? '—' : tr(view, `${formatNumber('ja', v)}円`, `${formatNumber('en', v)} yen`);

/** An inquiry as its readers see it: what business, when, budget, message. */
function InquiryFacts(props: { view: PageView; inquiry: InquiryRow }) {
  const { view, inquiry: q } = props;
  return (
    <dl class="facts">
      <dt>{tr(view, '事業', 'Business')}</dt>
      <dd data-field="businessPlan">{q.businessPlan}</dd>
      <dt>{tr(view, '開業時期', 'Opening')}</dt>
      <dd data-field="startingWhen">{q.startingWhen}</dd>
      <dt>{tr(view, '予算', 'Budget')}</dt>
      <dd data-field="budgetYen">{yenText(view, q.budgetYen)}</dd>
      {q.message ? (
        <>
          <dt>{tr(view, 'メッセージ', 'Message')}</dt>
          <dd data-field="message">{q.message}</dd>
        </>
      ) : null}
      <dt>{tr(view, '受付日時', 'Received')}</dt>
      <dd>{formatDateTime(view.lang, q.createdAt)}</dd>
    </dl>
  );
}

/** Below a public listing: the inquiry form for an applicant, a way in for a visitor. */
export function InquiryForm(props: {
  view: PageView;
  propertyId: number;
  values: FormValues;
  problem?: FormProblem | undefined;
  mayInquire: boolean;
  sent?: boolean;
  /** the applicant asked to share it, but no start-up case of theirs was found */
  noCase?: boolean;
}) {
  const { view, values, problem } = props;
  const common = { view, values, problem };
  return (
    <section aria-labelledby="inquiry-heading" id="inquiry">
      <h2 id="inquiry-heading">{tr(view, 'この物件について問い合わせる', 'Ask about this property')}</h2>
      {props.sent ? (
        <p role="status" class="notice">
          {tr(
            view,
            '問い合わせを送りました。掲載者から連絡があります。',
            'Your inquiry was sent. The poster will contact you.',
          )}{' '}
          <a href="/properties/inquiries/mine">{tr(view, '送った問い合わせ', 'Your inquiries')}</a>
          {props.noCase
            ? tr(
                view,
                '（このアカウントの創業相談の記録が見つからなかったため、相談員には共有していません。相談の際にアカウントのメールアドレスを伝えてください）',
                ' (no start-up consultation is recorded for this account, so no counsellor sees it; give your account’s e-mail address when you consult)',
              )
            : null}
        </p>
      ) : null}
      {!props.view.account ? (
        <p>
          <a href={`/login?next=${encodeURIComponent(`/properties/${props.propertyId}#inquiry`)}`}>
            {tr(view, 'ログインして問い合わせる', 'Log in to ask')}
          </a>
          {tr(
            view,
            '（問い合わせはつなぐを通して掲載者に届きます。所有者の連絡先は公開していません）',
            ' (inquiries reach the poster through Tsunagu; owners’ contacts are not published)',
          )}
        </p>
      ) : props.mayInquire ? (
        <form
          method="post"
          action={`/properties/${props.propertyId}/inquiries#inquiry`}
          class="stack"
          novalidate
        >
          <CsrfField view={view} />
          <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? ''} />
          <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
          <TextAreaField
            {...common}
            name="businessPlan"
            required
            label={tr(view, 'どんな事業をしたいか', 'The business you plan')}
            hint={tr(view, '例：テイクアウト中心のパン屋', 'e.g. a take-away bakery')}
            maxlength={1000}
            rows={3}
          />
          <InputField
            {...common}
            name="startingWhen"
            label={tr(view, '開業したい時期', 'When you want to open')}
            hint={tr(view, '例：2027年春', 'e.g. spring 2027')}
            maxlength={50}
          />
          <InputField
            {...common}
            name="budgetYen"
            required={false}
            label={tr(view, '予算（円・任意）', 'Budget (yen, optional)')}
            hint={tr(
              view,
              '賃貸は月額、売買は購入額。例：80000',
              'Rent a month, or the purchase. e.g. 80000',
            )}
            inputmode="numeric"
            maxlength={16}
          />
          <TextAreaField
            {...common}
            name="message"
            label={tr(view, '掲載者へのメッセージ（任意）', 'Message to the poster (optional)')}
            maxlength={1000}
            rows={3}
          />
          <CheckboxField
            name="shareWithCounsellor"
            values={values}
            label={tr(
              view,
              'Bi@Sta・商工会で創業相談をしている場合、担当の相談員にもこの問い合わせを見せる',
              'If you consult Bi@Sta or the chamber about starting up, let your counsellor see this inquiry',
            )}
          />
          <p class="muted">
            {tr(
              view,
              '掲載者には、あなたの名前とメールアドレスが伝わります。',
              'The poster receives your name and e-mail address.',
            )}
          </p>
          <div class="actions">
            <button type="submit">{tr(view, '問い合わせを送る', 'Send the inquiry')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** On the manage page: the listing's status, and the inquiries it received. */
export function ManageSections(props: {
  view: PageView;
  listing: PropertyRow;
  inquiries: { inquiry: InquiryRow; applicantName: string; applicantEmail: string }[];
  values: FormValues;
  problem?: FormProblem | undefined;
}) {
  const { view, listing: p, values, problem } = props;
  const final = p.stage === 'contracted' || p.stage === 'withdrawn';
  return (
    <>
      <section aria-labelledby="stage-heading" id="stage">
        <h2 id="stage-heading">{tr(view, '状況', 'Status')}</h2>
        <p data-stage={p.stage}>
          {tr(view, '今の状況：', 'Now: ')}
          <strong>{localise(view.lang, stageNames[p.stage])}</strong>
          {p.contractedOn
            ? tr(view, `（成約日 ${p.contractedOn}）`, ` (contracted on ${p.contractedOn})`)
            : null}
        </p>
        {final ? null : (
          <form method="post" action={`/properties/${p.id}/stage#stage`} class="stack" novalidate>
            <CsrfField view={view} />
            <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
            <div>
              <label for="stage-select">{tr(view, '新しい状況', 'New status')}</label>
              <select id="stage-select" name="stage">
                {(['open', 'negotiating', 'contracted', 'withdrawn'] as const)
                  .filter((s) => s !== p.stage)
                  .map((s) => (
                    <option value={s} selected={values.stage === s}>
                      {localise(view.lang, stageNames[s])}
                    </option>
                  ))}
              </select>
            </div>
            <InputField
              view={view}
              values={values}
              problem={problem}
              name="contractedOn"
              type="date"
              required={false}
              label={tr(
                view,
                '成約日（成約のとき・空欄は今日）',
                'Contracted on (if contracted; empty for today)',
              )}
            />
            <InputField
              view={view}
              values={values}
              problem={problem}
              name="movedInBusinessId"
              required={false}
              inputmode="numeric"
              maxlength={9}
              label={tr(view, '入居した事業者の番号（任意）', 'Business that moved in, by number (optional)')}
              hint={tr(
                view,
                '事業者一覧のページのURLの数字（/businesses/12 なら 12）',
                'The digits of its directory page (/businesses/12 → 12)',
              )}
            />
            <CheckboxField
              name="startup"
              values={values}
              label={tr(view, '入居者はここで創業した（新規開業）', 'The tenant started a new business here')}
            />
            <div class="actions">
              <button type="submit">{tr(view, '状況を変更する', 'Change the status')}</button>
            </div>
          </form>
        )}
      </section>
      <section aria-labelledby="inquiries-heading" id="inquiries">
        <h2 id="inquiries-heading">
          {tr(view, `問い合わせ（${props.inquiries.length}件）`, `Inquiries (${props.inquiries.length})`)}
        </h2>
        {props.inquiries.length === 0 ? (
          <p data-empty="inquiries">{tr(view, 'まだ問い合わせはありません。', 'No inquiries yet.')}</p>
        ) : (
          <ul class="stack" data-list="inquiries">
            {props.inquiries.map(({ inquiry, applicantName, applicantEmail }) => (
              <li class="card" data-inquiry={inquiry.id}>
                <p>
                  <strong>{applicantName}</strong>（<a href={`mailto:${applicantEmail}`}>{applicantEmail}</a>
                  ）
                </p>
                <InquiryFacts view={view} inquiry={inquiry} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The inquiries a person sent, or those shared with a counsellor. */
export function InquiryListPage(props: {
  view: PageView;
  title: string;
  lead: string;
  rows: { inquiry: InquiryRow; title: string; applicantName?: string }[];
  notice?: string | undefined;
}) {
  const { view } = props;
  return (
    <Layout view={view} title={props.title}>
      <h1>{props.title}</h1>
      <Notice message={props.notice} />
      <p class="lead">{props.lead}</p>
      {props.rows.length === 0 ? (
        <p data-empty="inquiries">{tr(view, '問い合わせはありません。', 'No inquiries.')}</p>
      ) : (
        <ul class="stack" data-list="inquiries">
          {props.rows.map((r) => (
            <li class="card" data-inquiry={r.inquiry.id}>
              <h2>
                <a href={`/properties/${r.inquiry.propertyId}`}>{r.title}</a>
              </h2>
              {r.applicantName ? (
                <p>
                  {r.applicantName}
                  {r.inquiry.consultationCaseId ? (
                    <>
                      {' '}
                      <a href={`/consultations/cases/${r.inquiry.consultationCaseId}`}>
                        {tr(
                          view,
                          `相談案件 No.${r.inquiry.consultationCaseId}`,
                          `Case No. ${r.inquiry.consultationCaseId}`,
                        )}
                      </a>
                    </>
                  ) : null}
                </p>
              ) : null}
              <InquiryFacts view={view} inquiry={r.inquiry} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
