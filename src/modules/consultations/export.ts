import { fiscalYearOfDay } from './new-clients';
import type { listConsultations } from './service';
import { kindName, type Organisation, organisationName } from './words';

type Listed = Awaited<ReturnType<typeof listConsultations>>[number];

const headers = [
  '相談日',
  '年度',
  '相談案件番号',
  '相談者',
  'ふりがな',
  '連絡先',
  '種類',
  '新規相談者',
  '機関',
  '相談員',
  '相談内容',
  '次の対応',
  'フォローアップ予定日',
];

/** The counsellor's list as rows of a CSV (personal data: served never cached, each export logged). */
export function consultationsCsv(rows: Listed[], organisations: readonly Organisation[]) {
  return [
    headers,
    ...rows.map((r) => [
      r.consultation.heldOn,
      fiscalYearOfDay(r.consultation.heldOn),
      r.caseRow.id,
      r.client.name,
      r.client.kana,
      r.client.contact,
      kindName('ja', r.caseRow.kind),
      r.isNewClient ? '新規' : '継続',
      organisationName('ja', r.caseRow.organisation, organisations),
      r.consultation.counsellorName,
      r.consultation.discussed,
      r.consultation.nextStep,
      r.consultation.followUpOn ?? '',
    ]),
  ];
}
