import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, lte, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { bilingual, emailAddress, parseInput } from '../../platform/validation';
import { eventRegistrations, events } from './schema';

export type EventRow = typeof events.$inferSelect;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;

/** An event with its seats counted: confirmed, waiting and attended registrations. */
export interface EventWithCounts extends EventRow {
  confirmed: number;
  waiting: number;
  attended: number;
}

const eventNotFound = notFound({ ja: 'イベント', en: 'The event' });
const registrationNotFound = notFound({ ja: 'お申し込み', en: 'The registration' });

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

async function withCounts(q: Queryable, rows: EventRow[]): Promise<EventWithCounts[]> {
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

// ---------------------------------------------------------------------------------------------
// Registrations

const kanaPattern = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u;

/** Full-width digits and dashes are normalised; a number is 10 or 11 digits from its area code. */
const phoneText = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFKC').replace(/[\s\-‐－―ー()]/g, '') : v),
  z.union([
    z.literal('').transform(() => null),
    z
      .string()
      .regex(
        /^0\d{9,10}$/,
        bilingual(
          '市外局番から半角数字で入力してください（例：042-558-1111）。',
          'Enter the number with its area code, e.g. 042-558-1111.',
        ),
      ),
  ]),
);

export const RegistrationSchema = z.object({
  name: z
    .string(bilingual('お名前を入力してください。', 'Enter your name.'))
    .trim()
    .min(1, bilingual('お名前を入力してください。', 'Enter your name.'))
    .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.')),
  kana: z
    .string(bilingual('ふりがなを入力してください。', 'Enter the reading of your name.'))
    .trim()
    .min(1, bilingual('ふりがなを入力してください。', 'Enter the reading of your name.'))
    .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.'))
    .regex(
      kanaPattern,
      bilingual('ひらがなかカタカナで入力してください。', 'Write the reading in hiragana or katakana.'),
    ),
  email: emailAddress(),
  phone: phoneText.default(null),
  idempotencyKey: z
    .string(
      bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
    )
    .min(
      8,
      bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
    )
    .max(100),
});
export type RegistrationInput = z.input<typeof RegistrationSchema>;

export const registrationLabels = {
  name: { ja: 'お名前', en: 'Name' },
  kana: { ja: 'ふりがな', en: 'Reading (kana)' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  phone: { ja: '電話番号', en: 'Phone' },
  idempotencyKey: { ja: 'フォーム', en: 'Form' },
};

/**
 * 'registered': a new registration; 'repeated': the same form sent again (double click, retry);
 * 'already-registered': this e-mail address already holds a registration for the event, made
 * with another form, whose cancel link is therefore not shown again.
 */
export type RegistrationOutcome = 'registered' | 'repeated' | 'already-registered';

export interface RegistrationResult {
  outcome: RegistrationOutcome;
  registration: RegistrationRow;
  event: EventRow;
  /** the place on the waiting list, 1 for the next to be promoted; null unless waiting */
  position: number | null;
}

async function waitingPositionOf(q: Queryable, registration: RegistrationRow): Promise<number | null> {
  if (registration.status !== 'waiting' || registration.waitingPosition === null) return null;
  const [row] = await q
    .select({ ahead: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, registration.eventId),
        eq(eventRegistrations.status, 'waiting'),
        lte(eventRegistrations.waitingPosition, registration.waitingPosition),
      ),
    );
  return row?.ahead ?? null;
}

async function countConfirmed(q: Queryable, eventId: number): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed')));
  return row?.n ?? 0;
}

const registrationClosed = new UserError('registration_closed', 409, {
  ja: 'このイベントは開始時刻を過ぎたため、申し込みを締め切りました。',
  en: 'This event has started, so registration is closed.',
});

/**
 * Registers a person (as a guest, or with their account) for a published event that has not
 * started. The event's row is locked for the transaction, so registrations for one event are
 * taken one after another and the capacity is never exceeded: once it is full, people join the
 * waiting list in the order they came. The same form sent twice, or the same e-mail address
 * again, gives the registration that exists.
 */
