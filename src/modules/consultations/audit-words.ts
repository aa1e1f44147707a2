import { describeAuditEntries } from '../../platform/audit-text';

/** How consultations read in the audit log: writes, and every read of a case or the list. */
export function describeConsultationAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'consultation.record': { ja: '相談の記録', en: 'Consultation recorded' },
      'consultation_case.read': { ja: '相談案件の閲覧', en: 'Case read' },
      'consultation.export': { ja: '相談記録のCSV出力', en: 'Consultations exported (CSV)' },
    },
    entities: {
      consultation_case: { ja: '相談案件', en: 'Consultation case' },
      consultation_list: { ja: '相談記録の一覧', en: 'List of consultations' },
    },
    fields: {
      consultationId: { ja: '相談番号', en: 'Consultation no.' },
      heldOn: { ja: '相談日', en: 'Date' },
      counsellorName: { ja: '相談員', en: 'Counsellor' },
      followUpOn: { ja: 'フォローアップ予定日', en: 'Follow-up date' },
      rows: { ja: '件数', en: 'Rows' },
    },
    values: {
      startup: { ja: '創業', en: 'Start-up' },
      succession: { ja: '事業承継', en: 'Business succession' },
      management: { ja: '経営', en: 'Management' },
      special: { ja: '特別相談', en: 'Special consultation' },
    },
  });
}
