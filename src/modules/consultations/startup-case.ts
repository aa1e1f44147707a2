import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { consultationCases, consultationClients } from './schema';

/**
 * The start-up case (創業相談) of a person with an account, for other modules to link their work to
 * it with the person's consent (an inquiry about a vacant property): its number and the organisation
 * whose counsellors hold it, nothing of its content. The newest when several desks hold one.
 */
export async function startupCaseOf(
  q: Queryable,
  municipalityCode: string,
  accountId: number,
): Promise<{ caseId: number; organisation: string } | undefined> {
  const [row] = await q
    .select({ caseId: consultationCases.id, organisation: consultationCases.organisation })
    .from(consultationCases)
    .innerJoin(consultationClients, eq(consultationClients.id, consultationCases.clientId))
    .where(
      and(
        eq(consultationClients.accountId, accountId),
        eq(consultationCases.municipalityCode, municipalityCode),
        eq(consultationCases.kind, 'startup'),
      ),
    )
    .orderBy(desc(consultationCases.openedOn), desc(consultationCases.id))
    .limit(1);
  return row;
}
