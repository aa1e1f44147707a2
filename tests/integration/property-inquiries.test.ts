import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed';
import { recordConsultation } from '../../src/modules/consultations';
import type { MetricRequest } from '../../src/modules/plan/metric-registry';
import {
  approveListing,
  changeStage,
  confirmStillAvailable,
  findListings,
  postListing,
  reviewStaleListings,
  sendInquiry,
} from '../../src/modules/properties';
import { properties, propertyInquiries } from '../../src/modules/properties/schema';
import { noFilter } from '../../src/modules/properties/search';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { fiscalYearOf } from '../../src/platform/fiscal-year';
import { mailOutbox } from '../../src/platform/mail/schema';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';
import { vacantShop } from './property-fixtures';

const day = 86_400_000;
const inquiry = (key: string, overrides: Record<string, string> = {}) => ({
  businessPlan: 'テイクアウト中心のパン屋（架空）',
  startingWhen: '2027年春',
  budgetYen: '80000',
  message: '内見を希望します。',
  idempotencyKey: key,
  ...overrides,
});

describe.each(testDatabaseKinds())('inquiries and the life of a listing (%s)', (kind) => {
  let t: TestInstance;
  let shotenkai: Actor;
  let admin: Actor;
  let resident: Actor;
  let business: Actor;
  const plan = () => t.plans.defaultPlan;
  const publicTitles = () =>
    findListings(t.database.db, plan().municipalityCode, noFilter).then((rows) => rows.map((r) => r.title));
  const listed = async (title: string) => {
    const { listing } = await postListing(t.database.db, shotenkai, plan(), vacantShop({ title }));
    await approveListing(t.database.db, admin, listing.id);
    return listing.id;
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    shotenkai = await actorOf(t, 'shotenkai');
    admin = await actorOf(t, 'admin');
    resident = await actorOf(t, 'resident');
    business = await actorOf(t, 'business');
    // the resident consults Bi@Sta about starting up: a start-up case Bi@Sta holds
    await recordConsultation(
      t.database.db,
      await actorOf(t, 'bista'),
      {
        person: 'account',
        accountEmail: 'resident@demo.tsunagu.example',
        kind: 'startup',
        heldOn: '2026-06-01',
        discussed: 'パン屋の創業の相談（架空）',
        idempotencyKey: 'property-inquiry-case',
      },
      { organisations: plan().file.organisations },
    );
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('stores a retried inquiry once and tells the poster once, by mail', async () => {
    const id = await listed('問い合わせを受ける店舗（架空）');
    const first = await sendInquiry(t.database.db, resident, id, inquiry('inquiry-once-0001'));
    const again = await sendInquiry(t.database.db, resident, id, inquiry('inquiry-once-0001'));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.inquiry.id).toBe(first.inquiry.id);
    const [stored] = await t.database.db
      .select({ n: count() })
      .from(propertyInquiries)
      .where(eq(propertyInquiries.propertyId, id));
    expect(stored?.n).toBe(1);
    const mails = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.template, 'properties.inquiry'));
    expect(mails.filter((m) => (m.params as { propertyId: number }).propertyId === id)).toHaveLength(1);
    expect(mails[0]?.toAddress).toBe('shotenkai@demo.tsunagu.example');
    expect(first.inquiry.budgetYen).toBe(80000);
  });

  it('links a shared inquiry to the applicant’s start-up case, and an unshared one to nothing', async () => {
    const id = await listed('相談員に共有する店舗（架空）');
    const shared = await sendInquiry(
      t.database.db,
      resident,
      id,
      inquiry('inquiry-shared-01', { shareWithCounsellor: 'on' }),
    );
    expect(shared.inquiry.counsellorOrganisation).toBe('bista');
    expect(shared.inquiry.consultationCaseId).toBeGreaterThan(0);
    const unshared = await sendInquiry(t.database.db, business, id, inquiry('inquiry-unshared-1'));
    expect(unshared.inquiry.shareWithCounsellor).toBe(false);
    expect(unshared.inquiry.consultationCaseId).toBeNull();
  });

  it('tells an applicant who asked to share but has no start-up case that no counsellor sees it', async () => {
    const id = await listed('共有先のない店舗（架空）');
    const applicant = await new TestClient(t.app).logInAs('student');
    const response = await applicant.postForm(`/properties/${id}/inquiries`, {
      ...inquiry('inquiry-no-case-01'),
      shareWithCounsellor: 'on',
    });
    expect(response.status).toBe(303);
    const page = await (await applicant.get(response.headers.get('location') ?? '')).text();
    expect(page).toContain('問い合わせを送りました');
    expect(page).toContain('相談員には共有していません');
  });

  it('shows an inquiry to its poster, its applicant and the counsellors of the shared case, and to nobody else', async () => {
    const id = await listed('見える人を確かめる店舗（架空）');
    const secret = '見える人の確認用の事業計画（架空）';
    await sendInquiry(
      t.database.db,
      resident,
      id,
      inquiry('inquiry-visibility', { businessPlan: secret, shareWithCounsellor: 'on' }),
    );
    // another 商店会 account that did not post it
    await createAccount(t.database.db, {
      municipalityCode: plan().municipalityCode,
      email: 'other-association@demo.tsunagu.example',
      displayName: '別の商店会（架空）',
      role: 'association',
      organisation: 'shotenkai',
      password: demoPassword,
    });
    const sees = async (who: string, path: string) => {
      const client =
        who === 'visitor'
          ? new TestClient(t.app)
          : await new TestClient(t.app).logInAs(who === 'other' ? 'other-association' : who);
      const response = await client.get(path);
      return { status: response.status, shows: (await response.text()).includes(secret) };
    };
    const manage = `/properties/${id}/manage`;
    expect(await sees('shotenkai', manage)).toEqual({ status: 200, shows: true });
    expect(await sees('other', manage)).toEqual({ status: 404, shows: false });
    expect(await sees('shokokai', manage)).toEqual({ status: 404, shows: false });
    expect(await sees('business', manage)).toEqual({ status: 403, shows: false });
    expect(await sees('visitor', manage)).toEqual({ status: 401, shows: false });
    expect(await sees('resident', '/properties/inquiries/mine')).toEqual({ status: 200, shows: true });
    expect(await sees('business', '/properties/inquiries/mine')).toEqual({ status: 200, shows: false });
    expect(await sees('student', '/properties/inquiries/mine')).toEqual({ status: 200, shows: false });
    expect(await sees('bista', '/properties/inquiries/shared')).toEqual({ status: 200, shows: true });
    expect(await sees('shokokai', '/properties/inquiries/shared')).toEqual({ status: 200, shows: false });
    expect(await sees('admin', '/properties/inquiries/shared')).toEqual({ status: 200, shows: true });
    for (const path of [`/properties/${id}`, '/properties', '/api/v1/properties']) {
      for (const who of ['visitor', 'business', 'student', 'other'])
        expect((await sees(who, path)).shows, `${who} ${path}`).toBe(false);
    }
  });

  it('refuses an inquiry from a poster’s role and about a listing not public', async () => {
    const { listing } = await postListing(
      t.database.db,
      shotenkai,
      plan(),
      vacantShop({ title: '非公開（架空）' }),
    );
    await expect(
      sendInquiry(t.database.db, resident, listing.id, inquiry('inquiry-pending-1')),
    ).rejects.toThrow(/not_found/);
    await expect(
      sendInquiry(t.database.db, shotenkai, listing.id, inquiry('inquiry-poster-01')),
    ).rejects.toThrow(/forbidden/);
  });

  it('moves a listing 募集中 → 商談中 → 成約 with the start-up, off the public list, audited', async () => {
    const id = await listed('成約する店舗（架空）');
    expect(await changeStage(t.database.db, shotenkai, id, { stage: 'negotiating' })).toBe('changed');
    expect(await publicTitles()).toContain('成約する店舗（架空）');
    expect(await changeStage(t.database.db, shotenkai, id, { stage: 'negotiating' })).toBe('unchanged');
    await changeStage(t.database.db, shotenkai, id, {
      stage: 'contracted',
      contractedOn: '2026-07-01',
      startup: 'on',
    });
    const [row] = await t.database.db.select().from(properties).where(eq(properties.id, id));
    expect(row).toMatchObject({ stage: 'contracted', contractedOn: '2026-07-01', startup: true });
    expect(await publicTitles()).not.toContain('成約する店舗（架空）');
    await expect(changeStage(t.database.db, shotenkai, id, { stage: 'open' })).rejects.toThrow(
      /invalid_input/,
    );
    const stages = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'property.stage'));
    expect(
      stages.filter((e) => e.entityKey === String(id)).map((e) => (e.after as { stage: string }).stage),
    ).toEqual(['negotiating', 'contracted']);
  });

  it('counts listings, inquiries, 成約 and start-ups by fiscal year and kind for the plan', async () => {
    const measure = async (key: string, fiscalYear: number, params: Record<string, string> = {}) => {
      const source = t.metrics.get(key);
      if (!source) throw new Error(`${key} is not registered`);
      const [m] = await source.measure(t.database.db, { plan: plan(), fiscalYear }, [
        { subject: {} as MetricRequest['subject'], binding: { key, params } },
      ]);
      return m;
    };
    const before = (await measure('properties.startups', 2027))?.value ?? 0;
    const id = await listed('数える店舗（架空）');
    await sendInquiry(t.database.db, resident, id, inquiry('inquiry-metrics-01'));
    // a contract of 2027-05 counts in 令和9年度 (FY2027), not FY2026
    await t.database.db
      .update(properties)
      .set({ stage: 'contracted', contractedOn: '2027-05-10', startup: true })
      .where(eq(properties.id, id));
    expect((await measure('properties.startups', 2027))?.value).toBe(before + 1);
    const contracts = await measure('properties.contracts', 2027, { kind: 'shop', area: 'akigawa' });
    expect(contracts?.records.map((r) => r.href)).toContain(`/properties/${id}`);
    expect((await measure('properties.contracts', 2027, { kind: 'house' }))?.value ?? 0).toBe(0);
    expect((await measure('properties.listings', fiscalYearOf(new Date())))?.value).toBeGreaterThanOrEqual(1);
    expect(
      (await measure('properties.inquiries', fiscalYearOf(new Date())))?.records.some((r) =>
        r.label.includes(`物件 #${id}`),
      ),
    ).toBe(true);
    // the drill-down names no person
    expect(JSON.stringify(contracts)).not.toContain('田中');
  });

  it('refuses a business that is not in the directory as the one that moved in, and changes nothing', async () => {
    const id = await listed('入居者の番号を間違える店舗（架空）');
    await expect(
      changeStage(t.database.db, shotenkai, id, { stage: 'contracted', movedInBusinessId: '999999' }),
    ).rejects.toThrow(/invalid_input/);
    const [row] = await t.database.db.select().from(properties).where(eq(properties.id, id));
    expect(row?.stage).toBe('open');
  });

  it('asks a listing untouched for 60 days to be confirmed, hides it 14 days later, and shows it again when confirmed', async () => {
    const id = await listed('放置される店舗（架空）');
    const [row] = await t.database.db.select().from(properties).where(eq(properties.id, id));
    const since = (row?.confirmedAt ?? new Date(0)).getTime();
    const at = (days: number) => ({ now: new Date(since + days * day) });
    const asked = async () =>
      (
        await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'properties.confirm'))
      ).filter((m) => (m.params as { propertyId: number }).propertyId === id);

    await reviewStaleListings(t.database.db, at(59));
    expect(await asked()).toHaveLength(0);
    await reviewStaleListings(t.database.db, at(60.1));
    await reviewStaleListings(t.database.db, at(61));
    expect(await asked()).toHaveLength(1);
    expect((await asked())[0]?.toAddress).toBe('shotenkai@demo.tsunagu.example');
    await reviewStaleListings(t.database.db, at(73));
    expect(await publicTitles()).toContain('放置される店舗（架空）');
    await reviewStaleListings(t.database.db, at(74.2));
    expect(await publicTitles()).not.toContain('放置される店舗（架空）');
    // the poster still sees it, and confirming shows it again
    const poster = await new TestClient(t.app).logInAs('shotenkai');
    expect((await poster.get(`/properties/${id}`)).status).toBe(200);
    expect((await new TestClient(t.app).get(`/properties/${id}`)).status).toBe(404);
    await confirmStillAvailable(t.database.db, shotenkai, id);
    expect(await publicTitles()).toContain('放置される店舗（架空）');
  });

  it('leaves a listing that its poster changed within 60 days alone', async () => {
    const id = await listed('手入れされる店舗（架空）');
    const [row] = await t.database.db.select().from(properties).where(eq(properties.id, id));
    const since = (row?.confirmedAt ?? new Date(0)).getTime();
    await reviewStaleListings(t.database.db, { now: new Date(since + 30 * day) });
    expect(await publicTitles()).toContain('手入れされる店舗（架空）');
    const [after] = await t.database.db.select().from(properties).where(eq(properties.id, id));
    expect(after?.confirmationAskedAt).toBeNull();
  });
});
