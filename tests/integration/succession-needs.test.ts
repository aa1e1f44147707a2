import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentedSuccessionAnswers, saveOwnProfile } from '../../src/modules/businesses';
import { takeSelfCheck } from '../../src/modules/consultations';
import { recordOutreach } from '../../src/modules/succession';
import { successionOutreach } from '../../src/modules/succession/schema';
import type { Actor } from '../../src/platform/audit';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

const businessName = '承継テスト商店（架空）';
const profile = {
  legalForm: 'sole',
  name: businessName,
  kana: 'しょうけいてすとしょうてん',
  industryMajor: 'I',
  industryMiddle: '58',
  address: 'あきる野市秋川0-0-34（架空）',
  area: 'akigawa',
  latitude: '35.7285',
  longitude: '139.2860',
  ownerAgeBand: '60s',
  successorStatus: 'none',
};

const answers = {
  age: '60s',
  successor: 'none',
  told: 'no-one',
  people: 'not-yet',
  finances: 'not-yet',
  organisation: 'not-yet',
  advice: 'no',
};

/** The text of each cell of the table by area and industry, as `area/industry` → text. */
function cellsOf(html: string): Map<string, string> {
  const table = /<table data-table="by-area-and-industry">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const industries = [...table.matchAll(/data-industry="([^"]*)"/g)].map((m) => m[1] ?? '');
  const cells = new Map<string, string>();
  for (const row of table.matchAll(/<tr data-area="([^"]*)">([\s\S]*?)<\/tr>/g)) {
    const texts = [...(row[2] ?? '').matchAll(/<td class="num" data-shown="[a-z]+">([^<]*)<\/td>/g)].map(
      (m) => m[1] ?? '',
    );
    industries.forEach((industry, i) => {
      cells.set(`${row[1]}/${industry}`, texts[i] ?? '');
    });
    cells.set(`${row[1]}/total`, texts[industries.length] ?? '');
  }
  return cells;
}

/**
 * The succession needs map (issue 9): the 商工会 and the city see owners aged 60+ without a decided
 * successor by area and industry, from answers given with consent only, groups below 5 never shown
 * as a number (nor worked out by subtraction), no names; they record outreach against each area.
 */
