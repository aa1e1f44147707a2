import { fiscalYearOf } from '../../../platform/fiscal-year';
import { formatNumber, type Lang, localise } from '../../../platform/i18n';
import { FiscalYearLinks } from '../../../platform/ui/fiscal-year-links';
import { type PageView, tr } from '../../../platform/ui/layout';
import { type Plan, selectableYears } from '../plan';
import { type ProgressStatus, statusLabels } from '../progress';

/** The plan year that contains today, or the nearest plan year when today is outside the plan. */
export function currentPlanYear(plan: Plan, today = new Date()): number {
  const fy = fiscalYearOf(today);
  const first = plan.fiscalYears[0] ?? fy;
  const last = plan.fiscalYears.at(-1) ?? fy;
  return Math.min(Math.max(fy, first), last);
}

export function formatValue(lang: Lang, value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  return unit === '%'
    ? `${formatNumber(lang, value)}%`
    : `${formatNumber(lang, value)}${lang === 'ja' ? unit : ` ${unit}`}`;
}

export function formatPercent(lang: Lang, value: number | null): string {
  return value === null ? '—' : `${formatNumber(lang, value)}%`;
}

export function StatusBadge(props: { lang: Lang; status: ProgressStatus }) {
  return (
    <span class={`status status-${props.status}`}>{localise(props.lang, statusLabels[props.status])}</span>
  );
}

export function PriorityBadge(props: { view: PageView }) {
  return <span class="badge">{tr(props.view, '重点施策', 'Priority')}</span>;
}

export function NewBadge(props: { view: PageView }) {
  return <span class="badge badge-new">{tr(props.view, '新規事業', 'New')}</span>;
}

/** Links to the same page for the baseline year and each plan year. */
export function YearSwitcher(props: {
  view: PageView;
  plan: Plan;
  selected: number;
  href: (fy: number) => string;
}) {
  const { view, plan } = props;
  return (
    <FiscalYearLinks
      view={view}
      years={selectableYears(plan)}
      selected={props.selected}
      href={props.href}
      note={(fy) => (fy === plan.baselineYear ? tr(view, '・基準年', ' · baseline') : '')}
    />
  );
}

export function DemoBanner(props: { view: PageView; show: boolean }) {
  if (!props.show) return null;
  return (
    <p class="demo-banner">
      {tr(
        props.view,
        'デモ環境：表示している実績値は架空のサンプルデータです。',
        'Demo: the actuals shown are fictional sample data (架空のサンプルデータ).',
      )}
    </p>
  );
}

/** The headings of the three cells every progress row ends with. */
export function ProgressHeadings(props: { view: PageView }) {
  const { view } = props;
  return (
    <>
      <th scope="col" class="num">
        {tr(view, '実績', 'Actual')}
      </th>
      <th scope="col" class="num">
        {tr(view, '達成率', 'Achievement')}
      </th>
      <th scope="col">{tr(view, '状況', 'Status')}</th>
    </>
  );
}

/** Actual, 達成率 and status of one project or KPI in one year, as table cells. */
export function ProgressCells(props: {
  lang: Lang;
  unit: string;
  progress: { actual: number | null; achievementPercent: number | null; status: ProgressStatus };
}) {
  const { lang, progress } = props;
  return (
    <>
      <td class="num" data-field="actual">
        {formatValue(lang, progress.actual, props.unit)}
      </td>
      <td class="num" data-field="achievement">
        {formatPercent(lang, progress.achievementPercent)}
      </td>
      <td>
        <StatusBadge lang={lang} status={progress.status} />
      </td>
    </>
  );
}
