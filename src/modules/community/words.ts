import { describeAuditEntries } from '../../platform/audit-text';
import type { Text } from '../../platform/i18n';
import type { CollaborationKind, RevisionStatus } from './schema';

export const statusNames: Record<RevisionStatus, Text> = {
  draft: { ja: '下書き', en: 'Draft' },
  awaiting_facts: { ja: 'お店の確認待ち', en: 'Awaiting the shop’s check' },
  awaiting_university: { ja: '大学の承認待ち', en: 'Awaiting the university' },
  awaiting_city: { ja: '市の承認待ち', en: 'Awaiting the city' },
  refused: { ja: '差し戻し', en: 'Returned' },
  published: { ja: '公開中', en: 'Published' },
  superseded: { ja: '旧版', en: 'Earlier version' },
};

export const collaborationKindNames: Record<CollaborationKind, Text> = {
  product: { ja: '商品開発', en: 'Product development' },
  commercialisation: { ja: '事業化', en: 'Commercialisation' },
  publicity: { ja: '情報発信', en: 'Publicity' },
};

/** How the articles and collaborations read in the audit log. */
export function describeCommunityAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'article.create': { ja: '記事の作成（下書き）', en: 'Article written (draft)' },
      'article.update': { ja: '記事の変更', en: 'Article changed' },
      'article.revise': { ja: '公開中の記事の改訂', en: 'Published article revised' },
      'article.submit': { ja: '記事の承認申請', en: 'Article sent for approval' },
      'article.approve_facts': { ja: '記事の内容確認（お店）', en: 'Article facts approved (shop)' },
      'article.approve_university': { ja: '記事の承認（大学）', en: 'Article approved (university)' },
      'article.publish': { ja: '記事の承認（市）・公開', en: 'Article approved (city) and published' },
      'article.refuse': { ja: '記事の差し戻し', en: 'Article returned' },
      'article.photo_add': { ja: '記事の写真の追加', en: 'Article photo added' },
      'article.photo_remove': { ja: '記事の写真の削除', en: 'Article photo removed' },
      'collaboration.record': { ja: '産学連携の記録', en: 'Collaboration recorded' },
    },
    entities: {
      article: { ja: '学生記事', en: 'Student article' },
      collaboration: { ja: '産学連携', en: 'Industry–academia collaboration' },
    },
    fields: {
      businessId: { ja: '取材したお店', en: 'Shop' },
      university: { ja: '大学', en: 'University' },
      body: { ja: '本文', en: 'Text' },
      summary: { ja: '短い紹介文', en: 'Short version' },
      interviewDate: { ja: '取材日', en: 'Interview date' },
      revision: { ja: '版', en: 'Revision' },
      status: { ja: '状態', en: 'Status' },
      refusedStep: { ja: '差し戻した段階', en: 'Returned at' },
      refusalReason: { ja: '差し戻しの理由', en: 'Reason' },
      fiscalYear: { ja: '年度', en: 'Fiscal year' },
      partnersText: { ja: '連携先', en: 'Partners' },
      outcome: { ja: '成果', en: 'Outcome' },
    },
    values: {
      // only codes no other module stores: the log of every module reads values with these words
      awaiting_facts: statusNames.awaiting_facts,
      awaiting_university: statusNames.awaiting_university,
      awaiting_city: statusNames.awaiting_city,
      superseded: statusNames.superseded,
      product: collaborationKindNames.product,
      commercialisation: collaborationKindNames.commercialisation,
      publicity: collaborationKindNames.publicity,
    },
  });
}
