import { formatDate, formatFiscalYear, todayInJapan } from '../../../platform/fiscal-year';
import { CsrfField, ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { EventRow, EventWithCounts } from '../event-service';
import {
  type Category,
  eventWhen,
  type FormProblem,
  type FormValues,
  invalidIf,
  type Organiser,
  Schedule,
} from './components';
import { EventForm } from './event-form';

/** The form of an event as it is, to change it: fields, schedule and capacity. */
export function EditEventPage(props: {
  view: PageView;
  event: EventWithCounts;
  organisers: Organiser[];
  categories: Category[];
  values: FormValues;
  problem?: FormProblem | undefined;
  rows: number;
}) {
  const { view, event } = props;
  const title = tr(view, `変更：${event.title}`, `Change: ${event.title}`);
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={`/events/manage/${event.id}`}>
          {tr(view, 'イベントの管理ページへ戻る', 'Back to the event')}
        </a>
      </p>
      <h1>{title}</h1>
      <p class="hint">
        {tr(
          view,
          `参加確定 ${event.confirmed}人・キャンセル待ち ${event.waiting}人。定員を増やすと、キャンセル待ちの方が順に繰り上がります。出席の記録がある回は削除できません。`,
          `${event.confirmed} confirmed, ${event.waiting} waiting. Raising the capacity moves the waiting list up in order. A session with attendance cannot be removed.`,
        )}
      </p>
      <EventForm
        view={view}
        action={`/events/manage/${event.id}/edit`}
        submitLabel={tr(view, '変更を保存', 'Save the changes')}
        organisers={props.organisers}
        categories={props.categories}
        values={props.values}
        problem={props.problem}
        rows={props.rows}
      />
    </Layout>
  );
}

/** Copying an event (last year's): its schedule, and the date its first session moves to. */
export function CopyEventPage(props: {
  view: PageView;
  event: EventWithCounts;
  firstDate: string;
  problem?: FormProblem | undefined;
}) {
  const { view, event } = props;
  const title = tr(view, `コピーして作成：${event.title}`, `Copy: ${event.title}`);
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/events/manage">{tr(view, 'イベント管理へ戻る', 'Back to the events')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {tr(
          view,
          '題名・内容・会場・定員・参加費・主催と日程をそのまま写した下書きを作ります。申し込みは写しません。作成後に内容を変更できます。',
          'A draft is made with the same title, description, place, capacity, fee, organiser and schedule; registrations are not copied. You can change it afterwards.',
        )}
      </p>
      <dl class="facts">
        <dt>{tr(view, 'コピー元の日時', 'Original date')}</dt>
        <dd>
          {eventWhen(view.lang, event)}
          {event.sessions.length > 1 ? <Schedule view={view} sessions={event.sessions} /> : null}
        </dd>
      </dl>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <form method="post" action={`/events/manage/${event.id}/copy`} class="stack card">
        <CsrfField view={view} />
        <div>
          <label for="firstDate">
            {tr(view, '新しい1回目の開催日', 'New date of the first session')}
            <span class="hint" id="firstDate-hint">
              {tr(
                view,
                '最初は1年後の同じ日です。2回目以降も同じ日数だけずれます。',
                'One year later by default; later sessions move by the same number of days.',
              )}
            </span>
          </label>
          <input
            id="firstDate"
            name="firstDate"
            type="date"
            required
            min={todayInJapan()}
            value={props.firstDate}
            aria-describedby="firstDate-hint"
            {...invalidIf(props.problem, 'sessions.0.date')}
          />
        </div>
        <div>
          <button type="submit">{tr(view, '下書きとしてコピーを作成', 'Create the copy as a draft')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** Last fiscal year's events, each to be copied into this year's. */
export function LastYearEvents(props: { view: PageView; events: EventRow[]; fiscalYear: number }) {
  const { view } = props;
  if (props.events.length === 0) return null;
  return (
    <section aria-labelledby="copy-heading">
      <h2 id="copy-heading">
        {tr(
          view,
          `${formatFiscalYear(view.lang, props.fiscalYear)}のイベントからコピーして作成`,
          `Create from an event of ${formatFiscalYear(view.lang, props.fiscalYear)}`,
        )}
      </h2>
      <ul class="copy-list">
        {props.events.map((e) => (
          <li data-copy-source={e.id}>
            <a
              href={`/events/manage/${e.id}/copy`}
              aria-label={tr(view, `${e.title}をコピーして作成`, `Copy ${e.title}`)}
            >
              {e.title}
            </a>{' '}
            <span class="hint">{formatDate(view.lang, e.startsAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Calling an event off: a checkbox to confirm, so that a slip of the thumb cancels nothing. */
export function CancelEventForm(props: {
  view: PageView;
  event: EventWithCounts;
  problem?: FormProblem | undefined;
}) {
  const { view, event } = props;
  return (
    <details class="danger-zone">
      <summary>{tr(view, 'イベントを中止する', 'Cancel the event')}</summary>
      <form method="post" action={`/events/manage/${event.id}/cancel`} class="stack">
        <CsrfField view={view} />
        <p>
          {tr(
            view,
            `申し込み（参加確定 ${event.confirmed}人・キャンセル待ち ${event.waiting}人）は残り、公開ページに「中止」と表示されます。申し込みと受付はできなくなります。申し込んだ方には、中止のお知らせをメールで送ります。元に戻せません。`,
            `Registrations (${event.confirmed} confirmed, ${event.waiting} waiting) are kept and the public page says “cancelled”. Nobody can register or check in any more. Everyone registered is told by mail. This cannot be undone.`,
          )}
        </p>
        <div class="choice">
          <input
            type="checkbox"
            id="confirm-cancel"
            name="confirm"
            value="yes"
            required
            {...invalidIf(props.problem, 'confirm')}
          />
          <label for="confirm-cancel">
            {tr(view, '中止することを確認しました', 'I confirm the event is cancelled')}
          </label>
        </div>
        <div>
          <button type="submit" class="button-danger">
            {tr(view, '中止する', 'Cancel the event')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** 【中止】題名: an event called off, as its pages title it. */
export function cancelledTitle(view: PageView, event: Pick<EventRow, 'title' | 'status'>): string {
  return event.status === 'cancelled'
    ? tr(view, `【中止】${event.title}`, `[Cancelled] ${event.title}`)
    : event.title;
}

/** The notice on every page of an event called off, to the people who registered and anyone else. */
export function CancelledNotice(props: { view: PageView; event: Pick<EventRow, 'status'> }) {
  if (props.event.status !== 'cancelled') return null;
  return (
    <p class="cancelled-notice" data-cancelled>
      {tr(
        props.view,
        'このイベントは中止になりました。ご予定をお空けいただいた皆さまにお詫び申し上げます。',
        'This event has been cancelled. We apologise to everyone who had planned to come.',
      )}
    </p>
  );
}
