import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed';
import { campaignCourses, eventCampaigns } from '../../src/modules/events/campaigns/schema';
import {
  type CampaignInput,
  type CourseInput,
  createCampaign,
  decideCourse,
  listCoursesForStaff,
  proposeCourse,
  updateCourse,
  withdrawCourse,
} from '../../src/modules/events/campaigns/service';
import { registerForEvent } from '../../src/modules/events/registration-service';
import { events } from '../../src/modules/events/schema';
import { loadPlans } from '../../src/modules/plan/catalogue';
import { measureYear } from '../../src/modules/plan/service';
import type { Actor } from '../../src/platform/audit';
import { type Account, createAccount } from '../../src/platform/auth/accounts';
import type { Role } from '../../src/platform/auth/roles';
import type { UserError } from '../../src/platform/errors';
import { accounts, auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

/** A date some days from today, in Japan, as yyyy-mm-dd. */
function daysFromNow(days: number, from = Date.now()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(from + days * 86_400_000),
  );
}

const akiruno = {
  organisations: [{ code: 'shotenkai' }, { code: 'shokokai' }],
  categories: [{ code: 'machizemi' }],
};

const campaignInput = (overrides: Partial<CampaignInput> = {}): CampaignInput => ({
  category: 'machizemi',
  title: '第1回 まちゼミ（架空）',
  description: 'お店の人が講師の少人数の講座',
  organiser: 'shotenkai',
  startsOn: daysFromNow(20),
  endsOn: daysFromNow(50),
  proposalsCloseOn: daysFromNow(10),
  ...overrides,
});

const courseInput = (overrides: Partial<CourseInput> = {}): CourseInput => ({
  shopName: '架空の和菓子店',
  title: '季節の練り切りをつくろう',
  description: '和菓子職人が教える、練り切りの基本。',
  teacher: '和菓子職人 山本（架空）',
  date: daysFromNow(30),
  startTime: '10:00',
  endTime: '11:30',
  place: '架空の和菓子店 店内',
  capacity: 6,
  feeYen: 500,
  bring: 'エプロン',
  idempotencyKey: `course-form-${Math.random().toString(36).slice(2)}`,
  ...overrides,
});

