import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { fieldProblem } from '../../platform/validation';
import { businesses } from '../businesses/schema';
import { keptBody } from './bodies';
import { type MemberInput, membershipLabels, parseFee, parseLeaving, parseMember } from './membership-input';
import { type Member, type MemberBody, memberFees, members } from './schema';

export const memberNotFound = notFound({ ja: '会員', en: 'The member' });

const alreadyMember = fieldProblem('businessId', membershipLabels.businessId, {
  ja: 'この事業者はすでにこの会の会員です。',
  en: 'This business is a member already.',
});

/** A body's members with the fee of one fiscal year: for its keepers only (names, phones, fees). */
export async function memberList(q: Queryable, body: MemberBody, fiscalYear: number) {
  return q
    .select({
      id: members.id,
      name: members.name,
      businessId: members.businessId,
      representative: members.representative,
      phone: members.phone,
      joinedOn: members.joinedOn,
      leftOn: members.leftOn,
      note: members.note,
      feeYen: memberFees.amountYen,
      feePaidOn: memberFees.paidOn,
    })
    .from(members)
    .leftJoin(memberFees, and(eq(memberFees.memberId, members.id), eq(memberFees.fiscalYear, fiscalYear)))
    .where(eq(members.bodyId, body.id))
    .orderBy(sql`${members.leftOn} is not null`, asc(members.name), asc(members.id));
}

/**
 * Adds a member inside the caller's transaction, with the body locked: a business of the directory
 * is a current member once (its name taken from the directory), anyone else by the name typed.
 */
export async function insertMember(
  tx: Queryable,
  actor: Actor,
  body: MemberBody,
  input: MemberInput,
): Promise<Member> {
  let name = input.name;
  if (input.businessId !== null) {
    const [business] = await tx
      .select({ name: businesses.name, municipalityCode: businesses.municipalityCode })
      .from(businesses)
      .where(eq(businesses.id, input.businessId));
    if (!business || business.municipalityCode !== body.municipalityCode) {
      throw fieldProblem('businessId', membershipLabels.businessId, {
        ja: '事業者一覧から選んでください。',
        en: 'Choose a business from the directory.',
      });
    }
    const [current] = await tx
      .select({ id: members.id })
      .from(members)
      .where(
        and(eq(members.bodyId, body.id), eq(members.businessId, input.businessId), isNull(members.leftOn)),
      );
    if (current) throw alreadyMember;
    name ||= business.name;
  }
  const [member] = await tx
    .insert(members)
    .values({
      bodyId: body.id,
      businessId: input.businessId,
      name,
      representative: input.representative,
      phone: input.phone,
      joinedOn: input.joinedOn,
      note: input.note,
    })
    .returning();
  const added = member as Member;
  await recordAudit(tx, actor, {
    action: 'member.join',
    entityType: 'member_body',
    entityKey: String(body.id),
    after: { member: added.id, name, businessId: input.businessId, joinedOn: input.joinedOn },
  });
  return added;
}

/** A keeper adds a member by hand (a paper application, a shop that joined at a meeting). */
export async function addMember(db: Db, actor: Actor, bodyId: number, values: Record<string, unknown>) {
  const input = parseMember(values);
  return db.transaction(async (tx) =>
    insertMember(tx, actor, await keptBody(tx, actor, bodyId, true), input),
  );
}

async function keptMember(tx: Queryable, actor: Actor, bodyId: number, memberId: number) {
  const body = await keptBody(tx, actor, bodyId, true);
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.bodyId, body.id)));
  if (!member) throw memberNotFound;
  return member;
}

/** A member leaves on a day (not before joining); the same day sent again changes nothing. */
export async function recordLeaving(
  db: Db,
  actor: Actor,
  bodyId: number,
  memberId: number,
  values: Record<string, unknown>,
) {
  const { leftOn } = parseLeaving(values);
  await db.transaction(async (tx) => {
    const member = await keptMember(tx, actor, bodyId, memberId);
    if (member.leftOn === leftOn) return;
    if (leftOn < member.joinedOn) {
      throw fieldProblem('leftOn', membershipLabels.leftOn, {
        ja: `退会日は入会日（${member.joinedOn}）以降の日付にしてください。`,
        en: `The day of leaving cannot be before joining (${member.joinedOn}).`,
      });
    }
    await tx.update(members).set({ leftOn }).where(eq(members.id, member.id));
    await recordAudit(tx, actor, {
      action: 'member.leave',
      entityType: 'member_body',
      entityKey: String(bodyId),
      before: { member: member.id, leftOn: member.leftOn },
      after: { member: member.id, leftOn },
    });
  });
}

/** A member's fee for a fiscal year: recorded once; sent again, the latest values are kept. */
export async function recordFee(
  db: Db,
  actor: Actor,
  bodyId: number,
  memberId: number,
  values: Record<string, unknown>,
) {
  const fee = parseFee(values);
  await db.transaction(async (tx) => {
    const member = await keptMember(tx, actor, bodyId, memberId);
    const [before] = await tx
      .select()
      .from(memberFees)
      .where(and(eq(memberFees.memberId, member.id), eq(memberFees.fiscalYear, fee.fiscalYear)));
    if (before && before.amountYen === fee.amountYen && before.paidOn === fee.paidOn) return;
    await tx
      .insert(memberFees)
      .values({ memberId: member.id, ...fee })
      .onConflictDoUpdate({
        target: [memberFees.memberId, memberFees.fiscalYear],
        set: { amountYen: fee.amountYen, paidOn: fee.paidOn },
      });
    await recordAudit(tx, actor, {
      action: 'member.fee',
      entityType: 'member_body',
      entityKey: String(bodyId),
      before: before ? { member: member.id, ...before } : undefined,
      after: { member: member.id, ...fee },
    });
  });
}
