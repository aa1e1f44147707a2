import { and, count, eq, like } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import type { Plan } from '../plan';
import { demoBusinessAccounts, fictionalCorporateNumber } from './demo';
import { registerUnclaimedBusiness } from './profile-service';
import { businesses } from './schema';

// The demo's directory at city scale (issue 4: "a few hundred fictional businesses across
// industries"): every trade below in every place below, each clearly fictional (架空), with kana,
// tags, products and a position near its area's station. Written in the background after the first
// start, one business at a time through the same function as staff use (decision 015's way), so
// that `npm start` answers at once; tests leave it out with the demo's events.

interface Trade {
  major: string;
  middle: string;
  /** the name's ending and its reading */
  stem: [string, string];
  form: 'corporation' | 'sole';
  prefix?: string;
  tags: string[];
  capabilities: string;
  products: string;
}

const trades: Trade[] = [
  {
    major: 'E',
    middle: '09',
    stem: ['菓子店', 'かしてん'],
    form: 'sole',
    tags: ['和菓子', '焼き菓子', '贈答品'],
    capabilities: '季節の生菓子、注文菓子',
    products: 'どら焼き、饅頭、焼き菓子の詰め合わせ',
  },
  {
    major: 'E',
    middle: '09',
    stem: ['ベーカリー', 'べーかりー'],
    form: 'sole',
    tags: ['パン', 'ケータリング', '地元野菜'],
    capabilities: '天然酵母のパン、会議用の軽食',
    products: '食パン、惣菜パン、サンドイッチ',
  },
  {
    major: 'E',
    middle: '10',
    stem: ['醸造', 'じょうぞう'],
    form: 'corporation',
    prefix: '株式会社',
    tags: ['地酒', 'ギフト', '観光'],
    capabilities: '小仕込みの委託醸造、酒蔵見学',
    products: '純米酒、甘酒、酒粕',
  },
  {
    major: 'E',
    middle: '12',
    stem: ['製材所', 'せいざいしょ'],
    form: 'corporation',
    prefix: '有限会社',
    tags: ['多摩産材', '木工', '製材'],
    capabilities: '多摩産材の製材・乾燥、特注寸法',
    products: '構造材、板材、薪',
  },
  {
    major: 'E',
    middle: '13',
    stem: ['木工所', 'もっこうじょ'],
    form: 'sole',
    tags: ['家具', '店舗什器', '多摩産材'],
    capabilities: '一点ものの家具、店舗什器の製作',
    products: 'テーブル、棚、カウンター',
  },
  {
    major: 'E',
    middle: '15',
    stem: ['印刷', 'いんさつ'],
    form: 'corporation',
    prefix: '株式会社',
    tags: ['チラシ', 'パッケージ', 'のぼり'],
    capabilities: '小ロット印刷、デザインから納品まで',
    products: 'チラシ、名刺、商品ラベル',
  },
  {
    major: 'E',
    middle: '18',
    stem: ['化成', 'かせい'],
    form: 'corporation',
    prefix: '株式会社',
    tags: ['射出成形', '樹脂', '試作'],
    capabilities: '小型射出成形、3Dプリンタ試作',
    products: '樹脂部品、ケース',
  },
  {
    major: 'E',
    middle: '24',
    stem: ['製作所', 'せいさくしょ'],
    form: 'corporation',
    prefix: '有限会社',
    tags: ['板金', '溶接', 'ステンレス'],
    capabilities: 'TIG溶接、曲げ加工、レーザー切断',
    products: '架台、看板、厨房機器の部品',
  },
  {
    major: 'E',
    middle: '26',
    stem: ['精機', 'せいき'],
    form: 'corporation',
    prefix: '株式会社',
    tags: ['切削加工', 'アルミ', '試作'],
    capabilities: 'マシニングセンタ、NC旋盤による精密加工',
    products: '治具、機械部品',
  },
  {
    major: 'E',
    middle: '29',
    stem: ['電機', 'でんき'],
    form: 'corporation',
    prefix: '株式会社',
    tags: ['組立', '検査', '配線'],
    capabilities: '制御盤の組立、配線加工',
    products: '制御盤、ハーネス',
  },
  {
    major: 'D',
    middle: '06',
    stem: ['建設', 'けんせつ'],
    form: 'corporation',
    prefix: '株式会社',
    tags: ['リフォーム', '店舗改装', '耐震補強'],
    capabilities: '住宅・店舗の新築と改修',
    products: '店舗改装、住宅リフォーム',
  },
  {
    major: 'D',
    middle: '08',
    stem: ['設備', 'せつび'],
    form: 'corporation',
    prefix: '有限会社',
    tags: ['空調', '給排水', '電気工事'],
    capabilities: '空調・給排水・電気の設備工事',
    products: '業務用エアコンの設置と保守',
  },
  {
    major: 'G',
    middle: '39',
    stem: ['システム', 'しすてむ'],
    form: 'corporation',
    prefix: '合同会社',
    tags: ['ホームページ制作', 'キャッシュレス導入', 'SNS運用'],
    capabilities: '小さなお店のデジタル化の支援',
    products: 'ホームページ、予約システム',
  },
  {
    major: 'H',
    middle: '44',
    stem: ['運送', 'うんそう'],
    form: 'corporation',
    prefix: '株式会社',
    tags: ['配送', '倉庫', 'ルート便'],
    capabilities: '市内のルート配送、小口の保管',
    products: '配送、保管',
  },
  {
    major: 'I',
    middle: '52',
    stem: ['青果', 'せいか'],
    form: 'corporation',
    prefix: '有限会社',
    tags: ['地元野菜', '卸', '配達'],
    capabilities: '市内の農家の野菜の集荷と卸',
    products: '野菜、果物',
  },
  {
    major: 'I',
    middle: '58',
    stem: ['商店', 'しょうてん'],
    form: 'sole',
    tags: ['地酒', 'ギフト', '配達'],
    capabilities: '贈答品の手配、配達',
    products: '酒類、食料品、贈答品',
  },
  {
    major: 'I',
    middle: '60',
    stem: ['金物店', 'かなものてん'],
    form: 'sole',
    tags: ['工具', '金物', '配達'],
    capabilities: '工具の取り寄せ、刃物研ぎ',
    products: '工具、金物、園芸用品',
  },
  {
    major: 'K',
    middle: '68',
    stem: ['不動産', 'ふどうさん'],
    form: 'corporation',
    prefix: '株式会社',
    tags: ['空き店舗', '事業用物件', '賃貸'],
    capabilities: '事業用物件の仲介、空き店舗の相談',
    products: '店舗・事務所の仲介',
  },
  {
    major: 'L',
    middle: '72',
    stem: ['税理士事務所', 'ぜいりしじむしょ'],
    form: 'sole',
    tags: ['記帳', '事業承継', '創業支援'],
    capabilities: '記帳代行、事業承継の相談',
    products: '税務申告、経営相談',
  },
  {
    major: 'L',
    middle: '74',
    stem: ['デザイン', 'でざいん'],
    form: 'sole',
    tags: ['ロゴデザイン', 'パッケージ', '写真撮影'],
    capabilities: '商品写真、ロゴとパッケージのデザイン',
    products: 'ロゴ、パンフレット',
  },
  {
    major: 'M',
    middle: '76',
    stem: ['食堂', 'しょくどう'],
    form: 'sole',
    tags: ['ケータリング', '弁当', '地元野菜'],
    capabilities: '会議・行事の弁当とケータリング',
    products: '定食、弁当、オードブル',
  },
  {
    major: 'M',
    middle: '75',
    stem: ['旅館', 'りょかん'],
    form: 'corporation',
    prefix: '有限会社',
    tags: ['観光', '宴会', '研修'],
    capabilities: '研修・合宿の受け入れ、宴会',
    products: '宿泊、宴会、会議室',
  },
  {
    major: 'N',
    middle: '78',
    stem: ['クリーニング', 'くりーにんぐ'],
    form: 'sole',
    tags: ['ユニフォーム', '業務用洗濯', '配達'],
    capabilities: '作業着・ユニフォームの業務洗濯',
    products: '洗濯、しみ抜き',
  },
  {
    major: 'R',
    middle: '89',
    stem: ['自動車', 'じどうしゃ'],
    form: 'corporation',
    prefix: '有限会社',
    tags: ['車検', '整備', '社用車'],
    capabilities: '社用車の車検・整備、引き取り',
    products: '車検、点検、修理',
  },
];

