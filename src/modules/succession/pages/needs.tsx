import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { FeatureMap, type MapBounds, type MapTiles } from '../../../platform/ui/map';
import type { NeedsTable } from '../needs';
import type { AreaOutreach } from '../outreach-summary';
import { outreachKinds } from '../schema';
import type { Shown } from '../suppression';
import { outreachKindNames } from '../words';

/** How a count reads: the number (5 or more), 「5未満」, or 「非表示」; never a number below 5. */
export function shownText(lang: PageView['lang'], s: Shown): string {
  if (s.kind === 'count') return String(s.value);
  if (s.kind === 'fewer') return lang === 'en' ? 'fewer than 5' : '5未満';
  return lang === 'en' ? 'hidden' : '非表示';
}

function Count(props: { view: PageView; shown: Shown }) {
  const { shown } = props;
  return (
    <td class="num" data-shown={shown.kind}>
      {shownText(props.view.lang, shown)}
    </td>
  );
}

/**
 * 事業承継ニーズマップ: owners aged 60 or over without a decided successor, by area on a map and by
 * area and industry in a table, small groups hidden; beside each area, the outreach done there, and
 * the form to record one.
 */
export function NeedsPage(props: {
  view: PageView;
  needs: NeedsTable;
  areaName: (code: string) => string;
  industryName: (code: string) => string;
  outreach: AreaOutreach[];
  fiscalYear: number;
  today: string;
  tiles: MapTiles;
  bounds: MapBounds | undefined;
  outreachKey: string;
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, needs, values, problem } = props;
  const title = tr(view, '事業承継ニーズマップ', 'Succession needs map');
  const common = { view, values, problem };
  const fy = formatFiscalYear(view.lang, props.fiscalYear);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <p class="lead">
        {tr(
          view,
          '後継者が決まっていない60歳以上の経営者の数を、地区と業種ごとに示します。事業者情報と事業承継診断で、本人が集計への利用に同意した回答だけを数えています（ログインせずに診断にも答えた事業者は、2件と数えられることがあります）。事業者名や個人名は表示しません。',
          'Owners aged 60 or over without a decided successor, by area and industry. Only answers whose owner agreed to be counted (business profiles and the succession self-check) are counted (a business that also took the self-check without logging in may count twice). No business or person is named.',
        )}
      </p>
      <p class="hint" data-legend>
        {tr(
          view,
          `5人未満の数は「5未満」と表示し、数は出しません（0人も含みます）。「非表示」は、合計からの引き算で5未満の数が分からないよう、あわせて伏せた5以上の数です。${formatDate(view.lang, props.today)}現在。`,
          `Groups of fewer than 5 (none included) are shown as "fewer than 5", never as a number. "hidden" is a count of 5 or more hidden as well, so that no group of fewer than 5 can be worked out by subtracting from a total. As of ${formatDate(view.lang, props.today)}.`,
        )}
      </p>
      <p>
        <a href="/succession/needs.csv" download>
          {tr(
            view,
            '表をCSVでダウンロード（同じく5未満は非表示）',
            'Download the table as CSV (same suppression)',
          )}
        </a>
      </p>
      <FeatureMap
        view={view}
        tiles={props.tiles}
        features="/api/v1/succession/needs"
        label={tr(view, '地区ごとの事業承継ニーズの地図', 'Map of succession needs by area')}
        bounds={props.bounds}
        listId="by-area"
      />

      <section aria-labelledby="by-area-heading">
        <h2 id="by-area-heading">{tr(view, '地区ごとのニーズと掘り起こし', 'Needs and outreach by area')}</h2>
        <div class="table-wrap" id="by-area" tabindex={0}>
          <table data-table="by-area">
            <caption>
              {tr(
                view,
                `60歳以上・後継者未定の経営者と、${fy}の掘り起こし`,
                `Owners aged 60+ without a decided successor, and the outreach of ${fy}`,
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr(view, '地区', 'Area')}</th>
                <th scope="col" class="num">
                  {tr(view, '経営者', 'Owners')}
                </th>
                <th scope="col" class="num">
                  {tr(view, '掘り起こし', 'Outreach')}
                </th>
                <th scope="col" class="num">
                  {tr(view, '接触した人数', 'Reached')}
                </th>
                <th scope="col">{tr(view, '最後の実施日', 'Last held')}</th>
              </tr>
            </thead>
            <tbody>
              {props.outreach.map((a) => {
                const row = needs.areas.indexOf(a.area);
                const need = row >= 0 ? needs.shown.rowTotals[row] : undefined;
                return (
                  <tr data-area={a.area}>
                    <th scope="row">
                      <a href={`#area-${a.area || 'none'}`}>{props.areaName(a.area)}</a>
                    </th>
                    {need ? <Count view={view} shown={need} /> : <td class="num">—</td>}
                    <td class="num" data-field="outreach-count">
                      {a.thisYear.count}
                    </td>
                    <td class="num" data-field="reached">
                      {a.thisYear.reached}
                    </td>
                    <td>{a.records[0] ? formatDate(view.lang, a.records[0].heldOn) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{tr(view, '合計', 'Total')}</th>
                <Count view={view} shown={needs.shown.total} />
                <td class="num">{props.outreach.reduce((n, a) => n + a.thisYear.count, 0)}</td>
                <td class="num">{props.outreach.reduce((n, a) => n + a.thisYear.reached, 0)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="by-industry-heading">
        <h2 id="by-industry-heading">{tr(view, '地区と業種ごと', 'By area and industry')}</h2>
        {needs.industries.length === 0 ? (
          <p data-empty>
            {tr(
              view,
              'まだ数えられる回答がありません（60歳以上・後継者未定で、集計に同意した回答）。',
              'No answer to count yet (aged 60+, no decided successor, consented).',
            )}
          </p>
        ) : (
          <div class="table-wrap" tabindex={0}>
            <table data-table="by-area-and-industry">
              <caption>
                {tr(
                  view,
                  '業種は日本標準産業分類の大分類。行は地区、列は業種です。',
                  'Industries are the divisions of the Japan Standard Industrial Classification. Rows are areas, columns industries.',
                )}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr(view, '地区', 'Area')}</th>
                  {needs.industries.map((code) => (
                    <th scope="col" class="num" data-industry={code}>
                      {props.industryName(code)}
                    </th>
                  ))}
                  <th scope="col" class="num">
                    {tr(view, '合計', 'Total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {needs.areas.map((area, r) => (
                  <tr data-area={area}>
                    <th scope="row">{props.areaName(area)}</th>
                    {needs.industries.map((_, c) => (
                      <Count view={view} shown={needs.shown.cells[r]?.[c] ?? { kind: 'fewer' }} />
                    ))}
                    <Count view={view} shown={needs.shown.rowTotals[r] ?? { kind: 'fewer' }} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-area="total">
                  <th scope="row">{tr(view, '合計', 'Total')}</th>
                  {needs.industries.map((_, c) => (
                    <Count view={view} shown={needs.shown.columnTotals[c] ?? { kind: 'fewer' }} />
                  ))}
                  <Count view={view} shown={needs.shown.total} />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="outreach-heading" id="outreach">
        <h2 id="outreach-heading">{tr(view, '掘り起こしを記録する', 'Record an outreach')}</h2>
        <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
        <form method="post" action="/succession/outreach" class="stack" data-form="outreach">
          <CsrfField view={view} />
          <input type="hidden" name="key" value={props.outreachKey} />
          <InputField
            {...common}
            name="heldOn"
            type="date"
            label={tr(view, '実施日', 'Held on')}
            max={props.today}
          />
          <SelectField
            {...common}
            name="area"
            label={tr(view, '地区', 'Area')}
            options={[
              { value: '', label: tr(view, '選んでください', 'Choose') },
              ...props.outreach
                .filter((a) => a.area !== '')
                .map((a) => ({ value: a.area, label: props.areaName(a.area) })),
            ]}
          />
          <SelectField
            {...common}
            name="kind"
            label={tr(view, '種類', 'Kind')}
            options={[
              { value: '', label: tr(view, '選んでください', 'Choose') },
              ...outreachKinds.map((k) => ({ value: k, label: localise(view.lang, outreachKindNames[k]) })),
            ]}
          />
          <InputField
            {...common}
            name="reached"
            label={tr(view, '接触した人数（経営者）', 'Owners reached')}
            inputmode="numeric"
            maxlength={6}
          />
          <TextAreaField
            {...common}
            name="note"
            required={false}
            label={tr(view, 'メモ（任意）', 'Note (optional)')}
            hint={tr(
              view,
              '個人名や事業者名は書かないでください。',
              'Do not write the names of people or businesses.',
            )}
            maxlength={500}
            rows={3}
          />
          <div class="actions">
            <button type="submit">{tr(view, '記録する', 'Record')}</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="records-heading">
        <h2 id="records-heading">{tr(view, '地区ごとの掘り起こしの記録', 'Outreach by area')}</h2>
        {props.outreach.map((a) => {
          const row = needs.areas.indexOf(a.area);
          const need = row >= 0 ? needs.shown.rowTotals[row] : undefined;
          return (
            <section
              id={`area-${a.area || 'none'}`}
              aria-labelledby={`area-${a.area || 'none'}-heading`}
              data-records={a.area}
            >
              <h3 id={`area-${a.area || 'none'}-heading`}>{props.areaName(a.area)}</h3>
              {need ? (
                <p>
                  {tr(
                    view,
                    '60歳以上・後継者未定の経営者：',
                    'Owners aged 60+ without a decided successor: ',
                  )}
                  <strong data-shown={need.kind}>{shownText(view.lang, need)}</strong>
                </p>
              ) : null}
              {a.records.length === 0 ? (
                <p class="hint">{tr(view, 'まだ記録がありません。', 'Nothing recorded yet.')}</p>
              ) : (
                <ul>
                  {a.records.map((o) => (
                    <li data-outreach={o.id}>
                      {formatDate(view.lang, o.heldOn)} {localise(view.lang, outreachKindNames[o.kind])}{' '}
                      {tr(view, `${o.reached}人`, `${o.reached} reached`)}
                      {o.note ? `：${o.note}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </section>
      <p class="hint">
        {tr(
          view,
          '「市全域」は、地区を限らずに行ったものです。',
          '"Whole city" is outreach not limited to one area.',
        )}
      </p>
    </Layout>
  );
}
