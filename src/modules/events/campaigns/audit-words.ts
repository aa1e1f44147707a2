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
      'event_registration.phone_booking': {
        ja: 'まちゼミの電話予約の記録',
        en: 'Phone booking recorded for a campaign course',
      },
      'event_registration.mark_absent': { ja: '「来なかった」の記録', en: 'Marked as not come' },
      'course_follow_up.answer': { ja: 'その後の来店の回答', en: 'Came-back answer' },
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
      seats: { ja: '人数', en: 'People' },
      followUpConsent: { ja: 'その後のおたずねへの同意', en: 'Consented to the follow-up' },
      cameBack: { ja: 'その後の来店', en: 'Came back' },
      within: { ja: 'いつ頃', en: 'When' },
      answeredVia: { ja: '回答の方法', en: 'Answered' },
    },
    values: {
      proposed: { ja: '審査待ち', en: 'Awaiting decision' },
      returned: { ja: '差し戻し', en: 'Sent back' },
      approved: { ja: '承認', en: 'Approved' },
      declined: { ja: '見送り', en: 'Declined' },
      withdrawn: { ja: '取り下げ', en: 'Withdrawn' },
      // how a follow-up was answered, and when the person came back (decision 037)
      mail: { ja: 'ご本人がメールで', en: 'By the person, by mail' },
      shop: { ja: 'お店が電話で', en: 'By the shop, on the phone' },
      week: { ja: '1週間以内', en: 'Within a week' },
      month: { ja: '1か月以内', en: 'Within a month' },
      later: { ja: '1か月より後', en: 'Later than a month' },
    },
  });
}
