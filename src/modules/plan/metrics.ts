import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import type { Measurement, MetricSource } from './metric-registry';
import type { Subject } from './plan';
import { ofPlan } from './plan-scope';
import { manualActuals } from './schema';

export function subjectCode(subject: Subject): string {
  return subject.kind === 'project' ? subject.project.code : subject.kpi.code;
}

/**
 * `manual`: figures that no module can know (従業者数 from the economic census, print runs) are entered
 * by staff. The latest entry of a fiscal year, by as-of date, is that year's actual; earlier
 * entries stay as its history.
 */
export const manualMetric: MetricSource = {
  key: 'manual',
  description: {
    ja: '職員による手入力（出典・基準日つき）',
    en: 'Entered by staff, with source and as-of date',
  },
  async measure(q: Queryable, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const rows = await q
      .select()
      .from(manualActuals)
      .where(
        and(
          ofPlan(manualActuals, plan),
          eq(manualActuals.fiscalYear, fiscalYear),
          inArray(
            manualActuals.subjectCode,
            requests.map((r) => subjectCode(r.subject)),
          ),
        ),
      )
      .orderBy(asc(manualActuals.asOf), asc(manualActuals.id));
    return requests.map(({ subject }) => {
      const mine = rows.filter(
        (r) => r.subjectKind === subject.kind && r.subjectCode === subjectCode(subject),
      );
      const latest = mine.at(-1);
      return {
        value: latest ? latest.value : null,
        records: mine.map((r) => ({
          label: r.source,
          date: r.asOf,
          value: r.value,
          detail: [r.note, r.enteredByName].filter(Boolean).join(' / '),
        })),
      };
    });
  },
};
