import type { Db } from '../db/connection';
import {
  closeCaseAsStartup,
  fiscalYearOfDay,
  recordConsultation,
  recordLoanUse,
  recordSuccessionStage,
  referToSuccessionCentre,
} from '../modules/consultations';
import type { Plan } from '../modules/plan';
import type { Actor } from '../platform/audit';
import { fiscalYearRange, todayInJapan } from '../platform/fiscal-year';
import { plusDays } from './days';
import { demoActors, fictionalName } from './people';
import { demoRatio, demoSource } from './seed';

/**
 * Fictional consultations at Bi@Sta and the 商工会, so that the demo's dashboard shows 新規相談者数,
 * 制度融資 and 創業件数 that come from records, as a counsellor would have kept them (decision 026):
 * start-up and succession clients of every plan year and of this year so far, each with one to three
 * consultations; start-ups closed as 創業 (from the year after the plan's baseline, so that the
 * cumulative KPI climbs from the plan's figure); succession stages and referrals to the 引継ぎ支援
 * センター; and the 商工会's management clients with the loan uses of 1-3. Everything goes through the
 * consultations module's own functions, with an idempotency key, so seeding again writes nothing
 * twice and a seeding stopped half-way is finished by the next start.
 */

/** Marks every demo consultation, in what was discussed. */
const marker = `（${demoSource}）`;

export type DemoStory = {
  key: string;
  organisation: 'bista' | 'shokokai';
  kind: 'startup' | 'succession' | 'management';
  person: number;
  /** the days of its consultations, the first one first */
  visits: string[];
  followUpOn?: string;
  startedOn?: string;
  stage?: { stage: 'preparation' | 'successor-decided' | 'completed' | 'closed-down'; on: string };
  referredOn?: string;
  loans: {
    programme: 'city-promotion' | 'city-micro' | 'shokokai-improvement';
    on: string;
    amountYen: number;
  }[];
};

/** How the 商工会's management clients are many fewer than the loans they take over the years. */
const managementClients = 40;
const programmes = [
  'city-promotion',
  'city-micro',
  'city-promotion',
  'shokokai-improvement',
  'city-micro',
] as const;

const discussed: Record<DemoStory['kind'], string[]> = {
  startup: [
    '飲食店の開業を検討。事業計画書の書き方と資金計画を説明した。',
    'ネットショップでの創業について、販路と必要な届出を確認した。',
    '自宅での教室の開業。開業届と青色申告、集客の方法を説明した。',
  ],
  succession: [
    '後継者が決まっておらず、承継の選択肢（親族内・従業員・第三者）を説明した。',
    '長男への承継を準備中。株式と事業用資産の引継ぎの進め方を確認した。',
    '廃業も視野に相談。引継ぎ支援センターのマッチングを紹介した。',
  ],
  management: [
    '資金繰りの相談。制度融資の条件と必要書類を説明した。',
    '設備更新の資金について、利子補給のある制度融資を案内した。',
  ],
};

/**
 * The demo's consultation records, the same every time for the same day: who consulted, when, and
 * what came of it. The tests compare the dashboard with these.
 */
export function demoConsultationStories(plan: Plan, today: string): DemoStory[] {
  const currentYear = fiscalYearOfDay(today);
  const lastYear = Math.min(currentYear, plan.file.period.to);
  const stories: DemoStory[] = [];
  let person = 0;
  const days = (fiscalYear: number) => {
    const { start, end } = fiscalYearRange(fiscalYear);
    const last = end < today ? end : plusDays(today, -1);
    return { start, span: Math.max(1, (Date.parse(last) - Date.parse(start)) / 86_400_000 + 1) };
  };
  /** the n-th of count days spread over the year so far */
  const spread = (fiscalYear: number, n: number, count: number) => {
    const { start, span } = days(fiscalYear);
    return plusDays(start, Math.floor(((n + 0.5) * span) / count));
  };
  const share = (fiscalYear: number) => Math.min(1, days(fiscalYear).span / 365);
  const upToToday = (dates: string[]) => dates.filter((d) => d < today);
  const target = (code: string, fiscalYear: number) =>
    plan.projects.find((p) => p.code === code)?.targets.get(fiscalYear);
  const count = (code: string, fiscalYear: number, fallback: number) =>
    Math.round((target(code, fiscalYear) ?? fallback) * demoRatio(code, fiscalYear) * share(fiscalYear));

  // start-ups: from the year after the baseline, so that the cumulative 創業件数 grows from the plan's
  for (let fy = plan.baselineYear + 1; fy <= lastYear; fy++) {
    const inPlan = target('startup-consultation', fy) !== undefined;
    const clients = inPlan ? count('startup-consultation', fy, 0) : Math.round(12 * share(fy));
    for (let i = 0; i < clients; i++) {
      const first = spread(fy, i, clients);
      const visits = upToToday([first, plusDays(first, 21), plusDays(first, 56)].slice(0, 1 + (i % 3)));
      const startedOn = plusDays(first, 120);
      // before the plan's years, only those who went on to start are in the demo
      const starts = !inPlan || i % 7 === 3;
      stories.push({
        key: `startup/${fy}/${i}`,
        organisation: i % 4 === 1 ? 'shokokai' : 'bista',
        kind: 'startup',
        person: person++,
        visits,
        ...followUp(visits, today),
        ...(starts && startedOn < today ? { startedOn } : {}),
        loans: [],
      });
    }
  }
  for (let fy = plan.file.period.from; fy <= lastYear; fy++) {
    const clients = count('succession-consultation', fy, 0);
    for (let i = 0; i < clients; i++) {
      const first = spread(fy, i, clients);
      const visits = upToToday([first, plusDays(first, 30), plusDays(first, 90)].slice(0, 1 + (i % 3)));
      const stage =
        i % 9 === 2
          ? { stage: 'completed' as const, on: plusDays(first, 200) }
          : i % 6 === 1
            ? { stage: 'successor-decided' as const, on: plusDays(first, 90) }
            : i % 11 === 5
              ? { stage: 'closed-down' as const, on: plusDays(first, 150) }
              : i % 4 === 0
                ? { stage: 'preparation' as const, on: plusDays(first, 30) }
                : undefined;
      const referredOn = i % 5 === 2 ? plusDays(first, 45) : undefined;
      stories.push({
        key: `succession/${fy}/${i}`,
        organisation: i % 3 === 0 ? 'shokokai' : 'bista',
        kind: 'succession',
        person: person++,
        visits,
        ...followUp(visits, today),
        ...(stage && stage.on < today ? { stage } : {}),
        ...(referredOn && referredOn < today ? { referredOn } : {}),
        loans: [],
      });
    }
  }
  // the 商工会's management clients: first seen in the plan's first April, back once a year
  const from = plan.file.period.from;
  const management: DemoStory[] = Array.from({ length: managementClients }, (_, i) => ({
    key: `management/${i}`,
    organisation: 'shokokai',
    kind: 'management',
    person: person++,
    visits: upToToday(
      Array.from({ length: lastYear - from + 1 }, (_, y) =>
        plusDays(fiscalYearRange(from + y).start, 1 + (i % 14)),
      ),
    ),
    loans: [],
  }));
  for (let fy = from; fy <= lastYear; fy++) {
    const loans = count('business-loans', fy, 0);
    for (let k = 0; k < loans; k++) {
      const story = management[k % managementClients] as DemoStory;
      // after the client's consultation of that year
      const on = [spread(fy, k, loans), plusDays(fiscalYearRange(fy).start, 15)].sort()[1] as string;
      if (on >= today) continue;
      story.loans.push({
        programme: programmes[(k + fy) % programmes.length] as DemoStory['loans'][number]['programme'],
        on,
        amountYen: (2 + ((k * 7 + fy) % 19)) * 500_000,
      });
    }
  }
  return [...stories, ...management.filter((s) => s.visits.length > 0)];
}

