import { date, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/schema';

export const consultationKinds = ['startup', 'succession', 'management', 'special'] as const;
export type ConsultationKind = (typeof consultationKinds)[number];

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
    recordedBy: integer('recorded_by').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text('idempotency_key').notNull(),
  },
  (t) => [
    index('consultations_case_idx').on(t.caseId, t.heldOn),
    unique('consultations_one_per_form').on(t.recordedBy, t.idempotencyKey),
  ],
);
