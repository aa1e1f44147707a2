import type { Queryable } from '../db/connection';
import type { Role } from './auth/roles';
import { auditLog } from './schema';

export interface Actor {
  accountId: number | null;
  name: string;
  municipalityCode: string;
  /** the account's role and organisation (第5章), when the actor is a signed-in person */
  role?: Role;
  organisation?: string | null;
}

/**
 * Records who changed what, with the state before and after. Call it inside the transaction of the
 * change, so that a change and its audit entry are written together or not at all.
 */
export async function recordAudit(
  q: Queryable,
  actor: Actor,
  entry: { action: string; entityType: string; entityKey: string; before?: unknown; after?: unknown },
): Promise<void> {
  await q.insert(auditLog).values({
    municipalityCode: actor.municipalityCode,
    actorAccountId: actor.accountId,
    actorName: actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityKey: entry.entityKey,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