/** Everything campaigns can change, to compare before and after a refused request. */
async function campaignData(t: TestInstance) {
  const db = t.database.db;
  const [campaigns, courses, eventRows, [audit]] = await Promise.all([
    db.select().from(eventCampaigns).orderBy(asc(eventCampaigns.id)),
    db.select().from(campaignCourses).orderBy(asc(campaignCourses.id)),
    db.select().from(events).orderBy(asc(events.id)),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { campaigns, courses, events: eventRows, audit: audit?.n ?? 0 };
}

const messagesOf = (e: UserError) => [e.userMessage.ja, ...e.details.map((d) => d.message.ja)].join(' ');

describe.each(testDatabaseKinds())('まちゼミ campaigns (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;
  let shop: Account;
  let otherShop: Account;

  async function accountOf(email: string): Promise<Account> {
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    if (!row) throw new Error(`no account ${email}`);
    return { ...row, role: row.role as Role };
  }

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await actorOf(t, 'shotenkai');
    shop = await accountOf('business@demo.tsunagu.example');
    otherShop = await createAccount(t.database.db, {
      municipalityCode: shop.municipalityCode,
      email: 'business2@demo.tsunagu.example',
      displayName: '架空の花屋',
      role: 'business',
      password: demoPassword,
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const newCampaign = (overrides: Partial<CampaignInput> = {}) =>
    createCampaign(t.database.db, staff, campaignInput(overrides), akiruno);

  describe('creating a campaign', () => {
    it.each([
      [
        'a last day before the first',
        { endsOn: daysFromNow(15) },
        '開催期間の最終日: 初日と同じか、それより後の日',
      ],
      ['a deadline after the campaign', { proposalsCloseOn: daysFromNow(60) }, '開催期間の最終日までの日'],
      ['a deadline that has passed', { proposalsCloseOn: daysFromNow(-1) }, '過ぎた日付は選べません'],
      ['a kind the plan does not declare', { category: 'woodwork' }, '種類を一覧から選んでください'],
      ['no title', { title: ' ' }, '題名: 題名を入力してください'],
    ])('refuses %s with a clear message, and writes nothing', async (_, overrides, message) => {
      const before = await campaignData(t);
      const error = await refusal(newCampaign(overrides));
      expect(error.status).toBe(422);
      expect(messagesOf(error)).toContain(message);
      expect(await campaignData(t)).toEqual(before);
    });
  });

  describe('proposing a course', () => {
    it('takes a proposal from a business, and the same form sent twice gives one proposal', async () => {
      const campaign = await newCampaign();
      const input = courseInput();
      const [a, b] = await Promise.all([
        proposeCourse(t.database.db, shop, campaign.id, input),
        proposeCourse(t.database.db, shop, campaign.id, input),
      ]);
      expect(a.course.id).toBe(b.course.id);
      expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
      expect(a.course.status).toBe('proposed');
      const rows = await t.database.db
        .select()
        .from(campaignCourses)
        .where(eq(campaignCourses.campaignId, campaign.id));
      expect(rows).toHaveLength(1);
    });

    it.each([
      ['a date before the campaign', { date: daysFromNow(19) }, '開催日: まちゼミの開催期間'],
      ['a date after the campaign', { date: daysFromNow(51) }, '開催日: まちゼミの開催期間'],
      ['a capacity of 0', { capacity: 0 }, '定員: 定員は1人以上にしてください'],
      ['a capacity over 100', { capacity: 101 }, '定員は100人以下'],
      ['a fee with a fraction', { feeYen: 10.5 }, '受講料・材料費: 参加費は円単位の整数'],
      ['an end before the start', { startTime: '12:00', endTime: '11:00' }, '終了時刻: 開始時刻より後'],
      ['no teacher', { teacher: '' }, '講師: 講師を入力してください'],
    ])('refuses %s with a clear message, and writes nothing', async (_, overrides, message) => {
      const campaign = await newCampaign();
      const before = await campaignData(t);
      const error = await refusal(
        proposeCourse(t.database.db, shop, campaign.id, courseInput(overrides as Partial<CourseInput>)),
      );
      expect(error.status).toBe(422);
      expect(messagesOf(error)).toContain(message);
      expect(await campaignData(t)).toEqual(before);
    });

    it('refuses a proposal after the deadline, and one from an account that is not a business', async () => {
      const campaign = await newCampaign();
      const before = await campaignData(t);
      const late = await refusal(
        proposeCourse(t.database.db, shop, campaign.id, courseInput(), {
          now: new Date(Date.now() + 11 * 86_400_000),
        }),
      );
      expect(late.status).toBe(409);
      expect(late.userMessage.ja).toContain('締め切りました');
      const resident = await accountOf('resident@demo.tsunagu.example');
      const notAShop = await refusal(proposeCourse(t.database.db, resident, campaign.id, courseInput()));
      expect(notAShop.status).toBe(403);
      expect(notAShop.userMessage.ja).toContain('事業者のアカウントだけ');
      expect(await campaignData(t)).toEqual(before);
    });

    it('lets the business change and withdraw its proposal until it is decided', async () => {
      const campaign = await newCampaign();
      const { course } = await proposeCourse(t.database.db, shop, campaign.id, courseInput());
      const changed = await updateCourse(t.database.db, shop, course.id, courseInput({ capacity: 8 }));
      expect(changed.changed).toBe(true);
      expect(changed.course.capacity).toBe(8);
      const before = await campaignData(t);
      expect((await updateCourse(t.database.db, shop, course.id, courseInput({ capacity: 8 }))).changed).toBe(
        false,
      );
      expect(await campaignData(t)).toEqual(before);
      // another shop cannot touch it: for them it does not exist
      expect((await refusal(withdrawCourse(t.database.db, otherShop, course.id))).status).toBe(404);
      expect((await withdrawCourse(t.database.db, shop, course.id)).changed).toBe(true);
      expect((await withdrawCourse(t.database.db, shop, course.id)).changed).toBe(false);
      const decided = await refusal(
        decideCourse(
          t.database.db,
          staff,
          { campaignId: campaign.id, courseId: course.id },
          { decision: 'approve' },
          akiruno,
        ),
      );
      expect(decided.status).toBe(409);
      expect((await refusal(updateCourse(t.database.db, shop, course.id, courseInput()))).status).toBe(409);
    });
  });

  describe('deciding', () => {
    it('makes one published event of an approved course, also when approve is clicked ten times at once', async () => {
      const campaign = await newCampaign();
      const { course } = await proposeCourse(t.database.db, shop, campaign.id, courseInput({ capacity: 2 }));
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          decideCourse(
            t.database.db,
            staff,
            { campaignId: campaign.id, courseId: course.id },
            { decision: 'approve', comment: 'ありがとうございます' },
            akiruno,
          ),
        ),
      );
      expect(results.filter((r) => r.changed)).toHaveLength(1);
      const eventIds = new Set(results.map((r) => r.course.eventId));
      expect(eventIds.size).toBe(1);
      const eventId = [...eventIds][0] as number;
      const [event] = await t.database.db.select().from(events).where(eq(events.id, eventId));
      expect(event).toMatchObject({
        status: 'published',
        category: 'machizemi',
        title: '季節の練り切りをつくろう（架空の和菓子店）',
        capacity: 2,
        feeYen: 500,
        organiser: 'shotenkai',
        municipalityCode: staff.municipalityCode,
      });
      expect(event?.description).toContain('講師：和菓子職人 山本（架空）');
      const created = await t.database.db
        .select({ n: count() })
        .from(auditLog)
        .where(eq(auditLog.action, 'campaign_course.approve'));
      expect(created[0]?.n).toBeGreaterThanOrEqual(1);

      // people register, and wait, exactly as for any event
      const people = await Promise.all(
        [1, 2, 3].map((n) =>
          registerForEvent(t.database.db, eventId, {
            name: `受講者${n}（架空）`,
            kana: 'じゅこうしゃ',
            email: `student${n}@example.jp`,
            idempotencyKey: `machizemi-${n}`,
          }),
        ),
      );
      expect(people.map((p) => p.registration.status).sort()).toEqual(['confirmed', 'confirmed', 'waiting']);
    });

    it('leaves the proposal as it was when its event cannot be made', async () => {
      const campaign = await newCampaign({
        startsOn: daysFromNow(1),
        endsOn: daysFromNow(3),
        proposalsCloseOn: daysFromNow(1),
      });
      const { course } = await proposeCourse(
        t.database.db,
        shop,
        campaign.id,
        courseInput({ date: daysFromNow(2) }),
      );
      const before = await campaignData(t);
      // the day has passed by the time staff decide
      const error = await refusal(
        decideCourse(
          t.database.db,
          staff,
          { campaignId: campaign.id, courseId: course.id },
          { decision: 'approve' },
          { ...akiruno, now: new Date(Date.now() + 5 * 86_400_000) },
        ),
      );
      expect(messagesOf(error)).toContain('過ぎた日付は選べません');
      expect(await campaignData(t)).toEqual(before);
    });

    it('sends a proposal back with a comment; the business changes it and it is proposed again', async () => {
      const campaign = await newCampaign();
      const { course } = await proposeCourse(t.database.db, shop, campaign.id, courseInput());
      const where = { campaignId: campaign.id, courseId: course.id };
      const back = await decideCourse(
        t.database.db,
        staff,
        where,
        { decision: 'return', comment: '時間を午後にできますか' },
        akiruno,
      );
      expect(back.course).toMatchObject({
        status: 'returned',
        staffComment: '時間を午後にできますか',
        eventId: null,
      });
      const again = await updateCourse(
        t.database.db,
        shop,
        course.id,
        courseInput({ startTime: '14:00', endTime: '15:30' }),
      );
      expect(again.course.status).toBe('proposed');
      const declined = await decideCourse(t.database.db, staff, where, { decision: 'decline' }, akiruno);
      expect(declined.course.status).toBe('declined');
      expect(declined.course.eventId).toBeNull();
      const bad = await refusal(decideCourse(t.database.db, staff, where, { decision: 'maybe' }, akiruno));
      expect(bad.status).toBe(422);
    });

    it("lets only the organiser's staff and admins create a campaign and decide on its courses", async () => {
      const campaign = await newCampaign();
      const { course } = await proposeCourse(t.database.db, shop, campaign.id, courseInput());
      const chamber = await actorOf(t, 'shokokai');
      const before = await campaignData(t);
      const notOurs = await refusal(
        decideCourse(
          t.database.db,
          chamber,
          { campaignId: campaign.id, courseId: course.id },
          { decision: 'approve' },
          akiruno,
        ),
      );
      expect(notOurs.status).toBe(403);
      const forOthers = await refusal(createCampaign(t.database.db, chamber, campaignInput(), akiruno));
      expect(messagesOf(forOthers)).toContain('ご自分の機関が主催するまちゼミだけ');
      expect(await campaignData(t)).toEqual(before);
      const admin = await actorOf(t, 'admin');
      const approved = await decideCourse(
        t.database.db,
        admin,
        { campaignId: campaign.id, courseId: course.id },
        { decision: 'approve' },
        akiruno,
      );
      expect(approved.course.status).toBe('approved');
    });

    it('shows the staff every proposal of their municipality, and nothing to another municipality', async () => {
      const campaign = await newCampaign();
      await proposeCourse(t.database.db, shop, campaign.id, courseInput());
      await proposeCourse(t.database.db, otherShop, campaign.id, courseInput({ shopName: '架空の花屋' }));
      const { courses } = await listCoursesForStaff(t.database.db, staff, campaign.id);
      expect(courses.map((c) => c.shopName).sort()).toEqual(['架空の和菓子店', '架空の花屋']);
      const stranger: Actor = { accountId: null, name: 'よその町', municipalityCode: '999991' };
      expect((await refusal(listCoursesForStaff(t.database.db, stranger, campaign.id))).status).toBe(404);
      const elsewhere = await refusal(
        decideCourse(
          t.database.db,
          stranger,
          { campaignId: campaign.id, courseId: courses[0]?.id ?? 0 },
          { decision: 'approve' },
          akiruno,
        ),
      );
      expect(elsewhere.status).toBe(404);
    });
  });

  describe('pages', () => {
    it('a business sees only its own proposals; the public page lists approved courses by date and by shop', async () => {
      const campaign = await newCampaign({ title: '公開ページのまちゼミ（架空）' });
      const mine = await proposeCourse(
        t.database.db,
        shop,
        campaign.id,
        courseInput({ title: '和菓子の講座' }),
      );
      const theirs = await proposeCourse(
        t.database.db,
        otherShop,
        campaign.id,
        courseInput({ shopName: '架空の花屋', title: '花束の講座', date: daysFromNow(25) }),
      );
      const waiting = await proposeCourse(
        t.database.db,
        shop,
        campaign.id,
        courseInput({ title: '審査中の講座' }),
      );

      const shopClient = await new TestClient(t.app).logInAs('business');
      const own = await (await shopClient.get('/events/courses')).text();
      expect(own).toContain('和菓子の講座');
      expect(own).not.toContain('花束の講座');
      expect((await shopClient.get(`/events/courses/${theirs.course.id}`)).status).toBe(404);
      const edit = await shopClient.postForm(
        `/events/courses/${theirs.course.id}`,
        courseInput() as Record<string, string>,
      );
      expect(edit.status).toBe(404);

      for (const c of [mine, theirs]) {
        await decideCourse(
          t.database.db,
          staff,
          { campaignId: campaign.id, courseId: c.course.id },
          { decision: 'approve' },
          akiruno,
        );
      }
      const visitor = new TestClient(t.app);
      const byDate = await (await visitor.get(`/events/campaigns/${campaign.id}`)).text();
      expect(byDate.indexOf('花束の講座')).toBeLessThan(byDate.indexOf('和菓子の講座'));
      expect(byDate).not.toContain('審査中の講座');
      expect(byDate).toContain('data-field="courses">2講座');
      const byShop = await (await visitor.get(`/events/campaigns/${campaign.id}?by=shop`)).text();
      expect(byShop).toMatch(/<h2[^>]*>架空の和菓子店<\/h2>[\s\S]*和菓子の講座/);
      expect(byShop).toMatch(/<h2[^>]*>架空の花屋<\/h2>[\s\S]*花束の講座/);
      expect(waiting.course.status).toBe('proposed');

      // the staff page shows every proposal; a resident is refused it
      const staffPage = await (
        await (
          await new TestClient(t.app).logInAs('shotenkai')
        ).get(`/events/campaigns/manage/${campaign.id}`)
      ).text();
      expect(staffPage).toContain('審査中の講座');
      expect(staffPage).toContain('花束の講座');
      const resident = await new TestClient(t.app).logInAs('resident');
      expect((await resident.get(`/events/campaigns/manage/${campaign.id}`)).status).toBe(403);
      expect(
        (
          await resident.postForm(
            `/events/campaigns/${campaign.id}/proposals`,
            courseInput() as Record<string, string>,
          )
        ).status,
      ).toBe(403);
    });

    it('shows the shop who registered for its own approved course, and nobody else the list', async () => {
      const campaign = await newCampaign({ title: '名簿のまちゼミ（架空）' });
      const mine = await proposeCourse(
        t.database.db,
        shop,
        campaign.id,
        courseInput({ title: '名簿の講座' }),
      );
      const theirs = await proposeCourse(
        t.database.db,
        otherShop,
        campaign.id,
        courseInput({ shopName: '架空の花屋', title: '花屋の名簿の講座' }),
      );
      const shopClient = await new TestClient(t.app).logInAs('business');
      // before approval there is nobody to list yet
      const early = await shopClient.get(`/events/courses/${mine.course.id}/participants`);
      expect(early.status).toBe(409);
      expect(await early.text()).toContain('承認されて公開されてから');

      for (const c of [mine, theirs]) {
        await decideCourse(
          t.database.db,
          staff,
          { campaignId: campaign.id, courseId: c.course.id },
          { decision: 'approve' },
          akiruno,
        );
      }
      const [approved] = await t.database.db
        .select()
        .from(campaignCourses)
        .where(eq(campaignCourses.id, mine.course.id));
      await registerForEvent(t.database.db, approved?.eventId ?? 0, {
        name: '名簿 花子（架空）',
        kana: 'めいぼ はなこ',
        email: 'meibo@example.jp',
        phone: '042-000-0000',
        idempotencyKey: 'machizemi-participant-1',
      });

      const page = await shopClient.get(`/events/courses/${mine.course.id}/participants`);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toContain('no-store');
      const html = await page.text();
      expect(html).toContain('名簿 花子（架空）');
      expect(html).toContain('0420000000');
      expect(html).toContain('参加確定 1人（定員 6人）');
      const csv = await shopClient.get(`/events/courses/${mine.course.id}/participants.csv`);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(await csv.text()).toContain('名簿 花子（架空）');
      // the course page links to it
      expect(await (await shopClient.get(`/events/courses/${mine.course.id}`)).text()).toContain(
        `/events/courses/${mine.course.id}/participants`,
      );

      // another shop's course is not found; a resident is refused
      expect((await shopClient.get(`/events/courses/${theirs.course.id}/participants`)).status).toBe(404);
      expect((await shopClient.get(`/events/courses/${theirs.course.id}/participants.csv`)).status).toBe(404);
      const resident = await new TestClient(t.app).logInAs('resident');
      expect((await resident.get(`/events/courses/${mine.course.id}/participants`)).status).toBe(403);
    });

    it('refuses a proposal with a date outside the period through the form, keeping what was typed', async () => {
      const campaign = await newCampaign();
      const shopClient = await new TestClient(t.app).logInAs('business');
      const before = await campaignData(t);
      const response = await shopClient.postForm(
        `/events/campaigns/${campaign.id}/proposals`,
        courseInput({ date: daysFromNow(70), title: '期間外の講座' }) as Record<string, string>,
      );
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('開催日: まちゼミの開催期間');
      expect(html).toContain('value="期間外の講座"');
      expect(await campaignData(t)).toEqual(before);
      const english = await shopClient.postForm(
        `/events/campaigns/${campaign.id}/proposals?lang=en`,
        courseInput({ capacity: 0 }) as Record<string, string>,
      );
      expect(await english.text()).toContain('Capacity: The capacity must be at least 1.');
    });

    it('writes every change to the audit log, in words', async () => {
      const campaign = await newCampaign({ title: '監査のまちゼミ（架空）' });
      const { course } = await proposeCourse(t.database.db, shop, campaign.id, courseInput());
      await decideCourse(
        t.database.db,
        staff,
        { campaignId: campaign.id, courseId: course.id },
        { decision: 'approve' },
        akiruno,
      );
      const entries = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(campaign.id)))
        .orderBy(asc(auditLog.id));
      expect(entries.filter((e) => e.entityType === 'event_campaign').map((e) => e.action)).toEqual([
        'event_campaign.create',
        'campaign_course.propose',
        'campaign_course.approve',
      ]);
      const admin = await new TestClient(t.app).logInAs('admin');
      const page = await (await admin.get('/admin/audit?entityType=event_campaign')).text();
      expect(page).toContain('講座の承認（イベントとして公開）');
      expect(page).toContain('講座の提案');
      expect(page).toContain('まちゼミの作成');
    });
  });

  describe('the plan metric events.courses', () => {
    it('counts approved courses by the fiscal year of their day, with the records behind the number', async () => {
      const plans = await loadPlans(['tests/fixtures/campaigns-town.yaml'], t.metrics);
      const plan = plans.defaultPlan;
      const db = t.database.db;
      const make = async (role: Role, email: string) =>
        createAccount(db, {
          municipalityCode: plan.municipalityCode,
          email,
          displayName: email,
          role,
          password: 'campaigns-town-2026',
        });
      const townStaffAccount = await make('association', 'staff@campaigns-town.example');
      const townShop = await make('business', 'shop@campaigns-town.example');
      const townStaff: Actor = {
        accountId: townStaffAccount.id,
        name: '職員',
        municipalityCode: plan.municipalityCode,
        role: 'association',
        organisation: 'town',
      };
      const choices = { organisations: [], categories: plan.file.eventCategories };
      const at = (date: string) => new Date(`${date}T09:00:00+09:00`);
      // a campaign across the end of FY2025: 2026-03-01 … 2026-04-30, proposed and decided in February
      const campaign = await createCampaign(
        db,
        townStaff,
        campaignInput({
          organiser: 'town',
          startsOn: '2026-03-01',
          endsOn: '2026-04-30',
          proposalsCloseOn: '2026-02-20',
        }),
        { ...choices, now: at('2026-02-01') },
      );
      const course = async (date: string, decision: 'approve' | 'decline' | null) => {
        const { course: c } = await proposeCourse(
          db,
          townShop,
          campaign.id,
          courseInput({ date, title: `講座 ${date}` }),
          {
            now: at('2026-02-10'),
          },
        );
        if (decision)
          await decideCourse(
            db,
            townStaff,
            { campaignId: campaign.id, courseId: c.id },
            { decision },
            {
              ...choices,
              now: at('2026-02-25'),
            },
          );
        return c;
      };
      const first = await course('2026-03-10', 'approve');
      await course('2026-03-31', 'approve'); // last day of FY2025
      await course('2026-04-01', 'approve'); // first day of FY2026
      await course('2026-03-15', 'decline');
      await course('2026-03-20', null); // still awaiting a decision

      const fy2025 = await measureYear(db, plan, t.metrics, 2025);
      const row = fy2025.projects.find((p) => p.project.code === 'machizemi');
      expect(row?.actual).toBe(2);
      expect(row?.measurement.records).toEqual([
        expect.objectContaining({ label: '講座 2026-03-10（架空の和菓子店）', date: '2026-03-10', value: 1 }),
        expect.objectContaining({ date: '2026-03-31', value: 1 }),
      ]);
      const [firstEvent] = await db.select().from(campaignCourses).where(eq(campaignCourses.id, first.id));
      expect(row?.measurement.records[0]?.href).toBe(`/events/manage/${firstEvent?.eventId}`);
      expect((await measureYear(db, plan, t.metrics, 2026)).projects[0]?.actual).toBe(1);
      // no course in FY2027: nothing recorded, not zero
      expect((await measureYear(db, plan, t.metrics, 2027)).projects[0]?.actual).toBeNull();
    });
  });
});
