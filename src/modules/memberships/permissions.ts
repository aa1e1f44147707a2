import { declarePermissions } from '../../platform/auth/roles';

/**
 * Which 商店会 there are and how many members each has are public. A business asks to join online.
 * A body's member list (representatives, phones, fees) is read and kept by its keepers only: the
 * association account named for a 商店会, the 商工会's staff for the 商工会, the city's admins for all
 * (`keepsBody`). Support staff and admins read the statistics and enter the 加入率's denominator;
 * admins add 商店会 (decision 032).
 */
export const membershipPermissions = declarePermissions({
  'memberships.keep': ['association', 'staff', 'admin'],
  'memberships.join': ['business'],
  'memberships.oversee': ['staff', 'admin'],
  'memberships.bodies': ['admin'],
});
