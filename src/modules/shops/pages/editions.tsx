import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import { type FormProblem, type FormValues, invalidIf } from '../../../platform/forms';
import { formatNumber, localise } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { EditionEntry } from '../map-editions';
import { maxBlurbLength, maxShopsPerEdition } from '../map-editions';
import { type MapEditionRow, paperSizes } from '../schema';
import type { PlanArea, ShopListing } from '../shop-service';
import { categoryNames } from '../words';
import { areaName, shopsStylesheetPath } from './components';

const paperNames = {
  A4: { ja: 'A4 縦', en: 'A4 portrait' },
  A3: { ja: 'A3 横', en: 'A3 landscape' },
} as const;

/** The fields of an edition (title, year, area, paper, introduction), on the new and the edit form. */
function EditionFields(props: {
  view: PageView;
  values: FormValues;
  problem: FormProblem | undefined;
  areas: readonly PlanArea[];
}) {
  const { view, values, problem } = props;
  return (
    <>
      <div>
        <label for="title">
          {tr(view, 'マップの名前', 'Title')}
          <span class="hint">
            {tr(view, '例：五日市線沿線グルメマップ 2026', 'e.g. Itsukaichi Line food map 2026')}
          </span>
        </label>
        <input
          id="title"
          name="title"
          required
          maxlength={100}
          value={values.title ?? ''}
          {...invalidIf(problem, 'title')}
        />
      </div>
      <div>
        <label for="fiscalYear">{tr(view, '年度（西暦）', 'Fiscal year')}</label>
        <input
          id="fiscalYear"
          name="fiscalYear"
          required
          inputmode="numeric"
          maxlength={4}
          value={values.fiscalYear ?? ''}
          {...invalidIf(problem, 'fiscalYear')}
        />
      </div>
      <div>
        <label for="area">{tr(view, '地区', 'Area')}</label>
        <select id="area" name="area" {...invalidIf(problem, 'area')}>
          <option value="">{tr(view, '市内全域', 'The whole city')}</option>
          {props.areas.map((a) => (
            <option value={a.code} selected={values.area === a.code}>
              {areaName(view.lang, a.code, props.areas)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="paper">{tr(view, '用紙', 'Paper')}</label>
        <select id="paper" name="paper" {...invalidIf(problem, 'paper')}>
          {paperSizes.map((p) => (
            <option value={p} selected={(values.paper || 'A4') === p}>
              {localise(view.lang, paperNames[p])}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="introduction">{tr(view, 'はじめの言葉（任意）', 'Introduction (optional)')}</label>
        <textarea
          id="introduction"
          name="introduction"
          rows={3}
          maxlength={400}
          {...invalidIf(problem, 'introduction')}
        >
          {values.introduction ?? ''}
        </textarea>
      </div>
    </>
  );
}

const issuedText = (view: PageView, e: MapEditionRow) =>
  e.issuedOn && e.printRun
    ? tr(
        view,
        `${formatDate('ja', e.issuedOn)}発行・${formatNumber('ja', e.printRun)}部`,
        `Issued ${formatDate('en', e.issuedOn)}, ${formatNumber('en', e.printRun)} copies`,
      )
    : tr(view, '未発行', 'Not issued yet');

/** Staff's list of the paper map's editions, and the form of a new one. */
export function EditionsPage(props: {
  view: PageView;
  editions: MapEditionRow[];
  areas: readonly PlanArea[];
  values: FormValues;
  problem?: FormProblem | undefined;
}) {
  const { view } = props;
  const title = tr(view, '地域マップ（紙）の版', 'Paper map editions');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '市・明星大学・商工会で作る地域マップ（グルメマップ）の版をつくり、載せるお店と紹介文を選んで、A4・A3の印刷用ページを開きます。印刷したら発行部数と発行日を記録すると、計画の「地域マップの作成（発行部数）」に数えられます。',
          'Make an edition of the area map (the food map of the city, Meisei University and the chamber of commerce), choose its shops and texts, and open its A4 or A3 print page. Record the print run and issue date once printed: they count as the plan’s “Local area map (copies)”.',
        )}
      </p>
      {props.editions.length === 0 ? (
        <p data-empty="editions">{tr(view, 'まだ版はありません。', 'No edition yet.')}</p>
      ) : (
        <div class="table-wrap">
          <table data-table="editions">
            <thead>
              <tr>
                <th scope="col">{tr(view, '年度', 'Year')}</th>
                <th scope="col">{tr(view, '名前', 'Title')}</th>
                <th scope="col">{tr(view, '地区', 'Area')}</th>
                <th scope="col">{tr(view, '発行', 'Issued')}</th>
              </tr>
            </thead>
            <tbody>
              {props.editions.map((e) => (
                <tr data-edition={String(e.id)}>
                  <td>{formatFiscalYear(view.lang, e.fiscalYear)}</td>
                  <td>
                    <a href={`/shops/editions/${e.id}`}>{e.title}</a>
                  </td>
                  <td>
                    {e.area
                      ? areaName(view.lang, e.area, props.areas)
                      : tr(view, '市内全域', 'The whole city')}
                  </td>
                  <td>{issuedText(view, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{tr(view, '新しい版をつくる', 'Make a new edition')}</h2>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <form method="post" action="/shops/editions" class="stack card">
        <CsrfField view={view} />
        <input type="hidden" name="idempotencyKey" value={props.values.idempotencyKey ?? ''} />
        <EditionFields view={view} values={props.values} problem={props.problem} areas={props.areas} />
        <p class="actions">
          <button type="submit">{tr(view, '版をつくる', 'Make the edition')}</button>
        </p>
      </form>
    </Layout>
  );
}

/** One edition: its details and shops (tick, short text), the print page, and the print run. */
export function EditionPage(props: {
  view: PageView;
  edition: MapEditionRow;
  entries: EditionEntry[];
  candidates: ShopListing[];
  areas: readonly PlanArea[];
  values: FormValues;
  issueValues: FormValues;
  problem?: FormProblem | undefined;
  issueProblem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, edition, values, problem } = props;
  const chosen = new Map(props.entries.map((e) => [e.entry.businessId, e.entry]));
  const issued = Boolean(edition.issuedOn);
  return (
    <Layout view={view} title={edition.title}>
      <link rel="stylesheet" href={shopsStylesheetPath} />
      <p class="muted">
        <a href="/shops/editions">{tr(view, '← 地域マップの版', '← Map editions')}</a>
      </p>
      <h1>{edition.title}</h1>
      <Notice message={props.notice} />
      <p data-field="issued">
        {formatFiscalYear(view.lang, edition.fiscalYear)}・{issuedText(view, edition)}・
        {tr(view, `${props.entries.length}店`, `${props.entries.length} shops`)}
      </p>
      <p class="actions">
        <a class="button" href={`/shops/editions/${edition.id}/print`}>
          {tr(view, '印刷用ページを開く', 'Open the print page')}
        </a>
      </p>
      <section aria-labelledby="issue-heading">
        <h2 id="issue-heading">{tr(view, '発行部数の記録', 'Print run')}</h2>
        <ErrorSummary
          view={view}
          message={props.issueProblem?.message}
          details={props.issueProblem?.details}
        />
        <form method="post" action={`/shops/editions/${edition.id}/issue`} class="filters card">
          <CsrfField view={view} />
          <div>
            <label for="printRun">{tr(view, '発行部数（部）', 'Copies printed')}</label>
            <input
              id="printRun"
              name="printRun"
              required
              inputmode="numeric"
              maxlength={9}
              value={props.issueValues.printRun ?? ''}
              {...invalidIf(props.issueProblem, 'printRun')}
            />
          </div>
          <div>
            <label for="issuedOn">{tr(view, '発行日', 'Issue date')}</label>
            <input
              id="issuedOn"
              name="issuedOn"
              type="date"
              required
              value={props.issueValues.issuedOn ?? ''}
              {...invalidIf(props.issueProblem, 'issuedOn')}
            />
          </div>
          <div class="actions">
            <button type="submit">{tr(view, '記録する', 'Record')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">{tr(view, '版の内容と載せるお店', 'Details and shops')}</h2>
        {issued ? (
          <p data-field="locked">
            {tr(
              view,
              '発行済みの版は変えられません。内容を変えるときは新しい版をつくってください。',
              'An issued edition does not change. Make a new edition to change it.',
            )}
          </p>
        ) : null}
        <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
        <form method="post" action={`/shops/editions/${edition.id}`} class="stack">
          <CsrfField view={view} />
          <EditionFields view={view} values={values} problem={problem} areas={props.areas} />
          <fieldset>
            <legend>
              {tr(
                view,
                `載せるお店（${maxShopsPerEdition}店まで、紹介文は${maxBlurbLength}文字まで）`,
                `Shops (${maxShopsPerEdition} at most; texts up to ${maxBlurbLength} characters)`,
              )}
            </legend>
            {props.candidates.length === 0 ? (
              <p data-empty="candidates">
                {tr(
                  view,
                  'この地区にはお店マップのお店がありません。',
                  'The shop map has no shop in this area.',
                )}
              </p>
            ) : (
              <ul class="edition-choices" data-list="candidates">
                {props.candidates.map((s) => {
                  const id = s.business.id;
                  const entry = chosen.get(id);
                  const ticked =
                    values[`shop-${id}`] !== undefined ? values[`shop-${id}`] === 'on' : Boolean(entry);
                  return (
                    <li class="edition-choice">
                      <div class="choice">
                        <input type="checkbox" id={`shop-${id}`} name={`shop-${id}`} checked={ticked} />
                        <label for={`shop-${id}`}>
                          {entry ? `${entry.number}. ` : ''}
                          {s.business.name}
                          <span class="muted">
                            {' '}
                            {localise(view.lang, categoryNames[s.shop.category])}
                            {s.area ? `・${areaName(view.lang, s.area, props.areas)}` : ''}
                          </span>
                        </label>
                      </div>
                      <label for={`blurb-${id}`} class="visually-hidden">
                        {tr(view, `${s.business.name}の紹介文`, `Text for ${s.business.name}`)}
                      </label>
                      <input
                        id={`blurb-${id}`}
                        name={`blurb-${id}`}
                        maxlength={maxBlurbLength}
                        placeholder={tr(view, '紹介文（任意）', 'Short text (optional)')}
                        value={values[`blurb-${id}`] ?? entry?.blurb ?? ''}
                        {...invalidIf(problem, `blurb-${id}`)}
                      />
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
          <p class="actions">
            <button type="submit" disabled={issued}>
              {tr(view, '保存する', 'Save')}
            </button>
          </p>
        </form>
      </section>
    </Layout>
  );
}
