import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { emailAddress, formInvalid, parseInput } from '../../platform/validation';
import { type EventWithCounts, findEventRunBy, lockEventOf, type RegistrationRow } from './event-service';
import {
  insertRegistration,
  RegistrationSchema,
  registrationLabels,
  registrationNotFound,
} from './registration-service';
import { eventAttendance, eventRegistrations, eventSessions } from './schema';
import { japanTime, type SessionRow } from './sessions';

export type AttendanceRow = typeof eventAttendance.$inferSelect;

/** A registration with the sessions the person was present at. */
export interface Participant extends RegistrationRow {
  attendance: AttendanceRow[];
}

/** Hiragana and katakana, full and half width, spaces: all read the same in a name search. */
export function searchableName(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s・]/g, '')
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** Part of the name or of its reading, in hiragana or katakana; everyone when nothing is asked. */
export function matchesName(person: Pick<RegistrationRow, 'name' | 'kana'>, search: string): boolean {
  const wanted = searchableName(search);
  return (
    !wanted || searchableName(person.name).includes(wanted) || searchableName(person.kana).includes(wanted)
  );
}

const statusOrder: Record<string, number> = { confirmed: 0, waiting: 1, cancelled: 2 };

/** The attendance of some registrations, by registration. */
async function attendanceOf(q: Queryable, registrationIds: number[]): Promise<Map<number, AttendanceRow[]>> {
  const byRegistration = new Map<number, AttendanceRow[]>(registrationIds.map((id) => [id, []]));
  if (registrationIds.length === 0) return byRegistration;
  const rows = await q
    .select()
    .from(eventAttendance)
    .where(inArray(eventAttendance.registrationId, registrationIds))
    .orderBy(asc(eventAttendance.checkedInAt));
  for (const row of rows) byRegistration.get(row.registrationId)?.push(row);
  return byRegistration;
}

/**
 * The participant list of an event of the actor's municipality: confirmed first (by reading), then
 * the waiting list in its order, then cancellations, each with the sessions they attended. `search`
 * matches part of the name or its reading, in hiragana or katakana.
 */
export async function listParticipants(
  q: Queryable,
  actor: Actor,
  eventId: number,
  search = '',
): Promise<Participant[]> {
  await findEventRunBy(q, actor, eventId);
  return participantsOf(q, eventId, search);
}

/**
 * The participant list of an event, in the order of listParticipants, for a caller that has
 * already decided who may see it: the organisers (listParticipants), or the shop that teaches a
 * まちゼミ course (campaigns/service.ts).
 */
export async function participantsOf(q: Queryable, eventId: number, search = ''): Promise<Participant[]> {
  const rows = await q
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(asc(eventRegistrations.kana), asc(eventRegistrations.id));
  const found = rows
    .filter((r) => matchesName(r, search))
    .sort(
      (a, b) =>
        (statusOrder[a.status] ?? 3) - (statusOrder[b.status] ?? 3) ||
        (a.status === 'waiting' ? (a.waitingPosition ?? 0) - (b.waitingPosition ?? 0) : 0),
    );
  const attendance = await attendanceOf(
    q,
    found.map((r) => r.id),
  );
  return found.map((r) => ({ ...r, attendance: attendance.get(r.id) ?? [] }));
}

const sessionNotFound = notFound({ ja: '開催回', en: 'The session' });

/**
 * The session being checked in: the one asked for; otherwise the only one, or the one held today.
 * A course with no lecture today needs the staff to say which.
 */
export function sessionToCheckIn(
  event: Pick<EventWithCounts, 'sessions'>,
  sessionId: number | undefined,
  now: Date = new Date(),
): SessionRow {
  if (sessionId !== undefined) {
    const asked = event.sessions.find((s) => s.id === sessionId);
    if (!asked) throw sessionNotFound;
    return asked;
  }
  const [only] = event.sessions;
  if (event.sessions.length === 1 && only) return only;
  const today = todayInJapan(now);
  const todays = event.sessions.filter((s) => todayInJapan(s.startsAt) === today);
  const [first] = todays;
  if (todays.length === 1 && first) return first;
  throw new UserError('session_required', 422, {
    ja: 'どの回の受付か、回を選んでください。',
    en: 'Choose the session you are checking in for.',
  });
}

/** Check-in is for a published event: a draft has nobody yet, a cancelled event nobody comes to. */
function assertOpenForCheckIn(event: Pick<EventWithCounts, 'status'>): void {
  if (event.status === 'published') return;
  throw new UserError('event_not_open', 409, {
    ja:
      event.status === 'cancelled'
        ? 'このイベントは中止されたため、受付できません。'
        : '下書きのイベントは受付できません。先に公開してください。',
    en:
      event.status === 'cancelled'
        ? 'This event was cancelled; nobody can be checked in.'
        : 'A draft event cannot take check-ins. Publish it first.',
  });
}

