import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { bilingual, fieldProblem, parseQuery } from '../../platform/validation';
import { ownProfile, type PublicBusiness, publicBusinesses } from '../businesses';
import { type UpcomingCourse, upcomingCampaignCourses } from '../events';
import type { Plan } from '../plan';
import { acceptingBusinessIds } from '../points';
import { type DayKind, japanClock, type OpeningState, openingStateAt, type Period, periodsOn } from './hours';
import { type ShopCategory, type ShopProfileRow, shopCategories, shopProfiles } from './schema';
import { openingHoursOf, parseShopForm, type ShopInput } from './shop-input';

export const shopNotFound = notFound({ ja: 'お店', en: 'The shop' });

/** An area of the plan file, with the point it is found by on a map. */
export interface PlanArea {
  code: string;
  name: string;
  nameEn?: string | undefined;
  center?: { latitude: number; longitude: number } | undefined;
}

/**
 * The station area (地区) of a shop: the one its business chose in the directory, or else the area
 * whose centre (its station) is nearest to the business's position; none without either.
 */
export function stationAreaOf(
  business: Pick<PublicBusiness, 'area' | 'latitude' | 'longitude'>,
  areas: readonly PlanArea[],
): string | null {
  if (business.area && areas.some((a) => a.code === business.area)) return business.area;
  const { latitude, longitude } = business;
  if (latitude === null || longitude === null) return null;
  // degrees of longitude are shorter than degrees of latitude by cos(latitude): about 0.81 here
  const squeeze = Math.cos((latitude * Math.PI) / 180);
  let nearest: { code: string; d: number } | null = null;
  for (const area of areas) {
    if (!area.center) continue;
    const dLat = area.center.latitude - latitude;
    const dLng = (area.center.longitude - longitude) * squeeze;
    const d = dLat * dLat + dLng * dLng;
    if (!nearest || d < nearest.d) nearest = { code: area.code, d };
  }
  return nearest?.code ?? null;
}

/** A shop as residents find it: its business's public fields, its hours and today's state. */
export interface ShopListing {
  business: PublicBusiness;
  shop: ShopProfileRow;
  area: string | null;
  state: OpeningState;
  today: { date: string; periods: Period[]; kind: DayKind };
  runocard: boolean;
  /** its まちゼミ courses still to come */
  courses: UpcomingCourse[];
}

export interface ShopFilter {
  category: ShopCategory | '';
  area: string;
  openNow: boolean;
  runocard: boolean;
  machizemi: boolean;
}

export const noShopFilter: ShopFilter = {
  category: '',
  area: '',
  openNow: false,
  runocard: false,
  machizemi: false,
};

const flag = (ja: string, en: string) =>
  z.enum(['', '1'], bilingual(ja, en)).optional().describe('1: only these shops');

/** The filters of the shop map and of GET /api/v1/shops. */
export const ShopQuerySchema = z.object({
  category: z
    .enum(
      ['', ...shopCategories],
      bilingual('お店の種類を一覧から選んでください。', 'Choose a kind of shop from the list.'),
    )
    .optional()
    .describe('food (飲食), retail (小売) or service (サービス)'),
  area: z.string().max(100).optional().describe("A station area: an area code of the plan file's areas"),
  open: flag('「いま営業中」は、チェックするかしないかです。', '“Open now” is ticked or not.').describe(
    '1: open now, in Japan time',
  ),
  runocard: flag('「るのかーど」は、チェックするかしないかです。', '“るのかーど” is ticked or not.').describe(
    '1: approved るのかーど shops only',
  ),
  machizemi: flag(
    '「まちゼミの講師」は、チェックするかしないかです。',
    '“まちゼミ” is ticked or not.',
  ).describe('1: shops teaching a まちゼミ course still to come'),
});

const queryLabels = {
  category: { ja: 'お店の種類', en: 'Kind of shop' },
  area: { ja: '駅の周辺（地区）', en: 'Station area' },
  open: { ja: 'いま営業中', en: 'Open now' },
  runocard: { ja: 'るのかーど', en: 'るのかーど' },
  machizemi: { ja: 'まちゼミの講師', en: 'まちゼミ teacher' },
};

