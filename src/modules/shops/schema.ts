import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/schema';
import type { HolidayRule, Period } from './hours';

export const shopCategories = ['food', 'retail', 'service'] as const;
export type ShopCategory = (typeof shopCategories)[number];

/**
 * What makes a business of the directory a shop on the residents' map (0023_shops.sql): its category,
 * its opening hours and holiday rule. Its name, address, area and position stay the directory's.
 */
export const shopProfiles = pgTable(
  'shop_profiles',
  {
    /** a business of the directory (its table's foreign key is in the migration) */
    businessId: integer('business_id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    category: text('category').$type<ShopCategory>().notNull(),
    /** seven days, Sunday first, and the holiday's periods (hours.ts) */
    hours: jsonb('hours').$type<{ week: Period[][]; holiday: Period[] }>().notNull(),
    holidayRule: text('holiday_rule').$type<HolidayRule>().notNull().default('usual'),
    /** what the hours leave unsaid: ラストオーダー, 臨時休業 … */
    hoursNote: text('hours_note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shop_profiles_listing_idx').on(t.municipalityCode, t.category)],
);

export type ShopProfileRow = typeof shopProfiles.$inferSelect;

export const paperSizes = ['A4', 'A3'] as const;
export type PaperSize = (typeof paperSizes)[number];

/** An edition of the paper map (地域マップ, plan 3-2): its shops, and once printed, its print run. */
export const shopMapEditions = pgTable(
  'shop_map_editions',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    title: text('title').notNull(),
    /** the year the edition is for (令和7年度版) */
    fiscalYear: integer('fiscal_year').notNull(),
    /** an area code of the plan file; null: the whole municipality */
    area: text('area'),
    paper: text('paper').$type<PaperSize>().notNull().default('A4'),
    introduction: text('introduction').notNull().default(''),
    /** 発行部数, once printed */
    printRun: integer('print_run'),
    /** 発行日: its fiscal year is the one the print run counts in */
    issuedOn: date('issued_on', { mode: 'string' }),
    createdBy: integer('created_by').references(() => accounts.id),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('shop_map_editions_one_per_form').on(t.municipalityCode, t.idempotencyKey),
    index('shop_map_editions_issued_idx').on(t.municipalityCode, t.issuedOn),
  ],
);

export type MapEditionRow = typeof shopMapEditions.$inferSelect;

/** A shop in an edition: its number on the map and in the legend, and its short text. */
export const shopMapEntries = pgTable(
  'shop_map_entries',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => shopMapEditions.id, { onDelete: 'cascade' }),
    businessId: integer('business_id').notNull(),
    number: integer('number').notNull(),
    blurb: text('blurb').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.businessId] }), unique().on(t.editionId, t.number)],
);

export type MapEntryRow = typeof shopMapEntries.$inferSelect;
