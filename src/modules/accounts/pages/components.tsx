import { type Role, roleNames } from '../../../platform/auth/roles';
import { type Lang, localise } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import type { Organisation } from '../service';

export { type FormProblem, type FormValues, invalidIf } from '../../../platform/forms';

/** What the pages need to know of the municipality: its name and the plan's organisations. */
export interface MunicipalityInfo {
  name: string;
  organisations: Organisation[];
}

export function roleName(lang: Lang, role: string): string {
  return role in roleNames ? localise(lang, roleNames[role as Role]) : role;
}

/** An organisation's name from the plan, or what was written for a role without one. */
export function organisationName(lang: Lang, code: string | null, organisations: Organisation[]): string {
  if (!code) return '—';
  const organisation = organisations.find((o) => o.code === code);
  if (!organisation) return code;
  return lang === 'en' && organisation.nameEn ? organisation.nameEn : organisation.name;
}

export function StatusLabel(props: { view: PageView; disabled: boolean }) {
  return props.disabled ? (
    <span class="status status-disabled">{tr(props.view, '利用停止中', 'Disabled')}</span>
  ) : (
    <span class="status status-active">{tr(props.view, '有効', 'Active')}</span>
  );
}
