import { can } from '../../../platform/auth/roles';
import { formatFiscalYear } from '../../../platform/fiscal-year';
import { titleIn } from '../../../platform/i18n';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { InYearProgress } from '../in-year-progress';
import { planPermissions } from '../permissions';
import { kpiAim, type Plan } from '../plan';
import type { Direction, ProgressStatus } from '../progress';
import type { YearProgress } from '../service';
import {
  asOfText,
  DemoBanner,
  elapsedText,
  formatValue,
  InYearCells,
  InYearHeadings,
  inYearGradeText,
  NewBadge,
  PriorityBadge,
  ProgressCells,
  ProgressHeadings,
  YearSwitcher,
} from './components';

export interface DashboardProps {
  view: PageView;
  plan: Plan;
  progress: YearProgress;
  /** while the year runs: each figure against what today's date expects (decision 033) */
  inYear: InYearProgress | null;
  grades: Map<string, string>;
  demo: boolean;
}

/** The date the year is judged at, how, and how many projects stand at each in-year grade. */
function InYearSummary(props: { view: PageView; inYear: InYearProgress }) {
  const { view, inYear } = props;
  const judgements = [...inYear.projects.values()];
  const count = (code: string) =>
    judgements.filter((j) => j.state === 'judged' && j.grade?.code === code).length;
  const pending = judgements.filter((j) => j.state !== 'judged').length;
  return (
    <section aria-labelledby="in-year" class="in-year">
      <h2 id="in-year">
        {tr(view, '期中の進捗', 'Progress during the year')}{' '}
        <span data-in-year-date={inYear.date}>{asOfText(view, inYear.date)}</span>
      </h2>
      <p class="hint">
        {elapsedText(view, inYear.elapsed)}
        {tr(
          view,
          '。「今日時点の目安」は年間目標のうち今日までに見込む値、「年度末見込み」は今のペースが続いた場合の3月31日の値です。',
          '. "Expected by today" is the part of the annual target due by today; "year-end projection" is where the present pace leads on 31 March.',
        )}
      </p>
      <ul class="grid" aria-label={tr(view, '実施事業の期中評価の内訳', 'Projects by in-year grade')}>
        {inYear.scale.map((grade) => (
          <li class="card">
            <span class="muted">{inYearGradeText(view.lang, grade)}</span>
            <div class="kpi-value" data-in-year-count={grade.code}>
              {count(grade.code)}
              <span class="muted">{tr(view, ' 事業', ' projects')}</span>
            </div>
          </li>
        ))}
        <li class="card">
          <span class="muted">{tr(view, '未入力・判定前', 'Not entered or not yet judged')}</span>
          <div class="kpi-value" data-in-year-count="pending">
            {pending}
            <span class="muted">{tr(view, ' 事業', ' projects')}</span>
          </div>
        </li>
      </ul>
    </section>
  );
}

