import { raw } from 'hono/html';
import { formatFiscalYear } from '../../../platform/fiscal-year';
import { renderTargetActualChart } from '../../../platform/ui/chart';
import { type PageView, tr } from '../../../platform/ui/layout';
import type { Plan } from '../plan';
import type { SubjectProgress } from '../service';
import { formatValue, ProgressCells, ProgressHeadings, YearSwitcher } from './components';
import { RecordsSection } from './records';

export interface YearFigures {
  fiscalYear: number;
  progress: SubjectProgress;
}

/**
 * A project's or KPI's figures over the years: a chart of targets and actuals (SVG from the server),
 * the same figures as a table for those who cannot see the chart, and the records behind the
 * selected year's actual.
 */
export function YearHistory(props: {
  view: PageView;
  plan: Plan;
  /** the project's or KPI's title, for the chart's accessible name */
  subjectTitle: string;
  unit: string;
  history: YearFigures[];
  selectedYear: number;
  /** a project has a target per year (年間目標); a KPI has one target, shown on its page */
  showTargetColumn: boolean;
  hrefFor: (fiscalYear: number) => string;
}) {
  const { view, plan, unit, selectedYear } = props;
  const charted = props.history.filter(
    (h) => plan.fiscalYears.includes(h.fiscalYear) || !props.showTargetColumn,
  );
  const target = props.showTargetColumn ? { ja: '年間目標', en: 'Target' } : { ja: '目標', en: 'Target' };
  const spec = {
    title: tr(
      view,
      `${props.subjectTitle}の${target.ja}と実績`,
      `${props.subjectTitle}: targets and actuals`,
    ),
    categories: charted.map((h) => formatFiscalYear(view.lang, h.fiscalYear).replace(/（.*）|\s\(.*\)/, '')),
    targetLabel: tr(view, target.ja, target.en),
    actualLabel: tr(view, '実績', 'Actual'),
    targets: charted.map((h) => (h.fiscalYear === plan.baselineYear ? null : h.progress.target)),
    actuals: charted.map((h) => h.progress.actual),
    unit,
  };
  const selected = props.history.find((h) => h.fiscalYear === selectedYear)?.progress;
  return (
    <>
      <h2 id="chart-title">{tr(view, '目標と実績の推移', 'Targets and actuals over time')}</h2>
      <figure class="chart card" aria-labelledby="chart-title">
        {/* a phone gets a narrower drawing, so that its labels stay readable; CSS shows one of the two */}
        <div class="chart-wide">{raw(renderTargetActualChart(spec, { width: 640, height: 300 }))}</div>
        <div class="chart-narrow">{raw(renderTargetActualChart(spec, { width: 320, height: 260 }))}</div>
      </figure>
      <div class="table-wrap">
        <table>
          <caption>{tr(view, '年度別の目標と実績', 'Targets and actuals by fiscal year')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(view, '年度', 'Fiscal year')}</th>
              {props.showTargetColumn ? (
                <th scope="col" class="num">
                  {tr(view, '年間目標', 'Target')}
                </th>
              ) : null}
              <ProgressHeadings view={view} />
            </tr>
          </thead>
          <tbody>
            {props.history.map(({ fiscalYear: fy, progress }) => (
              <tr data-fy={fy}>
                <th scope="row">
                  <a href={props.hrefFor(fy)} aria-current={fy === selectedYear ? 'true' : undefined}>
                    {formatFiscalYear(view.lang, fy)}
                  </a>
                </th>
                {props.showTargetColumn ? (
                  <td class="num" data-field="target">
                    {formatValue(view.lang, progress.target, unit)}
                  </td>
                ) : null}
                <ProgressCells lang={view.lang} unit={unit} progress={progress} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <YearSwitcher view={view} plan={plan} selected={selectedYear} href={props.hrefFor} />
      <RecordsSection
        view={view}
        unit={unit}
        fiscalYear={selectedYear}
        records={selected?.measurement.records ?? []}
      />
    </>
  );
}
