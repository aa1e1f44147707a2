import { formatDateTime } from '../../../platform/fiscal-year';
import { localise } from '../../../platform/i18n';
import type { PhotoView } from '../../../platform/photos/table';
import { FactList } from '../../../platform/ui/fact-list';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import { PhotoGallery } from '../../../platform/ui/photos';
import type { ShopArticle } from '../articles';
import { publicHolidayOn } from '../hours';
import { openingHoursOf } from '../shop-input';
import type { PlanArea, ShopListing } from '../shop-service';
import { dayKindNames } from '../words';
import { HoursTable, ShopBadges, ShopState, shopsStylesheetPath } from './components';

/**
 * A shop's page for residents: its state now and the week's hours (定休日, public holidays), where
 * it is, its photos, its まちゼミ courses still to come, and the students' published articles about it. Only
 * what the directory publishes; the full profile is the business's own page.
 */
export function ShopPage(props: {
  view: PageView;
  listing: ShopListing;
  areas: readonly PlanArea[];
  articles: ShopArticle[];
  /** the photos its business shows on its page (served by the directory) */
  photos: PhotoView[];
  /** the viewer keeps this shop: a link to change it */
  isOwner: boolean;
}) {
  const { view, listing } = props;
  const b = listing.business;
  const holiday = publicHolidayOn(listing.today.date);
  return (
    <Layout view={view} title={b.name}>
      <link rel="stylesheet" href={shopsStylesheetPath} />
      <p class="muted">
        <a href="/shops">{tr(view, '← お店マップ', '← Shop map')}</a>
      </p>
      <h1>{b.name}</h1>
      <p class="muted" lang="ja">
        {b.kana}
      </p>
      <ShopBadges view={view} listing={listing} areas={props.areas} />
      {props.isOwner ? (
        <p class="actions">
          <a class="button" href="/shops/mine">
            {tr(view, 'お店の情報を変更する', 'Change the shop details')}
          </a>
        </p>
      ) : null}
      <PhotoGallery view={view} base={`/businesses/${b.id}`} subject={b.name} photos={props.photos} />
      {b.description ? <p class="description">{b.description}</p> : null}
      <section aria-labelledby="hours-heading">
        <h2 id="hours-heading">{tr(view, '営業時間', 'Opening hours')}</h2>
        <p data-field="state">
          <ShopState view={view} listing={listing} />
        </p>
        <p data-field="today-kind">
          {holiday
            ? tr(view, `本日は祝日（${holiday.ja}）です。`, `Today is a public holiday (${holiday.en}). `)
            : null}
          {listing.today.kind !== 'open' ? localise(view.lang, dayKindNames[listing.today.kind]) : null}
        </p>
        <HoursTable view={view} hours={openingHoursOf(listing.shop)} today={listing.today.date} />
        {listing.shop.hoursNote ? <p data-field="hours-note">{listing.shop.hoursNote}</p> : null}
      </section>
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{tr(view, 'お店の情報', 'About the shop')}</h2>
        <FactList
          rows={[
            ['address', tr(view, '所在地', 'Address'), b.address],
            ['products', tr(view, '商品・サービス', 'Products and services'), b.products || null],
          ]}
        />
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
        <p>
          <a href={`/businesses/${b.id}`}>
            {tr(view, '事業者としての詳しい情報', 'The business’s full profile')}
          </a>
        </p>
      </section>
      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">{tr(view, 'これからのまちゼミ・イベント', 'Courses and events to come')}</h2>
        {listing.courses.length === 0 ? (
          <p data-empty="courses">
            {tr(view, '予定されている講座やイベントはありません。', 'No course or event is planned.')}
          </p>
        ) : (
          <ul data-list="courses">
            {listing.courses.map((c) => (
              <li>
                <a href={`/events/${c.eventId}`}>{c.title}</a>
                <span class="muted">
                  {' '}
                  {formatDateTime(view.lang, c.startsAt)}・{c.campaignTitle}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="articles-heading" data-slot="articles">
        <h2 id="articles-heading">{tr(view, '学生が書いた記事', 'Articles by students')}</h2>
        {props.articles.length === 0 ? (
          <p data-empty="articles">
            {tr(
              view,
              'このお店の記事はまだ公開されていません。',
              'No article about this shop is published yet.',
            )}
          </p>
        ) : (
          <ul data-list="articles">
            {props.articles.map((a) => (
              <li>
                <a href={a.url}>{a.title}</a> <span class="muted">{a.publishedOn}</span>
                {a.summary ? <p>{a.summary}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