/** The shop map's query, checked: a bad parameter is a 400 that says which, in both languages. */
export function parseShopQuery(
  query: Record<string, string | undefined>,
  areas: readonly { code: string }[],
): ShopFilter {
  const parsed = parseQuery(ShopQuerySchema, query, queryLabels);
  const area = parsed.area ?? '';
  if (area && !areas.some((a) => a.code === area)) {
    throw fieldProblem(
      'area',
      queryLabels.area,
      { ja: '地区を一覧から選んでください。', en: 'Choose an area from the list.' },
      400,
    );
  }
  return {
    category: parsed.category ?? '',
    area,
    openNow: parsed.open === '1',
    runocard: parsed.runocard === '1',
    machizemi: parsed.machizemi === '1',
  };
}

/** A course is its shop's: the business its account keeps, or one of the shop name it gives. */
const teaches = (business: PublicBusiness, course: UpcomingCourse) =>
  (business.accountId !== null && course.accountId === business.accountId) ||
  course.shopName === business.name;

/**
 * The shops of a municipality (every approved business with a shop profile), in kana order, with
 * what the map's filters ask: category, station area, open at `now`, taking るのかーど (the points
 * module's approved shops) and teaching a まちゼミ course still to come (the events module's).
 */
export async function findShops(
  db: Queryable,
  plan: Plan,
  filter: ShopFilter = noShopFilter,
  now: Date = new Date(),
  only?: readonly number[],
): Promise<ShopListing[]> {
  const code = plan.municipalityCode;
  const profiles = await db
    .select()
    .from(shopProfiles)
    .where(
      and(
        eq(shopProfiles.municipalityCode, code),
        filter.category ? eq(shopProfiles.category, filter.category) : undefined,
        only ? inArray(shopProfiles.businessId, only.length > 0 ? [...only] : [-1]) : undefined,
      ),
    );
  if (profiles.length === 0) return [];
  const byBusiness = new Map(profiles.map((p) => [p.businessId, p]));
  const [found, accepting, courses] = await Promise.all([
    publicBusinesses(db, code, [...byBusiness.keys()]),
    acceptingBusinessIds(db, code),
    upcomingCampaignCourses(db, code, now),
  ]);
  const runocard = new Set(accepting);
  const { date } = japanClock(now);
  const listings: ShopListing[] = [];
  for (const business of found) {
    const shop = byBusiness.get(business.id) as ShopProfileRow;
    const hours = openingHoursOf(shop);
    listings.push({
      business,
      shop,
      area: stationAreaOf(business, plan.file.areas),
      state: openingStateAt(hours, now),
      today: { date, ...periodsOn(hours, date) },
      runocard: runocard.has(business.id),
      courses: courses.filter((c) => teaches(business, c)),
    });
  }
  return listings.filter(
    (s) =>
      (!filter.area || s.area === filter.area) &&
      (!filter.openNow || s.state.open) &&
      (!filter.runocard || s.runocard) &&
      (!filter.machizemi || s.courses.length > 0),
  );
}

/** One shop's listing for its page; 404 when the business is not public or keeps no shop profile. */
export async function readShop(db: Queryable, plan: Plan, businessId: number, now: Date = new Date()) {
  const [listing] = await findShops(db, plan, noShopFilter, now, [businessId]);
  if (!listing) throw shopNotFound;
  return listing;
}

function onlyBusinesses(actor: Actor) {
  if (actor.role !== 'business' || actor.accountId === null) {
    throw new UserError('forbidden', 403, {
      ja: 'お店の情報は、事業者のアカウントで登録してください。',
      en: 'Register shop details with a business account.',
    });
  }
}

const profileRequired = new UserError('business_profile_required', 422, {
  ja: '先に「自社の事業者情報」で事業者情報を登録してください。お店の情報はその事業者に付きます。',
  en: 'Register your business profile first (under “Your business”). The shop details belong to it.',
});

