import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import type { Role } from '../../platform/auth/roles';
import { accounts } from '../../platform/schema';
import type { Plan } from '../plan';
import { changeStage } from './lifecycle-service';
import { approveListing, postListing } from './listing-service';

type DemoListing = Record<string, string> & {
  poster: 'shotenkai' | 'admin';
  afterwards?: 'pending' | 'negotiating' | 'startup';
};

/** Clearly fictional vacant properties (every title says 架空) across kinds and the plan's areas. */
const demoListings: DemoListing[] = [
  {
    poster: 'shotenkai',
    kind: 'shop',
    title: '秋川駅北口 1階の空き店舗（架空）',
    address: 'あきる野市秋川0-0-21（架空）',
    area: 'akigawa',
    latitude: '35.7293',
    longitude: '139.2858',
    floorAreaM2: '42.5',
    deal: 'rent',
    priceYen: '85000',
    uses: '飲食可、物販向き、駅近',
    condition: '居抜き（厨房設備・換気扇あり）',
    description: '駅から徒歩3分、商店街の角地です。前はそば店でした。',
    availableFrom: '2027-04-01',
    contactRoute: '商店会事務局が所有者との内見の日程を調整します。',
    ownerName: '架空 所有者A',
    ownerContact: '042-000-0001（架空）',
  },
  {
    poster: 'shotenkai',
    kind: 'house',
    title: '五日市 蔵のある古民家（架空）',
    address: 'あきる野市五日市0-0-22（架空）',
    area: 'itsukaichi',
    latitude: '35.7318',
    longitude: '139.2237',
    floorAreaM2: '128',
    deal: 'rent',
    priceYen: '70000',
    uses: '住居併用、飲食可、ギャラリー向き',
    condition: '要改修（水回りは改修済み）',
    description: '五日市街道沿いの古民家。1階を店舗、2階を住まいにできます。',
    contactRoute: '五日市地区活性化委員会が見学を案内します。',
    ownerName: '架空 所有者B',
    ownerContact: 'owner-b@example.invalid',
  },
  {
    poster: 'shotenkai',
    kind: 'office',
    title: '東秋留駅前 2階の小さな事務所（架空）',
    address: 'あきる野市二宮0-0-23（架空）',
    area: 'higashi-akiru',
    latitude: '35.7242',
    longitude: '139.3029',
    floorAreaM2: '28.3',
    deal: 'rent',
    priceYen: '52000',
    uses: '事務所、教室向き',
    condition: '内装済み',
    contactRoute: '商店会事務局が取り次ぎます。',
    afterwards: 'negotiating',
  },
  {
    poster: 'admin',
    kind: 'factory',
    title: '武蔵引田駅周辺 工場・倉庫（架空）',
    address: 'あきる野市引田0-0-24（架空）',
    area: 'musashi-hikida',
    latitude: '35.7303',
    longitude: '139.2650',
    floorAreaM2: '860',
    deal: 'sale',
    priceYen: '98000000',
    uses: '製造業向き、大型車両可',
    condition: '天井クレーンあり',
    description: '武蔵引田駅周辺地区の工場用地と建物です。企業誘致の相談は商工観光課まで。',
    contactRoute: '商工観光課が所有者との面談を設定します。',
  },
  {
    poster: 'shotenkai',
    kind: 'land',
    title: '武蔵増戸駅近く 店舗向きの土地（架空）',
    address: 'あきる野市伊奈0-0-25（架空）',
    area: 'musashi-masuko',
    latitude: '35.7334',
    longitude: '139.2490',
    floorAreaM2: '210',
    deal: 'sale',
    priceYen: '16500000',
    uses: '店舗向き、駐車場あり',
    contactRoute: '不動産事業者（架空）が案内します。',
    afterwards: 'pending',
  },
  {
    poster: 'shotenkai',
    kind: 'shop',
    title: '秋川駅南口 ベーカリー跡の店舗（架空）',
    address: 'あきる野市油平0-0-26（架空）',
    area: 'akigawa',
    latitude: '35.7268',
    longitude: '139.2861',
    floorAreaM2: '36',
    deal: 'rent',
    priceYen: '78000',
    uses: '飲食可',
    condition: '居抜き（オーブンあり）',
    contactRoute: '商店会事務局が取り次ぎます。',
    afterwards: 'startup',
  },
];

async function actorOfDemo(db: Db, email: string): Promise<Actor | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.email, email));
  if (!row) return undefined;
  return {
    accountId: row.id,
    name: row.displayName,
    municipalityCode: row.municipalityCode,
    role: row.role as Role,
    organisation: row.organisation,
  };
}

/**
 * The demo's vacant properties for `npm start`, posted by the demo 商店会 (the industrial site by the
 * city) and approved by the demo admin, one left awaiting approval, one 商談中, one 成約 by a start-up.
 * Registered once: the idempotency key of each finds it again. Returns how many it created.
 */
export async function seedDemoProperties(
  db: Db,
  plan: Plan,
  emailOf: (name: string) => string,
): Promise<number> {
  const admin = await actorOfDemo(db, emailOf('admin'));
  const association = await actorOfDemo(db, emailOf('shotenkai'));
  if (!admin || !association) return 0;
  let created = 0;
  for (const [i, demo] of demoListings.entries()) {
    const { poster, afterwards, ...fields } = demo;
    const actor = poster === 'admin' ? admin : association;
    const result = await postListing(db, actor, plan, {
      ...fields,
      idempotencyKey: `demo-property-${i + 1}`,
    });
    if (!result.created) continue;
    created += 1;
    if (afterwards === 'pending') continue;
    await approveListing(db, admin, result.listing.id);
    if (afterwards === 'negotiating')
      await changeStage(db, actor, result.listing.id, { stage: 'negotiating' });
    if (afterwards === 'startup')
      await changeStage(db, actor, result.listing.id, { stage: 'contracted', startup: 'on' });
  }
  return created;
}
