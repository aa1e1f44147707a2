import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { fiscalYearRange, todayInJapan } from '../../platform/fiscal-year';
import { parseDenominator } from './membership-input';
import { type BodyKind, memberBodies, members, membershipDenominators } from './schema';

/**
 * The day a fiscal year's membership is counted on: its last day (31 March), or today while the year
 * runs; a year that has not begun has no such day.
 */
export function countingDay(fiscalYear: number, today = todayInJapan()): string | undefined {
  const first = fiscalYearRange(fiscalYear).start;
  const last = `${fiscalYear + 1}-03-31`;
  if (today < first) return undefined;
  return today < last ? today : last;
}

/** Members of each body of a kind on a day: joined on or before it and not left by it. */
export async function membersOn(q: Queryable, municipalityCode: string, kind: BodyKind, day: string) {
  return q
    .select({
      bodyId: memberBodies.id,
      name: memberBodies.name,
      members: sql<number>`count(${members.id})::int`,
    })
    .from(memberBodies)
    .leftJoin(
      members,
      and(
        eq(members.bodyId, memberBodies.id),
        lte(members.joinedOn, day),
        sql`(${members.leftOn} is null or ${members.leftOn} > ${day})`,
      ),
    )
    .where(and(eq(memberBodies.municipalityCode, municipalityCode), eq(memberBodies.kind, kind)))
    .groupBy(memberBodies.id, memberBodies.name)
    .orderBy(memberBodies.name);
}

/** Whether any member of a kind was ever recorded: before that, a count of 0 would be a guess. */
export async function hasMembers(q: Queryable, municipalityCode: string, kind: BodyKind, day: string) {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .innerJoin(memberBodies, eq(memberBodies.id, members.bodyId))
    .where(
      and(
        eq(memberBodies.municipalityCode, municipalityCode),
        eq(memberBodies.kind, kind),
        lte(members.joinedOn, day),
      ),
    );
  return (row?.n ?? 0) > 0;
}

/** The denominator in force on a day: the latest entered with a date on or before it. */
export async function denominatorOn(q: Queryable, municipalityCode: string, kind: BodyKind, day: string) {
  const [row] = await q
    .select()
    .from(membershipDenominators)
    .where(
      and(
        eq(membershipDenominators.municipalityCode, municipalityCode),
        eq(membershipDenominators.kind, kind),
        lte(membershipDenominators.asOf, day),
      ),
    )
    .orderBy(desc(membershipDenominators.asOf))
    .limit(1);
  return row;
}

export function denominatorsOf(q: Queryable, municipalityCode: string, kind: BodyKind) {
  return q
    .select()
    .from(membershipDenominators)
    .where(
      and(
        eq(membershipDenominators.municipalityCode, municipalityCode),
        eq(membershipDenominators.kind, kind),
      ),
    )
    .orderBy(desc(membershipDenominators.asOf));
}

/** The rate in percent, to one decimal place, as the plan's 62 % is written. */
export const membershipRate = (membersCount: number, denominator: number) =>
  Math.round((membersCount / denominator) * 1000) / 10;

/**
 * Staff enter the number of businesses in the city (the 加入率's denominator) with its source and
 * date. The same date entered again replaces that day's figure; both are audited.
 */
export async function enterDenominator(
  db: Db,
  actor: Actor,
  kind: BodyKind,
  values: Record<string, unknown>,
) {
  const input = parseDenominator(values);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(membershipDenominators)
      .where(
        and(
          eq(membershipDenominators.municipalityCode, actor.municipalityCode),
          eq(membershipDenominators.kind, kind),
          eq(membershipDenominators.asOf, input.asOf),
        ),
      )
      .for('update');
    if (before && before.value === input.value && before.source === input.source) return;
    await tx
      .insert(membershipDenominators)
      .values({ municipalityCode: actor.municipalityCode, kind, ...input, enteredBy: actor.accountId })
      .onConflictDoUpdate({
        target: [
          membershipDenominators.municipalityCode,
          membershipDenominators.kind,
          membershipDenominators.asOf,
        ],
        set: { value: input.value, source: input.source, enteredBy: actor.accountId, enteredAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: 'membership_denominator.enter',
      entityType: 'membership_denominator',
      entityKey: `${kind}/${input.asOf}`,
      before: before ? { value: before.value, source: before.source } : undefined,
      after: { value: input.value, source: input.source },
    });
  });
}
