import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { attendedSomeSession, type EventRow, type RegistrationRow } from './event-service';
import { waitingPositionOf } from './registration-service';
import { eventRegistrations, events } from './schema';

export interface OwnRegistration {
  registration: RegistrationRow;
  event: EventRow;
  /** present at one session or more */
  attended: boolean;
  /** the place on the waiting list, null unless waiting */
  position: number | null;
}

/**
 * The registrations made with an account: those still to come (soonest first), those past (latest
 * first) and those cancelled, by the person or with their event.
 */
export async function listOwnRegistrations(q: Queryable, accountId: number, now: Date = new Date()) {
  const rows = await q
    .select({
      registration: eventRegistrations,
      event: events,
      attended: sql<boolean>`${attendedSomeSession}`,
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.accountId, accountId))
    .orderBy(asc(events.startsAt), desc(eventRegistrations.id));
  const own: OwnRegistration[] = await Promise.all(
    rows.map(async (r) => ({ ...r, position: await waitingPositionOf(q, r.registration) })),
  );
  const cancelled = (r: OwnRegistration) =>
    r.registration.status === 'cancelled' || r.event.status === 'cancelled';
  return {
    upcoming: own.filter((r) => !cancelled(r) && r.event.endsAt >= now),
    past: own.filter((r) => !cancelled(r) && r.event.endsAt < now).reverse(),
    cancelled: own.filter(cancelled).reverse(),
  };
}
