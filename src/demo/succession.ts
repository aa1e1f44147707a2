import { count, like } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { takeSelfCheck } from '../modules/consultations';
import { successionSelfChecks } from '../modules/consultations/schema';
import type { Plan } from '../modules/plan';
import { recordOutreach } from '../modules/succession';
import { todayInJapan } from '../platform/fiscal-year';
import { plusDays } from './days';
import { demoActors } from './people';
import { demoSource } from './seed';

/**
 * Owners of the demo who took the 事業承継診断 and agreed that their answers are counted for the needs
 * map (decision 034), by area and the self-check's industry: many in 五日市's old town, some along the
 * line, a few in 養沢 (shown as 5未満). Each entry is [area, industry, how many aged 60+ without a
 * decided successor]; a fifth as many more are younger or have one, and are not counted.
 */
const demoNeeds: [string, string, number][] = [
  ['itsukaichi', 'manufacturing', 7],
  ['itsukaichi', 'retail', 9],
  ['itsukaichi', 'food', 6],
  ['itsukaichi', 'construction', 3],
  ['itsukaichi', 'agriculture', 2],
  ['akigawa', 'retail', 8],
  ['akigawa', 'food', 5],
  ['akigawa', 'services', 4],
  ['akigawa', 'manufacturing', 2],
  ['higashi-akiru', 'manufacturing', 6],
  ['higashi-akiru', 'retail', 3],
  ['higashi-akiru', 'construction', 5],
  ['musashi-hikida', 'retail', 5],
  ['musashi-hikida', 'manufacturing', 3],
  ['musashi-masuko', 'construction', 3],
  ['musashi-masuko', 'retail', 2],
  ['musashi-masuko', 'manufacturing', 1],
  ['yozawa', 'agriculture', 3],
  ['yozawa', 'food', 1],
  ['', 'other', 2],
];

const undecided = ['none', 'candidate', 'close-down'] as const;

/** The self-checks of the demo's owners, the same every time. */
function demoNeedsAnswers(plan: Plan): Record<string, string>[] {
  const areas = new Set(plan.file.areas.map((a) => a.code));
  return demoNeeds.flatMap(([area, industry, n], g) =>
    Array.from({ length: n + Math.ceil(n / 5) }, (_, i) => {
      const counted = i < n;
      return {
        age: counted ? (i % 3 === 0 ? '70-plus' : '60s') : i % 2 === 0 ? '50s' : '60s',
        successor: counted
          ? (undecided[(g + i) % undecided.length] ?? 'none')
          : i % 2 === 0
            ? 'none'
            : 'decided',
        told: 'no-one',
        people: 'not-yet',
        finances: 'not-yet',
        organisation: 'not-yet',
        advice: i % 2 === 0 ? 'yes' : 'no',
        area: areas.has(area) ? area : '',
        industry,
        needsConsent: 'yes',
      };
    }),
  );
}

/** Outreach of the past year: [days ago, area, kind, people reached, note]. */
const demoOutreach: [number, string, string, number, string][] = [
  [300, 'citywide', 'mailing', 180, '事業承継診断の案内を会員に送付'],
  [240, 'itsukaichi', 'seminar', 14, '事業承継セミナー（五日市会館）'],
  [200, 'itsukaichi', 'visit', 6, '商店街の個別訪問'],
  [150, 'akigawa', 'seminar', 11, '事業承継の基礎セミナー'],
  [120, 'higashi-akiru', 'visit', 4, '製造業の個別訪問'],
  [90, 'yozawa', 'consultation-day', 2, '出張相談会'],
  [45, 'itsukaichi', 'visit', 5, '前回セミナー参加者への訪問'],
  [20, 'musashi-hikida', 'seminar', 8, '親族内承継と第三者承継'],
];

/**
 * The demo's succession needs: consented self-checks written through the consultations module, and
 * the outreach of the 商工会 and Bi@Sta through the succession module, so that `npm start` shows a map
 * with numbers and 「5未満」. Idempotent by keys; stops between two writes when asked.
 */
export async function seedDemoSuccessionNeeds(
  db: Db,
  plan: Plan,
  options: { stopped?: () => boolean } = {},
): Promise<number> {
  const actors = await demoActors(db, plan);
  const chamber = actors?.byOrganisation.get('shokokai');
  const bista = actors?.byOrganisation.get('bista');
  if (!chamber || !bista) return 0;
  let written = 0;
  const [done] = await db
    .select({ n: count() })
    .from(successionSelfChecks)
    .where(like(successionSelfChecks.idempotencyKey, 'demo-needs-%'));
  const answers = demoNeedsAnswers(plan);
  for (let i = done?.n ?? 0; i < answers.length; i++) {
    if (options.stopped?.()) return written;
    await takeSelfCheck(
      db,
      plan.municipalityCode,
      { ...answers[i], key: `demo-needs-${String(i).padStart(4, '0')}` },
      { areas: plan.file.areas },
    );
    written++;
  }
  const today = todayInJapan();
  for (const [i, [daysAgo, area, kind, reached, note]] of demoOutreach.entries()) {
    if (options.stopped?.()) return written;
    const { created } = await recordOutreach(db, i % 3 === 2 ? bista : chamber, plan, {
      heldOn: plusDays(today, -daysAgo),
      area,
      kind,
      reached: String(reached),
      note: `${note}（${demoSource}）`,
      key: `demo-outreach-${i}`,
    });
    if (created) written++;
  }
  return written;
}
