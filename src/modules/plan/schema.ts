import { date, integer, numeric, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** A figure entered by hand for a `manual` metric; one per target, fiscal year and as-of date. */
export const manualActuals = pgTable(
  'manual_actuals',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    planId: text('plan_id').notNull(),
    /** 'project' (実施事業) or 'kpi' (成果目標) */
    subjectKind: text('subject_kind').notNull(),
    subjectCode: text('subject_code').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    value: numeric('value', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    asOf: date('as_of').notNull(),
    source: text('source').notNull(),
    note: text('note').notNull().default(''),
    enteredBy: integer('entered_by'),
    enteredByName: text('entered_by_name').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('manual_actuals_one_per_day').on(
      t.municipalityCode,
      t.planId,
      t.subjectKind,
      t.subjectCode,
      t.fiscalYear,
      t.asOf,
    ),
  ],
);

/** CHECK of the PDCA cycle: one per project and fiscal year. */
export const pdcaReviews = pgTable(
  'pdca_reviews',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    planId: text('plan_id').notNull(),
    projectCode: text('project_code').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    grade: text('grade'),
    /** 所管課の評価コメント; the committee's opinion is a record of its own (pdcaCommitteeOpinions) */
    departmentComment: text('department_comment').notNull().default(''),
    /** optimistic lock: an edit based on an old version is refused instead of overwriting */
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by'),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('pdca_reviews_one_per_year').on(t.municipalityCode, t.planId, t.projectCode, t.fiscalYear)],
);

/**
 * 委員会の意見: the committee's opinion on a project's fiscal year, one per project and year, written
 * by committee members and kept apart from the department's review (decision 033).
 */
export const pdcaCommitteeOpinions = pgTable(
  'pdca_committee_opinions',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    planId: text('plan_id').notNull(),
    projectCode: text('project_code').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    opinion: text('opinion').notNull(),
    version: integer('version').notNull().default(1),
    writtenBy: integer('written_by'),
    writtenByName: text('written_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('pdca_committee_opinions_one_per_year').on(
      t.municipalityCode,
      t.planId,
      t.projectCode,
      t.fiscalYear,
    ),
  ],
);

/** ACT of the PDCA cycle: improvement actions for a project in a fiscal year. */
export const improvementActions = pgTable('improvement_actions', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  planId: text('plan_id').notNull(),
  projectCode: text('project_code').notNull(),
  fiscalYear: integer('fiscal_year').notNull(),
  description: text('description').notNull(),
  ownerOrganisation: text('owner_organisation').notNull(),
  dueDate: date('due_date'),
  status: text('status').notNull(),
  /** a repeated submission of the same form carries the same key and adds nothing */
  idempotencyKey: text('idempotency_key').notNull().unique(),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
