import type { Db } from '../db/connection';
import { publicBusinesses, registerUnclaimedBusiness } from '../modules/businesses';
import type { Plan } from '../modules/plan';
import {
  createEdition,
  findShops,
  readEdition,
  recordPrintRun,
  registerShopForBusiness,
  saveEdition,
} from '../modules/shops';
import type { Actor } from '../platform/audit';
import { fiscalYearOf } from '../platform/fiscal-year';
import { demoActors } from './people';

// The demo's shops (decision 029): the directory's shops that serve residents get a category and
// hours, the demo's まちゼミ shops join the directory as shops, and the paper map has an edition a
// year with its print run for the years before this one, and a draft for this year. Everything is
// written through the businesses' and the shops module's functions, each once (by name, by form key).

type Category = 'food' | 'retail' | 'service';
const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** A shop form: the same periods every day but the closed one, and a holiday rule. */
function hoursForm(
  category: Category,
  periods: [string, string][],
  closed: number,
  holidayRule: 'usual' | 'closed' | 'hours' | 'open-shift' = 'usual',
  holiday?: [string, string],
  note = '',
): Record<string, string> {
  const form: Record<string, string> = { category, holidayRule, hoursNote: note };
  days.forEach((day, i) => {
    if (i === closed) {
      form[`${day}-closed`] = 'on';
      return;
    }
    periods.forEach(([opens, closes], n) => {
      form[`${day}-${n + 1}-opens`] = opens;
      form[`${day}-${n + 1}-closes`] = closes;
    });
  });
  if (holiday) {
    form['holiday-1-opens'] = holiday[0];
    form['holiday-1-closes'] = holiday[1];
  }
  return form;
}

/** The demo directory's trades that serve residents, by the end of their names, with their hours. */
const tradeShops: { ending: string; form: (n: number) => Record<string, string> }[] = [
  {
    ending: '菓子店（架空）',
    form: (n) => hoursForm('retail', [['09:00', '18:00']], 2 + (n % 2), 'open-shift', ['09:00', '17:00']),
  },
  { ending: 'ベーカリー（架空）', form: (n) => hoursForm('retail', [['07:00', '17:00']], n % 2 ? 1 : 0) },
  { ending: '青果（架空）', form: () => hoursForm('retail', [['09:30', '19:00']], 0, 'closed') },
  { ending: '商店（架空）', form: (n) => hoursForm('retail', [['10:00', '19:30']], 3 + (n % 2)) },
  {
    ending: '食堂（架空）',
    form: (n) =>
      hoursForm(
        'food',
        [
          ['11:00', '14:30'],
          ['17:00', n % 3 === 0 ? '01:00' : '21:00'],
        ],
        1 + (n % 3),
        'usual',
        undefined,
        'ラストオーダーは閉店の30分前',
      ),
  },
  { ending: 'クリーニング（架空）', form: () => hoursForm('service', [['08:30', '19:00']], 0, 'closed') },
];

/** The demo directory's own shops (demo.ts), by name. */
const ownShops: [string, Record<string, string>][] = [
  [
    '和菓子処 こもれび（架空）',
    hoursForm('retail', [['09:00', '18:00']], 2, 'open-shift', ['09:00', '17:00']),
  ],
  [
    'カフェ 秋川テラス（架空）',
    hoursForm(
      'food',
      [
        ['11:00', '14:00'],
        ['17:00', '23:00'],
      ],
      1,
      'hours',
      ['10:00', '20:00'],
      'ラストオーダー 22:30',
    ),
  ],
  ['増戸の酒店 みずほ屋（架空）', hoursForm('retail', [['10:00', '20:00']], 0, 'closed')],
  [
    '養沢やまめ園（架空）',
    hoursForm('food', [['08:00', '16:00']], 4, 'hours', ['07:00', '17:00'], '冬季（12〜2月）は休園'),
  ],
];

/** The shops of the demo's まちゼミ (src/demo/events.ts), joining the directory as shops. */
const machizemiShops: { name: string; kana: string; major: string; area: string; category: Category }[] = [
  {
    name: '和菓子 秋川堂（架空）',
    kana: 'わがし あきがわどう',
    major: 'I',
    area: 'akigawa',
    category: 'retail',
  },
  {
    name: '花と緑の店 ひきだ（架空）',
    kana: 'はなとみどりのみせ ひきだ',
    major: 'I',
    area: 'musashi-hikida',
    category: 'retail',
  },
  {
    name: 'いつかいち茶舗（架空）',
    kana: 'いつかいちちゃほ',
    major: 'I',
    area: 'itsukaichi',
    category: 'retail',
  },
  {
    name: 'ますこ自転車店（架空）',
    kana: 'ますこじてんしゃてん',
    major: 'I',
    area: 'musashi-masuko',
    category: 'service',
  },
  {
    name: 'パン工房 ひがしあきる（架空）',
    kana: 'ぱんこうぼう ひがしあきる',
    major: 'I',
    area: 'higashi-akiru',
    category: 'retail',
  },
  {
    name: '写真のアトリエ 秋留野（架空）',
    kana: 'しゃしんのあとりえ あきるの',
    major: 'N',
    area: 'akigawa',
    category: 'service',
  },
  {
    name: '酒店 五日市屋（架空）',
    kana: 'さかてん いつかいちや',
    major: 'I',
    area: 'itsukaichi',
    category: 'retail',
  },
  {
    name: '整体院 あきがわ（架空）',
    kana: 'せいたいいん あきがわ',
    major: 'N',
    area: 'akigawa',
    category: 'service',
  },
  {
    name: '手芸の店 こもれび（架空）',
    kana: 'しゅげいのみせ こもれび',
    major: 'I',
    area: 'higashi-akiru',
    category: 'retail',
  },
  {
    name: '八百屋 まるやま（架空）',
    kana: 'やおや まるやま',
    major: 'I',
    area: 'musashi-hikida',
    category: 'retail',
  },
  {
    name: '眼鏡店 みなみ（架空）',
    kana: 'めがねてん みなみ',
    major: 'I',
    area: 'akigawa',
    category: 'retail',
  },
  {
    name: 'そば処 養沢庵（架空）',
    kana: 'そばどころ ようざわあん',
    major: 'M',
    area: 'yozawa',
    category: 'food',
  },
];

