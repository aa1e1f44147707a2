import { localise } from '../../../platform/i18n';
import { FiscalYearLinks } from '../../../platform/ui/fiscal-year-links';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { PropertyFact } from '../metrics';
import { propertyKinds } from '../schema';
import { kindNames } from '../words';
import { type Area, areaName } from './components';

type Facts = Record<'listings' | 'inquiries' | 'contracts' | 'startups', PropertyFact[]>;

/** Staff's figures of a fiscal year: listings, inquiries, 成約 and start-ups, by kind and by area. */
export function StatisticsPage(props: {
  view: PageView;
  fiscalYear: number;
  years: number[];
  facts: Facts;
  areas: readonly Area[];
}) {
  const { view, facts } = props;
  const title = tr(view, '空き物件の統計', 'Vacant property statistics');
  const columns = [
    ['listings', tr(view, '掲載', 'Listed')],
    ['inquiries', tr(view, '問い合わせ', 'Inquiries')],
    ['contracts', tr(view, '成約', 'Contracted')],
    ['startups', tr(view, 'うち創業', 'Of which start-ups')],
  ] as const;
  const table = (
    id: string,
    heading: string,
    rows: { key: string | null; label: string }[],
    by: (f: PropertyFact) => string | null,
  ) => (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <div class="table-wrap">
        <table data-table={id}>
          <thead>
            <tr>
              <th scope="col">{heading}</th>
              {columns.map(([, label]) => (
                <th scope="col">{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-row={row.key ?? 'none'}>
                <th scope="row">{row.label}</th>
                {columns.map(([key]) => (
                  <td data-field={key}>{facts[key].filter((f) => by(f) === row.key).length}</td>
                ))}
              </tr>
            ))}
            <tr data-row="total">
              <th scope="row">{tr(view, '合計', 'Total')}</th>
              {columns.map(([key]) => (
                <td data-field={key}>{facts[key].length}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <FiscalYearLinks
        view={view}
        years={props.years}
        selected={props.fiscalYear}
        href={(y) => `/properties/statistics?fy=${y}`}
      />
      <p class="lead">
        {tr(
          view,
          '掲載は承認した日、問い合わせは送られた日、成約は成約日の年度で数えます。件数だけで、誰の物件・問い合わせかは表示しません。',
          'Listings count by the day they were approved, inquiries by the day sent, contracts by the contract day. Counts only; nobody is named.',
        )}
      </p>
      {table(
        'by-kind',
        tr(view, '種類別', 'By kind'),
        propertyKinds.map((k) => ({ key: k, label: localise(view.lang, kindNames[k]) })),
        (f) => f.kind,
      )}
      {table(
        'by-area',
        tr(view, '地区別', 'By area'),
        [
          ...props.areas.map((a) => ({
            key: a.code as string | null,
            label: areaName(view.lang, a.code, props.areas),
          })),
          { key: null, label: tr(view, '地区の指定なし', 'No area') },
        ],
        (f) => f.area,
      )}
    </Layout>
  );
}
