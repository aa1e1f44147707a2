import { todayInJapan } from '../../../platform/fiscal-year';
import { localise } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, type PageView, tr } from '../../../platform/ui/layout';
import { eventDetailsLabels } from '../event-details-input';
import type { EventInput } from '../event-service';
import { maxSessions, type SessionInput, sessionInputOf, sessionTopics } from '../sessions';
import {
  type Area,
  type Category,
  categoryName,
  type FormProblem,
  type FormValues,
  invalidIf,
  type Organiser,
  organiserName,
} from './components';
import { EventDetailsFields } from './details';

/** Session rows a new form offers: enough for 創業塾's five lectures; more are a round trip away. */
const defaultSessionRows = 5;
const moreRowsStep = 3;

const sessionKey = (i: number, field: keyof SessionInput) => `sessions.${i}.${field}`;

/** How many session rows the form has: what was sent, at least the default, more when asked. */
export function sessionRowsOf(values: FormValues, askedForMore = false): number {
  const sent = Number(values.sessionRows);
  const rows = Number.isInteger(sent) && sent > 0 ? sent : defaultSessionRows;
  return Math.min(maxSessions, Math.max(defaultSessionRows, rows + (askedForMore ? moreRowsStep : 0)));
}

/**
 * The event a form describes. Session rows left empty (no date, theme or area) are dropped; a row
 * without times takes those of the row before it, as lectures of a course usually share them. A
 * form without session rows (the API, older clients) gives `date`, `startTime` and `endTime`.
 */
export function eventInputOf(values: FormValues): EventInput {
  const { sessionRows: _rows, moreSessions: _more, ...rest } = values;
  const fields = Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('sessions.')));
  const indices = [
    ...new Set(
      Object.keys(values)
        .map((k) => /^sessions\.(\d+)\./.exec(k)?.[1])
        .filter((i): i is string => i !== undefined)
        .map(Number),
    ),
  ].sort((a, b) => a - b);
  if (indices.length === 0) return fields as unknown as EventInput;
  const sessions: SessionInput[] = [];
  for (const i of indices) {
    const at = (field: keyof SessionInput) => (values[sessionKey(i, field)] ?? '').trim();
    if (!at('date') && !at('title') && !at('topic')) continue;
    const previous = sessions[sessions.length - 1];
    sessions.push({
      date: at('date'),
      startTime: at('startTime') || previous?.startTime || '',
      endTime: at('endTime') || previous?.endTime || '',
      title: at('title'),
      topic: at('topic') as SessionInput['topic'],
    });
  }
  return { ...(fields as unknown as EventInput), sessions };
}

/**
 * A refused form's values shown again, its session rows as they were read (empty rows dropped),
 * so that each problem points at the row it is about.
 */
export function formValuesAgain(values: FormValues): FormValues {
  const input = eventInputOf(values);
  if (!input.sessions) return values;
  const rest = Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith('sessions.')));
  return { ...rest, ...sessionValuesOf(input.sessions) };
}

/** The form's values of an event's sessions, as `sessions.0.date` …, to show a form again. */
export function sessionValuesOf(sessions: SessionInput[]): FormValues {
  return Object.fromEntries(
    sessions.flatMap((s, i) =>
      (Object.keys(s) as (keyof SessionInput)[]).map((field) => [
        sessionKey(i, field),
        String(s[field] ?? ''),
      ]),
    ),
  );
}

/** An event's values as its edit form shows them, sessions included. */
export function formValuesOfEvent(
  event: {
    category: string;
    title: string;
    description: string;
    kind: string;
    place: string;
    capacity: number;
    feeYen: number;
    organiser: string;
  },
  sessions: Parameters<typeof sessionInputOf>[0][],
): FormValues {
  return {
    category: event.category,
    title: event.title,
    description: event.description,
    kind: event.kind,
    place: event.place,
    capacity: String(event.capacity),
    feeYen: String(event.feeYen),
    organiser: event.organiser,
    sessionRows: String(Math.max(defaultSessionRows, sessions.length + 1)),
    ...sessionValuesOf(sessions.map(sessionInputOf)),
  };
}

