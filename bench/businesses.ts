/**
 * How fast the business directory searches and suggests at more than city scale: 10,000 fictional
 * businesses and 2,000 open needs in a fresh database (PGlite in memory, and PostgreSQL when
 * BENCH_DATABASE_URL names an empty database), then SAMPLES searches (Japanese words, kana, filters)
 * and SAMPLES suggestion lists, each timed in the service (no HTTP). Goals (issue 4): p95 under 50 ms
 * for search and under 200 ms for suggestions. Results go to bench/results/businesses.json; nothing
 * is asserted.
 *
 *   npm run bench:businesses   (SAMPLES=200 by default)
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/connection';
import { migrate } from '../src/db/migrate';
import { findBusinesses } from '../src/modules/businesses/directory';
import { industries } from '../src/modules/businesses/industries';
import { suggestionsFor } from '../src/modules/businesses/matching';
import { businessPosts } from '../src/modules/businesses/matching-schema';
import { businesses } from '../src/modules/businesses/schema';
import { bigramsOf, foldForSearch } from '../src/modules/businesses/search-text';
import { summarise } from './startup';

const samples = Number(process.env.SAMPLES ?? 200);
const businessCount = 10_000;
const needCount = 2_000;
const municipalityCode = '132284';
const areas = ['higashi-akiru', 'akigawa', 'musashi-hikida', 'musashi-masuko', 'itsukaichi', 'yozawa'].map(
  (code) => ({ code, name: code }),
);
const words = [
  '切削加工',
  'アルミ',
  'ステンレス',
  '試作',
  '溶接',
  '板金',
  'レーザー加工',
  '射出成形',
  '金型',
  '樹脂',
  '和菓子',
  '洋菓子',
  'パン',
  '惣菜',
  'ケータリング',
  '地酒',
  '印刷',
  'デザイン',
  'ホームページ制作',
  'リフォーム',
  '外構',
  '配送',
  '倉庫',
  '木工',
  '家具',
  '塗装',
  'めっき',
  '研磨',
  '組立',
  '検査',
];
const places = ['二宮', '秋川', '草花', '引田', '伊奈', '五日市', '油平', '野辺', '小川', '養沢'];

/** A repeatable pseudo-random sequence, so that every run loads the same data. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function load(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const ids: number[] = [];
  for (let batch = 0; batch < businessCount / 500; batch++) {
    const rows = Array.from({ length: 500 }, (_, i) => {
      const n = batch * 500 + i;
      const industry = pick(industries);
      const tags = [...new Set([pick(words), pick(words), pick(words)])];
      const name = `ベンチ${pick(words)}${n}（架空）`;
      const description = `${pick(words)}と${pick(words)}を得意とする事業者です。`;
      const text = foldForSearch([name, 'べんち', industry.name, tags.join(' '), description].join(' '));
      return {
        municipalityCode,
        status: 'approved' as const,
        name,
        kana: `べんち${n}`,
        legalForm: 'sole' as const,
        industryMajor: industry.code,
        address: `あきる野市${pick(places)}${n}`,
        area: pick(areas).code,
        tags,
        description,
        searchName: foldForSearch(`${name} べんち${n}`),
        searchText: text,
        searchGrams: bigramsOf(text),
      };
    });
    const inserted = await db.insert(businesses).values(rows).returning({ id: businesses.id });
    ids.push(...inserted.map((r) => r.id));
  }
  for (let batch = 0; batch < needCount / 500; batch++) {
    await db.insert(businessPosts).values(
      Array.from({ length: 500 }, (_, i) => ({
        municipalityCode,
        businessId: pick(ids),
        kind: 'need' as const,
        title: `${pick(words)}をお願いしたい`,
        body: 'ベンチマーク用の発注',
        tags: [...new Set([pick(words), pick(words)])],
        idempotencyKey: `bench-${batch}-${i}`,
      })),
    );
  }
}

async function time<T>(count: number, run: (i: number) => Promise<T>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    out.push(performance.now() - started);
  }
  return out;
}

async function measure(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  const database = await openDatabase(databaseUrl ? { databaseUrl, dataDir: '' } : { dataDir: 'memory://' });
  try {
    await migrate(database);
    const loadStarted = performance.now();
    await load(database.db);
    const loadMs = Math.round(performance.now() - loadStarted);
    const queries = [
      { q: '和菓子' },
      { q: 'ワガシ' },
      { q: 'ｱﾙﾐ' },
      { q: '切削加工 アルミ' },
      { q: 'レーザー' },
      { q: '金型', area: 'akigawa' },
      { q: '', industry: 'E' },
      { q: '', tag: '溶接' },
      { q: 'ベンチ123' },
    ];
    const filter = (i: number) => ({
      q: '',
      industry: '',
      area: '',
      tag: '',
      page: 1,
      ...queries[i % queries.length],
    });
    await time(20, (i) => findBusinesses(database.db, municipalityCode, filter(i)));
    const search = summarise(
      await time(samples, (i) => findBusinesses(database.db, municipalityCode, filter(i))),
    );
    const posts = await database.db.select().from(businessPosts).limit(samples);
    const posters = new Map(
      (await database.db.select().from(businesses).limit(businessCount)).map((b) => [b.id, b]),
    );
    const suggest = (i: number) => {
      const post = posts[i % posts.length];
      const poster = post && posters.get(post.businessId);
      if (!post || !poster) throw new Error('no post to suggest for');
      return suggestionsFor(database.db, post, poster, areas);
    };
    await time(10, suggest);
    const suggestions = summarise(await time(samples, suggest));
    return { kind, loadMs, search, suggestions };
  } finally {
    await database.close();
  }
}

async function main() {
  const results = [await measure('pglite')];
  if (process.env.BENCH_DATABASE_URL) results.push(await measure('postgres', process.env.BENCH_DATABASE_URL));
  const report = {
    at: new Date().toISOString(),
    businesses: businessCount,
    openNeeds: needCount,
    samples,
    machine: { cpus: cpus().length, loadAverage: loadavg().map((n) => Math.round(n * 10) / 10) },
    goals: { searchP95Ms: 50, suggestionsP95Ms: 200 },
    results: results.map(({ search, suggestions, ...r }) => ({
      ...r,
      search: { median: search.median, p95: search.p95, max: search.max },
      suggestions: { median: suggestions.median, p95: suggestions.p95, max: suggestions.max },
    })),
  };
  writeFileSync(
    fileURLToPath(new URL('./results/businesses.json', import.meta.url)),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  for (const r of report.results) {
    console.log(
      `${r.kind}: search median ${r.search.median} ms, p95 ${r.search.p95} ms; suggestions median ${r.suggestions.median} ms, p95 ${r.suggestions.p95} ms (load ${r.loadMs} ms)`,
    );
  }
}

await main();
