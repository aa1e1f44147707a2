import type { Queryable } from '../../db/connection';
import type { Measurement, MetricRequest, MetricSource } from '../plan';
import { countingDay, denominatorOn, hasMembers, membershipRate, membersOn } from './counts';
import { type BodyKind, bodyKinds } from './schema';

function kindOf(request: MetricRequest): BodyKind {
  const kind = String(request.binding.params.kind ?? 'shotenkai');
  if (!(bodyKinds as readonly string[]).includes(kind)) {
    throw new Error(`memberships metric: params.kind must be one of ${bodyKinds.join(', ')}, not "${kind}"`);
  }
  return kind as BodyKind;
}

/** The members of a kind's bodies on the year's counting day, or undefined when none are recorded. */
async function countFor(q: Queryable, municipalityCode: string, kind: BodyKind, fiscalYear: number) {
  const day = countingDay(fiscalYear);
  if (!day || !(await hasMembers(q, municipalityCode, kind, day))) return undefined;
  const bodies = await membersOn(q, municipalityCode, kind, day);
  return { day, bodies, total: bodies.reduce((sum, b) => sum + b.members, 0) };
}

/**
 * 商店会の会員数 (`kind: shotenkai`) or the 商工会's (`kind: shokokai`): members on 31 March of the
 * fiscal year, or today while it runs. One record per body (members are counted, never named).
 */
export const membersMetric: MetricSource = {
  key: 'memberships.members',
  description: {
    ja: '会員数（年度末、年度中は今日の時点）',
    en: 'Members (at the end of the fiscal year, or today while it runs)',
  },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    return Promise.all(
      requests.map(async (request) => {
        const count = await countFor(q, plan.municipalityCode, kindOf(request), fiscalYear);
        if (!count) return { value: null, records: [] };
        return {
          value: count.total,
          records: count.bodies.map((b) => ({ label: b.name, date: count.day, value: b.members })),
        };
      }),
    );
  },
};

/**
 * 加入率: members on the counting day divided by the number of businesses in the city in force that day
 * (entered by staff with its source), in percent to one decimal. Without either, nothing is known.
 */
export const membershipRateMetric: MetricSource = {
  key: 'memberships.rate',
  description: {
    ja: '加入率（会員数 ÷ 市内の事業所数、%）',
    en: 'Membership rate (members ÷ businesses in the city, %)',
  },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    return Promise.all(
      requests.map(async (request) => {
        const kind = kindOf(request);
        const count = await countFor(q, plan.municipalityCode, kind, fiscalYear);
        const denominator = count && (await denominatorOn(q, plan.municipalityCode, kind, count.day));
        if (!count || !denominator) return { value: null, records: [] };
        return {
          value: membershipRate(count.total, denominator.value),
          records: [
            { label: '会員数 / members', date: count.day, value: count.total },
            {
              label: '市内の事業所数 / businesses in the city',
              date: denominator.asOf,
              value: denominator.value,
              detail: denominator.source,
            },
          ],
        };
      }),
    );
  },
};

export const membershipMetrics = [membersMetric, membershipRateMetric];
