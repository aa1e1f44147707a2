import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoActivity } from '../../src/demo/activity';
import { type DemoStory, demoConsultationStories, seedDemoConsultations } from '../../src/demo/consultations';
import { seedDemoEvents } from '../../src/demo/events';
import { demoRatio } from '../../src/demo/seed';
import { publishedArticles } from '../../src/modules/community';
import { fiscalYearOfDay } from '../../src/modules/consultations';
import { listEventsForStaff } from '../../src/modules/events';
import { checkLedger } from '../../src/modules/points';
import { fiscalYearRange, todayInJapan } from '../../src/platform/fiscal-year';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, apiProgress, dashboardRow, startInstance } from './helpers';

/**
 * The demo of `npm start` (decisions 015 and 026): its fictional events and consultations are written
 * through the events and consultations modules, the dashboard's projects and KPI bound to them take
 * their actuals from those records, the directory grows to a few hundred businesses, and seeding
 * again doubles nothing.
 */

const eventProjects = [
  'succession-seminar',
  'startup-school',
  'management-seminar',
  'digital-seminar',
  'founders-meetup',
  'business-networking',
  'marche',
  'machizemi',
];

/** What the demo has written, table by table, to compare before and after a second seeding. */
async function demoCounts(t: TestInstance) {
  const tables = [
    'events',
    'event_sessions',
    'event_registrations',
    'event_attendance',
    'event_campaigns',
    'campaign_courses',
    'consultation_clients',
    'consultation_cases',
    'consultations',
    'consultation_milestones',
    'loan_uses',
    'member_bodies',
    'members',
    'membership_denominators',
    'community_articles',
    'community_article_revisions',
    'community_collaborations',
    'succession_self_checks',
    'succession_outreach',
    'points_shops',
    'points_shop_periods',
    'ledger_requests',
    'ledger_transfers',
    'course_follow_ups',
    'audit_log',
    'mail_outbox',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

describe.each(testDatabaseKinds())('the demo of npm start (%s)', (kind) => {
  let t: TestInstance;
  let admin: TestClient;
  let created = 0;
  let stories: DemoStory[] = [];

  beforeAll(async () => {
    t = await startInstance(kind, { seedDemoActivity: true });
    created = (await t.demoActivity).events;
    stories = demoConsultationStories(t.plans.defaultPlan, todayInJapan());
    admin = await new TestClient(t.app).logInAs('admin');
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('writes events for every project measured by events, and sends no mail to its fictional people', async () => {
    expect(created).toBeGreaterThan(100);
    const counts = await demoCounts(t);
    expect(counts.event_registrations).toBeGreaterThan(500);
    expect(counts.event_attendance).toBeGreaterThan(500);
    expect(counts.mail_outbox).toBe(0);
  });

  it('shows on the dashboard actuals measured from attendance, at a plausible share of each target', async () => {
    for (const fiscalYear of [2023, 2024, 2025]) {
      for (const code of eventProjects) {
        const row = await apiProgress(admin, fiscalYear, code);
        expect(row.actual, `${code} ${fiscalYear}`).not.toBeNull();
        expect(row.achievementPercent, `${code} ${fiscalYear}`).toBeGreaterThanOrEqual(50);
        expect(row.achievementPercent, `${code} ${fiscalYear}`).toBeLessThanOrEqual(150);
      }
    }
    // people at events: exactly the target × the demo's ratio, as the manual demo figures are
    const seminar = await apiProgress(admin, 2025, 'succession-seminar');
    expect(seminar.actual).toBe(Math.round(45 * demoRatio('succession-seminar', 2025)));
    expect(await dashboardRow(admin, 2025, 'succession-seminar')).toMatchObject({
      target: '45人',
      actual: `${seminar.actual}人`,
    });
    // this year so far: held events count, the ones to come do not yet
    for (const code of eventProjects) {
      expect((await apiProgress(admin, 2026, code)).actual, code).not.toBeNull();
    }
  });

  it('drills down from the actual to the events behind it and their attendance', async () => {
    const row = await apiProgress(admin, 2025, 'startup-school');
    expect(row.records).toHaveLength(1);
    const [course] = row.records as { label: string; value: number; href?: string; detail?: string }[];
    expect(course?.label).toBe('創業塾（全5回）（令和7年度）');
    expect(course?.value).toBe(row.actual);
    expect(course?.detail).toMatch(
      /申込 \d+人・出席 \d+人（1回目 \d+人、2回目 \d+人、3回目 \d+人、4回目 \d+人、5回目 \d+人）/,
    );
    const page = await (await admin.get('/plan/projects/startup-school?fy=2025')).text();
    expect(page).toContain('創業塾（全5回）（令和7年度）');
    expect(page).toContain(`href="${course?.href}"`);
    const event = await admin.get(course?.href as string);
    expect(event.status).toBe(200);
    expect(await event.text()).toContain('財務：資金計画と創業融資');
  });

  it('holds a 創業塾 of five lectures, upcoming events to register for, and a まちゼミ with approved courses', async () => {
    const events = await listEventsForStaff(t.database.db, await actorOf(t, 'admin'));
    const school = events.find((e) => e.title === '創業塾（全5回）（令和7年度）');
    expect(school?.sessions.map((s) => s.topic)).toEqual([
      'management',
      'finance',
      'human-resources',
      'sales-channels',
      'management',
    ]);
    const upcoming = events.filter((e) => e.status === 'published' && e.startsAt > new Date());
    expect(upcoming.length).toBeGreaterThan(5);
    // the next 創業者交流会 is full and has a waiting list
    expect(upcoming.find((e) => e.category === 'founders-meetup')).toMatchObject({ waiting: 2 });
    const list = await (await new TestClient(t.app).get('/events')).text();
    expect(list).toContain('あきる野マルシェ');
    const campaigns = await (await new TestClient(t.app).get('/events/campaigns')).text();
    expect(campaigns).toContain('あきる野まちゼミ（令和8年度）');
    expect((await apiProgress(admin, 2025, 'machizemi')).records.length).toBeGreaterThan(20);
  });

  it('runs a まちゼミ as shops do: bookings by phone, who came, and last year’s return rate per shop', async () => {
    expect((await t.demoActivity).machizemi).toBeGreaterThan(30);
    const [phoned] = await t.database.query<{ course: number }>(
      `select c.id as course from event_registrations r
         join campaign_courses c on c.event_id = r.event_id join event_campaigns k on k.id = c.campaign_id
        where r.channel = 'phone' and r.seats > 1 and r.note <> '' and k.title like '%令和8年度%'
        order by c.starts_at desc limit 1`,
    );
    expect(phoned).toBeDefined();
    const shop = await new TestClient(t.app).logInAs('business');
    const bookings = await (await shop.get(`/events/courses/${phoned?.course}/bookings`)).text();
    expect(bookings).toContain('data-channel="phone"');
    expect(bookings).toContain('data-channel="online"');
    expect(bookings).toContain('ご家族でいらっしゃいます');
    const [lastYear] = await t.database.query<{ id: number }>(
      `select id from event_campaigns where title like '%令和7年度%' and title like '%まちゼミ%'`,
    );
    const staff = await new TestClient(t.app).logInAs('shotenkai');
    const returns = await (await staff.get(`/events/campaigns/manage/${lastYear?.id}/returns`)).text();
    expect(returns.match(/<tr data-shop=/g)?.length).toBeGreaterThan(3);
    expect(returns).toMatch(/<tr data-total="true">[\s\S]*?\d+%（\d+\/\d+人）/);
    expect((await demoCounts(t)).course_follow_ups).toBeGreaterThan(10);
  });

  it('grows the directory to a few hundred businesses across industries, which Japanese searches find', async () => {
    const all = (await (await new TestClient(t.app).get('/api/v1/businesses')).json()) as {
      features: { properties: { name: string; industry: { major: string } } }[];
    };
    expect(all.features.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all.features.map((f) => f.properties.industry.major)).size).toBeGreaterThanOrEqual(10);
    const names = async (query: string) =>
      (
        (await (await new TestClient(t.app).get(`/api/v1/businesses?${query}`)).json()) as typeof all
      ).features.map((f) => f.properties.name);
    // 「菓子」 finds the 菓子店 of every place and the 和菓子 shop; kana finds by reading
    const sweets = await names(`q=${encodeURIComponent('菓子')}`);
    expect(sweets).toContain('和菓子処 こもれび（架空）');
    expect(sweets).toContain('五日市菓子店（架空）');
    expect(await names(`q=${encodeURIComponent('いつかいちかしてん')}`)).toEqual(['五日市菓子店（架空）']);
    const machining = await names(`q=${encodeURIComponent('切削加工')}&area=itsukaichi`);
    expect(machining).toContain('株式会社五日市精機（架空）');
    expect(machining).not.toContain('株式会社二宮精機（架空）');
  });

  it('puts the shops on the map with their hours, and prints a paper map a year with its print run', async () => {
    type Shops = {
      features: { properties: { name: string; category: { code: string }; area: { code: string } | null } }[];
    };
    const shops = async (query = '') =>
      ((await (await new TestClient(t.app).get(`/api/v1/shops${query}`)).json()) as Shops).features;
    const all = await shops();
    expect(all.length).toBeGreaterThan(60);
    expect(new Set(all.map((f) => f.properties.category.code))).toEqual(
      new Set(['food', 'retail', 'service']),
    );
    expect(all.every((f) => f.properties.area !== null)).toBe(true);
    const yozawaFood = (await shops('?category=food&area=yozawa')).map((f) => f.properties.name);
    expect(yozawaFood).toContain('そば処 養沢庵（架空）');
    expect(yozawaFood).toContain('養沢やまめ園（架空）');
    expect(yozawaFood.every((name) => all.some((f) => f.properties.name === name))).toBe(true);
    // this year's まちゼミ has courses still to come, taught by the demo's まちゼミ shops
    const teachers = (await shops('?machizemi=1')).map((f) => f.properties.name);
    expect(teachers.length).toBeGreaterThan(0);
    const campaigns = await (await new TestClient(t.app).get('/events/campaigns')).text();
    expect(campaigns).toContain('あきる野まちゼミ');
    const editions = await (await admin.get('/shops/editions')).text();
    expect(editions.match(/data-edition=/g)?.length).toBe(4);
    expect(editions).toContain('27,500部');
    // Akiruno's 地域マップの作成 counts the print runs of the editions issued in each year
    expect(await apiProgress(admin, 2024, 'area-map')).toMatchObject({ actual: 27500 });
    expect((await apiProgress(admin, 2025, 'area-map')).records).toHaveLength(1);
  });

  it('publishes the students’ articles about demo shops and records the collaborations of past years', async () => {
    expect((await t.demoActivity).articles).toBe(13);
    const list = await (await new TestClient(t.app).get('/articles')).text();
    for (const title of [
      '朝七時、栗どら焼きが焼きあがる店',
      '川を眺めるテラス席で、地元野菜のランチ',
      '地酒と話せる酒屋さん',
    ]) {
      expect(list).toContain(title);
    }
    const recorded = await (await admin.get('/collaborations?fy=2025')).text();
    expect(recorded).toContain('地酒に合う和菓子の詰め合わせ');
    // each article is listed on the page of the shop it is about
    const [article] = await publishedArticles(t.database.db, t.plans.defaultPlan.municipalityCode, {
      limit: 1,
    });
    const shopPage = await (await new TestClient(t.app).get(`/shops/${article?.businessId}`)).text();
    expect(shopPage).toContain(article?.title);
    expect(shopPage).toContain(`href="${article?.href}"`);
  });

  it('shows the 商工会 a succession needs map with numbers, 「5未満」 for 養沢 and the outreach done', async () => {
    const staff = await new TestClient(t.app).logInAs('shokokai');
    const html = await (await staff.get('/succession/needs')).text();
    const yozawa = /<tr data-area="yozawa">[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(yozawa).toContain('5未満');
    const geo = (await (await staff.get('/api/v1/succession/needs')).json()) as {
      features: { properties: { area: string; count: number | null } }[];
    };
    const itsukaichi = geo.features.find((f) => f.properties.area === 'itsukaichi');
    expect(itsukaichi?.properties.count).toBeGreaterThanOrEqual(20);
    expect(html).toContain('事業承継セミナー（五日市会館）');
  });

  // seeding again reads every demo record back: longer than a test's default on a busy machine
  it('doubles nothing when seeded again, as at every start on the same data', async () => {
    const before = await demoCounts(t);
    expect(await seedDemoActivity(t.database.db, t.plans.defaultPlan)).toEqual({
      events: 0,
      consultations: 0,
      businesses: 0,
      members: 0,
      shops: 0,
      articles: 0,
      succession: 0,
      points: 0,
      machizemi: 0,
    });
    expect(await demoCounts(t)).toEqual(before);
  }, 120_000);

  it('writes consultations for start-ups, succession and loans, and sends no mail to their people', async () => {
    const counts = await demoCounts(t);
    expect(counts.consultations).toBe(stories.reduce((n, s) => n + s.visits.length, 0));
    expect(counts.consultation_clients).toBe(stories.length);
    expect(counts.loan_uses).toBe(stories.reduce((n, s) => n + s.loans.length, 0));
    expect(counts.mail_outbox).toBe(0);
  });

  it("shows on the dashboard the consultations' new clients, loans and 創業件数 that the records give", async () => {
    const plan = t.plans.defaultPlan;
    const inYear = (day: string | undefined, fy: number) => day !== undefined && fiscalYearOfDay(day) === fy;
    const firstIn = (kind: DemoStory['kind'], fy: number) =>
      stories.filter((s) => s.kind === kind && inYear(s.visits[0], fy)).length;
    for (const fy of [2023, 2024, 2025, 2026]) {
      const expected: [string, number][] = [
        ['startup-consultation', firstIn('startup', fy)],
        ['succession-consultation', firstIn('succession', fy)],
        ['business-loans', stories.flatMap((s) => s.loans).filter((l) => inYear(l.on, fy)).length],
      ];
      for (const [code, value] of expected) {
        const row = await apiProgress(admin, fy, code);
        expect(row.actual, `${code} ${fy}`).toBe(value);
        expect(row.records, `${code} ${fy}`).toHaveLength(value);
        if (fy < 2026) {
          expect(row.achievementPercent, `${code} ${fy}`).toBeGreaterThanOrEqual(50);
          expect(row.achievementPercent, `${code} ${fy}`).toBeLessThanOrEqual(150);
        }
      }
      // the plan's 69 of 令和2年度, and every Bi@Sta 創業 since, to the end of the year
      const startups = stories.filter(
        (s) =>
          s.organisation === 'bista' &&
          s.startedOn !== undefined &&
          s.startedOn > fiscalYearRange(plan.baselineYear).end &&
          s.startedOn <= fiscalYearRange(fy).end,
      ).length;
      const kpi = await apiProgress(admin, fy, 'bista-startups', 'kpis');
      expect(kpi.actual, `bista-startups ${fy}`).toBe(69 + startups);
      expect(kpi.records, `bista-startups ${fy}`).toHaveLength(1 + startups);
    }
    expect((await apiProgress(admin, 2025, 'bista-startups', 'kpis')).actual).toBeGreaterThan(100);
  });

  it('gives るのかーど a history of shops joining and leaving, and wallets that bought and spent this year’s certificates', async () => {
    expect((await t.demoActivity).points).toBeGreaterThan(100);
    // 取扱店舗数 at each year's end, from the participation periods: past the plan's 100 in 令和5年度
    const counted = async (fy: number) => (await apiProgress(admin, fy, 'runocard')).actual;
    expect(await counted(2023)).toBe(100);
    expect(await counted(2024)).toBe(104);
    expect(await counted(2025)).toBe(109);
    const office = await new TestClient(t.app).logInAs('shokokai');
    const manage = await (await office.get('/points/manage')).text();
    expect(manage).toContain('取扱終了');
    expect(manage).toContain('デジタル商品券');
    const wallet = await (
      await new TestClient(t.app).logInAs('resident').then((c) => c.get('/points/wallet'))
    ).text();
    expect(wallet).toContain('デジタル商品券');
    const [journal] = await t.database.query<{ payments: number; refunds: number }>(
      `select count(*) filter (where kind = 'payment')::int as payments,
              count(*) filter (where kind = 'refund')::int as refunds from ledger_requests`,
    );
    expect(journal?.payments).toBeGreaterThan(100);
    expect(journal?.refunds).toBeGreaterThan(0);
    expect(await checkLedger(t.database.db)).toEqual([]);
  });

  it('gives the membership KPIs from the demo member lists, year by year', async () => {
    for (const fy of [2023, 2025]) {
      const day = `${fy + 1}-03-31`;
      const [row] = await t.database.query<{ n: number }>(
        `select count(*)::int as n from members m join member_bodies b on b.id = m.body_id
         where b.kind = 'shotenkai' and m.joined_on <= '${day}' and (m.left_on is null or m.left_on > '${day}')`,
      );
      const kpi = await apiProgress(admin, fy, 'shotenkai-members', 'kpis');
      expect(kpi.actual, `shotenkai-members ${fy}`).toBe(Number(row?.n));
      expect(kpi.records, 'one record per 商店会').toHaveLength(5);
    }
    const rate = await apiProgress(admin, 2025, 'shokokai-membership-rate', 'kpis');
    expect(rate.actual).toBe(61.9);
  });
});

describe('the demo seeding, stopped and started again (pglite)', () => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await startInstance('pglite');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('completes after a start stopped half-way what it had begun, and doubles nothing', async () => {
    const stopAfter = (steps: number) => {
      let asked = 0;
      return () => asked++ >= steps;
    };
    const demoEvents = async () =>
      (await listEventsForStaff(t.database.db, await actorOf(t, 'admin'))).filter((e) =>
        e.description.includes('架空のサンプルデータ'),
      );
    // stopped after the first event and a few of its registrations
    expect(await seedDemoEvents(t.database.db, t.plans.defaultPlan, { stopped: stopAfter(10) })).toBe(1);
    const [begun] = await demoEvents();
    expect(begun).toMatchObject({ confirmed: 7, attended: 0 });

    await seedDemoEvents(t.database.db, t.plans.defaultPlan, { stopped: stopAfter(400) });
    const after = await demoEvents();
    expect(after.length).toBeGreaterThan(1);
    const same = after.find((e) => e.id === begun?.id);
    expect(same?.confirmed).toBeGreaterThan(7);
    expect(same?.attended).toBeGreaterThan(0);
    // one event per title, one registration per person and event
    const titles = after.filter((e) => e.category !== 'machizemi').map((e) => e.title);
    expect(new Set(titles).size).toBe(titles.length);
    const [doubled] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from (select event_id, email from event_registrations
         group by event_id, email having count(*) > 1) d`,
    );
    expect(Number(doubled?.n)).toBe(0);
  });

  it('finishes the consultations a start stopped half-way, each written once', async () => {
    const stopAfter = (steps: number) => {
      let asked = 0;
      return () => asked++ >= steps;
    };
    const plan = t.plans.defaultPlan;
    // as on the first of June 2023: the plan's first two months, and the start-ups of the two years before
    const now = new Date('2023-06-01T12:00:00+09:00');
    // a step before each consultation and before each case's outcomes
    const begun = await seedDemoConsultations(t.database.db, plan, { now, stopped: stopAfter(30) });
    expect(begun).toBeGreaterThan(10);
    expect(begun).toBeLessThanOrEqual(30);
    const rest = await seedDemoConsultations(t.database.db, plan, { now });
    const visits = demoConsultationStories(plan, '2023-06-01').reduce((n, s) => n + s.visits.length, 0);
    expect(visits).toBeGreaterThan(60);
    expect(begun + rest).toBe(visits);
    const [row] = await t.database.query<{ n: number; keys: number }>(
      'select count(*)::int as n, count(distinct idempotency_key)::int as keys from consultations',
    );
    expect(Number(row?.n)).toBe(visits);
    expect(Number(row?.keys)).toBe(visits);
  });

  it('seeds nothing into a database without the demo accounts', async () => {
    const bare = await startInstance('pglite', { seedDemo: false });
    try {
      expect(await seedDemoActivity(bare.database.db, bare.plans.defaultPlan)).toEqual({
        events: 0,
        consultations: 0,
        businesses: 0,
        members: 0,
        shops: 0,
        articles: 0,
        succession: 0,
        points: 0,
        machizemi: 0,
      });
    } finally {
      await bare.stop();
    }
  });
});
