import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import { type PageView, tr } from '../../../platform/ui/layout';
import type { MetricRecord } from '../metric-registry';
import { formatValue } from './components';

/** The drill-down: the records a metric reported behind an actual. */
export function RecordsTable(props: {
  view: PageView;
  unit: string;
  records: MetricRecord[];
  labelledBy: string;
}) {
  const { view } = props;
  if (props.records.length === 0) {
    return (
      <p class="muted">
        {tr(view, 'この年度の実績はまだ記録されていません。', 'Nothing has been recorded for this year yet.')}
      </p>
    );
  }
  return (
    <div class="table-wrap">
      <table aria-labelledby={props.labelledBy}>
        <thead>
          <tr>
            <th scope="col">{tr(view, '記録', 'Record')}</th>
            <th scope="col">{tr(view, '基準日', 'As of')}</th>
            <th scope="col" class="num">
              {tr(view, '値', 'Value')}
            </th>
            <th scope="col">{tr(view, '詳細', 'Detail')}</th>
          </tr>
        </thead>
        <tbody>
          {props.records.map((r) => (
            <tr>
              <td>{r.href ? <a href={r.href}>{r.label}</a> : r.label}</td>
              <td>{r.date ? formatDate(view.lang, r.date) : '—'}</td>
              <td class="num">{formatValue(view.lang, r.value, props.unit)}</td>
              <td>{r.detail || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The drill-down of one fiscal year, with its heading. */
export function RecordsSection(props: {
  view: PageView;
  unit: string;
  fiscalYear: number;
  records: MetricRecord[];
}) {
  const { view, fiscalYear } = props;
  return (
    <>
      <h2 id="records">
        {tr(
          view,
          `実績の内訳（${formatFiscalYear('ja', fiscalYear)}）`,
          `Records behind the actual (FY${fiscalYear})`,
        )}
      </h2>
      <RecordsTable view={view} unit={props.unit} records={props.records} labelledBy="records" />
    </>
  );
}