/**
 * The session checked in, its row locked (shared) before any registration's: the order every
 * write of the module keeps (event, session, registration), so that an edit of the schedule cannot
 * remove a session while someone is being checked in to it.
 */
async function lockSessionForCheckIn(
  tx: Queryable,
  event: Pick<EventWithCounts, 'sessions'>,
  sessionId: number | undefined,
  now: Date,
): Promise<SessionRow> {
  const chosen = sessionToCheckIn(event, sessionId, now);
  const [session] = await tx.select().from(eventSessions).where(eq(eventSessions.id, chosen.id)).for('share');
  if (!session) throw sessionNotFound;
  return session;
}

/**
 * The session the door page opens on: the one asked for, else today's, else the next to come,
 * else the last held.
 */
export function sessionAtTheDoor(
  event: Pick<EventWithCounts, 'sessions'>,
  sessionId: number | undefined,
  now: Date = new Date(),
): SessionRow {
  const asked = event.sessions.find((s) => s.id === sessionId);
  if (asked) return asked;
  const today = todayInJapan(now);
  const next = event.sessions.find((s) => todayInJapan(s.startsAt) >= today);
  const chosen = next ?? event.sessions[event.sessions.length - 1];
  if (!chosen) throw sessionNotFound;
  return chosen;
}

/** Who is being checked in: a row of the list, or the code of the ticket shown at the door. */
export type Attendee = { registrationId: number } | { ticketCode: string };

/**
 * A ticket code as scanned or typed: the 12 characters, whatever the case, spaces, hyphens or
 * full-width letters; a scanned link that ends with the code gives the code.
 */
export function normaliseTicketCode(value: string): string {
  const plain = value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐－―ー]/g, '');
  return /([A-Z2-9]{12})$/.exec(plain)?.[1] ?? plain;
}

const ticketNotFound = new UserError('ticket_not_found', 404, {
  ja: 'このチケットコードのお申し込みは見つかりません。コードを確かめるか、名前で探してください。',
  en: 'No registration has this ticket code. Check the code, or find the person by name.',
});

const ticketMissing = formInvalid([
  {
    field: 'ticketCode',
    message: {
      ja: 'チケットコード: チケットに書かれた12文字のコードを入力してください。',
      en: 'Ticket code: Enter the 12-character code printed on the ticket.',
    },
  },
]);

export type CheckInOutcome = 'checked-in' | 'already-checked-in';

export interface CheckInResult {
  outcome: CheckInOutcome;
  registration: RegistrationRow;
  session: SessionRow;
  /** the attendance recorded now, or the one recorded before (its time is shown: 「14:02に受付済み」) */
  attendance: AttendanceRow;
}

function notConfirmed(registration: RegistrationRow): UserError {
  return new UserError('not_confirmed', 409, {
    ja:
      registration.status === 'waiting'
        ? `${registration.name}さんはキャンセル待ちの方です。空席があるか確認してから、当日参加として受け付けてください。`
        : `${registration.name}さんのお申し込みは取り消されています。参加される場合は当日参加として受け付けてください。`,
    en:
      registration.status === 'waiting'
        ? `${registration.name} is on the waiting list. Check for a free seat, then add them as a walk-in.`
        : `${registration.name}'s registration was cancelled. If they take part, add them as a walk-in.`,
  });
}

/**
 * Marks a confirmed participant as present at one session of an event of the actor's municipality.
 * Naturally idempotent: a second scan (or two phones at once) finds the attendance recorded and
 * says when. The session's row is locked (shared) before the registration's, the order every write
 * of the module keeps, so that an edit of the schedule cannot remove a session being checked in.
 */
export async function checkIn(
  db: Db,
  actor: Actor,
  eventId: number,
  who: Attendee,
  options: { sessionId?: number | undefined; now?: Date } = {},
): Promise<CheckInResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const event = await findEventRunBy(tx, actor, eventId);
    assertOpenForCheckIn(event);
    const session = await lockSessionForCheckIn(tx, event, options.sessionId, now);

    const byTicket = 'ticketCode' in who;
    if (byTicket && normaliseTicketCode(who.ticketCode) === '') throw ticketMissing;
    const [registration] = await tx
      .select()
      .from(eventRegistrations)
      .where(
        byTicket
          ? eq(eventRegistrations.ticketCode, normaliseTicketCode(who.ticketCode))
          : eq(eventRegistrations.id, who.registrationId),
      )
      .for('update');
    if (!registration) throw byTicket ? ticketNotFound : registrationNotFound;
    if (registration.eventId !== eventId) {
      if (!byTicket) throw registrationNotFound;
      throw new UserError('ticket_of_another_event', 409, {
        ja: 'このチケットは別のイベントのものです。イベントと回を確かめてください。',
        en: 'This ticket is for another event. Check the event and the session.',
      });
    }
    const [earlier] = await tx
      .select()
      .from(eventAttendance)
      .where(
        and(eq(eventAttendance.registrationId, registration.id), eq(eventAttendance.sessionId, session.id)),
      );
    if (earlier) return { outcome: 'already-checked-in', registration, session, attendance: earlier };
    if (registration.status !== 'confirmed') throw notConfirmed(registration);

    const attendance = await recordAttendance(tx, actor, registration.id, session.id, now);
    await recordAudit(tx, actor, {
      action: 'event_registration.check_in',
      entityType: 'event',
      entityKey: String(eventId),
      before: { registrationId: registration.id, session: session.number, attended: false },
      after: { registrationId: registration.id, session: session.number, attended: true },
    });
    return { outcome: 'checked-in', registration, session, attendance };
  });
}

