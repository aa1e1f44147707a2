import { expect } from 'vitest';
import { recordConsultation } from '../../src/modules/consultations';
import {
  expressInterest,
  publishSuccessionListing,
  readListingAsCandidate,
  registerAsCandidate,
} from '../../src/modules/consultations/succession-listings';
import type { TestInstance } from '../support/harness';
import { actorOf, type Who } from './helpers';

/**
 * The routes of 事業承継マッチング in the role × route matrix (decision 022). A case's listing page is
 * for the counsellors holding the case (Bi@Sta's here) and admins; the listings for registered
 * successor candidates (businesses and residents). The owner's name is on no page but the holder's
 * case — the matrix's candidates were never approved, so no candidate page names them.
 */
const caseHolders: Who[] = ['admin', 'bista'];
const candidates: Who[] = ['business', 'resident'];
const owner = '行列テスト 承継の経営者（架空）';
const ids = { caseId: 0, listingId: 0, interestId: 0 };

export async function prepareListingRoutes(t: TestInstance): Promise<void> {
  const bista = await actorOf(t, 'bista');
  const { caseRow } = await recordConsultation(
    t.database.db,
    bista,
    {
      person: 'new',
      name: owner,
      kana: 'ぎょうれつてすと',
      kind: 'succession',
      heldOn: '2025-06-01',
      discussed: '後継者探し',
      idempotencyKey: 'roles-matrix-listing-case',
    },
    { organisations: t.plans.defaultPlan.file.organisations },
  );
  ids.caseId = caseRow.id;
  const { listing } = await publishSuccessionListing(
    t.database.db,
    bista,
    caseRow.id,
    {
      industry: 'retail',
      area: 'akigawa',
      employeesBand: '1-4',
      salesBand: 'under-10m',
      reason: '高齢のため',
      hopes: '店を続けてほしい',
      consentOn: '2025-06-02',
      consentCounsellorName: '行列テスト 相談員',
    },
    { areas: t.plans.defaultPlan.file.areas ?? [] },
  );
  ids.listingId = listing.id;
  for (const who of ['business', 'resident'] as const) {
    const actor = await actorOf(t, who);
    await registerAsCandidate(t.database.db, actor, { profile: `行列テスト ${who} の自己紹介` });
  }
  const business = await actorOf(t, 'business');
  await expressInterest(t.database.db, business, listing.id, { message: '行列テストの関心' });
  const { interest } = await readListingAsCandidate(t.database.db, business, listing.id);
  ids.interestId = interest?.id ?? 0;
}

const anonymous = (_who: Who, body: string) => expect(body).not.toContain(owner);

export const listingRouteRules = [
  {
    route: 'GET /consultations/cases/:id{[0-9]+}/listing',
    path: () => `/consultations/cases/${ids.caseId}/listing`,
    allowed: caseHolders,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('行列テストの関心'),
  },
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/listing',
    path: () => `/consultations/cases/${ids.caseId}/listing`,
    allowed: caseHolders,
    // published already: nothing changes
    ok: 'permitted' as const,
    form: () => ({
      industry: 'retail',
      area: 'akigawa',
      employeesBand: '1-4',
      salesBand: 'under-10m',
      reason: '高齢のため',
      hopes: '店を続けてほしい',
      consentOn: '2025-06-02',
      consentCounsellorName: '行列テスト 相談員',
    }),
  },
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/listing/interests/:interest{[0-9]+}/approve',
    path: () => `/consultations/cases/${ids.caseId}/listing/interests/${ids.interestId}/approve`,
    allowed: caseHolders,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  {
    route: 'GET /consultations/listings',
    path: '/consultations/listings',
    allowed: candidates,
    ok: 200,
    content: anonymous,
  },
  {
    route: 'POST /consultations/listings/candidate',
    path: '/consultations/listings/candidate',
    allowed: candidates,
    ok: 303,
    form: (who: Who) => ({ profile: `行列テスト ${who} の新しい自己紹介` }),
  },
  {
    route: 'GET /consultations/listings/:id{[0-9]+}',
    path: () => `/consultations/listings/${ids.listingId}`,
    allowed: candidates,
    ok: 200,
    content: anonymous,
  },
  {
    route: 'POST /consultations/listings/:id{[0-9]+}/interest',
    path: () => `/consultations/listings/${ids.listingId}/interest`,
    allowed: candidates,
    ok: 'permitted' as const,
    form: (who: Who) => ({ message: `行列テスト ${who} の関心` }),
  },
  {
    route: 'POST /consultations/listings/:id{[0-9]+}/pledge',
    path: () => `/consultations/listings/${ids.listingId}/pledge`,
    allowed: candidates,
    ok: 'permitted' as const,
    form: () => ({ pledge: 'yes' }),
  },
  {
    route: 'POST /consultations/cases/:id{[0-9]+}/listing/withdraw',
    // last: once withdrawn, the candidates' routes above find no listing
    path: () => `/consultations/cases/${ids.caseId}/listing/withdraw`,
    allowed: caseHolders,
    ok: 'permitted' as const,
    form: () => ({}),
  },
];
