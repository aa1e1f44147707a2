import type { Db } from '../db/connection';
import { findBusinesses } from '../modules/businesses';
import { approveArticle, recordCollaboration, submitArticle, writeArticle } from '../modules/community';
import type { Plan } from '../modules/plan';
import type { Actor } from '../platform/audit';
import type { Role } from '../platform/auth/roles';
import { demoActors } from './people';
import { demoEmail, demoSource } from './seed';

/**
 * 明星大学's fictional students' articles about the demo's shops, published through the community
 * module's own workflow (the 商工会 confirms the facts for shops without an account, the university and
 * the city approve), and the 産学連携 of the past plan years (decision 030). Every write has an
 * idempotency key or is naturally idempotent, so seeding again writes nothing twice.
 */

const articles = [
  {
    shop: '和菓子処 こもれび（架空）',
    title: '朝七時、栗どら焼きが焼きあがる店',
    interviewDate: '2026-06-12',
    body: '秋川沿いの和菓子処を、朝の仕込みの時間に訪ねました。\n\n看板の栗どら焼きは、地元の栗を甘さ控えめに炊いた餡が自慢です。店主は「学生さんにも食べてほしい」と、小さめのサイズも用意しています。',
    summary: '地元の栗の餡を使った栗どら焼きが看板。朝七時から焼きたてが並びます。',
  },
  {
    shop: 'カフェ 秋川テラス（架空）',
    title: '川を眺めるテラス席で、地元野菜のランチ',
    interviewDate: '2026-07-03',
    body: '秋川を見下ろすテラス席が人気のカフェです。\n\nランチには市内の農家から届く野菜を使い、季節ごとに献立が変わります。',
    summary: '秋川を望むテラス席。市内の農家の野菜を使った季節のランチ。',
  },
  {
    shop: '増戸の酒店 みずほ屋（架空）',
    title: '地酒と話せる酒屋さん',
    interviewDate: '2026-07-20',
    body: '武蔵増戸駅から歩いてすぐの酒店。店主が蔵元ごとの味の違いを、飲み比べのように説明してくれます。\n\n贈り物の相談にも乗ってくれるそうです。',
    summary: '武蔵増戸駅近く。店主が地酒の味の違いを教えてくれる酒店。',
  },
];

const collaborations = [
  {
    fiscalYear: 2023,
    kind: 'publicity',
    title: 'グルメマップ2023の学生取材',
    partnersText: '五日市線沿線の飲食店 12店',
  },
  {
    fiscalYear: 2023,
    kind: 'product',
    title: '栗どら焼きの学生向けサイズの開発',
    shop: '和菓子処 こもれび（架空）',
  },
  { fiscalYear: 2023, kind: 'publicity', title: '学生によるSNSでのお店紹介', partnersText: 'あきる野商工会' },
  {
    fiscalYear: 2024,
    kind: 'publicity',
    title: 'グルメマップ2024の学生取材',
    partnersText: '五日市線沿線の飲食店 14店',
  },
  { fiscalYear: 2024, kind: 'product', title: '地元野菜のランチボックス', shop: 'カフェ 秋川テラス（架空）' },
  {
    fiscalYear: 2024,
    kind: 'commercialisation',
    title: 'ランチボックスの駅前販売',
    shop: 'カフェ 秋川テラス（架空）',
  },
  {
    fiscalYear: 2025,
    kind: 'publicity',
    title: 'グルメマップ2025の学生取材',
    partnersText: '五日市線沿線の飲食店 16店',
  },
  {
    fiscalYear: 2025,
    kind: 'product',
    title: '地酒に合う和菓子の詰め合わせ',
    shop: '増戸の酒店 みずほ屋（架空）',
  },
  {
    fiscalYear: 2025,
    kind: 'commercialisation',
    title: '詰め合わせのふるさと納税返礼品化',
    shop: '和菓子処 こもれび（架空）',
  },
  {
    fiscalYear: 2025,
    kind: 'publicity',
    title: '学生による産業祭の出店紹介',
    partnersText: 'あきる野商工会、商店会',
  },
] as const;

async function accountActor(db: Db, plan: Plan, name: string): Promise<Actor | undefined> {
  const row = await db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.email, demoEmail(name)) });
  if (!row || row.municipalityCode !== plan.municipalityCode) return undefined;
  return {
    accountId: row.id,
    name: row.displayName,
    municipalityCode: row.municipalityCode,
    role: row.role as Role,
    organisation: row.organisation,
  };
}

/** Returns how many articles and collaborations it wrote: none when seeded again. */
export async function seedDemoArticles(
  db: Db,
  plan: Plan,
  options: { stopped?: () => boolean } = {},
): Promise<number> {
  const actors = await demoActors(db, plan);
  const student = await accountActor(db, plan, 'student');
  const university = await accountActor(db, plan, 'meisei');
  const staff = actors?.byOrganisation.get('shokokai');
  if (!actors || !student || !university || !staff) return 0;
  const { businesses } = await findBusinesses(
    db,
    plan.municipalityCode,
    { q: '', industry: '', area: '', tag: '', page: 1 },
    { all: true },
  );
  const shopId = (name: string) => businesses.find((b) => b.name === name)?.id;
  let written = 0;
  for (const [i, story] of articles.entries()) {
    const businessId = shopId(story.shop);
    if (options.stopped?.() || businessId === undefined) continue;
    const { article, revision, created } = await writeArticle(db, student, plan, {
      idempotencyKey: `demo-article-${i + 1}`,
      businessId: String(businessId),
      title: story.title,
      body: `${story.body}\n\n（${demoSource}）`,
      summary: story.summary,
      interviewDate: story.interviewDate,
    });
    await submitArticle(db, student, article.id);
    // the shops of the demo have no account: the 商工会 confirms their facts
    for (const reviewer of [staff, university, actors.admin]) {
      await approveArticle(db, reviewer, article.id, revision.id);
    }
    if (created) written += 1;
  }
  for (const [i, c] of collaborations.entries()) {
    if (options.stopped?.()) break;
    const partner = 'shop' in c ? shopId(c.shop) : undefined;
    const { created } = await recordCollaboration(db, staff, plan, {
      idempotencyKey: `demo-collaboration-${i + 1}`,
      kind: c.kind,
      title: c.title,
      fiscalYear: String(c.fiscalYear),
      university: 'meisei',
      partnerBusinessIds: partner === undefined ? [] : [String(partner)],
      partnersText: 'partnersText' in c ? c.partnersText : '',
      outcome: demoSource,
    });
    if (created) written += 1;
  }
  return written;
}
