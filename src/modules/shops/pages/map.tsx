import type { FormProblem } from '../../../platform/forms';
import { invalidIf } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import { FeatureMap, type MapBounds, type MapTiles } from '../../../platform/ui/map';
import { shopCategories } from '../schema';
import type { PlanArea, ShopFilter, ShopListing } from '../shop-service';
import { categoryNames } from '../words';
import { areaName, ShopCard, shopsStylesheetPath } from './components';

/** The same query on another path (the GeoJSON of the list), without the language switch. */
export function queryHref(base: string, values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value && key !== 'lang') params.set(key, value);
  const query = params.toString();
  return `${base}${query ? `?${query}` : ''}`;
}

/**
 * The residents' shop map (お店マップ): a plain GET form of category, station area, open now,
 * るのかーど and まちゼミ講師; the map of what it finds beside the list of the same shops.
 */
export function ShopMapPage(props: {
  view: PageView;
  values: Record<string, string | undefined>;
  filter: ShopFilter | undefined;
  problem?: FormProblem | undefined;
  areas: readonly PlanArea[];
  shops: ShopListing[];
  tiles: MapTiles;
  bounds: MapBounds | undefined;
}) {
  const { view, values, problem } = props;
  const title = tr(view, 'お店マップ', 'Shop map');
  const field = (name: string) => ({ id: `filter-${name}`, name, ...invalidIf(problem, name) });
  const choice = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div>
      <label for={`filter-${name}`}>{label}</label>
      <select {...field(name)}>
        <option value="">{tr(view, 'すべて', 'All')}</option>
        {options.map((o) => (
          <option value={o.value} selected={values[name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const tick = (name: string, label: string) => (
    <div class="choice">
      <input type="checkbox" {...field(name)} value="1" checked={values[name] === '1'} />
      <label for={`filter-${name}`}>{label}</label>
    </div>
  );
  return (
    <Layout view={view} title={title}>
      <link rel="stylesheet" href={shopsStylesheetPath} />
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '市内のお店（飲食・小売・サービス）を、駅の周辺ごとに探せます。「いま営業中」は日本時間の現在で、定休日と祝日を含めて判定します。',
          'Find the shops of the city (food and drink, retail, services) around each station. “Open now” is judged in Japan time, with closing days and public holidays.',
        )}
      </p>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <search>
        <form method="get" action="/shops" class="filters card">
          {choice(
            'category',
            tr(view, 'お店の種類', 'Kind of shop'),
            shopCategories.map((c) => ({ value: c, label: localise(view.lang, categoryNames[c]) })),
          )}
          {choice(
            'area',
            tr(view, '駅の周辺（地区）', 'Station area'),
            props.areas.map((a) => ({ value: a.code, label: areaName(view.lang, a.code, props.areas) })),
          )}
          <fieldset class="shop-ticks">
            <legend>{tr(view, '絞り込み', 'Only')}</legend>
            {tick('open', tr(view, 'いま営業中', 'Open now'))}
            {tick('runocard', tr(view, 'るのかーどが使える', 'Takes るのかーど'))}
            {tick('machizemi', tr(view, 'まちゼミの講師', 'Teaches in まちゼミ'))}
          </fieldset>
          <div class="actions">
            <button type="submit">{tr(view, 'さがす', 'Search')}</button>
            <a href="/shops">{tr(view, '条件をクリア', 'Clear filters')}</a>
          </div>
        </form>
      </search>
      {problem ? null : (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {tr(view, `お店（${props.shops.length}件）`, `Shops (${props.shops.length})`)}
          </h2>
          <div class="shop-map-layout">
            {props.shops.length > 0 ? (
              <FeatureMap
                view={view}
                tiles={props.tiles}
                features={queryHref('/api/v1/shops', values)}
                label={tr(view, '見つかったお店の地図', 'Map of the shops found')}
                bounds={props.bounds}
                listId="shop-list"
              />
            ) : null}
            {props.shops.length === 0 ? (
              <p data-empty="shops">
                {tr(
                  view,
                  '条件に合うお店は見つかりませんでした。条件を減らしてください。',
                  'No shop matches. Try fewer filters.',
                )}
              </p>
            ) : (
              <ul class="grid shop-list" data-list="shops" id="shop-list">
                {props.shops.map((s) => (
                  <ShopCard view={view} listing={s} areas={props.areas} />
                ))}
              </ul>
            )}
          </div>
          <p class="muted">
            <a href={queryHref('/api/v1/shops', values)}>
              {tr(view, 'この結果をGeoJSON（地図データ）で取得', 'Get these results as GeoJSON (map data)')}
            </a>
          </p>
        </section>
      )}
    </Layout>
  );
}
