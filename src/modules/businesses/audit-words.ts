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
      'business.photo_add': { ja: '事業者の写真の追加', en: 'Business photo added' },
      'business.photo_remove': { ja: '事業者の写真の削除', en: 'Business photo removed' },
      'business_post.create': { ja: '発注・受注の掲載', en: 'Need or offer posted' },
      'business_post.close': { ja: '発注・受注の締切', en: 'Need or offer closed' },
      'business_message.send': { ja: '事業者間メッセージの送信', en: 'Message sent between businesses' },
      'business_deal.record': { ja: '取引の記録', en: 'Deal recorded' },
      'business_deal.confirm': { ja: '取引の確認', en: 'Deal confirmed' },
      'business.claim_approve': {
        ja: '事業者情報の管理申請の承認',
        en: 'Claim of a business profile approved',
      },
    },
    entities: {
      business: { ja: '事業者', en: 'Business' },
      business_post: { ja: '発注・受注', en: 'Need or offer' },
      business_thread: { ja: '事業者間のやりとり', en: 'Conversation between businesses' },
      business_deal: { ja: '取引', en: 'Deal' },
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
      successorStatus: { ja: '後継者の状況', en: 'Successor' },
      successionConsentAt: {
        ja: '事業承継の支援のための利用に同意した日時',
        en: 'Consented to the use for succession support',
      },
      claimAccountId: { ja: '申請したアカウント', en: 'Claiming account' },
      accountId: { ja: '管理するアカウント', en: 'Keeping account' },
      messageId: { ja: 'メッセージ番号', en: 'Message no.' },
      authorBusinessId: { ja: '送信した事業者の番号', en: 'Sending business no.' },
      businessId: { ja: '事業者番号', en: 'Business no.' },
      threadId: { ja: 'やりとりの番号', en: 'Conversation no.' },
      dealOn: { ja: '取引日', en: 'Day of the deal' },
      dealAmountYen: { ja: '取引金額（円）', en: 'Amount of the deal (yen)' },
      postKind: { ja: '発注・受注の別', en: 'Need or offer' },
      confirmed: { ja: '確認済み', en: 'Confirmed' },
    },
    values: {
      corporation: { ja: '法人', en: 'Corporation' },
      sole: { ja: '個人事業主', en: 'Sole proprietor' },
      need: { ja: '発注したい', en: 'Need (wants to order)' },
      offer: { ja: '受注したい', en: 'Offer (wants work)' },
    },
  });
}
