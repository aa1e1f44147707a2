// The accounts module owns account administration by city staff (create, change, disable, issue a
// password), everyone's own password change, and the pages and export of the audit log. The tables
// it works on (accounts, sessions, audit_log) are the platform's; their rules for changes live here.
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { addNavigation } from '../../platform/ui/navigation';
import { accountsApi } from './api';
import { describeAccountAuditEntries } from './audit-words';
import { accountPermissions } from './permissions';
import { accountsRoutes, type MunicipalityDirectory } from './routes';

export { accountPermissions } from './permissions';

export function accountsModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  describeAccountAuditEntries();
  // the organisations of 第5章 come from each municipality's plan file
  const municipality: MunicipalityDirectory = (code, lang) => {
    const file = deps.plans.byMunicipality(code)?.file;
    return {
      name: file
        ? lang === 'en' && file.municipality.nameEn
          ? file.municipality.nameEn
          : file.municipality.name
        : code,
      organisations: file?.organisations ?? [],
    };
  };
  addNavigation(
    {
      href: '/admin/accounts',
      label: { ja: 'アカウント管理', en: 'Accounts' },
      permission: accountPermissions['accounts.manage'],
    },
    {
      href: '/admin/audit',
      label: { ja: '操作履歴', en: 'Audit log' },
      permission: accountPermissions['accounts.audit.read'],
    },
    {
      href: '/account/password',
      label: { ja: 'パスワード変更', en: 'Change password' },
      permission: accountPermissions['accounts.password.change'],
    },
  );
  app.route('/', accountsApi({ db, municipality, api: deps.api }));
  app.route('/', accountsRoutes({ db, municipality }));
  return app;
}
