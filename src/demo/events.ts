import type { Db } from '../db/connection';
import {
  type CampaignRow,
  type CourseRow,
  checkIn,
  createCampaign,
  createEvent,
  decideCourse,
  type EventWithCounts,
  listCampaigns,
  listCoursesForStaff,
  listEventsForStaff,
  proposeCourse,
  publishEvent,
  registerForEvent,
} from '../modules/events';
import type { Plan, Project } from '../modules/plan';
import type { Actor } from '../platform/audit';
import { fiscalYearOf, todayInJapan, warekiFiscalYear } from '../platform/fiscal-year';
import { atJapan, day, isoDay, plusDays } from './days';
import { type DemoActors, demoActors, fictionalName } from './people';
import { demoRatio, demoSource } from './seed';

/**
 * Fictional events for every project the plan measures by events, so that the dashboard of a demo
 * shows actuals that come from attendance: seminars and meet-ups with registrations and check-ins in
 * the plan's past years and so far this year, a 創業塾 of five lectures, マルシェ days, a まちゼミ
 * campaign a year with the shops' approved courses, and upcoming events residents can register for.
 * Everything goes through the events module's own functions (the same rules as a person at a form),
 * dated as it would have happened; see decision 015.
 */

const marker = `※ この催しは${demoSource}です（デモ用の架空の催しです）。`;

type Template = {
  organiser: string;
  title: (n: number) => string;
  description: string;
  kind: 'single' | 'course';
  /** months (1–12) of the fiscal year the events are held in, in fiscal order */
  months: number[];
  weekday: number;
  startTime: string;
  endTime: string;
  place: string;
  area: string;
  capacity: number;
  feeYen: number;
  /** visitors of a marché do not register; its count is of days held */
  registers: boolean;
};

const seminarRoom = 'あきる野商工会 会議室（架空の会場案内）';
const bistaRoom = 'Bi@Sta セミナールーム（架空の会場案内）';