/** A business account's own business and its shop profile, if any. */
export async function ownShop(db: Queryable, actor: Actor) {
  const business = await ownProfile(db, actor);
  if (!business) return { business: undefined, shop: undefined };
  const [shop] = await db.select().from(shopProfiles).where(eq(shopProfiles.businessId, business.id));
  return { business, shop };
}

export type ShopSaveOutcome = 'created' | 'updated' | 'unchanged';

/** Writes a checked shop form for a business: created, changed (audited) or left as it was. */
async function writeShopProfile(
  tx: Queryable,
  actor: Actor,
  businessId: number,
  input: ShopInput,
): Promise<{ shop: ShopProfileRow; outcome: ShopSaveOutcome }> {
  const columns = {
    category: input.category,
    hours: { week: input.hours.week, holiday: input.hours.holiday },
    holidayRule: input.hours.holidayRule,
    hoursNote: input.hoursNote,
  };
  const [shop] = await tx
    .select()
    .from(shopProfiles)
    .where(eq(shopProfiles.businessId, businessId))
    .for('update');
  const entity = { entityType: 'shop', entityKey: String(businessId) };
  if (shop) {
    const before = {
      category: shop.category,
      hours: shop.hours,
      holidayRule: shop.holidayRule,
      hoursNote: shop.hoursNote,
    };
    if (JSON.stringify(before) === JSON.stringify(columns)) return { shop, outcome: 'unchanged' };
    const [updated] = await tx
      .update(shopProfiles)
      .set({ ...columns, updatedAt: new Date() })
      .where(eq(shopProfiles.businessId, businessId))
      .returning();
    await recordAudit(tx, actor, { action: 'shop.update', ...entity, before, after: columns });
    return { shop: updated as ShopProfileRow, outcome: 'updated' };
  }
  const [created] = await tx
    .insert(shopProfiles)
    .values({ ...columns, businessId, municipalityCode: actor.municipalityCode })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    // the same form sent at the same time: the other request wrote it
    const [again] = await tx.select().from(shopProfiles).where(eq(shopProfiles.businessId, businessId));
    return { shop: again as ShopProfileRow, outcome: 'unchanged' };
  }
  await recordAudit(tx, actor, { action: 'shop.create', ...entity, after: columns });
  return { shop: created, outcome: 'created' };
}

/**
 * A business puts its shop on the residents' map, or changes it: category, hours, holiday rule,
 * note. Public at once when its business is approved in the directory. A bad form changes nothing;
 * the same form sent twice writes once. Audited.
 */
export async function saveShopProfile(
  db: Db,
  actor: Actor,
  values: Record<string, string | undefined>,
): Promise<{ shop: ShopProfileRow; outcome: ShopSaveOutcome }> {
  onlyBusinesses(actor);
  const input = parseShopForm(values);
  return db.transaction(async (tx) => {
    const business = await ownProfile(tx, actor);
    if (!business) throw profileRequired;
    return writeShopProfile(tx, actor, business.id, input);
  });
}

/**
 * Staff (the 商工会, the city) or the demo's seeding keep the shop details of an approved business
 * that no account keeps, as they register such businesses in the directory. A business that keeps
 * its own profile keeps its shop itself.
 */
export async function registerShopForBusiness(
  db: Db,
  actor: Actor,
  businessId: number,
  values: Record<string, string | undefined>,
): Promise<{ shop: ShopProfileRow; outcome: ShopSaveOutcome }> {
  if (actor.role !== 'staff' && actor.role !== 'admin') {
    throw new UserError('forbidden', 403, {
      ja: 'ほかの事業者のお店の情報は、職員だけが登録できます。',
      en: "Only staff register another business's shop details.",
    });
  }
  const input = parseShopForm(values);
  return db.transaction(async (tx) => {
    const [business] = await publicBusinesses(tx, actor.municipalityCode, [businessId]);
    if (!business) throw shopNotFound;
    if (business.accountId !== null) {
      throw new UserError('kept_by_business', 409, {
        ja: 'この事業者は自分のアカウントで情報を管理しています。お店の情報は事業者が登録します。',
        en: 'This business keeps its own profile; it registers its shop details itself.',
      });
    }
    return writeShopProfile(tx, actor, business.id, input);
  });
}
