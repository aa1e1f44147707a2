import type { Text } from '../i18n';

/** Who uses Tsunagu (DESIGN.md "Who uses it"). */
export const roles = [
  'admin',
  'staff',
  'association',
  'business',
  'resident',
  'student',
  'committee',
] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, Text> = {
  admin: { ja: '市職員（商工観光課）', en: 'City staff (administrator)' },
  staff: { ja: '支援機関職員（商工会・Bi@Sta）', en: 'Support staff (chamber of commerce, Bi@Sta)' },
  association: { ja: '商店会・地域団体', en: 'Shopping-street association' },
  business: { ja: '事業者', en: 'Business' },
  resident: { ja: '地域生活者', en: 'Resident' },
  student: { ja: '学生', en: 'Student' },
  committee: { ja: '委員会委員（識見者）', en: 'Committee member' },
};

/**
 * Who may do what, declared once per module (`permissions.ts`) and enforced by the platform's
 * `requirePermission`. A permission no module declared is a programming error, not a silent denial.
 */
const grants = new Map<string, ReadonlySet<Role>>();

export function declarePermissions<P extends string>(table: Record<P, readonly Role[]>): Record<P, P> {
  const names = {} as Record<P, P>;
  for (const [permission, allowed] of Object.entries(table) as [P, readonly Role[]][]) {
    grants.set(permission, new Set(allowed));
    names[permission] = permission;
  }
  return names;
}

export function can(role: Role | undefined, permission: string): boolean {
  const allowed = grants.get(permission);
  if (!allowed) throw new Error(`permission "${permission}" was never declared`);
  return role !== undefined && allowed.has(role);
}
