import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/schema';

/** The four areas of 特定創業支援等事業 (産業競争力強化法), as the events module tags 創業塾's lectures. */
export const supportTopics = ['management', 'finance', 'human-resources', 'sales-channels'] as const;
export type SupportTopic = (typeof supportTopics)[number];

/** A certificate of 特定創業支援等事業 the city issued: numbered per fiscal year, one per case. */
export const certifiedSupportCertificates = pgTable(
  'certified_support_certificates',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    serial: integer('serial').notNull(),
    caseId: integer('case_id').notNull(),
    personName: text('person_name').notNull(),
    issuedOn: date('issued_on').notNull(),
    topics: text('topics').array().$type<SupportTopic[]>().notNull(),
    sessions: integer('sessions').notNull(),
    firstOn: date('first_on').notNull(),
    lastOn: date('last_on').notNull(),
    issuedBy: integer('issued_by'),
    issuedByName: text('issued_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('certified_support_certificates_number').on(t.municipalityCode, t.fiscalYear, t.serial),
    unique('certified_support_certificates_one_per_case').on(t.caseId),
  ],
);

export const consultationKinds = ['startup', 'succession', 'management', 'special'] as const;
export type ConsultationKind = (typeof consultationKinds)[number];

/** A succession case's stage (1-1): 気づき → 準備 → 後継者決定 → 承継完了, or 廃業. */
export const successionStages = [
  'awareness',
  'preparation',
  'successor-decided',
  'completed',
  'closed-down',
] as const;
export type SuccessionStage = (typeof successionStages)[number];

/** The three loan programmes of 1-3, whose uses together are the project's 合計利用件数. */
export const loanProgrammes = ['city-promotion', 'city-micro', 'shokokai-improvement'] as const;
export type LoanProgramme = (typeof loanProgrammes)[number];

/** The person consulted (相談者), held by one organisation; with an account when they have one. */
export const consultationClients = pgTable(
  'consultation_clients',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    /** the organisation (第5章 code) whose counsellors hold this person's data */
    organisation: text('organisation').notNull(),
    accountId: integer('account_id').references(() => accounts.id),
    name: text('name').notNull(),
    kana: text('kana').notNull().default(''),
    /** a phone number or e-mail address, as the person gave it */
    contact: text('contact').notNull().default(''),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_clients_municipality_idx').on(t.municipalityCode, t.organisation)],
);

/** A person's case of one kind: every consultation of that kind is on its timeline. */
export const consultationCases = pgTable(
  'consultation_cases',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    organisation: text('organisation').notNull(),
    clientId: integer('client_id')
      .notNull()
      .references(() => consultationClients.id),
    kind: text('kind').$type<ConsultationKind>().notNull(),
    openedOn: date('opened_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** a start-up case closed as 創業: the day the business started, and its name */
    startedOn: date('started_on'),
    businessName: text('business_name').notNull().default(''),
    successionStage: text('succession_stage').$type<SuccessionStage>(),
    /** the day the case was referred to 東京都多摩地域事業承継・引継ぎ支援センター */
    referredOn: date('referred_on'),
    /** a start-up case closed as 創業: the business it became, in the directory (businesses module) */
    businessId: integer('business_id'),
  },
  (t) => [unique('consultation_cases_one_per_kind').on(t.clientId, t.kind)],
);

/** One consultation: when, with whom, what was discussed, what comes next. */
export const consultations = pgTable(
  'consultations',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => consultationCases.id),
    /** the day it was held, Japan time (yyyy-mm-dd) */
    heldOn: date('held_on').notNull(),
    counsellorAccountId: integer('counsellor_account_id').references(() => accounts.id),
    counsellorName: text('counsellor_name').notNull(),
    discussed: text('discussed').notNull(),
    nextStep: text('next_step').notNull().default(''),
    followUpOn: date('follow_up_on'),
    /** the areas of 特定創業支援等事業 it covered (経営・財務・人材育成・販路開拓; decision 027) */
    supportTopics: text('support_topics').array().$type<SupportTopic[]>().notNull().default([]),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text('idempotency_key').notNull(),
  },
  (t) => [
    index('consultations_case_idx').on(t.caseId, t.heldOn),
    unique('consultations_one_per_form').on(t.recordedBy, t.idempotencyKey),
  ],
);

/** The history of a case's outcome (創業), stage and referral. */
export const consultationMilestones = pgTable(
  'consultation_milestones',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => consultationCases.id),
    kind: text('kind').$type<'startup' | 'stage' | 'referral'>().notNull(),
    value: text('value').notNull().default(''),
    onDate: date('on_date').notNull(),
    note: text('note').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_milestones_case_idx').on(t.caseId, t.id)],
);

