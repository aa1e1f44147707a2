import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveBusiness, saveOwnProfile } from '../../src/modules/businesses';
import { createEvent, publishEvent, registerForEvent } from '../../src/modules/events';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { testDatabaseKinds } from '../support/databases';
import { daysFromNow } from '../support/dates';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

const privatePhone = '042-777-0303';

const profile = (name: string, kana: string) => ({
  legalForm: 'sole',
  name,
  kana,
  industryMajor: 'E',
  industryMiddle: '24',
  address: 'あきる野市二宮0-0-70（架空）',
  area: 'akigawa',
  tags: '板金、溶接',
  capabilities: 'TIG溶接、曲げ加工',
  products: 'ステンレス製の看板',
  website: 'https://kinzoku.example.jp/',
  sns: 'https://www.instagram.com/kinzoku_example',
  'membership-shokokai': 'on',
  contactName: '冊子 担当（架空）',
  contactPhone: privatePhone,
  ownerAgeBand: '60s',
});

describe.each(testDatabaseKinds())("the meeting's who's who booklet (%s)", (kind) => {
  let t: TestInstance;
  let shokokai: TestClient;
  let bista: TestClient;
  let meetingId = 0;
  const businessIds: Record<string, number> = {};

  /** a business account with an approved profile, registered for the meeting with its account or not */
  const businessRegistered = async (
    key: string,
    name: string,
    kana: string,
    register: 'account' | 'none',
  ) => {
    const plan = t.plans.defaultPlan;
    const account = await createAccount(t.database.db, {
      municipalityCode: plan.municipalityCode,
      email: `booklet-${key}@example.test`,
      displayName: name,
      role: 'business',
      password: 'booklet-test-2026',
    });
    const owner: Actor = {
      accountId: account.id,
      name,
      municipalityCode: plan.municipalityCode,
      role: 'business',
      organisation: null,
    };
    const { business } = await saveOwnProfile(t.database.db, owner, plan, profile(name, kana));
    await approveBusiness(t.database.db, await actorOf(t, 'admin'), business.id);
    businessIds[key] = business.id;
    if (register === 'account') {
      await registerForEvent(
        t.database.db,
        meetingId,
        {
          name: `${name} 代表`,
          kana,
          email: `booklet-${key}@example.test`,
          idempotencyKey: `booklet-${key}`,
        },
        { account: { id: account.id, displayName: name } },
      );
    }
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    shokokai = await new TestClient(t.app).logInAs('shokokai');
    bista = await new TestClient(t.app).logInAs('bista');
    const organiser = await actorOf(t, 'shokokai');
    const meeting = await createEvent(
      t.database.db,
      organiser,
      {
        category: 'business-networking',
        title: '事業者連携交流会 冬（架空）',
        date: daysFromNow(30),
        startTime: '18:00',
        endTime: '20:00',
        place: '商工会館 大会議室',
        capacity: '40',
        feeYen: '0',
        organiser: 'shokokai',
      },
      {
        organisations: t.plans.defaultPlan.file.organisations,
        categories: t.plans.defaultPlan.file.eventCategories,
      },
    );
    await publishEvent(t.database.db, organiser, meeting.id);
    meetingId = meeting.id;
    await businessRegistered('second', '株式会社わかば金属（架空）', 'わかばきんぞく', 'account');
    await businessRegistered('first', 'あおば板金（架空）', 'あおばばんきん', 'account');
    await businessRegistered('absent', 'さくら溶接（架空）', 'さくらようせつ', 'none');
    // a person registered without an account is not known as a business
    await registerForEvent(t.database.db, meetingId, {
      name: '冊子 ゲスト（架空）',
      kana: 'さっしげすと',
      email: 'booklet-guest@example.test',
      idempotencyKey: 'booklet-guest',
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('offers the businesses registered for the meeting with their accounts, all ticked', async () => {
    const html = await (await shokokai.get(`/businesses/booklet?event=${meetingId}`)).text();
    expect(html).toContain('事業者連携交流会 冬（架空）');
    const ticked = [...html.matchAll(/name="business" value="(\d+)" checked/g)].map((m) => Number(m[1]));
    expect(ticked).toEqual([businessIds.first, businessIds.second]);
    expect(html).not.toContain('さくら溶接（架空）');
    expect(html).not.toContain('冊子 ゲスト（架空）');
  });

  it('adds other businesses found by words, not ticked', async () => {
    const html = await (
      await shokokai.get(`/businesses/booklet?event=${meetingId}&add=${encodeURIComponent('さくら溶接')}`)
    ).text();
    expect(html).toMatch(new RegExp(`name="business" value="${businessIds.absent}"/>`));
  });

  it('prints one block per business in kana order, with what it does and its public contact only', async () => {
    const response = await shokokai.get(
      `/businesses/booklet/print?event=${meetingId}&business=${businessIds.second}&business=${businessIds.first}&business=${businessIds.absent}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const html = await response.text();
    expect(html).toContain('href="/static/booklet.css"');
    const order = [...html.matchAll(/class="booklet-entry"[^>]*data-business="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(order).toEqual([businessIds.first, businessIds.absent, businessIds.second]);
    expect(html).toContain('事業者連携交流会 冬（架空）');
    expect(html).toContain('3事業者');
    for (const text of [
      'あおばばんきん',
      '製造業 — 24 金属製品製造業',
      '板金・溶接',
      'TIG溶接、曲げ加工',
      'ステンレス製の看板',
      'https://kinzoku.example.jp/',
      'https://www.instagram.com/kinzoku_example',
      'あきる野商工会',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`${t.config.publicBaseUrl}/businesses/${businessIds.first}`);
    expect(html.match(/class="qr-code"/g)?.length).toBe(3);
    expect(html).not.toContain(privatePhone);
    expect(html).not.toContain('冊子 担当（架空）');
  });

  it('refuses a booklet with no business, saying what to do', async () => {
    const response = await shokokai.get(`/businesses/booklet/print?event=${meetingId}`);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('冊子に載せる事業者を1つ以上選んでください');
  });

  it("leaves another organisation's meeting to its organisers: who registered is personal data", async () => {
    const response = await bista.get(`/businesses/booklet?event=${meetingId}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('あおば板金（架空）');
    expect(
      (await bista.get(`/businesses/booklet/print?event=${meetingId}&business=${businessIds.first}`)).status,
    ).toBe(403);
    // without a meeting, any listed business's public profile can still be printed
    expect((await bista.get(`/businesses/booklet/print?business=${businessIds.first}`)).status).toBe(200);
  });
});
