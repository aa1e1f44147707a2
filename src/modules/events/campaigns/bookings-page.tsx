import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import { CheckboxField, InputField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { eventWhen, type FormProblem, type FormValues, remainingSeats } from '../pages/components';
import { japanTime } from '../sessions';
import type { Booking, CourseInService } from './bookings';
import { type FollowUpRow, followUpDayOf, type ReturnFigures } from './follow-ups';
import { ReturnRate, withinWords } from './returns-page';

/** Which part of the page a refused form belongs to, to show its problem and values there. */
export type BookingForm = 'booking' | `row-${number}`;

const channelWords: Record<string, [string, string]> = {
  online: ['ウェブ', 'Online'],
  phone: ['電話', 'Phone'],
  door: ['当日', 'At the door'],
};

function AttendanceState(props: { view: PageView; booking: Booking }) {
  const { view, booking } = props;
  const came = booking.attendance[0];
  if (came) {
    return (
      <span class="status status-achieved" data-attendance="came">
        {tr(view, `来た（${japanTime(came.checkedInAt)}）`, `Came (${japanTime(came.checkedInAt)})`)}
      </span>
    );
  }
  if (booking.absentAt) {
    return (
      <span class="status status-missed" data-attendance="absent">
        {tr(view, '来なかった', 'Did not come')}
      </span>
    );
  }
  return (
    <span class="status status-none" data-attendance="none">
      {tr(view, '出欠未入力', 'Not marked')}
    </span>
  );
}

function FollowUpState(props: {
  view: PageView;
  followUp: FollowUpRow;
  action: string;
  problem: FormProblem | undefined;
  values: FormValues;
  name: string;
}) {
  const { view, followUp } = props;
  if (followUp.answeredAt !== null) {
    const within = followUp.cameBackWithin ? withinWords[followUp.cameBackWithin] : undefined;
    return (
      <p data-follow-up="answered">
        {tr(view, 'その後の来店：', 'Came back: ')}
        <strong>
          {followUp.cameBack ? tr(view, 'はい', 'Yes') : tr(view, 'いいえ', 'No')}
          {within ? tr(view, `（${within[0]}）`, ` (${within[1]})`) : ''}
        </strong>
        {followUp.answeredVia === 'shop'
          ? tr(view, '・お店が電話で確認', ' · asked by the shop')
          : tr(view, '・ご本人がメールで回答', ' · answered by mail')}
      </p>
    );
  }
  if (followUp.askedAt === null) {
    return (
      <p class="muted" data-follow-up="consented">
        {tr(view, 'その後のおたずね：同意あり', 'Follow-up: consented')}
      </p>
    );
  }
  if (followUp.askedBy === 'mail') {
    return (
      <p class="muted" data-follow-up="asked">
        {tr(view, 'その後のおたずね：メールで回答待ち', 'Follow-up: asked by mail, no answer yet')}
      </p>
    );
  }
  // no e-mail address: the shop asks on the phone and enters the answer
  const id = `follow-up-${followUp.registrationId}`;
  return (
    <form method="post" action={props.action} class="stack" data-follow-up="to-ask">
      <CsrfField view={view} />
      <fieldset>
        <legend>
          {tr(
            view,
            `お電話で確認：${props.name}さんは、その後お店に来ましたか？`,
            `Asked on the phone: has ${props.name} come back since?`,
          )}
        </legend>
        {(
          [
            ['yes', 'はい', 'Yes'],
            ['no', 'いいえ', 'No'],
          ] as const
        ).map(([value, ja, en]) => (
          <div class="choice">
            <input
              type="radio"
              id={`${id}-${value}`}
              name="cameBack"
              value={value}
              checked={props.values.cameBack === value}
              required
            />
            <label for={`${id}-${value}`}>{tr(view, ja, en)}</label>
          </div>
        ))}
      </fieldset>
      <div>
        <label for={`${id}-within`}>{tr(view, 'いつ頃（任意）', 'When (optional)')}</label>
        <select id={`${id}-within`} name="within" required={false}>
          <option value="">{tr(view, '—', '—')}</option>
          {Object.entries(withinWords).map(([value, [ja, en]]) => (
            <option value={value} selected={props.values.within === value}>
              {tr(view, ja, en)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit" class="button-secondary">
          {tr(view, '回答を記録する', 'Record the answer')}
        </button>
      </div>
    </form>
  );
}

function BookingItem(props: {
  view: PageView;
  service: CourseInService;
  booking: Booking;
  waitingRank: number;
  canCancel: boolean;
  canMark: boolean;
  problem: FormProblem | undefined;
  values: FormValues;
}) {
  const { view, booking: b, service } = props;
  const base = `/events/courses/${service.course.id}/bookings/${b.id}`;
  const [ja, en] = channelWords[b.channel] ?? [b.channel, b.channel];
  return (
    <li
      class="door-person"
      id={`booking-${b.id}`}
      data-registration={b.id}
      data-channel={b.channel}
      data-status={b.status}
      data-attended={b.attendance.length > 0 ? 'yes' : 'no'}
    >
      <p class="door-name">
        <strong>{b.name}</strong> {b.kana ? <span class="door-kana">{b.kana}</span> : null}
        <span class="badge badge-new">{tr(view, ja, en)}</span>{' '}
        <span data-field="seats">
          {tr(view, `${b.seats}人`, `${b.seats} ${b.seats === 1 ? 'person' : 'people'}`)}
        </span>
      </p>
      <p class="booking-contact">
        {b.phone ? <a href={`tel:${b.phone}`}>{b.phone}</a> : null}
        {b.phone && b.email ? ' · ' : null}
        {b.email ? <span>{b.email}</span> : null}
      </p>
      {b.note ? <p class="description">{b.note}</p> : null}
      <p>
        {b.status === 'confirmed' ? (
          <AttendanceState view={view} booking={b} />
        ) : b.status === 'waiting' ? (
          <span class="status status-nearly">
            {tr(view, `キャンセル待ち ${props.waitingRank}番目`, `Waiting list no. ${props.waitingRank}`)}
          </span>
        ) : (
          <span class="status status-none">{tr(view, '取り消し', 'Cancelled')}</span>
        )}
      </p>
      {props.problem ? (
        <ErrorSummary view={view} message={props.problem.message} details={props.problem.details} />
      ) : null}
      {props.canMark && b.status === 'confirmed' ? (
        <form method="post" action={`${base}/attendance`} class="actions booking-attendance">
          <CsrfField view={view} />
          <button
            type="submit"
            name="attendance"
            value="came"
            aria-pressed={b.attendance.length > 0 ? 'true' : 'false'}
            aria-label={tr(view, `${b.name}さんは来た`, `${b.name} came`)}
          >
            {tr(view, '来た', 'Came')}
          </button>
          <button
            type="submit"
            name="attendance"
            value="absent"
            class="button-secondary"
            aria-pressed={b.absentAt && b.attendance.length === 0 ? 'true' : 'false'}
            aria-label={tr(view, `${b.name}さんは来なかった`, `${b.name} did not come`)}
          >
            {tr(view, '来なかった', 'Did not come')}
          </button>
        </form>
      ) : null}
      {props.canCancel && b.status !== 'cancelled' ? (
        <form method="post" action={`${base}/cancel`}>
          <CsrfField view={view} />
          <button
            type="submit"
            class="button-secondary"
            aria-label={tr(view, `${b.name}さんの申し込みを取り消す`, `Cancel ${b.name}'s booking`)}
          >
            {tr(view, '申し込みを取り消す', 'Cancel the booking')}
          </button>
        </form>
      ) : null}
      {b.followUp ? (
        <FollowUpState
          view={view}
          followUp={b.followUp}
          action={`${base}/follow-up`}
          problem={props.problem}
          values={props.values}
          name={b.name}
        />
      ) : null}
    </li>
  );
}

/**
 * A まちゼミ course's bookings for the shop that runs it (and the organiser's staff), made for a
 * phone at the counter: the seats left, a booking taken by phone, every booking (online, phone, at
 * the door) with its contact to call, came / did not come, cancel, and the follow-up after the
 * campaign with the shop's return rate beside the campaign's.
 */
export function CourseBookingsPage(props: {
  view: PageView;
  service: CourseInService;
  bookings: Booking[];
  /** the shop's return figures in this campaign, and the campaign's */
  returns: { shop: ReturnFigures; campaign: ReturnFigures };
  /** staff come from the campaign's page; the shop from its proposal */
  staffView: boolean;
  idempotencyKey: string;
  now: Date;
  form?: BookingForm | undefined;
  values?: FormValues | undefined;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, service, now } = props;
  const { course, campaign, event } = service;
  const left = remainingSeats(event);
  const open = event.status === 'published' && event.startsAt > now;
  const marking = event.status === 'published' && todayInJapan(now) >= todayInJapan(event.startsAt);
  const waiting = props.bookings.filter((b) => b.status === 'waiting');
  const live = props.bookings.filter((b) => b.status !== 'cancelled');
  const byPhone = live.filter((b) => b.status === 'confirmed' && b.channel === 'phone');
  const phoneSeats = byPhone.reduce((n, b) => n + b.seats, 0);
  const bookingForm = props.form === 'booking';
  const values = bookingForm ? (props.values ?? {}) : { seats: '1' };
  const problem = bookingForm ? props.problem : undefined;
  const field = { view, values, problem };
  const title = tr(view, `申し込みと出欠：${course.title}`, `Bookings and attendance: ${course.title}`);
  return (
    <Layout view={view} title={title}>
      <p>
        {props.staffView ? (
          <a href={`/events/campaigns/manage/${campaign.id}#course-${course.id}`}>
            {tr(view, 'まちゼミの管理へ戻る', 'Back to the campaign')}
          </a>
        ) : (
          <a href={`/events/courses/${course.id}`}>{tr(view, '講座の提案へ戻る', 'Back to the proposal')}</a>
        )}
      </p>
      <h1>{title}</h1>
      <p>
        {course.shopName} · {campaign.title} · {eventWhen(view.lang, event)} · {event.place}
      </p>
      <p data-counts class="kpi-value">
        {tr(
          view,
          `残り ${left}席（定員 ${event.capacity}人・申し込み ${event.confirmed}人）`,
          `${left} ${left === 1 ? 'place' : 'places'} left (capacity ${event.capacity}, booked ${event.confirmed})`,
        )}
      </p>
      <p class="muted">
        {tr(
          view,
          `うち電話 ${phoneSeats}人${event.waiting > 0 ? `・キャンセル待ち ${event.waiting}人` : ''}。この一覧は個人情報です。講座の運営のためだけに使ってください。`,
          `By phone: ${phoneSeats}${event.waiting > 0 ? `; waiting list: ${event.waiting}` : ''}. This list is personal data: use it only to run the course.`,
        )}
      </p>
      <Notice message={props.notice} />
      {!props.form ? (
        <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      ) : null}

      <section aria-labelledby="phone-booking-heading">
        <h2 id="phone-booking-heading">
          {tr(view, '電話の申し込みを入力', 'Enter a booking taken by phone')}
        </h2>
        {!open ? (
          <p data-booking-closed>
            {event.status === 'cancelled'
              ? tr(view, 'この講座は中止になりました。', 'This course has been cancelled.')
              : tr(
                  view,
                  '講座の開始時刻を過ぎたため、申し込みは受け付けていません。',
                  'The course has started; no more bookings are taken.',
                )}
          </p>
        ) : left === 0 && !bookingForm ? (
          <p data-booking-closed>
            {tr(
              view,
              '満席です。キャンセルが出たら、お待ちの方にご連絡ください。',
              'The course is full. Call people back if a place frees up.',
            )}
          </p>
        ) : (
          <>
            <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
            <form method="post" action={`/events/courses/${course.id}/bookings`} class="stack card">
              <CsrfField view={view} />
              <input
                type="hidden"
                name="idempotencyKey"
                value={values.idempotencyKey ?? props.idempotencyKey}
              />
              <InputField {...field} name="name" label={tr(view, 'お名前', 'Name')} maxlength={100} />
              <InputField
                {...field}
                name="kana"
                required={false}
                label={tr(view, 'ふりがな（任意）', 'Reading (optional)')}
                hint={tr(view, 'ひらがなかカタカナ', 'In hiragana or katakana')}
                maxlength={100}
              />
              <InputField
                {...field}
                name="phone"
                type="tel"
                inputmode="tel"
                required={false}
                label={tr(view, '電話番号', 'Phone')}
                hint={tr(
                  view,
                  '電話番号かメールアドレスのどちらかは必ず（例：042-558-1111）',
                  'A phone number or an e-mail address is needed (e.g. 042-558-1111)',
                )}
                maxlength={20}
              />
              <InputField
                {...field}
                name="email"
                type="email"
                inputmode="email"
                required={false}
                label={tr(view, 'メールアドレス（任意）', 'E-mail (optional)')}
                hint={tr(
                  view,
                  '入力すると、申し込みの控え（取り消し用のリンク）と前日のお知らせがメールで届きます',
                  'The person then gets a receipt with a cancel link, and a reminder the day before',
                )}
                maxlength={254}
              />
              <InputField
                {...field}
                name="seats"
                type="number"
                inputmode="numeric"
                min="1"
                max={String(Math.max(1, left))}
                label={tr(view, '人数', 'Number of people')}
                hint={tr(view, `残り ${left}席`, `${left} left`)}
              />
              <TextAreaField
                {...field}
                name="note"
                rows={2}
                maxlength={200}
                label={tr(view, 'メモ（任意）', 'Note (optional)')}
                hint={tr(view, '例：お子さま連れ、車いす', 'e.g. with a child, wheelchair')}
              />
              <CheckboxField
                name="followUpConsent"
                values={values}
                label={tr(
                  view,
                  `講座のあと（${formatDate('ja', followUpDayOf(campaign))}ごろ）、「その後お店に来られたか」をおたずねすることに、ご本人が同意した`,
                  `The person agreed to be asked, after the campaign (around ${formatDate('en', followUpDayOf(campaign))}), whether they came back to the shop`,
                )}
              />
              <div>
                <button type="submit" class="button-large">
                  {tr(view, '申し込みを記録する', 'Record the booking')}
                </button>
              </div>
            </form>
          </>
        )}
      </section>

      <section aria-labelledby="bookings-heading">
        <h2 id="bookings-heading">
          {tr(
            view,
            `申し込み一覧（${live.length}件・${event.confirmed}人）`,
            `Bookings (${live.length}, ${event.confirmed} people)`,
          )}
        </h2>
        {!marking && event.status === 'published' ? (
          <p class="muted">
            {tr(
              view,
              `出欠は講座の当日（${formatDate('ja', todayInJapan(event.startsAt))}）からつけられます。`,
              `Attendance can be marked from the day of the course (${formatDate('en', todayInJapan(event.startsAt))}).`,
            )}
          </p>
        ) : null}
        {props.bookings.length === 0 ? (
          <p data-empty>{tr(view, 'まだ申し込みはありません。', 'No bookings yet.')}</p>
        ) : (
          <ul class="door-list">
            {props.bookings.map((b) => (
              <BookingItem
                view={view}
                service={service}
                booking={b}
                waitingRank={waiting.indexOf(b) + 1}
                canCancel={open}
                canMark={marking}
                problem={props.form === `row-${b.id}` ? props.problem : undefined}
                values={props.form === `row-${b.id}` ? (props.values ?? {}) : {}}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="returns-heading">
        <h2 id="returns-heading">{tr(view, 'その後の来店', 'Coming back to the shop')}</h2>
        <p>
          {tr(
            view,
            `同意した方のうち講座に来た方に、${formatDate('ja', followUpDayOf(campaign))}に「その後お店に来たか」をおたずねします（メールアドレスがない方はお店から電話で）。`,
            `People who consented and came are asked on ${formatDate('en', followUpDayOf(campaign))} whether they have come back (by mail, or by the shop on the phone when there is no e-mail address).`,
          )}
        </p>
        <dl class="facts" data-returns>
          <dt>{tr(view, 'このお店', 'This shop')}</dt>
          <dd data-returns="shop">
            <ReturnRate view={view} figures={props.returns.shop} />
          </dd>
          <dt>{tr(view, 'まちゼミ全体', 'The whole campaign')}</dt>
          <dd data-returns="campaign">
            <ReturnRate view={view} figures={props.returns.campaign} />
          </dd>
        </dl>
      </section>
    </Layout>
  );
}