/** Places of Akiruno (as on the map) with their reading and the plan's area they lie in. */
const places: [string, string, string][] = [
  ['二宮', 'にのみや', 'higashi-akiru'],
  ['野辺', 'のべ', 'higashi-akiru'],
  ['小川', 'おがわ', 'higashi-akiru'],
  ['秋川', 'あきがわ', 'akigawa'],
  ['油平', 'ゆびら', 'akigawa'],
  ['雨間', 'あめま', 'akigawa'],
  ['草花', 'くさばな', 'musashi-hikida'],
  ['引田', 'ひきだ', 'musashi-hikida'],
  ['伊奈', 'いな', 'musashi-masuko'],
  ['五日市', 'いつかいち', 'itsukaichi'],
  ['戸倉', 'とくら', 'itsukaichi'],
  ['養沢', 'ようざわ', 'yozawa'],
];

/** About where each area's businesses are: near its station, in degrees. */
const areaCentres: Record<string, [number, number]> = {
  'higashi-akiru': [35.729, 139.316],
  akigawa: [35.7286, 139.2858],
  'musashi-hikida': [35.728, 139.264],
  'musashi-masuko': [35.73, 139.247],
  itsukaichi: [35.732, 139.225],
  yozawa: [35.765, 139.18],
};

const demoMark = 'デモ用の架空の事業者です';