/** What each kind of event of the plan looks like in the demo (第4章's projects measured by events). */
const templates: Record<string, Template> = {
  'succession-seminar': {
    organiser: 'bista',
    title: (n) =>
      n % 2 ? '事業承継セミナー「第三者への承継（M&A）入門」' : '事業承継セミナー「親族内承継の進め方」',
    description: '後継者への引継ぎの準備、株式・資産の承継、支援制度を専門家が解説します。個別相談会つき。',
    kind: 'single',
    months: [7, 1],
    weekday: 3,
    startTime: '14:00',
    endTime: '16:00',
    place: bistaRoom,
    area: 'akigawa',
    capacity: 50,
    feeYen: 0,
    registers: true,
  },
  'startup-school': {
    organiser: 'bista',
    title: () => '創業塾（全5回）',
    description:
      '創業に必要な「経営」「財務」「人材育成」「販路開拓」の4つの分野を、1か月にわたる5回の講座で学びます。全回受講で特定創業支援等事業の証明書の対象になります。',
    kind: 'course',
    months: [10],
    weekday: 6,
    startTime: '13:30',
    endTime: '16:30',
    place: bistaRoom,
    area: 'akigawa',
    capacity: 30,
    feeYen: 3000,
    registers: true,
  },
  'management-seminar': {
    organiser: 'shokokai',
    title: (n) =>
      n % 2 ? '経営支援セミナー「価格転嫁と資金繰り」' : '経営支援セミナー「補助金の上手な使い方」',
    description: '小規模事業者の経営課題を取り上げ、商工会の経営指導員と専門家が具体例で解説します。',
    kind: 'single',
    months: [6, 12],
    weekday: 4,
    startTime: '18:30',
    endTime: '20:00',
    place: seminarRoom,
    area: 'akigawa',
    capacity: 40,
    feeYen: 0,
    registers: true,
  },
  'digital-seminar': {
    organiser: 'shokokai',
    title: (n) =>
      n % 2
        ? 'デジタル化促進セミナー「キャッシュレスと電子帳簿」'
        : 'デジタル化促進セミナー「SNSで伝えるお店の魅力」',
    description:
      'はじめての方向けに、お店や事業所ですぐに使えるデジタルの道具を実演します。スマートフォンをお持ちください。',
    kind: 'single',
    months: [9, 2],
    weekday: 2,
    startTime: '14:00',
    endTime: '16:00',
    place: seminarRoom,
    area: 'itsukaichi',
    capacity: 40,
    feeYen: 0,
    registers: true,
  },
  'founders-meetup': {
    organiser: 'bista',
    title: () => '創業者交流会',
    description: '市内で創業した方、創業を目指す方が事業を紹介し合い、先輩創業者と語り合う交流会です。',
    kind: 'single',
    months: [8, 3],
    weekday: 5,
    startTime: '18:00',
    endTime: '20:00',
    place: bistaRoom,
    area: 'akigawa',
    capacity: 30,
    feeYen: 500,
    registers: true,
  },
  'business-networking': {
    organiser: 'shokokai',
    title: (n) => (n % 2 ? '事業者連携交流会「異業種で新商品を」' : '事業者連携交流会「受発注マッチング」'),
    description:
      '市内事業者どうしが仕事を頼み合い、新しい商品やサービスを生み出すきっかけをつくる交流会です。',
    kind: 'single',
    months: [11, 2],
    weekday: 4,
    startTime: '15:00',
    endTime: '17:30',
    place: 'あきる野市役所 会議室（架空の会場案内）',
    area: 'akigawa',
    capacity: 60,
    feeYen: 0,
    registers: true,
  },
  marche: {
    organiser: 'city',
    title: () => 'あきる野マルシェ',
    description: '市内の農産物、お菓子、手仕事の品が並ぶマルシェです。どなたでも自由にお越しください。',
    kind: 'single',
    months: [10, 3, 5],
    weekday: 0,
    startTime: '10:00',
    endTime: '15:00',
    place: '秋川駅北口 広場（架空の会場案内）',
    area: 'akigawa',
    capacity: 500,
    feeYen: 0,
    registers: false,
  },
};

/** The shops of the demo's まちゼミ: each one fictional, as its name says. */
const shops = [
  '和菓子 秋川堂（架空）',
  '花と緑の店 ひきだ（架空）',
  'いつかいち茶舗（架空）',
  'ますこ自転車店（架空）',
  'パン工房 ひがしあきる（架空）',
  '写真のアトリエ 秋留野（架空）',
  '酒店 五日市屋（架空）',
  '整体院 あきがわ（架空）',
  '手芸の店 こもれび（架空）',
  '八百屋 まるやま（架空）',
  '眼鏡店 みなみ（架空）',
  'そば処 養沢庵（架空）',
];
const courseTitles = [
  'はじめての和菓子づくり',
  '季節の寄せ植え教室',
  'おいしい日本茶の淹れ方',
  '自転車の簡単メンテナンス',
  '天然酵母パンの基本',
  'スマートフォンで上手に撮る',
  '地酒の楽しみ方',
  '肩こりを和らげるストレッチ',
  'ちいさな刺し子のコースター',
  '旬の野菜の選び方',
  'メガネのお手入れと選び方',
  'そば打ち体験',
];

/** The n-th fictional person, with an address no mail is sent to: people come back to other events. */
function person(n: number, key: string) {
  const { index, name, kana, email } = fictionalName(n);
  return {
    name,
    kana,
    email,
    phone: '',
    idempotencyKey: `demo:${key}:${index}`,
  };
}

/** The n-th given weekday (0 = Sunday) of a month, as yyyy-mm-dd. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (weekday - first.getUTCDay() + 7) % 7;
  return isoDay(new Date(first.getTime() + (offset + 7 * (n - 1)) * day));
}

/** The calendar year a month of a fiscal year falls in: January–March belong to the next one. */
const yearOfMonth = (fiscalYear: number, month: number) => (month >= 4 ? fiscalYear : fiscalYear + 1);

