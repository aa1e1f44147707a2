import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  successionCandidates,
  successionInterests,
  successionListings,
} from '../../src/modules/consultations/schema';
import { recordConsultation } from '../../src/modules/consultations/service';
import {
  acceptPledge,
  approveCandidate,
  browseListings,
  expressInterest,
  publishSuccessionListing,
  readListingAsCandidate,
  registerAsCandidate,
  withdrawSuccessionListing,
} from '../../src/modules/consultations/succession-listings';
import { UserError } from '../../src/platform/errors';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, type DemoAccount, startInstance } from './helpers';

const ownerName = '承継 源五郎（架空）';
const ownerBusiness = '架空の源五郎酒造';

const listingForm = (overrides: Record<string, string> = {}) => ({
  industry: 'manufacturing',
  area: 'itsukaichi',
  employeesBand: '5-19',
  salesBand: '50m-100m',
  reason: '経営者が高齢で、親族に後継者がいないため',
  hopes: '従業員の雇用と地元の取引先を引き継いでほしい',
  consentOn: '2025-09-01',
  consentCounsellorName: '支援 相談員（架空）',
  ownerBusinessName: ownerBusiness,
  ...overrides,
});

/** The pages and APIs a logged-in candidate can reach, to prove where the owner's name is. */
const candidatePaths = (listingId: number) => [
  '/',
  '/consultations/listings',
  `/consultations/listings/${listingId}`,
  '/consultations/my',
  '/consultations/my.json',
  '/api/v1/events',
  '/api/v1/plan',
];

