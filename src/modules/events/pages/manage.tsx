import { formatDateTime } from '../../../platform/fiscal-year';
import { CsvRoundTripSection } from '../../../platform/ui/csv-import';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { Project } from '../../plan';
import type { Participant } from '../attendance-service';
import type { EventRow, EventWithCounts } from '../event-service';
import { japanTime } from '../sessions';
import {
  type Area,
  type Category,
  categoryName,
  EventFacts,
  EventPublicDetails,
  eventWhen,
  type FormProblem,
  type FormValues,
  type Organiser,
  organiserName,
} from './components';
import { EventForm } from './event-form';
import { CancelEventForm, LastYearEvents } from './lifecycle';

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
  areas: Area[];
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
  /** session rows of the form */
  rows: number;
  /** last fiscal year's events, to copy from */
  lastYear: EventRow[];
  lastFiscalYear: number;
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

      <LastYearEvents view={view} events={props.lastYear} fiscalYear={props.lastFiscalYear} />

      <CsvRoundTripSection
        view={view}
        base="/events/manage/events"
        heading={tr(view, 'CSVで一括編集', 'Edit in bulk with CSV')}
        explanation={tr(
          view,
          'ご自分の機関が主催するイベントを書き出し、Excel で題名・種類・日程・会場・定員・参加費・主催・内容を直して取り込めます。日程は1回ごとに1行（2026-05-10 14:00-16:00）、状態と人数は読むだけの列です。',
          'Export the events your organisation holds, change titles, kinds, schedules, places, capacities, fees, organisers or descriptions in Excel, and import them. The schedule has one line per session (2026-05-10 14:00-16:00); the status and the counts are for reading only.',
        )}
        adds
      />

      <section aria-labelledby="new-event">
        <h2 id="new-event">{tr(view, 'イベントを作成', 'Create an event')}</h2>
        <p>
          {tr(
            view,
            '作成したイベントは下書きです。内容を確かめてから公開すると、申し込みを受け付けます。',
            'A new event is a draft. Check it, then publish it to open registration.',
          )}
        </p>
        <EventForm
          view={view}
          action="/events/manage"
          submitLabel={tr(view, '下書きとして作成', 'Create as a draft')}
          organisers={props.organisers}
          categories={props.categories}
          values={values}
          problem={problem}
          rows={props.rows}
          details={{ areas: props.areas }}
        />
      </section>
    </Layout>
  );
}

function registrationStatus(view: PageView, r: Participant): string {
  if (r.status === 'confirmed') {
    const label = r.attendance.length > 0 ? tr(view, '出席', 'Attended') : tr(view, '参加確定', 'Confirmed');
    return r.walkIn ? `${label}${tr(view, '（当日参加）', ' (walk-in)')}` : label;
  }
  if (r.status === 'waiting') return tr(view, 'キャンセル待ち', 'Waiting list');
  return tr(view, '取り消し', 'Cancelled');
}

/** How an event of this kind counts for a project, by the metric the project is bound to. */
const countWords: Record<string, { ja: [string, string]; en: [string, string] }> = {
  'events.participants': {
    ja: ['受付した人数（出席者）が', 'に数えられます。'],
    en: ['The people checked in count in ', '.'],
  },
  'events.held': {
    ja: ['開催すると', 'に1回として数えられます（中止したときは数えません）。'],
    en: ['Once held, it counts as one event in ', '; a cancelled event does not.'],
  },
  'events.courses': {
    ja: ['承認された講座ごとに', 'に数えられます。'],
    en: ['Each approved course counts in ', '.'],
  },
};

