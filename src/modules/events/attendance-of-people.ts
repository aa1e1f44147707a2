import { and, asc, eq, gte, isNotNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { attendedSomeSession } from './event-service';
import { eventAttendance, eventRegistrations, eventSessions, events, type SessionTopic } from './schema';

/**
 * Attendance as other modules may relate it to their own records (which seminars lead to
 * consultations): who attended is an account id or an e-mail address, never a name.
 */

export interface AttendedEvent {
  id: number;
  title: string;
  category: string;
  startsAt: Date;
}

/** How a person is recognised at events: the account they registered with, or the address they gave. */
export interface AttendeeKey {
  accountId: number | null;
  /** lower case, trimmed */
  email: string | null;
}

export const emailKey = (email: string | null | undefined) => {
  const key = (email ?? '').normalize('NFKC').trim().toLowerCase();
  return key.includes('@') ? key : null;
};

const eventColumns = {
  id: events.id,
  title: events.title,
  category: events.category,
  startsAt: events.startsAt,
};

/** The events (not drafts) whose first session starts in a fiscal year, each with who attended it. */
export async function attendeesOfYear(
  q: Queryable,
  municipalityCode: string,
  fiscalYear: number,
): Promise<{ event: AttendedEvent; attendees: AttendeeKey[] }[]> {
  const rows = await q
    .select({ ...eventColumns, accountId: eventRegistrations.accountId, email: eventRegistrations.email })
    .from(events)
    .innerJoin(eventRegistrations, eq(eventRegistrations.eventId, events.id))
    .where(
      and(
        eq(events.municipalityCode, municipalityCode),
        ne(events.status, 'draft'),
        gte(events.startsAt, new Date(`${fiscalYear}-04-01T00:00:00+09:00`)),
        lt(events.startsAt, new Date(`${fiscalYear + 1}-04-01T00:00:00+09:00`)),
        attendedSomeSession,
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
  const byEvent = new Map<number, { event: AttendedEvent; attendees: AttendeeKey[] }>();
  for (const { accountId, email, ...event } of rows) {
    const entry = byEvent.get(event.id) ?? { event, attendees: [] };
    entry.attendees.push({ accountId, email: emailKey(email) });
    byEvent.set(event.id, entry);
  }
  return [...byEvent.values()];
}

/** The registrations that are the person's: made with their account, or with their e-mail address. */
function whoIs(person: AttendeeKey): SQL[] {
  return [
    ...(person.accountId !== null ? [eq(eventRegistrations.accountId, person.accountId)] : []),
    ...(person.email ? [eq(sql`lower(trim(${eventRegistrations.email}))`, person.email)] : []),
  ];
}

/** The events a person attended, by their account or by the e-mail address they registered with. */
export async function eventsAttendedBy(
  q: Queryable,
  municipalityCode: string,
  person: AttendeeKey,
): Promise<AttendedEvent[]> {
  const who = whoIs(person);
  if (who.length === 0) return [];
  const rows = await q
    .selectDistinct(eventColumns)
    .from(events)
    .innerJoin(eventRegistrations, eq(eventRegistrations.eventId, events.id))
    .where(
      and(
        eq(events.municipalityCode, municipalityCode),
        ne(events.status, 'draft'),
        or(...who),
        attendedSomeSession,
      ),
    )
    .orderBy(asc(events.startsAt));
  return rows;
}

/** A lecture with one of the four areas of 特定創業支援等事業 that a person attended. */
export interface TopicLectureAttended {
  /** yyyy-mm-dd, Japan time */
  on: string;
  topic: SessionTopic;
  eventTitle: string;
  number: number;
}

/** The lectures tagged with an area (創業塾's) a person was checked in at, by account or e-mail address. */
export async function topicLecturesAttendedBy(
  q: Queryable,
  municipalityCode: string,
  person: AttendeeKey,
): Promise<TopicLectureAttended[]> {
  const who = whoIs(person);
  if (who.length === 0) return [];
  const rows = await q
    .selectDistinct({
      startsAt: eventSessions.startsAt,
      topic: eventSessions.topic,
      eventTitle: events.title,
      number: eventSessions.number,
    })
    .from(eventAttendance)
    .innerJoin(eventSessions, eq(eventSessions.id, eventAttendance.sessionId))
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, eventAttendance.registrationId))
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .where(and(eq(events.municipalityCode, municipalityCode), isNotNull(eventSessions.topic), or(...who)))
    .orderBy(asc(eventSessions.startsAt));
  return rows.map((r) => ({
    on: new Date(r.startsAt.getTime() + 9 * 3600_000).toISOString().slice(0, 10),
    topic: r.topic as SessionTopic,
    eventTitle: r.eventTitle,
    number: r.number,
  }));
}
