import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../audit';
import { notFound } from '../errors';
import { mailOutbox, type OutboxRow } from './schema';

export const mailNotFound = notFound({ ja: 'メール', en: 'The mail' });

export interface MailOverview {
  /** mails by status: waiting (pending or being sent), sent, failed */
  waiting: number;
  sent: number;
  failed: number;
  /** the mails given up, newest first (at most 200) */
  failedMails: OutboxRow[];
}

/** What became of a municipality's mail, with the mails that could not be sent. */
export async function mailOverview(q: Queryable, municipalityCode: string): Promise<MailOverview> {
  const [counts] = await q
    .select({
      waiting: sql<number>`(count(*) filter (where ${mailOutbox.status} in ('pending', 'sending')))::int`,
      sent: sql<number>`(count(*) filter (where ${mailOutbox.status} = 'sent'))::int`,
      failed: sql<number>`(count(*) filter (where ${mailOutbox.status} = 'failed'))::int`,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.municipalityCode, municipalityCode));
  const failedMails = await q
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.municipalityCode, municipalityCode), eq(mailOutbox.status, 'failed')))
    .orderBy(desc(mailOutbox.id))
    .limit(200);
  return { waiting: counts?.waiting ?? 0, sent: counts?.sent ?? 0, failed: counts?.failed ?? 0, failedMails };
}

/**
 * Puts a mail that was given up back in line, with its attempts counted from zero: the dispatcher
 * sends it on its next run. A mail that is not (or no longer) failed is left as it is, so the
 * button pressed twice sends once.
 */
export async function retryMail(db: Db, actor: Actor, mailId: number): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.municipalityCode, actor.municipalityCode)))
      .for('update');
    if (!before) throw mailNotFound;
    if (before.status !== 'failed') return { changed: false };
    await tx
      .update(mailOutbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null })
      .where(eq(mailOutbox.id, mailId));
    await recordAudit(tx, actor, {
      action: 'mail.retry',
      entityType: 'mail',
      entityKey: String(mailId),
      before: { status: before.status, attempts: before.attempts },
      after: { status: 'pending', attempts: 0 },
    });
    return { changed: true };
  });
}
