import { and, eq, inArray, lte } from 'drizzle-orm';
import { fiscalYearRange } from '../../platform/fiscal-year';
import type { Measurement, MetricSource } from '../plan';
import { fiscalYearOfDay, newClientConsultations } from './new-clients';
import { consultationPermissions } from './permissions';
import { type ConsultationKind, consultationCases, consultationKinds, consultations } from './schema';
import { caseReference, kindNames, organisationName } from './words';

type MetricRequest = Parameters<MetricSource['measure']>[2][number];

function kindOf(request: MetricRequest): ConsultationKind | undefined {
  const kind = String(request.binding.params.kind ?? '');
  return (consultationKinds as readonly string[]).includes(kind) ? (kind as ConsultationKind) : undefined;
}

const organisationOf = (request: MetricRequest) =>
  request.binding.params.organisation === undefined ? undefined : String(request.binding.params.organisation);

/**
 * `consultations.newClients{kind, organisation?}`: the 新規相談者数 of 1-1 事業承継相談
 * (`kind: succession`) and 1-2 創業相談 (`kind: startup`): people whose first consultation of the
 * kind falls in the fiscal year (new-clients.ts). `organisation` counts one organisation's only.
 *
 * The drill-down is read by everyone who reads progress (associations too), so a record names the
 * case by its number, never the person; the link opens only for the case's counsellors (decision 016).
 */
export const newClientsMetric: MetricSource = {
  key: 'consultations.newClients',
  description: {
    ja: '相談の新規相談者数（その種類の最初の相談が年度内の人数）',
    en: 'New clients of consultations (first consultation of the kind in the fiscal year)',
  },
  // the records are cases: counts only for those who may not read them
  recordsPermission: consultationPermissions['consultations.counsel'],
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const kinds = [...new Set(requests.map(kindOf).filter((k): k is ConsultationKind => Boolean(k)))];
    const { end } = fiscalYearRange(fiscalYear);
    // every earlier consultation too: a person who first came last year is not new this year
    const rows =
      kinds.length === 0
        ? []
        : await q
            .select({
              id: consultations.id,
              heldOn: consultations.heldOn,
              caseId: consultationCases.id,
              clientId: consultationCases.clientId,
              kind: consultationCases.kind,
              organisation: consultationCases.organisation,
            })
            .from(consultations)
            .innerJoin(consultationCases, eq(consultationCases.id, consultations.caseId))
            .where(
              and(
                eq(consultationCases.municipalityCode, plan.municipalityCode),
                inArray(consultationCases.kind, kinds),
                lte(consultations.heldOn, end),
              ),
            );
    const newOnes = newClientConsultations(rows);
    return requests.map((request) => {
      const kind = kindOf(request);
      const organisation = organisationOf(request);
      const ofYear = rows.filter(
        (r) =>
          r.kind === kind &&
          (organisation === undefined || r.organisation === organisation) &&
          fiscalYearOfDay(r.heldOn) === fiscalYear,
      );
      const counted = ofYear
        .filter((r) => newOnes.has(r.id))
        .sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.id - b.id);
      const kindText = kind ? kindNames[kind] : { ja: '', en: '' };
      return {
        // a year with no consultation of the kind at all is 未入力, not 0
        value: ofYear.length === 0 ? null : counted.length,
        records: counted.map((r) => ({
          label: `${caseReference(r.caseId).ja} / ${caseReference(r.caseId).en}`,
          date: r.heldOn,
          value: 1,
          detail:
            `新規相談者（${kindText.ja}・${organisationName('ja', r.organisation, plan.file.organisations)}）` +
            ` / new client (${kindText.en}, ${organisationName('en', r.organisation, plan.file.organisations)})`,
          href: `/consultations/cases/${r.caseId}`,
        })),
      };
    });
  },
};
