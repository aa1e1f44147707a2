import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureYear } from '../../src/modules/plan';
import { loadPlans } from '../../src/modules/plan/catalogue';
import { createEdition, readEdition, recordPrintRun, saveEdition } from '../../src/modules/shops';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';
import { registerTestShops } from './shop-fixtures';

describe.each(testDatabaseKinds())('the paper map (地域マップ) (%s)', (kind) => {
  let t: TestInstance;
  const ids = { wagashi: 0, cafe: 0, sake: 0, edition: 0 };
  const db = () => t.database.db;
  const plan = () => t.plans.defaultPlan;

  beforeAll(async () => {
    t = await startInstance(kind);
    Object.assign(ids, await registerTestShops(t));
  });
  afterAll(async () => {
    await t?.stop();
  });

  const editionForm = (extra: Record<string, string> = {}) => ({
    title: '五日市線沿線グルメマップ（試験）',
    fiscalYear: '2025',
    area: '',
    paper: 'A3',
    introduction: '学生が歩いて選んだお店です。',
    idempotencyKey: 'edition-test-1',
    ...extra,
  });

  it('staff make an edition once per form, and choose its shops numbered along the line', async () => {
    const staff = await actorOf(t, 'shokokai');
    const first = await createEdition(db(), staff, plan(), editionForm());
    expect(first.outcome).toBe('created');
    expect((await createEdition(db(), staff, plan(), editionForm())).edition.id).toBe(first.edition.id);
    ids.edition = first.edition.id;
    const outcome = await saveEdition(db(), staff, plan(), ids.edition, {
      ...editionForm(),
      [`shop-${ids.wagashi}`]: 'on',
      [`blurb-${ids.wagashi}`]: '秋川の湧き水で炊いた餡',
      [`shop-${ids.sake}`]: 'on',
      [`shop-${ids.cafe}`]: 'on',
    });
    expect(outcome).toBe('updated');
    const { entries } = await readEdition(db(), plan(), ids.edition);
    // 秋川駅周辺 (カフェ, 和菓子 in kana order) before 武蔵増戸駅周辺
    expect(entries.map((e) => [e.entry.number, e.listing?.business.name])).toEqual([
      [1, 'カフェ 秋川テラス（架空）'],
      [2, '和菓子処 こもれび（架空）'],
      [3, '増戸の酒店 みずほ屋（架空）'],
    ]);
    expect(entries[1]?.entry.blurb).toBe('秋川の湧き水で炊いた餡');
  });

  it('refuses bad input in both languages and changes nothing', async () => {
    const staff = await actorOf(t, 'shokokai');
    const before = await readEdition(db(), plan(), ids.edition);
    const bad = await refusal(
      saveEdition(db(), staff, plan(), ids.edition, {
        ...editionForm({ title: '', fiscalYear: '令和7' }),
        [`shop-${ids.cafe}`]: 'on',
      }),
    );
    expect(bad.details.map((d) => d.field).sort()).toEqual(['fiscalYear', 'title']);
    const long = await refusal(
      saveEdition(db(), staff, plan(), ids.edition, {
        ...editionForm(),
        [`shop-${ids.cafe}`]: 'on',
        [`blurb-${ids.cafe}`]: 'あ'.repeat(81),
      }),
    );
    expect(long.details[0]?.field).toBe(`blurb-${ids.cafe}`);
    expect(await readEdition(db(), plan(), ids.edition)).toEqual(before);
    expect(
      (
        await refusal(
          recordPrintRun(db(), staff, plan(), ids.edition, { printRun: '0', issuedOn: '2025-07-01' }),
        )
      ).status,
    ).toBe(422);
    expect(
      (
        await refusal(
          recordPrintRun(db(), staff, plan(), ids.edition, { printRun: '100', issuedOn: '2025-02-30' }),
        )
      ).status,
    ).toBe(422);
    const resident = await actorOf(t, 'resident');
    expect(
      (await refusal(createEdition(db(), resident, plan(), editionForm({ idempotencyKey: 'x' })))).status,
    ).toBe(403);
    const empty = await createEdition(
      db(),
      staff,
      plan(),
      editionForm({ idempotencyKey: 'edition-test-empty' }),
    );
    expect(
      (
        await refusal(
          recordPrintRun(db(), staff, plan(), empty.edition.id, { printRun: '100', issuedOn: '2025-07-01' }),
        )
      ).code,
    ).toBe('edition_empty');
  });

  it('prints an A3 page with the numbered map, the legend, a QR code per shop, and no private field', async () => {
    const staff = await new TestClient(t.app).logInAs('shokokai');
    const response = await staff.get(`/shops/editions/${ids.edition}/print`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-paper="A3"');
    expect(html).toContain('/static/paper-map.css');
    expect([...html.matchAll(/class="paper-map-pin" data-number="(\d+)"/g)].map((m) => m[1])).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect([...html.matchAll(/class="paper-map-entry" data-number="(\d+)"/g)].map((m) => m[1])).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(html.match(/class="qr-code"/g)?.length).toBe(3);
    expect(html).toContain(`/shops/${ids.wagashi}</span>`);
    expect(html).toContain('秋川の湧き水で炊いた餡');
    expect(html).toContain('定休日 火');
    expect(html).toContain('試し刷り');
    const css = await (await staff.get('/static/paper-map.css')).text();
    expect(css).toContain('size: A3 landscape');
  });

  it('counts the print runs in the issue date’s fiscal year as 地域マップの作成 (shops.mapCopies)', async () => {
    const staff = await actorOf(t, 'shokokai');
    expect(
      await recordPrintRun(db(), staff, plan(), ids.edition, { printRun: '28,000', issuedOn: '2025-06-30' }),
    ).toBe('recorded');
    expect(
      await recordPrintRun(db(), staff, plan(), ids.edition, { printRun: '28000', issuedOn: '2025-06-30' }),
    ).toBe('unchanged');
    // an issued edition keeps its shops
    expect((await refusal(saveEdition(db(), staff, plan(), ids.edition, editionForm()))).code).toBe(
      'edition_issued',
    );
    const second = await createEdition(
      db(),
      staff,
      plan(),
      editionForm({ idempotencyKey: 'edition-test-2', paper: 'A4' }),
    );
    await saveEdition(db(), staff, plan(), second.edition.id, {
      ...editionForm({ paper: 'A4' }),
      [`shop-${ids.cafe}`]: 'on',
    });
    // 31 March is still FY2025; 1 April is FY2026
    await recordPrintRun(db(), staff, plan(), second.edition.id, {
      printRun: '2000',
      issuedOn: '2026-03-31',
    });
    const plans = await loadPlans(['tests/fixtures/shops-town.yaml'], t.metrics);
    const areaMap = async (fy: number) =>
      (await measureYear(db(), plans.defaultPlan, t.metrics, fy)).projects.find(
        (p) => p.project.code === 'area-map',
      );
    const fy2025 = await areaMap(2025);
    expect(fy2025?.actual).toBe(30000);
    expect(fy2025?.measurement.records.map((r) => [r.date, r.value])).toEqual([
      ['2025-06-30', 28000],
      ['2026-03-31', 2000],
    ]);
    expect((await areaMap(2026))?.actual).toBeNull();
    await recordPrintRun(db(), staff, plan(), second.edition.id, {
      printRun: '2000',
      issuedOn: '2026-04-01',
    });
    expect((await areaMap(2025))?.actual).toBe(28000);
    expect((await areaMap(2026))?.actual).toBe(2000);
  });

  it('staff open the editions, make one from the form and are told what is wrong', async () => {
    const staff = await new TestClient(t.app).logInAs('admin');
    const list = await (await staff.get('/shops/editions')).text();
    expect(list).toContain('五日市線沿線グルメマップ（試験）');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(list)?.[1] ?? '';
    const refused = await staff.postForm('/shops/editions', {
      ...editionForm({ idempotencyKey: key, fiscalYear: 'abc' }),
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('年度は西暦の4桁で入力してください');
    const made = await staff.postForm('/shops/editions', {
      ...editionForm({ idempotencyKey: key, area: 'akigawa' }),
    });
    expect(made.status).toBe(303);
    const page = await (await staff.get(made.headers.get('location') ?? '')).text();
    // the 秋川 edition offers the shops of 秋川駅周辺 only
    expect(page).toContain('カフェ 秋川テラス（架空）');
    expect(page).not.toContain('増戸の酒店 みずほ屋（架空）');
  });
});
