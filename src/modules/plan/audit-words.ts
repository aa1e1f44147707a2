import { describeAuditEntries } from '../../platform/audit-text';

/** How this module's entries read in the audit log. */
export function describePlanAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'manual_actual.create': { ja: '実績の登録', en: 'Actual recorded' },
      'manual_actual.update': { ja: '実績の修正', en: 'Actual corrected' },
      'pdca_review.create': { ja: '評価の登録', en: 'Evaluation written' },
      'pdca_review.update': { ja: '評価の更新', en: 'Evaluation updated' },
      'committee_opinion.create': { ja: '委員会の意見の登録', en: "Committee's opinion written" },
      'committee_opinion.update': { ja: '委員会の意見の更新', en: "Committee's opinion updated" },
      'improvement_action.create': { ja: '改善項目の追加', en: 'Improvement action added' },
      'improvement_action.status': { ja: '改善項目の状況変更', en: 'Improvement action status' },
      'manual_actual.seed': { ja: '実績の一括登録', en: 'Actuals loaded' },
    },
    entities: {
      'plan.project': { ja: '実施事業', en: 'Project' },
      'plan.kpi': { ja: '成果目標', en: 'KPI' },
      plan: { ja: '計画', en: 'Plan' },
    },
    fields: {
      value: { ja: '実績値', en: 'Value' },
      asOf: { ja: '基準日', en: 'As of' },
      source: { ja: '出典', en: 'Source' },
      note: { ja: '備考', en: 'Note' },
      grade: { ja: '評価', en: 'Grade' },
      departmentComment: { ja: '所管課の評価コメント', en: "Department's comment" },
      // entries written before decision 033 kept the committee's words in the department's review
      committeeComment: { ja: '委員会の意見', en: "Committee's opinion" },
      opinion: { ja: '委員会の意見', en: "Committee's opinion" },
      version: { ja: '版', en: 'Version' },
      id: { ja: '番号', en: 'No.' },
      description: { ja: '改善内容', en: 'Improvement' },
      ownerOrganisation: { ja: '担当機関', en: 'Owner organisation' },
      dueDate: { ja: '期限', en: 'Due date' },
      status: { ja: '状況', en: 'Status' },
    },
  });
}
