import { describeAuditEntries } from '../../../platform/audit-text';

/** How campaigns and their courses read in the audit log. */
export function describeCampaignAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'event_campaign.create': { ja: 'まちゼミの作成', en: 'Campaign created' },
      'campaign_course.propose': { ja: '講座の提案', en: 'Course proposed' },
      'campaign_course.update': { ja: '講座の提案の変更', en: 'Course proposal changed' },
      'campaign_course.withdraw': { ja: '講座の提案の取り下げ', en: 'Course proposal withdrawn' },
      'campaign_course.approve': {
        ja: '講座の承認（イベントとして公開）',
        en: 'Course approved (published as an event)',
      },
      'campaign_course.return': { ja: '講座の差し戻し', en: 'Course sent back' },
      'campaign_course.decline': { ja: '講座の見送り', en: 'Course declined' },
    },
    entities: {
      event_campaign: { ja: 'まちゼミ', en: 'Campaign' },
    },
    fields: {
      startsOn: { ja: '開催期間の初日', en: 'First day' },
      endsOn: { ja: '開催期間の最終日', en: 'Last day' },
      proposalsCloseOn: { ja: '提案の締切日', en: 'Proposal deadline' },
      courseId: { ja: '提案番号', en: 'Proposal no.' },
      shopName: { ja: '店名', en: 'Shop' },
      comment: { ja: 'コメント', en: 'Comment' },
      eventId: { ja: 'イベント番号', en: 'Event no.' },
    },
    values: {
      proposed: { ja: '審査待ち', en: 'Awaiting decision' },
      returned: { ja: '差し戻し', en: 'Sent back' },
      approved: { ja: '承認', en: 'Approved' },
      declined: { ja: '見送り', en: 'Declined' },
      withdrawn: { ja: '取り下げ', en: 'Withdrawn' },
    },
  });
}
