import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveBusiness,
  confirmDeal,
  contactAboutPost,
  postNeedOrOffer,
  readThread,
  recordDeal,
  saveOwnProfile,
  sendMessage,
  suggestionsFor,
} from '../../src/modules/businesses';
import {
  businessMessages,
  businessPosts,
  businessThreads,
} from '../../src/modules/businesses/matching-schema';
import type { MetricRequest } from '../../src/modules/plan/metric-registry';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { fiscalYearOf, todayInJapan } from '../../src/platform/fiscal-year';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

let serial = 0;

describe.each(testDatabaseKinds())('受発注: needs, suggestions, private threads and deals (%s)', (kind) => {
  let t: TestInstance;
  let buyer: Actor;
  let seller: Actor;
  let outsider: Actor;
  let sellerEmail = '';
  let outsiderEmail = '';
  const plan = () => t.plans.defaultPlan;

  /** A business account with an approved profile of the given tags. */
  async function businessWith(name: string, tags: string, area = 'akigawa'): Promise<[Actor, string]> {
    serial += 1;
    const email = `matching-${serial}@example.test`;
    const account = await createAccount(t.database.db, {
      municipalityCode: plan().municipalityCode,
      email,
      displayName: name,
      role: 'business',
      password: 'matching-test-2026',
    });
    const actor: Actor = {
      accountId: account.id,
      name,
      municipalityCode: account.municipalityCode,
      role: 'business',
      organisation: null,
    };
    const { business } = await saveOwnProfile(t.database.db, actor, plan(), {
      legalForm: 'sole',
      name,
      kana: 'てすと',
      industryMajor: 'E',
      industryMiddle: '26',
      address: `あきる野市二宮0-0-${serial}（架空）`,
      area,
      tags,
    });
    await approveBusiness(t.database.db, await actorOf(t, 'admin'), business.id);
    return [actor, email];
  }

  const written = async () => {
    const db = t.database.db;
    const [[a], [b], [c], [d]] = await Promise.all([
      db.select({ n: count() }).from(businessPosts),
      db.select({ n: count() }).from(businessThreads),
      db.select({ n: count() }).from(businessMessages),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { posts: a?.n, threads: b?.n, messages: c?.n, audit: d?.n };
  };

  const need = (overrides: Record<string, string> = {}) => ({
    kind: 'need',
    title: 'アルミ部品の切削加工を頼みたい',
    body: '食品機械の部品、アルミ A5052、月20個。図面あり。',
    tags: '切削加工、アルミ',
    quantity: '月20個',
    budgetMinYen: '100000',
    budgetMaxYen: '300000',
    localOnly: 'on',
    idempotencyKey: `need-${++serial}`,
    ...overrides,
  });

  const logInWith = async (email: string) => {
    const client = new TestClient(t.app);
    const response = await client.postForm('/login', { email, password: 'matching-test-2026' });
    expect(response.status).toBe(303);
    return client;
  };

  const measure = async (key: string, fiscalYear: number) => {
    const source = t.metrics.get(key);
    if (!source) throw new Error(`${key} is not registered`);
    const [m] = await source.measure(t.database.db, { plan: plan(), fiscalYear }, [
      { subject: {} as MetricRequest['subject'], binding: { key, params: {} } },
    ]);
    return m?.value ?? null;
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    [buyer] = await businessWith('試験 食品機械（架空）', '食品機械、組立');
    [seller, sellerEmail] = await businessWith('試験 切削所（架空）', '切削加工、アルミ、旋盤');
    [outsider, outsiderEmail] = await businessWith('試験 第三者（架空）', '印刷');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses an empty need with a clear message and writes nothing', async () => {
    const before = await written();
    const error = await refusal(
      postNeedOrOffer(t.database.db, buyer, need({ title: '', body: '', tags: '' })),
    );
    expect(error.status).toBe(422);
    const messages = error.details.map((d) => d.message.ja).join('\n');
    expect(messages).toContain('件名: 件名を入力してください。');
    expect(messages).toContain('内容: 内容を入力してください');
    expect(messages).toContain('技術・品目（タグ）: 技術や品目をタグで1つ以上入力してください');
    expect(await written()).toEqual(before);
  });

  it('refuses a budget whose upper end is below the lower one', async () => {
    const error = await refusal(
      postNeedOrOffer(t.database.db, buyer, need({ budgetMinYen: '500000', budgetMaxYen: '1000' })),
    );
    expect(error.details[0]?.field).toBe('budgetMaxYen');
  });

  it('stores a need sent twice once', async () => {
    const sent = need({ title: '二重送信の発注（架空）' });
    const [one, two] = await Promise.all([
      postNeedOrOffer(t.database.db, buyer, sent),
      postNeedOrOffer(t.database.db, buyer, sent),
    ]);
    expect(two.post.id).toBe(one.post.id);
    expect([one.repeated, two.repeated].sort()).toEqual([false, true]);
  });

  it('suggests the businesses whose tags match, explained, best first, never the poster', async () => {
    const { post } = await postNeedOrOffer(t.database.db, buyer, need());
    const mine = (await t.database.db.query.businesses.findFirst({
      where: (b, { eq }) => eq(b.accountId, buyer.accountId ?? 0),
    })) as NonNullable<Awaited<ReturnType<typeof t.database.db.query.businesses.findFirst>>>;
    const suggestions = await suggestionsFor(t.database.db, post, mine, plan().file.areas);
    const names = suggestions.map((s) => s.business.name);
    expect(names).toContain('試験 切削所（架空）');
    expect(names).toContain('株式会社あきがわ精工（架空）');
    expect(names).not.toContain('試験 食品機械（架空）');
    expect(names).not.toContain('試験 第三者（架空）');
    // same tags, and the same area as the poster: the test's cutting shop comes first
    expect(names[0]).toBe('試験 切削所（架空）');
    const reasons = suggestions[0]?.reasons.map((r) => r.ja) ?? [];
    expect(reasons).toContain('「切削加工」「アルミ」が一致');
    expect(reasons).toContain('同じ地区（秋川駅周辺）');
  });

  describe('a private thread between the two businesses', () => {
    let threadId = 0;

    it('opens with the poster contacting a suggested business; the same message twice is stored once', async () => {
      const { post } = await postNeedOrOffer(
        t.database.db,
        buyer,
        need({ title: 'スレッド用の発注（架空）' }),
      );
      const sellerBusiness = await t.database.db.query.businesses.findFirst({
        where: (b, { eq }) => eq(b.accountId, seller.accountId ?? 0),
      });
      const message = {
        businessId: String(sellerBusiness?.id),
        body: '図面をお送りしたいのですが、見積もりは可能でしょうか。（秘密の内容）',
        idempotencyKey: 'thread-first-message',
      };
      const first = await contactAboutPost(t.database.db, buyer, post.id, message);
      const again = await contactAboutPost(t.database.db, buyer, post.id, message);
      expect(again.thread.id).toBe(first.thread.id);
      expect(again.sent).toBe(false);
      threadId = first.thread.id;
      await sendMessage(t.database.db, seller, threadId, { body: '可能です。', idempotencyKey: 'reply-1' });
      const seen = await readThread(t.database.db, seller, threadId);
      expect(seen.messages.map((m) => m.body)).toEqual([message.body, '可能です。']);
    });

    it('is read by nobody else: another business, staff, admins and visitors are refused', async () => {
      expect((await refusal(readThread(t.database.db, outsider, threadId))).status).toBe(404);
      expect(
        (
          await refusal(
            sendMessage(t.database.db, outsider, threadId, { body: 'x', idempotencyKey: 'intrude-1' }),
          )
        ).status,
      ).toBe(404);
      const path = `/businesses/threads/${threadId}`;
      const other = await logInWith(outsiderEmail);
      expect((await other.get(path)).status).toBe(404);
      for (const who of ['admin', 'shokokai', 'bista', 'resident'] as const) {
        const client = await new TestClient(t.app).logInAs(who);
        const response = await client.get(path);
        expect(response.status, who).toBe(403);
        expect(await response.text()).not.toContain('秘密の内容');
      }
      expect((await new TestClient(t.app).get(path)).status).toBe(401);
      const party = await logInWith(sellerEmail);
      const page = await party.get(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toContain('no-store');
      expect(await page.text()).toContain('秘密の内容');
      // the audit log says a message was sent, not what it said
      const entries = await t.database.db.select().from(auditLog);
      expect(JSON.stringify(entries)).not.toContain('秘密の内容');
    });

    it('records a deal by one side that counts only once the other confirms it', async () => {
      const today = todayInJapan();
      const year = fiscalYearOf(new Date());
      const countBefore = (await measure('businesses.localDeals', year)) ?? 0;
      const amountBefore = (await measure('businesses.localDealAmount', year)) ?? 0;
      const bad = await refusal(
        recordDeal(t.database.db, seller, threadId, {
          dealOn: '2999-01-01',
          amountYen: '12.5',
          idempotencyKey: 'deal-bad',
        }),
      );
      expect(bad.details.map((d) => d.field).sort()).toEqual(['amountYen', 'dealOn']);
      const sent = { dealOn: today, amountYen: '250,000', idempotencyKey: 'deal-1' };
      const [one, two] = await Promise.all([
        recordDeal(t.database.db, seller, threadId, sent),
        recordDeal(t.database.db, seller, threadId, sent),
      ]);
      expect(two.deal.id).toBe(one.deal.id);
      expect(one.deal.amountYen).toBe(250000);
      expect((await measure('businesses.localDeals', year)) ?? 0).toBe(countBefore);
      expect((await refusal(confirmDeal(t.database.db, seller, one.deal.id))).status).toBe(409);
      expect((await refusal(confirmDeal(t.database.db, outsider, one.deal.id))).status).toBe(404);
      expect(await confirmDeal(t.database.db, buyer, one.deal.id)).toBe('confirmed');
      expect(await confirmDeal(t.database.db, buyer, one.deal.id)).toBe('already');
      expect(await measure('businesses.localDeals', year)).toBe(countBefore + 1);
      expect(await measure('businesses.localDealAmount', year)).toBe(amountBefore + 250000);
    });

    it("shows staff the statistics by industry, with the deal under the seller's industry", async () => {
      const staff = await new TestClient(t.app).logInAs('shokokai');
      const page = await staff.get(`/businesses/statistics?fy=${fiscalYearOf(new Date())}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toMatch(/<tr data-industry="E">[\s\S]*?<\/tr>/);
      expect(/data-field="deals">(\d+)</.exec(html)?.[1]).not.toBe('0');
      expect(html).not.toContain('秘密の内容');
      const business = await new TestClient(t.app).logInAs('business');
      expect((await business.get('/businesses/statistics')).status).toBe(403);
    });
  });
});