describe.each(testDatabaseKinds())('事業承継マッチング: anonymous listings and disclosure (%s)', (kind) => {
  let t: TestInstance;
  let caseId = 0;
  let listingId = 0;
  const clients = new Map<DemoAccount, TestClient>();
  const written = async () => {
    const db = t.database.db;
    const [[a], listings, candidates, interests] = await Promise.all([
      db.select({ n: count() }).from(auditLog),
      db.select().from(successionListings).orderBy(asc(successionListings.id)),
      db.select().from(successionCandidates).orderBy(asc(successionCandidates.id)),
      db.select().from(successionInterests).orderBy(asc(successionInterests.id)),
    ]);
    return { audit: a?.n, listings, candidates, interests };
  };
  const refused = async (what: () => Promise<unknown>, code: string) => {
    const before = await written();
    const error = await what().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe(code);
    expect(await written()).toEqual(before);
    return error as UserError;
  };
  const areas = () => t.plans.defaultPlan.file.areas ?? [];

  beforeAll(async () => {
    t = await startInstance(kind);
    const { caseRow } = await recordConsultation(
      t.database.db,
      await actorOf(t, 'bista'),
      {
        person: 'new',
        name: ownerName,
        kana: 'しょうけい げんごろう',
        kind: 'succession',
        heldOn: '2025-08-01',
        discussed: '後継者がいない',
        idempotencyKey: 'listing-test-case',
      },
      { organisations: t.plans.defaultPlan.file.organisations },
    );
    caseId = caseRow.id;
    for (const who of ['business', 'resident', 'bista', 'shokokai', 'shotenkai', 'student'] as const)
      clients.set(who, await new TestClient(t.app).logInAs(who));
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a listing that names the owner, a future consent, or an unknown area, and writes nothing', async () => {
    const bista = await actorOf(t, 'bista');
    const publish = (form: Record<string, string>) =>
      publishSuccessionListing(t.database.db, bista, caseId, form, {
        areas: areas(),
        now: new Date('2025-10-01'),
      });
    const named = await refused(
      () => publish(listingForm({ hopes: `${ownerName.replace(' ', '')}の味を守りたい` })),
      'invalid_input',
    );
    expect(named.details[0]?.message.ja).toContain('経営者の氏名や屋号が含まれています');
    expect(named.details[0]?.message.en).toContain("owner's name");
    await refused(() => publish(listingForm({ reason: `${ownerBusiness}を継いでほしい` })), 'invalid_input');
    await refused(() => publish(listingForm({ consentOn: '2025-12-01' })), 'invalid_input');
    await refused(() => publish(listingForm({ area: 'atlantis' })), 'invalid_input');
    await refused(() => publish(listingForm({ reason: '' })), 'invalid_input');
  });

  it('only a counsellor of the holding organisation publishes, once, from a succession case only', async () => {
    const shokokai = await actorOf(t, 'shokokai');
    await refused(
      () => publishSuccessionListing(t.database.db, shokokai, caseId, listingForm(), { areas: areas() }),
      'not_counsellor',
    );
    const bista = await actorOf(t, 'bista');
    const first = await publishSuccessionListing(t.database.db, bista, caseId, listingForm(), {
      areas: areas(),
    });
    expect(first.changed).toBe(true);
    expect(first.listing.consentCounsellorName).toBe('支援 相談員（架空）');
    expect(first.listing.consentRecordedBy).toBe(bista.accountId);
    listingId = first.listing.id;
    const again = await publishSuccessionListing(t.database.db, bista, caseId, listingForm(), {
      areas: areas(),
    });
    expect(again).toMatchObject({ changed: false, listing: { id: listingId } });
    const { caseRow: startup } = await recordConsultation(
      t.database.db,
      bista,
      {
        person: 'new',
        name: '創業 花子（架空）',
        kana: 'そうぎょう',
        kind: 'startup',
        heldOn: '2025-08-01',
        discussed: '開業',
        idempotencyKey: 'listing-test-startup',
      },
      { organisations: t.plans.defaultPlan.file.organisations },
    );
    await refused(
      () => publishSuccessionListing(t.database.db, bista, startup.id, listingForm(), { areas: areas() }),
      'wrong_case_kind',
    );
  });

  it('candidates register with a profile, browse anonymous listings and express interest once', async () => {
    const business = await actorOf(t, 'business');
    await refused(() => readListingAsCandidate(t.database.db, business, listingId), 'not_candidate');
    await refused(() => registerAsCandidate(t.database.db, business, { profile: '   ' }), 'invalid_input');
    await registerAsCandidate(t.database.db, business, {
      profile: '市内で飲食店を経営。製造業にも関心（架空）',
    });
    await registerAsCandidate(t.database.db, await actorOf(t, 'resident'), {
      profile: '会社員、独立を検討（架空）',
    });
    const listings = await browseListings(t.database.db, business);
    expect(listings.map((l) => l.id)).toEqual([listingId]);
    expect(JSON.stringify(listings)).not.toContain(ownerName);
    expect(JSON.stringify(listings)).not.toContain(ownerBusiness);
    await refused(
      () => expressInterest(t.database.db, business, listingId, { message: '' }),
      'invalid_input',
    );
    const first = await expressInterest(t.database.db, business, listingId, {
      message: 'ぜひお話を伺いたい',
    });
    expect(first.changed).toBe(true);
    const again = await expressInterest(t.database.db, business, listingId, { message: 'もう一度' });
    expect(again).toMatchObject({
      changed: false,
      interest: { id: first.interest.id, message: 'ぜひお話を伺いたい' },
    });
    await expressInterest(t.database.db, await actorOf(t, 'resident'), listingId, {
      message: '興味があります',
    });
  });

  it('discloses the owner to a candidate only after the owner approved them AND they accepted the pledge', async () => {
    const business = await actorOf(t, 'business');
    const bista = await actorOf(t, 'bista');
    const candidate = clients.get('business') as TestClient;
    const bodies = async (who: TestClient) =>
      Promise.all(candidatePaths(listingId).map(async (p) => [p, await (await who.get(p)).text()] as const));
    const expectAbsent = async (who: TestClient) => {
      for (const [path, body] of await bodies(who)) {
        expect(body, path).not.toContain(ownerName);
        expect(body, path).not.toContain(ownerBusiness);
      }
    };

    // before anything: interest only
    await expectAbsent(candidate);
    await refused(() => acceptPledge(t.database.db, business, listingId, { pledge: 'yes' }), 'not_approved');

    // approval by a counsellor of another organisation is refused; by the holder, recorded once
    const { interest } = await readListingAsCandidate(t.database.db, business, listingId);
    if (!interest) throw new Error('interest expected');
    const shokokai = await actorOf(t, 'shokokai');
    await refused(() => approveCandidate(t.database.db, shokokai, caseId, interest.id), 'not_counsellor');
    const approved = await approveCandidate(t.database.db, bista, caseId, interest.id);
    expect(approved.interest.ownerApprovedBy).toBe(bista.accountId);
    expect(approved.interest.ownerApprovedByName).toBe(bista.name);
    expect((await approveCandidate(t.database.db, bista, caseId, interest.id)).changed).toBe(false);

    // approved but no pledge: still anonymous; a pledge without the box ticked changes nothing
    await expectAbsent(candidate);
    const unticked = await candidate.postForm(`/consultations/listings/${listingId}/pledge`, {});
    expect(unticked.status).toBe(422);
    const text = await unticked.text();
    expect(text).toContain('チェックを入れてください');
    expect(text).not.toContain(ownerName);

    const response = await candidate.postForm(`/consultations/listings/${listingId}/pledge`, {
      pledge: 'yes',
    });
    expect(response.status).toBe(303);
    const [row] = await t.database.db
      .select()
      .from(successionInterests)
      .where(eq(successionInterests.id, interest.id));
    expect(row?.pledgeAcceptedBy).toBe(business.accountId);
    expect(row?.pledgeAcceptedAt).toBeInstanceOf(Date);

    // disclosed: the listing's page names the owner, and the read is in the audit log
    const page = await (await candidate.get(`/consultations/listings/${listingId}`)).text();
    expect(page).toContain(ownerName);
    expect(page).toContain(ownerBusiness);
    const reads = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'succession_listing.disclosure_read'));
    expect(reads.some((r) => r.actorAccountId === business.accountId)).toBe(true);
    const trail = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityKey, String(listingId)));
    expect(trail.map((r) => r.action)).toEqual(
      expect.arrayContaining(['succession_interest.express', 'succession_interest.pledge']),
    );
  });

  it('everyone else never sees who the owner is', async () => {
    // the other candidate (interested, not approved), another organisation's staff, an association, a student
    for (const who of ['resident', 'shokokai', 'shotenkai', 'student'] as const) {
      const client = clients.get(who) as TestClient;
      for (const path of [
        ...candidatePaths(listingId),
        `/consultations/cases/${caseId}/listing`,
        `/consultations/cases/${caseId}`,
      ]) {
        const body = await (await client.get(path)).text();
        expect(body, `${who} ${path}`).not.toContain(ownerName);
        expect(body, `${who} ${path}`).not.toContain(ownerBusiness);
      }
    }
    // the holding counsellor's page of the listing shows the candidates, not their accounts' names
    const staffPage = await (
      await (clients.get('bista') as TestClient).get(`/consultations/cases/${caseId}/listing`)
    ).text();
    expect(staffPage).toContain('ぜひお話を伺いたい');
    expect(staffPage).toContain('秘密保持の誓約済み');
  });

  it('a withdrawn listing is gone for candidates not disclosed to, and stays for the one who was', async () => {
    const bista = await actorOf(t, 'bista');
    expect((await withdrawSuccessionListing(t.database.db, bista, caseId)).changed).toBe(true);
    expect((await withdrawSuccessionListing(t.database.db, bista, caseId)).changed).toBe(false);
    const resident = await actorOf(t, 'resident');
    expect(await browseListings(t.database.db, resident)).toEqual([]);
    await refused(() => readListingAsCandidate(t.database.db, resident, listingId), 'not_found');
    const business = await actorOf(t, 'business');
    const read = await readListingAsCandidate(t.database.db, business, listingId);
    expect(read.withdrawn).toBe(true);
    expect(read.owner?.name).toBe(ownerName);
  });

  it('answers bad input on the pages in Japanese, and in English when asked, and changes nothing', async () => {
    const resident = clients.get('resident') as TestClient;
    const before = await written();
    const ja = await resident.postForm('/consultations/listings/candidate', { profile: ' ' });
    expect(ja.status).toBe(422);
    expect(await ja.text()).toContain('入力してください');
    const en = await resident.postForm('/consultations/listings/candidate?lang=en', { profile: '' });
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('Fill this in.');
    expect(await written()).toEqual(before);
  });
});
