import { type FormProblem, invalidIf } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import { FeatureMap, type MapBounds, type MapTiles } from '../../../platform/ui/map';
import { type PublicProperty, propertyKinds } from '../schema';
import type { PropertyFilter } from '../search';
import { kindNames } from '../words';
import { type Area, areaName, PropertyCard } from './components';

export function searchHref(base: string, values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const query = params.toString();
  return `${base}${query ? `?${query}` : ''}`;
}

/** The public list of vacant properties: a plain GET form of kind, area, size, rent and use. */
export function SearchPage(props: {
  view: PageView;
  values: Record<string, string | undefined>;
  filter: PropertyFilter | undefined;
  problem?: FormProblem | undefined;
  areas: readonly Area[];
  uses: string[];
  listings: PublicProperty[];
  tiles: MapTiles;
  bounds: MapBounds | undefined;
}) {
  const { view, values, problem } = props;
  const title = tr(view, '空き物件をさがす', 'Find a vacant property');
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
  const number = (name: string, label: string, hint: string) => (
    <div>
      <label for={`filter-${name}`}>
        {label}
        <span class="hint">{hint}</span>
      </label>
      <input {...field(name)} inputmode="numeric" maxlength={12} value={values[name] ?? ''} />
    </div>
  );
  const shown = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'lang'));
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '市内で創業・出店する方のための空き店舗・空き家・事務所・工場・土地の情報です。問い合わせはつなぐを通して掲載者に届きます（所有者の連絡先は公開していません）。',
          'Vacant shops, houses, offices, factories and land in the city for people starting a business. Inquiries reach the poster through Tsunagu; owners’ contact details are never published.',
        )}
      </p>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <search>
        <form method="get" action="/properties" class="filters card">
          {choice(
            'kind',
            tr(view, '種類', 'Kind'),
            propertyKinds.map((k) => ({ value: k, label: localise(view.lang, kindNames[k]) })),
          )}
          {choice(
            'area',
            tr(view, '地区', 'Area'),
            props.areas.map((a) => ({ value: a.code, label: areaName(view.lang, a.code, props.areas) })),
          )}
          {choice('deal', tr(view, '賃貸・売買', 'Rent or sale'), [
            { value: 'rent', label: tr(view, '賃貸', 'For rent') },
            { value: 'sale', label: tr(view, '売買', 'For sale') },
          ])}
          {number('minArea', tr(view, '面積（㎡）から', 'Area from (m²)'), tr(view, '例：20', 'e.g. 20'))}
          {number('maxArea', tr(view, '面積（㎡）まで', 'Area up to (m²)'), tr(view, '例：100', 'e.g. 100'))}
          {number(
            'minYen',
            tr(view, '賃料（月額）・価格（円）から', 'Rent a month or price from (yen)'),
            tr(view, '例：30000', 'e.g. 30000'),
          )}
          {number(
            'maxYen',
            tr(view, '賃料（月額）・価格（円）まで', 'Rent a month or price up to (yen)'),
            tr(view, '例：120000', 'e.g. 120000'),
          )}
          {choice(
            'use',
            tr(view, '使い方', 'Use'),
            props.uses.map((u) => ({ value: u, label: u })),
          )}
          <div class="actions">
            <button type="submit">{tr(view, 'さがす', 'Search')}</button>
            <a href="/properties">{tr(view, '条件をクリア', 'Clear filters')}</a>
          </div>
        </form>
      </search>
      {problem ? null : (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {tr(view, `空き物件（${props.listings.length}件）`, `Properties (${props.listings.length})`)}
          </h2>
          {props.listings.length > 0 ? (
            <FeatureMap
              view={view}
              tiles={props.tiles}
              features={searchHref('/api/v1/properties', shown)}
              label={tr(view, '見つかった空き物件の地図', 'Map of the properties found')}
              bounds={props.bounds}
              listId="property-list"
            />
          ) : null}
          {props.listings.length === 0 ? (
            <p data-empty="properties">
              {tr(
                view,
                '条件に合う空き物件は見つかりませんでした。条件を減らしてください。',
                'No property matches. Try fewer filters.',
              )}
            </p>
          ) : (
            <ul class="grid" data-list="properties" id="property-list">
              {props.listings.map((p) => (
                <PropertyCard view={view} listing={p} areas={props.areas} />
              ))}
            </ul>
          )}
          <p class="muted">
            <a href={searchHref('/api/v1/properties', shown)}>
              {tr(view, 'この結果をGeoJSON（地図データ）で取得', 'Get these results as GeoJSON (map data)')}
            </a>
          </p>
        </section>
      )}
    </Layout>
  );
}
