import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { bilingual, fieldProblem, parseInput } from '../../platform/validation';
import {
  checkEventDetails,
  eventDetailsLabels,
  eventDetailsShape,
  eventDetailsState,
  pickEventDetails,
} from './event-details-input';
import { notTheOrganiser, runsEvent } from './organiser-access';
import { eventAttendance, eventRegistrations, eventSessions, events } from './schema';
import {
  kindSchema,
  maxSessions,
  type SessionInput,
  type SessionRow,
  SessionSchema,
  scheduleInvalid,
  scheduleProblems,
  scheduleText,
  sessionLabels,
  sessionsOf,
  type TimedSession,
} from './sessions';

export type EventRow = typeof events.$inferSelect;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;

/**
 * An event with its seats counted: confirmed, waiting, and attended (people present at one session
 * at least), with its sessions in the order they are held. A registration holds its `seats` (a
 * phone booking for three is three people; decision 037).
 */
export interface EventWithCounts extends EventRow {
  confirmed: number;
  waiting: number;
  attended: number;
  sessions: SessionRow[];
}

export const eventNotFound = notFound({ ja: 'イベント', en: 'The event' });

// where they have always been imported from
export { japanInstant, japanTime } from './sessions';

/** A person counts as attended who was present at one session at least (decision 011). */
export const attendedSomeSession = sql`exists (select 1 from ${eventAttendance} where ${eventAttendance.registrationId} = ${eventRegistrations.id})`;

