import { formatDate } from '../../../platform/fiscal-year';
import { formatNumber, type Lang, localise, titleIn } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import type { EventWithCounts } from '../event-service';
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
