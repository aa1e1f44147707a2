import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

export type EventKind = 'single' | 'course';
export type RegistrationChannel = 'online' | 'phone' | 'door';

/** An event of a municipality: a seminar, a meet-up, a marche day. Its category is what the plan binds. */
export const events = pgTable(
  'events',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    /** a code such as `succession-seminar`, the `category` param of the plan's metric bindings */
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    /** yen, an integer: money is never a float */
    feeYen: integer('fee_yen').notNull().default(0),
    /** an organisation code of the plan (第5章) */
    organiser: text('organiser').notNull(),
    /** 'draft' | 'published' | 'cancelled' */
    status: text('status').notNull().default('draft'),
    /** 'single' (one session) | 'course' (two or more, attended one by one); starts_at/ends_at span them */
    kind: text('kind').$type<EventKind>().notNull().default('single'),
    /** the event this one was copied from (last year's edition) */
    copiedFrom: integer('copied_from'),
    // what the public reads besides date, place and fee (0005_event_details.sql; event-details.ts)
    /** the reading of the title in katakana (イベント名_カナ) */
    titleKana: text('title_kana').notNull().default(''),
    titleEn: text('title_en').notNull().default(''),
    /** an area code of the plan file (`areas`), or none */
    area: text('area'),
    address: text('address').notNull().default(''),
    /** the map position, both or neither */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    access: text('access').notNull().default(''),
    parking: text('parking').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    feeDetails: text('fee_details').notNull().default(''),
    /** registrations are taken until this instant; null: until the event starts */
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    notes: text('notes').notNull().default(''),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_upcoming_idx').on(t.municipalityCode, t.status, t.startsAt),
    index('events_category_idx').on(t.municipalityCode, t.category, t.startsAt),
    index('events_area_idx').on(t.municipalityCode, t.area, t.startsAt),
  ],
);

/** A person's registration for an event: confirmed, on the waiting list, or cancelled. */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id').notNull(),
    name: text('name').notNull(),
    kana: text('kana').notNull(),
    /** null only for a person added at the door without contact details */
    email: text('email'),
    phone: text('phone'),
    accountId: integer('account_id'),
    /** 'confirmed' | 'waiting' | 'cancelled' */
    status: text('status').notNull(),
    /** order on the waiting list; the lowest is promoted first */
    waitingPosition: integer('waiting_position'),
    /** the secret in the link with which the person cancels, without an account */
    cancelToken: text('cancel_token').notNull().unique(),
    /** the code in the QR ticket scanned at the door; not a key to cancel */
    ticketCode: text('ticket_code').notNull().unique(),
    /** the same form sent twice carries the same key and registers once */
    idempotencyKey: text('idempotency_key').notNull(),
    /** added at the door (当日参加): registered and present at once */
    walkIn: boolean('walk_in').notNull().default(false),
    /** the places it holds: a phone booking may be for several people; online and at the door, 1 */
    seats: integer('seats').notNull().default(1),
    /** how it was taken: online (the form), by phone (a まちゼミ shop enters it), at the door */
    channel: text('channel').$type<RegistrationChannel>().notNull().default('online'),
    /** a note the shop wrote with a phone booking (「車いすで来店」) */
    note: text('note').notNull().default(''),
    /** marked as not having come (the opposite of an attendance row) */
    absentAt: timestamp('absent_at', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    unique('event_registrations_one_per_form').on(t.eventId, t.idempotencyKey),
    index('event_registrations_event_idx').on(t.eventId, t.status, t.waitingPosition),
  ],
);

/** A session of an event: the one date of a seminar, or one lecture of a course (創業塾 第1回 …). */
export const eventSessions = pgTable(
  'event_sessions',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id').notNull(),
    /** 1, 2, 3 … in the order they are held */
    number: integer('number').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    title: text('title').notNull().default(''),
    /** one of the four areas of 特定創業支援等事業, or null */
    topic: text('topic').$type<SessionTopic>(),
  },
  (t) => [unique('event_sessions_number_unique').on(t.eventId, t.number)],
);

/** The four areas of 特定創業支援等事業: 経営・財務・人材育成・販路開拓. */
export type SessionTopic = 'management' | 'finance' | 'human-resources' | 'sales-channels';

/** A registered person present at one session, recorded once, with who recorded it and when. */
export const eventAttendance = pgTable(
  'event_attendance',
  {
    id: serial('id').primaryKey(),
    registrationId: integer('registration_id').notNull(),
    sessionId: integer('session_id').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull().defaultNow(),
    checkedInBy: integer('checked_in_by'),
    checkedInByName: text('checked_in_by_name').notNull(),
  },
  (t) => [
    unique('event_attendance_once').on(t.registrationId, t.sessionId),
    index('event_attendance_session_idx').on(t.sessionId),
  ],
);

/** A message from an event's staff to a group of its participants; each mail is in the outbox. */
export const eventMessages = pgTable(
  'event_messages',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id').notNull(),
    /** 'confirmed' | 'waiting' | 'attended' */
    audience: text('audience').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    recipients: integer('recipients').notNull(),
    /** the same form sent twice carries the same key and sends once */
    idempotencyKey: text('idempotency_key').notNull(),
    sentBy: integer('sent_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('event_messages_one_per_form').on(t.eventId, t.idempotencyKey)],
);
