import { formatDateTime, todayInJapan } from '../../../platform/fiscal-year';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { EventWithCounts, RegistrationRow } from '../event-service';
import {
  type Category,
  categoryName,
  EventFacts,
  eventWhen,
  type FormProblem,
  type FormValues,
  invalidIf,
  type Organiser,
  organiserName,
} from './components';

function StatusText(props: { view: PageView; status: string }) {
  const { view } = props;
  const text =
    props.status === 'published'
      ? tr(view, '公開中', 'Published')
      : props.status === 'cancelled'
        ? tr(view, '中止', 'Cancelled')
        : tr(view, '下書き', 'Draft');
  return <span class={`status status-event-${props.status}`}>{text}</span>;
}

/** The municipality's events for their organisers, and the form to create one. */
export function ManageEventsPage(props: {
  view: PageView;
  events: EventWithCounts[];
  organisers: Organiser[];
  categories: Category[];
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, values, problem } = props;
  const title = tr(view, 'イベント管理', 'Manage events');
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <h2 id="events-heading">
        {tr(view, `イベント一覧（${props.events.length}件）`, `Events (${props.events.length})`)}
      </h2>
      {props.events.length === 0 ? (
        <p>
          {tr(
            view,
            'まだイベントはありません。下のフォームで作成してください。',
            'No events yet. Create one below.',
          )}
        </p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-labelledby="events-heading">
          <table aria-labelledby="events-heading">
            <thead>
              <tr>
                <th scope="col">{tr(view, '題名', 'Title')}</th>
                <th scope="col">{tr(view, '種類', 'Kind')}</th>
                <th scope="col">{tr(view, '日時', 'When')}</th>
                <th scope="col">{tr(view, '主催', 'Organiser')}</th>
                <th scope="col" class="num">
                  {tr(view, '定員', 'Capacity')}
                </th>
                <th scope="col" class="num">
                  {tr(view, '確定', 'Confirmed')}
                </th>
                <th scope="col" class="num">
                  {tr(view, '待ち', 'Waiting')}
                </th>
                <th scope="col" class="num">
                  {tr(view, '出席', 'Attended')}
                </th>
                <th scope="col">{tr(view, '状態', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.events.map((e) => (
                <tr data-event={e.id}>
                  <th scope="row">
                    <a href={`/events/manage/${e.id}`}>{e.title}</a>
                  </th>
                  <td>{categoryName(view.lang, e.category, props.categories)}</td>
                  <td>{eventWhen(view.lang, e)}</td>
                  <td>{organiserName(view.lang, e.organiser, props.organisers)}</td>
                  <td class="num">{e.capacity}</td>
                  <td class="num">{e.confirmed}</td>
                  <td class="num">{e.waiting}</td>
                  <td class="num">{e.attended}</td>
                  <td>
                    <StatusText view={view} status={e.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="new-event">
        <h2 id="new-event">{tr(view, 'イベントを作成', 'Create an event')}</h2>
        <p>
          {tr(
            view,
            '作成したイベントは下書きです。内容を確かめてから公開すると、申し込みを受け付けます。',
            'A new event is a draft. Check it, then publish it to open registration.',
          )}
        </p>
        <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
        <form method="post" action="/events/manage" class="stack card">
          <CsrfField view={view} />
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
          <div>
            <label for="date">{tr(view, '開催日', 'Date')}</label>
            <input
              id="date"
              name="date"
              type="date"
              required
              min={todayInJapan()}
              value={values.date ?? ''}
              {...invalidIf(problem, 'date')}
            />
          </div>
          <div>
            <label for="startTime">{tr(view, '開始時刻', 'Start time')}</label>
            <input
              id="startTime"
              name="startTime"
              type="time"
              required
              value={values.startTime ?? '14:00'}
              {...invalidIf(problem, 'startTime')}
            />
          </div>
          <div>
            <label for="endTime">{tr(view, '終了時刻', 'End time')}</label>
            <input
              id="endTime"
              name="endTime"
              type="time"
              required
              value={values.endTime ?? '16:00'}
              {...invalidIf(problem, 'endTime')}
            />
          </div>
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
          <div>
            <button type="submit">{tr(view, '下書きとして作成', 'Create as a draft')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

function registrationStatus(view: PageView, r: RegistrationRow): string {
  if (r.status === 'confirmed')
    return r.attendedAt ? tr(view, '出席', 'Attended') : tr(view, '参加確定', 'Confirmed');
  if (r.status === 'waiting') return tr(view, 'キャンセル待ち', 'Waiting list');
  return tr(view, '取り消し', 'Cancelled');
}

/** One event for its organisers: details, publishing, and the participant list with check-in. */
export function ManageEventPage(props: {
  view: PageView;
  event: EventWithCounts;
  organisers: Organiser[];
  categories: Category[];
  /** null when the viewer does not run the event: its participants are not theirs to see */
  participants: RegistrationRow[] | null;
  search: string;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, event, participants } = props;
  // the place on the waiting list, as the person is told it: 1 is the next to be moved up
  const waiting = (participants ?? []).filter((r) => r.status === 'waiting');
  const waitingRank = (r: RegistrationRow) => waiting.indexOf(r) + 1;
  return (
    <Layout view={view} title={event.title} wide>
      <p>
        <a href="/events/manage">{tr(view, 'イベント管理へ戻る', 'Back to the events')}</a>
      </p>
      <h1>{event.title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <p>
        {tr(view, '状態：', 'Status: ')}
        <StatusText view={view} status={event.status} />
      </p>
      {event.status === 'draft' && participants ? (
        <form method="post" action={`/events/manage/${event.id}/publish`}>
          <CsrfField view={view} />
          <button type="submit">
            {tr(view, '公開して申し込みを受け付ける', 'Publish and open registration')}
          </button>
        </form>
      ) : event.status === 'published' ? (
        <p>
          <a href={`/events/${event.id}`}>{tr(view, '公開ページを見る', 'See the public page')}</a>
        </p>
      ) : null}
      <EventFacts view={view} event={event} organisers={props.organisers} categories={props.categories} />
      {event.description ? <p class="description">{event.description}</p> : null}

      <section aria-labelledby="participants">
        <h2 id="participants">
          {tr(
            view,
            `参加者（確定 ${event.confirmed}人・出席 ${event.attended}人・キャンセル待ち ${event.waiting}人）`,
            `Participants (confirmed ${event.confirmed}, attended ${event.attended}, waiting ${event.waiting})`,
          )}
        </h2>
        <p class="muted">
          {tr(
            view,
            '参加者名簿は個人情報です。受付と連絡の目的にだけ使ってください。',
            'The participant list is personal data: use it only for check-in and contact.',
          )}
        </p>
        {participants === null ? (
          <p data-not-organiser>
            {tr(
              view,
              `参加者名簿は個人情報のため、主催機関（${organiserName(view.lang, event.organiser, props.organisers)}）の職員と管理者だけが見られます。`,
              `The participant list is personal data: only staff of the organiser (${organiserName(view.lang, event.organiser, props.organisers)}) and admins can see it.`,
            )}
          </p>
        ) : (
          <>
            <search>
              <form method="get" action={`/events/manage/${event.id}#participants`} class="filters card">
                <div>
                  <label for="participant-q">{tr(view, '名前で探す', 'Find by name')}</label>
                  <input
                    id="participant-q"
                    name="q"
                    type="search"
                    value={props.search}
                    aria-describedby="participant-q-hint"
                  />
                  <span id="participant-q-hint" class="hint">
                    {tr(
                      view,
                      '名前か、ふりがなの一部（ひらがな・カタカナどちらでも）',
                      'Part of the name or its reading',
                    )}
                  </span>
                </div>
                <div>
                  <button type="submit">{tr(view, '探す', 'Find')}</button>
                </div>
              </form>
            </search>
            {participants.length === 0 ? (
              <p>
                {props.search
                  ? tr(view, '該当する参加者はいません。', 'Nobody matches.')
                  : tr(view, 'まだ申し込みはありません。', 'No registrations yet.')}
              </p>
            ) : (
              <section class="table-wrap" tabindex={0} aria-labelledby="participants">
                <table aria-labelledby="participants">
                  <thead>
                    <tr>
                      <th scope="col">{tr(view, 'お名前', 'Name')}</th>
                      <th scope="col">{tr(view, 'ふりがな', 'Reading')}</th>
                      <th scope="col">{tr(view, '連絡先', 'Contact')}</th>
                      <th scope="col">{tr(view, '状態', 'Status')}</th>
                      <th scope="col">{tr(view, '受付', 'Check-in')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {participants.map((r) => (
                      <tr
                        data-registration={r.id}
                        data-status={r.status}
                        data-attended={r.attendedAt ? 'yes' : 'no'}
                      >
                        <th scope="row">{r.name}</th>
                        <td>{r.kana}</td>
                        <td>
                          {r.email}
                          {r.phone ? (
                            <>
                              <br />
                              {r.phone}
                            </>
                          ) : null}
                        </td>
                        <td>
                          {registrationStatus(view, r)}
                          {r.status === 'waiting'
                            ? ` ${tr(view, `${waitingRank(r)}番目`, `no. ${waitingRank(r)}`)}`
                            : ''}
                        </td>
                        <td>
                          {r.status === 'confirmed' && !r.attendedAt ? (
                            <form
                              method="post"
                              action={`/events/manage/${event.id}/registrations/${r.id}/check-in`}
                            >
                              <CsrfField view={view} />
                              <input type="hidden" name="q" value={props.search} />
                              <button
                                type="submit"
                                aria-label={tr(view, `${r.name}さんを受付する`, `Check in ${r.name}`)}
                              >
                                {tr(view, '受付する', 'Check in')}
                              </button>
                            </form>
                          ) : r.attendedAt ? (
                            formatDateTime(view.lang, r.attendedAt)
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </>
        )}
      </section>
    </Layout>
  );
}
