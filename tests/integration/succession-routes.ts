import { expect } from 'vitest';
import { todayInJapan } from '../../src/platform/fiscal-year';
import type { Who } from './helpers';

/**
 * The routes of the succession needs map in the role × route matrix of roles.test.ts: counts built
 * from private answers, so only support staff (商工会, Bi@Sta) and the city's admins reach them
 * (decision 034); an association, a business, a resident and a student are refused, a visitor asked
 * to log in.
 */
const needsReaders: Who[] = ['admin', 'shokokai', 'bista'];

export const successionRouteRules = [
  {
    route: 'GET /succession/needs',
    path: '/succession/needs',
    allowed: needsReaders,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('事業承継ニーズマップ'),
  },
  {
    route: 'GET /succession/needs.csv',
    path: '/succession/needs.csv',
    allowed: needsReaders,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('60歳以上・後継者未定の経営者'),
  },
  {
    route: 'GET /api/v1/succession/needs',
    path: '/api/v1/succession/needs',
    allowed: needsReaders,
    ok: 200,
    content: (_who: Who, body: string) => expect(JSON.parse(body).type).toBe('FeatureCollection'),
  },
  {
    route: 'POST /succession/outreach',
    path: '/succession/outreach',
    allowed: needsReaders,
    ok: 303,
    form: (who: Who) => ({
      heldOn: todayInJapan(),
      area: 'akigawa',
      kind: 'visit',
      reached: '1',
      note: '',
      key: `roles-matrix-outreach-${who}`,
    }),
  },
];
