import { expect } from 'vitest';
import { addBody, addMember, requestToJoin } from '../../src/modules/memberships';
import type { TestInstance } from '../support/harness';
import { actorOf, everyone, type Who } from './helpers';

/**
 * The routes of the memberships of 商店会 and the 商工会 in the role × route matrix of roles.test.ts.
 * Which bodies there are and their member counts are public; a body's list (representatives, phones,
 * fees) is its keepers' only: the 商店会's association account, the 商工会's staff, the city's admins.
 */
const keepers: Who[] = ['admin', 'shotenkai', 'shokokai', 'bista'];
const overseers: Who[] = ['admin', 'shokokai', 'bista'];
const privatePhone = '042-999-0330';
const ids = { bodyId: 0, memberId: 0, requestId: 0 };

export async function prepareMembershipRoutes(t: TestInstance): Promise<void> {
  const plan = t.plans.defaultPlan;
  const admin = await actorOf(t, 'admin');
  const keeper = await actorOf(t, 'shotenkai');
  const body = await addBody(t.database.db, admin, plan, 'shotenkai', {
    bodyName: '行列テスト商店会（架空）',
    keeper: String(keeper.accountId),
  });
  ids.bodyId = body.id;
  const member = await addMember(t.database.db, keeper, body.id, {
    name: '行列テストの会員（架空）',
    phone: privatePhone,
    joinedOn: '2025-04-01',
  });
  ids.memberId = member.id;
  // the demo business keeps a profile since prepareBusinessRoutes
  const shop = await actorOf(t, 'business');
  ids.requestId = (
    await requestToJoin(t.database.db, shop, body.id, { representative: '行列 太郎' })
  ).request.id;
}

const noPrivate = (_who: Who, body: string) => expect(body).not.toContain(privatePhone);

export const membershipRouteRules = [
  {
    route: 'GET /memberships',
    path: '/memberships',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain('行列テスト商店会（架空）');
      noPrivate(who, body);
    },
  },
  {
    route: 'GET /memberships/:id{[0-9]+}/join',
    path: () => `/memberships/${ids.bodyId}/join`,
    allowed: ['business'] as Who[],
    ok: 200,
  },
  {
    route: 'POST /memberships/:id{[0-9]+}/join',
    path: () => `/memberships/${ids.bodyId}/join`,
    allowed: ['business'] as Who[],
    // the request made above is still open: the same request again is answered with it, changing nothing
    ok: 'permitted' as const,
    form: () => ({ representative: '行列 太郎' }),
  },
  {
    route: 'GET /memberships/:id{[0-9]+}',
    path: () => `/memberships/${ids.bodyId}`,
    allowed: keepers,
    // only the body's keeper and admins read it; other staff are answered 404
    ok: 'permitted' as const,
  },
  {
    route: 'GET /memberships/:id{[0-9]+}/members.csv',
    path: () => `/memberships/${ids.bodyId}/members.csv`,
    allowed: keepers,
    ok: 'permitted' as const,
  },
  {
    route: 'POST /memberships/:id{[0-9]+}/requests/:requestId{[0-9]+}',
    path: () => `/memberships/${ids.bodyId}/requests/${ids.requestId}`,
    allowed: keepers,
    ok: 'permitted' as const,
    form: () => ({ decision: 'decline', reason: '' }),
  },
  {
    route: 'POST /memberships/:id{[0-9]+}/members',
    path: () => `/memberships/${ids.bodyId}/members`,
    allowed: keepers,
    ok: 'permitted' as const,
    form: () => ({ name: '', joinedOn: '' }),
  },
  {
    route: 'POST /memberships/:id{[0-9]+}/members/:memberId{[0-9]+}/fee',
    path: () => `/memberships/${ids.bodyId}/members/${ids.memberId}/fee`,
    allowed: keepers,
    ok: 'permitted' as const,
    form: () => ({ fiscalYear: '2026', amountYen: 'x', paidOn: '' }),
  },
  {
    route: 'POST /memberships/:id{[0-9]+}/members/:memberId{[0-9]+}/leave',
    path: () => `/memberships/${ids.bodyId}/members/${ids.memberId}/leave`,
    allowed: keepers,
    ok: 'permitted' as const,
    form: () => ({ leftOn: '' }),
  },
  {
    route: 'GET /memberships/statistics',
    path: '/memberships/statistics',
    allowed: overseers,
    ok: 200,
    content: noPrivate,
  },
  {
    route: 'POST /memberships/denominators',
    path: '/memberships/denominators',
    allowed: overseers,
    ok: 'permitted' as const,
    form: () => ({ value: '', asOf: '', source: '' }),
  },
  {
    route: 'POST /memberships/bodies',
    path: '/memberships/bodies',
    allowed: ['admin'] as Who[],
    ok: 'permitted' as const,
    form: () => ({ bodyName: '' }),
  },
];
