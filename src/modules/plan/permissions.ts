import { declarePermissions } from '../../platform/auth/roles';

/**
 * Who may do what with the plan. The plan itself is public; progress is shared with the organisations
 * of 第5章 and with the committee (識見者) that reviews it. In the CHECK, the department (所管課, city
 * staff) writes its evaluation and the committee its opinion, each only their own (decision 033).
 */
export const planPermissions = declarePermissions({
  'plan.progress.read': ['admin', 'staff', 'association', 'committee'],
  'plan.actuals.write': ['admin'],
  'plan.review.write': ['admin'],
  'plan.committee.write': ['committee'],
  'plan.audit.read': ['admin'],
});
