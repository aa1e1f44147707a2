import { type FormProblem, invalidIf } from '../../../platform/forms';
import { ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import { FeatureMap, type MapBounds, type MapTiles } from '../../../platform/ui/map';
import type { DirectoryFilter } from '../directory';
import { industries } from '../industries';
import type { ListedBusiness } from '../schema';
import { type Area, BusinessCard } from './components';

/** How the results are shown: the list alone, or the map above the same list. */
export type DirectoryDisplay = 'list' | 'map';

export function directoryHref(filter: Partial<DirectoryFilter> & { show?: DirectoryDisplay }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1) && value !== 'list')
      params.set(key, String(value));
  }
  const query = params.toString();
  return `/businesses${query ? `?${query}` : ''}`;
}

/** The same filters as GeoJSON: every business they find, not a page of them. */
export const directoryGeoJsonHref = (filter: DirectoryFilter) =>
  `/api/v1${directoryHref({ ...filter, page: 1 })}`;

/** The public directory: a plain GET form of keywords, industry, area and tag, and what it finds. */
export function DirectoryPage(props: {
  view: PageView;
  values: Record<string, string | undefined>;
  filter: DirectoryFilter | undefined;
  problem?: FormProblem | undefined;
  areas: readonly Area[];
  tags: string[];
  businesses: ListedBusiness[];
  total: number;
  perPage: number;
  show: DirectoryDisplay;
  tiles: MapTiles;
  bounds: MapBounds | undefined;
}) {
  const { view, values, problem, filter, show } = props;
  const title = tr(view, '事業者をさがす', 'Find a business');
  const field = (name: string) => ({ id: `filter-${name}`, name, ...invalidIf(problem, name) });
  const page = filter?.page ?? 1;
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const here = filter ?? { q: '', industry: '', area: '', tag: '', page: 1 };
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '市内の事業者を、できること・製品・業種・地区からさがせます。',
          'Find businesses in the city by what they can do, their products, industry and area.',
        )}
      </p>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <search>
        <form method="get" action="/businesses" class="filters card">
          <div>
            <label for="filter-q">{tr(view, 'キーワード', 'Keywords')}</label>
            <input
              {...field('q')}
              type="search"
              maxlength={100}
              value={values.q ?? ''}
              aria-describedby="filter-q-hint"
            />
            <span id="filter-q-hint" class="hint">
              {tr(
                view,
                '例：和菓子、切削加工 アルミ（ひらがな・カタカナ、全角・半角のちがいは気にせず探せます）',
                'e.g. 和菓子, 切削加工 アルミ (kana and full/half width are treated alike)',
              )}
            </span>
          </div>
          <div>
            <label for="filter-industry">{tr(view, '業種', 'Industry')}</label>
            <select {...field('industry')}>
              <option value="">{tr(view, 'すべて', 'All')}</option>
              {industries.map((i) => (
                <>
                  <option value={i.code} selected={values.industry === i.code}>
                    {`${i.code} ${view.lang === 'en' ? i.nameEn : i.name}`}
                  </option>
                  {i.middle.map((m) => (
                    <option value={m.code} selected={values.industry === m.code}>
                      {`　${m.code} ${view.lang === 'en' ? m.nameEn : m.name}`}
                    </option>
                  ))}
                </>
              ))}
            </select>
          </div>
          {props.areas.length > 0 ? (
            <div>
              <label for="filter-area">{tr(view, '地区', 'Area')}</label>
              <select {...field('area')}>
                <option value="">{tr(view, 'すべて', 'All')}</option>
                {props.areas.map((a) => (
                  <option value={a.code} selected={values.area === a.code}>
                    {view.lang === 'en' && a.nameEn ? a.nameEn : a.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label for="filter-tag">{tr(view, 'タグ', 'Tag')}</label>
            <select {...field('tag')}>
              <option value="">{tr(view, 'すべて', 'All')}</option>
              {props.tags.map((t) => (
                <option value={t} selected={values.tag === t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div class="actions">
            {show === 'map' ? <input type="hidden" name="show" value="map" /> : null}
            <button type="submit">{tr(view, 'さがす', 'Search')}</button>
            <a href={directoryHref({ show })}>{tr(view, '条件をクリア', 'Clear filters')}</a>
          </div>
        </form>
      </search>
      {problem ? null : (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {tr(view, `事業者（${props.total}件）`, `Businesses (${props.total})`)}
          </h2>
          <nav class="view-switch" aria-label={tr(view, '表示の切り替え', 'How to show the businesses')}>
            <ul>
              <li>
                <a
                  href={directoryHref({ ...here, show: 'list' })}
                  aria-current={show === 'list' ? 'page' : undefined}
                >
                  {tr(view, '一覧', 'List')}
                </a>
              </li>
              <li>
                <a
                  href={directoryHref({ ...here, show: 'map' })}
                  aria-current={show === 'map' ? 'page' : undefined}
                >
                  {tr(view, '地図と一覧', 'Map and list')}
                </a>
              </li>
            </ul>
          </nav>
          {show === 'map' && props.total > 0 ? (
            <FeatureMap
              view={view}
              tiles={props.tiles}
              features={directoryGeoJsonHref(here)}
              label={tr(view, '見つかった事業者の地図', 'Map of the businesses found')}
              bounds={props.bounds}
              listId="results-list"
            />
          ) : null}
          {props.total === 0 ? (
            <p data-empty="businesses">
              {tr(
                view,
                '条件に合う事業者は見つかりませんでした。言葉を短くするか、条件を減らしてください。',
                'No business matches. Try shorter words or fewer filters.',
              )}
            </p>
          ) : (
            <ul class="grid" data-list="businesses" id="results-list">
              {props.businesses.map((b) => (
                <BusinessCard view={view} business={b} areas={props.areas} />
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav class="pager" aria-label={tr(view, 'ページ', 'Pages')}>
              {page > 1 ? (
                <a href={directoryHref({ ...here, show, page: page - 1 })} rel="prev">
                  {tr(view, '前のページ', 'Previous page')}
                </a>
              ) : null}
              <span>{tr(view, `${page} / ${pages}ページ`, `Page ${page} of ${pages}`)}</span>
              {page < pages ? (
                <a href={directoryHref({ ...here, show, page: page + 1 })} rel="next">
                  {tr(view, '次のページ', 'Next page')}
                </a>
              ) : null}
            </nav>
          ) : null}
          <p class="muted">
            <a href={directoryGeoJsonHref(here)}>
              {tr(view, 'この結果をGeoJSON（地図データ）で取得', 'Get these results as GeoJSON (map data)')}
            </a>
          </p>
        </section>
      )}
    </Layout>
  );
}
