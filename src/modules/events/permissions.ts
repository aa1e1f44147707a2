import { declarePermissions } from '../../platform/auth/roles';

/**
 * Events are run by the organising bodies (city, 商工会, Bi@Sta, 商店会). Their participant lists are
 * personal data: only those staff roles see them. Browsing and registering need no account.
 */
export const eventPermissions = declarePermissions({
  'events.manage': ['admin', 'staff', 'association'],
});
