import { formatDate, formatDateTime } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { InputField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { DealRow, MessageRow, PostRow, ThreadRow } from '../matching-schema';
import type { BusinessRow } from '../schema';
import type { SharedContact } from '../thread-service';
import { kindNames } from './posts';

/** The conversations of a business. */
export function ThreadsPage(props: {
  view: PageView;
  rows: { thread: ThreadRow; post: PostRow; otherName: string }[];
}) {
  const { view } = props;
  const title = tr(view, 'メッセージ', 'Messages');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="muted">
        {tr(
          view,
          'やりとりの内容は、当事者の2社だけが読めます。',
          'Only the two businesses of a conversation can read it.',
        )}
      </p>
      {props.rows.length === 0 ? (
        <p data-empty="threads">{tr(view, 'やりとりはまだありません。', 'No conversations yet.')}</p>
      ) : (
        <ul class="stack" data-list="threads">
          {props.rows.map((r) => (
            <li class="card" data-thread={r.thread.id}>
              <a href={`/businesses/threads/${r.thread.id}`}>{r.otherName}</a>
              <p class="muted">
                {localise(view.lang, kindNames[r.post.kind])}「{r.post.title}」
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** A conversation of two businesses, and the deals they record and confirm in it. */
export function ThreadPage(props: {
  view: PageView;
  post: PostRow;
  me: BusinessRow;
  other: BusinessRow;
  /** the other's contact person and phone, once it has written here (contactSharedIn) */
  otherContact: SharedContact | undefined;
  messages: MessageRow[];
  deals: DealRow[];
  notice?: string | undefined;
  problem?: FormProblem | undefined;
  form?: 'message' | 'deal' | undefined;
  values: FormValues;
  idempotencyKey: string;
  today: string;
  threadId: number;
}) {
  const { view, me, other } = props;
  const title = tr(view, `${other.name}とのやりとり`, `Conversation with ${other.name}`);
  const nameOf = (id: number) => (id === me.id ? me.name : other.name);
  const valuesOf = (form: 'message' | 'deal') => (props.form === form ? props.values : {});
  const problemOf = (form: 'message' | 'deal') => (props.form === form ? props.problem : undefined);
  return (
    <Layout view={view} title={title}>
      <p class="muted">
        <a href="/businesses/threads">{tr(view, '← メッセージ', '← Messages')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {localise(view.lang, kindNames[props.post.kind])}：
        <a href={`/businesses/posts/${props.post.id}`}>{props.post.title}</a>
      </p>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <section aria-labelledby="contact-heading" data-field="other-contact">
        <h2 id="contact-heading">{tr(view, `${other.name}の担当者`, `Contact at ${other.name}`)}</h2>
        {props.otherContact ? (
          <dl class="facts">
            {props.otherContact.name ? (
              <>
                <dt>{tr(view, '担当者', 'Contact person')}</dt>
                <dd>{props.otherContact.name}</dd>
              </>
            ) : null}
            {props.otherContact.phone ? (
              <>
                <dt>{tr(view, '電話', 'Phone')}</dt>
                <dd>
                  <a href={`tel:${props.otherContact.phone}`}>{props.otherContact.phone}</a>
                </dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p class="muted">
            {tr(
              view,
              '相手がこのやりとりでメッセージを送ると、相手の担当者と電話番号（登録があれば）がここに表示されます。',
              'Once the other business writes here, its contact person and phone (if given) are shown here.',
            )}
          </p>
        )}
      </section>
      <ol class="stack" data-list="messages">
        {props.messages.map((m) => (
          <li class="card" data-message={m.id} data-mine={m.authorBusinessId === me.id ? 'true' : 'false'}>
            <p class="muted">
              {nameOf(m.authorBusinessId)} · {formatDateTime(view.lang, m.createdAt)}
            </p>
            <p class="description">{m.body}</p>
          </li>
        ))}
      </ol>
      <form method="post" action={`/businesses/threads/${props.threadId}/messages`} class="stack">
        <CsrfField view={view} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <TextAreaField
          view={view}
          values={valuesOf('message')}
          problem={problemOf('message')}
          name="body"
          required
          label={tr(view, 'メッセージ', 'Message')}
          maxlength={4000}
        />
        <p class="hint" id="message-sharing">
          {tr(
            view,
            '送信すると、相手の事業者に、自社の事業者情報の担当者と電話番号が表示されます（年代は表示されません）。',
            'Once you send, the other business sees the contact person and phone of your profile (never the age band).',
          )}
        </p>
        <button type="submit">{tr(view, '送信する', 'Send')}</button>
      </form>
      <section aria-labelledby="deals-heading">
        <h2 id="deals-heading">{tr(view, '取引の記録', 'Deals')}</h2>
        <p class="muted">
          {tr(
            view,
            '取引が決まったら、どちらか一方が記録し、もう一方が確認します。確認された取引は、市内の受発注件数として市の計画に数えられます（どの事業者かは公表されません）。',
            'When a deal is made, one side records it and the other confirms it. Confirmed deals count as local orders in the city plan (no business is named).',
          )}
        </p>
        {props.deals.length > 0 ? (
          <ul class="stack" data-list="deals">
            {props.deals.map((d) => (
              <li class="card" data-deal={d.id} data-confirmed={d.confirmedAt ? 'true' : 'false'}>
                <p>
                  {formatDate(view.lang, d.dealOn)}
                  {d.amountYen !== null
                    ? ` · ${d.amountYen.toLocaleString('ja-JP')}${tr(view, '円', ' yen')}`
                    : ''}{' '}
                  ·{' '}
                  {tr(
                    view,
                    `記録：${nameOf(d.recordedByBusinessId)}`,
                    `recorded by ${nameOf(d.recordedByBusinessId)}`,
                  )}
                </p>
                {d.confirmedAt ? (
                  <p class="status status-achieved">{tr(view, '確認済み', 'Confirmed')}</p>
                ) : d.confirmingBusinessId === me.id ? (
                  <form method="post" action={`/businesses/deals/${d.id}/confirm?thread=${props.threadId}`}>
                    <CsrfField view={view} />
                    <button type="submit">{tr(view, 'この取引を確認する', 'Confirm this deal')}</button>
                  </form>
                ) : (
                  <p class="status status-none">
                    {tr(view, `${other.name}の確認待ち`, `Awaiting ${other.name}`)}
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        <form method="post" action={`/businesses/threads/${props.threadId}/deals`} class="stack card">
          <CsrfField view={view} />
          <input type="hidden" name="idempotencyKey" value={`${props.idempotencyKey}-deal`} />
          <InputField
            view={view}
            values={valuesOf('deal')}
            problem={problemOf('deal')}
            name="dealOn"
            type="date"
            label={tr(view, '取引日', 'Day of the deal')}
            initial={props.today}
            max={props.today}
          />
          <InputField
            view={view}
            values={valuesOf('deal')}
            problem={problemOf('deal')}
            name="amountYen"
            inputmode="numeric"
            required={false}
            label={tr(view, '金額（円・任意）', 'Amount (yen, optional)')}
            maxlength={15}
          />
          <button type="submit">{tr(view, '取引を記録する', 'Record the deal')}</button>
        </form>
      </section>
    </Layout>
  );
}
