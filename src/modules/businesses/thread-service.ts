import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { bilingual, parseInput } from '../../platform/validation';
import {
  businessMessages,
  businessPosts,
  businessThreads,
  type MessageRow,
  type ThreadRow,
} from './matching-schema';
import { actingBusiness, postNotFound } from './post-service';
import { type BusinessRow, businesses } from './schema';

/** A thread is private to its two businesses: to anyone else it does not exist. */
export const threadNotFound = new UserError('not_found', 404, {
  ja: 'メッセージが見つかりません。やりとりは当事者の2社だけが見られます。',
  en: 'Conversation not found. Only the two businesses in it can read it.',
});

const MessageSchema = z.object({
  body: z
    .string(bilingual('メッセージを入力してください。', 'Write a message.'))
    .trim()
    .min(1, bilingual('メッセージを入力してください。', 'Write a message.'))
    .max(4000, bilingual('4000文字以内にしてください。', 'Use at most 4000 characters.')),
  idempotencyKey: z.string().min(1).max(100),
});
const messageLabels = {
  body: { ja: 'メッセージ', en: 'Message' },
  idempotencyKey: { ja: '送信キー', en: 'Key' },
};

const ContactSchema = MessageSchema.extend({
  businessId: z.preprocess(
    (v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v === '' ? undefined : v),
    z.number().int().positive().optional(),
  ),
});

async function writeMessage(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  actor: Actor,
  thread: ThreadRow,
  author: BusinessRow,
  data: { body: string; idempotencyKey: string },
): Promise<boolean> {
  const [created] = await tx
    .insert(businessMessages)
    .values({
      threadId: thread.id,
      authorBusinessId: author.id,
      authorAccountId: actor.accountId,
      body: data.body,
      idempotencyKey: data.idempotencyKey,
    })
    .onConflictDoNothing()
    .returning({ id: businessMessages.id });
  if (!created) return false;
  // the log says that a message was sent, never what it says
  await recordAudit(tx, actor, {
    action: 'business_message.send',
    entityType: 'business_thread',
    entityKey: String(thread.id),
    after: { messageId: created.id, authorBusinessId: author.id },
  });
  return true;
}

/**
 * A business writes to another about a post: the poster to a business it was suggested (or any
 * listed one), any other business to the poster. The first message opens their thread; one thread
 * per post and pair. The same message sent twice (its key) is stored once.
 */
export async function contactAboutPost(
  db: Db,
  actor: Actor,
  postId: number,
  values: Record<string, unknown>,
): Promise<{ thread: ThreadRow; sent: boolean }> {
  const data = parseInput(ContactSchema, values, {
    ...messageLabels,
    businessId: { ja: '相手の事業者', en: 'Business' },
  });
  const me = await actingBusiness(db, actor);
  const [post] = await db.select().from(businessPosts).where(eq(businessPosts.id, postId));
  if (!post || post.municipalityCode !== me.municipalityCode) throw postNotFound;
  const otherId = post.businessId === me.id ? data.businessId : me.id;
  if (otherId === undefined || otherId === post.businessId) {
    throw new UserError('invalid_input', 422, {
      ja: '連絡する相手の事業者を選んでください。',
      en: 'Choose the business to contact.',
    });
  }
  const [other] = await db.select().from(businesses).where(eq(businesses.id, otherId));
  if (other?.status !== 'approved' || other.municipalityCode !== me.municipalityCode) {
    throw postNotFound;
  }
  return db.transaction(async (tx) => {
    let [thread] = await tx
      .select()
      .from(businessThreads)
      .where(and(eq(businessThreads.postId, post.id), eq(businessThreads.otherBusinessId, otherId)));
    if (!thread) {
      if (post.status !== 'open') {
        throw new UserError('post_closed', 409, {
          ja: 'この掲載は締め切られています。新しいやりとりは始められません。',
          en: 'This post is closed: no new conversation can start.',
        });
      }
      [thread] = await tx
        .insert(businessThreads)
        .values({
          municipalityCode: post.municipalityCode,
          postId: post.id,
          posterBusinessId: post.businessId,
          otherBusinessId: otherId,
        })
        .onConflictDoNothing()
        .returning();
      thread ??= (
        await tx
          .select()
          .from(businessThreads)
          .where(and(eq(businessThreads.postId, post.id), eq(businessThreads.otherBusinessId, otherId)))
      )[0];
    }
    if (!thread) throw threadNotFound;
    const sent = await writeMessage(tx, actor, thread, me, data);
    return { thread, sent };
  });
}

