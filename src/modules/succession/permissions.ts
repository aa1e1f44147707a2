import { declarePermissions } from '../../platform/auth/roles';

/**
 * The succession needs map and the outreach against it are the work of the 商工会 and Bi@Sta (support
 * staff, who run succession seminars and visits) and of the city's admins. They show counts only,
 * never a name, yet the counts come from private answers: no association, business, resident or
 * student sees them (decision 034).
 */
export const successionPermissions = declarePermissions({
  'succession.needs': ['admin', 'staff'],
});
