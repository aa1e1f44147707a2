import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { UserError } from '../../platform/errors';
import { type AppEnv, actorOf, requirePermission } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { accountPermissions as can_ } from './permissions';
import type { MunicipalityDirectory } from './routes';
import {
  AccountChangeSchema,
  AccountFilterSchema,
  accountsPerPage,
  changeAccount,
  listAccounts,
  NewAccountSchema,
  registerAccount,
} from './service';

const notJson = new UserError('invalid_json', 422, {
  ja: 'リクエストの本文を JSON で送ってください。',
  en: 'Send the request body as JSON.',
});

/** Account administration for scripts and integrations: the same rules as the pages. */
export function accountsApi({
  db,
  municipality,
  api,
}: {
  db: Db;
  municipality: MunicipalityDirectory;
  api: ApiDescription;
}) {
  const app = new Hono<AppEnv>();
  const organisationsOf = (c: Parameters<typeof actorOf>[0]) =>
    municipality(actorOf(c).municipalityCode, c.get('lang')).organisations;

  api.add(
    {
      method: 'get',
      path: '/api/v1/accounts',
      tag: 'accounts',
      summary: `The accounts of your municipality, ${accountsPerPage} a page: filter by role and status, search names, e-mail addresses and organisations`,
      query: AccountFilterSchema,
      permission: can_['accounts.manage'],
    },
    {
      method: 'post',
      path: '/api/v1/accounts',
      tag: 'accounts',
      summary:
        'Create an account in your municipality; without a password one is generated and returned once as generatedPassword',
      body: NewAccountSchema,
      permission: can_['accounts.manage'],
      responses: { 201: 'Created', 409: 'An account with this e-mail address exists', 422: 'Invalid input' },
    },
    {
      method: 'patch',
      path: '/api/v1/accounts/:id',
      tag: 'accounts',
      summary:
        'Change the display name, role or organisation, or disable (ending its sessions) or enable an account',
      body: AccountChangeSchema,
      permission: can_['accounts.manage'],
      responses: {
        200: 'Changed (or already as asked)',
        404: 'No such account in your municipality',
        409: 'Refused: the last active administrator, or your own role or account',
        422: 'Invalid input',
      },
    },
  );

  app.get('/api/v1/accounts', requirePermission(can_['accounts.manage']), async (c) => {
    const { rows, total, filter } = await listAccounts(db, actorOf(c), c.req.query(), organisationsOf(c));
    c.header('cache-control', 'private, no-store');
    return c.json({ accounts: rows, total, page: filter.page, perPage: accountsPerPage });
  });

  app.post('/api/v1/accounts', requirePermission(can_['accounts.manage']), async (c) => {
    const body = await c.req.json().catch(() => {
      throw notJson;
    });
    const created = await registerAccount(db, actorOf(c), body, organisationsOf(c));
    c.header('cache-control', 'no-store');
    return c.json(
      {
        account: created.account,
        ...(created.generatedPassword ? { generatedPassword: created.generatedPassword } : {}),
      },
      201,
    );
  });

  app.patch('/api/v1/accounts/:id{[0-9]+}', requirePermission(can_['accounts.manage']), async (c) => {
    const body = await c.req.json().catch(() => {
      throw notJson;
    });
    const account = await changeAccount(db, actorOf(c), Number(c.req.param('id')), body, organisationsOf(c));
    return c.json({ account });
  });

  return app;
}
