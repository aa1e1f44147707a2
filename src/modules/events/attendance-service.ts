import { asc, eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { findEventRunBy, type RegistrationRow } from './event-service';

import { registrationNotFound } from './registration-service';
import { eventRegistrations } from './schema';

/** Hiragana and katakana, full and half width, spaces: all read the same in a name search. */
export function searchableName(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s・]/g, '')
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

const statusOrder: Record<string, number> = { confirmed: 0, waiting: 1, cancelled: 2 };

/**
 * The participant list of an event of the actor's municipality: confirmed first (by reading), then
 * the waiting list in its order, then cancellations. `search` matches part of the name or its
 * reading, in hiragana or katakana.
 */
export async function listParticipants(
  q: Queryable,
  actor: Actor,
  eventId: number,
  search = '',
): Promise<RegistrationRow[]> {
  await findEventRunBy(q, actor, eventId);
  const rows = await q
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(asc(eventRegistrations.kana), asc(eventRegistrations.id));
  const wanted = searchableName(search);
  return rows
    .filter(
      (r) => !wanted || searchableName(r.name).includes(wanted) || searchableName(r.kana).includes(wanted),
    )
    .sort(
      (a, b) =>
        (statusOrder[a.status] ?? 3) - (statusOrder[b.status] ?? 3) ||
        (a.status === 'waiting' ? (a.waitingPosition ?? 0) - (b.waitingPosition ?? 0) : 0),
    );
}

/**
 * Marks a confirmed participant as present at the door; marking them again changes nothing.
 * `eventId`, when given, is the event whose list the person was found in.
 */
export async function checkIn(db: Db, actor: Actor, registrationId: number, eventId?: number) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.id, registrationId))
      .for('update');
    if (!before || (eventId !== undefined && before.eventId !== eventId)) throw registrationNotFound;
    await findEventRunBy(tx, actor, before.eventId);
    if (before.attendedAt) return { registration: before, changed: false };
    if (before.status !== 'confirmed') {
      throw new UserError('not_confirmed', 409, {
        ja:
          before.status === 'waiting'
            ? 'キャンセル待ちの方です。受付する前に、空席があるか確認してください。'
            : 'このお申し込みは取り消されています。',
        en:
          before.status === 'waiting'
            ? 'This person is on the waiting list. Check for a free seat first.'
            : 'This registration was cancelled.',
      });
    }
    const [after] = await tx
      .update(eventRegistrations)
      .set({ attendedAt: new Date() })
      .where(eq(eventRegistrations.id, registrationId))
      .returning();
    if (!after) throw registrationNotFound;
    await recordAudit(tx, actor, {
      action: 'event_registration.check_in',
      entityType: 'event',
      entityKey: String(before.eventId),
      before: { registrationId, attended: false },
      after: { registrationId, attended: true },
    });
    return { registration: after, changed: true };
  });
}
