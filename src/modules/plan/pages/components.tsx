import type { Child } from 'hono/jsx';
import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import { formatNumber, type Lang, localise } from '../../../platform/i18n';
import { FiscalYearLinks } from '../../../platform/ui/fiscal-year-links';
import { type PageView, tr } from '../../../platform/ui/layout';
import {
  fiscalYearOn,
  type GradeStep,
  type InYearJudgement,
  isDefaultGrade,
  type YearElapsed,
} from '../in-year';
import { type Plan, selectableYears } from '../plan';
import { type ProgressStatus, statusLabels } from '../progress';

/** The plan year that contains today (in Japan), or the nearest plan year when today is outside the plan. */
export function currentPlanYear(plan: Plan, now = new Date()): number {
  const fy = fiscalYearOn(todayInJapan(now));
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

/** The headings of the three cells every progress row ends with (and any shown beside the actual). */
export function ProgressHeadings(props: { view: PageView; besideActual?: Child }) {
  const { view } = props;
  return (
    <>
      <th scope="col" class="num">
        {tr(view, '実績', 'Actual')}
      </th>
      {props.besideActual ?? null}
      <th scope="col" class="num">
        {tr(view, '達成率', 'Achievement')}
      </th>
      <th scope="col">{tr(view, '状況', 'Status')}</th>
    </>
  );
}

/** Actual, 達成率 and status of one project or KPI in one year, as table cells (and any beside the actual). */
export function ProgressCells(props: {
  lang: Lang;
  unit: string;
  progress: { actual: number | null; achievementPercent: number | null; status: ProgressStatus };
  besideActual?: Child;
}) {
  const { lang, progress } = props;
  return (
    <>
      <td class="num" data-field="actual">
        {formatValue(lang, progress.actual, props.unit)}
      </td>
      {props.besideActual ?? null}
      <td class="num" data-field="achievement">
        {formatPercent(lang, progress.achievementPercent)}
      </td>
      <td>
        <StatusBadge lang={lang} status={progress.status} />
      </td>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// In-year judging (期中の進捗, decision 033)

/** 2026年11月25日時点 / As of 25 Nov 2026 */
export function asOfText(view: PageView, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return tr(view, `${y}年${m}月${d}日時点`, `As of ${formatDate('en', date)}`);
}

/** How the expected figures were reckoned: by the day of the year, or by the quarters completed. */
export function elapsedText(view: PageView, elapsed: YearElapsed): string {
  return elapsed.mode === 'quarterly'
    ? tr(
        view,
        `四半期ごとの按分：第${elapsed.quartersCompleted}四半期まで完了（年間目標の${elapsed.quartersCompleted * 25}%）`,
        `By quarter: ${elapsed.quartersCompleted} of 4 quarters completed (${elapsed.quartersCompleted * 25}% of the annual target)`,
      )
    : tr(
        view,
        `日割りの按分：年度の${elapsed.days}日目／${elapsed.daysInYear}日（年間目標の${formatNumber('ja', Math.round(elapsed.dayFraction * 1000) / 10)}%）`,
        `Pro rata by day: day ${elapsed.days} of ${elapsed.daysInYear} (${formatNumber('en', Math.round(elapsed.dayFraction * 1000) / 10)}% of the annual target)`,
      );
}

const gradeRank = (grade: GradeStep, scale: readonly GradeStep[]) => {
  const index = scale.findIndex((g) => g.code === grade.code);
  if (index === 0) return 'achieved';
  return index === scale.length - 1 ? 'missed' : 'nearly';
};

const pendingLabels = {
  'not-entered': { ja: '未入力', en: 'Not entered' },
  'no-target': { ja: '目安なし', en: 'No target' },
  'too-early': { ja: '判定前', en: 'Not yet' },
  'year-end': { ja: '年度末に判定', en: 'At year-end' },
} as const;

/**
 * The in-year grade as a badge, coloured by its place on the scale (best, between, last) like the
 * yearly status, but a `grade`, not a `status`: the row's status stays the year's; the reason when
 * there is no grade.
 */
export function InYearGradeBadge(props: {
  lang: Lang;
  judgement: InYearJudgement;
  scale: readonly GradeStep[];
}) {
  const { lang, judgement } = props;
  const grade = judgement.grade;
  if (!grade || judgement.state !== 'judged') {
    const label = judgement.state === 'judged' ? pendingLabels['no-target'] : pendingLabels[judgement.state];
    return <span class="grade grade-none">{localise(lang, label)}</span>;
  }
  return (
    <span class={`grade grade-${gradeRank(grade, props.scale)}`} data-grade={grade.code}>
      {inYearGradeText(lang, grade)}
    </span>
  );
}

/** 概ね達成 on the default scale; a plan's own grade with its code: B（概ね順調）, B (Mostly on track). */
export function inYearGradeText(lang: Lang, grade: GradeStep): string {
  const label = lang === 'en' && grade.labelEn ? grade.labelEn : grade.label;
  if (isDefaultGrade(grade) || grade.label === grade.code) return label;
  return lang === 'en' ? `${grade.code} (${label})` : `${grade.code}（${label}）`;
}

/** The headings of the in-year cells of a progress row. */
export function InYearHeadings(props: { view: PageView }) {
  const { view } = props;
  return (
    <>
      <th scope="col" class="num">
        {tr(view, '今日時点の目安', 'Expected by today')}
      </th>
      <th scope="col" class="num">
        {tr(view, '進捗率', 'In-year progress')}
      </th>
      <th scope="col">{tr(view, '期中評価', 'In-year grade')}</th>
      <th scope="col" class="num">
        {tr(view, '年度末見込み', 'Year-end projection')}
      </th>
    </>
  );
}

/** Expected-by-today figure, progress against it, in-year grade and projection, as table cells. */
export function InYearCells(props: {
  lang: Lang;
  unit: string;
  judgement: InYearJudgement | undefined;
  scale: readonly GradeStep[];
}) {
  const { lang, judgement, unit } = props;
  if (!judgement) return <td colspan={4}>—</td>;
  return (
    <>
      <td class="num" data-field="expected">
        {formatValue(lang, judgement.expected, unit)}
      </td>
      <td class="num" data-field="in-year-progress">
        {formatPercent(lang, judgement.progressPercent)}
      </td>
      <td data-field="in-year-grade" data-state={judgement.state}>
        <InYearGradeBadge lang={lang} judgement={judgement} scale={props.scale} />
      </td>
      <td class="num" data-field="projected">
        {formatValue(lang, judgement.projected, unit)}
      </td>
    </>
  );
}

/** One subject's in-year judgement in a sentence, for its own page. */
export function InYearLine(props: {
  view: PageView;
  unit: string;
  judgement: InYearJudgement;
  scale: readonly GradeStep[];
}) {
  const { view, judgement, unit } = props;
  return (
    <p data-in-year={judgement.elapsed.date}>
      {asOfText(view, judgement.elapsed.date)}
      {tr(view, 'の目安：', ', expected: ')}
      <strong data-field="expected">{formatValue(view.lang, judgement.expected, unit)}</strong>
      {tr(view, '（進捗率 ', ' (in-year progress ')}
      <span data-field="in-year-progress">{formatPercent(view.lang, judgement.progressPercent)}</span>
      {tr(view, '）', ')')} <InYearGradeBadge lang={view.lang} judgement={judgement} scale={props.scale} />
      {tr(view, ' 年度末見込み：', ' Year-end projection: ')}
      <span data-field="projected">{formatValue(view.lang, judgement.projected, unit)}</span>
      <span class="hint">{elapsedText(view, judgement.elapsed)}</span>
    </p>
  );
}