function categoryOf(project: Project): string | undefined {
  const category = project.metric.params.category;
  return project.metric.key.startsWith('events.') && typeof category === 'string' ? category : undefined;
}

/** What a step finds of itself when seeding again: its event or campaign, if written before. */
type Found = { event?: EventWithCounts; campaign?: CampaignRow; courses?: CourseRow[] };

/**
 * One step of the seeding: an event with its registrations and check-ins, or a campaign with its
 * courses, known by its title. `complete` says whether what a former seeding left of it is whole.
 */
interface Unit {
  kind: 'event' | 'campaign';
  title: string;
  fiscalYear: number;
  complete(found: Found): boolean;
  /** writes what is missing; `step` is called before each write and stops the seeding when asked */
  run(db: Db, found: Found, step: () => Promise<void>): Promise<void>;
}

class Stopped extends Error {}

/**
 * Seeds the demo's events into a database that holds the demo accounts; a real municipality's has
 * none, and nothing is done. Each write is one call of the events module in its own short
 * transaction, so that people using the demo meanwhile wait for none of them. A step is known by
 * its title: seeding again (every start) lists the demo's events and campaigns with their counts
 * and passes over the complete ones; an incomplete one (a start stopped half-way) is written again
 * by the same idempotent calls (the same idempotency keys, check-in twice is harmless), so nothing
 * is doubled. This year's come first: they are what the dashboard opens on. Returns the number of
 * events created (a まちゼミ's approved courses are events too).
 */
export async function seedDemoEvents(
  db: Db,
  plan: Plan,
  options: { now?: Date; stopped?: () => boolean } = {},
): Promise<number> {
  const actors = await demoActors(db, plan);
  if (!actors) return 0;
  const [events, campaigns] = await Promise.all([
    listEventsForStaff(db, actors.admin),
    listCampaigns(db, plan.municipalityCode),
  ]);
  const ours = <T extends { description: string; title: string }>(rows: T[]) =>
    new Map(rows.filter((r) => r.description.includes(marker)).map((r) => [r.title, r]));
  const found = { event: ours(events), campaign: ours(campaigns) };
  const seeder = new DemoEventSeeder(plan, actors, options.now ?? new Date());
  const units = seeder.units().sort((a, b) => b.fiscalYear - a.fiscalYear);
  // between two writes, whatever else waits (a person's page) goes first
  const step = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (options.stopped?.()) throw new Stopped();
  };
  try {
    for (const unit of units) {
      await step();
      const mine: Found =
        unit.kind === 'event'
          ? { event: found.event.get(unit.title) }
          : { campaign: found.campaign.get(unit.title) };
      if (mine.campaign)
        mine.courses = (await listCoursesForStaff(db, actors.admin, mine.campaign.id)).courses;
      if ((mine.event || mine.campaign) && unit.complete(mine)) continue;
      await unit.run(db, mine, step);
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
  }
  return seeder.created;
}

class DemoEventSeeder {
  /** events written by this seeding */
  created = 0;
  private readonly today: string;
  private readonly currentYear: number;
  private readonly choices: {
    categories: { code: string }[];
    organisations: { code: string }[];
    areas: { code: string }[];
  };

  constructor(
    private readonly plan: Plan,
    private readonly actors: DemoActors,
    private readonly now: Date,
  ) {
    this.today = todayInJapan(now);
    this.currentYear = fiscalYearOf(new Date(`${this.today}T12:00:00Z`));
    this.choices = {
      categories: plan.file.eventCategories,
      organisations: plan.file.organisations,
      areas: plan.file.areas ?? [],
    };
  }

  /** Every step, for every project the plan measures by events. */
  units(): Unit[] {
    return this.plan.projects.flatMap((project) => {
      const category = categoryOf(project);
      if (!category) return [];
      return project.metric.key === 'events.courses'
        ? this.campaigns(project, category)
        : this.events(project, category);
    });
  }

