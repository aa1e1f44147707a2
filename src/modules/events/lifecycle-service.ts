import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { fiscalYearOf, formatDateTime, todayInJapan } from '../../platform/fiscal-year';
import { tellOfCancellation, tellOfChange } from './change-notices';
import { detailsFormValues, localDateTime } from './event-details-input';
import {
  createEvent,
  type EventChoices,
  type EventInput,
  type EventRow,
  eventFieldsOf,
  eventState,
  findEventRunBy,
  lockEventOf,
  type RegistrationRow,
  spanOf,
  validateEvent,
} from './event-service';
import { notTheOrganiser, runsEvent } from './organiser-access';
import { countConfirmed, promoteFromWaitingList } from './registration-service';
import { eventAttendance, eventSessions, events } from './schema';
import { japanTime, type SessionRow, scheduleInvalid, sessionsOf, type TimedSession } from './sessions';

const eventCancelled = new UserError('event_cancelled', 409, {
  ja: '中止したイベントは変更できません。',
  en: 'A cancelled event cannot be changed.',
});

const sameTimes = (a: Pick<SessionRow, 'startsAt' | 'endsAt'>, b: Pick<SessionRow, 'startsAt' | 'endsAt'>) =>
  a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

export interface UpdateResult {
  event: EventRow;
  changed: boolean;
  /** people moved up from the waiting list because the capacity was raised */
  promoted: RegistrationRow[];
  /** people told by mail that the date, time or place changed */
  told: number;
}

/**
 * Changes an event of the actor's organisation: its fields, schedule and capacity. Sessions are
 * kept by number: the 3rd lecture stays the 3rd, with its attendance. A lecture already held may
 * keep its past date; a session with attendance can neither be removed nor moved to another time
 * (its title and area may change); the capacity cannot go below
 * the people confirmed, and raising it moves the waiting list up in the same transaction. The
 * event's row is locked first, then its sessions, as every write of the module does. Sending the
 * same form again changes nothing and logs nothing.
 */
export async function updateEvent(
  db: Db,
  actor: Actor,
  eventId: number,
  input: EventInput,
  options: EventChoices,
): Promise<UpdateResult> {
  return db.transaction(async (tx) => {
    const before = await lockEventOf(tx, actor, eventId);
    if (!runsEvent(actor, before)) throw notTheOrganiser;
    if (before.status === 'cancelled') throw eventCancelled;
    const sessionsBefore = await tx
      .select()
      .from(eventSessions)
      .where(eq(eventSessions.eventId, eventId))
      .orderBy(asc(eventSessions.number))
      .for('update');
    const data = validateEvent(input, {
      ...options,
      unchanged: (s: TimedSession) => sessionsBefore.some((b) => b.number === s.number && sameTimes(b, s)),
    });
    if (!runsEvent(actor, data)) throw notTheOrganiser;

    const confirmed = await countConfirmed(tx, eventId);
    if (data.capacity < confirmed) {
      throw scheduleInvalid([
        {
          field: 'capacity',
          message: {
            ja: `定員: 参加が確定している方が${confirmed}人います。定員は${confirmed}人以上にしてください（減らすときは、先にお申し込みの取り消しを受けてください）。`,
            en: `Capacity: ${confirmed} people are confirmed. Choose ${confirmed} or more (to go lower, their registrations must be cancelled first).`,
          },
        },
      ]);
    }
    // a session with attendance happened as it was: it stays, at its date and time
    const attended = await sessionsWithAttendance(tx, sessionsBefore);
    const problems = sessionsBefore
      .filter((b) => attended.has(b.id))
      .flatMap((b) => {
        const now = data.sessions.find((s) => s.number === b.number);
        if (!now) {
          return [
            {
              field: 'sessions',
              message: {
                ja: `日程: ${b.number}回目には出席の記録があるため削除できません。`,
                en: `Schedule: session ${b.number} has attendance recorded and cannot be removed.`,
              },
            },
          ];
        }
        if (sameTimes(b, now)) return [];
        return [
          {
            field: `sessions.${b.number - 1}.date`,
            message: {
              ja: `日程: ${b.number}回目には出席の記録があるため、日時を変更できません。`,
              en: `Schedule: session ${b.number} has attendance recorded; its date and time cannot change.`,
            },
          },
        ];
      });
    // the registration deadline of the public details cannot fall after the new start
    const closes = before.registrationClosesAt;
    if (closes && closes > spanOf(data.sessions).startsAt) {
      problems.push({
        field: 'sessions.0.date',
        message: {
          ja: `日程: 申込締切（${formatDateTime('ja', closes)}）より前にはできません。先に公開情報の申込締切を変更してください。`,
          en: `Schedule: it cannot start before the registration deadline (${formatDateTime('en', closes)}). Change the deadline in the public details first.`,
        },
      });
    }
    if (problems.length > 0) throw scheduleInvalid(problems);

    const fields = eventFieldsOf(data);
    const candidate: EventRow = { ...before, ...fields };
    const stateBefore = { ...eventState(before, sessionsBefore), description: before.description };
    const stateAfter = { ...eventState(candidate, data.sessions), description: candidate.description };
    if (JSON.stringify(stateBefore) === JSON.stringify(stateAfter)) {
      return { event: before, changed: false, promoted: [], told: 0 };
    }

    const [after] = await tx
      .update(events)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(events.id, eventId))
      .returning();
    if (!after) throw new Error('event update returned nothing');
    await writeSchedule(tx, eventId, sessionsBefore, data.sessions);
    await recordAudit(tx, actor, {
      action: 'event.update',
      entityType: 'event',
      entityKey: String(eventId),
      before: stateBefore,
      after: stateAfter,
    });
    const promoted = after.capacity > before.capacity ? await promoteFromWaitingList(tx, after) : [];
    const told = await tellOfChange(
      tx,
      { event: before, sessions: sessionsBefore },
      { event: after, sessions: data.sessions },
    );
    return { event: after, changed: true, promoted, told };
  });
}

