import { count } from 'drizzle-orm';
import type { Db } from '../db/connection';
import type { Plan } from '../modules/plan/plan';
import { kpiTargetValue } from '../modules/plan/plan';
import { validateManualActual, writeManualActual } from '../modules/plan/service';
import { createAccount } from '../platform/auth/accounts';
import type { Role } from '../platform/auth/roles';
import { accounts } from '../platform/schema';

/** Marks every demo figure, so nobody mistakes it for the city's real numbers. */
export const demoSource = '架空のサンプルデータ';
export const demoPassword = 'tsunagu-demo-2026';

const demoPeople: { email: string; displayName: string; role: Role; organisation: string | null }[] = [
  {
    email: 'admin@demo.tsunagu.example',
    displayName: '商工観光課 山田（架空）',
    role: 'admin',
    organisation: 'city',
  },
  {
    email: 'shokokai@demo.tsunagu.example',
    displayName: '商工会 佐藤（架空）',
    role: 'staff',
    organisation: 'shokokai',
  },
  {
    email: 'bista@demo.tsunagu.example',
    displayName: 'Bi@Sta 鈴木（架空）',
    role: 'staff',
    organisation: 'bista',
  },
  {
    email: 'shotenkai@demo.tsunagu.example',
    displayName: '商店会 高橋（架空）',
    role: 'association',
    organisation: 'shotenkai',
  },
  {
    email: 'business@demo.tsunagu.example',
    displayName: '架空の和菓子店',
    role: 'business',
    organisation: null,
  },
  {
    email: 'resident@demo.tsunagu.example',
    displayName: '地域生活者 田中（架空）',
    role: 'resident',
    organisation: null,
  },
  {
    email: 'student@demo.tsunagu.example',
    displayName: '学生 伊藤（架空）',
    role: 'student',
    organisation: null,
  },
];

/** A repeatable spread of achievement between 62 % and 125 %, different for every project and year. */
function demoRatio(code: string, fiscalYear: number): number {
  let h = fiscalYear;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 1000003;
  return 0.62 + (h % 64) / 100;
}

/**
 * Fills an empty database with fictional accounts and actuals for the years before the current one,
 * so that a newcomer sees a living system. Does nothing when any account exists.
 */
export async function seedDemoData(db: Db, plan: Plan): Promise<typeof demoAccountsList> {
  const [existing] = await db.select({ n: count() }).from(accounts);
  if ((existing?.n ?? 0) > 0) return [];
  const created = await Promise.all(
    demoPeople.map((p) =>
      createAccount(db, { ...p, municipalityCode: plan.municipalityCode, password: demoPassword }),
    ),
  );
  const admin = created.find((a) => a.role === 'admin');
  const actor = {
    accountId: admin?.id ?? null,
    name: admin?.displayName ?? demoSource,
    municipalityCode: plan.municipalityCode,
  };
  const pastYears = plan.fiscalYears.slice(0, -1);
  await db.transaction(async (tx) => {
    for (const fiscalYear of pastYears) {
      const asOf = `${fiscalYear + 1}-03-31`;
      for (const project of plan.projects.filter((p) => p.metric.key === 'manual')) {
        const target = project.targets.get(fiscalYear);
        if (target === undefined) continue;
        const value = Math.round(target * demoRatio(project.code, fiscalYear));
        const input = {
          subjectKind: 'project' as const,
          subjectCode: project.code,
          fiscalYear,
          value,
          asOf,
          source: demoSource,
        };
        await writeManualActual(tx, plan, actor, validateManualActual(plan, input));
      }
      for (const kpi of plan.kpis.filter((k) => k.metric === 'manual')) {
        const base = kpi.baseline.value;
        const goal = kpiTargetValue(kpi);
        const step = (fiscalYear - plan.baselineYear) / (plan.file.period.to - plan.baselineYear);
        const trend =
          kpi.target.kind === 'keep'
            ? base * (demoRatio(kpi.code, fiscalYear) * 0.1 + 0.94)
            : base + (goal - base) * step * 0.9;
        const value = kpi.unit === '%' ? Math.round(trend * 10) / 10 : Math.round(trend);
        const input = {
          subjectKind: 'kpi' as const,
          subjectCode: kpi.code,
          fiscalYear,
          value,
          asOf,
          source: demoSource,
        };
        await writeManualActual(tx, plan, actor, validateManualActual(plan, input));
      }
    }
  });
  return demoAccountsList;
}

const demoAccountsList = demoPeople.map((p) => ({ email: p.email, password: demoPassword, role: p.role }));
