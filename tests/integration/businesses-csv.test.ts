import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUnclaimedBusiness, saveOwnProfile } from '../../src/modules/businesses';
import { type BusinessRow, businesses } from '../../src/modules/businesses/schema';
import { createAccount } from '../../src/platform/auth/accounts';
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

/**
 * The staff's business directory goes out as CSV and comes back (decision 038): the 商工会 publishes
 * a pending profile and keeps the profiles nobody else keeps in Excel; exactly the edited rows change.
 */
const base = '/businesses/review/directory';
const privatePhone = '042-999-0042';

const profile = (name: string, overrides: Record<string, string> = {}) => ({
  legalForm: 'sole',
  name,
  kana: 'てすと',
  industryMajor: 'E',
  industryMiddle: '09',
  address: 'あきる野市二宮0-0-42（架空）',
  area: 'akigawa',
  latitude: '35.73',
  longitude: '139.29',
  employees: '4',
  tags: '和菓子、贈答',
  ...overrides,
});

describe.each(testDatabaseKinds())('the business directory as CSV that comes back (%s)', (kind) => {
  let t: TestInstance;
  let staff: TestClient;
  const ids: Record<string, number> = {};

  const directoryData = async () => {
    const db = t.database.db;
    const [rows, [audit]] = await Promise.all([
      db.select().from(businesses).orderBy(asc(businesses.id)),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { rows, audit: audit?.n ?? 0 };
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    const plan = t.plans.defaultPlan;
    const admin = await actorOf(t, 'admin');
    const register = async (name: string, key: string, overrides: Record<string, string> = {}) => {
      ids[key] = (await registerUnclaimedBusiness(t.database.db, admin, plan, profile(name, overrides))).id;
    };
    await register('菓子工房 あきる（架空）', 'sweets');
    await register('五日市 木工所（架空）', 'wood', {
      industryMiddle: '12',
      kana: 'いつかいち もっこうしょ',
      area: 'itsukaichi',
      tags: '家具、木工',
    });
    // a profile its business keeps, awaiting approval, with a private phone the staff never read
    const account = await createAccount(t.database.db, {
      municipalityCode: plan.municipalityCode,
      email: 'csv-business@example.test',
      displayName: 'CSVの事業者（架空）',
      role: 'business',
      password: 'csv-business-2026',
    });
    const { business } = await saveOwnProfile(
      t.database.db,
      {
        accountId: account.id,
        name: account.displayName,
        municipalityCode: plan.municipalityCode,
        role: 'business',
        organisation: null,
      },
      plan,
      profile('秋川 パン工房（架空）', { contactPhone: privatePhone, contactName: '担当 試験（架空）' }),
    );
    ids.kept = business.id;
    staff = await new TestClient(t.app).logInAs('shokokai');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('exports every business’s public profile with its id, never the private fields', async () => {
    const { text, header, rows } = await downloadCsv(staff, `${base}.csv`);
    expect(header).toContain('掲載');
    expect(header).not.toContain('担当者の電話番号');
    expect(text).not.toContain(privatePhone);
    const kept = rows.find((r) => r[0] === String(ids.kept));
    expect(kept?.slice(1, 8)).toEqual([
      '秋川 パン工房（架空）',
      'てすと',
      '個人事業主',
      '',
      '製造業',
      '09 食料品製造業',
      'あきる野市二宮0-0-42（架空）',
    ]);
    expect(kept?.slice(-2)).toEqual(['承認待ち', '事業者が管理']);
  });

  const edits: Record<CsvEncoding, [string, Record<string, string>][]> = {
    'utf-8': [
      ['sweets', { 従業員数: '6' }],
      ['kept', { 掲載: '公開中' }],
    ],
    shift_jis: [
      ['wood', { 'できること（タグ）': '家具、木工、修理' }],
      ['sweets', { 紹介文: '季節の和菓子をつくっています。' }],
    ],
  };
  const expected: Record<CsvEncoding, Record<string, Partial<BusinessRow>>> = {
    'utf-8': { sweets: { employees: 6 }, kept: { status: 'approved' } },
    shift_jis: {
      wood: { tags: ['家具', '木工', '修理'] },
      sweets: { description: '季節の和菓子をつくっています。' },
    },
  };
  const searchColumns = ['searchText', 'searchGrams', 'searchName'] as const;

  it.for<CsvEncoding>(['utf-8', 'shift_jis'])(
    'changes exactly the two businesses edited in a file saved as %s, through the profile services',
    async (encoding) => {
      const exported = await downloadCsv(staff, `${base}.csv`, encoding);
      const before = await directoryData();
      const file = editedCsv(
        exported,
        Object.fromEntries(edits[encoding].map(([key, edit]) => [String(ids[key]), edit])),
      );
      const preview = await previewUpload(staff, base, savedAs(file, encoding));
      expect(preview.changes.map((c) => [c.id, c.column]).sort()).toEqual(
        edits[encoding].map(([key, edit]) => [String(ids[key]), Object.keys(edit)[0]]).sort(),
      );
      expect(await directoryData()).toEqual(before);

      expect((await confirmUpload(staff, preview.location)).status).toBe(303);
      const after = await directoryData();
      for (const row of before.rows) {
        const now = after.rows.find((r) => r.id === row.id) as BusinessRow;
        const key = Object.keys(ids).find((k) => ids[k] === row.id) ?? '';
        const change = expected[encoding][key];
        if (!change) {
          expect(now).toEqual(row);
          continue;
        }
        const ignored = new Set<string>(['updatedAt', 'approvedAt', 'approvedBy', ...searchColumns]);
        const strip = (r: BusinessRow) =>
          Object.fromEntries(Object.entries(r).filter(([k]) => !ignored.has(k)));
        expect(strip(now)).toEqual({ ...strip(row), ...change });
      }
      expect(after.rows).toHaveLength(before.rows.length);
      expect(after.audit).toBe(before.audit + 2);
    },
  );

  it('finds a business by the words staff added, since its profile went through the service', async () => {
    const [wood] = await t.database.db
      .select()
      .from(businesses)
      .where(eq(businesses.id, ids.wood as number));
    expect(wood?.searchText).toContain('修理');
  });

  it('names each wrong line — a profile its business keeps, an industry of another division — and writes nothing', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const lineOf = (key: string) => 2 + exported.rows.findIndex((r) => r[0] === String(ids[key]));
    const before = await directoryData();
    const file = editedCsv(exported, {
      [String(ids.kept)]: { 事業者名: '秋川 パン工房・改（架空）' },
      [String(ids.wood)]: { '業種（中分類）': '56' },
      [String(ids.sweets)]: { 掲載: '承認待ち' },
    });
    const response = await uploadCsv(staff, base, savedAs(file, 'utf-8'));
    expect(response.status).toBe(422);
    const problems = listedProblems(await response.text());
    expect(problems).toEqual(
      [
        [lineOf('kept'), 'この事業者は事業者自身が管理しています'],
        [lineOf('wood'), '業種（中分類）: 選んだ大分類に含まれる中分類を選んでください'],
        [lineOf('sweets'), '掲載: 承認待ちの事業者を公開するときは「公開中」にします'],
      ]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([line, text]) => expect.stringContaining(`${line}行目: ${text}`)),
    );
    expect(await directoryData()).toEqual(before);
  });

  it('registers the rows without an ID as published businesses nobody keeps yet, and refuses one already there', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const row = (name: string) => ({
      事業者名: name,
      ふりがな: 'とうろく',
      事業形態: '個人事業主',
      '業種（大分類）': '製造業',
      '業種（中分類）': '9',
      所在地: 'あきる野市秋川0-0-1（架空）',
    });
    const twice = await uploadCsv(
      staff,
      base,
      savedAs(editedCsv(exported, {}, [row('菓子工房 あきる（架空）')]), 'utf-8'),
    );
    expect(twice.status).toBe(422);
    expect(listedProblems(await twice.text())).toEqual([
      expect.stringContaining(
        `${exported.rows.length + 2}行目: 同じ法人番号か名前の事業者が、すでに登録されています（ID ${ids.sweets}）`,
      ),
    ]);

    // a Shift_JIS export holds the demo's 〜 as ～, which reads back as unchanged
    const sjis = await downloadCsv(staff, `${base}.csv`, 'shift_jis');
    const preview = await previewUpload(
      staff,
      base,
      savedAs(editedCsv(sjis, {}, [row('新しい豆腐店（架空）')]), 'shift_jis'),
    );
    expect(preview.added).toEqual([sjis.rows.length + 2]);
    expect((await confirmUpload(staff, preview.location)).status).toBe(303);
    const [added] = await t.database.db
      .select()
      .from(businesses)
      .where(eq(businesses.name, '新しい豆腐店（架空）'));
    expect(added).toMatchObject({ status: 'approved', accountId: null, industryMiddle: '09' });
  });

  it('is for support staff and admins only', async () => {
    for (const who of ['business', 'shotenkai', 'resident'] as const) {
      const client = await new TestClient(t.app).logInAs(who);
      expect((await client.get(`${base}.csv`)).status).toBe(403);
    }
  });
});
