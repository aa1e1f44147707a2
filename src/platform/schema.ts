import { bigserial, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  organisation: text('organisation'),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** a disabled account cannot log in and has no sessions; it is kept for the audit trail */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
});

export const sessions = pgTable('sessions', {
  /** sha-256 of the cookie's token, so a leaked table cannot be replayed */
  tokenHash: text('token_hash').primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    clientAddress: text('client_address').notNull(),
    succeeded: integer('succeeded').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.attemptedAt)],
);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  actorAccountId: integer('actor_account_id'),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityKey: text('entity_key').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A CSV file uploaded to change a list, kept from its preview to its confirmation (decision 038):
 * the confirmation applies exactly this file, once, and only if the preview is still what it would
 * do. The file's text is dropped once applied; the row, with its summary, a day after it was made.
 */
export const csvUploads = pgTable(
  'csv_uploads',
  {
    id: serial('id').primaryKey(),
    /** the secret in the confirmation form */
    token: text('token').notNull().unique(),
    municipalityCode: text('municipality_code').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    /** the list it changes: `events`, `events/12/participants` … */
    list: text('list').notNull(),
    fileName: text('file_name').notNull().default(''),
    /** 'utf-8' | 'shift_jis', as the file came */
    encoding: text('encoding').notNull(),
    content: text('content').notNull(),
    preview: jsonb('preview').notNull(),
    previewHash: text('preview_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    summary: jsonb('summary'),
  },
  (t) => [index('csv_uploads_created_idx').on(t.createdAt)],
);
