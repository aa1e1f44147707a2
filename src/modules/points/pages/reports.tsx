import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { InputField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { outstandingAt, pointsStatistics } from '../reports';
import type { listSettlements, SettlementLine } from '../settlement';
import { IdempotencyField, yen } from './components';

const back = (view: PageView) => (
  <p>
    <a href="/points/manage">{tr(view, '事務局のページへ', 'Back to the office')}</a>
  </p>
);

export function SettlementsPage(props: {
  view: PageView;
  settlements: Awaited<ReturnType<typeof listSettlements>>;
  latest?: { id: number; lines: SettlementLine[] } | undefined;
  notice?: string | undefined;
  values: FormValues;
  problem?: FormProblem | undefined;
  idempotencyKey: string;
}) {
  const { view } = props;
  const title = tr(view, '店舗への精算', 'Settlements with shops');
  return (
    <Layout view={view} title={title}>
      {back(view)}
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <form method="post" action="/points/manage/settlements" class="stack card">
        <CsrfField view={view} />
        <IdempotencyField value={props.idempotencyKey} />
        <InputField
          view={view}
          name="periodFrom"
          type="date"
          label={tr(view, '精算期間の開始日', 'Period from')}
          values={props.values}
          problem={props.problem}
        />
        <InputField
          view={view}
          name="periodUntil"
          type="date"
          label={tr(view, '精算期間の終了日', 'Period until')}
          values={props.values}
          problem={props.problem}
        />
        <div>
          <button type="submit">{tr(view, '精算する', 'Settle')}</button>
        </div>
      </form>
      {props.latest ? <SettlementTable view={view} lines={props.latest.lines} /> : null}
      <h2>{tr(view, 'これまでの精算', 'Settlements so far')}</h2>
      <ul class="stack" data-list="settlements">
        {props.settlements.map((s) => (
          <li data-settlement={s.id}>
            {formatDate(view.lang, s.periodFrom)}〜{formatDate(view.lang, s.periodUntil)}{' '}
            <a href={`/points/manage/settlements/${s.id}/transfers.csv`}>CSV</a>{' '}
            <a href={`/points/manage/settlements/${s.id}/transfers.xlsx`}>Excel</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function SettlementTable(props: { view: PageView; lines: SettlementLine[] }) {
  const { view } = props;
  return (
    <section class="table-wrap" tabindex={0} aria-labelledby="settlement-caption">
      <table data-list="settlement-lines">
        <caption id="settlement-caption">{tr(view, '今回の精算', 'This settlement')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(view, '店舗', 'Shop')}</th>
            <th scope="col">{tr(view, '商品券', 'Gift certificates')}</th>
            <th scope="col">{tr(view, 'ポイント', 'Points')}</th>
            <th scope="col">{tr(view, '支払額', 'To pay')}</th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((l) => (
            <tr data-shop={l.shopId}>
              <td>{l.shopName}</td>
              <td>{yen(view, l.giftYen)}</td>
              <td>{yen(view, l.pointsYen)}</td>
              <td>{yen(view, l.totalYen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function OutstandingPage(props: {
  view: PageView;
  baseDates: string[];
  report: Awaited<ReturnType<typeof outstandingAt>>;
}) {
  const { view, report } = props;
  const title = tr(view, '未使用残高（基準日）', 'Unused balance at a base date');
  return (
    <Layout view={view} title={title}>
      {back(view)}
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '資金決済法の基準日（3月末・9月末）における、利用者が持つデジタル商品券の未使用残高です。',
          'The unused balance of digital gift certificates held by residents at the base dates of the Payment Services Act (end of March and September).',
        )}
      </p>
      <ul class="inline-list">
        {props.baseDates.map((d) => (
          <li>
            <a
              href={`/points/manage/outstanding?date=${d}`}
              aria-current={d === report.baseDate ? 'page' : undefined}
            >
              {formatDate(view.lang, d)}
            </a>
          </li>
        ))}
      </ul>
      <section class="table-wrap" tabindex={0} aria-labelledby="outstanding-caption">
        <table data-list="outstanding">
          <caption id="outstanding-caption">
            {tr(
              view,
              `${formatDate('ja', report.baseDate)}末時点`,
              `At the end of ${formatDate('en', report.baseDate)}`,
            )}
          </caption>
          <thead>
            <tr>
              <th scope="col">{tr(view, '商品券', 'Issue')}</th>
              <th scope="col">{tr(view, '発行額', 'Issued')}</th>
              <th scope="col">{tr(view, '未使用残高', 'Unused')}</th>
              <th scope="col">{tr(view, '未精算（店舗）', 'Unsettled at shops')}</th>
              <th scope="col">{tr(view, '失効', 'Expired')}</th>
            </tr>
          </thead>
          <tbody>
            {report.lines.map((l) => (
              <tr data-issue={l.issueId}>
                <td>{l.name}</td>
                <td>{yen(view, l.issuedYen)}</td>
                <td data-field="unused">{yen(view, l.unusedYen)}</td>
                <td>{yen(view, l.unsettledYen)}</td>
                <td>{yen(view, l.expiredYen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p data-field="total-unused">
        {tr(
          view,
          `未使用残高の合計：${yen(view, report.totalUnusedYen)}`,
          `Total unused: ${yen(view, report.totalUnusedYen)}`,
        )}
      </p>
    </Layout>
  );
}

export function StatisticsPage(props: {
  view: PageView;
  fiscalYear: number;
  statistics: Awaited<ReturnType<typeof pointsStatistics>>;
  areaName: (code: string | null) => string;
}) {
  const { view, statistics: s } = props;
  const title = tr(
    view,
    `るのかーど利用統計 ${formatFiscalYear('ja', props.fiscalYear)}`,
    `るのかーど statistics ${formatFiscalYear('en', props.fiscalYear)}`,
  );
  return (
    <Layout view={view} title={title}>
      {back(view)}
      <h1>{title}</h1>
      <nav aria-label={tr(view, '年度', 'Fiscal year')}>
        <ul class="inline-list">
          <li>
            <a href={`/points/manage/statistics?fy=${props.fiscalYear - 1}`}>
              {formatFiscalYear(view.lang, props.fiscalYear - 1)}
            </a>
          </li>
          <li>
            <a href={`/points/manage/statistics?fy=${props.fiscalYear + 1}`}>
              {formatFiscalYear(view.lang, props.fiscalYear + 1)}
            </a>
          </li>
        </ul>
      </nav>
      <dl data-list="statistics">
        <dt>{tr(view, '支払い件数', 'Payments')}</dt>
        <dd data-field="payments">{s.payments}</dd>
        <dt>{tr(view, '支払い金額', 'Paid')}</dt>
        <dd>{yen(view, s.paidYen)}</dd>
        <dt>{tr(view, 'ポイント付与件数', 'Point awards')}</dt>
        <dd>{s.awards}</dd>
        <dt>{tr(view, '返金件数', 'Refunds')}</dt>
        <dd>{s.refunds}</dd>
        <dt>{tr(view, '利用者数', 'Active users')}</dt>
        <dd data-field="users">{s.activeUsers}</dd>
      </dl>
      <h2>{tr(view, '地区別の取扱店舗数', 'Shops by area')}</h2>
      <ul data-list="areas">
        {s.shopsByArea.map((a) => (
          <li>
            {props.areaName(a.area)}：{a.shops}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
