import { formatDateTime } from '../../../platform/fiscal-year';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { EventWithCounts } from '../event-service';
import type { Audience } from '../message-service';
import { eventWhen, type FormProblem, type FormValues, invalidIf } from './components';

type Counts = Record<Audience, number>;

function audienceName(view: PageView, audience: string): string {
  if (audience === 'waiting') return tr(view, 'キャンセル待ちの方', 'The waiting list');
  if (audience === 'attended') return tr(view, '出席した方（受付済み）', 'Those who came (checked in)');
  return tr(view, '参加が確定している方', 'Confirmed participants');
}

/** The form's values carried over to the next step without being shown as fields. */
function Carried(props: { values: FormValues }) {
  return (
    <>
      {(['audience', 'subject', 'body', 'idempotencyKey'] as const).map((name) => (
        <input type="hidden" name={name} value={props.values[name] ?? ''} />
      ))}
    </>
  );
}

/**
 * Staff write to a group of an event's participants: the form with how many each group has, then a
 * preview saying how many will receive it, then sending (once, whatever the clicks).
 */
export function MessagePage(props: {
  view: PageView;
  event: EventWithCounts;
  counts: Counts;
  values: FormValues;
  /** set when the form was checked and waits for the go-ahead */
  preview?: { recipients: number } | undefined;
  sent: { audience: string; subject: string; recipients: number; createdAt: Date }[];
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, event, values, problem } = props;
  const title = tr(view, '参加者へのお知らせ', 'Message the participants');
  const action = `/events/manage/${event.id}/message`;
  return (
    <Layout view={view} title={`${title} | ${event.title}`}>
      <p>
        <a href={`/events/manage/${event.id}`}>{tr(view, 'イベントの管理へ戻る', 'Back to the event')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {event.title}（{eventWhen(view.lang, event)}）
      </p>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      {props.preview ? (
        <section aria-labelledby="preview-heading" class="card" data-preview>
          <h2 id="preview-heading">{tr(view, '送信前の確認', 'Check before sending')}</h2>
          <p data-recipients={props.preview.recipients}>
            {tr(
              view,
              `${audienceName(view, values.audience ?? '')}、${props.preview.recipients}人にメールを送ります。`,
              `This goes by e-mail to ${props.preview.recipients}: ${audienceName(view, values.audience ?? '').toLowerCase()}.`,
            )}
          </p>
          <dl class="facts">
            <dt>{tr(view, '件名', 'Subject')}</dt>
            <dd>{values.subject}</dd>
            <dt>{tr(view, '本文', 'Message')}</dt>
            <dd class="description">{values.body}</dd>
          </dl>
          <form method="post" action={action} class="actions">
            <CsrfField view={view} />
            <Carried values={values} />
            <button type="submit" name="step" value="send">
              {tr(view, `${props.preview.recipients}人に送信する`, `Send to ${props.preview.recipients}`)}
            </button>
            <button type="submit" name="step" value="edit" class="button-secondary">
              {tr(view, '内容を直す', 'Edit')}
            </button>
          </form>
        </section>
      ) : (
        <form method="post" action={action} class="stack card">
          <CsrfField view={view} />
          <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? ''} />
          <fieldset class="stack">
            <legend>{tr(view, '送り先', 'Recipients')}</legend>
            {(['confirmed', 'waiting', 'attended'] as const).map((audience) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`audience-${audience}`}
                  name="audience"
                  value={audience}
                  checked={(values.audience ?? 'confirmed') === audience}
                />
                <label for={`audience-${audience}`}>
                  {audienceName(view, audience)}
                  {tr(view, `（${props.counts[audience]}人）`, ` (${props.counts[audience]})`)}
                </label>
              </div>
            ))}
          </fieldset>
          <div>
            <label for="message-subject">{tr(view, '件名', 'Subject')}</label>
            <input
              id="message-subject"
              name="subject"
              required
              maxlength={150}
              value={values.subject ?? ''}
              {...invalidIf(problem, 'subject')}
            />
          </div>
          <div>
            <label for="message-body">{tr(view, '本文', 'Message')}</label>
            <textarea
              id="message-body"
              name="body"
              rows={8}
              required
              maxlength={4000}
              aria-describedby="message-body-hint"
              {...invalidIf(problem, 'body')}
            >
              {values.body ?? ''}
            </textarea>
            <span id="message-body-hint" class="hint">
              {tr(
                view,
                'お名前の宛名、イベントの日時・会場、お申し込みのページへのリンクは自動で添えられます。',
                'The greeting, the date and place of the event and a link to each registration are added for you.',
              )}
            </span>
          </div>
          <div>
            <button type="submit" name="step" value="preview">
              {tr(view, '確認する', 'Preview')}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">{tr(view, '送信したお知らせ', 'Messages sent')}</h2>
        {props.sent.length === 0 ? (
          <p>{tr(view, 'まだありません。', 'None yet.')}</p>
        ) : (
          <ul class="stack">
            {props.sent.map((m) => (
              <li data-message>
                {formatDateTime(view.lang, m.createdAt)} — {m.subject}（{audienceName(view, m.audience)}、
                {tr(view, `${m.recipients}人`, `${m.recipients}`)}）
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
