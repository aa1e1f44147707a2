import { declarePermissions } from '../../platform/auth/roles';

/**
 * The directory and the board of needs and offers are public. A business account keeps its own
 * profile and claims an unclaimed one, posts needs and offers, and writes, records and confirms deals
 * in its own threads, which nobody else reads, staff and admins included (decision 020). Support
 * staff (商工会, Bi@Sta) and the city's admins approve new profiles and claims (decision 019) and read
 * the statistics, which name no business.
 */
export const businessPermissions = declarePermissions({
  'businesses.profile.own': ['business'],
  'businesses.trade': ['business'],
  'businesses.review': ['admin', 'staff'],
});
