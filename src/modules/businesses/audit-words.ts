import { describeAuditEntries } from '../../platform/audit-text';

/**
 * How the business directory reads in the audit log. The words are shared by every module, so a field
 * the events module already names (address, area, latitude, contactName, …) keeps its words here.
 */
export function describeBusinessAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'business.create': { ja: '事業者情報の登録', en: 'Business profile created' },
      'business.update': { ja: '事業者情報の変更', en: 'Business profile changed' },
      'business.approve': { ja: '事業者情報の承認（公開）', en: 'Business profile approved (public)' },
      'business.claim': { ja: '事業者情報の管理申請', en: 'Business profile claimed' },
      'business.claim_approve': {
        ja: '事業者情報の管理申請の承認',
        en: 'Claim of a business profile approved',
      },
    },
    entities: {
      business: { ja: '事業者', en: 'Business' },
    },
    fields: {
      legalForm: { ja: '事業形態', en: 'Legal form' },
      name: { ja: '事業者名', en: 'Business name' },
      kana: { ja: 'ふりがな', en: 'Kana' },
      corporateNumber: { ja: '法人番号', en: 'Corporate number' },
      industryMajor: { ja: '業種（大分類）', en: 'Industry (division)' },
      industryMiddle: { ja: '業種（中分類）', en: 'Industry (major group)' },
      employees: { ja: '従業員数', en: 'Employees' },
      foundedYear: { ja: '創業年', en: 'Year founded' },
      tags: { ja: 'タグ', en: 'Tags' },
      capabilities: { ja: '技術・設備・資格', en: 'Capabilities' },
      products: { ja: '製品・サービス', en: 'Products and services' },
      website: { ja: 'ウェブサイト', en: 'Web site' },
      sns: { ja: 'SNS', en: 'Social media' },
      memberships: { ja: '所属団体', en: 'Memberships' },
      ownerAgeBand: { ja: '代表者の年代', en: "Owner's age band" },
      claimAccountId: { ja: '申請したアカウント', en: 'Claiming account' },
      accountId: { ja: '管理するアカウント', en: 'Keeping account' },
    },
    values: {
      corporation: { ja: '法人', en: 'Corporation' },
      sole: { ja: '個人事業主', en: 'Sole proprietor' },
    },
  });
}