  /** The plan's years up to this one: past years in full, this one so far. */
  private years(): number[] {
    return this.plan.fiscalYears.filter((fy) => fy <= this.currentYear);
  }

  private area(code: string): string | null {
    const areas = this.plan.file.areas ?? [];
    return areas.some((a) => a.code === code) ? code : null;
  }

  /** Seminars, meet-ups, a course, marché days: the plan's years, and one to come at least. */
  private events(project: Project, category: string): Unit[] {
    const template = templates[category];
    const organiser = template ? this.actors.byOrganisation.get(template.organiser) : undefined;
    if (!template || !organiser) return [];
    const units: Unit[] = [];
    let upcoming = 0;
    for (const fiscalYear of this.years()) {
      const target = project.targets.get(fiscalYear) ?? 0;
      const share = Math.round(target * demoRatio(project.code, fiscalYear));
      // events.held counts events; the others count the people at them
      const count =
        project.metric.key === 'events.held'
          ? Math.min(template.months.length, Math.max(1, share))
          : template.months.length;
      for (let i = 0; i < count; i++) {
        const month = template.months[i] as number;
        const year = yearOfMonth(fiscalYear, month);
        let dates =
          template.kind === 'course'
            ? [1, 2, 3, 4, 5].map((n) => nthWeekday(year, month, template.weekday, n))
            : [nthWeekday(year, month, template.weekday, 2)];
        const people = Math.round(share / count) + (i === 0 ? share - Math.round(share / count) * count : 0);
        const input = this.eventInput(template, category, dates, i, fiscalYear);
        if ((dates[0] as string) < this.today) {
          // nobody registers for a marché; its visitors are not counted
          const registrations = template.registers ? people + Math.round(people / 8) : 0;
          const attended = template.registers ? people : 0;
          units.push({
            kind: 'event',
            title: input.title,
            fiscalYear,
            complete: ({ event }) => event?.confirmed === registrations && event.attended === attended,
            run: (db, found, step) =>
              this.heldEvent(db, found, step, organiser, input, registrations, attended),
          });
        } else {
          // today's event would be neither held nor open: a week later
          if (dates[0] === this.today) dates = dates.map((d) => plusDays(d, 7));
          const open = this.openEvent(
            template,
            organiser,
            this.eventInput(template, category, dates, i, fiscalYear),
            upcoming++,
          );
          units.push({ kind: 'event', title: input.title, fiscalYear, ...open });
        }
      }
    }
    if (upcoming === 0) {
      // the plan's years are over, or this year's are held: one to come all the same
      const first = plusDays(this.today, 10 + template.months.length * 3);
      const dates = template.kind === 'course' ? [0, 7, 14, 21, 28].map((d) => plusDays(first, d)) : [first];
      const fiscalYear = fiscalYearOf(new Date(`${first}T12:00:00Z`));
      const input = this.eventInput(template, category, dates, template.months.length, fiscalYear);
      units.push({
        kind: 'event',
        title: input.title,
        fiscalYear,
        ...this.openEvent(template, organiser, input, 0),
      });
    }
    return units;
  }

  private eventInput(template: Template, category: string, dates: string[], n: number, fiscalYear: number) {
    const topics = ['management', 'finance', 'human-resources', 'sales-channels', 'management'] as const;
    const lectureTitles = [
      '経営：事業計画の立て方',
      '財務：資金計画と創業融資',
      '人材育成：人を雇う・育てる',
      '販路開拓：お客様に届ける',
      '経営：事業計画の発表と講評',
    ];
    const numbered = template.months.length > 1 || n > 0;
    return {
      category,
      title: `${template.title(n)}（${warekiFiscalYear(fiscalYear)}${numbered ? `・第${n + 1}回` : ''}）`,
      description: `${template.description}\n\n${marker}`,
      kind: template.kind,
      sessions: dates.map((date, i) => ({
        date,
        startTime: template.startTime,
        endTime: template.endTime,
        title: template.kind === 'course' ? (lectureTitles[i] ?? '') : '',
        topic: template.kind === 'course' ? (topics[i] ?? null) : null,
      })),
      place: template.place,
      capacity: template.capacity,
      feeYen: template.feeYen,
      organiser: template.organiser,
      area: this.area(template.area),
      contactName: `${this.organisationName(template.organiser)}（${demoSource}）`,
    };
  }