async function threadOfParty(db: Db, me: BusinessRow, threadId: number): Promise<ThreadRow> {
  const [thread] = await db.select().from(businessThreads).where(eq(businessThreads.id, threadId));
  if (!thread || (thread.posterBusinessId !== me.id && thread.otherBusinessId !== me.id))
    throw threadNotFound;
  return thread;
}

/** A party of a thread writes in it. */
export async function sendMessage(
  db: Db,
  actor: Actor,
  threadId: number,
  values: Record<string, unknown>,
): Promise<{ sent: boolean }> {
  const data = parseInput(MessageSchema, values, messageLabels);
  const me = await actingBusiness(db, actor);
  const thread = await threadOfParty(db, me, threadId);
  return db.transaction(async (tx) => ({ sent: await writeMessage(tx, actor, thread, me, data) }));
}

/** A thread with its post, the two businesses and the messages, for one of its parties only. */
export async function readThread(db: Db, actor: Actor, threadId: number) {
  const me = await actingBusiness(db, actor);
  const thread = await threadOfParty(db, me, threadId);
  const [[post], parties, messages] = await Promise.all([
    db.select().from(businessPosts).where(eq(businessPosts.id, thread.postId)),
    db
      .select()
      .from(businesses)
      .where(inArray(businesses.id, [thread.posterBusinessId, thread.otherBusinessId])),
    db
      .select()
      .from(businessMessages)
      .where(eq(businessMessages.threadId, thread.id))
      .orderBy(asc(businessMessages.createdAt), asc(businessMessages.id)),
  ]);
  const other = parties.find((p) => p.id !== me.id);
  if (!post || !other) throw threadNotFound;
  return { thread, post, me, other, messages, otherContact: contactSharedIn(other, messages) };
}

/** A business's contact person and phone as a thread shows them to the other party. */
export interface SharedContact {
  name: string;
  phone: string;
}

/**
 * What a business's profile keeps private (contact person, phone) is shown to the other party of a
 * thread once the business has written in it: answering is choosing to be reached, and opening a
 * thread alone cannot collect phone numbers. The owner's age band is never shown to anyone else.
 */
export function contactSharedIn(
  business: Pick<BusinessRow, 'id' | 'contactName' | 'contactPhone'>,
  messages: readonly Pick<MessageRow, 'authorBusinessId'>[],
): SharedContact | undefined {
  if (!messages.some((m) => m.authorBusinessId === business.id)) return undefined;
  if (!business.contactName && !business.contactPhone) return undefined;
  return { name: business.contactName, phone: business.contactPhone };
}

/** The threads of the account's business, the latest first, with the post and the other business. */
export async function threadsOf(db: Db, actor: Actor) {
  const me = await actingBusiness(db, actor);
  const rows = await db
    .select({ thread: businessThreads, post: businessPosts })
    .from(businessThreads)
    .innerJoin(businessPosts, eq(businessPosts.id, businessThreads.postId))
    .where(or(eq(businessThreads.posterBusinessId, me.id), eq(businessThreads.otherBusinessId, me.id)))
    .orderBy(desc(businessThreads.createdAt), desc(businessThreads.id));
  const otherIds = rows.map((r) =>
    r.thread.posterBusinessId === me.id ? r.thread.otherBusinessId : r.thread.posterBusinessId,
  );
  const others =
    otherIds.length === 0
      ? []
      : await db
          .select({ id: businesses.id, name: businesses.name })
          .from(businesses)
          .where(inArray(businesses.id, otherIds));
  return rows.map((r, i) => ({ ...r, otherName: others.find((o) => o.id === otherIds[i])?.name ?? '' }));
}

/** The threads about a post that the poster sees on its page. */
export async function threadsOfPost(db: Db, postId: number) {
  return db
    .select({ thread: businessThreads, otherName: businesses.name })
    .from(businessThreads)
    .innerJoin(businesses, eq(businesses.id, businessThreads.otherBusinessId))
    .where(eq(businessThreads.postId, postId))
    .orderBy(asc(businessThreads.id));
}
