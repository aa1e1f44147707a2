import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { mapImageSources, mapTilesOf } from './map';

describe('map tiles', () => {
  it('defaults to OpenStreetMap with its attribution', () => {
    const tiles = mapTilesOf(loadConfig({}));
    expect(tiles.url).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(tiles.attribution).toContain('OpenStreetMap');
    expect(tiles.attribution).toContain('https://www.openstreetmap.org/copyright');
  });

  it('takes the tile server and its credit from MAP_TILE_URL and MAP_TILE_ATTRIBUTION', () => {
    const tiles = mapTilesOf(
      loadConfig({
        MAP_TILE_URL: 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png',
        MAP_TILE_ATTRIBUTION: '<a href="https://maps.gsi.go.jp/development/ichiran.html">国土地理院</a>',
      }),
    );
    expect(tiles.url).toBe('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png');
    expect(tiles.attribution).toContain('国土地理院');
  });

  it('refuses a tile URL without {z}, {x} and {y}, or of another scheme', () => {
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example.org/map.png' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ MAP_TILE_URL: 'javascript:alert(1)//{z}/{x}/{y}' })).toThrow(/MAP_TILE_URL/);
  });

  it("lets the pages' CSP load images from the tile server, its {s} sub-domains as a wildcard", () => {
    expect(mapImageSources({ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' })).toEqual([
      'https://tile.openstreetmap.org',
    ]);
    expect(mapImageSources({ url: 'https://{s}.tile.example.org:8443/{z}/{x}/{y}.png' })).toEqual([
      'https://*.tile.example.org:8443',
    ]);
    expect(mapImageSources({ url: 'https://tiles-{s}.example.org/{z}/{x}/{y}.png' })).toEqual(['https:']);
    expect(mapImageSources({ url: '/tiles/{z}/{x}/{y}.png' })).toEqual([]);
  });
});