/** A case seen lately has its next consultation planned: some of them fall due this week. */
function followUp(visits: string[], today: string): { followUpOn?: string } {
  const last = visits.at(-1);
  if (!last) return {};
  const next = plusDays(last, 28);
  return next >= today ? { followUpOn: next } : {};
}

class Stopped extends Error {}

/**
 * Writes the demo's consultations into a database that holds the demo accounts (a real
 * municipality's has none: nothing is done). Each write is one call of the consultations module in
 * its own short transaction. Returns the number of consultations written by this call.
 */
export async function seedDemoConsultations(
  db: Db,
  plan: Plan,
  options: { now?: Date; stopped?: () => boolean } = {},
): Promise<number> {
  const actors = await demoActors(db, plan);
  if (!actors) return 0;
  const now = options.now ?? new Date();
  const counsellor = (organisation: string) => actors.byOrganisation.get(organisation) as Actor;
  const recording = { organisations: plan.file.organisations, now };
  let written = 0;
  const step = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (options.stopped?.()) throw new Stopped();
  };
  try {
    for (const story of demoConsultationStories(plan, todayInJapan(now))) {
      const actor = counsellor(story.organisation);
      // the address they registered for events with, so the seminars they attended show on the case
      const { name, kana, email } = fictionalName(story.person);
      const texts = discussed[story.kind];
      let caseId: number | undefined;
      for (const [n, heldOn] of story.visits.entries()) {
        await step();
        const last = n === story.visits.length - 1;
        const result = await recordConsultation(
          db,
          actor,
          {
            ...(caseId === undefined
              ? {
                  person: 'new',
                  name,
                  kana,
                  contact: email,
                  kind: story.kind,
                  organisation: story.organisation,
                }
              : { caseId }),
            heldOn,
            discussed: `${texts[(story.person + n) % texts.length]}${marker}`,
            nextStep: last && story.followUpOn ? '次回、進み具合を確認する。' : '',
            followUpOn: last ? (story.followUpOn ?? '') : '',
            idempotencyKey: `demo:consultation/${story.key}/${n}`,
          },
          recording,
        );
        caseId = result.caseRow.id;
        if (!result.repeated) written++;
      }
      if (caseId === undefined) continue;
      await step();
      await outcomesOf(db, actor, caseId, story, name, now);
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
  }
  return written;
}

/** What came of a case: 創業, a succession's stage and referral, loan uses. Each call is idempotent. */
async function outcomesOf(db: Db, actor: Actor, caseId: number, story: DemoStory, name: string, now: Date) {
  if (story.startedOn)
    await closeCaseAsStartup(
      db,
      actor,
      caseId,
      { startedOn: story.startedOn, businessName: `${name.replace('（架空）', '')}の店（架空）` },
      { now },
    );
  if (story.stage) {
    const { stage, on } = story.stage;
    await recordSuccessionStage(db, actor, caseId, { stage, stageOn: on, stageNote: '' }, { now });
  }
  if (story.referredOn)
    await referToSuccessionCentre(
      db,
      actor,
      caseId,
      { referredOn: story.referredOn, referralNote: '' },
      { now },
    );
  for (const [k, loan] of story.loans.entries()) {
    await recordLoanUse(
      db,
      actor,
      caseId,
      {
        programme: loan.programme,
        borrower: name,
        usedOn: loan.on,
        amountYen: loan.amountYen,
        idempotencyKey: `demo:loan/${story.key}/${k}`,
      },
      { now },
    );
  }
}
