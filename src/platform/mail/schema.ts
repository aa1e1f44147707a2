import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The mail outbox (decision 012): one row per mail, written in the transaction of the change it
 * tells about, rendered by its template and sent by the dispatcher afterwards.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    /** the template that renders the mail at send time, e.g. `event.confirmation` */
    template: text('template').notNull(),
    /** what the template needs, as it was when the change was made */
    params: jsonb('params').notNull().default({}),
    toAddress: text('to_address').notNull(),
    /** one mail per key at most, so that a job run twice enqueues once */
    dedupeKey: text('dedupe_key').unique(),
    /** 'pending' | 'sending' | 'sent' | 'failed' */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** a claimed row whose dispatcher died becomes claimable again after this */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt),
    index('mail_outbox_status_idx').on(t.municipalityCode, t.status, t.id),
  ],
);

export type OutboxRow = typeof mailOutbox.$inferSelect;
