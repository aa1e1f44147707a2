import { expect } from 'vitest';
import type { Who } from './helpers';

/**
 * The routes of the lists that go out as CSV and come back (decision 038) in the role × route
 * matrix of roles.test.ts: each list's export, upload, preview and confirmation, for exactly the
 * roles that see the list today. An upload's preview and confirmation answer its uploader only;
 * the matrix asks with a token nobody holds, so the allowed get 404 and nothing is written.
 */
const eventManagers: Who[] = ['admin', 'shokokai', 'bista', 'shotenkai'];

/** A token of the right shape that no upload has. */
const noSuchUpload = 'rolesMatrixNoSuchUpload000000000';

/** A file whose header is right and that has no rows: refused (422), nothing written. */
const headerOnly = (header: string) => () => {
  const form = new FormData();
  form.set('file', new File([`\uFEFF${header}\r\n`], 'list.csv', { type: 'text/csv' }));
  return form;
};

/** The four routes of one list. */
function roundTripRules(path: string, allowed: Who[], header: string, exported?: (body: string) => void) {
  return [
    {
      route: `GET ${path}.csv`,
      path: `${path}.csv`,
      allowed,
      ok: 200,
      content: (_who: Who, body: string) => {
        expect(body.replace(/^\uFEFF/, '').startsWith(header)).toBe(true);
        exported?.(body);
      },
    },
    {
      route: `POST ${path}/import`,
      path: `${path}/import`,
      allowed,
      // refused as having no rows: 422
      ok: 'permitted' as const,
      multipart: headerOnly(header),
    },
    {
      route: `GET ${path}/import/:token{[A-Za-z0-9_-]{32}}`,
      path: `${path}/import/${noSuchUpload}`,
      allowed,
      ok: 404,
    },
    {
      route: `POST ${path}/import/:token{[A-Za-z0-9_-]{32}}`,
      path: `${path}/import/${noSuchUpload}`,
      allowed,
      // no such upload: 404
      ok: 'permitted' as const,
      form: () => ({}),
    },
  ];
}

export const csvRouteRules = [
  ...roundTripRules(
    '/events/manage/events',
    eventManagers,
    'ID,題名,種類,日程,会場,定員,参加費（円）,主催,内容,状態,参加確定,キャンセル待ち,出席',
  ),
];
