import { raw } from 'hono/html';
import { formatFiscalYear } from '../../../platform/fiscal-year';
import { titleIn } from '../../../platform/i18n';
import { renderTargetActualChart } from '../../../platform/ui/chart';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { Kpi, Plan } from '../plan';
import type { KpiProgress } from '../service';
import { formatPercent, formatValue, StatusBadge, YearSwitcher } from './components';
import { RecordsTable } from './records';

export function KpiPage(props: {
  view: PageView;
  plan: Plan;
  kpi: Kpi;
  history: { fiscalYear: number; progress: KpiProgress }[];
  fiscalYear: number;
}) {
  const { view, plan, kpi, fiscalYear } = props;
  const title = titleIn(view.lang, kpi);
  const selected = props.history.find((h) => h.fiscalYear === fiscalYear)?.progress;
  const chart = renderTargetActualChart({
    title: tr(view, `${title}の目標と実績`, `${title}: target and actuals`),
    categories: props.history.map((h) =>
      formatFiscalYear(view.lang, h.fiscalYear).replace(/（.*）|\s\(.*\)/, ''),
    ),
    targetLabel: tr(view, '目標値', 'Target'),
    actualLabel: tr(view, '実績', 'Actual'),
    targets: props.history.map((h) => (h.fiscalYear === plan.baselineYear ? null : h.progress.target)),
    actuals: props.history.map((h) => h.progress.actual),
    unit: kpi.unit,
  });
  return (
    <Layout view={view} title={title}>
      <p class="muted">
        <a href={`/?fy=${fiscalYear}`}>{tr(view, 'ダッシュボード', 'Dashboard')}</a> ›{' '}
        {tr(view, '成果目標', 'Outcome KPI')}
      </p>
      <h1>{title}</h1>
      <dl class="facts card">
        <dt>{tr(view, '基準値', 'Baseline')}</dt>
        <dd>
          {formatValue(view.lang, kpi.baseline.value, kpi.unit)}（
          {formatFiscalYear(view.lang, plan.baselineYear)}）
          {kpi.baseline.note ? ` ※${kpi.baseline.note}` : ''}
        </dd>
        <dt>{tr(view, '目標値', 'Target')}</dt>
        <dd>
          {kpi.target.kind === 'keep'
            ? tr(
                view,
                `維持（基準値 ${formatValue('ja', kpi.baseline.value, kpi.unit)} 以上）`,
                `Keep (at least the baseline)`,
              )
            : `${formatValue(view.lang, kpi.target.value, kpi.unit)}${kpi.target.kind === 'lower' ? tr(view, ' 以下', ' or less') : ''}`}
          （{formatFiscalYear(view.lang, plan.fiscalYears.at(-1) ?? 0)}）
        </dd>
        {kpi.cumulative ? (
          <>
            <dt>{tr(view, '集計方法', 'Counting')}</dt>
            <dd>{tr(view, '累計値', 'Cumulative')}</dd>
          </>
        ) : null}
      </dl>
      <h2 id="chart-title">{tr(view, '目標と実績の推移', 'Target and actuals over time')}</h2>
      <figure class="chart card" aria-labelledby="chart-title">
        {raw(chart)}
      </figure>
      <div class="table-wrap">
        <table>
          <caption>{tr(view, '年度別の実績', 'Actuals by fiscal year')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(view, '年度', 'Fiscal year')}</th>
              <th scope="col" class="num">
                {tr(view, '実績', 'Actual')}
              </th>
              <th scope="col" class="num">
                {tr(view, '達成率', 'Achievement')}
              </th>
              <th scope="col">{tr(view, '状況', 'Status')}</th>
            </tr>
          </thead>
          <tbody>
            {props.history.map(({ fiscalYear: fy, progress }) => (
              <tr data-fy={fy}>
                <th scope="row">
                  <a href={`/plan/kpis/${kpi.code}?fy=${fy}`}>{formatFiscalYear(view.lang, fy)}</a>
                </th>
                <td class="num" data-field="actual">
                  {formatValue(view.lang, progress.actual, kpi.unit)}
                </td>
                <td class="num">{formatPercent(view.lang, progress.achievementPercent)}</td>
                <td>
                  <StatusBadge lang={view.lang} status={progress.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <YearSwitcher
        view={view}
        plan={plan}
        selected={fiscalYear}
        href={(fy) => `/plan/kpis/${kpi.code}?fy=${fy}`}
      />
      <h2 id="records">
        {tr(
          view,
          `実績の内訳（${formatFiscalYear('ja', fiscalYear)}）`,
          `Records behind the actual (FY${fiscalYear})`,
        )}
      </h2>
      <RecordsTable
        view={view}
        unit={kpi.unit}
        records={selected?.measurement.records ?? []}
        labelledBy="records"
      />
    </Layout>
  );
}