/** What an event of this kind counts for in the plan, linked to the projects' progress. */
function PlanCount(props: { view: PageView; projects: Project[] }) {
  const { view } = props;
  return (
    <section aria-labelledby="plan-count" data-field="plan-count">
      <h2 id="plan-count">{tr(view, '計画の実績への反映', 'What it counts for in the plan')}</h2>
      {props.projects.length === 0 ? (
        <p>
          {tr(
            view,
            'この種類のイベントは、計画のどの事業の実績にも数えられません。',
            'Events of this kind count for no project of the plan.',
          )}
        </p>
      ) : (
        <ul>
          {props.projects.map((p) => {
            const words = countWords[p.metric.key]?.[view.lang] ?? ['', ''];
            const name = view.lang === 'en' && p.titleEn ? p.titleEn : p.title;
            return (
              <li data-project={p.code}>
                {words[0]}
                <a href={`/plan/projects/${encodeURIComponent(p.code)}`}>
                  {view.lang === 'en' ? name : `「${name}」`}
                </a>
                {view.lang === 'en' ? ` (${p.indicator})` : `の${p.indicator}`}
                {words[1]}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The headers of ParticipantCells. */
export function ParticipantHeaders(props: { view: PageView }) {
  const { view } = props;
  return (
    <>
      <th scope="col">{tr(view, 'お名前', 'Name')}</th>
      <th scope="col">{tr(view, 'ふりがな', 'Reading')}</th>
      <th scope="col">{tr(view, '連絡先', 'Contact')}</th>
      <th scope="col">{tr(view, '状態', 'Status')}</th>
    </>
  );
}

/** Who a participant is, how to reach them, and where they stand: the first cells of a list's row. */
export function ParticipantCells(props: { view: PageView; participant: Participant; waitingRank: number }) {
  const { view, participant: r } = props;
  return (
    <>
      <th scope="row">
        {r.name}
        {r.seats > 1 ? tr(view, `（${r.seats}人）`, ` (${r.seats} people)`) : ''}
        {r.channel === 'phone' ? <span class="badge badge-new">{tr(view, '電話', 'Phone')}</span> : null}
      </th>
      <td>{r.kana}</td>
      <td>
        {r.email ?? ''}
        {r.email && r.phone ? <br /> : null}
        {r.phone ?? ''}
      </td>
      <td>
        {registrationStatus(view, r)}
        {r.status === 'waiting' ? ` ${tr(view, `${props.waitingRank}番目`, `no. ${props.waitingRank}`)}` : ''}
      </td>
    </>
  );
}

/** One event for its organisers: details, publishing, and the participant list with check-in. */
export function ManageEventPage(props: {
  view: PageView;
  event: EventWithCounts;
  organisers: Organiser[];
  categories: Category[];
  areas: Area[];
  /** null when the viewer does not run the event: its participants are not theirs to see */
  participants: Participant[] | null;
  /** the plan's projects an event of this kind counts for */
  countsFor: Project[];
  search: string;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, event, participants } = props;
  // the place on the waiting list, as the person is told it: 1 is the next to be moved up
  const waiting = (participants ?? []).filter((r) => r.status === 'waiting');
  const waitingRank = (r: Participant) => waiting.indexOf(r) + 1;
  const course = event.sessions.length > 1;
  const attendedAt = (r: Participant, sessionId: number) =>
    r.attendance.find((a) => a.sessionId === sessionId)?.checkedInAt;
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
      {participants ? (
        <ul class="actions event-actions">
          {event.status === 'published' ? (
            <li>
              <a class="button" href={`/events/manage/${event.id}/check-in`}>
                {tr(view, '受付ページを開く', 'Open the check-in page')}
              </a>
            </li>
          ) : null}
          {event.status !== 'cancelled' ? (
            <li>
              <a class="button button-secondary" href={`/events/manage/${event.id}/edit`}>
                {tr(view, '内容・日程・定員を変更する', 'Change details, dates or capacity')}
              </a>
            </li>
          ) : null}
          <li>
            <a class="button button-secondary" href={`/events/manage/${event.id}/participants.xlsx`} download>
              {tr(view, '参加者名簿（Excel）', 'Participants (Excel)')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`/events/manage/${event.id}/participants.csv`} download>
              {tr(view, '参加者名簿（CSV）', 'Participants (CSV)')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`/events/manage/${event.id}/copy`}>
              {tr(view, 'コピーして新しく作成', 'Copy into a new event')}
            </a>
          </li>
        </ul>
      ) : null}
      {participants ? (
        <nav aria-label={tr(view, 'このイベントの運営', 'Running this event')}>
          <ul class="inline-list">
            <li>
              <a href={`/events/manage/${event.id}/questions`}>
                {tr(view, '申込時の質問と回答', 'Registration questions and answers')}
              </a>
            </li>
            <li>
              <a href={`/events/manage/${event.id}/feedback`}>
                {tr(view, 'アンケート結果', 'Questionnaire results')}
              </a>
            </li>
            <li>
              <a href={`/events/manage/${event.id}/vendors`} data-vendors-link>
                {tr(view, '出店募集・出店申込', 'Call for vendors')}
              </a>
            </li>
          </ul>
        </nav>
      ) : null}
      <EventFacts view={view} event={event} organisers={props.organisers} categories={props.categories} />
      {participants ? <PlanCount view={view} projects={props.countsFor} /> : null}
      <EventPublicDetails view={view} event={event} areas={props.areas} />
      {participants ? (
        <p>
          <a href={`/events/manage/${event.id}/details`}>
            {tr(
              view,
              '公開情報（住所・地図・問い合わせ先・申込締切など）を編集する',
              'Edit the public details',
            )}
          </a>
        </p>
      ) : null}
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
            <p>
              <a href={`/events/manage/${event.id}/message`} data-message-link>
                {tr(view, '参加者にお知らせを送る', 'Message the participants')}
              </a>
            </p>
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
                      <ParticipantHeaders view={view} />
                      {course ? (
                        event.sessions.map((s) => (
                          <th scope="col" class="num">
                            {tr(view, `${s.number}回目`, `S${s.number}`)}
                          </th>
                        ))
                      ) : (
                        <th scope="col">{tr(view, '受付', 'Check-in')}</th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {participants.map((r) => (
                      <tr
                        data-registration={r.id}
                        data-status={r.status}
                        data-attended={r.attendance.length > 0 ? 'yes' : 'no'}
                      >
                        <ParticipantCells view={view} participant={r} waitingRank={waitingRank(r)} />
                        {course ? (
                          event.sessions.map((session) => {
                            const at = attendedAt(r, session.id);
                            return (
                              <td class="num" data-session={session.number} data-attended={at ? 'yes' : 'no'}>
                                {at ? (
                                  <>
                                    <span aria-hidden="true">✓ </span>
                                    {japanTime(at)}
                                  </>
                                ) : (
                                  <>
                                    <span aria-hidden="true">—</span>
                                    <span class="visually-hidden">{tr(view, '欠席', 'absent')}</span>
                                  </>
                                )}
                              </td>
                            );
                          })
                        ) : (
                          <td>
                            {r.status === 'confirmed' && r.attendance.length === 0 ? (
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
                            ) : r.attendance[0] ? (
                              formatDateTime(view.lang, r.attendance[0].checkedInAt)
                            ) : (
                              '—'
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </>
        )}
      </section>
      {participants ? (
        <CsvRoundTripSection
          view={view}
          base={`/events/manage/${event.id}/participants`}
          id="participants-csv"
          heading={tr(view, '参加者名簿をCSVで直す', 'Correct the participant list with CSV')}
          explanation={tr(
            view,
            '参加者名簿を書き出し、Excel でお名前・ふりがな・メールアドレス・電話番号を直したり、紙の受付名簿から出席（「出席」か「○」）を入れたりして取り込めます。申込番号が空欄の行は、電話や紙で受けた申し込みとして登録し、ご本人に確認のメールを送ります。状態・申込日時などは読むだけの列です。',
            'Export the participant list, correct names, readings, e-mail addresses or phone numbers in Excel, or mark attendance from a paper sign-in sheet (出席 or ○), and import it. A row without 申込番号 registers an application taken by phone or on paper, and the person is sent a confirmation. Status, time of registration and the like are for reading only.',
          )}
          adds={false}
        />
      ) : null}
      {participants && event.status !== 'cancelled' ? (
        <CancelEventForm view={view} event={event} problem={props.problem} />
      ) : null}
    </Layout>
  );
}
