import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveBusiness,
  closePost,
  contactAboutPost,
  postNeedOrOffer,
  saveOwnProfile,
} from '../../src/modules/businesses';
import { businessMessages, businessPosts } from '../../src/modules/businesses/matching-schema';
import { businessStatistics } from '../../src/modules/businesses/statistics';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { fiscalYearOf } from '../../src/platform/fiscal-year';
import { testDatabaseKinds } from '../support/databases';
import type { TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

describe.each(testDatabaseKinds())("the 商工会's statistics of needs (%s)", (kind) => {
  let t: TestInstance;
  const year = fiscalYearOf(new Date());
  const businessOf = async (key: string, industryMajor: string, industryMiddle: string): Promise<Actor> => {
    const plan = t.plans.defaultPlan;
    const account = await createAccount(t.database.db, {
      municipalityCode: plan.municipalityCode,
      email: `statistics-${key}@example.test`,
      displayName: `統計テスト ${key}（架空）`,
      role: 'business',
      password: 'statistics-test-2026',
    });
    const actor: Actor = {
      accountId: account.id,
      name: account.displayName,
      municipalityCode: plan.municipalityCode,
      role: 'business',
      organisation: null,
    };
    const { business } = await saveOwnProfile(t.database.db, actor, plan, {
      legalForm: 'sole',
      name: `統計テスト ${key}（架空）`,
      kana: key === 'maker' ? 'とうけいてすとせいぞう' : 'とうけいてすとけんせつ',
      industryMajor,
      industryMiddle,
      address: 'あきる野市二宮0-0-80（架空）',
      tags: '溶接',
    });
    await approveBusiness(t.database.db, await actorOf(t, 'admin'), business.id);
    return actor;
  };

  beforeAll(async () => {
    t = await startInstance(kind);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('counts needs posted, still open and answered by industry, and the median hours to the first answer', async () => {
    const before = await businessStatistics(t.database.db, t.plans.defaultPlan.municipalityCode, year);
    const maker = await businessOf('maker', 'E', '24');
    const builder = await businessOf('builder', 'D', '06');
    const need = (key: string) =>
      postNeedOrOffer(t.database.db, maker, {
        kind: 'need',
        title: `統計テストの発注 ${key}`,
        body: '溶接の外注',
        tags: '溶接',
        idempotencyKey: `statistics-${key}`,
      }).then((r) => r.post);
    const answeredIn6h = await need('a');
    const answeredIn2h = await need('b');
    const closedUnanswered = await need('c');
    await need('d');
    for (const [post, hours] of [
      [answeredIn6h, 6],
      [answeredIn2h, 2],
    ] as const) {
      const { thread } = await contactAboutPost(t.database.db, builder, post.id, {
        body: '対応できます',
        idempotencyKey: `statistics-reply-${post.id}`,
      });
      const [message] = await t.database.db
        .select()
        .from(businessMessages)
        .where(eq(businessMessages.threadId, thread.id));
      await t.database.db
        .update(businessPosts)
        .set({ createdAt: new Date((message?.createdAt ?? new Date()).getTime() - hours * 3_600_000) })
        .where(eq(businessPosts.id, post.id));
    }
    await closePost(t.database.db, maker, closedUnanswered.id);
    const after = await businessStatistics(t.database.db, t.plans.defaultPlan.municipalityCode, year);
    expect(after.totals.needs - before.totals.needs).toBe(4);
    expect(after.totals.openNeeds - before.totals.openNeeds).toBe(3);
    expect(after.totals.answeredNeeds - before.totals.answeredNeeds).toBe(2);
    expect(before.totals.answeredNeeds).toBe(0);
    expect(after.totals.medianHoursToFirstAnswer).toBe(4);
    const manufacturing = after.rows.find((r) => r.industry === 'E');
    expect(manufacturing).toMatchObject({ needs: 4, openNeeds: 3, answeredNeeds: 2 });
    expect(after.rows.find((r) => r.industry === 'D')?.needs ?? 0).toBe(0);
  });
});
