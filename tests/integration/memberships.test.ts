import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed';
import { saveOwnProfile } from '../../src/modules/businesses';
import {
  addBody,
  addMember,
  decideRequest,
  enterDenominator,
  recordFee,
  recordLeaving,
  requestToJoin,
} from '../../src/modules/memberships';
import { joinRequests, memberBodies, members } from '../../src/modules/memberships/schema';
import { measureYear } from '../../src/modules/plan';
import { loadPlans } from '../../src/modules/plan/catalogue';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

const profile = (name: string) => ({
  legalForm: 'sole',
  name,
  kana: 'かいいんてすと',
  industryMajor: 'I',
  industryMiddle: '58',
  address: 'あきる野市秋川0-0-1（架空）',
  area: 'akigawa',
  latitude: '35.73',
  longitude: '139.29',
});

/**
 * 商店会 and the 商工会 keep their members (issue 8): a business asks to join online, the keeper
 * accepts or declines with a reason, fees and leaving are recorded, and the two KPIs 商店会の会員数 and
 * 商工会の加入率 come from these records, the rate's denominator entered with its source.
 */
describe.each(testDatabaseKinds())('memberships of 商店会 and the 商工会 (%s)', (kind) => {
  let t: TestInstance;
  let admin: Actor;
  let keeper: Actor;
  let shop: Actor;
  let shotenkaiId = 0;
  let shokokaiId = 0;
  const today = todayInJapan();
  const fiscalYear = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);

  beforeAll(async () => {
    t = await startInstance(kind);
    admin = await actorOf(t, 'admin');
    keeper = await actorOf(t, 'shotenkai');
    shop = await actorOf(t, 'business');
    const plan = t.plans.defaultPlan;
    shotenkaiId = (
      await addBody(t.database.db, admin, plan, 'shotenkai', {
        bodyName: '試験通り商店会（架空）',
        area: 'akigawa',
        keeper: String(keeper.accountId),
      })
    ).id;
    shokokaiId = (await addBody(t.database.db, admin, plan, 'shokokai', { bodyName: '試験商工会（架空）' }))
      .id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a second body of the same name, a second 商工会, and anyone but an admin', async () => {
    const plan = t.plans.defaultPlan;
    const twice = await refusal(
      addBody(t.database.db, admin, plan, 'shotenkai', { bodyName: '試験通り商店会（架空）' }),
    );
    expect(twice.details[0]?.message.ja).toContain('すでに登録されています');
    expect(
      (await refusal(addBody(t.database.db, admin, plan, 'shokokai', { bodyName: '別の商工会' }))).status,
    ).toBe(409);
    expect(
      (await refusal(addBody(t.database.db, keeper, plan, 'shotenkai', { bodyName: '勝手な会' }))).status,
    ).toBe(404);
    const bodies = await t.database.db.select({ n: count() }).from(memberBodies);
    expect(bodies[0]?.n).toBe(2);
  });

  it('asks a business without a profile to register first', async () => {
    const error = await refusal(
      requestToJoin(t.database.db, shop, shotenkaiId, { representative: '代表 太郎' }),
    );
    expect(error.code).toBe('no_business_profile');
  });

  it('keeps a request sent twice at once as one, and shows it to the keeper with the phone', async () => {
    await saveOwnProfile(t.database.db, shop, t.plans.defaultPlan, profile('会員テスト食堂（架空）'));
    const form = {
      representative: '会員 花子',
      phone: '042-000-1234',
      message: '秋川駅前で食堂をしています。',
    };
    const [a, b] = await Promise.all([
      requestToJoin(t.database.db, shop, shotenkaiId, form),
      requestToJoin(t.database.db, shop, shotenkaiId, form),
    ]);
    expect(a.request.id).toBe(b.request.id);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    const page = await (await new TestClient(t.app).logInAs('shotenkai')).get(`/memberships/${shotenkaiId}`);
    const html = await page.text();
    expect(html).toContain('会員テスト食堂（架空）');
    expect(html).toContain('042-000-1234');
    const publicList = await (await new TestClient(t.app).get('/memberships')).text();
    expect(publicList).toContain('試験通り商店会（架空）');
    expect(publicList, 'nobody else sees the phone').not.toContain('042-000-1234');
  });

  it('declines only with a reason, which the business reads; the request cannot be decided twice', async () => {
    const [open] = await t.database.db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.bodyId, shotenkaiId), eq(joinRequests.status, 'pending')));
    const id = open?.id as number;
    const noReason = await refusal(
      decideRequest(t.database.db, keeper, shotenkaiId, id, { decision: 'decline', reason: ' ' }),
    );
    expect(noReason.details[0]?.message.ja).toContain('お断りの理由を入力してください');
    await decideRequest(t.database.db, keeper, shotenkaiId, id, {
      decision: 'decline',
      reason: '区域外のため（試験）',
    });
    expect(
      (await refusal(decideRequest(t.database.db, keeper, shotenkaiId, id, { decision: 'accept' }))).code,
    ).toBe('already_decided');
    const own = await (await (await new TestClient(t.app).logInAs('business')).get('/memberships')).text();
    expect(own).toContain('区域外のため（試験）');
  });

  it('lets no other association read or decide a list it does not keep', async () => {
    await createAccount(t.database.db, {
      municipalityCode: t.plans.defaultPlan.municipalityCode,
      email: 'other-association@demo.tsunagu.example',
      displayName: '別の商店会（架空）',
      role: 'association',
      password: demoPassword,
    });
    const other = await new TestClient(t.app).logInAs('other-association');
    expect((await other.get(`/memberships/${shotenkaiId}`)).status).toBe(404);
    expect((await other.get(`/memberships/${shotenkaiId}/members.csv`)).status).toBe(404);
    const staff = await new TestClient(t.app).logInAs('shokokai');
    expect((await staff.get(`/memberships/${shokokaiId}`)).status, 'the 商工会 keeps its own list').toBe(200);
    expect((await staff.get(`/memberships/${shotenkaiId}`)).status).toBe(404);
  });

  it('accepts a new request over HTTP; the business becomes a member once and the count moves', async () => {
    const business = await new TestClient(t.app).logInAs('business');
    const sent = await business.postForm(`/memberships/${shotenkaiId}/join`, { representative: '会員 花子' });
    expect(sent.status).toBe(303);
    const [open] = await t.database.db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.bodyId, shotenkaiId), eq(joinRequests.status, 'pending')));
    const association = await new TestClient(t.app).logInAs('shotenkai');
    const accepted = await association.postForm(`/memberships/${shotenkaiId}/requests/${open?.id}`, {
      decision: 'accept',
      joinedOn: today,
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toContain('saved=accepted');
    const again = await business.postForm(`/memberships/${shotenkaiId}/join`, {
      representative: '会員 花子',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('すでに試験通り商店会（架空）の会員です');
    const current = await t.database.db
      .select({ n: count() })
      .from(members)
      .where(eq(members.bodyId, shotenkaiId));
    expect(current[0]?.n).toBe(1);
    expect(await (await new TestClient(t.app).get('/memberships')).text()).toMatch(/data-members="1"/);
  });

  it('records fees once a year and refuses a fee typed as 1万円 or a leaving before joining', async () => {
    const member = await addMember(t.database.db, keeper, shotenkaiId, {
      name: '紙の申込書の店（架空）',
      representative: '紙 次郎',
      joinedOn: '2024/4/1',
    });
    const fee = await refusal(
      recordFee(t.database.db, keeper, shotenkaiId, member.id, {
        fiscalYear: '2026',
        amountYen: '1万円',
        paidOn: today,
      }),
    );
    expect(fee.details[0]?.message.en).toContain('whole yen');
    const form = { fiscalYear: '2026', amountYen: '１２,０００', paidOn: '2026/5/1' };
    await recordFee(t.database.db, keeper, shotenkaiId, member.id, form);
    await recordFee(t.database.db, keeper, shotenkaiId, member.id, form);
    const audits = await t.database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.fee'), eq(auditLog.entityKey, String(shotenkaiId))));
    expect(audits[0]?.n, 'the same fee sent twice is recorded once').toBe(1);
    const early = await refusal(
      recordLeaving(t.database.db, keeper, shotenkaiId, member.id, { leftOn: '2024-03-31' }),
    );
    expect(early.details[0]?.message.ja).toContain('入会日');
    const csv = await (await new TestClient(t.app).logInAs('shotenkai')).get(
      `/memberships/${shotenkaiId}/members.csv?fy=2026`,
    );
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)], 'a BOM, so Excel reads UTF-8').toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('会員名,代表者名,電話番号,入会日,退会日');
    expect(text).toContain('紙の申込書の店（架空）,紙 次郎,,2024-04-01,,12000,2026-05-01');
  });

  it('measures 商店会の会員数 and 商工会の加入率 from the records, the rate only with a denominator', async () => {
    const plans = await loadPlans(['tests/fixtures/memberships-town.yaml'], t.metrics);
    const plan = plans.defaultPlan;
    const kpi = async (fy: number, code: string) =>
      (await measureYear(t.database.db, plan, t.metrics, fy)).kpis.find((k) => k.kpi.code === code);
    // the paper member joined on 2024-04-01, the online one today
    expect((await kpi(2023, 'shotenkai-members'))?.measurement.value).toBeNull();
    expect((await kpi(2024, 'shotenkai-members'))?.measurement.value).toBe(1);
    const now = await kpi(fiscalYear, 'shotenkai-members');
    expect(now?.measurement.value).toBe(2);
    expect(now?.measurement.records).toEqual([{ label: '試験通り商店会（架空）', date: today, value: 2 }]);

    const staff = await actorOf(t, 'shokokai');
    for (const name of ['商工会員A（架空）', '商工会員B（架空）', '商工会員C（架空）']) {
      await addMember(t.database.db, staff, shokokaiId, { name, joinedOn: '2025-04-01' });
    }
    expect(
      (await kpi(fiscalYear, 'shokokai-membership-rate'))?.measurement.value,
      'no denominator yet',
    ).toBeNull();
    const wrong = await refusal(
      enterDenominator(t.database.db, staff, 'shokokai', { value: '0', asOf: '2025-06-01', source: '' }),
    );
    expect(wrong.details.map((d) => d.field).sort()).toEqual(['source', 'value']);
    await enterDenominator(t.database.db, staff, 'shokokai', {
      value: '8',
      asOf: '2025-06-01',
      source: '試験用の事業所数',
    });
    const rate = await kpi(fiscalYear, 'shokokai-membership-rate');
    expect(rate?.measurement.value).toBe(37.5);
    expect(rate?.measurement.records[1]).toMatchObject({
      value: 8,
      date: '2025-06-01',
      detail: '試験用の事業所数',
    });
    // a later figure replaces the earlier one from its date on
    await enterDenominator(t.database.db, staff, 'shokokai', {
      value: '6',
      asOf: today,
      source: '試験用の事業所数（改）',
    });
    expect((await kpi(fiscalYear, 'shokokai-membership-rate'))?.measurement.value).toBe(50);
    const page = await (await new TestClient(t.app).logInAs('shokokai')).get('/memberships/statistics');
    const html = await page.text();
    expect(html).toContain('data-rate="50"');
    expect(html).toContain('data-total="2"');
  });
});
