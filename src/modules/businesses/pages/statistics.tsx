import { FiscalYearLinks } from '../../../platform/ui/fiscal-year-links';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import { industryName } from '../industries';
import type { businessStatistics } from '../statistics';

type Statistics = Awaited<ReturnType<typeof businessStatistics>>;

/** The 商工会's statistics of the directory and local ordering, by industry, for one fiscal year. */
export function StatisticsPage(props: {
  view: PageView;
  fiscalYear: number;
  years: number[];
  stats: Statistics;
}) {
  const { view, stats } = props;
  const title = tr(view, '事業者・受発注の統計', 'Business and local-order statistics');
  const n = (v: number) => v.toLocaleString(view.lang === 'en' ? 'en-GB' : 'ja-JP');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <FiscalYearLinks
        view={view}
        years={props.years}
        selected={props.fiscalYear}
        href={(y) => `/businesses/statistics?fy=${y}`}
      />
      <dl class="facts" data-list="totals">
        <dt>{tr(view, '公開中の事業者', 'Listed businesses')}</dt>
        <dd data-field="profiles">{n(stats.totals.profiles)}</dd>
        <dt>{tr(view, '発注したい（年度内の掲載）', 'Needs posted in the year')}</dt>
        <dd data-field="needs">{n(stats.totals.needs)}</dd>
        <dt>{tr(view, 'うち募集中', 'Of which still open')}</dt>
        <dd data-field="open">{n(stats.totals.openNeeds)}</dd>
        <dt>{tr(view, 'うち回答があったもの', 'Of which answered')}</dt>
        <dd data-field="answered">{n(stats.totals.answeredNeeds)}</dd>
        <dt>{tr(view, '最初の回答までの時間（中央値）', 'Median time to first answer')}</dt>
        <dd data-field="median">
          {stats.totals.medianHoursToFirstAnswer === null
            ? '—'
            : tr(
                view,
                `${stats.totals.medianHoursToFirstAnswer}時間`,
                `${stats.totals.medianHoursToFirstAnswer} h`,
              )}
        </dd>
        <dt>{tr(view, '市内受発注（確認済みの取引）', 'Local deals (confirmed)')}</dt>
        <dd data-field="deals">{n(stats.totals.deals)}</dd>
        <dt>{tr(view, '市内受発注の金額', 'Amount of local deals')}</dt>
        <dd data-field="amount">
          {tr(view, `${n(stats.totals.amountYen)}円`, `¥${n(stats.totals.amountYen)}`)}
        </dd>
      </dl>
      {/* wider than a phone: the box scrolls, so a keyboard must reach it */}
      <section class="table-wrap" tabindex={0} aria-labelledby="by-industry">
        <table>
          <caption id="by-industry">
            {tr(view, '業種別（取引は受注した事業者の業種）', "By industry (deals by the seller's industry)")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{tr(view, '業種', 'Industry')}</th>
              <th scope="col">{tr(view, '事業者', 'Businesses')}</th>
              <th scope="col">{tr(view, '発注したい', 'Needs')}</th>
              <th scope="col">{tr(view, '募集中', 'Open')}</th>
              <th scope="col">{tr(view, '回答あり', 'Answered')}</th>
              <th scope="col">{tr(view, '取引', 'Deals')}</th>
              <th scope="col">{tr(view, '金額（円）', 'Amount (yen)')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.rows.map((r) => (
              <tr data-industry={r.industry}>
                <th scope="row">{industryName(view.lang, r.industry)}</th>
                <td>{n(r.profiles)}</td>
                <td>{n(r.needs)}</td>
                <td>{n(r.openNeeds)}</td>
                <td>{n(r.answeredNeeds)}</td>
                <td>{n(r.deals)}</td>
                <td>{n(r.amountYen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
