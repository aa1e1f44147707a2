import { formatFiscalYear } from '../../../platform/fiscal-year';
import { titleIn } from '../../../platform/i18n';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { Kpi, Plan } from '../plan';
import type { KpiProgress } from '../service';
import { formatValue } from './components';
import { YearHistory } from './history';

export function KpiPage(props: {
  view: PageView;
  plan: Plan;
  kpi: Kpi;
  history: { fiscalYear: number; progress: KpiProgress }[];
  fiscalYear: number;
}) {
  const { view, plan, kpi, fiscalYear } = props;
  const title = titleIn(view.lang, kpi);
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
      <YearHistory
        view={view}
        plan={plan}
        subjectTitle={title}
        unit={kpi.unit}
        history={props.history}
        selectedYear={fiscalYear}
        showTargetColumn={false}
        hrefFor={(fy) => `/plan/kpis/${kpi.code}?fy=${fy}`}
      />
    </Layout>
  );
}
