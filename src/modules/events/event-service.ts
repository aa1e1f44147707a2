import { and, asc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { bilingual, parseInput } from '../../platform/validation';
import { notTheOrganiser, runsEvent } from './organiser-access';
import { eventRegistrations, events } from './schema';

export type EventRow = typeof events.$inferSelect;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;

/** An event with its seats counted: confirmed, waiting and attended registrations. */
export interface EventWithCounts extends EventRow {
  confirmed: number;
  waiting: number;
  attended: number;
}

export const eventNotFound = notFound({ ja: 'イベント', en: 'The event' });

/** The instant of a date and a time of day in Japan, e.g. 2026-12-01 and 14:00. */
export function japanInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+09:00`);
}

/** The time of day of an instant in Japan, as 14:00. */
export function japanTime(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** The events with their seats counted: confirmed, waiting and attended registrations, one query for all. */
export async function withCounts(q: Queryable, rows: EventRow[]): Promise<EventWithCounts[]> {
  if (rows.length === 0) return [];
  const counts = await q
    .select({
      eventId: eventRegistrations.eventId,
      confirmed: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'confirmed'))::int`,
      waiting: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'waiting'))::int`,
      attended: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'confirmed' and ${eventRegistrations.attendedAt} is not null))::int`,
    })
    .from(eventRegistrations)
    .where(
      inArray(
        eventRegistrations.eventId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(eventRegistrations.eventId);
  const byEvent = new Map(counts.map((c) => [c.eventId, c]));
  return rows.map((row) => {
    const c = byEvent.get(row.id);
    return { ...row, confirmed: c?.confirmed ?? 0, waiting: c?.waiting ?? 0, attended: c?.attended ?? 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Staff: create and publish

const timeOfDay = (ja: string, en: string) =>
  z
    .string()
    .trim()
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d$/,
      bilingual(`${ja}を「14:00」の形で入力してください。`, `Enter the ${en} as 14:00.`),
    );

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
  date: z.iso.date(bilingual('開催日を選んでください。', 'Choose the date.')),
  startTime: timeOfDay('開始時刻', 'start time'),
  endTime: timeOfDay('終了時刻', 'end time'),
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
});
export type EventInput = z.input<typeof EventSchema>;

export const eventLabels = {
  category: { ja: '種類', en: 'Kind' },
  title: { ja: '題名', en: 'Title' },
  description: { ja: '内容', en: 'Description' },
  date: { ja: '開催日', en: 'Date' },
  startTime: { ja: '開始時刻', en: 'Start time' },
  endTime: { ja: '終了時刻', en: 'End time' },
  place: { ja: '会場', en: 'Place' },
  capacity: { ja: '定員', en: 'Capacity' },
  feeYen: { ja: '参加費', en: 'Fee' },
  organiser: { ja: '主催', en: 'Organiser' },
};

function invalid(field: keyof typeof eventLabels, ja: string, en: string): UserError {
  const label = eventLabels[field];
  return new UserError(
    'invalid_input',
    422,
    {
      ja: '入力内容に誤りがあります。下の項目を直してください。',
      en: 'Some of the input is not valid. Correct the items below.',
    },
    [{ field, message: { ja: `${label.ja}: ${ja}`, en: `${label.en}: ${en}` } }],
  );
}

/**
 * What a municipality's plan file says events may be: the kinds of event it counts
 * (`eventCategories`) and the organisations that hold them (第5章). A plan that names none takes any.
 */
export interface EventChoices {
  categories: readonly { code: string }[];
  organisations: readonly { code: string }[];
  now?: Date;
}

/** Checks an event's input: all fields, then a date that has not passed and an end after the start. */
export function validateEvent(input: EventInput, options: EventChoices) {
  const data = parseInput(EventSchema, input, eventLabels);
  if (data.date < todayInJapan(options.now)) {
    throw invalid(
      'date',
      '過ぎた日付は選べません。今日以降の日付にしてください。',
      'The date has passed. Choose today or later.',
    );
  }
  if (data.endTime <= data.startTime) {
    throw invalid('endTime', '開始時刻より後の時刻にしてください。', 'Choose a time after the start.');
  }
  const kinds = options.categories;
  if (kinds.length > 0 && !kinds.some((c) => c.code === data.category)) {
    throw invalid('category', '種類を一覧から選んでください。', 'Choose a kind from the list.');
  }
  const named = options.organisations;
  if (named.length > 0 && !named.some((o) => o.code === data.organiser)) {
    throw invalid('organiser', '一覧から選んでください。', 'Choose one from the list.');
  }
  return data;
}

function eventState(e: EventRow) {
  return {
    title: e.title,
    category: e.category,
    date: todayInJapan(e.startsAt),
    startTime: japanTime(e.startsAt),
    endTime: japanTime(e.endsAt),
    place: e.place,
    capacity: e.capacity,
    feeYen: e.feeYen,
    organiser: e.organiser,
    status: e.status,
  };
}

/** Creates an event of the actor's municipality as a draft; nobody sees it until it is published. */
export async function createEvent(
  db: Db,
  actor: Actor,
  input: EventInput,
  options: EventChoices,
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
        category: data.category,
        title: data.title,
        description: data.description,
        startsAt: japanInstant(data.date, data.startTime),
        endsAt: japanInstant(data.date, data.endTime),
        place: data.place,
        capacity: data.capacity,
        feeYen: data.feeYen,
        organiser: data.organiser,
        createdBy: actor.accountId,
      })
      .returning();
    if (!created) throw new Error('event insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'event.create',
      entityType: 'event',
      entityKey: String(created.id),
      after: eventState(created),
    });
    return created;
  });
}

async function lockEventOf(tx: Queryable, actor: Actor, eventId: number): Promise<EventRow> {
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

/** Published events of a municipality that have not started yet, soonest first. */
export async function listUpcomingEvents(
  q: Queryable,
  municipalityCode: string,
  now: Date = new Date(),
): Promise<EventWithCounts[]> {
  const rows = await q
    .select()
    .from(events)
    .where(
      and(
        eq(events.municipalityCode, municipalityCode),
        eq(events.status, 'published'),
        gte(events.startsAt, now),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
  return withCounts(q, rows);
}

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
