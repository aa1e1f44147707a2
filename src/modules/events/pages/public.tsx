import type { Child } from 'hono/jsx';
import { formatDateTime } from '../../../platform/fiscal-year';
import { CsrfField, ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { EventWithCounts } from '../event-service';
import { type EventFilter, isOpenForRegistration } from '../published-events';
import { QuestionFields } from '../questions/pages';
import type { QuestionRow } from '../questions/question-service';
import { MonthCalendar } from './calendar';
import {
  type Area,
  areaName,
  type Category,
  categoryName,
  EventFacts,
  EventPublicDetails,
  eventWhen,
  type FormProblem,
  type FormValues,
  formatYen,
  invalidIf,
  JsonLd,
  type Organiser,
  organiserName,
  remainingSeats,
} from './components';
import { CancelledNotice, cancelledTitle } from './lifecycle';

/** How the list page shows what it finds: cards a page at a time, or a month's calendar. */
export type EventListMode = 'list' | 'calendar';

/** The list page's address with these conditions; empty ones are left out. */
export function eventsHref(conditions: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(conditions)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/events?${query}` : '/events';
}

/** The conditions of a filter as they travel in the address (page 1 and 20 a page are left out). */
function conditionsOf(filter: EventFilter | undefined) {
  return {
    q: filter?.q,
    category: filter?.category,
    area: filter?.area,
    month: filter?.month,
    from: filter?.from,
    to: filter?.to,
    perPage: filter && filter.perPage !== 20 ? filter.perPage : undefined,
  };
}

/** The last day of a month (2026-12 → 2026-12-31). */
const lastDayOf = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** The search form: a plain GET form, so that it works without JavaScript and its result has an address. */
function EventFilterForm(props: {
  view: PageView;
  mode: EventListMode;
  /** the conditions as sent, also when they were refused, so that they can be corrected */
  values: FormValues;
  month: string;
  categories: Category[];
  areas: Area[];
  problem: FormProblem | undefined;
}) {
  const { view, values, problem } = props;
  const field = (name: string) => ({ id: `filter-${name}`, name, ...invalidIf(problem, name) });
  // a month chosen on the calendar becomes its first and last day in the list's date fields
  const from = values.from ?? (values.month ? `${values.month}-01` : '');
  const to = values.to ?? (values.month ? lastDayOf(values.month) : '');
  return (
    <search>
      <form method="get" action="/events" class="filters card">
        {props.mode === 'calendar' ? <input type="hidden" name="view" value="calendar" /> : null}
        <div>
          <label for="filter-q">{tr(view, 'キーワード', 'Keywords')}</label>
          <input
            {...field('q')}
            type="search"
            maxlength={100}
            value={values.q ?? ''}
            aria-describedby="filter-q-hint"
          />
          <span id="filter-q-hint" class="hint">
            {tr(view, 'イベント名の一部（ひらがなでも探せます）', 'Part of the title')}
          </span>
        </div>
        <div>
          <label for="filter-category">{tr(view, '種類', 'Kind')}</label>
          <select {...field('category')}>
            <option value="">{tr(view, 'すべて', 'All')}</option>
            {props.categories.map((c) => (
              <option value={c.code} selected={values.category === c.code}>
                {categoryName(view.lang, c.code, props.categories)}
              </option>
            ))}
          </select>
        </div>
        {props.areas.length > 0 ? (
          <div>
            <label for="filter-area">{tr(view, '地区', 'Area')}</label>
            <select {...field('area')}>
              <option value="">{tr(view, 'すべて', 'All')}</option>
              {props.areas.map((a) => (
                <option value={a.code} selected={values.area === a.code}>
                  {areaName(view.lang, a.code, props.areas)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {props.mode === 'calendar' ? (
          <div>
            <label for="filter-month">{tr(view, '月', 'Month')}</label>
            <input
              {...field('month')}
              type="month"
              value={values.month ?? props.month}
              aria-describedby="filter-month-hint"
            />
            <span id="filter-month-hint" class="hint">
              {tr(view, '例：2026-12', 'e.g. 2026-12')}
            </span>
          </div>
        ) : (
          <>
            <div>
              <label for="filter-from">{tr(view, 'この日から', 'From')}</label>
              <input {...field('from')} type="date" value={from} />
            </div>
            <div>
              <label for="filter-to">{tr(view, 'この日まで', 'To')}</label>
              <input {...field('to')} type="date" value={to} />
            </div>
          </>
        )}
        <div class="actions">
          <button type="submit">{tr(view, '絞り込む', 'Filter')}</button>
          <a href={eventsHref({ view: props.mode === 'calendar' ? 'calendar' : undefined })}>
            {tr(view, '条件をクリア', 'Clear filters')}
          </a>
        </div>
      </form>
    </search>
  );
}

function EventCard(props: {
  view: PageView;
  event: EventWithCounts;
  organisers: Organiser[];
  categories: Category[];
  areas: Area[];
}) {
  const { view, event } = props;
  const open = isOpenForRegistration(event);
  return (
    <li class="card" data-event={event.id} data-status={event.status}>
      <h3>
        <a href={`/events/${event.id}`}>{cancelledTitle(view, event)}</a>
      </h3>
      <p>
        <span class="badge">{categoryName(view.lang, event.category, props.categories)}</span>
        {event.area ? (
          <span class="badge badge-area">{areaName(view.lang, event.area, props.areas)}</span>
        ) : null}
      </p>
      <p>{eventWhen(view.lang, event)}</p>
      <p>
        {event.place} · {formatYen(view.lang, event.feeYen)}
      </p>
      <p>
        {event.status === 'cancelled'
          ? tr(view, '中止になりました', 'Cancelled')
          : !open
            ? tr(view, '受付終了', 'Registration closed')
            : remainingSeats(event) > 0
              ? tr(view, `残り${remainingSeats(event)}席`, `${remainingSeats(event)} seats left`)
              : tr(view, '満席（キャンセル待ち）', 'Full (waiting list)')}
        {' · '}
        {organiserName(view.lang, event.organiser, props.organisers)}
      </p>
    </li>
  );
}

/** Where the same events are published for calendar apps, open data and programs. */
function PublishedFeeds(props: { view: PageView; categories: Category[]; category: string | undefined }) {
  const { view } = props;
  const chosen = props.categories.find((c) => c.code === props.category);
  return (
    <section aria-labelledby="feeds-heading" class="feeds">
      <h2 id="feeds-heading">{tr(view, 'カレンダーへの登録・オープンデータ', 'Calendars and open data')}</h2>
      <ul>
        <li>
          <a href="/events/calendar.ics" type="text/calendar">
            {tr(view, 'すべてのイベントのカレンダー（iCalendar）', 'All events as a calendar (iCalendar)')}
          </a>
        </li>
        {chosen ? (
          <li>
            <a href={`/events/calendar/${chosen.code}.ics`} type="text/calendar">
              {tr(
                view,
                `「${categoryName('ja', chosen.code, props.categories)}」のカレンダー（iCalendar）`,
                `${categoryName('en', chosen.code, props.categories)} as a calendar (iCalendar)`,
              )}
            </a>
          </li>
        ) : null}
        <li>
          <a href="/events/opendata.csv" type="text/csv">
            {tr(
              view,
              'イベント一覧のオープンデータ（CSV・自治体標準オープンデータセット形式）',
              'The event list as open data (CSV, in the standard format of Japanese municipalities)',
            )}
          </a>
        </li>
        <li>
          <a href="/api/v1/openapi.json" type="application/json">
            {tr(view, 'API（GET /api/v1/events）の説明', 'The API (GET /api/v1/events)')}
          </a>
        </li>
      </ul>
      {props.categories.length > 0 ? (
        <details>
          <summary>{tr(view, '種類ごとのカレンダー', 'A calendar for each kind')}</summary>
          <ul>
            {props.categories.map((c) => (
              <li>
                <a href={`/events/calendar/${c.code}.ics`} type="text/calendar">
                  {categoryName(view.lang, c.code, props.categories)}
                </a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p class="muted">
        {tr(
          view,
          'カレンダーのアドレスをカレンダーアプリに登録すると、新しいイベントや変更が自動で反映されます。',
          'Subscribe to a calendar address in your calendar app, and new events and changes appear by themselves.',
        )}
      </p>
    </section>
  );
}

/**
 * Published events, found by kind, area, month or dates and words of the title: cards a page at a
 * time (upcoming ones, soonest first, unless dates are asked for), or a month's calendar.
 */
export function EventListPage(props: {
  view: PageView;
  mode: EventListMode;
  /** the filter read from the address; undefined when it was refused (`problem`) */
  filter: EventFilter | undefined;
  /** the conditions as sent, shown again in the form */
  values: FormValues;
  filtered: boolean;
  events: EventWithCounts[];
  total: number;
  /** the month the calendar shows */
  month: string;
  organisers: Organiser[];
  categories: Category[];
  areas: Area[];
  problem?: FormProblem | undefined;
}) {
  const { view, filter, mode } = props;
  const title = tr(view, 'イベント・セミナー', 'Events and seminars');
  const clear = eventsHref({ view: mode === 'calendar' ? 'calendar' : undefined });
  const here = conditionsOf(filter);
  const listHref = eventsHref({ ...here, month: mode === 'calendar' ? props.month : here.month });
  const calendarHref = eventsHref({
    ...here,
    month: here.month ?? props.month,
    from: undefined,
    to: undefined,
    view: 'calendar',
  });
  const page = filter?.page ?? 1;
  const pages = Math.max(1, Math.ceil(props.total / (filter?.perPage ?? 20)));
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
      <nav class="view-switch" aria-label={tr(view, '表示の切り替え', 'How to show the events')}>
        <ul>
          <li>
            <a href={listHref} aria-current={mode === 'list' ? 'page' : undefined}>
              {tr(view, '一覧', 'List')}
            </a>
          </li>
          <li>
            <a href={calendarHref} aria-current={mode === 'calendar' ? 'page' : undefined}>
              {tr(view, 'カレンダー', 'Calendar')}
            </a>
          </li>
        </ul>
      </nav>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <EventFilterForm
        view={view}
        mode={mode}
        values={props.values}
        month={props.month}
        categories={props.categories}
        areas={props.areas}
        problem={props.problem}
      />
      {props.problem ? null : props.filtered && props.total === 0 ? (
        <p data-empty>
          {tr(view, '条件に合うイベントはありません。', 'No events match these conditions.')}{' '}
          <a href={clear}>
            {tr(view, '条件をクリアして、すべてのイベントを見る', 'Clear the filters and see all events')}
          </a>
        </p>
      ) : props.total === 0 ? (
        <p data-empty>
          {mode === 'calendar'
            ? tr(view, 'この月のイベントはありません。', 'There are no events this month.')
            : tr(
                view,
                'いま申し込めるイベントはありません。新しいイベントが公開されるまでお待ちください。',
                'There are no upcoming events right now. New events appear here when they are published.',
              )}
        </p>
      ) : null}
      {props.problem ? null : mode === 'calendar' ? (
        <MonthCalendar
          view={view}
          month={props.month}
          events={props.events}
          monthHref={(month) => eventsHref({ ...here, month, view: 'calendar' })}
        />
      ) : props.total > 0 ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{tr(view, `イベント（${props.total}件）`, `Events (${props.total})`)}</h2>
          <ul class="grid">
            {props.events.map((event) => (
              <EventCard
                view={view}
                event={event}
                organisers={props.organisers}
                categories={props.categories}
                areas={props.areas}
              />
            ))}
          </ul>
          {pages > 1 ? (
            <nav class="pager" aria-label={tr(view, 'ページ', 'Pages')}>
              {page > 1 ? (
                <a href={eventsHref({ ...here, page: page - 1 })} rel="prev">
                  {tr(view, '前のページ', 'Previous page')}
                </a>
              ) : null}
              <span>{tr(view, `${page} / ${pages}ページ`, `Page ${page} of ${pages}`)}</span>
              {page < pages ? (
                <a href={eventsHref({ ...here, page: page + 1 })} rel="next">
                  {tr(view, '次のページ', 'Next page')}
                </a>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
      <PublishedFeeds view={view} categories={props.categories} category={filter?.category} />
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
  areas: Area[];
  idempotencyKey: string;
  values: FormValues;
  problem?: FormProblem | undefined;
  /** schema.org Event of the page, for search engines and calendars (json-ld.ts) */
  structuredData?: unknown;
  /** more of the registration form, before its button: a まちゼミ course's consent (campaigns/) */
  formExtra?: Child;
  /** what follows the registration: the call for vendors of a マルシェ (vendors/pages.tsx) */
  children?: Child;
}) {
  const { view, event, values } = props;
  const open = isOpenForRegistration(event);
  const full = remainingSeats(event) === 0;
  // in English the English title leads, with the Japanese one beside it
  const english = view.lang === 'en' && event.titleEn !== '';
  const title = english ? event.titleEn : event.title;
  return (
    <Layout view={view} title={cancelledTitle(view, { title, status: event.status })}>
      {props.structuredData ? <JsonLd data={props.structuredData} /> : null}
      <p>
        <a href="/events">{tr(view, 'イベント一覧へ戻る', 'Back to the events')}</a>
      </p>
      <h1>{cancelledTitle(view, { title, status: event.status })}</h1>
      {english ? (
        <p class="title-other" lang="ja">
          {event.title}
        </p>
      ) : event.titleEn ? (
        <p class="title-other" lang="en">
          {event.titleEn}
        </p>
      ) : null}
      <CancelledNotice view={view} event={event} />
      <EventFacts view={view} event={event} organisers={props.organisers} categories={props.categories} />
      <EventPublicDetails view={view} event={event} areas={props.areas} />
      {event.description ? <p class="description">{event.description}</p> : null}
      <section aria-labelledby="register-heading">
        <h2 id="register-heading">{tr(view, '申し込み', 'Register')}</h2>
        {event.status === 'cancelled' ? (
          <p>{tr(view, 'このイベントは中止になりました。', 'This event has been cancelled.')}</p>
        ) : !open ? (
          <p data-registration-closed>
            {event.registrationClosesAt && event.registrationClosesAt < event.startsAt
              ? tr(
                  view,
                  `申し込みの受付は${formatDateTime('ja', event.registrationClosesAt)}に締め切りました。`,
                  `Registration closed on ${formatDateTime('en', event.registrationClosesAt)}.`,
                )
              : tr(view, '申し込みの受付は終了しました。', 'Registration is closed.')}
          </p>
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
              {props.formExtra}
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
      {props.children}
    </Layout>
  );
}