/** One use of a loan programme of 1-3, on a case. */
export const loanUses = pgTable(
  'loan_uses',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    organisation: text('organisation').notNull(),
    caseId: integer('case_id')
      .notNull()
      .references(() => consultationCases.id),
    programme: text('programme').$type<LoanProgramme>().notNull(),
    borrower: text('borrower').notNull(),
    usedOn: date('used_on').notNull(),
    /** yen, an integer */
    amountYen: bigint('amount_yen', { mode: 'number' }).notNull(),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text('idempotency_key').notNull(),
  },
  (t) => [
    index('loan_uses_municipality_idx').on(t.municipalityCode, t.usedOn),
    unique('loan_uses_one_per_form').on(t.recordedBy, t.idempotencyKey),
  ],
);

/**
 * 事業承継診断: an owner's self-check. Without consent only area, industry and result are kept; with
 * it, the answers and how to reach them, as a lead for the counsellors of `organisation`.
 */
export const successionSelfChecks = pgTable('succession_self_checks', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  area: text('area').notNull().default(''),
  industry: text('industry').notNull().default(''),
  result: text('result').$type<'start-now' | 'plan' | 'keep-going'>().notNull(),
  consentedAt: timestamp('consented_at', { withTimezone: true }),
  answers: jsonb('answers').$type<Record<string, string>>(),
  name: text('name'),
  kana: text('kana'),
  contact: text('contact'),
  businessName: text('business_name'),
  organisation: text('organisation'),
  caseId: integer('case_id').references(() => consultationCases.id),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
  /** the owner agreed that the age and successor answers are counted for the needs map (0027) */
  needsConsentedAt: timestamp('needs_consented_at', { withTimezone: true }),
  ownerAge: text('owner_age'),
  successor: text('successor'),
  /** the business of the account that took it, when one did: its profile is not counted twice */
  businessId: integer('business_id'),
});

/** 従業員 and 売上 bands of an anonymous listing: wide enough not to point at one business. */
export const employeesBands = ['1-4', '5-19', '20-plus'] as const;
export const salesBands = ['under-10m', '10m-50m', '50m-100m', '100m-plus'] as const;

/**
 * 事業承継マッチング: an anonymous listing published from a succession case with the owner's
 * consent (decision 022). Nothing in it names the owner; `ownerBusinessName` is disclosed only.
 */
export const successionListings = pgTable('succession_listings', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  organisation: text('organisation').notNull(),
  caseId: integer('case_id')
    .notNull()
    .unique()
    .references(() => consultationCases.id),
  industry: text('industry').notNull(),
  area: text('area').notNull(),
  employeesBand: text('employees_band').$type<(typeof employeesBands)[number]>().notNull(),
  salesBand: text('sales_band').$type<(typeof salesBands)[number]>().notNull(),
  reason: text('reason').notNull(),
  hopes: text('hopes').notNull(),
  consentOn: date('consent_on').notNull(),
  consentCounsellorName: text('consent_counsellor_name').notNull(),
  consentRecordedBy: integer('consent_recorded_by').references(() => accounts.id),
  ownerBusinessName: text('owner_business_name').notNull().default(''),
  status: text('status').$type<'published' | 'withdrawn'>().notNull(),
  publishedBy: integer('published_by').references(() => accounts.id),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  withdrawnBy: integer('withdrawn_by').references(() => accounts.id),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
});

/** A successor candidate (後継者候補): an account of a business or resident, with a short profile. */
export const successionCandidates = pgTable('succession_candidates', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  accountId: integer('account_id')
    .notNull()
    .unique()
    .references(() => accounts.id),
  profile: text('profile').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A candidate's interest in a listing, the owner's approval of them, and their pledge. */
export const successionInterests = pgTable(
  'succession_interests',
  {
    id: serial('id').primaryKey(),
    listingId: integer('listing_id')
      .notNull()
      .references(() => successionListings.id),
    candidateId: integer('candidate_id')
      .notNull()
      .references(() => successionCandidates.id),
    message: text('message').notNull(),
    expressedAt: timestamp('expressed_at', { withTimezone: true }).notNull().defaultNow(),
    ownerApprovedAt: timestamp('owner_approved_at', { withTimezone: true }),
    ownerApprovedBy: integer('owner_approved_by').references(() => accounts.id),
    ownerApprovedByName: text('owner_approved_by_name'),
    pledgeAcceptedAt: timestamp('pledge_accepted_at', { withTimezone: true }),
    pledgeAcceptedBy: integer('pledge_accepted_by').references(() => accounts.id),
  },
  (t) => [unique('succession_interests_one_per_candidate').on(t.listingId, t.candidateId)],
);
