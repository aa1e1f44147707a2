import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../src/demo/seed';
import {
  approveListing,
  editListing,
  findListings,
  postListing,
  readListing,
} from '../../src/modules/properties';
import { seedDemoProperties } from '../../src/modules/properties/demo';
import { properties } from '../../src/modules/properties/schema';
import { noFilter, type PropertyFilter } from '../../src/modules/properties/search';
import type { Actor } from '../../src/platform/audit';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';
import { vacantShop } from './property-fixtures';

describe.each(testDatabaseKinds())('vacant property listings (%s)', (kind) => {
  let t: TestInstance;
  let shotenkai: Actor;
  let bista: Actor;
  let admin: Actor;
  let resident: Actor;
  const plan = () => t.plans.defaultPlan;
  const find = (filter: Partial<PropertyFilter> = {}) =>
    findListings(t.database.db, plan().municipalityCode, { ...noFilter, ...filter }).then((rows) =>
      rows.map((r) => r.title),
    );
  const listingCount = async () => (await t.database.db.select({ n: count() }).from(properties))[0]?.n ?? 0;
  const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;

  beforeAll(async () => {
    t = await startInstance(kind);
    shotenkai = await actorOf(t, 'shotenkai');
    bista = await actorOf(t, 'bista');
    admin = await actorOf(t, 'admin');
    resident = await actorOf(t, 'resident');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('keeps a new listing off the public list until staff approve it, then lists it', async () => {
    const { listing } = await postListing(
      t.database.db,
      shotenkai,
      plan(),
      vacantShop({ title: '承認待ちの店舗（架空）' }),
    );
    expect(listing.approval).toBe('pending');
    expect(listing.priceYen).toBe(85000);
    expect(listing.floorAreaM2).toBe(42.5);
    expect(listing.uses).toEqual(['飲食可', '物販向き']);
    expect(await find()).not.toContain('承認待ちの店舗（架空）');
    await expect(readListing(t.database.db, undefined, plan().municipalityCode, listing.id)).rejects.toThrow(
      /not_found/,
    );
    await expect(readListing(t.database.db, resident, plan().municipalityCode, listing.id)).rejects.toThrow(
      /not_found/,
    );
    expect((await readListing(t.database.db, bista, plan().municipalityCode, listing.id)).withPrivate).toBe(
      true,
    );
    expect(await approveListing(t.database.db, bista, listing.id)).toBe('approved');
    expect(await approveListing(t.database.db, bista, listing.id)).toBe('already');
    expect(await find()).toContain('承認待ちの店舗（架空）');
    const forResident = await readListing(t.database.db, resident, plan().municipalityCode, listing.id);
    expect(forResident.withPrivate).toBe(false);
  });

  it('shows the demo’s fictional properties on the map data, seeded once', async () => {
    const geo = (await (await new TestClient(t.app).get('/api/v1/properties')).json()) as {
      features: { properties: { title: string; kind: { code: string } } }[];
    };
    const demo = geo.features.filter((f) => f.properties.title.endsWith('（架空）'));
    expect(new Set(demo.map((f) => f.properties.kind.code))).toEqual(
      new Set(['shop', 'house', 'office', 'factory']),
    );
    expect(await seedDemoProperties(t.database.db, plan(), demoEmail)).toBe(0);
    expect(await find({ kind: 'land' })).not.toContain('武蔵増戸駅近く 店舗向きの土地（架空）');
  });

  it('lists the same form sent twice once', async () => {
    const form = vacantShop({ title: '二度送信の店舗（架空）' });
    const before = await listingCount();
    const first = await postListing(t.database.db, shotenkai, plan(), form);
    const second = await postListing(t.database.db, shotenkai, plan(), form);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.listing.id).toBe(first.listing.id);
    expect(await listingCount()).toBe(before + 1);
  });

  it('refuses a position outside the city, a negative area and rent as text, all at once, and writes nothing', async () => {
    const before = [await listingCount(), await auditCount()];
    const error = await refusal(
      postListing(
        t.database.db,
        shotenkai,
        plan(),
        vacantShop({ latitude: '35.6812', longitude: '139.7671', floorAreaM2: '-20', priceYen: '月5万円' }),
      ),
    );
    expect(error.status).toBe(422);
    const messages = error.details.map((d) => d.message.ja);
    expect(messages.some((m) => m.startsWith('経度: あきる野市の中の位置にしてください'))).toBe(true);
    expect(messages).toContain('面積（㎡）: 面積は0より大きい数にしてください。');
    expect(messages.some((m) => m.includes('円単位の整数'))).toBe(true);
    expect(error.details.find((d) => d.field === 'priceYen')?.message.en).toContain('Give whole yen');
    expect([await listingCount(), await auditCount()]).toEqual(before);
  });

  it('lets the poster change a listing, audited field by field without the owner’s contact, and nobody else', async () => {
    const { listing } = await postListing(
      t.database.db,
      shotenkai,
      plan(),
      vacantShop({ title: '変更する店舗（架空）' }),
    );
    const changed = vacantShop({
      title: '変更した店舗（架空）',
      priceYen: '80000',
      ownerContact: '042-555-0200',
    });
    expect(await editListing(t.database.db, shotenkai, plan(), listing.id, changed)).toBe('updated');
    expect(await editListing(t.database.db, shotenkai, plan(), listing.id, changed)).toBe('unchanged');
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'property.update'))
      .orderBy(auditLog.id);
    expect(entry?.entityKey).toBe(String(listing.id));
    expect(entry?.after).toMatchObject({
      title: '変更した店舗（架空）',
      priceYen: 80000,
      ownerContact: '（非公開）',
    });
    expect(JSON.stringify(entry)).not.toContain('042-555-0200');
    const other = await refusal(editListing(t.database.db, bista, plan(), listing.id, changed));
    expect(other.status).toBe(404);
    // an admin keeps every listing of the city
    expect(
      await editListing(t.database.db, admin, plan(), listing.id, {
        ...changed,
        title: '市が直した店舗（架空）',
      }),
    ).toBe('updated');
  });

  it('finds listings by kind, area, size, rent range and use', async () => {
    const db = t.database.db;
    const post = async (fields: Record<string, string>) => {
      const { listing } = await postListing(db, shotenkai, plan(), vacantShop(fields));
      await approveListing(db, admin, listing.id);
    };
    await post({
      title: '検索A 五日市の空き家（架空）',
      kind: 'house',
      area: 'itsukaichi',
      floorAreaM2: '120',
      priceYen: '60000',
      uses: '住居併用',
    });
    await post({
      title: '検索B 秋川の小さな店舗（架空）',
      kind: 'shop',
      area: 'akigawa',
      floorAreaM2: '25',
      priceYen: '70000',
      uses: '飲食可',
    });
    await post({
      title: '検索C 引田の工場（架空）',
      kind: 'factory',
      area: 'musashi-hikida',
      floorAreaM2: '800',
      deal: 'sale',
      priceYen: '48000000',
      uses: '',
    });
    const ours = (titles: string[]) => titles.filter((x) => x.startsWith('検索'));
    expect(ours(await find({ kind: 'house' }))).toEqual(['検索A 五日市の空き家（架空）']);
    expect(ours(await find({ area: 'akigawa' }))).toEqual(['検索B 秋川の小さな店舗（架空）']);
    expect(ours(await find({ minArea: 100 })).sort()).toEqual([
      '検索A 五日市の空き家（架空）',
      '検索C 引田の工場（架空）',
    ]);
    expect(ours(await find({ maxArea: 30 }))).toEqual(['検索B 秋川の小さな店舗（架空）']);
    expect(ours(await find({ minYen: 65000, maxYen: 100000 }))).toEqual(['検索B 秋川の小さな店舗（架空）']);
    expect(ours(await find({ deal: 'sale' }))).toEqual(['検索C 引田の工場（架空）']);
    expect(ours(await find({ use: '住居併用' }))).toEqual(['検索A 五日市の空き家（架空）']);
  });

  it('serves the list, the page and GeoJSON without the owner’s name or contact', async () => {
    const { listing } = await postListing(
      t.database.db,
      shotenkai,
      plan(),
      vacantShop({
        title: 'HTTPの店舗（架空）',
        ownerName: '秘密 太郎（架空）',
        ownerContact: 'owner-secret@example.jp',
      }),
    );
    await approveListing(t.database.db, admin, listing.id);
    const visitor = new TestClient(t.app);
    for (const path of [
      '/properties?kind=shop',
      `/properties/${listing.id}`,
      '/api/v1/properties?kind=shop',
      '/properties?lang=en',
    ]) {
      const response = await visitor.get(path);
      const body = await response.text();
      expect(response.status, path).toBe(200);
      expect(body).toContain('HTTPの店舗（架空）');
      expect(body).not.toContain('秘密 太郎');
      expect(body).not.toContain('owner-secret@example.jp');
    }
    type Geo = {
      features: { id: number; geometry: unknown; properties: { kind: { name: string }; priceYen: number } }[];
    };
    const geo = (await (await visitor.get('/api/v1/properties?area=akigawa&use=飲食可')).json()) as Geo;
    const feature = geo.features.find((f) => f.id === listing.id);
    expect(feature?.geometry).toEqual({ type: 'Point', coordinates: [139.285, 35.729] });
    expect(feature?.properties.kind.name).toBe('空き店舗');
    expect(feature?.properties.priceYen).toBe(85000);
    const poster = await new TestClient(t.app).logInAs('shotenkai');
    const own = await (await poster.get(`/properties/${listing.id}`)).text();
    expect(own).toContain('owner-secret@example.jp');
  });

  it('puts a map of the same listings beside the list, reading the GeoJSON of the same filters', async () => {
    const html = await (await new TestClient(t.app).get('/properties?kind=shop&area=akigawa')).text();
    expect(html).toContain('data-features="/api/v1/properties?kind=shop&amp;area=akigawa"');
    expect(html).toContain('href="#property-list"');
    const empty = await (await new TestClient(t.app).get('/properties?minArea=999999')).text();
    expect(empty).not.toContain('data-map');
  });

  it('answers a bad search with a bilingual 400 and a rent range turned around', async () => {
    const visitor = new TestClient(t.app);
    const text = await visitor.get('/properties?minYen=五万');
    expect(text.status).toBe(400);
    expect(await text.text()).toContain('金額は円単位の整数で入力してください');
    const api = await visitor.get('/api/v1/properties?minYen=90000&maxYen=10000&lang=en');
    expect(api.status).toBe(400);
    expect(JSON.stringify(await api.json())).toContain('upper bound');
  });

  it('refuses the form over HTTP with every problem, keeps what was typed, and writes nothing', async () => {
    const poster = await new TestClient(t.app).logInAs('shotenkai');
    const before = await listingCount();
    const response = await poster.postForm(
      '/properties',
      vacantShop({ title: '入力ミスの店舗（架空）', floorAreaM2: '0', priceYen: 'abc' }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('面積は0より大きい数にしてください');
    expect(html).toContain('value="入力ミスの店舗（架空）"');
    expect(html).toMatch(/id="priceYen"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="priceYen"/);
    expect(await listingCount()).toBe(before);
  });
});
