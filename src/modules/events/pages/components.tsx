import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { formatDate, formatDateTime } from '../../../platform/fiscal-year';
import { formatNumber, type Lang, localise, titleIn } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import type { EventRow, EventWithCounts } from '../event-service';
import { japanTime, type SessionRow, sessionTopics } from '../sessions';

export { type FormProblem, type FormValues, invalidIf } from '../../../platform/forms';

/** An organisation of the plan (第5章) that can organise events. */
export interface Organiser {
  code: string;
  name: string;
  nameEn?: string | undefined;
}

export function organiserName(lang: Lang, code: string, organisers: Organiser[]): string {
  const organiser = organisers.find((o) => o.code === code);
  if (!organiser) return code;
  return lang === 'en' && organiser.nameEn ? organiser.nameEn : organiser.name;
}

/** A kind of event as the plan file declares it (`eventCategories`). */
export interface Category {
  code: string;
  title: string;
  titleEn?: string | undefined;
}

export function categoryName(lang: Lang, code: string, categories: Category[]): string {
  const category = categories.find((c) => c.code === code);
  return category ? titleIn(lang, category) : code;
}

/** 令和8年12月1日 14:00–16:00 */
export function sessionWhen(lang: Lang, session: { startsAt: Date; endsAt: Date }): string {
  return `${formatDate(lang, session.startsAt)} ${japanTime(session.startsAt)}–${japanTime(session.endsAt)}`;
}

/** 令和8年12月1日 14:00–16:00; a course: 令和8年5月10日 14:00–16:00 から全5回（最終回 令和8年6月7日） */
export function eventWhen(
  lang: Lang,
  event: { startsAt: Date; endsAt: Date; sessions?: { startsAt: Date; endsAt: Date }[] },
): string {
  const sessions = event.sessions ?? [];
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  if (sessions.length < 2 || !first || !last) return sessionWhen(lang, event);
  return lang === 'en'
    ? `${sessionWhen(lang, first)}, ${sessions.length} sessions (last on ${formatDate(lang, last.startsAt)})`
    : `${sessionWhen(lang, first)} から全${sessions.length}回（最終回 ${formatDate(lang, last.startsAt)}）`;
}

