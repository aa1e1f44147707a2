import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleMetrics } from '../../src/bootstrap';
import {
  approveArticle,
  recordCollaboration,
  submitArticle,
  writeArticle,
} from '../../src/modules/community';
import { collaborationsMetric } from '../../src/modules/community/metrics';
import { communityCollaborations } from '../../src/modules/community/schema';
import type { Actor } from '../../src/platform/audit';
import { testDatabaseKinds } from '../support/databases';
import type { TestInstance } from '../support/harness';
import { articleForm, demoShop, universityStaff } from './article-fixtures';
import { actorOf, refusal, startInstance } from './helpers';

describe.each(testDatabaseKinds())('産学連携 (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;
  let businessId: number;
  const db = () => t.database.db;
  const plan = () => t.plans.defaultPlan;
  const recorded = async () => (await db().select({ n: count() }).from(communityCollaborations))[0]?.n ?? 0;
  const collaboration = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `collaboration-${Math.random().toString(36).slice(2, 12)}`,
    kind: 'product',
    title: '栗どら焼きの新しい箱（架空）',
    fiscalYear: '2024',
    university: 'meisei',
    partnerBusinessIds: [String(businessId)],
    partnersText: '',
    outcome: '秋の限定商品として販売',
    ...overrides,
  });
  const measure = async (fiscalYear: number, params: Record<string, string | number | boolean> = {}) => {
    const project = plan().projects.find((p) => p.code === 'industry-academia');
    if (!project) throw new Error('no industry-academia project');
    const [m] = await collaborationsMetric.measure(db(), { plan: plan(), fiscalYear }, [
      {
        subject: { kind: 'project', code: project.code } as never,
        binding: { key: 'community.collaborations', params },
      },
    ]);
    return m;
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await actorOf(t, 'shokokai');
    businessId = (await demoShop(t)).businessId;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('counts each recorded collaboration as 1 in its fiscal year, with its record', async () => {
    expect((await measure(2023))?.value).toBeNull();
    await recordCollaboration(db(), staff, plan(), collaboration({ fiscalYear: '2023' }));
    await recordCollaboration(
      db(),
      staff,
      plan(),
      collaboration({ fiscalYear: '2023', kind: 'commercialisation', title: '駅前での販売（架空）' }),
    );
    await recordCollaboration(
      db(),
      staff,
      plan(),
      collaboration({
        fiscalYear: '2024',
        kind: 'publicity',
        title: 'SNS発信（架空）',
        partnerBusinessIds: [],
        partnersText: '商店会',
      }),
    );
    const fy2023 = await measure(2023);
    expect(fy2023?.value).toBe(2);
    expect(fy2023?.records.map((r) => r.label)).toEqual([
      '商品開発：栗どら焼きの新しい箱（架空）',
      '事業化：駅前での販売（架空）',
    ]);
    expect(fy2023?.records[0]?.href).toMatch(/^\/collaborations\?fy=2023#collaboration-\d+$/);
    expect((await measure(2024))?.value).toBe(1);
    expect((await measure(2023, { kind: 'product' }))?.value).toBe(1);
  });

  it('counts each article published in the year as 情報発信 when the plan says so', async () => {
    const student = await actorOf(t, 'student');
    const { owner } = await demoShop(t);
    const university = await universityStaff(t);
    const admin = await actorOf(t, 'admin');
    const fiscalYear = plan().fiscalYears.find((fy) => fy === 2026) as number;
    const before = (await measure(fiscalYear))?.value ?? 0;
    const { article, revision } = await writeArticle(db(), student, plan(), {
      ...articleForm({ title: '情報発信に数える記事（架空）' }),
      businessId: String(businessId),
    });
    await submitArticle(db(), student, article.id);
    for (const reviewer of [owner, university, admin])
      await approveArticle(db(), reviewer, article.id, revision.id);
    expect((await measure(fiscalYear))?.value ?? 0).toBe(before);
    const counted = await measure(fiscalYear, { articlesAsPublicity: true });
    expect(counted?.value).toBe(before + 1);
    expect(counted?.records.at(-1)).toMatchObject({
      label: '情報発信（学生記事）：情報発信に数える記事（架空）',
      href: `/articles/${article.id}`,
    });
    expect((await measure(fiscalYear, { articlesAsPublicity: true, kind: 'product' }))?.value ?? 0).toBe(0);
  });

  it('records a collaboration once when its form is sent twice', async () => {
    const form = collaboration({ title: '二度送った連携（架空）' });
    const first = await recordCollaboration(db(), staff, plan(), form);
    const before = await recorded();
    const again = await recordCollaboration(db(), staff, plan(), form);
    expect(again).toMatchObject({ created: false, collaboration: { id: first.collaboration.id } });
    expect(await recorded()).toBe(before);
  });

  it('refuses bad input with every problem at once and records nothing', async () => {
    const before = await recorded();
    const bad = await refusal(
      recordCollaboration(
        db(),
        staff,
        plan(),
        collaboration({ kind: 'party', title: '', fiscalYear: '2099', university: 'nowhere' }),
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.details.map((d) => d.field).sort()).toEqual(['fiscalYear', 'kind', 'title', 'university']);
    const noPartner = await refusal(
      recordCollaboration(db(), staff, plan(), collaboration({ partnerBusinessIds: [], partnersText: '' })),
    );
    expect(noPartner.details[0]?.field).toBe('partnerBusinessIds');
    const unknown = await refusal(
      recordCollaboration(db(), staff, plan(), collaboration({ partnerBusinessIds: ['999999'] })),
    );
    expect(unknown.details[0]?.field).toBe('partnerBusinessIds');
    expect(await recorded()).toBe(before);
  });

  it('is registered among the module metrics', () => {
    expect(moduleMetrics().get('community.collaborations')).toBeDefined();
  });
});
