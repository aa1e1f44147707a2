import type { Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { programmeRulesOf } from './programme';

/**
 * The issuer's staff: the city's admins and the staff of the organisation that runs the programme
 * with the city (商工会 in Akiruno, `points_programmes.issuer_organisation`). Only they see a
 * resident's history, approve shops, sell gift certificates and settle (decision 024).
 */
export async function isIssuerStaff(q: Queryable, actor: Actor): Promise<boolean> {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'staff') return false;
  const { issuerOrganisation } = await programmeRulesOf(q, actor.municipalityCode);
  return actor.organisation === issuerOrganisation;
}
