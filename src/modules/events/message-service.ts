import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { bilingual, parseInput } from '../../platform/validation';
import { attendedSomeSession, findEventRunBy, lockEventOf } from './event-service';
import { messageMail, registrationMail } from './mails';
import { notTheOrganiser, runsEvent } from './organiser-access';
import { eventMessages, eventRegistrations } from './schema';

/** Whom a message goes to: the confirmed, the waiting list, or those who came (to any session). */
export const audiences = ['confirmed', 'waiting', 'attended'] as const;
export type Audience = (typeof audiences)[number];

const reload = bilingual(
  'ページを読み込み直してから送信してください。',
  'Reload the page and send the form again.',
);

export const MessageSchema = z.object({
  audience: z.enum(audiences, bilingual('送り先を選んでください。', 'Choose who receives it.')),
  subject: z
    .string(bilingual('件名を入力してください。', 'Enter a subject.'))
    .trim()
    .min(1, bilingual('件名を入力してください。', 'Enter a subject.'))
    .max(150, bilingual('150文字以内にしてください。', 'Use at most 150 characters.')),
  body: z
    .string(bilingual('本文を入力してください。', 'Enter the message.'))
    .trim()
    .min(1, bilingual('本文を入力してください。', 'Enter the message.'))
    .max(4000, bilingual('4000文字以内にしてください。', 'Use at most 4000 characters.')),
  idempotencyKey: z.string(reload).min(8, reload).max(100, reload),
});
export type MessageInput = z.input<typeof MessageSchema>;

export const messageLabels = {
  audience: { ja: '送り先', en: 'Recipients' },
  subject: { ja: '件名', en: 'Subject' },
  body: { ja: '本文', en: 'Message' },
  idempotencyKey: { ja: 'フォーム', en: 'Form' },
};

/** The people of an audience who can be written to: a walk-in may have left no address. */
const inAudience = (audience: Audience) =>
  and(
    isNotNull(eventRegistrations.email),
    audience === 'attended'
      ? and(eq(eventRegistrations.status, 'confirmed'), attendedSomeSession)
      : eq(eventRegistrations.status, audience),
  );

/** How many people each audience of an event has; for its organiser's staff and admins only. */
export async function countAudiences(q: Queryable, actor: Actor, eventId: number) {
  await findEventRunBy(q, actor, eventId);
  const [row] = await q
    .select({
      confirmed: sql<number>`(count(*) filter (where ${inAudience('confirmed')}))::int`,
      waiting: sql<number>`(count(*) filter (where ${inAudience('waiting')}))::int`,
      attended: sql<number>`(count(*) filter (where ${inAudience('attended')}))::int`,
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId));
  return { confirmed: row?.confirmed ?? 0, waiting: row?.waiting ?? 0, attended: row?.attended ?? 0 };
}

/** Checks a message before it is shown for confirmation: its fields, and someone to send it to. */
export async function previewMessage(q: Queryable, actor: Actor, eventId: number, input: MessageInput) {
  const data = parseInput(MessageSchema, input, messageLabels);
  const counts = await countAudiences(q, actor, eventId);
  if (counts[data.audience] === 0) throw nobodyToTell;
  return { data, recipients: counts[data.audience] };
}

const nobodyToTell = new UserError('no_recipients', 422, {
  ja: 'この送り先に当てはまる参加者がいません。別の送り先を選んでください。',
  en: 'Nobody is in this group. Choose other recipients.',
});

/**
 * Sends a message from an event's staff to one audience of its participants: one mail each, through
 * the outbox, in one transaction with the record of the message and its audit entry. The same form
 * sent twice (its idempotency key) sends once.
 */
export async function messageParticipants(db: Db, actor: Actor, eventId: number, input: MessageInput) {
  const data = parseInput(MessageSchema, input, messageLabels);
  return db.transaction(async (tx) => {
    // the event's lock makes a form sent twice at once wait for the first, then find its message
    const event = await lockEventOf(tx, actor, eventId);
    if (!runsEvent(actor, event)) throw notTheOrganiser;
    const [earlier] = await tx
      .select()
      .from(eventMessages)
      .where(and(eq(eventMessages.eventId, eventId), eq(eventMessages.idempotencyKey, data.idempotencyKey)));
    if (earlier) return { message: earlier, repeated: true };

    const recipients = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), inAudience(data.audience)))
      .orderBy(asc(eventRegistrations.id));
    if (recipients.length === 0) throw nobodyToTell;
    const [message] = await tx
      .insert(eventMessages)
      .values({
        eventId,
        audience: data.audience,
        subject: data.subject,
        body: data.body,
        recipients: recipients.length,
        idempotencyKey: data.idempotencyKey,
        sentBy: actor.accountId,
      })
      .returning();
    if (!message) throw new Error('message insert returned nothing');
    for (const registration of recipients) {
      await messageMail.enqueue(tx, {
        to: registration.email,
        municipalityCode: event.municipalityCode,
        params: { ...registrationMail(event, registration), subject: data.subject, body: data.body },
        dedupeKey: `${messageMail.name}:${message.id}:${registration.id}`,
      });
    }
    await recordAudit(tx, actor, {
      action: 'event.message',
      entityType: 'event',
      entityKey: String(eventId),
      after: { audience: data.audience, subject: data.subject, recipients: recipients.length },
    });
    return { message, repeated: false };
  });
}

/** The messages sent for an event, newest first. */
export async function listMessages(q: Queryable, actor: Actor, eventId: number) {
  await findEventRunBy(q, actor, eventId);
  return q
    .select()
    .from(eventMessages)
    .where(eq(eventMessages.eventId, eventId))
    .orderBy(desc(eventMessages.id));
}
