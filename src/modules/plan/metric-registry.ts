import type { Queryable } from '../../db/connection';
import type { Text } from '../../platform/i18n';
import type { MetricBinding, Plan, Subject } from './plan';

/** One record behind an actual, for the drill-down: what it is, when, how much, and where to see it. */
export interface MetricRecord {
  label: string;
  date?: string;
  value: number;
  detail?: string;
  href?: string;
}

export interface Measurement {
  /** null when nothing has been recorded for that year (未入力) */
  value: number | null;
  records: MetricRecord[];
}

export interface MetricRequest {
  subject: Subject;
  binding: MetricBinding;
}

/**
 * A module's metric: given the plan's subjects bound to it and a fiscal year, it measures each.
 * It is handed every subject at once so that it can answer with one query instead of one per subject.
 */
export interface MetricSource {
  key: string;
  description: Text;
  /**
   * When the records name people's cases: the permission that may read them. Other readers of the
   * progress see counts by month (`drill-down.ts`).
   */
  recordsPermission?: string;
  measure(
    q: Queryable,
    context: { plan: Plan; fiscalYear: number },
    requests: MetricRequest[],
  ): Promise<Measurement[]>;
}

export class MetricRegistry {
  private readonly sources = new Map<string, MetricSource>();

  register(source: MetricSource): void {
    if (this.sources.has(source.key)) throw new Error(`metric "${source.key}" is registered twice`);
    this.sources.set(source.key, source);
  }

  get(key: string): MetricSource | undefined {
    return this.sources.get(key);
  }

  keys(): string[] {
    return [...this.sources.keys()].sort();
  }

  /** Every binding of a plan must name a registered metric; returns the problems, if any. */
  unknownBindings(plan: Plan): string[] {
    const subjects = [
      ...plan.kpis.map((k) => ({
        path: `kpis.${k.code}.metric`,
        key: typeof k.metric === 'string' ? k.metric : k.metric.key,
      })),
      ...plan.projects.map((p) => ({ path: `projects.${p.code}.metric`, key: p.metric.key })),
    ];
    return subjects
      .filter((s) => !this.sources.has(s.key))
      .map((s) => `${s.path}: unknown metric "${s.key}" (registered: ${this.keys().join(', ')})`);
  }
}
