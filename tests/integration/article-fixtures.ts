import { approveBusiness, ownProfile, saveOwnProfile } from '../../src/modules/businesses';
import type { Actor } from '../../src/platform/audit';
import type { TestInstance } from '../support/harness';
import { matrixBusinessForm } from './businesses-routes';
import { actorOf } from './helpers';

/** An article as a student's form sends it. */
export const articleForm = (overrides: Record<string, string> = {}) => ({
  idempotencyKey: `article-${Math.random().toString(36).slice(2, 12)}`,
  title: '秋川の朝を支える和菓子屋さん（架空）',
  body: '創業五十年の和菓子店を訪ねました。\n\n看板商品の栗どら焼きは、地元の栗を使っています。',
  summary: '地元の栗を使った栗どら焼きが看板の和菓子店。',
  interviewDate: '2026-10-01',
  ...overrides,
});

/** The shop the demo business account keeps, approved (created the first time). */
export async function demoShop(t: TestInstance): Promise<{ owner: Actor; businessId: number }> {
  const owner = await actorOf(t, 'business');
  const kept = await ownProfile(t.database.db, owner);
  if (kept) return { owner, businessId: kept.id };
  const { business } = await saveOwnProfile(
    t.database.db,
    owner,
    t.plans.defaultPlan,
    matrixBusinessForm('記事テスト 和菓子（架空）'),
  );
  await approveBusiness(t.database.db, await actorOf(t, 'admin'), business.id);
  return { owner, businessId: business.id };
}

/** The demo's university staff (明星大学), who are not one of the matrix's demo accounts. */
export async function universityStaff(t: TestInstance): Promise<Actor> {
  const row = await t.database.db.query.accounts.findFirst({
    where: (a, { eq }) => eq(a.email, 'meisei@demo.tsunagu.example'),
  });
  if (!row) throw new Error('no demo account meisei');
  return {
    accountId: row.id,
    name: row.displayName,
    municipalityCode: row.municipalityCode,
    role: 'association',
    organisation: row.organisation,
  };
}
