import { and, asc, eq, gte, isNotNull, lte } from 'drizzle-orm';
import { fiscalYearRange } from '../../platform/fiscal-year';
import type { Measurement, MetricRecord, MetricSource } from '../plan';
import { consultationPermissions } from './permissions';
import { consultationCases, loanUses } from './schema';
import { caseReference, organisationName, programmeNames } from './words';

type MetricRequest = Parameters<MetricSource['measure']>[2][number];

const param = (request: MetricRequest, name: string) =>
  request.binding.params[name] === undefined ? undefined : String(request.binding.params[name]);

/**
 * `consultations.loanUses{programme?, organisation?}`: uses of the loan programmes of 1-3 whose day
 * falls in the fiscal year (合計利用件数: all three unless `programme` names one). A year with no use
 * recorded gives `null`. A record names the programme and the case's number, never the borrower
 * or the amount: associations read the drill-down too (decision 017).
 */
export const loanUsesMetric: MetricSource = {
  key: 'consultations.loanUses',
  description: { ja: '制度融資の利用件数', en: 'Uses of the municipal loan programmes' },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const rows = await q
      .select({
        id: loanUses.id,
        caseId: loanUses.caseId,
        programme: loanUses.programme,
        organisation: loanUses.organisation,
        usedOn: loanUses.usedOn,
      })
      .from(loanUses)
      .where(
        and(
          eq(loanUses.municipalityCode, plan.municipalityCode),
          gte(loanUses.usedOn, start),
          lte(loanUses.usedOn, end),
        ),
      )
      .orderBy(asc(loanUses.usedOn), asc(loanUses.id));
    return requests.map((request) => {
      const programme = param(request, 'programme');
      const organisation = param(request, 'organisation');
      const mine = rows.filter(
        (r) =>
          (programme === undefined || r.programme === programme) &&
          (organisation === undefined || r.organisation === organisation),
      );
      return {
        value: mine.length === 0 ? null : mine.length,
        records: mine.map((r) => ({
          label: `${programmeNames[r.programme]?.ja ?? r.programme} / ${programmeNames[r.programme]?.en ?? r.programme}`,
          date: r.usedOn,
          value: 1,
          detail: `${caseReference(r.caseId).ja} / ${caseReference(r.caseId).en}`,
          href: `/consultations/cases/${r.caseId}`,
        })),
      };
    });
  },
  // the records are cases: counts only for those who may not read them
  recordsPermission: consultationPermissions['consultations.counsel'],
};

/**
 * `consultations.startups{organisation?, baseline?}`: start-up cases closed as 創業. Bound to a
 * cumulative KPI (「Bi@Sta 利用者の創業件数（開設以降の累計値）」), the value of a year is the plan's
 * baseline (the total at the end of the baseline year) plus every 創業 recorded from the next
 * fiscal year to the end of the year asked; for the baseline year itself and before, `null`, so
 * that the plan's own figure stands. Bound to a project or a KPI that is not cumulative, it is the
 * 創業 of that year. `params.baseline` overrides the KPI's baseline.
 */
export const startupsMetric: MetricSource = {
  key: 'consultations.startups',
  description: {
    ja: '相談者の創業件数（創業で完了した創業相談）',
    en: 'Start-ups of people consulted (start-up cases closed as started)',
  },
  // the records are cases: counts only for those who may not read them
  recordsPermission: consultationPermissions['consultations.counsel'],
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const { end } = fiscalYearRange(fiscalYear);
    const rows = await q
      .select({
        id: consultationCases.id,
        organisation: consultationCases.organisation,
        startedOn: consultationCases.startedOn,
      })
      .from(consultationCases)
      .where(
        and(
          eq(consultationCases.municipalityCode, plan.municipalityCode),
          eq(consultationCases.kind, 'startup'),
          isNotNull(consultationCases.startedOn),
          lte(consultationCases.startedOn, end),
        ),
      )
      .orderBy(asc(consultationCases.startedOn), asc(consultationCases.id));
    return requests.map((request) => {
      const organisation = param(request, 'organisation');
      const ofOrganisation = rows.filter(
        (r) => organisation === undefined || r.organisation === organisation,
      );
      const record = (r: (typeof rows)[number]): MetricRecord => ({
        label: `創業（${caseReference(r.id).ja}） / start-up (${caseReference(r.id).en})`,
        date: r.startedOn ?? undefined,
        value: 1,
        detail: `${organisationName('ja', r.organisation, plan.file.organisations)} / ${organisationName('en', r.organisation, plan.file.organisations)}`,
        href: `/consultations/cases/${r.id}`,
      });
      const kpi = request.subject.kind === 'kpi' ? request.subject.kpi : undefined;
      if (kpi?.cumulative) {
        if (fiscalYear <= plan.baselineYear) return { value: null, records: [] };
        const baseline = Number(param(request, 'baseline') ?? kpi.baseline.value);
        const since = fiscalYearRange(plan.baselineYear + 1).start;
        const counted = ofOrganisation.filter((r) => (r.startedOn ?? '') >= since);
        // nothing recorded since the baseline yet: 未入力, not a year without start-ups
        if (counted.length === 0) return { value: null, records: [] };
        return {
          value: baseline + counted.length,
          records: [
            {
              label: `計画書の実績値（${plan.baselineYear}年度末の累計） / plan's baseline (total to FY${plan.baselineYear})`,
              value: baseline,
              ...(kpi.baseline.note ? { detail: kpi.baseline.note } : {}),
            },
            ...counted.map(record),
          ],
        };
      }
      const { start } = fiscalYearRange(fiscalYear);
      const ofYear = ofOrganisation.filter((r) => (r.startedOn ?? '') >= start);
      return { value: ofYear.length === 0 ? null : ofYear.length, records: ofYear.map(record) };
    });
  },
};