function StatusSummary(props: { view: PageView; statuses: ProgressStatus[] }) {
  const count = (s: ProgressStatus) => props.statuses.filter((x) => x === s).length;
  const items: [ProgressStatus, string, string][] = [
    ['achieved', '達成', 'Achieved'],
    ['nearly', '概ね達成', 'Nearly'],
    ['missed', '未達', 'Not achieved'],
    ['none', '未入力', 'Not entered'],
  ];
  return (
    <ul class="grid" aria-label={tr(props.view, '実施事業の状況の内訳', 'Projects by status')}>
      {items.map(([status, ja, en]) => (
        <li class="card">
          <span class="muted">{tr(props.view, ja, en)}</span>
          <div class="kpi-value" data-status-count={status}>
            {count(status)}
            <span class="muted">{tr(props.view, ' 事業', ' projects')}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** （維持） beside a target to keep, （以下） beside one to stay under. */
function aimNote(view: PageView, aim: Direction): string {
  if (aim === 'keep') return tr(view, '（維持）', ' (keep)');
  return aim === 'lower' ? tr(view, '（以下）', ' (or less)') : '';
}

/** The plan year at a glance: outcome KPIs and every implementation project against its target. */
export function DashboardPage({ view, plan, progress, inYear, grades, demo }: DashboardProps) {
  const fy = progress.fiscalYear;
  const isBaseline = fy === plan.baselineYear;
  const title = `${tr(view, '進捗ダッシュボード', 'Progress dashboard')} ${formatFiscalYear(view.lang, fy)}`;
  const lastYear = plan.fiscalYears.at(-1);
  const inYearHeadings = inYear ? <InYearHeadings view={view} /> : null;
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p class="lead">{titleIn(view.lang, plan.file)}</p>
      <DemoBanner view={view} show={demo} />
      <YearSwitcher view={view} plan={plan} selected={fy} href={(y) => `/?fy=${y}`} />
      {isBaseline ? (
        <p class="notice">
          {tr(
            view,
            '基準年は計画策定時の実績です。実施事業の年間目標はありません。',
            'The baseline year shows the figures the plan started from; projects have no targets for it.',
          )}
        </p>
      ) : (
        <StatusSummary view={view} statuses={progress.projects.map((p) => p.status)} />
      )}
      {inYear ? <InYearSummary view={view} inYear={inYear} /> : null}

      <h2 id="kpis">{tr(view, '成果目標', 'Outcome KPIs')}</h2>
      <div class="table-wrap">
        <table aria-labelledby="kpis">
          <thead>
            <tr>
              <th scope="col">{tr(view, '成果目標', 'KPI')}</th>
              <th scope="col" class="num">
                {tr(
                  view,
                  `基準値（${formatFiscalYear('ja', plan.baselineYear)}）`,
                  `Baseline (FY${plan.baselineYear})`,
                )}
              </th>
              <th scope="col" class="num">
                {lastYear
                  ? tr(view, `目標値（${formatFiscalYear('ja', lastYear)}）`, `Target (FY${lastYear})`)
                  : tr(view, '目標値', 'Target')}
              </th>
              <ProgressHeadings view={view} besideActual={inYearHeadings} />
            </tr>
          </thead>
          <tbody>
            {progress.kpis.map((row) => (
              <tr data-kpi={row.kpi.code}>
                <th scope="row">
                  <a href={`/plan/kpis/${row.kpi.code}?fy=${fy}`}>{titleIn(view.lang, row.kpi)}</a>
                </th>
                <td class="num">{formatValue(view.lang, row.kpi.baseline.value, row.kpi.unit)}</td>
                <td class="num" data-field="target">
                  {formatValue(view.lang, row.target, row.kpi.unit)}
                  {aimNote(view, kpiAim(row.kpi))}
                </td>
                <ProgressCells
                  lang={view.lang}
                  unit={row.kpi.unit}
                  progress={row}
                  besideActual={
                    inYear ? (
                      <InYearCells
                        lang={view.lang}
                        unit={row.kpi.unit}
                        judgement={inYear.kpis.get(row.kpi.code)}
                        scale={inYear.scale}
                      />
                    ) : null
                  }
                />
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="projects">{tr(view, '実施事業と年間目標', 'Implementation projects and annual targets')}</h2>
      <div class="table-wrap">
        <table aria-labelledby="projects">
          <thead>
            <tr>
              <th scope="col">{tr(view, '個別施策', 'Measure')}</th>
              <th scope="col">{tr(view, '実施事業（指標）', 'Project (indicator)')}</th>
              <th scope="col" class="num">
                {tr(view, '年間目標', 'Target')}
              </th>
              <ProgressHeadings view={view} besideActual={inYearHeadings} />
              <th scope="col">{tr(view, '評価', 'Grade')}</th>
            </tr>
          </thead>
          <tbody>
            {progress.projects.map((row) => (
              <tr data-project={row.project.code}>
                <td>
                  {row.project.measure.code} {titleIn(view.lang, row.project.measure)}
                  {row.project.measure.priority ? <PriorityBadge view={view} /> : null}
                </td>
                <th scope="row">
                  <a href={`/plan/projects/${row.project.code}?fy=${fy}`}>
                    {titleIn(view.lang, row.project)}
                  </a>
                  {row.project.isNew ? <NewBadge view={view} /> : null}
                  <span class="hint">{row.project.indicator}</span>
                </th>
                <td class="num" data-field="target">
                  {formatValue(view.lang, row.target, row.project.unit)}
                  {aimNote(view, row.project.aim)}
                </td>
                <ProgressCells
                  lang={view.lang}
                  unit={row.project.unit}
                  progress={row}
                  besideActual={
                    inYear ? (
                      <InYearCells
                        lang={view.lang}
                        unit={row.project.unit}
                        judgement={inYear.projects.get(row.project.code)}
                        scale={inYear.scale}
                      />
                    ) : null
                  }
                />
                <td>{grades.get(row.project.code) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="actions no-print">
        <a class="button" href={`/plan/report?fy=${fy}`}>
          {tr(view, '進捗状況報告書（印刷用）', 'Progress report (print)')}
        </a>
        <a class="button button-secondary" href={`/plan/report.xlsx?fy=${fy}`}>
          {tr(view, 'Excelでダウンロード', 'Download .xlsx')}
        </a>
        {/* read-only roles see the dashboard too; a link they may not follow would only end in a refusal */}
        {can(view.account?.role, planPermissions['plan.actuals.write']) ? (
          <a class="button button-secondary" href={`/plan/actuals?fy=${fy}`}>
            {tr(view, '実績を入力', 'Enter actuals')}
          </a>
        ) : null}
      </p>
    </Layout>
  );
}