  private organisationName(code: string): string {
    return this.plan.file.organisations.find((o) => o.code === code)?.name ?? code;
  }

  /** An event of the past: created and published weeks before, registered for, and attended. */
  private async heldEvent(
    db: Db,
    found: Found,
    step: () => Promise<void>,
    organiser: Actor,
    input: ReturnType<DemoEventSeeder['eventInput']>,
    registrations: number,
    attendees: number,
  ): Promise<void> {
    const first = input.sessions[0]?.date as string;
    const opened = atJapan(plusDays(first, -45), '09:00');
    await step();
    const event = found.event ?? (await this.create(db, organiser, input, registrations, opened));
    await step();
    await publishEvent(db, organiser, event.id);
    const offset =
      (first.charCodeAt(3) * 37 + Number(first.slice(5, 7)) * 11 + input.category.length * 5) % 200;
    const registered = [];
    for (let k = 0; k < registrations; k++) {
      await step();
      const at = new Date(opened.getTime() + (1 + ((k * 7) % 40)) * day);
      const { registration } = await registerForEvent(db, event.id, person(offset + k, input.title), {
        now: at,
      });
      registered.push(registration);
    }
    const sessions = input.sessions.map((s) => atJapan(s.date, s.startTime));
    // the first `attendees` came; the others registered and stayed away
    for (const [k, registration] of registered.slice(0, attendees).entries()) {
      for (const [s, startsAt] of sessions.entries()) {
        // in a course, now and then someone misses a lecture, never the first
        if (sessions.length > 1 && s > 0 && (k + 3 * s) % 7 === 0) continue;
        await step();
        // the lecture of the day is the one checked in
        await checkIn(
          db,
          organiser,
          event.id,
          { registrationId: registration.id },
          { now: new Date(startsAt.getTime() + (k % 20) * 60_000) },
        );
      }
    }
  }

  /** Creates an event as its organiser would have, on the day it was opened; counted as written. */
  private async create(
    db: Db,
    organiser: Actor,
    input: ReturnType<DemoEventSeeder['eventInput']>,
    registrations: number,
    opened: Date,
  ) {
    const capacity = Math.max(input.capacity, registrations);
    const event = await createEvent(db, organiser, { ...input, capacity }, { ...this.choices, now: opened });
    this.created++;
    return event;
  }

  /** An event to come: open for registration, part full; the first 創業者交流会 to come is full. */
  private openEvent(
    template: Template,
    organiser: Actor,
    input: ReturnType<DemoEventSeeder['eventInput']>,
    upcomingIndex: number,
  ): Pick<Unit, 'complete' | 'run'> {
    const full = template.registers && input.category === 'founders-meetup' && upcomingIndex === 0;
    const count = !template.registers
      ? 0
      : full
        ? template.capacity + 2
        : Math.round(template.capacity * (0.25 + (demoRatio(input.title, 0) - 0.62) / 2));
    const offset = (input.title.length * 41 + upcomingIndex * 13) % 200;
    return {
      // once it has begun, nobody registers any more: what there is, is complete
      complete: ({ event }) =>
        event !== undefined && (event.startsAt <= this.now || event.confirmed + event.waiting === count),
      run: async (db, found, step) => {
        await step();
        const event = found.event ?? (await this.create(db, organiser, input, 0, this.now));
        await step();
        await publishEvent(db, organiser, event.id);
        for (let k = 0; k < count; k++) {
          await step();
          await registerForEvent(db, event.id, person(offset + k, input.title), {
            now: new Date(this.now.getTime() - (count - k) * 60_000),
          });
        }
      },
    };
  }

