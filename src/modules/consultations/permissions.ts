import type { Actor } from '../../platform/audit';
import { declarePermissions, roles } from '../../platform/auth/roles';
import { UserError } from '../../platform/errors';

/**
 * Consultation records are the most sensitive data in Tsunagu. Only counsellors reach them: support
 * staff (商工会, Bi@Sta), each for the cases of their own organisation, and the city's admins. An
 * association, a business, a resident or a student sees none of it (decision 016).
 */
export const consultationPermissions = declarePermissions({
  'consultations.counsel': ['admin', 'staff'],
  /** anyone with an account reads what the consultation desks hold on them (JSON and a page) */
  'consultations.own': roles,
  /** the menu entry to it, for those who come to the desks rather than work at them */
  'consultations.own.menu': ['business', 'resident', 'student', 'association'],
  /** how many took the 事業承継診断 and became leads, by area and industry: counts, no answers */
  'consultations.selfcheck.summary': ['admin', 'staff'],
  /** which seminars lead to consultations: counts per event, no names */
  'consultations.seminars.summary': ['admin', 'staff'],
  /** 特定創業支援等事業: the city issues the certificates and keeps their register (names, dates) */
  'consultations.certificates': ['admin'],
  /** 事業承継マッチング: people and businesses register as successor candidates and see anonymous listings */
  'consultations.succession.candidate': ['business', 'resident'],
});

/** A case's owner, as the access rule reads it. */
export interface HeldBy {
  municipalityCode: string;
  organisation: string;
}

/**
 * Whether the actor may read and add to a case: an admin of its municipality, or staff of the
 * organisation that holds it. Staff of another organisation may not, nor staff with none.
 */
export function counsels(actor: Actor, held: HeldBy): boolean {
  if (actor.municipalityCode !== held.municipalityCode) return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'staff' && Boolean(actor.organisation) && actor.organisation === held.organisation;
}

export const notYourCase = new UserError('not_counsellor', 403, {
  ja: 'この相談記録を見る権限がありません。相談記録は、記録した機関の相談員と市の管理者だけが扱えます。',
  en: 'You do not have permission to see this consultation record. Only counsellors of the organisation that holds it and city administrators can.',
});