function SessionRow(props: {
  view: PageView;
  index: number;
  values: FormValues;
  problem: FormProblem | undefined;
}) {
  const { view, index: i, values, problem } = props;
  const first = i === 0;
  // the first row keeps the ids of the single event's date and times
  const id = (field: string) =>
    first && ['date', 'startTime', 'endTime'].includes(field) ? field : `session-${i + 1}-${field}`;
  const key = (field: keyof SessionInput) => sessionKey(i, field);
  const value = (field: keyof SessionInput) =>
    values[key(field)] ?? (first ? values[field] : undefined) ?? '';
  return (
    <fieldset class="session-row" data-session-row={i + 1}>
      <legend>
        {first
          ? tr(view, '1回目（1回だけのイベントはこの日程）', 'Session 1 (the date of a single event)')
          : tr(view, `${i + 1}回目`, `Session ${i + 1}`)}
      </legend>
      <div class="session-when">
        <div>
          <label for={id('date')}>{tr(view, '開催日', 'Date')}</label>
          <input
            id={id('date')}
            name={key('date')}
            type="date"
            required={first}
            min={todayInJapan()}
            value={value('date')}
            {...invalidIf(problem, key('date'))}
          />
        </div>
        <div>
          <label for={id('startTime')}>{tr(view, '開始時刻', 'Start')}</label>
          <input
            id={id('startTime')}
            name={key('startTime')}
            type="time"
            required={first}
            value={value('startTime') || (first ? '14:00' : '')}
            {...invalidIf(problem, key('startTime'))}
          />
        </div>
        <div>
          <label for={id('endTime')}>{tr(view, '終了時刻', 'End')}</label>
          <input
            id={id('endTime')}
            name={key('endTime')}
            type="time"
            required={first}
            value={value('endTime') || (first ? '16:00' : '')}
            {...invalidIf(problem, key('endTime'))}
          />
        </div>
      </div>
      <div>
        <label for={id('title')}>
          {tr(view, 'この回のテーマ（任意）', 'Theme of this session (optional)')}
        </label>
        <input
          id={id('title')}
          name={key('title')}
          maxlength={200}
          value={value('title')}
          {...invalidIf(problem, key('title'))}
        />
      </div>
      <div>
        <label for={id('topic')}>
          {tr(view, '分野（特定創業支援・任意）', 'Area (start-up support, optional)')}
        </label>
        <select id={id('topic')} name={key('topic')} {...invalidIf(problem, key('topic'))}>
          <option value="">{tr(view, '—（なし）', '— (none)')}</option>
          {Object.entries(sessionTopics).map(([code, text]) => (
            <option value={code} selected={value('topic') === code}>
              {localise(view.lang, text)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

/**
 * The fields of an event, for creating, editing and copying one. Sessions are rows of the same
 * form: the first is the date of a single event; a course fills two or more. Without JavaScript,
 * 「回の入力欄を増やす」 sends the form back with more rows and saves nothing.
 */
export function EventForm(props: {
  view: PageView;
  action: string;
  submitLabel: string;
  organisers: Organiser[];
  categories: Category[];
  values: FormValues;
  problem?: FormProblem | undefined;
  rows: number;
  /** the fields of what the public reads (address, map, deadline …), folded away unless used */
  details?: { areas: Area[] } | undefined;
}) {
  const { view, values, problem } = props;
  const detailsUsed = Object.keys(eventDetailsLabels).some(
    (field) => Boolean(values[field]) || Boolean(problem?.fields.includes(field)),
  );
  const kind = values.kind === 'course' ? 'course' : 'single';
  const laterRowsUsed = Array.from({ length: props.rows - 1 }, (_, i) => i + 1).some(
    (i) => values[sessionKey(i, 'date')] || values[sessionKey(i, 'title')],
  );
  return (
    <>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form method="post" action={props.action} class="stack card" data-event-form>
        <CsrfField view={view} />
        <input type="hidden" name="sessionRows" value={String(props.rows)} />
        <div>
          <label for="category">{tr(view, '種類', 'Kind')}</label>
          <select id="category" name="category" required {...invalidIf(problem, 'category')}>
            {props.categories.map((category) => (
              <option value={category.code} selected={values.category === category.code}>
                {categoryName(view.lang, category.code, props.categories)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="title">{tr(view, '題名', 'Title')}</label>
          <input
            id="title"
            name="title"
            required
            maxlength={200}
            value={values.title ?? ''}
            {...invalidIf(problem, 'title')}
          />
        </div>
        <div>
          <label for="description">{tr(view, '内容（任意）', 'Description (optional)')}</label>
          <textarea
            id="description"
            name="description"
            rows={4}
            maxlength={4000}
            {...invalidIf(problem, 'description')}
          >
            {values.description ?? ''}
          </textarea>
        </div>
        <fieldset {...invalidIf(problem, 'kind')}>
          <legend>{tr(view, '形式', 'Format')}</legend>
          <div class="choice">
            <input type="radio" id="kind-single" name="kind" value="single" checked={kind === 'single'} />
            <label for="kind-single">
              {tr(view, '1回だけのイベント（セミナー・交流会など）', 'A single event (seminar, meet-up …)')}
            </label>
          </div>
          <div class="choice">
            <input type="radio" id="kind-course" name="kind" value="course" checked={kind === 'course'} />
            <label for="kind-course">
              {tr(
                view,
                '連続講座（創業塾など、2回以上。出席は回ごとに記録）',
                'A course (two or more sessions, attendance per session)',
              )}
            </label>
          </div>
        </fieldset>
        <fieldset class="sessions" {...invalidIf(problem, 'sessions')}>
          <legend>{tr(view, '日程', 'Schedule')}</legend>
          <SessionRow view={view} index={0} values={values} problem={problem} />
          <details open={kind === 'course' || laterRowsUsed}>
            <summary>{tr(view, '連続講座の2回目以降', 'Sessions 2 and later (courses)')}</summary>
            <p class="hint">
              {tr(
                view,
                '開催する順に入力してください。使わない行は空のままにします。時刻を空にすると前の回と同じ時刻になります。',
                'Enter the sessions in the order they are held; leave unused rows empty. Empty times take those of the session before.',
              )}
            </p>
            {Array.from({ length: props.rows - 1 }, (_, i) => (
              <SessionRow view={view} index={i + 1} values={values} problem={problem} />
            ))}
          </details>
        </fieldset>
        <div>
          <label for="place">{tr(view, '会場', 'Place')}</label>
          <input
            id="place"
            name="place"
            required
            maxlength={200}
            value={values.place ?? ''}
            {...invalidIf(problem, 'place')}
          />
        </div>
        <div>
          <label for="capacity">{tr(view, '定員（人）', 'Capacity (people)')}</label>
          <input
            id="capacity"
            name="capacity"
            type="number"
            inputmode="numeric"
            required
            value={values.capacity ?? ''}
            {...invalidIf(problem, 'capacity')}
          />
        </div>
        <div>
          <label for="feeYen">{tr(view, '参加費（円・無料は0）', 'Fee (yen, 0 if free)')}</label>
          <input
            id="feeYen"
            name="feeYen"
            type="number"
            inputmode="numeric"
            required
            value={values.feeYen ?? '0'}
            {...invalidIf(problem, 'feeYen')}
          />
        </div>
        <div>
          <label for="organiser">{tr(view, '主催', 'Organiser')}</label>
          {props.organisers.length > 0 ? (
            <select id="organiser" name="organiser" required {...invalidIf(problem, 'organiser')}>
              {props.organisers.map((o) => (
                <option value={o.code} selected={values.organiser === o.code}>
                  {organiserName(view.lang, o.code, props.organisers)}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="organiser"
              name="organiser"
              required
              value={values.organiser ?? ''}
              {...invalidIf(problem, 'organiser')}
            />
          )}
        </div>
        {props.details ? (
          <details class="more-fields" open={detailsUsed}>
            <summary>
              {tr(
                view,
                '公開情報（住所・地図・アクセス・問い合わせ先・申込締切など、任意）',
                'Public details (address, map, access, contact, registration deadline…; optional)',
              )}
            </summary>
            <div class="stack">
              <EventDetailsFields view={view} values={values} problem={problem} areas={props.details.areas} />
            </div>
          </details>
        ) : null}
        <div class="actions">
          {/* first in the form: the button that Enter in a field presses */}
          <button type="submit">{props.submitLabel}</button>
          {props.rows < maxSessions ? (
            <button type="submit" name="moreSessions" value="1" class="button-secondary" formnovalidate>
              {tr(view, '回の入力欄を増やす（連続講座）', 'Add session rows (courses)')}
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
