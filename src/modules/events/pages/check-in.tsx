import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { Participant } from '../attendance-service';
import type { EventWithCounts } from '../event-service';
import { japanTime, type SessionRow } from '../sessions';
import { type FormProblem, type FormValues, invalidIf, sessionName, sessionWhen } from './components';

export const checkInScriptPath = '/static/check-in.js';
export const qrDecoderScriptPath = '/static/jsqr.js';

/** The person just checked in (or found checked in already), as the page after the redirect says it. */
export interface CheckInNotice {
  outcome: 'checked-in' | 'already-checked-in' | 'walk-in';
  participant: Participant;
}

function noticeText(view: PageView, notice: CheckInNotice, session: SessionRow, full: boolean): string {
  const { participant } = notice;
  const at = participant.attendance.find((a) => a.sessionId === session.id);
  const time = at ? japanTime(at.checkedInAt) : '';
  if (notice.outcome === 'already-checked-in') {
    return tr(
      view,
      `${participant.name}さんは${time}に受付済みです。`,
      `${participant.name} was already checked in at ${time}.`,
    );
  }
  if (notice.outcome === 'walk-in') {
    return tr(
      view,
      `${participant.name}さんを当日参加として受付しました（${time}）。${full ? '定員を超えています。' : ''}`,
      `${participant.name} was added as a walk-in and checked in (${time}).${full ? ' The event is over capacity.' : ''}`,
    );
  }
  return tr(
    view,
    `${participant.name}さんを受付しました（${time}）。`,
    `${participant.name} is checked in (${time}).`,
  );
}

function DoorRow(props: {
  view: PageView;
  event: EventWithCounts;
  session: SessionRow;
  participant: Participant;
  waitingRank: number;
  search: string;
}) {
  const { view, participant: p, session } = props;
  const at = p.attendance.find((a) => a.sessionId === session.id);
  return (
    <li class="door-person" data-registration={p.id} data-status={p.status} data-attended={at ? 'yes' : 'no'}>
      <p class="door-name">
        <strong>{p.name}</strong> <span class="door-kana">{p.kana}</span>
        {p.walkIn ? <span class="badge">{tr(view, '当日参加', 'Walk-in')}</span> : null}
      </p>
      {at ? (
        <p class="door-done">
          <span aria-hidden="true">✓ </span>
          {tr(view, `${japanTime(at.checkedInAt)} 受付済み`, `Checked in at ${japanTime(at.checkedInAt)}`)}
        </p>
      ) : p.status === 'confirmed' ? (
        <form method="post" action={`/events/manage/${props.event.id}/check-in`}>
          <CsrfField view={view} />
          <input type="hidden" name="session" value={String(session.id)} />
          <input type="hidden" name="registrationId" value={String(p.id)} />
          <input type="hidden" name="q" value={props.search} />
          <button
            type="submit"
            class="button-large"
            aria-label={tr(view, `${p.name}さんを受付する`, `Check in ${p.name}`)}
          >
            {tr(view, '受付する', 'Check in')}
          </button>
        </form>
      ) : (
        <p class="door-refused">
          {p.status === 'waiting'
            ? tr(
                view,
                `キャンセル待ち ${props.waitingRank}番目（受付できません）`,
                `Waiting list no. ${props.waitingRank} (not checked in)`,
              )
            : tr(view, 'お申し込み取り消し済み（受付できません）', 'Registration cancelled (not checked in)')}
        </p>
      )}
    </li>
  );
}

/**
 * Check-in at the door, made for a phone: the session (a course's lecture), scanning the QR ticket
 * with the camera (progressive: the typed code works without script), finding people by name in
 * either kana with large buttons, and adding a walk-in.
 */
