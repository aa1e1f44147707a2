import { declarePermissions } from '../auth/roles';

/** The outbox names people and their addresses: only city staff see the mails that failed. */
export const mailPermissions = declarePermissions({
  'mail.outbox.manage': ['admin'],
});