describe.each(testDatabaseKinds())('succession needs map (%s)', (kind) => {
  let t: TestInstance;
  let staff: TestClient;
  let shop: Actor;
  let serial = 0;
  const key = () => `needs-test-${kind}-${++serial}-0000`;
  const selfCheck = (values: Record<string, string>) =>
    takeSelfCheck(
      t.database.db,
      t.plans.defaultPlan.municipalityCode,
      { ...answers, key: key(), ...values },
      {
        areas: t.plans.defaultPlan.file.areas,
      },
    );
  const page = async (client: TestClient = staff) => {
    const response = await client.get('/succession/needs');
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await new TestClient(t.app).logInAs('shokokai');
    shop = await actorOf(t, 'business');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('counts no answer given without consent, from a self-check or a profile', async () => {
    await selfCheck({ area: 'akigawa', industry: 'manufacturing' });
    await saveOwnProfile(t.database.db, shop, t.plans.defaultPlan, profile);
    const html = await page();
    expect(html).toContain('まだ数えられる回答がありません');
    expect(html).not.toContain(businessName);
  });

  it('refuses a consent without the age band and the successor status, in both languages, and writes nothing', async () => {
    const error = await refusal(
      saveOwnProfile(t.database.db, shop, t.plans.defaultPlan, {
        ...profile,
        successorStatus: '',
        successionConsent: 'on',
      }),
    );
    expect(error.status).toBe(422);
    expect(error.details.map((d) => d.field)).toEqual(['successorStatus']);
    expect(error.details[0]?.message.ja).toContain('後継者の状況');
    const [row] = await t.database.db.query.businesses.findMany({
      where: (b, { eq }) => eq(b.name, businessName),
    });
    expect(row?.successionConsentAt).toBeNull();
  });

  it("counts a business's profile once it consents, and not again from the self-check it takes logged in", async () => {
    await saveOwnProfile(t.database.db, shop, t.plans.defaultPlan, { ...profile, successionConsent: 'on' });
    expect(cellsOf(await page()).get('akigawa/I')).toBe('5未満');
    const owner = await new TestClient(t.app).logInAs('business');
    const taken = await owner.postForm('/consultations/self-check', {
      ...answers,
      age: '70-plus',
      area: 'akigawa',
      industry: 'retail',
      needsConsent: 'yes',
      key: key(),
    });
    expect(taken.status).toBe(200);
    // still one owner in retail, beside five in manufacturing: 6 in the area
    for (let i = 0; i < 5; i++)
      await selfCheck({ area: 'akigawa', industry: 'manufacturing', needsConsent: 'yes' });
    const cells = cellsOf(await page());
    expect(cells.get('akigawa/I')).toBe('5未満');
    // 6 − 5 would give the one away: the 5 is hidden too
    expect(cells.get('akigawa/E')).toBe('非表示');
    expect(cells.get('akigawa/total')).toBe('6');
  });

  it('counts only owners of 60 or over whose successor is not decided', async () => {
    await selfCheck({ area: 'akigawa', industry: 'retail', needsConsent: 'yes', age: '50s' });
    await selfCheck({
      area: 'akigawa',
      industry: 'retail',
      needsConsent: 'yes',
      successor: 'decided',
      told: 'yes',
    });
    expect(cellsOf(await page()).get('akigawa/total')).toBe('6');
  });

  it('shows a group of 4 as 「5未満」 and hides the 5 beside it, so that the area total 9 less 5 does not give the 4 away', async () => {
    for (let i = 0; i < 3; i++) await selfCheck({ area: 'akigawa', industry: 'retail', needsConsent: 'yes' });
    const html = await page();
    const cells = cellsOf(html);
    expect(cells.get('akigawa/I')).toBe('5未満');
    expect(cells.get('akigawa/E')).toBe('非表示');
    // the area's figure stays on the map and in the table
    expect(cells.get('akigawa/total')).toBe('9');
    expect(cells.get('itsukaichi/total')).toBe('5未満');
    expect(html).not.toContain(businessName);
    // no hidden count is anywhere in the page, not even in an attribute
    expect(html).not.toMatch(/data-shown="fewer">(?!5未満<)/);
    expect(html).not.toMatch(/data-count="[0-4]"/);
  });

  it('shows the same suppression in the CSV download and on the map, with no name', async () => {
    const csv = await staff.get('/succession/needs.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('秋川駅周辺,I 卸売業，小売業,5未満');
    expect(text).toContain('秋川駅周辺,E 製造業,非表示');
    expect(text).toContain('秋川駅周辺,合計,9');
    expect(text).not.toMatch(/,[0-4]\r\n/);
    expect(text).not.toContain(businessName);

    const api = await staff.get('/api/v1/succession/needs');
    expect(api.status).toBe(200);
    const geo = (await api.json()) as {
      features: { properties: { area: string; label: string; count: number | null } }[];
    };
    const byArea = new Map(geo.features.map((f) => [f.properties.area, f.properties]));
    expect(byArea.get('akigawa')).toMatchObject({ label: '9', count: 9 });
    expect(byArea.get('itsukaichi')).toMatchObject({ label: '5未満', count: null });
    expect(JSON.stringify(geo)).not.toContain(businessName);
  });

  it('shows a group of 5 as 5, once the fifth owner is counted', async () => {
    await selfCheck({ area: 'akigawa', industry: 'retail', needsConsent: 'yes' });
    const cells = cellsOf(await page());
    expect(cells.get('akigawa/I')).toBe('5');
    expect(cells.get('akigawa/E')).toBe('5');
    expect(cells.get('akigawa/total')).toBe('10');
  });

  it('stops counting the profile of a business that withdraws its consent; the self-check it consented in counts instead', async () => {
    await saveOwnProfile(t.database.db, shop, t.plans.defaultPlan, profile);
    const consented = await consentedSuccessionAnswers(t.database.db, t.plans.defaultPlan.municipalityCode);
    expect(consented).toEqual([]);
    expect(cellsOf(await page()).get('akigawa/I')).toBe('5');
    await saveOwnProfile(t.database.db, shop, t.plans.defaultPlan, { ...profile, successionConsent: 'on' });
    expect(cellsOf(await page()).get('akigawa/I')).toBe('5');
  });

  it('lets no association, business, resident or student see the needs, and asks a visitor to log in', async () => {
    for (const who of ['shotenkai', 'business', 'resident', 'student']) {
      const client = await new TestClient(t.app).logInAs(who);
      for (const path of ['/succession/needs', '/succession/needs.csv', '/api/v1/succession/needs'])
        expect((await client.get(path)).status, `${who} ${path}`).toBe(403);
    }
    expect((await new TestClient(t.app).get('/succession/needs')).status).toBe(401);
    for (const who of ['admin', 'bista']) {
      const client = await new TestClient(t.app).logInAs(who);
      expect((await client.get('/succession/needs')).status, who).toBe(200);
    }
  });

  it('records an outreach against an area, lists it there, and records the same form once', async () => {
    const form = {
      heldOn: todayInJapan(),
      area: 'akigawa',
      kind: 'seminar',
      reached: '１２',
      note: '事業承継セミナー（秋川）',
      key: 'outreach-form-0001',
    };
    const first = await staff.postForm('/succession/outreach', form);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toContain('/succession/needs?saved=outreach');
    expect((await staff.postForm('/succession/outreach', form)).status).toBe(303);
    const rows = await t.database.db.select().from(successionOutreach);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ area: 'akigawa', reached: 12, organisation: 'shokokai' });
    const html = await staff.get('/succession/needs?saved=outreach').then((r) => r.text());
    expect(html).toContain('掘り起こしを記録しました');
    const area = /<section id="area-akigawa"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(area).toContain('セミナー');
    expect(area).toContain('12人');
    expect(area).toContain('事業承継セミナー（秋川）');
    const row = /<tr data-area="akigawa">[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(row).toContain('data-field="outreach-count">1<');
  });

  it('refuses a bad outreach with a message in the reader’s language, 422, and writes nothing', async () => {
    const db = t.database.db;
    const before = {
      outreach: (await db.select({ n: count() }).from(successionOutreach))[0]?.n,
      audit: (await db.select({ n: count() }).from(auditLog))[0]?.n,
    };
    const bad = await staff.postForm('/succession/outreach', {
      heldOn: '2999-01-01',
      area: 'atlantis',
      kind: 'party',
      reached: '-3',
      note: '',
      key: 'outreach-form-bad-1',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('地区を一覧から選んでください');
    expect(html).toContain('種類を一覧から選んでください');
    expect(html).toContain('接触した人数を0以上の整数で入力してください');
    expect(html).toContain('aria-invalid="true"');
    const future = await staff.postForm('/succession/outreach?lang=en', {
      heldOn: '2999-01-01',
      area: 'akigawa',
      kind: 'visit',
      reached: '3',
      key: 'outreach-form-bad-2',
    });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('The day cannot be in the future');
    const error = await refusal(
      recordOutreach(db, await actorOf(t, 'admin'), t.plans.defaultPlan, {
        heldOn: 'yesterday',
        area: 'akigawa',
        kind: 'visit',
        reached: '1',
        key: 'outreach-service-bad',
      }),
    );
    expect(error.status).toBe(422);
    expect((await db.select({ n: count() }).from(successionOutreach))[0]?.n).toBe(before.outreach);
    expect((await db.select({ n: count() }).from(auditLog))[0]?.n).toBe(before.audit);
    const refused = await db
      .select()
      .from(successionOutreach)
      .where(eq(successionOutreach.idempotencyKey, 'outreach-form-bad-1'));
    expect(refused).toEqual([]);
  });
});
