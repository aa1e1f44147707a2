import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveListing, postListing } from '../../src/modules/properties';
import { type PropertyRow, properties } from '../../src/modules/properties/schema';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import {
  type CsvEncoding,
  confirmUpload,
  downloadCsv,
  editedCsv,
  listedProblems,
  previewUpload,
  savedAs,
  uploadCsv,
} from './csv-round-trip';
import { actorOf, startInstance } from './helpers';
import { vacantShop } from './property-fixtures';

/**
 * A poster's vacant properties go out as CSV and come back (decision 038): a 商店会 changes rents,
 * dates and contacts in Excel; exactly the edited listings change, through editListing.
 */
const base = '/properties/mine';

describe.each(testDatabaseKinds())('the listings as CSV that come back (%s)', (kind) => {
  let t: TestInstance;
  let association: TestClient;
  const ids: Record<string, number> = {};

  const listingData = async () => {
    const db = t.database.db;
    const [rows, [audit]] = await Promise.all([
      db.select().from(properties).orderBy(asc(properties.id)),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { rows, audit: audit?.n ?? 0 };
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    const plan = t.plans.defaultPlan;
    const poster = await actorOf(t, 'shotenkai');
    const post = async (name: string, overrides: Record<string, string>, actor = poster) => {
      const { listing } = await postListing(t.database.db, actor, plan, vacantShop(overrides));
      ids[name] = listing.id;
    };
    await post('shop', { title: '秋川駅北口 1階の空き店舗（架空）' });
    await post('house', {
      title: '五日市の古民家（架空）',
      kind: 'house',
      deal: 'sale',
      priceYen: '12000000',
      area: 'itsukaichi',
      uses: '',
      availableFrom: '',
    });
    await post('office', { title: '駅前の事務所（架空）', kind: 'office', floorAreaM2: '25' });
    await approveListing(t.database.db, await actorOf(t, 'bista'), ids.shop as number);
    // another poster's listing: not in the 商店会's file, not theirs to change
    await post('others', { title: '市が掲載した工場（架空）', kind: 'factory' }, await actorOf(t, 'admin'));
    association = await new TestClient(t.app).logInAs('shotenkai');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('exports the poster’s own listings with their ids, owner’s contact and status', async () => {
    const { header, rows } = await downloadCsv(association, `${base}.csv`);
    expect(header).toEqual([
      'ID',
      '物件名',
      '物件の種類',
      '賃貸・売買',
      '賃料（月額）・価格（円）',
      '面積（㎡）',
      '所在地',
      '地区',
      '緯度',
      '経度',
      '使い方（タグ）',
      '物件の状態',
      '紹介文',
      '入居可能日',
      '問い合わせ後の流れ',
      '所有者名（非公開）',
      '所有者の連絡先（非公開）',
      '掲載',
      '募集状況',
    ]);
    // the demo's listings of the 商店会 too, never another poster's
    const listed = rows.map((r) => r[0]);
    expect(listed).toEqual(expect.arrayContaining([ids.shop, ids.house, ids.office].map(String)));
    expect(listed).not.toContain(String(ids.others));
    expect(rows.find((r) => r[0] === String(ids.shop))).toEqual([
      String(ids.shop),
      '秋川駅北口 1階の空き店舗（架空）',
      '空き店舗',
      '賃貸',
      '85000',
      '42.5',
      'あきる野市秋川0-0-10（架空）',
      '秋川駅周辺',
      '35.729',
      '139.285',
      '飲食可、物販向き',
      '居抜き（厨房設備あり）',
      '駅から徒歩3分。',
      '2027-04-01',
      '商店会事務局が内見の日程を調整します',
      '所有者 試験（架空）',
      '042-555-0199',
      '公開中',
      '募集中',
    ]);
  });

  const edits: Record<CsvEncoding, Record<string, Record<string, string>>> = {
    // as Excel writes them: thousands separators and slashed dates
    'utf-8': { shop: { '賃料（月額）・価格（円）': '90,000' }, house: { 入居可能日: '2027/5/1' } },
    shift_jis: {
      shop: { '所有者の連絡先（非公開）': '042-555-0200' },
      office: { '使い方（タグ）': '事務所、教室' },
    },
  };
  const expected: Record<CsvEncoding, Record<string, Partial<PropertyRow>>> = {
    'utf-8': { shop: { priceYen: 90000 }, house: { availableFrom: '2027-05-01' } },
    shift_jis: { shop: { ownerContact: '042-555-0200' }, office: { uses: ['事務所', '教室'] } },
  };

  it.for<CsvEncoding>(['utf-8', 'shift_jis'])(
    'changes exactly the two listings edited in a file saved as %s, after a preview of those cells',
    async (encoding) => {
      const exported = await downloadCsv(association, `${base}.csv`, encoding);
      const before = await listingData();
      const byId = (id: number) => before.rows.find((r) => r.id === id) as PropertyRow;
      const file = editedCsv(
        exported,
        Object.fromEntries(Object.entries(edits[encoding]).map(([name, edit]) => [String(ids[name]), edit])),
      );
      const preview = await previewUpload(association, base, savedAs(file, encoding));
      expect(preview.changes.map((c) => [c.id, c.column])).toEqual(
        Object.entries(edits[encoding])
          .map(([name, edit]) => [String(ids[name]), Object.keys(edit)[0]] as const)
          .sort(
            (a, b) =>
              exported.rows.findIndex((r) => r[0] === a[0]) - exported.rows.findIndex((r) => r[0] === b[0]),
          ),
      );
      expect(preview.html).toContain(`変更 2行（2項目）・新規 0行・変更なし ${exported.rows.length - 2}行`);
      expect(await listingData()).toEqual(before);

      expect((await confirmUpload(association, preview.location)).status).toBe(303);
      const after = await listingData();
      const edited = new Map(Object.entries(expected[encoding]).map(([name, change]) => [ids[name], change]));
      for (const row of before.rows) {
        const now = after.rows.find((r) => r.id === row.id) as PropertyRow;
        const change = edited.get(row.id);
        if (!change) {
          expect(now).toEqual(row);
          continue;
        }
        // editListing counts a change as the poster's word that the listing is current
        const { updatedAt: _u, confirmedAt: _c, ...rest } = now;
        const { updatedAt: _bu, confirmedAt: _bc, ...was } = byId(row.id);
        expect(rest).toEqual({ ...was, ...change });
      }
      expect(after.audit).toBe(before.audit + 2);
    },
  );

  it('names the line of a price typed as text and of a position outside the city, and writes nothing', async () => {
    const exported = await downloadCsv(association, `${base}.csv`);
    const lineOf = (id: number) => 2 + exported.rows.findIndex((r) => r[0] === String(id));
    const before = await listingData();
    const file = editedCsv(exported, {
      [String(ids.shop)]: { '賃料（月額）・価格（円）': '月5万円' },
      [String(ids.office)]: { 経度: '139.7671' },
    });
    const response = await uploadCsv(association, base, savedAs(file, 'utf-8'));
    expect(response.status).toBe(422);
    const problems = listedProblems(await response.text());
    expect(problems).toEqual(
      [
        [lineOf(ids.shop as number), '賃料（月額）・価格（円）: 「月5万円」は使えません'],
        [lineOf(ids.office as number), '経度: あきる野市の中の位置にしてください'],
      ]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([line, text]) => expect.stringContaining(`${line}行目: ${text}`)),
    );
    expect(await listingData()).toEqual(before);
  });

  it('adds a row without an id as a listing that waits for approval, once', async () => {
    const exported = await downloadCsv(association, `${base}.csv`);
    const shop = exported.rows.find((r) => r[0] === String(ids.shop)) as string[];
    const copy = Object.fromEntries(exported.header.map((h, i) => [h, shop[i] ?? '']));
    const file = editedCsv(exported, {}, [
      { ...copy, ID: '', 物件名: '秋川駅南口 2階の事務所（架空）', 掲載: '', 募集状況: '' },
    ]);
    const preview = await previewUpload(association, base, savedAs(file, 'utf-8'));
    expect(preview.added).toEqual([exported.rows.length + 2]);
    expect((await confirmUpload(association, preview.location)).status).toBe(303);
    expect((await confirmUpload(association, preview.location)).status).toBe(303);
    const added = await t.database.db
      .select()
      .from(properties)
      .where(eq(properties.title, '秋川駅南口 2階の事務所（架空）'));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ approval: 'pending', priceYen: 90000, stage: 'open' });
  });

  it('refuses the id of a listing someone else posted', async () => {
    const exported = await downloadCsv(association, `${base}.csv`);
    const shop = exported.rows.find((r) => r[0] === String(ids.shop)) as string[];
    const stolen = editedCsv({ header: exported.header, rows: [[String(ids.others), ...shop.slice(1)]] }, {});
    const response = await uploadCsv(association, base, savedAs(stolen, 'utf-8'));
    expect(response.status).toBe(422);
    expect(listedProblems(await response.text())).toEqual([
      expect.stringContaining(`2行目: ID「${ids.others}」の行は、この一覧にありません`),
    ]);
  });

  it('is for posters only', async () => {
    for (const who of ['resident', 'business', 'student'] as const) {
      const client = await new TestClient(t.app).logInAs(who);
      expect((await client.get(`${base}.csv`)).status).toBe(403);
    }
    expect((await new TestClient(t.app).get(`${base}.csv`)).status).toBe(401);
  });
});
