import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import { formatNumber, titleIn } from '../../../platform/i18n';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import { type Plan, YearSwitcher } from '../../plan';
import { consultationKinds } from '../schema';
import { followingDays, type SeminarRow } from '../seminar-summary';
import { kindNames } from '../words';

/**
 * Which seminars lead to consultations: per event of the year, the people who attended and those of
 * them who consulted afterwards, by kind. Counts only, for the city and the counsellors.
 */
export function SeminarSummaryPage(props: {
  view: PageView;
  plan: Plan;
  fiscalYear: number;
  rows: SeminarRow[];
}) {
  const { view, plan, fiscalYear, rows } = props;
  const category = (code: string) => {
    const c = plan.file.eventCategories?.find((x) => x.code === code);
    return c ? titleIn(view.lang, c) : code;
  };
  const n = (value: number) => formatNumber(view.lang, value);
  const total = (pick: (r: SeminarRow) => number) => rows.reduce((sum, r) => sum + pick(r), 0);
  const title = tr(view, 'セミナーから相談へ', 'From seminars to consultations');
  return (
    <Layout view={view} title={`${title} ${formatFiscalYear(view.lang, fiscalYear)}`}>
      <h1>
        {title} {formatFiscalYear(view.lang, fiscalYear)}
      </h1>
      <p>
        {tr(
          view,
          `イベントに出席した人のうち、その日から${followingDays}日以内に相談窓口（Bi@Sta・商工会）で相談した人の数です。アカウント、または申込時と相談時のメールアドレスが同じ人を同じ人として数えます。人数だけを表示し、名前は表示しません。`,
          `People present at each event, and how many of them consulted a desk (Bi@Sta, 商工会) on its day or within ${followingDays} days after. A person is recognised by their account, or by the same e-mail address at registration and at the desk. Counts only, no names.`,
        )}
      </p>
      <YearSwitcher
        view={view}
        plan={plan}
        selected={fiscalYear}
        href={(fy) => `/consultations/seminars?fy=${fy}`}
      />
      {rows.length === 0 ? (
        <p data-empty="seminars">
          {tr(
            view,
            'この年度に出席の記録があるイベントはまだありません。',
            'No event of this fiscal year has attendance recorded yet.',
          )}
        </p>
      ) : (
        <>
          <p>
            <a href={`/consultations/seminars.csv?fy=${fiscalYear}`} download>
              {tr(view, 'CSVでダウンロード', 'Download as CSV')}
            </a>
          </p>
          <div class="table-wrap">
            <table aria-labelledby="seminar-table-caption">
              <caption id="seminar-table-caption">
                {tr(
                  view,
                  'イベントごとの出席者と、その後の相談',
                  'Attendance and the consultations that followed',
                )}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr(view, '開催日', 'Date')}</th>
                  <th scope="col">{tr(view, 'イベント', 'Event')}</th>
                  <th scope="col" class="num">
                    {tr(view, '出席者', 'Attended')}
                  </th>
                  <th scope="col" class="num">
                    {tr(view, 'うち相談した人', 'Then consulted')}
                  </th>
                  {consultationKinds.map((k) => (
                    <th scope="col" class="num">
                      {kindNames[k][view.lang]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-event={r.event.id}>
                    <td>{formatDate(view.lang, r.event.startsAt)}</td>
                    <th scope="row">
                      <span class="badge">{category(r.event.category)}</span> {r.event.title}
                    </th>
                    <td class="num" data-field="attended">
                      {n(r.attended)}
                    </td>
                    <td class="num" data-field="consulted">
                      {n(r.consulted)}
                    </td>
                    {consultationKinds.map((k) => (
                      <td class="num">{n(r.byKind[k])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td />
                  <th scope="row">{tr(view, '合計', 'Total')}</th>
                  <td class="num">{n(total((r) => r.attended))}</td>
                  <td class="num">{n(total((r) => r.consulted))}</td>
                  {consultationKinds.map((k) => (
                    <td class="num">{n(total((r) => r.byKind[k]))}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}

/** The same table as CSV, in Japanese headings (as the city files it). */
export function seminarSummaryRows(plan: Plan, rows: SeminarRow[]): (string | number)[][] {
  const category = (code: string) => plan.file.eventCategories?.find((x) => x.code === code)?.title ?? code;
  return [
    [
      '開催日',
      'イベント',
      '種類',
      '出席者',
      'うち相談した人',
      ...consultationKinds.map((k) => kindNames[k].ja),
    ],
    ...rows.map((r) => [
      formatDate('ja', r.event.startsAt),
      r.event.title,
      category(r.event.category),
      r.attended,
      r.consulted,
      ...consultationKinds.map((k) => r.byKind[k]),
    ]),
  ];
}