  /** まちゼミ: a campaign a year, its shops' courses proposed, approved and published as events. */
  private campaigns(project: Project, category: string): Unit[] {
    const organiser = this.actors.byOrganisation.get('shotenkai');
    if (!organiser) return [];
    return this.years().map((fiscalYear) => {
      const title = `第${fiscalYear - 2011}回 あきる野まちゼミ（${warekiFiscalYear(fiscalYear)}）`;
      const courses = Math.round(
        (project.targets.get(fiscalYear) ?? 0) * demoRatio(project.code, fiscalYear),
      );
      // two proposals of this year wait for the staff's decision, on days still to come
      const pending = fiscalYear === this.currentYear ? 2 : 0;
      return {
        kind: 'campaign' as const,
        title,
        fiscalYear,
        complete: (found: Found) =>
          found.courses?.filter((c) => c.status === 'approved').length === courses &&
          found.courses.length === courses + pending,
        run: (db: Db, found: Found, step: () => Promise<void>) =>
          this.campaign(db, found, step, organiser, category, fiscalYear, title, courses, pending),
      };
    });
  }

  private async campaign(
    db: Db,
    found: Found,
    step: () => Promise<void>,
    organiser: Actor,
    category: string,
    fiscalYear: number,
    title: string,
    courses: number,
    pending: number,
  ): Promise<void> {
    // past years: October to November; this year: around today, some held and some to come
    const current = fiscalYear === this.currentYear;
    const startsOn = current ? plusDays(this.today, -20) : `${fiscalYear}-10-01`;
    const endsOn = current ? plusDays(this.today, 24) : `${fiscalYear}-11-30`;
    const created = atJapan(plusDays(startsOn, -60), '09:00');
    await step();
    const campaign =
      found.campaign ??
      (await createCampaign(
        db,
        organiser,
        {
          category,
          title,
          description: `お店の方が講師になり、プロならではの知識やコツを少人数で教える講座です。\n\n${marker}`,
          organiser: 'shotenkai',
          startsOn,
          endsOn,
          proposalsCloseOn: plusDays(startsOn, -21),
        },
        { ...this.choices, now: created },
      ));
    const span = (Date.parse(endsOn) - Date.parse(startsOn)) / day;
    for (let i = 0; i < courses + pending; i++) {
      const offsetDays = i < courses ? Math.floor((i * span) / Math.max(1, courses)) : span - (i - courses);
      const shop = i % shops.length;
      await step();
      const { course } = await proposeCourse(
        db,
        this.actors.business,
        campaign.id,
        {
          shopName: shops[shop] as string,
          title: courseTitles[shop] as string,
          description: `${shops[shop]}の店主が教える、少人数の講座です。\n${marker}`,
          teacher: '店主（架空）',
          date: plusDays(startsOn, offsetDays),
          startTime: i % 2 ? '10:00' : '14:00',
          endTime: i % 2 ? '11:30' : '15:30',
          place: shops[shop] as string,
          capacity: 6 + (i % 3) * 2,
          feeYen: (i % 4) * 500,
          bring: i % 3 ? '' : '筆記用具',
          idempotencyKey: `demo:machizemi/${fiscalYear}/${i}`,
        },
        { now: new Date(created.getTime() + (3 + (i % 30)) * day) },
      );
      if (i >= courses) continue;
      await step();
      const { changed } = await decideCourse(
        db,
        organiser,
        { campaignId: campaign.id, courseId: course.id },
        { decision: 'approve' },
        { ...this.choices, now: atJapan(plusDays(startsOn, -14), '10:00') },
      );
      // an approved course is published as an event
      if (changed) this.created++;
    }
  }
}
