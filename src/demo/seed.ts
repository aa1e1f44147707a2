import { count } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { seedDemoBusinesses } from '../modules/businesses/demo';
import { kpiTargetValue, type ManualActualInput, type Plan, seedManualActuals } from '../modules/plan';
import { seedDemoProperties } from '../modules/properties/demo';
import type { Actor } from '../platform/audit';
import { createAccount } from '../platform/auth/accounts';
import type { Role } from '../platform/auth/roles';
import { accounts } from '../platform/schema';

/** Marks every demo figure, so nobody mistakes it for the city's real numbers. */
export const demoSource = '架空のサンプルデータ';

/** Who the audit log says wrote the demo's data: no person. */
export const demoSeeder = (plan: Plan): Actor => ({
  accountId: null,
  name: demoSource,
  municipalityCode: plan.municipalityCode,
});
export const demoPassword = 'tsunagu-demo-2026';

/** The address of a demo account by its name: admin, shokokai, bista, shotenkai, business … */
export const demoEmail = (name: string) => `${name}@demo.tsunagu.example`;

const demoPeople: { email: string; displayName: string; role: Role; organisation: string | null }[] = [
  {
    email: demoEmail('admin'),
    displayName: '商工観光課 山田（架空）',
    role: 'admin',
    organisation: 'city',
  },
  {
    email: demoEmail('shokokai'),
    displayName: '商工会 佐藤（架空）',
    role: 'staff',
    organisation: 'shokokai',
  },
  {
    email: demoEmail('bista'),
    displayName: 'Bi@Sta 鈴木（架空）',
    role: 'staff',
    organisation: 'bista',
  },
  {
    email: demoEmail('shotenkai'),
    displayName: '商店会 高橋（架空）',
    role: 'association',
    organisation: 'shotenkai',
  },
  {
    email: demoEmail('business'),
    displayName: '架空の和菓子店',
    role: 'business',
    organisation: null,
  },
  {
    email: demoEmail('resident'),
    displayName: '地域生活者 田中（架空）',
    role: 'resident',
    organisation: null,
  },
  {
    email: demoEmail('student'),
    displayName: '学生 伊藤（架空）',
    role: 'student',
    organisation: 'meisei',
  },
  {
    // the university's staff, who approve its students' articles (decision 030)
    email: demoEmail('meisei'),
    displayName: '明星大学 地域連携 森（架空）',
    role: 'association',
    organisation: 'meisei',
  },
  {
    // a member of the plan's committee (識見者), who writes the committee's opinion (decision 033)
    email: demoEmail('committee'),
    displayName: '策定委員会 委員 小林（架空）',
    role: 'committee',
    organisation: null,
  },
];

/** A repeatable spread of achievement between 62 % and 125 %, different for every project and year. */
export function demoRatio(code: string, fiscalYear: number): number {
  let h = fiscalYear;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 1000003;
  return 0.62 + (h % 64) / 100;
}

/** The fictional figures: every manual project and KPI, for each plan year before the last. */
function demoActuals(plan: Plan): ManualActualInput[] {
  return plan.fiscalYears.slice(0, -1).flatMap((fiscalYear) => {
    const asOf = `${fiscalYear + 1}-03-31`;
    const figure = { fiscalYear, asOf, source: demoSource };
    const projects = plan.projects
      .filter((p) => p.metric.key === 'manual' && p.targets.has(fiscalYear))
      .map((project) => ({
        ...figure,
        subjectKind: 'project' as const,
        subjectCode: project.code,
        value: Math.round((project.targets.get(fiscalYear) ?? 0) * demoRatio(project.code, fiscalYear)),
      }));
    const kpis = plan.kpis
      .filter((k) => k.metric === 'manual')
      .map((kpi) => {
        const base = kpi.baseline.value;
        const step = (fiscalYear - plan.baselineYear) / (plan.file.period.to - plan.baselineYear);
        const trend =
          kpi.target.kind === 'keep'
            ? base * (demoRatio(kpi.code, fiscalYear) * 0.1 + 0.94)
            : base + (kpiTargetValue(kpi) - base) * step * 0.9;
        const value = kpi.unit === '%' ? Math.round(trend * 10) / 10 : Math.round(trend);
        return { ...figure, subjectKind: 'kpi' as const, subjectCode: kpi.code, value };
      });
    return [...projects, ...kpis];
  });
}

/**
 * Fills an empty database with fictional accounts and actuals for the years before the current one,
 * so that a newcomer sees a living system. Does nothing when any account exists. The figures are
 * entered by "架空のサンプルデータ", not by a person, and logged as one seeding.
 */
export async function seedDemoData(db: Db, plan: Plan): Promise<typeof demoAccountsList> {
  const [existing] = await db.select({ n: count() }).from(accounts);
  if ((existing?.n ?? 0) > 0) return [];
  const seeder = demoSeeder(plan);
  // the password hashing and the figures do not depend on each other: one waits while the other runs
  await Promise.all([
    ...demoPeople.map((p) =>
      createAccount(db, { ...p, municipalityCode: plan.municipalityCode, password: demoPassword }),
    ),
    seedManualActuals(db, plan, seeder, demoActuals(plan)),
  ]);
  const businessAccounts = await seedDemoBusinesses(db, plan, seeder, demoPassword);
  await seedDemoProperties(db, plan, demoEmail);
  return [...demoAccountsList, ...businessAccounts];
}

const demoAccountsList = demoPeople.map((p) => ({ email: p.email, password: demoPassword, role: p.role }));
