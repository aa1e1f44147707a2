import { can, type Role } from '../../platform/auth/roles';
import type { MetricRecord, MetricRegistry } from './metric-registry';
import type { SubjectProgress, YearProgress } from './service';

/**
 * What a reader sees behind an actual. A metric whose records are people's cases (a consultation,
 * a loan) names the permission that may read them (`recordsPermission`); any other reader of the
 * progress gets counts by month instead, without links: the figure can be checked, nobody's case
 * can be found from it. Records without a date (the plan's baseline) are shown as they are.
 */
export function recordsFor(
  records: readonly MetricRecord[],
  permission: string | undefined,
  role: Role | undefined,
): MetricRecord[] {
  if (permission === undefined || can(role, permission)) return [...records];
  const months = new Map<string, number>();
  const undated: MetricRecord[] = [];
  for (const record of records) {
    if (!record.date) undated.push(record);
    else months.set(record.date.slice(0, 7), (months.get(record.date.slice(0, 7)) ?? 0) + record.value);
  }
  return [
    ...undated,
    ...[...months].map(([month, value]) => {
      const [year, m] = month.split('-').map(Number) as [number, number];
      return {
        label: `${year}年${m}月の件数 / ${year}-${String(m).padStart(2, '0')} (count)`,
        date: `${month}-01`,
        value,
        detail:
          '件数のみ（個々の記録は相談員だけが見られます） / counts only: the records are for counsellors',
      };
    }),
  ];
}

/** One subject's progress as a reader may see it. */
export function progressFor<T extends SubjectProgress>(
  progress: T,
  metricKey: string,
  registry: MetricRegistry,
  role: Role | undefined,
): T {
  const permission = registry.get(metricKey)?.recordsPermission;
  if (permission === undefined) return progress;
  return {
    ...progress,
    measurement: {
      ...progress.measurement,
      records: recordsFor(progress.measurement.records, permission, role),
    },
  };
}

/** A fiscal year's progress as a reader may see it. */
export function yearFor(
  progress: YearProgress,
  registry: MetricRegistry,
  role: Role | undefined,
): YearProgress {
  return {
    ...progress,
    projects: progress.projects.map((p) => progressFor(p, p.project.metric.key, registry, role)),
    kpis: progress.kpis.map((k) =>
      progressFor(k, typeof k.kpi.metric === 'string' ? k.kpi.metric : k.kpi.metric.key, registry, role),
    ),
  };
}
