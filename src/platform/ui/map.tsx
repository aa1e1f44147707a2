import { Hono } from 'hono';
import type { Config } from '../../config';
import type { AppEnv } from '../http';
import type { PageView } from './layout';
import { tr } from './layout';
import { appFile, packageFile, serveStaticText } from './static-assets';

// The shared map (decision 025): Leaflet, served by the app, over the tile server of the settings
// (MAP_TILE_URL), with markers from a GeoJSON URL of our own API. The list of the same things stays
// the primary view; the map adds where they are. Without tiles (no internet, a blocked server) the
// markers still show and open their links; without script the page says to use the list.

export const leafletScriptPath = '/static/leaflet.js';
export const mapScriptPath = '/static/map.js';
export const mapStylesheetPath = '/static/map.css';

/** The background tiles of every map: a URL template with {z}/{x}/{y} and the credit it requires. */
export interface MapTiles {
  url: string;
  /** HTML, from the settings: the tile server's terms ask for it to be shown on the map */
  attribution: string;
}

/** A box in degrees, e.g. a plan file's `bounds` around the city. */
export interface MapBounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export const mapTilesOf = (config: Pick<Config, 'mapTileUrl' | 'mapTileAttribution'>): MapTiles => ({
  url: config.mapTileUrl,
  attribution: config.mapTileAttribution,
});

/**
 * What the pages' Content-Security-Policy must allow as images for the tiles to load: the tile
 * server's origin, its {s} sub-domains as a wildcard. Nothing for tiles served by this site.
 */
export function mapImageSources(tiles: Pick<MapTiles, 'url'>): string[] {
  const origin = /^(https?:\/\/)([^/]+)/.exec(tiles.url);
  if (!origin) return [];
  const [, scheme, host = ''] = origin;
  if (!host.includes('{')) return [`${scheme}${host}`];
  // a wildcard is allowed only as the first label (https://*.tile.example.org)
  const wildcard = host.replace(/^\{[a-z]+\}\./, '*.');
  return wildcard.includes('{') ? [scheme?.replace('//', '') ?? 'https:'] : [`${scheme}${wildcard}`];
}

/** Leaflet's script and stylesheet (with the markers' style) and the map's own script. */
export function mapAssetRoutes() {
  const app = new Hono<AppEnv>();
  serveStaticText(app, leafletScriptPath, 'js', packageFile('leaflet/dist/leaflet.js'));
  serveStaticText(app, mapScriptPath, 'js', appFile(new URL('./leaflet-map.js', import.meta.url)));
  const leafletCss = packageFile('leaflet/dist/leaflet.css');
  const ownCss = appFile(new URL('./map.css', import.meta.url));
  serveStaticText(app, mapStylesheetPath, 'css', () => `${leafletCss()}\n${ownCss()}`);
  return app;
}

/**
 * A map of the points of a GeoJSON FeatureCollection (`features`, a URL of our API returning
 * `application/geo+json`). Each Point feature becomes a marker a keyboard reaches, named by
 * `properties.name`, whose popup links `properties.url` and shows `properties.address` and
 * `properties.detail` (a second line, such as a shop's state now) when given, and writes
 * `properties.label` (a short figure, such as a count by area) on the marker itself;
 * features without geometry are counted as not on the map. `listId` names the list of the same
 * things on the page: a link before the map skips to it. One map per page.
 */
export function FeatureMap(props: {
  view: PageView;
  tiles: MapTiles;
  features: string;
  /** what the map shows, for screen readers, e.g. 「事業者の地図」 */
  label: string;
  /** the first view before the markers are known, and when there are none */
  bounds?: MapBounds | undefined;
  listId?: string;
}) {
  const { view, bounds } = props;
  return (
    <figure
      class="map"
      data-map
      data-features={props.features}
      data-tile-url={props.tiles.url}
      data-tile-attribution={props.tiles.attribution}
      data-bounds={bounds ? [bounds.south, bounds.west, bounds.north, bounds.east].join(',') : undefined}
    >
      <link rel="stylesheet" href={mapStylesheetPath} />
      {props.listId ? (
        <p class="map-skip">
          <a href={`#${props.listId}`}>{tr(view, '地図をとばして一覧へ', 'Skip the map to the list')}</a>
        </p>
      ) : null}
      <section class="map-canvas" data-map-canvas aria-label={props.label} hidden />
      <figcaption>
        <span data-map-status role="status">
          {tr(
            view,
            '地図の表示にはJavaScriptが必要です。一覧から同じ内容を選べます。',
            'The map needs JavaScript. The list shows the same.',
          )}
        </span>
      </figcaption>
      <script src={leafletScriptPath} defer />
      <script src={mapScriptPath} defer />
    </figure>
  );
}
