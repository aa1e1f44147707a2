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

/** A file of a header and no rows: refused (422), nothing written. */
const headerOnly = (header: string) => () => {
  const form = new FormData();
  form.set('file', new File([`\uFEFF${header}\r\n`], 'list.csv', { type: 'text/csv' }));
  return form;
};

/** What the matrix prepared, as roles.test.ts hands it to a rule's path. */
interface Prepared {
  /** a published event held by Bi@Sta, with one registration */
  eventId: number;
}

/** The routes of uploading, previewing and confirming a list's file. */
function importRules(route: string, path: (ctx: Prepared) => string, allowed: Who[], header: string) {
  return [
    {
      route: `POST ${route}/import`,
      path: (ctx: Prepared) => `${path(ctx)}/import`,
      allowed,
      // refused as having no rows: 422
      ok: 'permitted' as const,
      multipart: headerOnly(header),
    },
    {
      route: `GET ${route}/import/:token{[A-Za-z0-9_-]{32}}`,
      path: (ctx: Prepared) => `${path(ctx)}/import/${noSuchUpload}`,
      allowed,
      ok: 404,
    },
    {
      route: `POST ${route}/import/:token{[A-Za-z0-9_-]{32}}`,
      path: (ctx: Prepared) => `${path(ctx)}/import/${noSuchUpload}`,
      allowed,
      // no such upload: 404
      ok: 'permitted' as const,
      form: () => ({}),
    },
  ];
}

/** The four routes of a list: its export, and importRules. */
function roundTripRules(path: string, allowed: Who[], header: string) {
  return [
    {
      route: `GET ${path}.csv`,
      path: `${path}.csv`,
      allowed,
      ok: 200,
      content: (_who: Who, body: string) => expect(body.replace(/^\uFEFF/, '').startsWith(header)).toBe(true),
    },
    ...importRules(path, () => path, allowed, header),
  ];
}

export const csvRouteRules = [
  ...roundTripRules(
    '/events/manage/events',
    eventManagers,
    'ID,題名,種類,日程,会場,定員,参加費（円）,主催,内容,状態,参加確定,キャンセル待ち,出席',
  ),
  // a poster's vacant properties, with the owner's contact: 商店会, staff and admins, each their own
  ...roundTripRules('/properties/mine', ['admin', 'shokokai', 'bista', 'shotenkai'], 'ID,物件名,物件の種類'),
  // the staff's business directory: public profiles only, for support staff and admins
  ...roundTripRules('/businesses/review/directory', ['admin', 'shokokai', 'bista'], 'ID,事業者名,ふりがな'),
  // the participant list, whose export roles.test.ts declares with the other participant files:
  // personal data, for the organiser's staff (Bi@Sta) and admins; other staff are refused (403)
  ...importRules(
    '/events/manage/:id{[0-9]+}/participants',
    (ctx) => `/events/manage/${ctx.eventId}/participants`,
    ['admin', 'bista'],
    '申込番号,お名前',
  ),
];
