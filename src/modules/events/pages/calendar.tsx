import { todayInJapan } from '../../../platform/fiscal-year';
import type { Lang } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import { type EventWithCounts, japanTime } from '../event-service';
import { sessionsHeld } from '../published-events';
import { cancelledTitle } from './lifecycle';

const monthFormats: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', timeZone: 'UTC' }),
};

/** 令和8年12月（2026年12月）, or December 2026. */
export function formatMonth(lang: Lang, month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const label = monthFormats[lang].format(new Date(Date.UTC(year, m - 1, 1)));
  return lang === 'ja' ? `${label}（${year}年${m}月）` : label;
}

/** The month before or after, as 2026-11. */
export function monthBeside(month: string, step: -1 | 1): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + step, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

const weekdays = [
  { ja: '日', jaLong: '日曜日', en: 'Sun', enLong: 'Sunday' },
  { ja: '月', jaLong: '月曜日', en: 'Mon', enLong: 'Monday' },
  { ja: '火', jaLong: '火曜日', en: 'Tue', enLong: 'Tuesday' },
  { ja: '水', jaLong: '水曜日', en: 'Wed', enLong: 'Wednesday' },
  { ja: '木', jaLong: '木曜日', en: 'Thu', enLong: 'Thursday' },
  { ja: '金', jaLong: '金曜日', en: 'Fri', enLong: 'Friday' },
  { ja: '土', jaLong: '土曜日', en: 'Sat', enLong: 'Saturday' },
];

/** The days of a month (2026-12-01 …) in weeks from Sunday; null before the 1st and after the last. */
function weeksOf(month: string): (string | null)[][] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const firstWeekday = new Date(Date.UTC(year, m - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const cells: (string | null)[] = [
    ...Array.from({ length: firstWeekday }, () => null),
    ...Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

function dayLabel(lang: Lang, date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = weekdays[new Date(`${date}T00:00:00Z`).getUTCDay()];
  return lang === 'ja' ? `${m}月${d}日（${weekday?.ja}）` : `${weekday?.en} ${d}`;
}

/** One session on the calendar: its event's page, title (with the lecture's number) and times. */
interface CalendarEntry {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * A month as a table, one row a week from Sunday: each day lists its events (time and title). On a
 * phone a day shows only how many events it has, linked to the same events listed by day below the
 * table, so that the seven columns fit 360 px.
 */
export function MonthCalendar(props: {
  view: PageView;
  month: string;
  events: EventWithCounts[];
  /** the same page showing another month */
  monthHref: (month: string) => string;
}) {
  const { view, month } = props;
  // each session on its day: a course's lectures each have theirs
  const byDay = new Map<string, CalendarEntry[]>();
  for (const event of props.events) {
    const sessions = sessionsHeld(event);
    for (const session of sessions) {
      const day = todayInJapan(session.startsAt);
      if (!day.startsWith(month)) continue;
      const name = cancelledTitle(view, event);
      const title =
        sessions.length > 1
          ? tr(view, `${name}（第${session.number}回）`, `${name} (session ${session.number})`)
          : name;
      const entry = { id: event.id, title, startsAt: session.startsAt, endsAt: session.endsAt };
      byDay.set(day, [...(byDay.get(day) ?? []), entry]);
    }
  }
  for (const entries of byDay.values()) entries.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const today = todayInJapan();
  const days = [...byDay.keys()].sort();
  return (
    <section aria-labelledby="calendar-heading" class="calendar-month">
      <h2 id="calendar-heading">{formatMonth(view.lang, month)}</h2>
      <nav class="pager" aria-label={tr(view, '月の切り替え', 'Other months')}>
        <a href={props.monthHref(monthBeside(month, -1))} rel="prev">
          ← {formatMonth(view.lang, monthBeside(month, -1))}
        </a>
        <a href={props.monthHref(monthBeside(month, 1))} rel="next">
          {formatMonth(view.lang, monthBeside(month, 1))} →
        </a>
      </nav>
      <table class="calendar" aria-labelledby="calendar-heading">
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th scope="col">
                <abbr title={tr(view, w.jaLong, w.enLong)}>{tr(view, w.ja, w.en)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(month).map((week) => (
            <tr>
              {week.map((day) => {
                if (!day) return <td class="calendar-outside" />;
                const events = byDay.get(day) ?? [];
                return (
                  <td data-date={day} aria-current={day === today ? 'date' : undefined}>
                    <span class="calendar-day">{Number(day.slice(8))}</span>
                    {events.length > 0 ? (
                      <>
                        <ul class="calendar-events">
                          {events.map((e) => (
                            <li>
                              <a href={`/events/${e.id}`}>
                                <span class="calendar-time">{japanTime(e.startsAt)}</span> {e.title}
                              </a>
                            </li>
                          ))}
                        </ul>
                        <a
                          class="calendar-count"
                          href={`#day-${day}`}
                          aria-label={tr(
                            view,
                            `${dayLabel('ja', day)}のイベント ${events.length}件`,
                            `${events.length} events on ${dayLabel('en', day)}`,
                          )}
                        >
                          {tr(view, `${events.length}件`, String(events.length))}
                        </a>
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {days.length > 0 ? (
        <section class="calendar-agenda" aria-labelledby="agenda-heading">
          <h2 id="agenda-heading">{tr(view, 'この月のイベント（日付順）', 'Events this month, by day')}</h2>
          <ul>
            {days.map((day) => (
              <li id={`day-${day}`}>
                <h3>{dayLabel(view.lang, day)}</h3>
                <ul>
                  {(byDay.get(day) ?? []).map((e) => (
                    <li>
                      <a href={`/events/${e.id}`}>
                        {japanTime(e.startsAt)}–{japanTime(e.endsAt)} {e.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
