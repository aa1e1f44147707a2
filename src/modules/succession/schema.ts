import { date, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/schema';

export const outreachKinds = ['seminar', 'visit', 'consultation-day', 'mailing'] as const;
export type OutreachKind = (typeof outreachKinds)[number];

/** An outreach held for the whole city rather than one area. */
export const citywide = 'citywide';

/** One outreach done against the succession needs of an area (0027_succession_needs.sql). */
export const successionOutreach = pgTable(
  'succession_outreach',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    area: text('area').notNull(),
    kind: text('kind').$type<OutreachKind>().notNull(),
    heldOn: date('held_on').notNull(),
    reached: integer('reached').notNull(),
    note: text('note').notNull().default(''),
    organisation: text('organisation').notNull(),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text('idempotency_key').notNull(),
  },
  (t) => [
    unique('succession_outreach_once').on(t.municipalityCode, t.idempotencyKey),
    index('succession_outreach_area_idx').on(t.municipalityCode, t.area, t.heldOn),
  ],
);

export type OutreachRow = typeof successionOutreach.$inferSelect;
