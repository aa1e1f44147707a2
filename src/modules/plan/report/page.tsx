import { formatDate, formatFiscalYear, warekiFiscalYear } from '../../../platform/fiscal-year';
import { localise, titleIn } from '../../../platform/i18n';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import { PrintButton } from '../../../platform/ui/print';
import {
  formatPercent,
  formatValue,
  NewBadge,
  PriorityBadge,
  StatusBadge,
  YearSwitcher,
} from '../pages/components';
import type { Plan } from '../plan';
import {
  actionFacts,
  directionHeading,
  gradeText,
  indicatorText,
  type ProgressReport,
  progressStatuses,
  type ReportKpiRow,
  type ReportMeasure,
  reportWords as w,
} from './report';

export const reportStylesheetPath = '/static/report.css';

export interface ReportPageProps {
  view: PageView;
  plan: Plan;
  report: ProgressReport;
  canEnterActuals: boolean;
  demo: boolean;
}

/** 進捗状況報告書: the year's figures, CHECK and ACT on A4 landscape paper for the committee. */
export function ReportPage({ view, plan, report, canEnterActuals, demo }: ReportPageProps) {
  const fy = report.fiscalYear;
  const l = (t: { ja: string; en: string }) => localise(view.lang, t);
  const title = `${l(w.title)} ${formatFiscalYear(view.lang, fy)}`;
  return (
    <Layout view={view} title={title} wide>
      {/* a stylesheet of its own, so that A4 landscape applies to this page only */}
      <link rel="stylesheet" href={reportStylesheetPath} />
      <article class="report" aria-labelledby="report-title">
        <header class="report-head">
          <p class="report-plan">{titleIn(view.lang, report.plan)}</p>
          <h1 id="report-title">
            {l(w.title)}
            <span class="report-year">{formatFiscalYear(view.lang, fy)}</span>
          </h1>
          <p class="report-created">
            {l(w.createdOn)}
            {tr(view, '：', ': ')}
            <time dateTime={report.createdOn}>{formatDate(view.lang, report.createdOn)}</time>
          </p>
        </header>

        <div class="report-tools no-print">
          <YearSwitcher view={view} plan={plan} selected={fy} href={(y) => `/plan/report?fy=${y}`} />
          <p class="actions">
            <a class="button" href={`/plan/report.xlsx?fy=${fy}`} download>
              {tr(view, 'Excel（.xlsx）でダウンロード', 'Download as Excel (.xlsx)')}
            </a>
            <PrintButton view={view} />
            <a class="button button-secondary" href={`/?fy=${fy}`}>
              {tr(view, 'ダッシュボードへ', 'To the dashboard')}
            </a>
          </p>
          <p class="hint">
            {tr(
              view,
              '印刷はブラウザの印刷機能（Ctrl+P、Macは⌘+P）で行ってください。A4横向きで印刷されます。',
              "Print with your browser's print command (Ctrl+P, or ⌘+P on a Mac). The report prints on A4 landscape.",
            )}
          </p>
        </div>
        {/* printed too, so that nobody takes a demo report for the city's figures */}
        {demo ? (
          <p class="demo-banner">
            {tr(
              view,
              'デモ環境：実績値は架空のサンプルデータです。',
              'Demo: the actuals are fictional sample data.',
            )}
          </p>
        ) : null}

        {report.isBaselineYear ? <p class="notice">{l(w.baselineYear)}</p> : null}
        {report.hasEntries || report.isBaselineYear ? null : (
          <EmptyState view={view} fiscalYear={fy} canEnterActuals={canEnterActuals} />
        )}

        <section aria-labelledby="summary">
          <h2 id="summary">{l(w.summary)}</h2>
          <ul class="report-summary">
            {progressStatuses.map((status) => (
              <li>
                <StatusBadge lang={view.lang} status={status} />{' '}
                <span data-status-count={status}>{report.summary.projects[status]}</span>
                {tr(view, '事業', ' projects')}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="kpis">
          <h2 id="kpis">{l(w.kpis)}</h2>
          <KpiTable view={view} report={report} />
        </section>

        <section aria-labelledby="projects">
          <h2 id="projects">
            {tr(view, '実施事業の進捗と評価', 'Implementation projects: progress and evaluation')}
          </h2>
          {report.directions.map((direction) => (
            <section class="report-direction" aria-labelledby={`direction-${direction.code}`}>
              <h3 id={`direction-${direction.code}`}>{directionHeading(view.lang, direction)}</h3>
              {direction.measures.map((measure) => (
                <MeasureTable view={view} fiscalYear={fy} measure={measure} />
              ))}
            </section>
          ))}
        </section>
      </article>
    </Layout>
  );
}

function EmptyState(props: { view: PageView; fiscalYear: number; canEnterActuals: boolean }) {
  const { view, fiscalYear } = props;
  return (
    <div class="report-empty" data-empty-state>
      <p>
        <strong>
          {tr(
            view,
            `${warekiFiscalYear(fiscalYear)}の実績・評価はまだ入力されていません。`,
            `Nothing has been entered for FY${fiscalYear} yet.`,
          )}
        </strong>
      </p>
      <p>
        {tr(
          view,
          '実績を入力し、各実施事業の評価（CHECK）と改善（ACTION）を記録すると、この報告書に反映されます。下の表は年間目標のみを示しています。',
          'Enter the actuals and record each project’s evaluation (CHECK) and improvements (ACT); they appear here. The tables below show the targets only.',
        )}
      </p>
      <p class="actions no-print">
        {props.canEnterActuals ? (
          <a class="button" href={`/plan/actuals?fy=${fiscalYear}`}>
            {tr(view, '実績を入力する', 'Enter actuals')}
          </a>
        ) : null}
        <a class="button button-secondary" href={`/?fy=${fiscalYear}`}>
          {tr(view, 'ダッシュボードを見る', 'Open the dashboard')}
        </a>
      </p>
    </div>
  );
}

function kpiTarget(view: PageView, kpi: ReportKpiRow) {
  if (kpi.targetKind === 'keep') {
    return (
      <>
        {localise(view.lang, w.keep)}
        <span class="hint">{formatValue(view.lang, kpi.target, kpi.unit)}</span>
      </>
    );
  }
  const value = formatValue(view.lang, kpi.target, kpi.unit);
  if (kpi.targetKind === 'lower') return tr(view, `${value}以下`, `≤ ${value}`);
  return value;
}

function KpiTable(props: { view: PageView; report: ProgressReport }) {
  const { view, report } = props;
  const l = (t: { ja: string; en: string }) => localise(view.lang, t);
  const first = report.kpis[0];
  if (!first) {
    return <p class="muted">{tr(view, 'この計画には成果目標がありません。', 'This plan has no KPIs.')}</p>;
  }
  const yearOf = (fy: number) => tr(view, `（${warekiFiscalYear(fy)}）`, ` (FY${fy})`);
  return (
    // focusable, so that a keyboard can scroll a table wider than a phone
    <section class="table-wrap" aria-labelledby="kpis" tabindex={0}>
      <table class="report-table report-kpis" aria-labelledby="kpis">
        <colgroup>
          <col class="col-kpi" />
          <col class="col-figure" />
          <col class="col-figure" />
          <col class="col-figure" />
          <col class="col-figure" />
          <col class="col-status" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{l(w.kpis)}</th>
            <th scope="col" class="num">
              {l(w.baseline)}
              {yearOf(first.baseline.fiscalYear)}
            </th>
            <th scope="col" class="num">
              {l(w.kpiTarget)}
              {yearOf(first.targetYear)}
            </th>
            <th scope="col" class="num">
              {l(w.actual)}
              {yearOf(report.fiscalYear)}
            </th>
            <th scope="col" class="num">
              {l(w.achievement)}
            </th>
            <th scope="col">{l(w.status)}</th>
          </tr>
        </thead>
        <tbody>
          {report.kpis.map((kpi) => (
            <tr data-kpi={kpi.code}>
              <th scope="row">
                {titleIn(view.lang, kpi)}
                {kpi.baseline.note ? <span class="hint">※{kpi.baseline.note}</span> : null}
              </th>
              <td class="num" data-field="baseline" data-value={String(kpi.baseline.value)}>
                {formatValue(view.lang, kpi.baseline.value, kpi.unit)}
              </td>
              <td class="num" data-field="target" data-value={String(kpi.target)} data-kind={kpi.targetKind}>
                {kpiTarget(view, kpi)}
              </td>
              <td class="num" data-field="actual" data-value={kpi.actual === null ? '' : String(kpi.actual)}>
                {formatValue(view.lang, kpi.actual, kpi.unit)}
              </td>
              <td
                class="num"
                data-field="achievement"
                data-value={kpi.achievementPercent === null ? '' : String(kpi.achievementPercent)}
              >
                {formatPercent(view.lang, kpi.achievementPercent)}
              </td>
              <td data-field="status" data-value={kpi.status}>
                <StatusBadge lang={view.lang} status={kpi.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function MeasureTable(props: { view: PageView; fiscalYear: number; measure: ReportMeasure }) {
  const { view, measure } = props;
  const l = (t: { ja: string; en: string }) => localise(view.lang, t);
  const id = `measure-${measure.code}`;
  return (
    <div class="report-measure">
      <h4 id={id}>
        {measure.code} {titleIn(view.lang, measure)}
        {measure.priority ? <PriorityBadge view={view} /> : null}
      </h4>
      <section class="table-wrap" aria-labelledby={id} tabindex={0}>
        <table class="report-table report-projects" aria-labelledby={id}>
          <colgroup>
            <col class="col-project" />
            <col class="col-figure" />
            <col class="col-figure" />
            <col class="col-figure" />
            <col class="col-status" />
            <col class="col-grade" />
            <col class="col-comment" />
            <col class="col-comment" />
            <col class="col-act" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">
                {l(w.project)}
                <span class="hint">{l(w.indicator)}</span>
              </th>
              <th scope="col" class="num">
                {l(w.target)}
              </th>
              <th scope="col" class="num">
                {l(w.actual)}
              </th>
              <th scope="col" class="num">
                {l(w.achievement)}
              </th>
              <th scope="col">{l(w.status)}</th>
              <th scope="col">{l(w.grade)}</th>
              <th scope="col">{l(w.departmentComment)}</th>
              <th scope="col">{l(w.committeeOpinion)}</th>
              <th scope="col">{l(w.improvement)}</th>
            </tr>
          </thead>
          <tbody>
            {measure.projects.map((p) => (
              <tr data-project={p.code}>
                <th scope="row">
                  <a href={`/plan/projects/${p.code}?fy=${props.fiscalYear}`}>{titleIn(view.lang, p)}</a>
                  {p.isNew ? <NewBadge view={view} /> : null}
                  <span class="hint">{indicatorText(p)}</span>
                </th>
                <td class="num" data-field="target" data-value={p.target === null ? '' : String(p.target)}>
                  {formatValue(view.lang, p.target, p.unit)}
                </td>
                <td class="num" data-field="actual" data-value={p.actual === null ? '' : String(p.actual)}>
                  {formatValue(view.lang, p.actual, p.unit)}
                </td>
                <td
                  class="num"
                  data-field="achievement"
                  data-value={p.achievementPercent === null ? '' : String(p.achievementPercent)}
                >
                  {formatPercent(view.lang, p.achievementPercent)}
                </td>
                <td data-field="status" data-value={p.status}>
                  <StatusBadge lang={view.lang} status={p.status} />
                </td>
                <td data-field="grade" data-value={p.grade?.code ?? ''}>
                  {gradeText(view.lang, p.grade) || '—'}
                </td>
                <td class="report-text" data-field="department-comment">
                  {p.departmentComment || '—'}
                </td>
                <td class="report-text" data-field="committee-opinion">
                  {p.committeeOpinion || '—'}
                </td>
                <td data-field="actions">
                  {p.actions.length === 0 ? (
                    '—'
                  ) : (
                    <ul class="report-actions">
                      {p.actions.map((a) => (
                        <li>
                          <span class="report-text">{a.description}</span>
                          <span class="hint">{actionFacts(view.lang, a)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
