import type { Actor } from '../../platform/audit';
import { declarePermissions } from '../../platform/auth/roles';

/**
 * Listings are public once approved. 商店会, 活性化委員会 and 不動産事業者 (`association`) post them, and
 * so do support staff and the city's admins (the industrial estates, 武蔵引田駅周辺); staff and admins
 * approve them and read the statistics. People starting a business (residents, businesses, students,
 * with an account) send inquiries, which only the poster and, with their consent, the counsellors of
 * their start-up case read (decision 023).
 */
export const propertyPermissions = declarePermissions({
  'properties.post': ['association', 'staff', 'admin'],
  'properties.review': ['staff', 'admin'],
  'properties.inquire': ['resident', 'business', 'student'],
  /** the inquiries applicants shared with the counsellors of their start-up case */
  'properties.counsel': ['staff', 'admin'],
});

/** Whether the actor keeps a listing: the account that posted it, or an admin of its municipality. */
export function keepsListing(
  actor: Actor,
  listing: { municipalityCode: string; posterAccountId: number },
): boolean {
  if (actor.municipalityCode !== listing.municipalityCode) return false;
  return actor.role === 'admin' || (actor.accountId !== null && actor.accountId === listing.posterAccountId);
}

/** Support staff and admins, who approve listings and so read them before they are public. */
export const reviewsListings = (actor: Actor | undefined) =>
  actor?.role === 'staff' || actor?.role === 'admin';
