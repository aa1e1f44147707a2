/**
 * Every route of the accounts module, as the app registers it. accounts-roles.test.ts walks each of
 * them for every role; a matrix of the whole app can take this list to know they are covered.
 */
export const accountsRoutes = [
  'GET /admin/accounts',
  'GET /admin/accounts/new',
  'POST /admin/accounts',
  'GET /admin/accounts/:id{[0-9]+}',
  'POST /admin/accounts/:id{[0-9]+}',
  'POST /admin/accounts/:id{[0-9]+}/disable',
  'POST /admin/accounts/:id{[0-9]+}/enable',
  'POST /admin/accounts/:id{[0-9]+}/password',
  'GET /admin/audit',
  'GET /admin/audit.csv',
  'GET /account/password',
  'POST /account/password',
  'GET /api/v1/accounts',
  'POST /api/v1/accounts',
  'PATCH /api/v1/accounts/:id{[0-9]+}',
] as const;

/** Paths that belong to the accounts module: any route served under them must be in the list above. */
export const accountsPathPrefixes = ['/admin/accounts', '/admin/audit', '/account/', '/api/v1/accounts'];
