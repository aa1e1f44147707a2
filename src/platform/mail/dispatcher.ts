import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { type MailContext, mailTemplate } from './outbox';
import { mailOutbox, type OutboxRow } from './schema';
import type { MailTransport } from './transport';

export interface DispatchSettings {
  transport: MailTransport;
  context: MailContext;
  /** the sender, e.g. `つなぐ <no-reply@tsunagu.example.jp>` */
  from: string;
  /** after this many failed attempts a mail is given up and shown to the admin */
  maxAttempts: number;
  /** how many mails one run claims */
  batchSize?: number;
  now?: Date;
}

export interface DispatchReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** A claimed mail not finished by then (its dispatcher died) may be claimed again. */
const claimMs = 10 * 60_000;

/** 1, 2, 4, 8 … minutes after each failed attempt, at most six hours. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 6 * 3_600_000);
}

/**
 * Claims due mails in one short transaction: rows locked by another dispatcher are skipped, and a
 * claimed row is 'sending' until its claim runs out, so two dispatchers (threads or processes)
 * never take the same mail. Sending happens after the commit, holding no lock.
 */
async function claimDueMail(db: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(
      and(
        inArray(mailOutbox.status, ['pending', 'sending']),
        lte(mailOutbox.nextAttemptAt, now),
        or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, now)),
      ),
    )
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({
      status: 'sending',
      attempts: sql`${mailOutbox.attempts} + 1`,
      lockedUntil: new Date(now.getTime() + claimMs),
    })
    .where(inArray(mailOutbox.id, due))
    .returning();
}

/** A mail that no attempt can send: its template is unknown to this version of Tsunagu. */
class UnsendableMail extends Error {}

/** SMTP 5xx: the server refuses the mail for good (unknown mailbox, policy); trying again won't help. */
function isPermanent(error: unknown): boolean {
  if (error instanceof UnsendableMail) return true;
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const text = [typeof e.code === 'string' ? e.code : '', String(e.message ?? error)]
    .filter(Boolean)
    .join(' ');
  return text.slice(0, 500);
}

async function sendOne(db: Db, row: OutboxRow, settings: DispatchSettings, now: Date) {
  try {
    const template = mailTemplate(row.template);
    if (!template) throw new UnsendableMail(`unknown mail template ${row.template}`);
    const content = await template.render(row.params, settings.context);
    const messageId = `<tsunagu-${row.id}-${row.createdAt.getTime()}@${new URL(settings.context.baseUrl).hostname}>`;
    await settings.transport.send({
      ...content,
      outboxId: row.id,
      from: settings.from,
      to: row.toAddress,
      messageId,
    });
    await db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: new Date(), messageId, lockedUntil: null, lastError: null })
      .where(eq(mailOutbox.id, row.id));
    return 'sent' as const;
  } catch (error) {
    const givenUp = isPermanent(error) || row.attempts >= settings.maxAttempts;
    await db
      .update(mailOutbox)
      .set({
        status: givenUp ? 'failed' : 'pending',
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)),
        lockedUntil: null,
        lastError: describeError(error),
      })
      .where(eq(mailOutbox.id, row.id));
    return givenUp ? ('failed' as const) : ('retrying' as const);
  }
}

/**
 * Sends the mails that are due, one batch. A failed send is recorded on the mail (attempts, last
 * error) and tried again later; it never touches the change the mail tells about.
 */
export async function dispatchMail(db: Db, settings: DispatchSettings): Promise<DispatchReport> {
  const now = settings.now ?? new Date();
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
  const claimed = await claimDueMail(db, now, settings.batchSize ?? 50);
  for (const row of claimed) report[await sendOne(db, row, settings, now)]++;
  return report;
}
