import { date, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { photoTable } from '../../platform/photos/table';
import { accounts } from '../../platform/schema';

/** Where a revision of an article stands (0024_community_articles.sql, decision 030). */
export const revisionStatuses = [
  'draft',
  'awaiting_facts',
  'awaiting_university',
  'awaiting_city',
  'refused',
  'published',
  'superseded',
] as const;
export type RevisionStatus = (typeof revisionStatuses)[number];

/** The approvals an article needs, in order: the shop (facts), the university, the city. */
export const approvalSteps = ['facts', 'university', 'city'] as const;
export type ApprovalStep = (typeof approvalSteps)[number];

/** A student's article about a business of the directory. */
export const communityArticles = pgTable(
  'community_articles',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    /** a business of the directory (the foreign key is in the migration; read through its module) */
    businessId: integer('business_id').notNull(),
    authorAccountId: integer('author_account_id')
      .notNull()
      .references(() => accounts.id),
    university: text('university').notNull(),
    publishedRevisionId: integer('published_revision_id'),
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.authorAccountId, t.idempotencyKey),
    index('community_articles_business_idx').on(t.businessId),
  ],
);
export type ArticleRow = typeof communityArticles.$inferSelect;

/** One version of an article's text, with the approvals it was given. */
export const communityArticleRevisions = pgTable(
  'community_article_revisions',
  {
    id: serial('id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => communityArticles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    summary: text('summary').notNull(),
    interviewDate: date('interview_date').notNull(),
    photoIds: integer('photo_ids').array().notNull().default([]),
    status: text('status').$type<RevisionStatus>().notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    factsApprovedAt: timestamp('facts_approved_at', { withTimezone: true }),
    factsApprovedBy: integer('facts_approved_by').references(() => accounts.id),
    universityApprovedAt: timestamp('university_approved_at', { withTimezone: true }),
    universityApprovedBy: integer('university_approved_by').references(() => accounts.id),
    cityApprovedAt: timestamp('city_approved_at', { withTimezone: true }),
    cityApprovedBy: integer('city_approved_by').references(() => accounts.id),
    refusedAt: timestamp('refused_at', { withTimezone: true }),
    refusedBy: integer('refused_by').references(() => accounts.id),
    refusedStep: text('refused_step').$type<ApprovalStep>(),
    refusalReason: text('refusal_reason'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.articleId, t.number)],
);
export type RevisionRow = typeof communityArticleRevisions.$inferSelect;

/** An article's photos, one album per article (`photo-service.ts`). */
export const communityArticlePhotos = photoTable(
  'community_article_photos',
  'article_id',
  () => communityArticles.id,
);

/** 商品開発, 事業化, 情報発信: each effort counts 1 支援件数 (3-2). */
export const collaborationKinds = ['product', 'commercialisation', 'publicity'] as const;
export type CollaborationKind = (typeof collaborationKinds)[number];

export const communityCollaborations = pgTable(
  'community_collaborations',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    kind: text('kind').$type<CollaborationKind>().notNull(),
    title: text('title').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    university: text('university'),
    partnerBusinessIds: integer('partner_business_ids').array().notNull().default([]),
    partnersText: text('partners_text').notNull().default(''),
    outcome: text('outcome').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.municipalityCode, t.idempotencyKey)],
);
export type CollaborationRow = typeof communityCollaborations.$inferSelect;
