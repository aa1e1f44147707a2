import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { createAccount } from '../../platform/auth/accounts';
import type { Plan } from '../plan';
import { corporateNumberCheckDigit } from './corporate-number';
import { registerUnclaimedBusiness } from './profile-service';
import { businesses } from './schema';

/**
 * A 法人番号 that no real company has: the 基礎番号 starts with 9999, which is no registry office's
 * code, and the check digit is computed, so the number passes the check like a real one.
 */
export function fictionalCorporateNumber(serial: number): string {
  const base = `9999${String(serial).padStart(8, '0')}`;
  return `${corporateNumberCheckDigit(base)}${base}`;
}

type DemoBusiness = Record<string, string>;

/** Clearly fictional businesses (every name says 架空) across industries and the plan's areas. */
const demoBusinesses: DemoBusiness[] = [
  {
    legalForm: 'sole',
    name: '和菓子処 こもれび（架空）',
    kana: 'わがしどころ こもれび',
    industryMajor: 'E',
    industryMiddle: '09',
    address: 'あきる野市二宮0-0-1（架空）',
    area: 'akigawa',
    latitude: '35.7291',
    longitude: '139.2861',
    employees: '4',
    foundedYear: '1968',
    tags: '和菓子、贈答品、季節の上生菓子',
    products: '季節の上生菓子、どら焼き、のし梅。法事・慶事の詰め合わせに対応します。',
    description: '秋川の湧き水で炊いた餡の和菓子店です。',
    memberships: 'shokokai,shotenkai',
  },
  {
    legalForm: 'corporation',
    name: '株式会社あきがわ精工（架空）',
    kana: 'あきがわせいこう',
    industryMajor: 'E',
    industryMiddle: '26',
    address: 'あきる野市草花0-0-2（架空）',
    area: 'higashi-akiru',
    latitude: '35.7331',
    longitude: '139.3082',
    employees: '28',
    foundedYear: '1979',
    tags: '切削加工、アルミ、ステンレス、試作、5軸マシニング',
    capabilities: '5軸マシニングセンタ3台、CNC旋盤、三次元測定機。ISO 9001。',
    products: '半導体製造装置の部品、治具、試作品の一品加工。',
    description: 'アルミ・ステンレスの精密切削加工を1個から承ります。',
    memberships: 'shokokai',
  },
  {
    legalForm: 'corporation',
    name: '有限会社ますこ板金（架空）',
    kana: 'ますこばんきん',
    industryMajor: 'E',
    industryMiddle: '24',
    address: 'あきる野市伊奈0-0-3（架空）',
    area: 'musashi-masuko',
    latitude: '35.7302',
    longitude: '139.2478',
    employees: '9',
    foundedYear: '1985',
    tags: '板金、溶接、レーザー加工、ステンレス',
    capabilities: 'ファイバーレーザー加工機、TIG溶接。',
    products: '制御盤の筐体、看板の枠、厨房機器の部品。',
    memberships: 'shokokai',
  },
  {
    legalForm: 'sole',
    name: 'ひきだ木工房（架空）',
    kana: 'ひきだもっこうぼう',
    industryMajor: 'E',
    industryMiddle: '13',
    address: 'あきる野市引田0-0-4（架空）',
    area: 'musashi-hikida',
    latitude: '35.7287',
    longitude: '139.2633',
    employees: '2',
    foundedYear: '2012',
    tags: '木工、家具、多摩産材、店舗什器',
    products: '多摩産材の家具、店舗の棚・カウンター製作。',
    memberships: 'shokokai',
  },
  {
    legalForm: 'corporation',
    name: '五日市デザイン印刷株式会社（架空）',
    kana: 'いつかいちでざいんいんさつ',
    industryMajor: 'E',
    industryMiddle: '15',
    address: 'あきる野市五日市0-0-5（架空）',
    area: 'itsukaichi',
    latitude: '35.7318',
    longitude: '139.2262',
    employees: '12',
    foundedYear: '1958',
    tags: 'チラシ、パッケージ、ロゴデザイン、のぼり',
    products: 'チラシ・パンフレット・商品パッケージの企画から印刷まで。',
    description: 'お菓子の箱や掛け紙のデザインも承ります。',
    memberships: 'shokokai,shotenkai',
  },
  {
    legalForm: 'sole',
    name: 'カフェ 秋川テラス（架空）',
    kana: 'かふぇ あきがわてらす',
    industryMajor: 'M',
    industryMiddle: '76',
    address: 'あきる野市秋川0-0-6（架空）',
    area: 'akigawa',
    latitude: '35.7276',
    longitude: '139.2848',
    employees: '5',
    foundedYear: '2019',
    tags: 'カフェ、ケータリング、地元野菜',
    products: 'ランチ、焼き菓子、会議・イベントのケータリング。',
    description: '市内の農家さんの野菜を使ったカフェ。和菓子との組み合わせメニューも検討中。',
    memberships: 'shotenkai',
  },
  {
    legalForm: 'corporation',
    name: 'あきる野ITサポート合同会社（架空）',
    kana: 'あきるのあいてぃーさぽーと',
    industryMajor: 'G',
    industryMiddle: '39',
    address: 'あきる野市油平0-0-7（架空）',
    area: 'akigawa',
    latitude: '35.7262',
    longitude: '139.2907',
    employees: '6',
    foundedYear: '2016',
    tags: 'ホームページ制作、ネットショップ、キャッシュレス導入、SNS運用',
    products: '小さなお店のホームページ・ネットショップ制作、POSレジとキャッシュレス決済の導入支援。',
    memberships: 'shokokai',
  },
  {
    legalForm: 'corporation',
    name: '秋留台建設株式会社（架空）',
    kana: 'あきるだいけんせつ',
    industryMajor: 'D',
    industryMiddle: '06',
    address: 'あきる野市野辺0-0-8（架空）',
    area: 'higashi-akiru',
    latitude: '35.7281',
    longitude: '139.3013',
    employees: '35',
    foundedYear: '1971',
    tags: '店舗改装、リフォーム、外構、耐震補強',
    products: '空き店舗の改装、住宅リフォーム、外構工事。',
    memberships: 'shokokai',
  },
  {
    legalForm: 'sole',
    name: '養沢やまめ園（架空）',
    kana: 'ようざわやまめえん',
    industryMajor: 'B',
    industryMiddle: '04',
    address: 'あきる野市養沢0-0-9（架空）',
    area: 'yozawa',
    latitude: '35.7487',
    longitude: '139.1652',
    employees: '3',
    foundedYear: '1990',
    tags: 'やまめ、釣り体験、甘露煮、観光',
    products: 'やまめの甘露煮、釣り堀、バーベキュー場。',
    memberships: 'shokokai',
  },
  {
    legalForm: 'corporation',
    name: '東あきる物流株式会社（架空）',
    kana: 'ひがしあきるぶつりゅう',
    industryMajor: 'H',
    industryMiddle: '44',
    address: 'あきる野市小川0-0-10（架空）',
    area: 'higashi-akiru',
    latitude: '35.7245',
    longitude: '139.3121',
    employees: '42',
    foundedYear: '1988',
    tags: '配送、倉庫、冷蔵輸送、ルート便',
    products: '市内・多摩地域のルート配送、冷蔵・冷凍品の輸送、一時保管。',
    memberships: 'shokokai',
  },
  {
    legalForm: 'sole',
    name: '増戸の酒店 みずほ屋（架空）',
    kana: 'ますこのさかてん みずほや',
    industryMajor: 'I',
    industryMiddle: '58',
    address: 'あきる野市舘谷0-0-11（架空）',
    area: 'musashi-masuko',
    latitude: '35.7311',
    longitude: '139.2455',
    employees: '2',
    foundedYear: '1952',
    tags: '地酒、ギフト、配達',
    products: '地酒・焼酎・ワイン、和菓子と合わせたギフトセット。',
    memberships: 'shotenkai',
  },
  {
    legalForm: 'corporation',
    name: '株式会社武蔵引田プラスチック（架空）',
    kana: 'むさしひきだぷらすちっく',
    industryMajor: 'E',
    industryMiddle: '18',
    address: 'あきる野市渕上0-0-12（架空）',
    area: 'musashi-hikida',
    latitude: '35.7265',
    longitude: '139.2679',
    employees: '55',
    foundedYear: '1975',
    tags: '射出成形、金型、樹脂、試作、3Dプリンタ',
    capabilities: '射出成形機15台（50〜350t）、3Dプリンタによる試作。',
    products: '樹脂部品の成形、金型の設計・製作。',
    memberships: 'shokokai',
  },
];

