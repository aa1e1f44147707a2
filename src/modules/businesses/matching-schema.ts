import {
  bigint,
  boolean,
  date,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/schema';
import { businesses } from './schema';

export const postKinds = ['need', 'offer'] as const;
/** need: 発注したい (the business wants to place an order); offer: 受注したい (it wants work). */
export type PostKind = (typeof postKinds)[number];

/** A need or an offer of a business (0015_business_matching.sql). */
export const businessPosts = pgTable(
  'business_posts',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    businessId: integer('business_id')
      .notNull()
      .references(() => businesses.id),
    kind: text('kind').$type<PostKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default([]),
    industryMajor: text('industry_major'),
    quantity: text('quantity').notNull().default(''),
    deadline: date('deadline'),
    budgetMinYen: bigint('budget_min_yen', { mode: 'number' }),
    budgetMaxYen: bigint('budget_max_yen', { mode: 'number' }),
    localOnly: boolean('local_only').notNull().default(true),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [unique('business_posts_once').on(t.businessId, t.idempotencyKey)],
);
export type PostRow = typeof businessPosts.$inferSelect;

/** The private conversation of two businesses about one post. */
export const businessThreads = pgTable(
  'business_threads',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    postId: integer('post_id')
      .notNull()
      .references(() => businessPosts.id),
    posterBusinessId: integer('poster_business_id')
      .notNull()
      .references(() => businesses.id),
    otherBusinessId: integer('other_business_id')
      .notNull()
      .references(() => businesses.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('business_threads_one_per_pair').on(t.postId, t.otherBusinessId)],
);
export type ThreadRow = typeof businessThreads.$inferSelect;

export const businessMessages = pgTable(
  'business_messages',
  {
    id: serial('id').primaryKey(),
    threadId: integer('thread_id')
      .notNull()
      .references(() => businessThreads.id),
    authorBusinessId: integer('author_business_id')
      .notNull()
      .references(() => businesses.id),
    authorAccountId: integer('author_account_id').references(() => accounts.id),
    body: text('body').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('business_messages_once').on(t.threadId, t.authorBusinessId, t.idempotencyKey)],
);
export type MessageRow = typeof businessMessages.$inferSelect;

/** A deal of two businesses, recorded by one and counted once the other confirms it. */
export const businessDeals = pgTable(
  'business_deals',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    threadId: integer('thread_id')
      .notNull()
      .references(() => businessThreads.id),
    recordedByBusinessId: integer('recorded_by_business_id')
      .notNull()
      .references(() => businesses.id),
    confirmingBusinessId: integer('confirming_business_id')
      .notNull()
      .references(() => businesses.id),
    buyerBusinessId: integer('buyer_business_id')
      .notNull()
      .references(() => businesses.id),
    sellerBusinessId: integer('seller_business_id')
      .notNull()
      .references(() => businesses.id),
    dealOn: date('deal_on').notNull(),
    amountYen: bigint('amount_yen', { mode: 'number' }),
    idempotencyKey: text('idempotency_key').notNull(),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: integer('confirmed_by').references(() => accounts.id),
  },
  (t) => [unique('business_deals_once').on(t.recordedByBusinessId, t.idempotencyKey)],
);
export type DealRow = typeof businessDeals.$inferSelect;
