import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import type { EventRow } from './event-service';
import { formatYen } from './pages/components';
import { type EventWithSessions, lectureName, sessionsHeld } from './published-events';

const japan = 'Asia/Tokyo';

/** What a feed names besides its events. */
export interface CalendarFeed {
  /** e.g. あきる野市のイベント（創業塾） */
  name: string;
  /** the absolute address of the events list, without a trailing slash: events link to their pages */
  listUrl: string;
  organiserName: (code: string) => string;
  categoryName: (code: string) => string;
}

/**
 * The UID of an event, or of one lecture of a course: the same in every fetch of every feed that
 * holds it (so that a calendar updates it instead of adding it again), unique across municipalities.
 */
export function eventUid(event: Pick<EventRow, 'id' | 'municipalityCode'>, session?: number): string {
  return `event-${event.id}${session === undefined ? '' : `-session-${session}`}-${event.municipalityCode}@tsunagu`;
}

/**
 * The events as an iCalendar feed (RFC 5545), written by ical-generator: escaping and line folding
 * are its work. A single event is one VEVENT; a course is one VEVENT per lecture, since a calendar
 * would show the span of a month-long course as one month-long event. Times are local to Asia/Tokyo
 * with a VTIMEZONE, as the organiser wrote them: a plain Date would be written in UTC digits under the
 * zone's name, so each time is a TZDate of that zone. DTSTAMP and LAST-MODIFIED are the event's last
 * change (UTC), so an unchanged feed is the same text. A cancelled event stays in the feed as
 * CANCELLED, so that subscribers' calendars learn of it.
 */
export function eventsCalendar(events: EventWithSessions[], feed: CalendarFeed): string {
  const calendar = ical({
    name: feed.name,
    prodId: { company: 'Tsunagu', product: 'events', language: 'JA' },
    url: feed.listUrl,
    // VTIMEZONE components for the zones the events use
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: 60 * 60,
    x: { 'X-WR-TIMEZONE': japan },
  });
  for (const event of events) {
    const url = `${feed.listUrl}/${event.id}`;
    const place = [event.place, event.address].filter(Boolean).join(' ');
    const sessions = sessionsHeld(event);
    const course = sessions.length > 1;
    for (const session of sessions) {
      calendar.createEvent({
        id: course ? eventUid(event, session.number) : eventUid(event),
        stamp: event.updatedAt,
        created: event.createdAt,
        lastModified: event.updatedAt,
        start: new TZDate(session.startsAt.getTime(), japan),
        end: new TZDate(session.endsAt.getTime(), japan),
        timezone: japan,
        summary: course ? lectureName(event.title, session) : event.title,
        description: [
          event.description,
          course ? `全${sessions.length}回の連続講座です。申し込みは全回まとめて1回です。` : '',
          `参加費：${formatYen('ja', event.feeYen)}${event.feeDetails ? `（${event.feeDetails}）` : ''}`,
          `主催：${feed.organiserName(event.organiser)}`,
          `申し込み・詳細：${url}`,
        ]
          .filter(Boolean)
          .join('\n'),
        location:
          event.latitude !== null && event.longitude !== null
            ? { title: place, geo: { lat: event.latitude, lon: event.longitude } }
            : place,
        url,
        status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        categories: [{ name: feed.categoryName(event.category) }],
      });
    }
  }
  return calendar.toString();
}
