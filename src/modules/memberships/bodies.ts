import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { fieldProblem } from '../../platform/validation';
import type { Plan } from '../plan';
import { membershipLabels, parseBody } from './membership-input';
import { type BodyKind, type MemberBody, memberBodies, members } from './schema';

export const bodyNotFound = notFound({ ja: '商店会・商工会', en: 'The association' });

/**
 * Who keeps a body's member list: the association account named as a 商店会's keeper, the 商工会's
 * own staff for the 商工会, and the city's admins for every body of their municipality.
 */
export function keepsBody(actor: Actor, body: MemberBody): boolean {
  if (actor.municipalityCode !== body.municipalityCode) return false;
  if (actor.role === 'admin') return true;
  if (body.kind === 'shokokai') return actor.role === 'staff' && actor.organisation === 'shokokai';
  return actor.accountId !== null && actor.accountId === body.keeperAccountId;
}

/** The body the actor keeps, locked when read in a transaction; anyone else's is not found. */
export async function keptBody(
  q: Queryable,
  actor: Actor,
  bodyId: number,
  lock = false,
): Promise<MemberBody> {
  const query = q.select().from(memberBodies).where(eq(memberBodies.id, bodyId));
  const [body] = lock ? await query.for('update') : await query;
  if (!body || !keepsBody(actor, body)) throw bodyNotFound;
  return body;
}

export async function bodyOf(q: Queryable, municipalityCode: string, bodyId: number): Promise<MemberBody> {
  const [body] = await q
    .select()
    .from(memberBodies)
    .where(and(eq(memberBodies.id, bodyId), eq(memberBodies.municipalityCode, municipalityCode)));
  if (!body) throw bodyNotFound;
  return body;
}

/** Every body of a municipality, the 商工会 first, with its current member count (public). */
export async function bodiesWithCounts(q: Queryable, municipalityCode: string, onDate: string) {
  return q
    .select({
      id: memberBodies.id,
      kind: memberBodies.kind,
      name: memberBodies.name,
      area: memberBodies.area,
      keeperAccountId: memberBodies.keeperAccountId,
      acceptsRequests: memberBodies.acceptsRequests,
      members: sql<number>`(select count(*)::int from ${members} m
        where m.body_id = ${memberBodies.id} and m.joined_on <= ${onDate}
          and (m.left_on is null or m.left_on > ${onDate}))`,
    })
    .from(memberBodies)
    .where(eq(memberBodies.municipalityCode, municipalityCode))
    .orderBy(sql`${memberBodies.kind} = 'shotenkai'`, asc(memberBodies.name));
}

/**
 * The city's admins add a 商店会 (or the 商工会, once) and name the association account keeping its
 * list. A name used already is refused; the same form sent twice adds it once.
 */
export async function addBody(
  db: Db,
  actor: Actor,
  plan: Plan,
  kind: BodyKind,
  values: Record<string, unknown>,
): Promise<MemberBody> {
  if (actor.role !== 'admin') throw bodyNotFound;
  const input = parseBody(values);
  if (input.area && !plan.file.areas.some((a) => a.code === input.area)) {
    throw fieldProblem('area', membershipLabels.area, {
      ja: '地区は一覧から選んでください。',
      en: 'Choose an area from the list.',
    });
  }
  return db.transaction(async (tx) => {
    if (kind === 'shokokai') {
      const [existing] = await tx
        .select({ id: memberBodies.id })
        .from(memberBodies)
        .where(
          and(eq(memberBodies.municipalityCode, actor.municipalityCode), eq(memberBodies.kind, 'shokokai')),
        );
      if (existing) {
        throw new UserError('already_exists', 409, {
          ja: '商工会の名簿はすでにあります。',
          en: 'The chamber of commerce already has its list.',
        });
      }
    }
    const [body] = await tx
      .insert(memberBodies)
      .values({
        municipalityCode: actor.municipalityCode,
        kind,
        name: input.bodyName,
        area: input.area || null,
        keeperAccountId: kind === 'shotenkai' ? input.keeper : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!body) {
      throw fieldProblem('bodyName', membershipLabels.bodyName, {
        ja: 'この名前の会はすでに登録されています。',
        en: 'A body with this name is registered already.',
      });
    }
    await recordAudit(tx, actor, {
      action: 'member_body.create',
      entityType: 'member_body',
      entityKey: String(body.id),
      after: { kind, name: body.name, area: body.area, keeperAccountId: body.keeperAccountId },
    });
    return body;
  });
}
