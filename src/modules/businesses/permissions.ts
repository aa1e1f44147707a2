import { declarePermissions } from '../../platform/auth/roles';

/**
 * The directory is public. A business account keeps its own profile and claims an unclaimed one;
 * support staff (商工会, Bi@Sta) and the city's admins approve new profiles and claims (decision 019).
 */
export const businessPermissions = declarePermissions({
  'businesses.profile.own': ['business'],
  'businesses.review': ['admin', 'staff'],
});
