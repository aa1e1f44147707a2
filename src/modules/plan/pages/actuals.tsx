import { formatFiscalYear, todayInJapan } from '../../../platform/fiscal-year';
import { titleIn } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { type Plan, selectableYears } from '../plan';
import type { YearProgress } from '../service';
import { formatValue, YearSwitcher } from './components';

export interface ActualsFormValues {
  subject?: string;
  value?: string;
  asOf?: string;
  source?: string;
  note?: string;
}

/** Where staff enter the figures that no module can measure, one at a time or from a CSV file. */
export function ActualsPage(props: {
  view: PageView;
  plan: Plan;
  progress: YearProgress;
  values?: ActualsFormValues;
  notice?: string | undefined;
  error?: { message: string; details: string[] } | undefined;
}) {
  const { view, plan, progress } = props;
  const fy = progress.fiscalYear;
  const title = tr(view, '実績の入力', 'Enter actuals');
  const manualProjects = progress.projects.filter((p) => p.project.metric.key === 'manual');
  const manualKpis = progress.kpis.filter(
    (k) => (typeof k.kpi.metric === 'string' ? k.kpi.metric : k.kpi.metric.key) === 'manual',
  );
  const values = props.values ?? {};
  const today = todayInJapan();
  const defaultAsOf = today < `${fy + 1}-03-31` ? today : `${fy + 1}-03-31`;
  return (
    <Layout view={view} title={title}>
      <h1>
        {title} {formatFiscalYear(view.lang, fy)}
      </h1>
      <YearSwitcher view={view} plan={plan} selected={fy} href={(y) => `/plan/actuals?fy=${y}`} />
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.error?.message} details={props.error?.details} />
      <form method="post" action={`/plan/actuals?fy=${fy}`} class="stack card">
        <CsrfField view={view} />
        <input type="hidden" name="fiscalYear" value={String(fy)} />
        <div>
          <label for="subject">{tr(view, '実施事業・成果目標', 'Project or KPI')}</label>
          <select id="subject" name="subject" required>
            <optgroup label={tr(view, '成果目標', 'Outcome KPIs')}>
              {manualKpis.map((k) => (
                <option value={`kpi:${k.kpi.code}`} selected={values.subject === `kpi:${k.kpi.code}`}>
                  {titleIn(view.lang, k.kpi)}（{k.kpi.unit}）
                </option>
              ))}
            </optgroup>
            <optgroup label={tr(view, '実施事業', 'Projects')}>
              {manualProjects.map((p) => (
                <option
                  value={`project:${p.project.code}`}
                  selected={values.subject === `project:${p.project.code}`}
                >
                  {p.project.measure.code} {titleIn(view.lang, p.project)}（{p.project.indicator}・
                  {p.project.unit}）
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div>
          <label for="value">
            {tr(view, '実績値', 'Actual')}
            <span class="hint">
              {tr(
                view,
                '0以上の数値。年度途中の場合はその時点までの累計。',
                'A number of 0 or more; during the year, the total so far.',
              )}
            </span>
          </label>
          <input id="value" name="value" inputmode="decimal" required value={values.value ?? ''} />
        </div>
        <div>
          <label for="asOf">{tr(view, '基準日', 'As of')}</label>
          <input
            id="asOf"
            name="asOf"
            type="date"
            required
            value={values.asOf ?? defaultAsOf}
            min={`${fy}-04-01`}
            max={today}
          />
        </div>
        <div>
          <label for="source">
            {tr(view, '出典', 'Source')}
            <span class="hint">
              {tr(
                view,
                '例：経済センサス、Bi@Sta 相談記録、印刷会社の納品書',
                'e.g. economic census, Bi@Sta records',
              )}
            </span>
          </label>
          <input id="source" name="source" required value={values.source ?? ''} />
        </div>
        <div>
          <label for="note">{tr(view, '備考', 'Note')}</label>
          <input id="note" name="note" value={values.note ?? ''} />
        </div>
        <div>
          <button type="submit">{tr(view, '登録', 'Save')}</button>
        </div>
      </form>

      <h2 id="current">{tr(view, '現在の実績', 'Current actuals')}</h2>
      <div class="table-wrap">
        <table aria-labelledby="current">
          <thead>
            <tr>
              <th scope="col">{tr(view, '項目', 'Item')}</th>
              <th scope="col" class="num">
                {tr(view, '目標', 'Target')}
              </th>
              <th scope="col" class="num">
                {tr(view, '実績', 'Actual')}
              </th>
              <th scope="col">{tr(view, '記録数', 'Entries')}</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...manualKpis.map((k) => ({
                href: `/plan/kpis/${k.kpi.code}?fy=${fy}`,
                title: titleIn(view.lang, k.kpi),
                unit: k.kpi.unit,
                row: k,
              })),
              ...manualProjects.map((p) => ({
                href: `/plan/projects/${p.project.code}?fy=${fy}`,
                title: titleIn(view.lang, p.project),
                unit: p.project.unit,
                row: p,
              })),
            ].map((item) => (
              <tr>
                <th scope="row">
                  <a href={item.href}>{item.title}</a>
                </th>
                <td class="num">{formatValue(view.lang, item.row.target, item.unit)}</td>
                <td class="num">{formatValue(view.lang, item.row.actual, item.unit)}</td>
                <td>{item.row.measurement.records.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        {tr(
          view,
          `入力できる年度：${selectableYears(plan).join('・')}年度`,
          `Years that can be entered: ${selectableYears(plan).join(', ')}`,
        )}
      </p>
    </Layout>
  );
}
