import { declarePermissions, roles } from '../../platform/auth/roles';

/**
 * Accounts are personal data and the audit log names people: only city staff see them. Everyone
 * with an account may change their own password.
 */
export const accountPermissions = declarePermissions({
  'accounts.manage': ['admin'],
  'accounts.audit.read': ['admin'],
  'accounts.password.change': roles,
});