export function CheckInPage(props: {
  view: PageView;
  event: EventWithCounts;
  session: SessionRow;
  /** everyone matching the search (everyone when there is none) */
  participants: Participant[];
  /** confirmed people present at this session */
  presentCount: number;
  search: string;
  notice?: CheckInNotice | undefined;
  problem?: FormProblem | undefined;
  /** which form the problem is about, to keep what was typed there */
  values?: FormValues | undefined;
  idempotencyKey: string;
}) {
  const { view, event, session } = props;
  const values = props.values ?? {};
  const course = event.sessions.length > 1;
  const full = event.confirmed >= event.capacity;
  const waiting = props.participants.filter((p) => p.status === 'waiting');
  const title = tr(view, `受付：${event.title}`, `Check-in: ${event.title}`);
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={`/events/manage/${event.id}`}>{tr(view, 'イベントの管理ページへ', 'Back to the event')}</a>
      </p>
      <h1 class="check-in-title">{title}</h1>
      {course ? (
        <nav aria-label={tr(view, '受付する回', 'Session to check in')}>
          <ul class="session-chooser">
            {event.sessions.map((s) => (
              <li>
                <a
                  href={`/events/manage/${event.id}/check-in?session=${s.id}`}
                  aria-current={s.id === session.id ? 'page' : undefined}
                >
                  {sessionName(view.lang, { ...s, title: '' })}
                  <span class="hint">{sessionWhen(view.lang, s)}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p class="check-in-session" data-field="session">
        <strong>{course ? sessionName(view.lang, session) : sessionWhen(view.lang, session)}</strong>
        {course ? <span class="hint">{sessionWhen(view.lang, session)}</span> : null}
        <span data-field="present">
          {tr(
            view,
            `出席 ${props.presentCount}人 ／ 参加確定 ${event.confirmed}人`,
            `Present ${props.presentCount} / confirmed ${event.confirmed}`,
          )}
        </span>
      </p>
      <Notice message={props.notice ? noticeText(view, props.notice, session, full) : undefined} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />

      <section aria-labelledby="ticket-heading" class="card">
        <h2 id="ticket-heading">{tr(view, 'チケットで受付', 'Check in by ticket')}</h2>
        <div class="scanner" data-scanner data-decoder={qrDecoderScriptPath} hidden>
          <button type="button" class="button-large" data-scanner-start>
            {tr(view, 'カメラでQRコードを読み取る', 'Scan the QR code with the camera')}
          </button>
          <video class="scanner-video" data-scanner-video playsinline muted hidden />
          <p class="hint" data-scanner-status aria-live="polite" />
        </div>
        <form method="post" action={`/events/manage/${event.id}/check-in`} class="stack" data-ticket-form>
          <CsrfField view={view} />
          <input type="hidden" name="session" value={String(session.id)} />
          <div>
            <label for="ticketCode">
              {tr(view, 'チケットコード（12文字）', 'Ticket code (12 characters)')}
              <span class="hint" id="ticketCode-hint">
                {tr(
                  view,
                  'QRコードの下に書かれた英数字です。読み取れないときに入力してください。',
                  'The letters and digits under the QR code, when it cannot be scanned.',
                )}
              </span>
            </label>
            <input
              id="ticketCode"
              name="ticketCode"
              required
              maxlength={40}
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              aria-describedby="ticketCode-hint"
              value={values.ticketCode ?? ''}
              {...invalidIf(props.problem, 'ticketCode')}
            />
          </div>
          <div>
            <button type="submit" class="button-large">
              {tr(view, 'コードで受付する', 'Check in with the code')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="find-heading">
        <h2 id="find-heading">{tr(view, '名前で探して受付', 'Find by name')}</h2>
        <search>
          <form method="get" action={`/events/manage/${event.id}/check-in`} class="filters">
            <input type="hidden" name="session" value={String(session.id)} />
            <div>
              <label for="door-q">{tr(view, '名前・ふりがな', 'Name or reading')}</label>
              <input id="door-q" name="q" type="search" value={props.search} aria-describedby="door-q-hint" />
              <span id="door-q-hint" class="hint">
                {tr(
                  view,
                  'ひらがな・カタカナどちらでも、一部だけでも探せます',
                  'Part of it, in hiragana or katakana',
                )}
              </span>
            </div>
            <div>
              <button type="submit" class="button-large">
                {tr(view, '探す', 'Find')}
              </button>
            </div>
          </form>
        </search>
        {props.participants.length === 0 ? (
          <p>
            {props.search
              ? tr(
                  view,
                  '該当する方はいません。当日参加として追加できます。',
                  'Nobody matches. You can add them as a walk-in.',
                )
              : tr(view, 'まだ申し込みはありません。', 'No registrations yet.')}
          </p>
        ) : (
          <ul class="door-list">
            {props.participants.map((p) => (
              <DoorRow
                view={view}
                event={event}
                session={session}
                participant={p}
                waitingRank={waiting.indexOf(p) + 1}
                search={props.search}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="walk-in-heading" class="card">
        <h2 id="walk-in-heading">{tr(view, '当日参加の方を追加', 'Add a walk-in')}</h2>
        <p class={full ? 'warning' : 'hint'} data-field="capacity-note">
          {full
            ? tr(
                view,
                `定員（${event.capacity}人）に達しています${event.waiting > 0 ? `。キャンセル待ちが${event.waiting}人います` : ''}。当日参加の方は会場にいらっしゃるため、定員を超えても受付できます。`,
                `The event is full (capacity ${event.capacity}${event.waiting > 0 ? `, ${event.waiting} waiting` : ''}). A walk-in is in the room, so they can be added beyond the capacity.`,
              )
            : tr(
                view,
                `参加確定として登録し、この回の出席を記録します（残り${event.capacity - event.confirmed}席）。`,
                `They are registered as confirmed and marked present (${event.capacity - event.confirmed} seats left).`,
              )}
        </p>
        <form method="post" action={`/events/manage/${event.id}/walk-ins`} class="stack">
          <CsrfField view={view} />
          <input type="hidden" name="session" value={String(session.id)} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <div>
            <label for="walk-in-name">{tr(view, 'お名前', 'Name')}</label>
            <input
              id="walk-in-name"
              name="name"
              required
              maxlength={100}
              value={values.name ?? ''}
              {...invalidIf(props.problem, 'name')}
            />
          </div>
          <div>
            <label for="walk-in-kana">{tr(view, 'ふりがな', 'Reading (kana)')}</label>
            <input
              id="walk-in-kana"
              name="kana"
              required
              maxlength={100}
              value={values.kana ?? ''}
              {...invalidIf(props.problem, 'kana')}
            />
          </div>
          <div>
            <label for="walk-in-email">{tr(view, 'メールアドレス（任意）', 'E-mail (optional)')}</label>
            <input
              id="walk-in-email"
              name="email"
              type="email"
              maxlength={254}
              value={values.email ?? ''}
              {...invalidIf(props.problem, 'email')}
            />
          </div>
          <div>
            <label for="walk-in-phone">{tr(view, '電話番号（任意）', 'Phone (optional)')}</label>
            <input
              id="walk-in-phone"
              name="phone"
              type="tel"
              maxlength={20}
              value={values.phone ?? ''}
              {...invalidIf(props.problem, 'phone')}
            />
          </div>
          <div>
            <button type="submit" class="button-large">
              {tr(view, '当日参加として受付する', 'Add and check in')}
            </button>
          </div>
        </form>
      </section>
      <script src={checkInScriptPath} defer />
    </Layout>
  );
}
