import { describeAuditEntries } from '../../../platform/audit-text';

/** How calls for vendors and their applications read in the audit log. */
export function describeVendorAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'vendor_call.open': { ja: '出店募集の開始', en: 'Call for vendors opened' },
      'vendor_call.change': { ja: '出店募集の変更', en: 'Call for vendors changed' },
      'vendor_application.apply': { ja: '出店の申し込み', en: 'Vendor applied' },
      'vendor_application.withdraw': { ja: '出店申込の取り下げ', en: 'Vendor application withdrawn' },
      'vendor_application.accept': { ja: '出店の決定', en: 'Vendor application accepted' },
      'vendor_application.decline': { ja: '出店の見送り', en: 'Vendor application declined' },
    },
    fields: {
      booths: { ja: '区画数', en: 'Booths' },
      applicationsCloseOn: { ja: '出店の申込締切日', en: 'Last day for vendor applications' },
      conditions: { ja: '出店条件', en: 'Conditions' },
      boothFeeYen: { ja: '出店料（円）', en: 'Booth fee (yen)' },
      closed: { ja: '受付の停止', en: 'Applications stopped' },
      applicationId: { ja: '出店申込番号', en: 'Vendor application no.' },
      businessName: { ja: '事業者名', en: 'Business' },
      message: { ja: '出店者へのメッセージ', en: 'Message to the vendor' },
    },
    values: {
      applied: { ja: '審査待ち', en: 'Awaiting decision' },
      accepted: { ja: '出店決定', en: 'Accepted' },
      declined: { ja: '見送り', en: 'Declined' },
      withdrawn: { ja: '取り下げ', en: 'Withdrawn' },
    },
  });
}