/** 「第2回 財務」: a session's number with its theme and area, as a list shows it. */
export function sessionName(lang: Lang, session: Pick<SessionRow, 'number' | 'title' | 'topic'>): string {
  const parts = [
    lang === 'en' ? `Session ${session.number}` : `${session.number}回目`,
    session.title,
    session.topic ? `（${localise(lang, sessionTopics[session.topic])}）` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** The lectures of a course, one line each, in the order they are held. */
export function Schedule(props: { view: PageView; sessions: SessionRow[] }) {
  return (
    <ol class="schedule">
      {props.sessions.map((s) => (
        <li data-session={s.number}>
          <span class="schedule-name">{sessionName(props.view.lang, s)}</span>{' '}
          <span class="schedule-when">{sessionWhen(props.view.lang, s)}</span>
        </li>
      ))}
    </ol>
  );
}

export function formatYen(lang: Lang, yen: number): string {
  if (yen === 0) return lang === 'en' ? 'Free' : '無料';
  return lang === 'en' ? `¥${formatNumber(lang, yen)}` : `${formatNumber(lang, yen)}円`;
}

export function remainingSeats(event: EventWithCounts): number {
  return Math.max(0, event.capacity - event.confirmed);
}

/** Date, place, capacity, remaining seats, fee and organiser of an event, as a definition list. */
export function EventFacts(props: {
  view: PageView;
  event: EventWithCounts;
  organisers: Organiser[];
  categories: Category[];
}) {
  const { view, event } = props;
  const remaining = remainingSeats(event);
  return (
    <dl class="facts">
      <dt>{tr(view, '種類', 'Kind')}</dt>
      <dd>{categoryName(view.lang, event.category, props.categories)}</dd>
      <dt>{tr(view, '日時', 'When')}</dt>
      <dd data-field="when">
        {eventWhen(view.lang, event)}
        {event.sessions.length > 1 ? <Schedule view={view} sessions={event.sessions} /> : null}
      </dd>
      <dt>{tr(view, '会場', 'Place')}</dt>
      <dd>{event.place}</dd>
      <dt>{tr(view, '定員', 'Capacity')}</dt>
      <dd>{tr(view, `${event.capacity}人`, `${event.capacity}`)}</dd>
      <dt>{tr(view, '残りの席', 'Seats left')}</dt>
      <dd data-field="remaining">
        {remaining > 0
          ? tr(view, `${remaining}人`, `${remaining}`)
          : tr(view, '満席（キャンセル待ちで受け付けます）', 'Full (you can join the waiting list)')}
      </dd>
      <dt>{tr(view, '参加費', 'Fee')}</dt>
      <dd>{formatYen(view.lang, event.feeYen)}</dd>
      <dt>{tr(view, '主催', 'Organiser')}</dt>
      <dd>{organiserName(view.lang, event.organiser, props.organisers)}</dd>
    </dl>
  );
}

/** An area of the municipality as the plan file declares it (`areas`). */
export interface Area {
  code: string;
  name: string;
  nameEn?: string | undefined;
}

export function areaName(lang: Lang, code: string, areas: Area[]): string {
  const area = areas.find((a) => a.code === code);
  if (!area) return code;
  return lang === 'en' && area.nameEn ? area.nameEn : area.name;
}

/** The place on 地理院地図 (the Geospatial Information Authority of Japan's map), a plain link. */
export function mapUrl(latitude: number, longitude: number): string {
  return `https://maps.gsi.go.jp/#17/${latitude}/${longitude}/`;
}

/**
 * What the public reads about an event besides its date, place and fee: area, address with a map
 * link, access, parking, fee details, registration deadline, contact and notes, those it has.
 */
export function EventPublicDetails(props: {
  view: PageView;
  event: EventRow;
  areas: Area[];
  /** shown when the event has none */
  whenEmpty?: Child;
}) {
  const { view, event } = props;
  const rows: [string, string, Child][] = [];
  if (event.area) rows.push(['area', tr(view, '地区', 'Area'), areaName(view.lang, event.area, props.areas)]);
  if (event.address || event.latitude !== null) {
    rows.push([
      'address',
      tr(view, '住所', 'Address'),
      <>
        {event.address}
        {event.latitude !== null && event.longitude !== null ? (
          <>
            {event.address ? ' ' : null}
            <a href={mapUrl(event.latitude, event.longitude)} rel="noopener">
              {tr(view, '地図で見る（地理院地図）', 'See it on a map (GSI Maps)')}
            </a>
          </>
        ) : null}
      </>,
    ]);
  }
  if (event.access) rows.push(['access', tr(view, 'アクセス', 'Getting there'), event.access]);
  if (event.parking) rows.push(['parking', tr(view, '駐車場', 'Parking'), event.parking]);
  if (event.feeDetails) rows.push(['fee-details', tr(view, '料金の詳細', 'Fee details'), event.feeDetails]);
  if (event.registrationClosesAt) {
    rows.push([
      'deadline',
      tr(view, '申込締切', 'Registration closes'),
      formatDateTime(view.lang, event.registrationClosesAt),
    ]);
  }
  if (event.contactName || event.contactPhone) {
    rows.push([
      'contact',
      tr(view, '問い合わせ先', 'Contact'),
      <>
        {event.contactName}
        {event.contactName && event.contactPhone ? ' ' : null}
        {event.contactPhone ? (
          <a href={`tel:${event.contactPhone.replace(/[^0-9]/g, '')}`}>{event.contactPhone}</a>
        ) : null}
      </>,
    ]);
  }
  if (event.notes) rows.push(['notes', tr(view, '備考', 'Notes'), event.notes]);
  if (rows.length === 0) return props.whenEmpty ?? null;
  return (
    <dl class="facts facts-details">
      {rows.map(([field, label, value]) => (
        <>
          <dt>{label}</dt>
          <dd data-field={field}>{value}</dd>
        </>
      ))}
    </dl>
  );
}

/**
 * JSON for a <script> element, with <, >, & and the JavaScript line separators written as \u escapes:
 * still the same JSON, but no text of an event (a title with `</script>`) can end the element.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Structured data (schema.org JSON-LD) in the page; a data block, which the CSP does not run. */
export function JsonLd(props: { data: unknown }) {
  return <script type="application/ld+json">{raw(jsonForScript(props.data))}</script>;
}
