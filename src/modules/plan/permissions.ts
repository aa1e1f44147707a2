import { declarePermissions } from '../../platform/auth/roles';

/** Who may do what with the plan. The plan itself is public; progress is shared with the organisations of 第5章. */
export const planPermissions = declarePermissions({
  'plan.progress.read': ['admin', 'staff', 'association'],
  'plan.actuals.write': ['admin'],
  'plan.review.write': ['admin'],
  'plan.audit.read': ['admin'],
});
