import { formatFiscalYear, todayInJapan } from '../../../platform/fiscal-year';
import { titleIn } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { actualsCsvColumns, actualsCsvLimits } from '../actuals-csv';
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

      <section aria-labelledby="import">
        <h2 id="import">{tr(view, 'CSVファイルで一括入力', 'Import from a CSV file')}</h2>
        <p>
          {tr(
            view,
            'Excel で作った表をまとめて取り込めます。まずプレビューで、変わる数値（変更前 → 変更後）と新しい数値を確かめてから確定します。1行でも誤りがあると何も取り込まず、誤りのある行を行番号つきでお知らせします。行は区分・コード・年度・基準日で照らし合わせます。',
            'Import a sheet kept in Excel. A preview first shows each figure that changes (before → after) and the new ones; then you confirm. If any row is wrong nothing is imported, and each wrong row is listed with its line number. Rows are matched by 区分, コード, 年度 and 基準日.',
          )}
        </p>
        <p class="actions">
          <a href={`/plan/actuals-template.csv?fy=${fy}`} download>
            {tr(view, `${fy}年度の入力用テンプレート（CSV）`, `Template for FY${fy} (CSV)`)}
          </a>
          <a href={`/plan/actuals.csv?fy=${fy}`} download>
            {tr(view, `${fy}年度の実績を書き出す（CSV）`, `Export the actuals of FY${fy} (CSV)`)}
          </a>
          <a href="/plan/actuals.csv" download>
            {tr(view, '全年度の実績を書き出す（CSV）', 'Export the actuals of every year (CSV)')}
          </a>
        </p>
        <form
          method="post"
          action={`/plan/actuals/import?fy=${fy}#import`}
          enctype="multipart/form-data"
          class="stack card"
        >
          <CsrfField view={view} />
          <div>
            <label for="csv-file">{tr(view, 'CSVファイル', 'CSV file')}</label>
            <span id="csv-file-hint" class="hint">
              {tr(
                view,
                `1行目は見出し：${actualsCsvColumns.map((c) => c.header).join(',')}。区分は「実施事業」か「成果目標」、年度は西暦（2026）か令和8年度、基準日は 2026/3/31 の形。実績値が空欄の行は取り込みません。UTF-8 と Shift_JIS（Excel の「CSV」）のどちらでも読めます。${actualsCsvLimits.maxRows}行・${actualsCsvLimits.maxBytes / 1024 / 1024}MBまで。`,
                `Line 1 is the header: ${actualsCsvColumns.map((c) => c.header).join(',')}. 区分 is 実施事業 (project) or 成果目標 (KPI), 年度 is 2026 or 令和8年度, 基準日 is like 2026/3/31. Rows with an empty 実績値 are left out. UTF-8 or Shift_JIS. At most ${actualsCsvLimits.maxRows} rows and ${actualsCsvLimits.maxBytes / 1024 / 1024} MB.`,
              )}
            </span>
            <input
              id="csv-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-describedby="csv-file-hint"
            />
          </div>
          <div>
            <button type="submit">{tr(view, 'プレビューする', 'Preview')}</button>
          </div>
        </form>
      </section>

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
