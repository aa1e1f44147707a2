import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { parseInput } from '../../platform/validation';
import {
  checkEventDetails,
  type EventDetailsInput,
  EventDetailsSchema,
  eventDetailsLabels,
  eventDetailsState,
  pickEventDetails,
} from './event-details-input';
import { type EventRow, lockEventOf } from './event-service';
import { notTheOrganiser, runsEvent } from './organiser-access';
import { events } from './schema';

/** The version of an event a form was filled from: the time of its last change, in milliseconds. */
export const eventVersion = (event: EventRow) => String(event.updatedAt.getTime());

const changedMeanwhile = new UserError('event_changed', 409, {
  ja: '編集している間に、ほかの人がこのイベントを変更しました。下の入力内容を最新の内容と見比べてから、もう一度保存してください。',
  en: 'Someone else changed this event while you were editing. Compare what you typed below with the event as it is now, then save again.',
});

/**
 * Changes what the public reads about an event (its title's reading and English name, area, address
 * and map position, access, parking, contact, fee details, registration deadline, notes). Only those
 * who run the event may (runsEvent: its organiser's staff, or an admin of its municipality).
 * `version` is that of the event the form was filled from: a change made by someone else in between
 * is not overwritten. The same details sent again change nothing and log nothing.
 */
export async function updateEventDetails(
  db: Db,
  actor: Actor,
  eventId: number,
  input: EventDetailsInput & { version?: string | undefined },
  options: { areas: readonly { code: string }[] },
): Promise<{ event: EventRow; changed: boolean }> {
  const parsed = parseInput(EventDetailsSchema, input, eventDetailsLabels);
  return db.transaction(async (tx) => {
    const before = await lockEventOf(tx, actor, eventId);
    if (!runsEvent(actor, before)) throw notTheOrganiser;
    const details = checkEventDetails(parsed, { startsAt: before.startsAt, areas: options.areas });
    const [was, will] = [eventDetailsState(before), eventDetailsState(details)];
    const changedFields = Object.keys(will).filter((key) => was[key] !== will[key]);
    if (changedFields.length === 0) return { event: before, changed: false };
    if (input.version !== undefined && input.version !== eventVersion(before)) throw changedMeanwhile;
    const [after] = await tx
      .update(events)
      .set({ ...pickEventDetails(details), updatedAt: new Date() })
      .where(eq(events.id, eventId))
      .returning();
    if (!after) throw new Error('event update returned nothing');
    await recordAudit(tx, actor, {
      action: 'event.details',
      entityType: 'event',
      entityKey: String(eventId),
      before: Object.fromEntries(changedFields.map((key) => [key, was[key]])),
      after: Object.fromEntries(changedFields.map((key) => [key, will[key]])),
    });
    return { event: after, changed: true };
  });
}