export async function registerForEvent(
  db: Db,
  eventId: number,
  input: RegistrationInput,
  options: { account?: { id: number; displayName: string } | undefined; now?: Date } = {},
): Promise<RegistrationResult> {
  const data = parseInput(RegistrationSchema, input, registrationLabels);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    if (!event || event.status === 'draft') throw eventNotFound;
    if (event.status === 'cancelled') {
      throw new UserError('event_cancelled', 409, {
        ja: 'このイベントは中止になりました。',
        en: 'This event has been cancelled.',
      });
    }
    if (event.startsAt <= now) throw registrationClosed;

    const existing = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, eventId),
          or(
            eq(eventRegistrations.idempotencyKey, data.idempotencyKey),
            and(eq(eventRegistrations.email, data.email), ne(eventRegistrations.status, 'cancelled')),
          ),
        ),
      );
    const sameForm = existing.find((r) => r.idempotencyKey === data.idempotencyKey);
    const found = sameForm ?? existing[0];
    if (found) {
      return {
        outcome: sameForm ? 'repeated' : 'already-registered',
        registration: found,
        event,
        position: await waitingPositionOf(tx, found),
      };
    }

    const confirmed = await countConfirmed(tx, eventId);
    const status = confirmed < event.capacity ? 'confirmed' : 'waiting';
    let waitingPosition: number | null = null;
    if (status === 'waiting') {
      const [last] = await tx
        .select({ max: sql<number | null>`max(${eventRegistrations.waitingPosition})` })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, eventId));
      waitingPosition = Number(last?.max ?? 0) + 1;
    }
    const [registration] = await tx
      .insert(eventRegistrations)
      .values({
        eventId,
        name: data.name,
        kana: data.kana,
        email: data.email,
        phone: data.phone,
        accountId: options.account?.id ?? null,
        status,
        waitingPosition,
        cancelToken: randomBytes(24).toString('base64url'),
        idempotencyKey: data.idempotencyKey,
        registeredAt: now,
      })
      .returning();
    if (!registration) throw new Error('registration insert returned nothing');
    await recordAudit(
      tx,
      {
        accountId: options.account?.id ?? null,
        name: options.account?.displayName ?? data.name,
        municipalityCode: event.municipalityCode,
      },
      {
        action: 'event_registration.create',
        entityType: 'event',
        entityKey: String(eventId),
        after: { registrationId: registration.id, status, waitingPosition },
      },
    );
    return {
      outcome: 'registered',
      registration,
      event,
      position: await waitingPositionOf(tx, registration),
    };
  });
}

/** A registration by the secret of its cancel link, with its event and place on the waiting list. */
export async function findRegistrationByToken(q: Queryable, token: string) {
  const [registration] = await q
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.cancelToken, token));
  if (!registration) throw registrationNotFound;
  const [event] = await q.select().from(events).where(eq(events.id, registration.eventId));
  if (!event) throw registrationNotFound;
  return { registration, event, position: await waitingPositionOf(q, registration) };
}

/**
 * Moves the first people of the waiting list up while seats are free. Called in the transaction
 * that freed the seat, with the event's row locked, so that two cancellations cannot give one seat
 * to two people.
 */
async function promoteFromWaitingList(tx: Queryable, event: EventRow): Promise<RegistrationRow[]> {
  const free = event.capacity - (await countConfirmed(tx, event.id));
  if (free <= 0) return [];
  const next = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'waiting')))
    .orderBy(asc(eventRegistrations.waitingPosition), asc(eventRegistrations.id))
    .limit(free);
  if (next.length === 0) return [];
  const promoted = await tx
    .update(eventRegistrations)
    .set({ status: 'confirmed' })
    .where(
      inArray(
        eventRegistrations.id,
        next.map((r) => r.id),
      ),
    )
    .returning();
  for (const registration of promoted) {
    await recordAudit(
      tx,
      { accountId: null, name: 'つなぐ（自動）', municipalityCode: event.municipalityCode },
      {
        action: 'event_registration.promote',
        entityType: 'event',
        entityKey: String(event.id),
        before: { registrationId: registration.id, status: 'waiting' },
        after: { registrationId: registration.id, status: 'confirmed' },
      },
    );
  }
  return promoted;
}

/**
 * Cancels a registration from its link. Cancelling again changes nothing. A confirmed seat that is
 * freed goes to the first person waiting, in the same transaction.
 */
export async function cancelRegistration(db: Db, token: string, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ eventId: eventRegistrations.eventId })
      .from(eventRegistrations)
      .where(eq(eventRegistrations.cancelToken, token));
    if (!found) throw registrationNotFound;
    // the event first, as registering does: one order of locks, so no deadlock between the two
    const [event] = await tx.select().from(events).where(eq(events.id, found.eventId)).for('update');
    const [before] = await tx
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.cancelToken, token))
      .for('update');
    if (!event || !before) throw registrationNotFound;
    if (before.status === 'cancelled')
      return { registration: before, changed: false, promoted: [] as RegistrationRow[] };
    if (event.startsAt <= now) {
      throw new UserError('event_started', 409, {
        ja: 'イベントの開始後は取り消せません。主催者に直接ご連絡ください。',
        en: 'The event has started and can no longer be cancelled here. Contact the organiser.',
      });
    }
    const [after] = await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: now })
      .where(eq(eventRegistrations.id, before.id))
      .returning();
    if (!after) throw registrationNotFound;
    await recordAudit(
      tx,
      { accountId: before.accountId, name: before.name, municipalityCode: event.municipalityCode },
      {
        action: 'event_registration.cancel',
        entityType: 'event',
        entityKey: String(event.id),
        before: { registrationId: before.id, status: before.status },
        after: { registrationId: before.id, status: 'cancelled' },
      },
    );
    const promoted = before.status === 'confirmed' ? await promoteFromWaitingList(tx, event) : [];
    return { registration: after, changed: true, promoted };
  });
}

// ---------------------------------------------------------------------------------------------
// Staff: participants and check-in

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
  await findEventForStaff(q, actor, eventId);
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
    await findEventForStaff(tx, actor, before.eventId);
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