/** A repeatable spread in [-1, 1), different for each business. */
const spread = (n: number, salt: number) => (((n * 7919 + salt * 104729) % 2000) - 1000) / 1000;

/** The fictional businesses: every trade in every place (288), as the profile form would send them. */
export function demoDirectory(plan: Plan): Record<string, string>[] {
  const areas = new Set(plan.file.areas.map((a) => a.code));
  const shokokai = plan.file.organisations.some((o) => o.code === 'shokokai');
  return trades.flatMap((trade, t) =>
    places.map(([place, reading, area], p) => {
      const n = t * places.length + p;
      const [lat, lng] = areaCentres[area] ?? [35.73, 139.28];
      const name = `${trade.prefix ?? ''}${place}${trade.stem[0]}（架空）`;
      return {
        legalForm: trade.form,
        name,
        kana: `${reading}${trade.stem[1]}`,
        corporateNumber: trade.form === 'corporation' ? fictionalCorporateNumber(1000 + n) : '',
        industryMajor: trade.major,
        industryMiddle: trade.middle,
        address: `あきる野市${place}0-${n + 1}（架空）`,
        area: areas.has(area) ? area : '',
        latitude: (lat + spread(n, 1) * 0.006).toFixed(5),
        longitude: (lng + spread(n, 2) * 0.008).toFixed(5),
        employees: String(1 + (n % 7) * 4),
        foundedYear: String(1950 + ((n * 13) % 70)),
        tags: trade.tags.join('、'),
        capabilities: trade.capabilities,
        products: trade.products,
        description: `${place}の${trade.stem[0]}です（${demoMark}）。`,
        ...(shokokai && n % 3 === 0 ? { 'membership-shokokai': 'on' } : {}),
      };
    }),
  );
}

/**
 * Registers the demo directory where the demo's own businesses are (a first start with the demo),
 * one business at a time, each once (by 法人番号 or name), giving way between two writes to whatever
 * else waits; stops early when `stopped()` says the server closes. Returns how many it registered.
 */
export async function seedDemoDirectory(
  db: Db,
  plan: Plan,
  seeder: Actor,
  options: { stopped?: () => boolean } = {},
): Promise<number> {
  const ofMunicipality = eq(businesses.municipalityCode, plan.municipalityCode);
  const [demo] = await db
    .select({ n: count() })
    .from(businesses)
    .where(and(ofMunicipality, eq(businesses.name, demoBusinessAccounts[0]?.business ?? '')));
  if ((demo?.n ?? 0) === 0) return 0;
  const directory = demoDirectory(plan);
  const [done] = await db
    .select({ n: count() })
    .from(businesses)
    .where(and(ofMunicipality, like(businesses.description, `%${demoMark}%`)));
  let registered = 0;
  for (const values of directory.slice(done?.n ?? 0)) {
    await new Promise((resolve) => setImmediate(resolve));
    if (options.stopped?.()) break;
    await registerUnclaimedBusiness(db, seeder, plan, values);
    registered += 1;
  }
  return registered;
}
