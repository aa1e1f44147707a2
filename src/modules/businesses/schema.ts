import { getTableColumns } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { photoTable } from '../../platform/photos/table';
import { accounts } from '../../platform/schema';

export const businessStatuses = ['pending', 'approved'] as const;
export type BusinessStatus = (typeof businessStatuses)[number];

export const legalForms = ['corporation', 'sole'] as const;
export type LegalForm = (typeof legalForms)[number];

/** The owner's age band: private, asked for the city's succession work, shown to the business only. */
export const ownerAgeBands = ['', 'under-40', '40s', '50s', '60s', '70-plus'] as const;

/**
 * Whether a successor is decided (the self-check's choices): private like the age band, and counted
 * for the succession needs map only with the business's consent (0027, decision 034).
 */
export const successorStatuses = ['', 'decided', 'candidate', 'none', 'close-down'] as const;
export type SuccessorStatus = (typeof successorStatuses)[number];

/** A business of the directory: its profile, public once approved (0014_businesses.sql). */
export const businesses = pgTable(
  'businesses',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    accountId: integer('account_id').references(() => accounts.id),
    claimAccountId: integer('claim_account_id').references(() => accounts.id),
    status: text('status').$type<BusinessStatus>().notNull().default('pending'),
    name: text('name').notNull(),
    kana: text('kana').notNull(),
    legalForm: text('legal_form').$type<LegalForm>().notNull(),
    corporateNumber: text('corporate_number'),
    industryMajor: text('industry_major').notNull(),
    industryMiddle: text('industry_middle'),
    address: text('address').notNull(),
    area: text('area'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    employees: integer('employees'),
    foundedYear: integer('founded_year'),
    tags: text('tags').array().notNull().default([]),
    capabilities: text('capabilities').notNull().default(''),
    products: text('products').notNull().default(''),
    description: text('description').notNull().default(''),
    website: text('website').notNull().default(''),
    sns: text('sns').array().notNull().default([]),
    memberships: text('memberships').array().notNull().default([]),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    ownerAgeBand: text('owner_age_band').notNull().default(''),
    successorStatus: text('successor_status').$type<SuccessorStatus>().notNull().default(''),
    /** when the business agreed that its age band and successor status are counted; null: never */
    successionConsentAt: timestamp('succession_consent_at', { withTimezone: true }),
    searchName: text('search_name').notNull().default(''),
    searchText: text('search_text').notNull().default(''),
    searchGrams: text('search_grams').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: integer('approved_by').references(() => accounts.id),
  },
  (t) => [index('businesses_listing_idx').on(t.municipalityCode, t.status, t.industryMajor, t.area)],
);

export type BusinessRow = typeof businesses.$inferSelect;

/** A business as lists show it: without the character pairs of its text, which only the index reads. */
export type ListedBusiness = Omit<BusinessRow, 'searchGrams'>;
const { searchGrams: _searchGrams, ...listed } = getTableColumns(businesses);
export const listedColumns = listed;

/** A business's photos (0019_business_photos.sql), public with the business. */
export const businessPhotos = photoTable('business_photos', 'business_id', () => businesses.id);