/** The sessions, of those given, at which someone was checked in. */
async function sessionsWithAttendance(tx: Queryable, sessions: SessionRow[]): Promise<Set<number>> {
  if (sessions.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ sessionId: eventAttendance.sessionId })
    .from(eventAttendance)
    .where(
      inArray(
        eventAttendance.sessionId,
        sessions.map((s) => s.id),
      ),
    );
  return new Set(rows.map((r) => r.sessionId));
}

/** Rewrites the sessions by number: changed ones updated in place, new ones added, the rest removed. */
async function writeSchedule(tx: Queryable, eventId: number, before: SessionRow[], sessions: TimedSession[]) {
  for (const s of sessions) {
    const old = before.find((b) => b.number === s.number);
    const values = { startsAt: s.startsAt, endsAt: s.endsAt, title: s.title, topic: s.topic };
    if (!old) await tx.insert(eventSessions).values({ eventId, number: s.number, ...values });
    else if (!sameTimes(old, s) || old.title !== s.title || old.topic !== s.topic) {
      await tx.update(eventSessions).set(values).where(eq(eventSessions.id, old.id));
    }
  }
  const removed = before.filter((b) => b.number > sessions.length);
  if (removed.length > 0) {
    await tx.delete(eventSessions).where(
      inArray(
        eventSessions.id,
        removed.map((s) => s.id),
      ),
    );
  }
}

/**
 * Calls an event off (中止): nobody can register or be checked in any more, and its page says so.
 * Registrations are kept, to contact the people and for the record, and everyone confirmed or
 * waiting is told by mail. Cancelling again changes nothing and mails nobody.
 */
export async function cancelEvent(db: Db, actor: Actor, eventId: number) {
  return db.transaction(async (tx) => {
    const before = await lockEventOf(tx, actor, eventId);
    if (!runsEvent(actor, before)) throw notTheOrganiser;
    if (before.status === 'cancelled') return { event: before, changed: false, told: 0 };
    const [after] = await tx
      .update(events)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(eq(events.id, eventId))
      .returning();
    if (!after) throw new Error('event update returned nothing');
    await recordAudit(tx, actor, {
      action: 'event.cancel',
      entityType: 'event',
      entityKey: String(eventId),
      before: { status: before.status },
      after: { status: after.status },
    });
    const sessions = (await sessionsOf(tx, [eventId])).get(eventId) ?? [];
    const told = before.status === 'published' ? await tellOfCancellation(tx, after, sessions) : 0;
    return { event: after, changed: true, told };
  });
}

/** A date moved by whole days: 2025-06-10 + 365 → 2026-06-10. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** The same day a year later; 29 February becomes 28 February. */
export function sameDayNextYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC((y ?? 0) + 1, (m ?? 1) - 1, d ?? 1));
  if (next.getUTCMonth() !== (m ?? 1) - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/** The days between two dates (yyyy-mm-dd), positive when `to` is later. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What a copy of an event would be: its fields and sessions, all moved so that the first falls on `firstDate`. */
export function copyInputOf(
  source: EventRow & { sessions: SessionRow[] },
  firstDate?: string | undefined,
): EventInput & { firstDate: string } {
  const [first] = source.sessions;
  const sourceFirst = todayInJapan(first?.startsAt ?? source.startsAt);
  const target =
    firstDate && /^\d{4}-\d{2}-\d{2}$/.test(firstDate) ? firstDate : sameDayNextYear(sourceFirst);
  const shift = daysBetween(sourceFirst, target);
  return {
    firstDate: target,
    category: source.category,
    title: source.title,
    description: source.description,
    kind: source.kind,
    sessions: source.sessions.map((s) => ({
      date: addDays(todayInJapan(s.startsAt), shift),
      startTime: japanTime(s.startsAt),
      endTime: japanTime(s.endsAt),
      title: s.title,
      topic: s.topic ?? '',
    })),
    place: source.place,
    capacity: source.capacity,
    feeYen: source.feeYen,
    organiser: source.organiser,
    // the public details (address, map, contact …) come along; a deadline moves with the dates
    ...detailsFormValues(source),
    registrationClosesAt: source.registrationClosesAt
      ? localDateTime(new Date(source.registrationClosesAt.getTime() + shift * 86_400_000))
      : '',
  };
}

/**
 * Creates a draft from an existing event (last year's 創業塾): the same fields and sessions, every
 * date moved by the same number of days so that the first falls on `firstDate` (a year later when
 * not given). Its registrations are not copied. A date that has passed is refused like any other.
 */
export async function copyEvent(
  db: Db,
  actor: Actor,
  sourceId: number,
  input: { firstDate?: string | undefined },
  options: EventChoices,
): Promise<EventRow> {
  const source = await findEventRunBy(db, actor, sourceId);
  const { firstDate: _, ...copy } = copyInputOf(source, input.firstDate);
  return createEvent(db, actor, copy, { ...options, copiedFrom: source.id });
}

/** The events of the actor's municipality in a fiscal year, to copy from: last year's by default. */
export async function listEventsOfYear(
  q: Queryable,
  actor: Actor,
  fiscalYear: number = fiscalYearOf(new Date()) - 1,
): Promise<EventRow[]> {
  return q
    .select()
    .from(events)
    .where(
      and(
        eq(events.municipalityCode, actor.municipalityCode),
        gte(events.startsAt, new Date(`${fiscalYear}-04-01T00:00:00+09:00`)),
        lt(events.startsAt, new Date(`${fiscalYear + 1}-04-01T00:00:00+09:00`)),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
}
