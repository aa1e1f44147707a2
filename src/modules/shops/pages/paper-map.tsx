import { raw } from 'hono/html';
import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import { formatNumber, localise } from '../../../platform/i18n';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import { PrintButton } from '../../../platform/ui/print';
import { hoursSummary } from '../hours-summary';
import type { EditionEntry } from '../map-editions';
import { categoryColours } from '../paper-map-svg';
import { type MapEditionRow, shopCategories } from '../schema';
import { openingHoursOf } from '../shop-input';
import type { PlanArea } from '../shop-service';
import { categoryNames } from '../words';
import { areaName } from './components';

export const paperMapStylesheetPath = '/static/paper-map.css';

/**
 * The paper map ready to print (A4 portrait or A3 landscape): title, year and area, the map of
 * numbered shops, the legend by number with each shop's hours, address, short text and a QR code
 * of its page in Tsunagu, and the 発行 line. Only public fields, as on the shop pages.
 */
export function PaperMapPage(props: {
  view: PageView;
  edition: MapEditionRow;
  entries: EditionEntry[];
  mapSvg: string;
  qrCodes: Map<number, string>;
  pageUrl: (businessId: number) => string;
  areas: readonly PlanArea[];
}) {
  const { view, edition } = props;
  const area = edition.area
    ? areaName(view.lang, edition.area, props.areas)
    : tr(view, '市内全域', 'The whole city');
  return (
    <Layout view={view} title={edition.title} wide>
      <link rel="stylesheet" href={paperMapStylesheetPath} />
      <article
        class={`paper-map paper-${edition.paper.toLowerCase()}`}
        aria-labelledby="paper-map-title"
        data-paper={edition.paper}
      >
        <div class="paper-map-tools no-print">
          <p class="actions">
            <PrintButton view={view} />
            <a class="button button-secondary" href={`/shops/editions/${edition.id}`}>
              {tr(view, '版の内容に戻る', 'Back to the edition')}
            </a>
          </p>
          <p class="hint">
            {edition.paper === 'A3'
              ? tr(
                  view,
                  'ブラウザの印刷機能で、A3横向きに印刷してください。',
                  "Print with the browser's print command on A3 landscape.",
                )
              : tr(
                  view,
                  'ブラウザの印刷機能で、A4縦向きに印刷してください。',
                  "Print with the browser's print command on A4 portrait.",
                )}
          </p>
        </div>
        <header class="paper-map-head">
          <p class="paper-map-year">
            {formatFiscalYear(view.lang, edition.fiscalYear)}・{area}
          </p>
          <h1 id="paper-map-title">{edition.title}</h1>
          {edition.introduction ? <p class="paper-map-intro">{edition.introduction}</p> : null}
        </header>
        <figure class="paper-map-figure">
          {raw(props.mapSvg)}
          <figcaption>
            <ul class="paper-map-key" data-list="categories">
              {shopCategories.map((c) => (
                <li>
                  <svg class="paper-map-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                    <circle cx="8" cy="8" r="7" fill={categoryColours[c]} />
                  </svg>
                  {localise(view.lang, categoryNames[c])}
                </li>
              ))}
              <li>
                <svg class="paper-map-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                  <rect x="2" y="2" width="12" height="12" fill="#1b1f24" />
                </svg>
                {tr(view, '駅など', 'Stations')}
              </li>
            </ul>
            <p class="paper-map-note">
              {tr(
                view,
                '地図はお店の位置関係を示す略図です。所在地は一覧をご覧ください。',
                'The map is a sketch of where the shops are; their addresses are in the list.',
              )}
            </p>
          </figcaption>
        </figure>
        <ol class="paper-map-legend" data-list="legend">
          {props.entries.map(({ entry, listing }) => (
            <li
              class="paper-map-entry"
              data-number={String(entry.number)}
              data-shop={String(entry.businessId)}
            >
              <span
                class={`paper-map-number paper-map-${listing?.shop.category ?? 'gone'}`}
                aria-hidden="true"
              >
                {entry.number}
              </span>
              <div class="paper-map-entry-text">
                <h2>
                  <span class="visually-hidden">{`${entry.number}. `}</span>
                  {listing?.business.name ?? tr(view, '（掲載を終えたお店）', '(no longer listed)')}
                </h2>
                {listing ? (
                  <>
                    <p class="paper-map-facts">
                      {localise(view.lang, categoryNames[listing.shop.category])}
                      {listing.area ? `・${areaName(view.lang, listing.area, props.areas)}` : ''}
                    </p>
                    <p data-field="hours">{hoursSummary(openingHoursOf(listing.shop), view.lang)}</p>
                    <p data-field="address">{listing.business.address}</p>
                  </>
                ) : null}
                {entry.blurb ? <p data-field="blurb">{entry.blurb}</p> : null}
              </div>
              {listing ? (
                <div class="paper-map-qr">
                  {raw(props.qrCodes.get(entry.businessId) ?? '')}
                  <span class="paper-map-url">{props.pageUrl(entry.businessId)}</span>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        <footer class="paper-map-foot">
          <p>
            {edition.issuedOn && edition.printRun
              ? tr(
                  view,
                  `${formatDate('ja', edition.issuedOn)}発行　${formatNumber('ja', edition.printRun)}部`,
                  `Issued ${formatDate('en', edition.issuedOn)}, ${formatNumber('en', edition.printRun)} copies`,
                )
              : tr(view, '試し刷り（発行部数は未記録）', 'Proof (no print run recorded yet)')}
          </p>
          <p class="paper-map-note">
            {tr(
              view,
              'QRコードから各お店のページ（営業時間・最新の情報）を開けます。',
              "Each QR code opens the shop's page (hours and the latest news).",
            )}
          </p>
        </footer>
      </article>
    </Layout>
  );
}
