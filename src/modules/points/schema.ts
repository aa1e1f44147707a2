import {
  bigint,
  bigserial,
  boolean,
  date,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/schema';

// The tables of 0018_points_ledger.sql (decision 024). Amounts are integer yen or points; bigint
// columns are read as numbers, which hold any sum of yen below 9×10^15 exactly.

export const unitKinds = ['points', 'gift'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const holders = ['issuer', 'expired', 'resident', 'shop'] as const;
export type Holder = (typeof holders)[number];

export const requestKinds = [
  'purchase',
  'payment',
  'award',
  'refund',
  'expiry',
  'settlement',
  'grant',
] as const;
export type RequestKind = (typeof requestKinds)[number];

export const pointsProgrammes = pgTable('points_programmes', {
  municipalityCode: text('municipality_code').primaryKey(),
  yenPerPoint: integer('yen_per_point').notNull().default(100),
  pointsPay: boolean('points_pay').notNull().default(true),
  issuerOrganisation: text('issuer_organisation').notNull().default('shokokai'),
  updatedBy: integer('updated_by').references(() => accounts.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ledgerUnits = pgTable('ledger_units', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  kind: text('kind').$type<UnitKind>().notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ledgerAccounts = pgTable('ledger_accounts', {
  id: serial('id').primaryKey(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => ledgerUnits.id),
  holder: text('holder').$type<Holder>().notNull(),
  holderId: integer('holder_id').notNull().default(0),
  /** cached by the database from the journal; never written by the application */
  balance: bigint('balance', { mode: 'number' }).notNull().default(0),
});

export const ledgerRequests = pgTable('ledger_requests', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  kind: text('kind').$type<RequestKind>().notNull(),
  fingerprint: text('fingerprint').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  shopId: integer('shop_id'),
  residentAccountId: integer('resident_account_id').references(() => accounts.id),
  reversesRequestId: bigint('reverses_request_id', { mode: 'number' }),
  actorAccountId: integer('actor_account_id').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ledgerTransfers = pgTable('ledger_transfers', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  requestId: bigint('request_id', { mode: 'number' })
    .notNull()
    .references(() => ledgerRequests.id),
  unitId: integer('unit_id')
    .notNull()
    .references(() => ledgerUnits.id),
  debitAccountId: integer('debit_account_id').notNull(),
  creditAccountId: integer('credit_account_id').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const shopStatuses = ['applied', 'approved', 'withdrawn'] as const;
export type ShopStatus = (typeof shopStatuses)[number];

export const pointsShops = pgTable('points_shops', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  businessId: integer('business_id').notNull(),
  businessName: text('business_name').notNull(),
  area: text('area'),
  status: text('status').$type<ShopStatus>().notNull(),
  shopCode: text('shop_code').notNull(),
  appliedBy: integer('applied_by').references(() => accounts.id),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  approvedBy: integer('approved_by').references(() => accounts.id),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
});

/** 取扱期間: each stretch of time a shop takes part, from approval to withdrawal (decision 036). */
export const pointsShopPeriods = pgTable('points_shop_periods', {
  id: serial('id').primaryKey(),
  shopId: integer('shop_id')
    .notNull()
    .references(() => pointsShops.id),
  approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  approvedBy: integer('approved_by').references(() => accounts.id),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnBy: integer('withdrawn_by').references(() => accounts.id),
  withdrawalReason: text('withdrawal_reason'),
});

export const giftCertificateIssues = pgTable('gift_certificate_issues', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => ledgerUnits.id),
  name: text('name').notNull(),
  priceYen: integer('price_yen').notNull(),
  faceValueYen: integer('face_value_yen').notNull(),
  salesFrom: date('sales_from').notNull(),
  salesUntil: date('sales_until').notNull(),
  validUntil: date('valid_until').notNull(),
  perPersonLimit: integer('per_person_limit').notNull(),
  totalSets: integer('total_sets').notNull(),
  soldSets: integer('sold_sets').notNull().default(0),
  expiredAt: timestamp('expired_at', { withTimezone: true }),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type GiftCertificateIssue = typeof giftCertificateIssues.$inferSelect;

export const giftCertificatePurchases = pgTable('gift_certificate_purchases', {
  id: serial('id').primaryKey(),
  issueId: integer('issue_id')
    .notNull()
    .references(() => giftCertificateIssues.id),
  residentAccountId: integer('resident_account_id')
    .notNull()
    .references(() => accounts.id),
  sets: integer('sets').notNull(),
  paidYen: integer('paid_yen').notNull(),
  paymentMethod: text('payment_method').$type<'cash' | 'bank' | 'other'>().notNull(),
  requestId: bigint('request_id', { mode: 'number' }).notNull(),
  recordedBy: integer('recorded_by').references(() => accounts.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const walletTokens = pgTable('wallet_tokens', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  residentAccountId: integer('resident_account_id')
    .notNull()
    .references(() => accounts.id),
  tokenHash: text('token_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedByRequestId: bigint('used_by_request_id', { mode: 'number' }),
});

export const pointsSettlements = pgTable('points_settlements', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  periodFrom: date('period_from').notNull(),
  periodUntil: date('period_until').notNull(),
  requestId: bigint('request_id', { mode: 'number' }).notNull(),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
