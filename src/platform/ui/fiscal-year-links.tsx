import { formatFiscalYear } from '../fiscal-year';
import { type PageView, tr } from './layout';

/** Links to the same page for each fiscal year (和暦 first), the one shown marked as current. */
export function FiscalYearLinks(props: {
  view: PageView;
  years: readonly number[];
  selected: number;
  href: (fy: number) => string;
  /** a word after a year, e.g. 基準年 */
  note?: (fy: number) => string;
}) {
  const { view } = props;
  return (
    <nav class="year-switcher" aria-label={tr(view, '年度の切り替え', 'Fiscal year')}>
      <ul>
        {props.years.map((fy) => (
          <li>
            <a href={props.href(fy)} aria-current={fy === props.selected ? 'page' : undefined}>
              {formatFiscalYear(view.lang, fy)}
              {props.note?.(fy) ?? ''}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
