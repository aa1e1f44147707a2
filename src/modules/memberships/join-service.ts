import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { fieldProblem } from '../../platform/validation';
import { ownProfile } from '../businesses';
import { bodyOf, keptBody } from './bodies';
import { insertMember } from './member-service';
import { membershipLabels, parseDecision, parseJoinRequest } from './membership-input';
import { type JoinRequest, joinRequests, memberBodies, members } from './schema';

const requestNotFound = notFound({ ja: '入会の申し込み', en: 'The request to join' });

const noProfile = new UserError('no_business_profile', 409, {
  ja: '入会を申し込むには、先に「自社の事業者情報」を登録してください。',
  en: 'Register your business profile first, then ask to join.',
});

/**
 * A business asks to join a body online. It needs a profile in the directory; a current member is
 * told so; a second request while one is open returns the open one (a retried form adds nothing).
 */
export async function requestToJoin(
  db: Db,
  actor: Actor,
  bodyId: number,
  values: Record<string, unknown>,
): Promise<{ request: JoinRequest; created: boolean }> {
  const input = parseJoinRequest(values);
  const business = await ownProfile(db, actor);
  if (!business || actor.accountId === null) throw noProfile;
  return db.transaction(async (tx) => {
    const body = await bodyOf(tx, actor.municipalityCode, bodyId);
    if (!body.acceptsRequests) {
      throw new UserError('not_accepting', 409, {
        ja: 'この会は今、オンラインでの入会申し込みを受け付けていません。会に直接お問い合わせください。',
        en: 'This association does not take requests online at the moment. Contact it directly.',
      });
    }
    const [current] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.bodyId, body.id), eq(members.businessId, business.id), isNull(members.leftOn)));
    if (current) {
      throw new UserError('already_member', 409, {
        ja: `${business.name}はすでに${body.name}の会員です。`,
        en: `${business.name} is a member of ${body.name} already.`,
      });
    }
    const [created] = await tx
      .insert(joinRequests)
      .values({ bodyId: body.id, businessId: business.id, accountId: actor.accountId as number, ...input })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [open] = await tx
        .select()
        .from(joinRequests)
        .where(
          and(
            eq(joinRequests.bodyId, body.id),
            eq(joinRequests.businessId, business.id),
            eq(joinRequests.status, 'pending'),
          ),
        );
      return { request: open as JoinRequest, created: false };
    }
    await recordAudit(tx, actor, {
      action: 'join_request.create',
      entityType: 'member_body',
      entityKey: String(body.id),
      after: { request: created.id, business: business.id, representative: input.representative },
    });
    return { request: created, created: true };
  });
}

/** A business's own requests, newest first, with the body's name and the reason of a refusal. */
export function requestsOfAccount(q: Queryable, accountId: number) {
  return q
    .select({
      id: joinRequests.id,
      bodyId: joinRequests.bodyId,
      bodyName: memberBodies.name,
      status: joinRequests.status,
      reason: joinRequests.reason,
      createdAt: joinRequests.createdAt,
      decidedAt: joinRequests.decidedAt,
    })
    .from(joinRequests)
    .innerJoin(memberBodies, eq(memberBodies.id, joinRequests.bodyId))
    .where(eq(joinRequests.accountId, accountId))
    .orderBy(desc(joinRequests.id));
}

/** The requests waiting for a body's keepers, oldest first. */
export function openRequests(q: Queryable, bodyId: number) {
  return q
    .select()
    .from(joinRequests)
    .where(and(eq(joinRequests.bodyId, bodyId), eq(joinRequests.status, 'pending')))
    .orderBy(joinRequests.id);
}

/**
 * A keeper accepts a request (the business becomes a member from the day given) or declines it with a
 * reason the business reads. A request already decided is not decided again: a second click is told so.
 */
export async function decideRequest(
  db: Db,
  actor: Actor,
  bodyId: number,
  requestId: number,
  values: Record<string, unknown>,
): Promise<'accepted' | 'declined'> {
  const decision = parseDecision({ joinedOn: todayInJapan(), ...values });
  return db.transaction(async (tx) => {
    const body = await keptBody(tx, actor, bodyId, true);
    const [request] = await tx
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.id, requestId), eq(joinRequests.bodyId, body.id)))
      .for('update');
    if (!request) throw requestNotFound;
    if (request.status !== 'pending') {
      throw new UserError('already_decided', 409, {
        ja: 'この申し込みはすでに処理済みです。',
        en: 'This request has been dealt with already.',
      });
    }
    const decided = { decidedBy: actor.accountId, decidedAt: new Date() };
    if (decision.decision === 'decline') {
      await tx
        .update(joinRequests)
        .set({ status: 'declined', reason: decision.reason, ...decided })
        .where(eq(joinRequests.id, request.id));
      await recordAudit(tx, actor, {
        action: 'join_request.decline',
        entityType: 'member_body',
        entityKey: String(body.id),
        after: { request: request.id, reason: decision.reason },
      });
      return 'declined';
    }
    if (decision.joinedOn < todayInJapan(request.createdAt)) {
      throw fieldProblem('joinedOn', membershipLabels.joinedOn, {
        ja: '入会日は申し込みの日以降にしてください。',
        en: 'The day of joining cannot be before the request.',
      });
    }
    const member = await insertMember(tx, actor, body, {
      businessId: request.businessId,
      name: '',
      representative: request.representative,
      phone: request.phone,
      joinedOn: decision.joinedOn,
      note: request.message,
    });
    await tx
      .update(joinRequests)
      .set({ status: 'accepted', memberId: member.id, ...decided })
      .where(eq(joinRequests.id, request.id));
    await recordAudit(tx, actor, {
      action: 'join_request.accept',
      entityType: 'member_body',
      entityKey: String(body.id),
      after: { request: request.id, member: member.id },
    });
    return 'accepted';
  });
}
