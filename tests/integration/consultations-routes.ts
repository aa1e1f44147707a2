import { expect } from 'vitest';
import { recordConsultation } from '../../src/modules/consultations';
import type { TestInstance } from '../support/harness';
import { actorOf, everyone, type Who } from './helpers';

/**
 * The routes of consultations in the role × route matrix of roles.test.ts. Consultation records are
 * the most sensitive data in Tsunagu: the pages are for counsellors (support staff and admins), and
 * a case only for the staff of the organisation holding it (the matrix's case is Bi@Sta's) and
 * admins. Associations, businesses, residents and students reach none of it (decision 016).
 */
const counsellors: Who[] = ['admin', 'shokokai', 'bista'];
const caseHolders: Who[] = ['admin', 'bista'];
const city: Who[] = ['admin'];
const withAccount = everyone.filter((who) => who !== 'visitor');
const person = '行列テスト 相談者（架空）';

const ids = { caseId: 0 };

const selfCheckAnswers = {
  age: '60s',
  successor: 'candidate',
  told: 'no',
  people: 'not-yet',
  finances: 'not-yet',
  organisation: 'not-yet',
  advice: 'no',
};

export async function prepareConsultationRoutes(t: TestInstance): Promise<void> {
  const { caseRow } = await recordConsultation(
    t.database.db,
    await actorOf(t, 'bista'),
    {
      person: 'new',
      name: person,
      kana: 'ぎょうれつてすと',
      kind: 'startup',
      heldOn: '2025-06-01',
      discussed: '行列テストの相談内容',
      idempotencyKey: 'roles-matrix-consultation',
    },
    { organisations: t.plans.defaultPlan.file.organisations },
  );
  ids.caseId = caseRow.id;
}

const consultationForm = (who: Who) => ({
  person: 'new',
  name: `行列テスト ${who}（架空）`,
  kana: 'ぎょうれつてすと',
  kind: 'succession',
  heldOn: '2025-07-01',
  discussed: '後継者について',
  organisation: 'bista',
  idempotencyKey: `roles-matrix-consultation-${who}`,
});

export const consultationRouteRules = [
  {
    route: 'GET /consultations',
    path: '/consultations?fy=2025',
    allowed: counsellors,
    ok: 200,
    content: (who: Who, body: string) =>
      caseHolders.includes(who) ? expect(body).toContain(person) : expect(body).not.toContain(person),
  },
  {
    route: 'GET /consultations.csv',
    path: '/consultations.csv?fy=2025',
    allowed: counsellors,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain('相談日,年度,相談案件番号,相談者');
      if (!caseHolders.includes(who)) expect(body).not.toContain(person);
    },
  },
  { route: 'GET /consultations/new', path: '/consultations/new', allowed: counsellors, ok: 200 },
  {
    route: 'POST /consultations',
    path: '/consultations',
    allowed: counsellors,
    ok: 303,
    form: consultationForm,
  },
  {
    route: 'GET /consultations/cases/:id{[0-9]+}',
    path: () => `/consultations/cases/${ids.caseId}`,
    allowed: caseHolders,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain(person),
  },
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/consultations',
    path: () => `/consultations/cases/${ids.caseId}/consultations`,
    allowed: caseHolders,
    ok: 303,
    form: (who: Who) => ({
      heldOn: '2025-07-02',
      discussed: `行列テスト ${who} の継続相談`,
      idempotencyKey: `roles-matrix-case-${who}`,
    }),
  },
  // what comes of the case (a start-up one: a stage or referral is refused as of the wrong kind)
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/startup',
    path: () => `/consultations/cases/${ids.caseId}/startup`,
    allowed: caseHolders,
    ok: 'permitted' as const,
    form: () => ({ startedOn: '2025-08-01', businessName: '行列テスト商店（架空）' }),
  },
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/business',
    path: () => `/consultations/cases/${ids.caseId}/business`,
    allowed: caseHolders,
    ok: 'permitted' as const,
    form: () => ({ businessId: '' }),
  },
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/stage',
    path: () => `/consultations/cases/${ids.caseId}/stage`,
    allowed: caseHolders,
    ok: 'permitted' as const,
    form: () => ({ stage: 'preparation', stageOn: '2025-08-01' }),
  },
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/referral',
    path: () => `/consultations/cases/${ids.caseId}/referral`,
    allowed: caseHolders,
    ok: 'permitted' as const,
    form: () => ({ referredOn: '2025-08-01' }),
  },
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/loans',
    path: () => `/consultations/cases/${ids.caseId}/loans`,
    allowed: caseHolders,
    ok: 303,
    form: (who: Who) => ({
      programme: 'city-promotion',
      borrower: `行列テスト ${who}（架空）`,
      usedOn: '2025-08-01',
      amountYen: '1000000',
      idempotencyKey: `roles-matrix-loan-${who}`,
    }),
  },
  // 特定創業支援等事業: the city issues from a case (the matrix's case is not eligible: 422) and keeps the register
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/certificate',
    path: () => `/consultations/cases/${ids.caseId}/certificate`,
    allowed: city,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'GET /consultations/certificates',
    path: '/consultations/certificates',
    allowed: city,
    ok: 200,
  },
  {
    // the page of one certificate: for the city and the case's counsellors (none with this number)
    route: 'GET /consultations/certificates/:id{[0-9]+}',
    path: '/consultations/certificates/999999',
    allowed: counsellors,
    ok: 'permitted' as const,
  },
  {
    route: 'GET /consultations/certificates.csv',
    path: '/consultations/certificates.csv',
    allowed: city,
    ok: 200,
  },
  // which seminars lead to consultations: counts, for the city and the counsellors
  { route: 'GET /consultations/seminars', path: '/consultations/seminars', allowed: counsellors, ok: 200 },
  {
    route: 'GET /consultations/seminars.csv',
    path: '/consultations/seminars.csv',
    allowed: counsellors,
    ok: 200,
  },
  // 事業承継診断: anyone takes it and may consent; the counts are for the city and counsellors
  { route: 'GET /consultations/self-check', path: '/consultations/self-check', allowed: everyone, ok: 200 },
  {
    route: 'POST /consultations/self-check',
    path: '/consultations/self-check',
    allowed: everyone,
    ok: 'permitted' as const,
    form: (who: Who) => ({ ...selfCheckAnswers, key: `roles-matrix-self-check-${who}` }),
  },
  {
    route: 'POST /consultations/self-check/consent',
    path: '/consultations/self-check/consent',
    allowed: everyone,
    ok: 'permitted' as const,
    form: (who: Who) => ({
      ...selfCheckAnswers,
      key: `roles-matrix-self-check-${who}`,
      consent: 'yes',
      name: `行列テスト ${who}（架空）`,
      kana: 'ぎょうれつてすと',
      contact: '042-000-0000',
    }),
  },
  {
    route: 'GET /consultations/self-check/summary',
    path: '/consultations/self-check/summary',
    allowed: counsellors,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).not.toContain('行列テスト'),
  },
  // a person's own copy: anyone with an account, their own records only
  {
    route: 'GET /consultations/my',
    path: '/consultations/my',
    allowed: withAccount,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).not.toContain(person),
  },
  {
    route: 'GET /consultations/my.json',
    path: '/consultations/my.json',
    allowed: withAccount,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).not.toContain(person),
  },
];
