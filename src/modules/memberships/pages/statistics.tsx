import { formatDate } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { InputField, SelectField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';

export interface KindFigures {
  bodies: { bodyId: number; name: string; members: number }[];
  total: number;
}

/** Staff: members of each body and in total on a day, the 加入率 with its denominator, and their entry. */
export function StatisticsPage(props: {
  view: PageView;
  day: string;
  shotenkai: KindFigures;
  shokokai: KindFigures;
  rate: { percent: number; denominator: { value: number; asOf: string; source: string } } | undefined;
  denominators: { value: number; asOf: string; source: string }[];
  canAddBodies: boolean;
  areas: { value: string; label: string }[];
  keepers: { value: string; label: string }[];
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, values, problem } = props;
  const common = { view, values, problem };
  const title = tr(view, '会員数と加入率', 'Members and membership rate');
  const bodyTable = (id: string, caption: string, figures: KindFigures) => (
    <div class="table-wrap">
      <table data-table={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(view, '会', 'Body')}</th>
            <th scope="col">{tr(view, '会員数', 'Members')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.bodies.map((b) => (
            <tr>
              <th scope="row">{b.name}</th>
              <td data-members={b.members}>{b.members}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{tr(view, '合計', 'Total')}</th>
            <td data-total={figures.total}>{figures.total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form method="get" action="/memberships/statistics" class="inline-form">
        <label for="on">{tr(view, '基準日', 'As of')}</label>
        <input id="on" name="on" type="date" value={props.day} required />
        <button type="submit">{tr(view, '表示する', 'Show')}</button>
      </form>
      <section aria-labelledby="shotenkai-heading">
        <h2 id="shotenkai-heading">
          {tr(view, '商店会の会員数', 'Members of the shopping-street associations')}
        </h2>
        {bodyTable(
          'shotenkai',
          tr(view, `${formatDate(view.lang, props.day)}現在`, `As of ${formatDate(view.lang, props.day)}`),
          props.shotenkai,
        )}
      </section>
      <section aria-labelledby="shokokai-heading">
        <h2 id="shokokai-heading">
          {tr(view, '商工会の加入率', 'Membership rate of the chamber of commerce')}
        </h2>
        {props.rate ? (
          <p data-rate={props.rate.percent}>
            {tr(
              view,
              `加入率 ${props.rate.percent}%（会員 ${props.shokokai.total} ÷ 市内の事業所数 ${props.rate.denominator.value.toLocaleString('ja-JP')}、${props.rate.denominator.source}・${formatDate(view.lang, props.rate.denominator.asOf)}）`,
              `Rate ${props.rate.percent}% (${props.shokokai.total} members ÷ ${props.rate.denominator.value.toLocaleString('en-GB')} businesses in the city, ${props.rate.denominator.source}, ${formatDate(view.lang, props.rate.denominator.asOf)})`,
            )}
          </p>
        ) : (
          <p data-empty="rate">
            {tr(
              view,
              '加入率を出すには、会員の記録と、この日以前の市内の事業所数が必要です。',
              'The rate needs members recorded and a number of businesses in the city dated on or before this day.',
            )}
          </p>
        )}
        {bodyTable('shokokai', tr(view, '商工会の会員数', 'Members of the chamber'), props.shokokai)}
        <h3>{tr(view, '市内の事業所数（加入率の分母）', 'Businesses in the city (the denominator)')}</h3>
        {props.denominators.length > 0 ? (
          <ul data-list="denominators">
            {props.denominators.map((d) => (
              <li>
                {formatDate(view.lang, d.asOf)}：{d.value.toLocaleString('ja-JP')}（{d.source}）
              </li>
            ))}
          </ul>
        ) : null}
        <form method="post" action="/memberships/denominators" class="stack">
          <CsrfField view={view} />
          <InputField
            {...common}
            name="value"
            inputmode="numeric"
            label={tr(view, '市内の事業所数', 'Businesses in the city')}
            maxlength={12}
          />
          <InputField {...common} name="asOf" type="date" label={tr(view, '基準日', 'As of')} />
          <InputField
            {...common}
            name="source"
            label={tr(view, '出典', 'Source')}
            hint={tr(
              view,
              '例：令和3年経済センサス‐活動調査',
              'e.g. 2021 Economic Census for Business Activity',
            )}
            maxlength={200}
          />
          <div class="actions">
            <button type="submit">{tr(view, '事業所数を記録する', 'Record the number')}</button>
          </div>
        </form>
      </section>
      {props.canAddBodies ? (
        <section aria-labelledby="add-body-heading">
          <h2 id="add-body-heading">{tr(view, '商店会を追加する', 'Add an association')}</h2>
          <form method="post" action="/memberships/bodies" class="stack">
            <CsrfField view={view} />
            <InputField
              {...common}
              name="bodyName"
              label={tr(view, '商店会の名前', 'Association name')}
              maxlength={100}
            />
            <SelectField
              {...common}
              name="area"
              required={false}
              label={tr(view, '地区', 'Area')}
              options={[{ value: '', label: '—' }, ...props.areas]}
            />
            <SelectField
              {...common}
              name="keeper"
              required={false}
              label={tr(view, '名簿を管理するアカウント', 'Account keeping the list')}
              options={[{ value: '', label: '—' }, ...props.keepers]}
            />
            <div class="actions">
              <button type="submit">{tr(view, '商店会を追加する', 'Add the association')}</button>
            </div>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
