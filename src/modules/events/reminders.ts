import { and, asc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { todayInJapan } from '../../platform/fiscal-year';
import { japanInstant } from './event-service';
import { registrationMail, reminderMail } from './mails';
import { eventRegistrations, eventSessions, events } from './schema';

/** The day after `date` (yyyy-mm-dd), in Japan, which keeps no daylight saving time. */
function nextDay(date: string): string {
  return todayInJapan(new Date(japanInstant(date, '12:00').getTime() + 86_400_000));
}

/**
 * Enqueues the reminder for every confirmed registration of a published event with a session
 * tomorrow in Japan time (a seminar's day, or a course's lecture). Each mail's dedupe key names the
 * registration and the day, so running the job again, or in two processes at once, enqueues one
 * reminder per person and day, also when a course holds two sessions that day. Returns how many
 * were new.
 */
export async function enqueueEventReminders(db: Db, options: { now?: Date } = {}): Promise<number> {
  const tomorrow = nextDay(todayInJapan(options.now));
  const rows = await db
    .select({ event: events, session: eventSessions, registration: eventRegistrations })
    .from(eventSessions)
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .innerJoin(eventRegistrations, eq(eventRegistrations.eventId, events.id))
    .where(
      and(
        eq(events.status, 'published'),
        gte(eventSessions.startsAt, japanInstant(tomorrow, '00:00')),
        lt(eventSessions.startsAt, japanInstant(nextDay(tomorrow), '00:00')),
        eq(eventRegistrations.status, 'confirmed'),
        isNotNull(eventRegistrations.email),
      ),
    )
    .orderBy(asc(eventSessions.startsAt), asc(eventRegistrations.id));
  let enqueued = 0;
  for (const { event, session, registration } of rows) {
    const added = await reminderMail.enqueue(db, {
      to: registration.email,
      municipalityCode: event.municipalityCode,
      params: {
        ...registrationMail(event, registration),
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        sessionNumber: event.kind === 'course' ? session.number : null,
      },
      dedupeKey: `${reminderMail.name}:${registration.id}:${tomorrow}`,
    });
    if (added) enqueued++;
  }
  return enqueued;
}
