import { describeAuditEntries } from '../../platform/audit-text';

/** How consultations read in the audit log: writes, and every read of a case or the list. */
export function describeConsultationAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'consultation.record': { ja: '相談の記録', en: 'Consultation recorded' },
      'consultation_case.read': { ja: '相談案件の閲覧', en: 'Case read' },
      'consultation.export': { ja: '相談記録のCSV出力', en: 'Consultations exported (CSV)' },
      'consultation_case.startup': { ja: '創業の記録', en: 'Start-up recorded' },
      'certified_support.issue': {
        ja: '特定創業支援等事業の証明書の交付',
        en: 'Certified start-up support certificate issued',
      },
      'consultation_case.business': {
        ja: '創業した事業者（ディレクトリ）との結びつき',
        en: 'Start-up linked to a business in the directory',
      },
      'consultation_case.stage': { ja: '事業承継の段階の記録', en: 'Succession stage recorded' },
      'consultation_case.referral': {
        ja: '事業承継・引継ぎ支援センターへの紹介',
        en: 'Referred to the succession support centre',
      },
      'loan_use.record': { ja: '制度融資の利用の記録', en: 'Loan use recorded' },
      'succession_listing.publish': { ja: '事業承継の案件情報の公開', en: 'Succession listing published' },
      'succession_listing.withdraw': {
        ja: '事業承継の案件情報の取り下げ',
        en: 'Succession listing withdrawn',
      },
      'succession_listing.disclosure_read': {
        ja: '開示された経営者の閲覧（後継者候補）',
        en: 'Disclosed owner read by a candidate',
      },
      'succession_candidate.register': { ja: '後継者候補の登録', en: 'Successor candidate registered' },
      'succession_interest.express': { ja: '後継者候補の関心表明', en: 'Candidate expressed interest' },
      'succession_interest.approve': {
        ja: '経営者による候補者の承認の記録',
        en: "Owner's approval of a candidate recorded",
      },
      'succession_interest.pledge': { ja: '秘密保持の誓約', en: 'Confidentiality pledge accepted' },
      'self_check.read': { ja: '事業承継診断の相談希望の閲覧', en: 'Self-check lead read' },
    },
    entities: {
      consultation_case: { ja: '相談案件', en: 'Consultation case' },
      consultation_list: { ja: '相談記録の一覧', en: 'List of consultations' },
      succession_listing: { ja: '事業承継の案件情報', en: 'Succession listing' },
      succession_candidate: { ja: '後継者候補', en: 'Successor candidate' },
      succession_interest: { ja: '後継者候補の関心表明', en: "Candidate's interest" },
      succession_self_check: { ja: '事業承継診断', en: 'Succession self-check' },
    },
    fields: {
      caseId: { ja: '相談案件番号', en: 'Case no.' },
      consentOn: { ja: '経営者の同意日', en: "Date of the owner's consent" },
      consentCounsellorName: { ja: '同意を確認した相談員', en: 'Counsellor who took the consent' },
      listingId: { ja: '案件情報番号', en: 'Listing no.' },
      candidateAccountId: { ja: '候補者のアカウント番号', en: "Candidate's account no." },
      consultationId: { ja: '相談番号', en: 'Consultation no.' },
      heldOn: { ja: '相談日', en: 'Date' },
      counsellorName: { ja: '相談員', en: 'Counsellor' },
      followUpOn: { ja: 'フォローアップ予定日', en: 'Follow-up date' },
      rows: { ja: '件数', en: 'Rows' },
      startedOn: { ja: '創業日', en: 'Start-up date' },
      businessName: { ja: '屋号・会社名', en: 'Business name' },
      successionStage: { ja: '事業承継の段階', en: 'Succession stage' },
      stageOn: { ja: '段階の日付', en: 'Date of the stage' },
      referredOn: { ja: '紹介日', en: 'Date of referral' },
      loanId: { ja: '融資番号', en: 'Loan no.' },
      programme: { ja: '融資制度', en: 'Loan programme' },
      usedOn: { ja: '融資実行日', en: 'Date of the loan' },
      amountYen: { ja: '融資額（円）', en: 'Amount (yen)' },
    },
    values: {
      startup: { ja: '創業', en: 'Start-up' },
      succession: { ja: '事業承継', en: 'Business succession' },
      management: { ja: '経営', en: 'Management' },
      special: { ja: '特別相談', en: 'Special consultation' },
      awareness: { ja: '気づき', en: 'Awareness' },
      preparation: { ja: '準備', en: 'Preparation' },
      'successor-decided': { ja: '後継者決定', en: 'Successor decided' },
      completed: { ja: '承継完了', en: 'Succession completed' },
      'closed-down': { ja: '廃業', en: 'Closed down' },
      'city-promotion': { ja: 'あきる野市中小企業振興資金融資', en: 'City SME promotion loan' },
      'city-micro': { ja: 'あきる野市小口零細企業保証資金融資', en: 'City micro-business guaranteed loan' },
      'shokokai-improvement': {
        ja: 'あきる野商工会小規模事業者経営改善資金融資',
        en: "Chamber of commerce's small-business improvement loan",
      },
    },
  });
}