/**
 * Demo accounts that keep a business of the directory, so that a newcomer can try 受発注 from both
 * sides: the plastics maker needs parts machined, the machining shop takes the order.
 */
export const demoBusinessAccounts = [
  { email: 'plastic@demo.tsunagu.example', business: '株式会社武蔵引田プラスチック（架空）' },
  { email: 'seiko@demo.tsunagu.example', business: '株式会社あきがわ精工（架空）' },
];

/**
 * The demo directory for `npm start`: fictional businesses, approved; most kept by no account (a
 * business account may claim one), two by the demo accounts above. Registered once: running it again
 * finds each by its 法人番号 or name. Returns the accounts it created, to be printed.
 */
export async function seedDemoBusinesses(
  db: Db,
  plan: Plan,
  seeder: Actor,
  password: string,
): Promise<{ email: string; password: string; role: 'business' }[]> {
  const areas = new Set(plan.file.areas.map((a) => a.code));
  const organisations = new Set(plan.file.organisations.map((o) => o.code));
  const created: { email: string; password: string; role: 'business' }[] = [];
  let serial = 0;
  for (const business of demoBusinesses) {
    serial += 1;
    const { memberships = '', area = '', ...fields } = business;
    const row = await registerUnclaimedBusiness(db, seeder, plan, {
      ...fields,
      area: areas.has(area) ? area : '',
      corporateNumber: fields.legalForm === 'corporation' ? fictionalCorporateNumber(serial) : '',
      memberships: memberships.split(',').filter((m) => organisations.has(m)),
    });
    const owner = demoBusinessAccounts.find((a) => a.business === row.name);
    if (owner && row.accountId === null) {
      const account = await createAccount(db, {
        municipalityCode: plan.municipalityCode,
        email: owner.email,
        displayName: row.name,
        role: 'business',
        password,
      });
      await db.update(businesses).set({ accountId: account.id }).where(eq(businesses.id, row.id));
      created.push({ email: owner.email, password, role: 'business' });
    }
  }
  return created;
}
