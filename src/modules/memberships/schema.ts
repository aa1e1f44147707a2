import { boolean, date, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/schema';
import { businesses } from '../businesses/schema';

/** 商店会 (many in a city) and the 商工会 (one): the plan's organisation codes. */
export const bodyKinds = ['shotenkai', 'shokokai'] as const;
export type BodyKind = (typeof bodyKinds)[number];

/** A 商店会 or the 商工会, keeping a member list (0025_memberships.sql). */
export const memberBodies = pgTable('member_bodies', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  kind: text('kind').$type<BodyKind>().notNull(),
  name: text('name').notNull(),
  area: text('area'),
  keeperAccountId: integer('keeper_account_id').references(() => accounts.id),
  acceptsRequests: boolean('accepts_requests').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type MemberBody = typeof memberBodies.$inferSelect;

export const members = pgTable('members', {
  id: serial('id').primaryKey(),
  bodyId: integer('body_id')
    .notNull()
    .references(() => memberBodies.id),
  businessId: integer('business_id').references(() => businesses.id),
  name: text('name').notNull(),
  representative: text('representative').notNull().default(''),
  phone: text('phone').notNull().default(''),
  joinedOn: date('joined_on').notNull(),
  leftOn: date('left_on'),
  note: text('note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Member = typeof members.$inferSelect;

export const memberFees = pgTable(
  'member_fees',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    amountYen: integer('amount_yen').notNull(),
    paidOn: date('paid_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.fiscalYear] })],
);

export type JoinRequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export const joinRequests = pgTable('join_requests', {
  id: serial('id').primaryKey(),
  bodyId: integer('body_id')
    .notNull()
    .references(() => memberBodies.id),
  businessId: integer('business_id')
    .notNull()
    .references(() => businesses.id),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id),
  representative: text('representative').notNull(),
  phone: text('phone').notNull().default(''),
  message: text('message').notNull().default(''),
  status: text('status').$type<JoinRequestStatus>().notNull().default('pending'),
  reason: text('reason').notNull().default(''),
  memberId: integer('member_id').references(() => members.id),
  decidedBy: integer('decided_by').references(() => accounts.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type JoinRequest = typeof joinRequests.$inferSelect;

export const membershipDenominators = pgTable('membership_denominators', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  kind: text('kind').$type<BodyKind>().notNull(),
  value: integer('value').notNull(),
  asOf: date('as_of').notNull(),
  source: text('source').notNull(),
  enteredBy: integer('entered_by').references(() => accounts.id),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
});
