import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { startInstance } from './helpers';

const tileUrl = 'https://{s}.tiles.example.org/{z}/{x}/{y}.png';

describe.each(testDatabaseKinds())('the directory on a map (%s)', (kind) => {
  let t: TestInstance;
  let visitor: TestClient;

  beforeAll(async () => {
    t = await startInstance(kind, { mapTileUrl: tileUrl, mapTileAttribution: '&copy; Example tiles' });
    visitor = new TestClient(t.app);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('shows the map of the same filters as the list, fed by GET /api/v1/businesses', async () => {
    const response = await visitor.get(`/businesses?show=map&q=${encodeURIComponent('和菓子')}&area=akigawa`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const features = /data-features="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(features).toBe(`/api/v1/businesses?q=${encodeURIComponent('和菓子')}&area=akigawa`);
    expect(html).toContain(`data-tile-url="${tileUrl}"`);
    expect(html).toContain('data-bounds="35.68,139.12,35.79,139.34"');
    expect(html).toContain('href="#results-list"');
    expect(html).toContain('id="results-list"');
    // the list is there too, the primary view, with the same businesses the map will show
    const listed = [...html.matchAll(/data-business="(\d+)"/g)].map((m) => Number(m[1]));
    const geo = (await (await visitor.get(features ?? '')).json()) as { features: { id: number }[] };
    expect(listed.length).toBeGreaterThan(0);
    expect(geo.features.map((f) => f.id).sort()).toEqual([...listed].sort());
  });

  it('keeps the map through the search form, switches with the same filters, and shows the list alone by default', async () => {
    const map = await (await visitor.get('/businesses?show=map&tag=試作')).text();
    expect(map).toContain('<input type="hidden" name="show" value="map"/>');
    expect(map).toContain(`href="/businesses?tag=${encodeURIComponent('試作')}">一覧</a>`);
    const list = await (await visitor.get('/businesses')).text();
    expect(list).not.toContain('data-map');
    expect(list).toContain('href="/businesses?show=map">地図と一覧');
  });

  it('lets the pages load images from the tile server and nowhere else', async () => {
    const csp = (await visitor.get('/businesses')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self' data: https://*.tiles.example.org;");
    expect(csp).toContain("script-src 'self'");
  });

  it("serves Leaflet, its stylesheet with the markers' style, and the map script from the app", async () => {
    const leaflet = await visitor.get('/static/leaflet.js');
    expect(leaflet.headers.get('content-type')).toContain('text/javascript');
    expect(await leaflet.text()).toContain('Leaflet');
    const css = await (await visitor.get('/static/map.css')).text();
    expect(css).toContain('.leaflet-container');
    expect(css).toContain('.map-marker');
    expect(await (await visitor.get('/static/map.js')).text()).toContain('data-map');
  });
});
