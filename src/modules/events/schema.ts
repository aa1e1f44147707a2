import { index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';

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
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_upcoming_idx').on(t.municipalityCode, t.status, t.startsAt),
    index('events_category_idx').on(t.municipalityCode, t.category, t.startsAt),
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
    email: text('email').notNull(),
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
    attendedAt: timestamp('attended_at', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    unique('event_registrations_one_per_form').on(t.eventId, t.idempotencyKey),
    index('event_registrations_event_idx').on(t.eventId, t.status, t.waitingPosition),
  ],
);
