import { declarePermissions } from '../../platform/auth/roles';

/**
 * A resident keeps a wallet (るのかーど); a business account runs its shop's terminal once staff
 * approved it; the issuer's staff (the city's admins, and the staff of the organisation running the
 * programme, checked by `isIssuerStaff`) approve shops, sell gift certificates, settle and read the
 * reports and a resident's history. Nobody else sees a resident's history (decision 024).
 */
export const pointsPermissions = declarePermissions({
  'points.wallet.own': ['resident'],
  'points.shop': ['business'],
  'points.manage': ['admin', 'staff'],
});
