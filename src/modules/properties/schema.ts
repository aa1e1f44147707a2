import { getTableColumns } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { photoTable } from '../../platform/photos/table';
import { accounts } from '../../platform/schema';

/** 空き店舗, 空き家, 事務所, 工場・倉庫, 土地 */
export const propertyKinds = ['shop', 'house', 'office', 'factory', 'land'] as const;
export type PropertyKind = (typeof propertyKinds)[number];

/** 募集中 → 商談中 → 成約, or 取下げ */
export const propertyStages = ['open', 'negotiating', 'contracted', 'withdrawn'] as const;
export type PropertyStage = (typeof propertyStages)[number];

/** 賃貸 (monthly rent) or 売買 (price) */
export const propertyDeals = ['rent', 'sale'] as const;
export type PropertyDeal = (typeof propertyDeals)[number];

export type PropertyApproval = 'pending' | 'approved';

/** A listing (0017_properties.sql). */
export const properties = pgTable(
  'properties',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    posterAccountId: integer('poster_account_id')
      .notNull()
      .references(() => accounts.id),
    posterOrganisation: text('poster_organisation'),
    approval: text('approval').$type<PropertyApproval>().notNull().default('pending'),
    stage: text('stage').$type<PropertyStage>().notNull().default('open'),
    kind: text('kind').$type<PropertyKind>().notNull(),
    title: text('title').notNull(),
    address: text('address').notNull(),
    area: text('area'),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    floorAreaM2: doublePrecision('floor_area_m2').notNull(),
    deal: text('deal').$type<PropertyDeal>().notNull(),
    priceYen: bigint('price_yen', { mode: 'number' }).notNull(),
    uses: text('uses').array().notNull().default([]),
    condition: text('condition').notNull().default(''),
    description: text('description').notNull().default(''),
    availableFrom: date('available_from'),
    contactRoute: text('contact_route').notNull().default(''),
    ownerName: text('owner_name').notNull().default(''),
    ownerContact: text('owner_contact').notNull().default(''),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
    confirmationAskedAt: timestamp('confirmation_asked_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    contractedOn: date('contracted_on'),
    movedInBusinessId: integer('moved_in_business_id'),
    startup: boolean('startup').notNull().default(false),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: integer('approved_by').references(() => accounts.id),
  },
  (t) => [
    index('properties_listing_idx').on(t.municipalityCode, t.approval, t.stage, t.kind, t.area),
    unique().on(t.posterAccountId, t.idempotencyKey),
  ],
);

export type PropertyRow = typeof properties.$inferSelect;

/** A listing as the public reads it: never the owner's name or contact. */
export type PublicProperty = Omit<PropertyRow, 'ownerName' | 'ownerContact' | 'idempotencyKey'>;
const {
  ownerName: _ownerName,
  ownerContact: _ownerContact,
  idempotencyKey: _key,
  ...publicOnly
} = getTableColumns(properties);
export const publicColumns = publicOnly;

export const propertyPhotos = photoTable('property_photos', 'property_id', () => properties.id);

export const propertyInquiries = pgTable(
  'property_inquiries',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    propertyId: integer('property_id')
      .notNull()
      .references(() => properties.id),
    applicantAccountId: integer('applicant_account_id')
      .notNull()
      .references(() => accounts.id),
    businessPlan: text('business_plan').notNull(),
    startingWhen: text('starting_when').notNull(),
    budgetYen: bigint('budget_yen', { mode: 'number' }),
    message: text('message').notNull().default(''),
    shareWithCounsellor: boolean('share_with_counsellor').notNull().default(false),
    consultationCaseId: integer('consultation_case_id'),
    counsellorOrganisation: text('counsellor_organisation'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('property_inquiries_property_idx').on(t.propertyId, t.id),
    unique().on(t.applicantAccountId, t.idempotencyKey),
  ],
);

export type InquiryRow = typeof propertyInquiries.$inferSelect;
