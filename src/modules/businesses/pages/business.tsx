import { localise } from '../../../platform/i18n';
import type { PhotoView } from '../../../platform/photos/table';
import { FactList } from '../../../platform/ui/fact-list';
import { Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { PhotoGallery } from '../../../platform/ui/photos';
import { industryName } from '../industries';
import type { BusinessRow } from '../schema';
import { type Area, areaName, JsonLd, type Organisation, organisationName, statusNames } from './components';

/** A business's public page: what it does and makes, where it is, and its structured data. */
export function BusinessPage(props: {
  view: PageView;
  business: BusinessRow;
  areas: readonly Area[];
  organisations: readonly Organisation[];
  structuredData: unknown;
  notice?: string | undefined;
  /** the viewer keeps this business: a link to change it */
  isOwner: boolean;
  /** the viewer approves profiles: the approve button on a pending one */
  isReviewer: boolean;
  photos: PhotoView[];
}) {
  const { view, business: b } = props;
  const rows: [string, string, string | null][] = [
    ['industry', tr(view, '業種', 'Industry'), industryName(view.lang, b.industryMajor, b.industryMiddle)],
    ['address', tr(view, '所在地', 'Address'), b.address],
    ['area', tr(view, '地区', 'Area'), b.area ? areaName(view.lang, b.area, props.areas) : null],
    ['corporateNumber', tr(view, '法人番号', 'Corporate number'), b.corporateNumber],
    [
      'employees',
      tr(view, '従業員数', 'Employees'),
      b.employees === null ? null : tr(view, `${b.employees}人`, String(b.employees)),
    ],
    [
      'foundedYear',
      tr(view, '創業年', 'Year founded'),
      b.foundedYear === null ? null : tr(view, `${b.foundedYear}年`, String(b.foundedYear)),
    ],
    [
      'memberships',
      tr(view, '所属団体', 'Memberships'),
      b.memberships.length > 0
        ? b.memberships.map((m) => organisationName(view.lang, m, props.organisations)).join('、')
        : null,
    ],
  ];
  return (
    <Layout view={view} title={b.name}>
      <JsonLd data={props.structuredData} />
      <p class="muted">
        <a href="/businesses">{tr(view, '← 事業者をさがす', '← Find a business')}</a>
      </p>
      <h1>{b.name}</h1>
      <p class="muted" lang="ja">
        {b.kana}
      </p>
      <Notice message={props.notice} />
      {b.status !== 'approved' ? (
        <p class="status status-none" data-status={b.status}>
          {localise(view.lang, statusNames[b.status])}
          {tr(view, '（まだ公開されていません）', ' (not public yet)')}
        </p>
      ) : null}
      {props.isOwner ? (
        <p class="actions">
          <a class="button" href="/businesses/mine">
            {tr(view, '事業者情報を変更する', 'Change the profile')}
          </a>
        </p>
      ) : null}
      {props.isReviewer && b.status === 'pending' ? (
        <form method="post" action={`/businesses/${b.id}/approve`} class="actions">
          <input type="hidden" name="_csrf" value={view.csrfToken} />
          <button type="submit">{tr(view, '承認して公開する', 'Approve and publish')}</button>
        </form>
      ) : null}
      <PhotoGallery view={view} base={`/businesses/${b.id}`} subject={b.name} photos={props.photos} />
      {b.description ? <p class="description">{b.description}</p> : null}
      {b.tags.length > 0 ? (
        <section aria-labelledby="tags-heading">
          <h2 id="tags-heading">{tr(view, 'できること', 'What it can do')}</h2>
          <ul class="tags" data-field="tags">
            {b.tags.map((t) => (
              <li>
                <a class="badge" href={`/businesses?tag=${encodeURIComponent(t)}`}>
                  {t}
                </a>
              </li>
            ))}
          </ul>
          {b.capabilities ? <p data-field="capabilities">{b.capabilities}</p> : null}
        </section>
      ) : null}
      {b.products ? (
        <section aria-labelledby="products-heading">
          <h2 id="products-heading">{tr(view, '製品・サービス', 'Products and services')}</h2>
          <p data-field="products">{b.products}</p>
        </section>
      ) : null}
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{tr(view, '基本情報', 'Facts')}</h2>
        <FactList rows={rows} />
        {b.website || b.sns.length > 0 ? (
          <ul data-field="links">
            {[b.website, ...b.sns].filter(Boolean).map((url) => (
              <li>
                <a href={url} rel="noopener nofollow">
                  {url}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </Layout>
  );
}
