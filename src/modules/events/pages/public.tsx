import { CsrfField, ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { EventWithCounts } from '../event-service';
import { QuestionFields } from '../questions/pages';
import type { QuestionRow } from '../questions/question-service';
import {
  type Category,
  categoryName,
  EventFacts,
  eventWhen,
  type FormProblem,
  type FormValues,
  formatYen,
  invalidIf,
  type Organiser,
  organiserName,
  remainingSeats,
} from './components';
import { CancelledNotice, cancelledTitle } from './lifecycle';

/** Upcoming published events, soonest first. */
export function EventListPage(props: {
  view: PageView;
  events: EventWithCounts[];
  organisers: Organiser[];
  categories: Category[];
}) {
  const { view } = props;
  const title = tr(view, 'イベント・セミナー', 'Events and seminars');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '市内で開かれるセミナーや交流会です。アカウントがなくても申し込めます。',
          'Seminars and meet-ups in the city. You can register without an account.',
        )}
      </p>
      {props.events.length === 0 ? (
        <p data-empty>
          {tr(
            view,
            'いま申し込めるイベントはありません。新しいイベントが公開されるまでお待ちください。',
            'There are no upcoming events right now. New events appear here when they are published.',
          )}
        </p>
      ) : (
        <ul class="grid">
          {props.events.map((event) => (
            <li class="card" data-event={event.id}>
              <h2>
                <a href={`/events/${event.id}`}>{event.title}</a>
              </h2>
              <p>
                <span class="badge">{categoryName(view.lang, event.category, props.categories)}</span>
              </p>
              <p>{eventWhen(view.lang, event)}</p>
              <p>
                {event.place} · {formatYen(view.lang, event.feeYen)}
              </p>
              <p>
                {remainingSeats(event) > 0
                  ? tr(view, `残り${remainingSeats(event)}席`, `${remainingSeats(event)} seats left`)
                  : tr(view, '満席（キャンセル待ち）', 'Full (waiting list)')}
                {' · '}
                {organiserName(view.lang, event.organiser, props.organisers)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function Field(props: {
  view: PageView;
  name: string;
  label: string;
  hint?: string;
  values: FormValues;
  problem: FormProblem | undefined;
  type?: string;
  required?: boolean;
  autocomplete?: string;
}) {
  const id = `registration-${props.name}`;
  return (
    <div>
      <label for={id}>
        {props.label}
        {props.hint ? (
          <span class="hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        ) : null}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        required={props.required ?? true}
        maxlength={props.name === 'email' ? 254 : 100}
        autocomplete={props.autocomplete}
        value={props.values[props.name] ?? ''}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        {...invalidIf(props.problem, props.name)}
      />
    </div>
  );
}

/** An event as the public sees it, with the registration form while it is open. */
export function EventPage(props: {
  view: PageView;
  event: EventWithCounts;
  organisers: Organiser[];
  categories: Category[];
  /** the organiser's questions, asked after the contact details */
  questions: QuestionRow[];
  idempotencyKey: string;
  values: FormValues;
  problem?: FormProblem | undefined;
}) {
  const { view, event, values } = props;
  const open = event.status === 'published' && event.startsAt > new Date();
  const full = remainingSeats(event) === 0;
  return (
    <Layout view={view} title={cancelledTitle(view, event)}>
      <p>
        <a href="/events">{tr(view, 'イベント一覧へ戻る', 'Back to the events')}</a>
      </p>
      <h1>{cancelledTitle(view, event)}</h1>
      <CancelledNotice view={view} event={event} />
      <EventFacts view={view} event={event} organisers={props.organisers} categories={props.categories} />
      {event.description ? <p class="description">{event.description}</p> : null}
      <section aria-labelledby="register-heading">
        <h2 id="register-heading">{tr(view, '申し込み', 'Register')}</h2>
        {event.status === 'cancelled' ? (
          <p>{tr(view, 'このイベントは中止になりました。', 'This event has been cancelled.')}</p>
        ) : !open ? (
          <p>{tr(view, '申し込みの受付は終了しました。', 'Registration is closed.')}</p>
        ) : (
          <>
            {full ? (
              <p>
                {tr(
                  view,
                  '満席です。申し込むとキャンセル待ちになり、空きが出たら順番に参加が確定します。',
                  'The event is full. If you register you join the waiting list and are moved up in order when a seat frees.',
                )}
              </p>
            ) : null}
            <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
            <form method="post" action={`/events/${event.id}/registrations`} class="stack card">
              <CsrfField view={view} />
              <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
              <Field
                view={view}
                name="name"
                label={tr(view, 'お名前', 'Name')}
                values={values}
                problem={props.problem}
                autocomplete="name"
              />
              <Field
                view={view}
                name="kana"
                label={tr(view, 'ふりがな', 'Reading of your name (kana)')}
                hint={tr(view, 'ひらがなかカタカナ（例：やまだ はなこ）', 'In hiragana or katakana')}
                values={values}
                problem={props.problem}
              />
              <Field
                view={view}
                name="email"
                type="email"
                label={tr(view, 'メールアドレス', 'E-mail')}
                values={values}
                problem={props.problem}
                autocomplete="email"
              />
              <Field
                view={view}
                name="phone"
                type="tel"
                label={tr(view, '電話番号（任意）', 'Phone (optional)')}
                hint={tr(view, '例：042-558-1111', 'e.g. 042-558-1111')}
                values={values}
                problem={props.problem}
                required={false}
                autocomplete="tel"
              />
              <QuestionFields
                view={view}
                questions={props.questions}
                values={values}
                problem={props.problem}
              />
              <div>
                <button type="submit">
                  {full
                    ? tr(view, 'キャンセル待ちに申し込む', 'Join the waiting list')
                    : tr(view, '申し込む', 'Register')}
                </button>
              </div>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
}