/** The events with their seats counted: confirmed, waiting and attended registrations, one query for all. */
export async function withCounts(q: Queryable, rows: EventRow[]): Promise<EventWithCounts[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [counts, sessions] = await Promise.all([
    q
      .select({
        eventId: eventRegistrations.eventId,
        confirmed: sql<number>`coalesce(sum(${eventRegistrations.seats}) filter (where ${eventRegistrations.status} = 'confirmed'), 0)::int`,
        waiting: sql<number>`coalesce(sum(${eventRegistrations.seats}) filter (where ${eventRegistrations.status} = 'waiting'), 0)::int`,
        attended: sql<number>`coalesce(sum(${eventRegistrations.seats}) filter (where ${attendedSomeSession}), 0)::int`,
      })
      .from(eventRegistrations)
      .where(inArray(eventRegistrations.eventId, ids))
      .groupBy(eventRegistrations.eventId),
    sessionsOf(q, ids),
  ]);
  const byEvent = new Map(counts.map((c) => [c.eventId, c]));
  return rows.map((row) => {
    const c = byEvent.get(row.id);
    return {
      ...row,
      confirmed: c?.confirmed ?? 0,
      waiting: c?.waiting ?? 0,
      attended: c?.attended ?? 0,
      sessions: sessions.get(row.id) ?? [],
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Staff: create and publish

export const EventSchema = z.object({
  category: z
    .string(bilingual('種類を一覧から選んでください。', 'Choose a kind from the list.'))
    .trim()
    .min(1, bilingual('種類を一覧から選んでください。', 'Choose a kind from the list.')),
  title: z
    .string()
    .trim()
    .min(1, bilingual('題名を入力してください。', 'Enter a title.'))
    .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.')),
  description: z
    .string()
    .trim()
    .max(4000, bilingual('4000文字以内にしてください。', 'Use at most 4000 characters.'))
    .default(''),
  kind: kindSchema,
  sessions: z
    .array(SessionSchema, bilingual('日程を入力してください。', 'Enter the schedule.'))
    .min(1, bilingual('日程を入力してください。', 'Enter the schedule.'))
    .max(
      maxSessions,
      bilingual(`${maxSessions}回までにしてください。`, `Use at most ${maxSessions} sessions.`),
    ),
  place: z
    .string()
    .trim()
    .min(1, bilingual('会場を入力してください。', 'Enter the place.'))
    .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.')),
  capacity: z.coerce
    .number(bilingual('定員を半角数字で入力してください。', 'Enter the capacity as a number.'))
    .int(bilingual('定員は整数で入力してください。', 'Enter the capacity as a whole number.'))
    .min(1, bilingual('定員は1人以上にしてください。', 'The capacity must be at least 1.'))
    .max(10000, bilingual('定員は10000人以下にしてください。', 'The capacity must be at most 10,000.')),
  feeYen: z.coerce
    .number(bilingual('参加費を半角数字で入力してください。', 'Enter the fee as a number.'))
    .int(bilingual('参加費は円単位の整数で入力してください。', 'Enter the fee in whole yen.'))
    .min(0, bilingual('参加費は0円以上にしてください。', 'The fee cannot be negative.'))
    .max(1000000, bilingual('参加費は100万円以下にしてください。', 'The fee must be at most 1,000,000 yen.'))
    .default(0),
  organiser: z.string().trim().min(1, bilingual('主催機関を選んでください。', 'Choose the organiser.')),
  // what the public reads besides the above, all optional (event-details-input.ts)
  ...eventDetailsShape,
});
/**
 * An event as a form or a caller gives it: its kind and sessions, or, for a single event, just the
 * `date`, `startTime` and `endTime` of its one session.
 */
export type EventInput = Omit<z.input<typeof EventSchema>, 'sessions'> & {
  sessions?: SessionInput[] | undefined;
  date?: string | undefined;
  startTime?: string | undefined;
  endTime?: string | undefined;
};

export const eventLabels = {
  category: { ja: '種類', en: 'Kind' },
  title: { ja: '題名', en: 'Title' },
  description: { ja: '内容', en: 'Description' },
  kind: { ja: '形式', en: 'Format' },
  date: { ja: '開催日', en: 'Date' },
  startTime: { ja: '開始時刻', en: 'Start time' },
  endTime: { ja: '終了時刻', en: 'End time' },
  place: { ja: '会場', en: 'Place' },
  capacity: { ja: '定員', en: 'Capacity' },
  feeYen: { ja: '参加費', en: 'Fee' },
  organiser: { ja: '主催', en: 'Organiser' },
  ...eventDetailsLabels,
};

function invalid(field: keyof typeof eventLabels, ja: string, en: string): UserError {
  return fieldProblem(field, eventLabels[field], { ja, en });
}

/**
 * What a municipality's plan file says events may be: the kinds of event it counts
 * (`eventCategories`) and the organisations that hold them (第5章). A plan that names none takes any.
 */
export interface EventChoices {
  categories: readonly { code: string }[];
  organisations: readonly { code: string }[];
  /** the plan's areas (`areas`); none given or none named: any area is taken */
  areas?: readonly { code: string }[];
  now?: Date;
}

/** The sessions of an input: as given, or the one session of `date`, `startTime` and `endTime`. */
function sessionsOfInput(input: EventInput): unknown {
  if (input.sessions !== undefined) return input.sessions;
  if (input.date === undefined && input.startTime === undefined && input.endTime === undefined) return [];
  return [{ date: input.date, startTime: input.startTime, endTime: input.endTime }];
}

/**
 * Checks an event's input: all fields, then its schedule (one session, or two or more held in
 * order without overlapping, none in the past), its kind and its organiser.
 */
export function validateEvent(
  input: EventInput,
  options: EventChoices & { unchanged?: (s: TimedSession) => boolean },
) {
  const { date: _d, startTime: _s, endTime: _e, ...rest } = input;
  const raw = { ...rest, sessions: sessionsOfInput(input) };
  const kind = input.kind === 'course' ? 'course' : 'single';
  const count = Array.isArray(raw.sessions) ? raw.sessions.length : 0;
  const data = parseInput(EventSchema, raw, { ...eventLabels, ...sessionLabels(kind, count) });
  const schedule = scheduleProblems(data.kind, data.sessions, options);
  if (schedule.problems.length > 0) throw scheduleInvalid(schedule.problems);
  const kinds = options.categories;
  if (kinds.length > 0 && !kinds.some((c) => c.code === data.category)) {
    throw invalid('category', '種類を一覧から選んでください。', 'Choose a kind from the list.');
  }
  const named = options.organisations;
  if (named.length > 0 && !named.some((o) => o.code === data.organiser)) {
    throw invalid('organiser', '一覧から選んでください。', 'Choose one from the list.');
  }
  const sessions = schedule.sessions;
  checkEventDetails(data, { startsAt: spanOf(sessions).startsAt, areas: options.areas ?? [] });
  return { ...data, sessions };
}

export type ValidEvent = ReturnType<typeof validateEvent>;

/** What the audit log keeps of an event: its fields, and its schedule on one line. */
export function eventState(e: EventRow, sessions: Parameters<typeof scheduleText>[0]) {
  return {
    title: e.title,
    category: e.category,
    kind: e.kind,
    sessions: scheduleText(sessions),
    place: e.place,
    capacity: e.capacity,
    feeYen: e.feeYen,
    organiser: e.organiser,
    status: e.status,
    ...eventDetailsState(e),
  };
}

/** Creates an event of the actor's municipality as a draft; nobody sees it until it is published. */
export async function createEvent(
  db: Db,
  actor: Actor,
  input: EventInput,
  options: EventChoices & { copiedFrom?: number },
): Promise<EventRow> {
  const data = validateEvent(input, options);
  if (!runsEvent(actor, data)) {
    throw invalid(
      'organiser',
      'ご自分の機関が主催するイベントだけを作成できます。',
      'You can create events of your own organisation only.',
    );
  }
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(events)
      .values({
        municipalityCode: actor.municipalityCode,
        ...eventFieldsOf(data),
        copiedFrom: options.copiedFrom ?? null,
        ...pickEventDetails(data),
        createdBy: actor.accountId,
      })
      .returning();
    if (!created) throw new Error('event insert returned nothing');
    const sessions = await writeSessions(tx, created.id, data.sessions);
    await recordAudit(tx, actor, {
      action: options.copiedFrom === undefined ? 'event.create' : 'event.copy',
      entityType: 'event',
      entityKey: String(created.id),
      after: {
        ...eventState(created, sessions),
        ...(options.copiedFrom === undefined ? {} : { copiedFrom: options.copiedFrom }),
      },
    });
    return created;
  });
}

/** The columns of an event that its form sets, its span taken from its sessions. */
export function eventFieldsOf(data: ValidEvent) {
  return {
    category: data.category,
    title: data.title,
    description: data.description,
    kind: data.kind,
    ...spanOf(data.sessions),
    place: data.place,
    capacity: data.capacity,
    feeYen: data.feeYen,
    organiser: data.organiser,
  };
}

/** events.starts_at and ends_at: from the start of the first session to the end of the last. */
export function spanOf(sessions: TimedSession[]): { startsAt: Date; endsAt: Date } {
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  if (!first || !last) throw new Error('an event has one session at least');
  return { startsAt: first.startsAt, endsAt: last.endsAt };
}

/** Inserts an event's sessions as validated, numbered 1, 2, 3 … */
async function writeSessions(
  tx: Queryable,
  eventId: number,
  sessions: TimedSession[],
): Promise<SessionRow[]> {
  return tx
    .insert(eventSessions)
    .values(
      sessions.map((s) => ({
        eventId,
        number: s.number,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        title: s.title,
        topic: s.topic,
      })),
    )
    .returning();
}

export async function lockEventOf(tx: Queryable, actor: Actor, eventId: number): Promise<EventRow> {
  const [event] = await tx
    .select()
    .from(events)
    .where(and(eq(events.id, eventId), eq(events.municipalityCode, actor.municipalityCode)))
    .for('update');
  if (!event) throw eventNotFound;
  return event;
}

/** Opens a draft event to registrations; publishing it again changes nothing. */
export async function publishEvent(db: Db, actor: Actor, eventId: number): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const before = await lockEventOf(tx, actor, eventId);
    if (!runsEvent(actor, before)) throw notTheOrganiser;
    if (before.status === 'published') return before;
    if (before.status === 'cancelled') {
      throw new UserError('event_cancelled', 409, {
        ja: '中止したイベントは公開できません。',
        en: 'A cancelled event cannot be published.',
      });
    }
    const [after] = await tx
      .update(events)
      .set({ status: 'published', updatedAt: new Date() })
      .where(eq(events.id, eventId))
      .returning();
    if (!after) throw eventNotFound;
    await recordAudit(tx, actor, {
      action: 'event.publish',
      entityType: 'event',
      entityKey: String(eventId),
      before: { status: before.status },
      after: { status: after.status },
    });
    return after;
  });
}

