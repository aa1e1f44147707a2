import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveBusiness,
  approveClaim,
  claimBusiness,
  findBusinesses,
  saveOwnProfile,
} from '../../src/modules/businesses';
import { businesses } from '../../src/modules/businesses/schema';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

let accounts = 0;

const profile = (overrides: Record<string, string> = {}) => ({
  legalForm: 'corporation',
  name: '株式会社テスト精密（架空）',
  kana: 'てすとせいみつ',
  corporateNumber: '7123456789012',
  industryMajor: 'E',
  industryMiddle: '24',
  address: 'あきる野市二宮0-0-50（架空）',
  area: 'akigawa',
  latitude: '35.7290',
  longitude: '139.2850',
  employees: '12',
  foundedYear: '1990',
  tags: '切削加工、アルミ',
  capabilities: 'CNC旋盤',
  products: '治具',
  description: '精密部品の加工',
  website: 'https://example.jp/',
  contactName: '試験 担当（架空）',
  contactPhone: '042-555-0101',
  ownerAgeBand: '60s',
  ...overrides,
});

describe.each(testDatabaseKinds())('business directory (%s)', (kind) => {
  let t: TestInstance;
  let admin: Actor;
  let shokokai: Actor;
  const plan = () => t.plans.defaultPlan;
  const search = (q: string, extra: Partial<{ industry: string; area: string; tag: string }> = {}) =>
    findBusinesses(t.database.db, plan().municipalityCode, {
      q,
      industry: '',
      area: '',
      tag: '',
      page: 1,
      ...extra,
    }).then((r) => r.businesses.map((b) => b.name));
  const newBusinessAccount = async (): Promise<Actor> => {
    accounts += 1;
    const account = await createAccount(t.database.db, {
      municipalityCode: plan().municipalityCode,
      email: `business-test-${accounts}@example.test`,
      displayName: `試験事業者 ${accounts}（架空）`,
      role: 'business',
      password: 'business-test-2026',
    });
    return {
      accountId: account.id,
      name: account.displayName,
      municipalityCode: account.municipalityCode,
      role: 'business',
      organisation: null,
    };
  };
  const written = async () => {
    const [[a], [b]] = await Promise.all([
      t.database.db.select({ n: count() }).from(businesses),
      t.database.db.select({ n: count() }).from(auditLog),
    ]);
    return { businesses: a?.n, audit: b?.n };
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    admin = await actorOf(t, 'admin');
    shokokai = await actorOf(t, 'shokokai');
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('a business keeps its profile', () => {
    it('creates it held back until staff approve it, then it is listed; both audited', async () => {
      const owner = await newBusinessAccount();
      const { business, outcome } = await saveOwnProfile(t.database.db, owner, plan(), profile());
      expect(outcome).toBe('created');
      expect(business.status).toBe('pending');
      expect(await search('テスト精密')).toEqual([]);
      await approveBusiness(t.database.db, shokokai, business.id);
      expect(await search('テスト精密')).toEqual(['株式会社テスト精密（架空）']);
      const entries = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(business.id)))
        .orderBy(asc(auditLog.id));
      expect(entries.map((e) => e.action)).toEqual(['business.create', 'business.approve']);
      // the private fields are logged as changed, not with their content
      expect(JSON.stringify(entries)).not.toContain('042-555-0101');
    });

    it('refuses a wrong check digit, a position outside the city and an empty name at once, writing nothing', async () => {
      const owner = await newBusinessAccount();
      const before = await written();
      const error = await refusal(
        saveOwnProfile(
          t.database.db,
          owner,
          plan(),
          profile({ corporateNumber: '8123456789012', latitude: '35.6000', longitude: '139.7671', name: '' }),
        ),
      );
      expect(error.status).toBe(422);
      const messages = error.details.map((d) => d.message.ja).join('\n');
      expect(messages).toContain('法人番号: 法人番号が正しくありません');
      expect(messages).toContain('緯度: あきる野市の中の位置にしてください');
      expect(messages).toContain('経度: あきる野市の中の位置にしてください');
      expect(messages).toContain('事業者名（屋号・会社名）: 事業者名を入力してください。');
      expect(error.details.map((d) => d.message.en).join('\n')).toContain('check digit');
      expect(await written()).toEqual(before);
    });

    it('asks a corporation for its 法人番号 but not a sole proprietor, and wants an address in the city', async () => {
      const owner = await newBusinessAccount();
      const error = await refusal(
        saveOwnProfile(
          t.database.db,
          owner,
          plan(),
          profile({ corporateNumber: '', address: '八王子市元本郷町3-24-1' }),
        ),
      );
      const fields = error.details.map((d) => d.field);
      expect(fields).toContain('address');
      const sole = await saveOwnProfile(
        t.database.db,
        owner,
        plan(),
        profile({ legalForm: 'sole', corporateNumber: '', name: '個人 商店（架空）' }),
      );
      expect(sole.business.corporateNumber).toBeNull();
    });

    it('stores the same form sent twice once, and an unchanged form writes nothing', async () => {
      const owner = await newBusinessAccount();
      const sent = profile({ corporateNumber: '', legalForm: 'sole', name: '二重送信 工房（架空）' });
      const [one, two] = await Promise.all([
        saveOwnProfile(t.database.db, owner, plan(), sent),
        saveOwnProfile(t.database.db, owner, plan(), sent),
      ]);
      expect(two.business.id).toBe(one.business.id);
      const before = await written();
      const again = await saveOwnProfile(t.database.db, owner, plan(), sent);
      expect(again.outcome).toBe('unchanged');
      expect(await written()).toEqual(before);
    });

    it('refuses a 法人番号 that another business has', async () => {
      const owner = await newBusinessAccount();
      const error = await refusal(
        saveOwnProfile(t.database.db, owner, plan(), profile({ name: '別の会社（架空）' })),
      );
      expect(error.details[0]?.field).toBe('corporateNumber');
    });

    it('claims a listed business that nobody keeps, which staff hand over', async () => {
      const owner = await newBusinessAccount();
      const [listed] = await t.database.db
        .select()
        .from(businesses)
        .where(eq(businesses.name, '養沢やまめ園（架空）'));
      expect(listed?.accountId).toBeNull();
      expect(await claimBusiness(t.database.db, owner, listed?.id ?? 0)).toBe('claimed');
      expect(await claimBusiness(t.database.db, owner, listed?.id ?? 0)).toBe('already');
      const other = await newBusinessAccount();
      expect((await refusal(claimBusiness(t.database.db, other, listed?.id ?? 0))).status).toBe(409);
      await approveClaim(t.database.db, admin, listed?.id ?? 0);
      const [after] = await t.database.db
        .select()
        .from(businesses)
        .where(eq(businesses.id, listed?.id ?? 0));
      expect(after?.accountId).toBe(owner.accountId);
      expect(after?.claimAccountId).toBeNull();
    });
  });

  describe('searching the directory in Japanese', () => {
    it('finds 和菓子 in 和菓子処 and in descriptions and products, the name first', async () => {
      const found = await search('和菓子');
      expect(found[0]).toBe('和菓子処 こもれび（架空）');
      expect(found).toContain('カフェ 秋川テラス（架空）');
      expect(found).toContain('増戸の酒店 みずほ屋（架空）');
      expect(found).not.toContain('株式会社あきがわ精工（架空）');
    });

    it('treats katakana, hiragana, full-width and half-width alike', async () => {
      expect(await search('ワガシ')).toContain('和菓子処 こもれび（架空）');
      expect(await search('ｱﾙﾐ')).toContain('株式会社あきがわ精工（架空）');
      expect(await search('５軸')).toContain('株式会社あきがわ精工（架空）');
      expect(await search('ＣＮＣ')).toContain('株式会社あきがわ精工（架空）');
    });

    it('wants every word of the search', async () => {
      expect(await search('切削加工 アルミ')).toContain('株式会社あきがわ精工（架空）');
      expect(await search('切削加工 やまめ')).toEqual([]);
    });

    it('filters by industry (大分類 or 中分類), area and tag', async () => {
      const manufacturing = await search('', { industry: 'E' });
      expect(manufacturing).toContain('ひきだ木工房（架空）');
      expect(manufacturing).not.toContain('カフェ 秋川テラス（架空）');
      expect(await search('', { industry: '09' })).toEqual(['和菓子処 こもれび（架空）']);
      expect(await search('', { area: 'yozawa' })).toEqual(['養沢やまめ園（架空）']);
      expect(await search('', { tag: '射出成形' })).toEqual(['株式会社武蔵引田プラスチック（架空）']);
    });
  });

  describe('the pages and the API', () => {
    it("shows a business's page with LocalBusiness JSON-LD and none of its private fields", async () => {
      const visitor = new TestClient(t.app);
      const [row] = await t.database.db
        .select()
        .from(businesses)
        .where(eq(businesses.name, '株式会社テスト精密（架空）'));
      const response = await visitor.get(`/businesses/${row?.id}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}';
      const data = JSON.parse(json);
      expect(data['@type']).toBe('LocalBusiness');
      expect(data.identifier.value).toBe('7123456789012');
      expect(data.geo.latitude).toBe(35.729);
      expect(html).not.toContain('042-555-0101');
      expect(html).not.toContain('試験 担当');
    });

    it('keeps a pending profile from visitors and other businesses', async () => {
      const owner = await newBusinessAccount();
      const { business } = await saveOwnProfile(
        t.database.db,
        owner,
        plan(),
        profile({ legalForm: 'sole', corporateNumber: '', name: '承認待ち 商店（架空）' }),
      );
      expect((await new TestClient(t.app).get(`/businesses/${business.id}`)).status).toBe(404);
      const other = await new TestClient(t.app).logInAs('business');
      expect((await other.get(`/businesses/${business.id}`)).status).toBe(404);
      const staff = await new TestClient(t.app).logInAs('bista');
      expect((await staff.get(`/businesses/${business.id}`)).status).toBe(200);
    });

    it('answers GET /api/v1/businesses with GeoJSON and the same filters, described in OpenAPI', async () => {
      const visitor = new TestClient(t.app);
      const response = await visitor.get(`/api/v1/businesses?q=${encodeURIComponent('和菓子')}&area=akigawa`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/geo+json');
      const body = (await response.json()) as {
        type: string;
        features: { properties: { name: string }; geometry: unknown }[];
      };
      expect(body.type).toBe('FeatureCollection');
      const names = body.features.map((f) => f.properties.name);
      expect(names).toEqual(['和菓子処 こもれび（架空）', 'カフェ 秋川テラス（架空）']);
      expect(body.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [139.2861, 35.7291] });
      expect(JSON.stringify(body)).not.toContain('contact');
      expect((await visitor.get('/api/v1/businesses?area=nowhere')).status).toBe(400);
      const openapi = (await (await visitor.get('/api/v1/openapi.json')).json()) as {
        paths: Record<string, { get: { parameters: { name: string }[] } }>;
      };
      expect(openapi.paths['/api/v1/businesses']?.get.parameters.map((p) => p.name)).toEqual([
        'q',
        'industry',
        'area',
        'tag',
      ]);
    });

    it('lets a business account create its profile through the form, refused forms keeping what was typed', async () => {
      const owner = await new TestClient(t.app).logInAs('business');
      const refused = await owner.postForm(
        '/businesses/mine',
        profile({ corporateNumber: '1234', name: '架空の和菓子店' }),
      );
      expect(refused.status).toBe(422);
      const html = await refused.text();
      expect(html).toContain('13桁の数字で入力してください。');
      expect(html).toContain('value="架空の和菓子店"');
      const saved = await owner.postForm(
        '/businesses/mine',
        profile({
          legalForm: 'sole',
          corporateNumber: '',
          name: '架空の和菓子店',
          'membership-shokokai': 'on',
        }),
      );
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe('/businesses/mine?saved=created');
      const page = await (await owner.get('/businesses/mine')).text();
      expect(page).toContain('承認待ち');
      expect(page).toContain('042-555-0101');
    });
  });
});