/** A person present at a session, recorded with who recorded it and when. */
async function recordAttendance(
  tx: Queryable,
  actor: Actor,
  registrationId: number,
  sessionId: number,
  now: Date,
): Promise<AttendanceRow> {
  const [attendance] = await tx
    .insert(eventAttendance)
    .values({
      registrationId,
      sessionId,
      checkedInAt: now,
      checkedInBy: actor.accountId,
      checkedInByName: actor.name,
    })
    .returning();
  if (!attendance) throw new Error('attendance insert returned nothing');
  return attendance;
}

/** 「14:02」: when an attendance was recorded, as the door staff are told on a second scan. */
export function checkedInTime(attendance: Pick<AttendanceRow, 'checkedInAt'>): string {
  return japanTime(attendance.checkedInAt);
}

/** A person at the door: name and reading as at registration; e-mail and phone only if they give them. */
export const WalkInSchema = RegistrationSchema.extend({
  email: z.preprocess((v) => (v === '' || v === undefined ? null : v), emailAddress().nullable()),
});
export type WalkInInput = Omit<z.input<typeof WalkInSchema>, 'email'> & { email?: string | null | undefined };

export interface WalkInResult {
  outcome: 'added' | 'repeated';
  registration: RegistrationRow;
  session: SessionRow;
  attendance: AttendanceRow;
  /** confirmed people now above the capacity: they were let in anyway */
  overCapacity: boolean;
}

/**
 * Adds a person who came without registering (当日参加): registered as confirmed and present at
 * the session at once. They are in the room, so the capacity does not turn them away; the page
 * warns when it is reached (decision 011). The same form sent twice adds them once. Locks the
 * event first, as registering does, so the confirmed count stays exact.
 */
export async function addWalkIn(
  db: Db,
  actor: Actor,
  eventId: number,
  input: WalkInInput,
  options: { sessionId?: number | undefined; now?: Date } = {},
): Promise<WalkInResult> {
  const data = parseInput(WalkInSchema, input, registrationLabels);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    // the event first, as registering does: the confirmed count is exact until the end
    await lockEventOf(tx, actor, eventId);
    const event = await findEventRunBy(tx, actor, eventId);
    assertOpenForCheckIn(event);
    const session = await lockSessionForCheckIn(tx, event, options.sessionId, now);

    const existing = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, eventId),
          data.email
            ? or(
                eq(eventRegistrations.idempotencyKey, data.idempotencyKey),
                and(eq(eventRegistrations.email, data.email), ne(eventRegistrations.status, 'cancelled')),
              )
            : eq(eventRegistrations.idempotencyKey, data.idempotencyKey),
        ),
      );
    const sameForm = existing.find((r) => r.idempotencyKey === data.idempotencyKey);
    if (sameForm) {
      const [attendance] = await tx
        .select()
        .from(eventAttendance)
        .where(
          and(eq(eventAttendance.registrationId, sameForm.id), eq(eventAttendance.sessionId, session.id)),
        );
      if (attendance) {
        return {
          outcome: 'repeated',
          registration: sameForm,
          session,
          attendance,
          overCapacity: event.confirmed > event.capacity,
        };
      }
    }
    const registered = existing[0];
    if (registered) {
      throw new UserError('already_registered', 409, {
        ja: `このメールアドレスでは${registered.name}さんがすでに申し込んでいます。「名前で探して受付」から受付してください。`,
        en: `${registered.name} has already registered with this e-mail address. Find them by name and check them in.`,
      });
    }

    const registration = await insertRegistration(tx, {
      eventId,
      name: data.name,
      kana: data.kana,
      email: data.email,
      phone: data.phone,
      status: 'confirmed',
      walkIn: true,
      idempotencyKey: data.idempotencyKey,
      registeredAt: now,
    });
    const attendance = await recordAttendance(tx, actor, registration.id, session.id, now);
    const overCapacity = event.confirmed + 1 > event.capacity;
    await recordAudit(tx, actor, {
      action: 'event_registration.walk_in',
      entityType: 'event',
      entityKey: String(eventId),
      after: { registrationId: registration.id, status: 'confirmed', session: session.number, walkIn: true },
    });
    return { outcome: 'added', registration, session, attendance, overCapacity };
  });
}