/** The events of the actor's municipality, soonest first, with their seats counted. */
export async function listEventsForStaff(q: Queryable, actor: Actor): Promise<EventWithCounts[]> {
  const rows = await q
    .select()
    .from(events)
    .where(eq(events.municipalityCode, actor.municipalityCode))
    .orderBy(asc(events.startsAt), asc(events.id));
  return withCounts(q, rows);
}

export async function findEventForStaff(
  q: Queryable,
  actor: Actor,
  eventId: number,
): Promise<EventWithCounts> {
  const [row] = await q
    .select()
    .from(events)
    .where(and(eq(events.id, eventId), eq(events.municipalityCode, actor.municipalityCode)));
  if (!row) throw eventNotFound;
  const [counted] = await withCounts(q, [row]);
  return counted as EventWithCounts;
}

/** An event of the actor's municipality that the actor runs (see runsEvent); anyone else gets 403. */
export async function findEventRunBy(q: Queryable, actor: Actor, eventId: number): Promise<EventWithCounts> {
  const event = await findEventForStaff(q, actor, eventId);
  if (!runsEvent(actor, event)) throw notTheOrganiser;
  return event;
}

// ---------------------------------------------------------------------------------------------
// Public: browse

/** A published event as anyone may see it; a draft does not exist for the public. */
export async function findPublishedEvent(q: Queryable, eventId: number): Promise<EventWithCounts> {
  const [row] = await q
    .select()
    .from(events)
    .where(and(eq(events.id, eventId), ne(events.status, 'draft')));
  if (!row) throw eventNotFound;
  const [counted] = await withCounts(q, [row]);
  return counted as EventWithCounts;
}
