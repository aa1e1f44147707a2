import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveBusiness, saveOwnProfile } from '../../src/modules/businesses';
import { createCampaign, decideCourse, proposeCourse } from '../../src/modules/events';
import { approveShop, joinProgramme } from '../../src/modules/points';
import { findShops, registerShopForBusiness, saveShopProfile } from '../../src/modules/shops';
import { shopProfiles } from '../../src/modules/shops/schema';
import { parseShopQuery } from '../../src/modules/shops/shop-service';
import type { Account } from '../../src/platform/auth/accounts';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';
import { demoActor } from './points-support';
import { businessIdOf, registerTestShops, shopForm } from './shop-fixtures';

// Monday 2 November 2026, noon in Japan; Tuesday 3 November is 文化の日
const mondayNoon = new Date('2026-11-02T12:00:00+09:00');
const holidayNoon = new Date('2026-11-03T12:00:00+09:00');

const inDays = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

describe.each(testDatabaseKinds())('shops on the residents’ map (%s)', (kind) => {
  let t: TestInstance;
  const ids = { wagashi: 0, cafe: 0, sake: 0, seiko: 0 };
  const db = () => t.database.db;
  const plan = () => t.plans.defaultPlan;

  beforeAll(async () => {
    t = await startInstance(kind);
    Object.assign(ids, await registerTestShops(t));
    ids.seiko = await businessIdOf(t, '株式会社あきがわ精工（架空）');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const names = (shops: Awaited<ReturnType<typeof findShops>>) => shops.map((s) => s.business.name);
  const filter = (query: Record<string, string>) => parseShopQuery(query, plan().file.areas);

  it('lists every shop in kana order with its category, station area and state now', async () => {
    const shops = await findShops(db(), plan(), filter({}), mondayNoon);
    expect(names(shops)).toEqual([
      'カフェ 秋川テラス（架空）',
      '増戸の酒店 みずほ屋（架空）',
      '和菓子処 こもれび（架空）',
    ]);
    const wagashi = shops.find((s) => s.business.id === ids.wagashi);
    expect(wagashi?.area).toBe('akigawa');
    expect(wagashi?.state.open).toBe(true);
    expect(wagashi?.state.closesAt).toEqual({ date: '2026-11-02', minute: 18 * 60 });
    // the public fields of the directory only
    expect(Object.keys(wagashi?.business ?? {})).not.toContain('contactPhone');
  });

  it('filters by category, station area and open now, holidays and closing days included', async () => {
    expect(names(await findShops(db(), plan(), filter({ category: 'food' }), mondayNoon))).toEqual([
      'カフェ 秋川テラス（架空）',
    ]);
    expect(names(await findShops(db(), plan(), filter({ area: 'musashi-masuko' }), mondayNoon))).toEqual([
      '増戸の酒店 みずほ屋（架空）',
    ]);
    // 文化の日: the 和菓子店 closes for the holiday (and on Tuesdays); the others open as usual
    expect(names(await findShops(db(), plan(), filter({ open: '1' }), holidayNoon))).toEqual([
      'カフェ 秋川テラス（架空）',
      '増戸の酒店 みずほ屋（架空）',
    ]);
    // Saturday 1:30 a.m.: only the café, whose Friday evening runs until 2:00
    const lateNight = new Date('2026-11-07T01:30:00+09:00');
    expect(names(await findShops(db(), plan(), filter({ open: '1' }), lateNight))).toEqual([
      'カフェ 秋川テラス（架空）',
    ]);
    expect(
      names(
        await findShops(db(), plan(), filter({ open: '1', category: 'retail', area: 'akigawa' }), mondayNoon),
      ),
    ).toEqual(['和菓子処 こもれび（架空）']);
  });

  it('places a shop whose business names no area in the area of the nearest station', async () => {
    const { stationAreaOf } = await import('../../src/modules/shops');
    const areas = plan().file.areas;
    expect(stationAreaOf({ area: null, latitude: 35.7321, longitude: 139.2275 }, areas)).toBe('itsukaichi');
    expect(stationAreaOf({ area: null, latitude: 35.7262, longitude: 139.31 }, areas)).toBe('higashi-akiru');
    expect(stationAreaOf({ area: 'yozawa', latitude: 35.7262, longitude: 139.31 }, areas)).toBe('yozawa');
    expect(stationAreaOf({ area: null, latitude: null, longitude: null }, areas)).toBeNull();
  });

  it('refuses a bad query in both languages', async () => {
    const error = await refusal(Promise.resolve().then(() => filter({ category: 'bakery' })));
    expect(error.status).toBe(400);
    expect((await refusal(Promise.resolve().then(() => filter({ area: 'shinjuku' })))).status).toBe(400);
    expect((await refusal(Promise.resolve().then(() => filter({ open: 'yes' })))).status).toBe(400);
  });

  it('a business keeps its own shop: a bad form changes nothing, the same form twice writes once, audited', async () => {
    const seiko = await demoActor(t, 'seiko');
    const [before] = await db().select({ n: count() }).from(shopProfiles);
    const bad = await refusal(
      saveShopProfile(db(), seiko, {
        ...shopForm('retail', [['9:00', '17:00']]),
        'mon-1-closes': '25:00',
        'tue-2-opens': '12:00',
        'wed-1-opens': '',
        'wed-1-closes': '',
        category: 'bakery',
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.details.map((d) => d.field).sort()).toEqual([
      'category',
      'mon-1-closes',
      'tue-2-closes',
      'wed-1-opens',
    ]);
    expect(bad.details.find((d) => d.field === 'mon-1-closes')?.message.ja).toContain('月曜日の営業時間');
    expect((await db().select({ n: count() }).from(shopProfiles))[0]).toEqual(before);
    const closedAllWeek = await refusal(
      saveShopProfile(
        db(),
        seiko,
        shopForm('retail', [], { closed: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] }),
      ),
    );
    expect(closedAllWeek.details[0]?.message.en).toContain('closed every day');
    const needsHolidayHours = await refusal(
      saveShopProfile(db(), seiko, shopForm('retail', [['9:00', '17:00']], { holidayRule: 'hours' })),
    );
    expect(needsHolidayHours.details[0]?.field).toBe('holiday-1-opens');

    const form = shopForm('retail', [['９：００', '17:00']], { closed: ['sun'], note: '工場直売は平日のみ' });
    expect((await saveShopProfile(db(), seiko, form)).outcome).toBe('created');
    expect((await saveShopProfile(db(), seiko, form)).outcome).toBe('unchanged');
    expect((await saveShopProfile(db(), seiko, { ...form, category: 'service' })).outcome).toBe('updated');
    const audit = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityKey, String(ids.seiko)))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('shop.'))).toEqual([
      'shop.create',
      'shop.update',
    ]);
  });

  it('only a business keeps its shop, and only staff register one for a business without an account', async () => {
    const resident = await actorOf(t, 'resident');
    expect(
      (await refusal(saveShopProfile(db(), resident, shopForm('food', [['9:00', '17:00']])))).status,
    ).toBe(403);
    // the demo business account keeps no profile yet
    const business = await actorOf(t, 'business');
    expect((await refusal(saveShopProfile(db(), business, shopForm('food', [['9:00', '17:00']])))).code).toBe(
      'business_profile_required',
    );
    expect(
      (
        await refusal(
          registerShopForBusiness(db(), resident, ids.sake, shopForm('food', [['9:00', '17:00']])),
        )
      ).status,
    ).toBe(403);
    const staff = await actorOf(t, 'shokokai');
    expect(
      (await refusal(registerShopForBusiness(db(), staff, ids.seiko, shopForm('food', [['9:00', '17:00']]))))
        .code,
    ).toBe('kept_by_business');
  });

  it('finds the shops that take るのかーど and those teaching a まちゼミ course to come, through those modules', async () => {
    const seiko = await demoActor(t, 'seiko');
    const joined = await joinProgramme(db(), seiko);
    await approveShop(db(), await actorOf(t, 'admin'), joined.shop.id);
    expect(names(await findShops(db(), plan(), filter({ runocard: '1' })))).toEqual([
      '株式会社あきがわ精工（架空）',
    ]);

    const choices = { organisations: plan().file.organisations, categories: plan().file.eventCategories };
    const campaign = await createCampaign(
      db(),
      await actorOf(t, 'shotenkai'),
      {
        category: 'machizemi',
        title: 'テストのまちゼミ（架空）',
        organiser: 'shotenkai',
        startsOn: inDays(20),
        endsOn: inDays(40),
        proposalsCloseOn: inDays(10),
      },
      choices,
    );
    const account = (await db().query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, 'seiko@demo.tsunagu.example'),
    })) as Account;
    const { course } = await proposeCourse(db(), account, campaign.id, {
      shopName: '株式会社あきがわ精工（架空）',
      title: 'はじめての金属加工（架空）',
      description: '',
      teacher: '工場長（架空）',
      date: inDays(30),
      startTime: '10:00',
      endTime: '11:30',
      place: '工場',
      capacity: '6',
      feeYen: '0',
      bring: '',
      idempotencyKey: 'shops-test-course',
    });
    expect(names(await findShops(db(), plan(), filter({ machizemi: '1' })))).toEqual([]);
    await decideCourse(
      db(),
      await actorOf(t, 'shotenkai'),
      { campaignId: campaign.id, courseId: course.id },
      { decision: 'approve' },
      choices,
    );
    const teaching = await findShops(db(), plan(), filter({ machizemi: '1' }));
    expect(names(teaching)).toEqual(['株式会社あきがわ精工（架空）']);
    expect(teaching[0]?.courses.map((c) => c.title)).toEqual(['はじめての金属加工（架空）']);
  });

  it('shows the map with the list, the GeoJSON of the same shops, and a shop page without private data', async () => {
    const visitor = new TestClient(t.app);
    const page = await visitor.get('/shops?category=retail&area=akigawa');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-features="/api/v1/shops?category=retail&amp;area=akigawa"');
    expect(html).toContain('和菓子処 こもれび（架空）');
    expect(html).not.toContain('カフェ 秋川テラス（架空）');
    const geo = (await (await visitor.get('/api/v1/shops?category=retail&area=akigawa')).json()) as {
      features: { id: number; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    expect(geo.features.map((f) => f.id)).toEqual([ids.wagashi]);
    expect(geo.features[0]?.properties.category).toEqual({
      code: 'retail',
      name: '小売',
      nameEn: 'Shops (retail)',
    });
    expect(geo.features[0]?.properties.url).toMatch(new RegExp(`/shops/${ids.wagashi}$`));
    expect(typeof geo.features[0]?.properties.openNow).toBe('boolean');
    const bad = await visitor.get('/shops?area=shinjuku');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('地区を一覧から選んでください');
    expect((await visitor.get('/api/v1/shops?category=x')).status).toBe(400);

    const shop = await (await visitor.get(`/shops/${ids.seiko}`)).text();
    expect(shop).toContain('株式会社あきがわ精工（架空）');
    expect(shop).toContain('工場直売は平日のみ');
    expect(shop).toContain('はじめての金属加工（架空）');
    expect(shop).toContain('data-slot="articles"');
    expect(shop).not.toMatch(/contact|担当者|電話/);
    // a business of the directory that is no shop has no shop page
    const manufacturer = await businessIdOf(t, '有限会社ますこ板金（架空）');
    expect((await visitor.get(`/shops/${manufacturer}`)).status).toBe(404);
  });

  it('a business saves its shop through the form and reads the problems in its language', async () => {
    const owner = await new TestClient(t.app).logInAs('business');
    // a profile first, approved by staff
    await saveOwnProfile(db(), await actorOf(t, 'business'), plan(), {
      legalForm: 'sole',
      name: 'テストの定食屋（架空）',
      kana: 'てすとのていしょくや',
      industryMajor: 'M',
      address: 'あきる野市五日市0-0-9（架空）',
      latitude: '35.7320',
      longitude: '139.2270',
    });
    const mine = await businessIdOf(t, 'テストの定食屋（架空）');
    await approveBusiness(db(), await actorOf(t, 'admin'), mine);
    const form = await (await owner.get('/shops/mine')).text();
    expect(form).toContain('五日市（武蔵五日市駅周辺）');
    const refused = await owner.postForm('/shops/mine?lang=en', {
      ...shopForm('food', [['11:00', '11:00']]),
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Opening and closing are the same');
    const saved = await owner.postForm(
      '/shops/mine',
      shopForm('food', [['11:00', '14:00']], { closed: ['wed'] }),
    );
    expect(saved.status).toBe(303);
    const shop = await (await owner.get(`/shops/${mine}?lang=ja`)).text();
    expect(shop).toContain('11:00–14:00');
    expect(shop).toContain('定休日');
    expect(shop).toContain('お店の情報を変更する');
  });
});
