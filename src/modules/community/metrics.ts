import { and, eq, isNotNull } from 'drizzle-orm';
import { isInFiscalYear, todayInJapan } from '../../platform/fiscal-year';
import { localise } from '../../platform/i18n';
import type { Measurement, MetricRecord, MetricSource } from '../plan';
import { communityArticleRevisions, communityArticles, communityCollaborations } from './schema';
import { collaborationKindNames } from './words';

type MetricRequest = Parameters<MetricSource['measure']>[2][number];

/** `articlesAsPublicity: true` in the plan file: each published article is one 情報発信. */
const countsArticles = (request: MetricRequest) => request.binding.params.articlesAsPublicity === true;
const kindOf = (request: MetricRequest) =>
  request.binding.params.kind === undefined ? undefined : String(request.binding.params.kind);

/**
 * `community.collaborations{kind?, articlesAsPublicity?}`: 産学連携の支援件数, the collaborations
 * recorded for the fiscal year, each counting 1 (商品開発・事業化・情報発信, 3-2); `kind` counts one
 * kind only. With `articlesAsPublicity: true`, each student article first published in the fiscal year
 * (Japan time) counts as one 情報発信 too. A year with none gives null (未入力).
 */
export const collaborationsMetric: MetricSource = {
  key: 'community.collaborations',
  description: {
    ja: '産学連携の支援件数（商品開発・事業化・情報発信の取組ごとに1件）',
    en: 'Industry–academia collaborations (one per product, commercialisation or publicity effort)',
  },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const recorded = await q
      .select()
      .from(communityCollaborations)
      .where(
        and(
          eq(communityCollaborations.municipalityCode, plan.municipalityCode),
          eq(communityCollaborations.fiscalYear, fiscalYear),
        ),
      );
    const articles = requests.some(countsArticles)
      ? (
          await q
            .select({
              id: communityArticles.id,
              firstPublishedAt: communityArticles.firstPublishedAt,
              title: communityArticleRevisions.title,
            })
            .from(communityArticles)
            .innerJoin(
              communityArticleRevisions,
              eq(communityArticleRevisions.id, communityArticles.publishedRevisionId),
            )
            .where(
              and(
                eq(communityArticles.municipalityCode, plan.municipalityCode),
                isNotNull(communityArticles.firstPublishedAt),
              ),
            )
        ).filter((a) => a.firstPublishedAt && isInFiscalYear(todayInJapan(a.firstPublishedAt), fiscalYear))
      : [];
    return requests.map((request) => {
      const kind = kindOf(request);
      const records: MetricRecord[] = recorded
        .filter((c) => kind === undefined || c.kind === kind)
        .sort((a, b) => a.id - b.id)
        .map((c) => ({
          label: `${localise('ja', collaborationKindNames[c.kind])}：${c.title}`,
          value: 1,
          detail: c.outcome || undefined,
          href: `/collaborations?fy=${c.fiscalYear}#collaboration-${c.id}`,
        }));
      if (countsArticles(request) && (kind === undefined || kind === 'publicity')) {
        for (const a of articles.sort((x, y) => Number(x.firstPublishedAt) - Number(y.firstPublishedAt))) {
          records.push({
            label: `情報発信（学生記事）：${a.title}`,
            date: todayInJapan(a.firstPublishedAt as Date),
            value: 1,
            href: `/articles/${a.id}`,
          });
        }
      }
      return { value: records.length === 0 ? null : records.length, records };
    });
  },
};
