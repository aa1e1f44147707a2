import type { Accrual } from './in-year';
import type { PlanFile } from './plan-file';
import type { Direction } from './progress';

type FileDirection = PlanFile['directions'][number];
type FileMeasure = FileDirection['measures'][number];
type FileProject = FileMeasure['projects'][number];
export type Kpi = PlanFile['kpis'][number];

export interface MetricBinding {
  key: string;
  params: Record<string, string | number | boolean>;
}

/** An implementation project (実施事業) with the measure and direction it belongs to. */
export interface Project extends Omit<FileProject, 'metric' | 'targets'> {
  metric: MetricBinding;
  /** annual targets (年間目標) by fiscal year */
  targets: Map<number, number>;
  measure: { code: string; title: string; titleEn?: string | undefined; priority: boolean };
  direction: { code: string; title: string; titleEn?: string | undefined };
}

export type Subject = { kind: 'project'; project: Project } | { kind: 'kpi'; kpi: Kpi };

/** A loaded plan: the file's data, plus the look-ups every screen needs. */
export interface Plan {
  file: PlanFile;
  id: string;
  municipalityCode: string;
  /** the plan's fiscal years, first to last (e.g. 2023–2026) */
  fiscalYears: number[];
  baselineYear: number;
  projects: Project[];
  kpis: Kpi[];
}

export function bindingOf(metric: PlanFile['kpis'][number]['metric']): MetricBinding {
  if (typeof metric === 'string') return { key: metric, params: {} };
  return { key: metric.key, params: metric.params };
}

export function buildPlan(file: PlanFile): Plan {
  const projects: Project[] = file.directions.flatMap((direction) =>
    direction.measures.flatMap((measure) =>
      measure.projects.map((project) => ({
        ...project,
        metric: bindingOf(project.metric),
        targets: new Map(Object.entries(project.targets).map(([year, value]) => [Number(year), value])),
        measure: {
          code: measure.code,
          title: measure.title,
          titleEn: measure.titleEn,
          priority: measure.priority,
        },
        direction: { code: direction.code, title: direction.title, titleEn: direction.titleEn },
      })),
    ),
  );
  const fiscalYears: number[] = [];
  for (let fy = file.period.from; fy <= file.period.to; fy++) fiscalYears.push(fy);
  return {
    file,
    id: file.id,
    municipalityCode: file.municipality.code,
    fiscalYears,
    baselineYear: file.baselineYear,
    projects,
    kpis: file.kpis,
  };
}

export function findProject(plan: Plan, code: string): Project | undefined {
  return plan.projects.find((p) => p.code === code);
}

export function findKpi(plan: Plan, code: string): Kpi | undefined {
  return plan.kpis.find((k) => k.code === code);
}

/** The years a dashboard can show: the baseline year, then the plan's fiscal years. */
export function selectableYears(plan: Plan): number[] {
  return [plan.baselineYear, ...plan.fiscalYears];
}

/** The figure a KPI aims at: the baseline for 維持 (keep), otherwise the target value. */
export function kpiTargetValue(kpi: Kpi): number {
  return kpi.target.kind === 'keep' ? kpi.baseline.value : kpi.target.value;
}

/** What a KPI's target aims at: 維持 (keep), a figure to reach (higher) or to stay under (lower). */
export function kpiAim(kpi: Kpi): Direction {
  if (kpi.target.kind === 'keep') return 'keep';
  return kpi.target.kind === 'lower' ? 'lower' : 'higher';
}

/** How a KPI's figure grows within a year: as the plan says, else a running total or a level. */
export function kpiAccrual(kpi: Kpi): Accrual {
  return kpi.accrual ?? (kpi.cumulative ? 'cumulative' : 'level');
}
