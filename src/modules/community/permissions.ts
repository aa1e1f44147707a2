import type { Actor } from '../../platform/audit';
import { declarePermissions } from '../../platform/auth/roles';

/**
 * Students write articles about shops. The shop (the business's own account) approves the facts,
 * the university's staff (an `association` or `staff` account of the student's university) and the
 * city (`admin`) approve publishing; each reviewer sees only what waits for them (decision 030).
 * Support staff and the city record 産学連携.
 */
export const communityPermissions = declarePermissions({
  'community.articles.write': ['student'],
  'community.articles.review': ['business', 'association', 'staff', 'admin'],
  'community.collaborations.record': ['staff', 'admin'],
});

/** Whether the actor speaks for the university whose students wrote the article. */
export const speaksForUniversity = (actor: Actor, university: string) =>
  (actor.role === 'association' || actor.role === 'staff') && actor.organisation === university;

/** The city's staff (商工観光課), who give the last approval. */
export const isCityStaff = (actor: Actor) => actor.role === 'admin';