/** Print runs of the demo's past editions, about the plan's targets (28,000–30,000). */
const printRuns: Record<number, number> = { 2023: 28000, 2024: 27500, 2025: 30000 };

const placeOf = (plan: Plan, area: string, n: number) => {
  const center = plan.file.areas.find((a) => a.code === area)?.center;
  if (!center) return {};
  // a few hundred metres around the station, different for each shop
  return {
    latitude: (center.latitude + (((n * 37) % 9) - 4) * 0.0009).toFixed(5),
    longitude: (center.longitude + (((n * 53) % 11) - 5) * 0.0011).toFixed(5),
  };
};

/**
 * Writes the demo's shops and paper-map editions (each once); stops between two writes when asked.
 * Returns how many shops and editions it wrote on this call.
 */
export async function seedDemoShops(
  db: Db,
  plan: Plan,
  options: { now?: Date; stopped?: () => boolean } = {},
): Promise<number> {
  const actors = await demoActors(db, plan);
  const staff: Actor | undefined = actors?.byOrganisation.get('shokokai');
  if (!staff || !plan.file.areas.some((a) => a.center)) return 0;
  let written = 0;
  const step = () => new Promise((resolve) => setImmediate(resolve));
  for (const [i, shop] of machizemiShops.entries()) {
    if (options.stopped?.()) return written;
    await step();
    await registerUnclaimedBusiness(db, staff, plan, {
      legalForm: 'sole',
      name: shop.name,
      kana: shop.kana,
      industryMajor: shop.major,
      address: `あきる野市0-${i + 1}（架空）`,
      area: shop.area,
      ...placeOf(plan, shop.area, i),
      description: 'まちゼミの講師も務めるお店です（デモ用の架空のお店です）。',
    });
  }
  const directory = await publicBusinesses(db, plan.municipalityCode);
  const forms: [number, Record<string, string>][] = [];
  for (const [name, form] of ownShops) {
    const found = directory.find((b) => b.name === name);
    if (found) forms.push([found.id, form]);
  }
  machizemiShops.forEach((shop, i) => {
    const found = directory.find((b) => b.name === shop.name);
    const form = hoursForm(shop.category, [['10:00', '18:00']], (i % 6) + 1, i % 2 ? 'closed' : 'usual');
    if (found) forms.push([found.id, form]);
  });
  for (const trade of tradeShops) {
    directory
      .filter((b) => b.name.endsWith(trade.ending))
      .forEach((b, n) => {
        forms.push([b.id, trade.form(n)]);
      });
  }
  for (const [businessId, form] of forms) {
    if (options.stopped?.()) return written;
    await step();
    const { outcome } = await registerShopForBusiness(db, staff, businessId, form);
    if (outcome !== 'unchanged') written += 1;
  }
  written += await seedDemoEditions(db, plan, staff, options);
  return written;
}

/** An edition a year: issued for the years before this one, a draft for this one. */
async function seedDemoEditions(
  db: Db,
  plan: Plan,
  staff: Actor,
  options: { now?: Date; stopped?: () => boolean },
): Promise<number> {
  let written = 0;
  const thisYear = fiscalYearOf(options.now ?? new Date());
  for (
    let fiscalYear = plan.file.period.from;
    fiscalYear <= Math.min(thisYear, plan.file.period.to);
    fiscalYear++
  ) {
    if (options.stopped?.()) return written;
    const form = {
      title: `五日市線沿線グルメマップ ${fiscalYear}（架空）`,
      fiscalYear: String(fiscalYear),
      area: '',
      paper: 'A3',
      introduction: '明星大学の学生がお店を訪ねて選んだ、駅の周辺のお店です（デモ用の架空の版です）。',
      idempotencyKey: `demo:paper-map/${fiscalYear}`,
    };
    const { edition, outcome } = await createEdition(db, staff, plan, form);
    if (outcome === 'created') written += 1;
    if (edition.issuedOn) continue;
    const current = await readEdition(db, plan, edition.id);
    if (current.entries.length === 0) {
      const ticks: Record<string, string> = {};
      const shops = (await findShops(db, plan))
        .filter((s) => s.shop.category !== 'service')
        .filter((_, i) => (i + fiscalYear) % 3 !== 0)
        .slice(0, 40);
      for (const s of shops) {
        ticks[`shop-${s.business.id}`] = 'on';
        ticks[`blurb-${s.business.id}`] = s.business.description.slice(0, 40);
      }
      await saveEdition(db, staff, plan, edition.id, { ...form, ...ticks });
    }
    const copies = printRuns[fiscalYear];
    if (fiscalYear < thisYear && copies) {
      await recordPrintRun(db, staff, plan, edition.id, {
        printRun: String(copies),
        issuedOn: `${fiscalYear}-07-15`,
      });
    }
  }
  return written;
}
