import { can, type Role } from '../auth/roles';
import type { Text } from '../i18n';

export interface NavigationItem {
  href: string;
  label: Text;
  /** shown only to roles with this permission; to everyone when absent */
  permission?: string;
}

/** The header menu, filled by the modules at start-up in the order they are mounted. */
const items: NavigationItem[] = [];

export function addNavigation(...entries: NavigationItem[]): void {
  for (const entry of entries) {
    if (!items.some((i) => i.href === entry.href)) items.push(entry);
  }
}

export function navigationFor(role: Role | undefined): NavigationItem[] {
  return items.filter((item) => !item.permission || can(role, item.permission));
}
