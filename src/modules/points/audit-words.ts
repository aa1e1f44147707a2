import { describeAuditEntries } from '../../platform/audit-text';
import { issueLabels } from './issues';

/** How the programme's changes read in the audit log. The ledger itself is its own record. */
export function describePointsAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'points_shop.apply': { ja: 'るのかーど取扱店舗の参加申込', en: 'Applied to take るのかーど' },
      'points_shop.approve': { ja: 'るのかーど取扱店舗の承認', en: 'るのかーど shop approved' },
      'points_shop.withdraw': { ja: 'るのかーど取扱の終了', en: 'るのかーど shop left' },
      'points_programme.update': {
        ja: 'るのかーどのポイントのルール変更',
        en: 'るのかーど points rules changed',
      },
      'gift_issue.create': { ja: 'デジタル商品券の発行設定', en: 'Gift certificate issue set up' },
      'gift_issue.sell': { ja: 'デジタル商品券の販売', en: 'Gift certificates sold' },
      'points_settlement.create': { ja: '取扱店舗への精算', en: 'Settlement with shops' },
    },
    entities: {
      points_shop: { ja: 'るのかーど取扱店舗', en: 'るのかーど shop' },
      gift_issue: { ja: 'デジタル商品券', en: 'Gift certificate issue' },
      points_settlement: { ja: '精算', en: 'Settlement' },
      points_programme: { ja: 'るのかーどのルール', en: 'るのかーど rules' },
    },
    fields: {
      ...issueLabels,
      business: { ja: '事業者', en: 'Business' },
      reason: { ja: '理由', en: 'Reason' },
      yenPerPoint: { ja: '付与率（何円ごとに1ポイント）', en: 'Yen per point' },
      pointsPay: { ja: 'ポイントでの支払い', en: 'Points pay' },
      residentAccountId: { ja: '購入者（アカウント番号）', en: 'Buyer (account number)' },
      sets: { ja: '冊数', en: 'Sets' },
      paidYen: { ja: '受領額（円）', en: 'Paid (yen)' },
      method: { ja: '受領方法', en: 'Paid by' },
      periodFrom: { ja: '精算期間の開始日', en: 'Period from' },
      periodUntil: { ja: '精算期間の終了日', en: 'Period until' },
    },
    values: {
      cash: { ja: '現金', en: 'Cash' },
      bank: { ja: '振込', en: 'Bank transfer' },
    },
  });
}
