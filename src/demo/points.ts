import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { publicBusinesses } from '../modules/businesses';
import { businesses } from '../modules/businesses/schema';
import type { Plan } from '../modules/plan';
import {
  approveShop,
  awardPoints,
  chargeAtShop,
  createGiftCertificateIssue,
  enrolShop,
  recordPurchase,
  reverseRequest,
  withdrawShop,
} from '../modules/points';
import type { LedgerResult } from '../modules/points/ledger';
import { giftCertificateIssues, pointsShops } from '../modules/points/schema';
import type { Shop } from '../modules/points/shops';
import type { Actor } from '../platform/audit';
import { UserError } from '../platform/errors';
import { fiscalYearOf, todayInJapan, warekiFiscalYear } from '../platform/fiscal-year';
import { accounts } from '../platform/schema';
import { atJapan, plusDays } from './days';
import { demoActors, fictionalName } from './people';
import { demoEmail } from './seed';

/**
 * How the demo's shops joined and left るのかーど, fiscal year by fiscal year (decision 036): about
 * 90 before 令和3年度, then a few joining and a few leaving each year, so that 取扱店舗数 passes
 * the plan's 100 in 令和5年度 and stays a little under its later targets. A year after 令和7年度
 * repeats the last line, up to today.
 */
const history: { fiscalYear: number; joins: number; leaves: number; returns: number }[] = [
  { fiscalYear: 2020, joins: 90, leaves: 0, returns: 0 },
  { fiscalYear: 2021, joins: 4, leaves: 1, returns: 0 },
  { fiscalYear: 2022, joins: 5, leaves: 1, returns: 0 },
  { fiscalYear: 2023, joins: 5, leaves: 2, returns: 0 },
  { fiscalYear: 2024, joins: 6, leaves: 2, returns: 0 },
  { fiscalYear: 2025, joins: 7, leaves: 2, returns: 0 },
  { fiscalYear: 2026, joins: 4, leaves: 1, returns: 1 },
];
const leaveReasons = ['閉店のため', '事業承継に伴う休業', '本人の申出（利用が少ないため）', '改装のため休業'];
/** Industries of the directory whose businesses sell to residents, the likeliest shops first. */
const shopIndustries = ['I', 'M', 'N', 'R', 'K', 'L', 'H', 'G', 'E'];
const walletHolders = 40;
const issueName = (fiscalYear: number) => `あきる野市デジタル商品券 ${warekiFiscalYear(fiscalYear)}（架空）`;

/** A day of a fiscal year, spread by `n`, never after `today`. */
function dayIn(fiscalYear: number, n: number, today: string): string {
  const date = plusDays(`${fiscalYear}-04-01`, (n * 53) % 360);
  return date > today ? plusDays(today, -(n % 20)) : date;
}

/**
 * The demo's shops joining, leaving and coming back over the years, through the office's own
 * services with the dates of the time. Each business is enrolled once; returns how many changes it wrote.
 */
async function seedShopHistory(db: Db, staff: Actor, now: Date, stopped: () => boolean): Promise<number> {
  const today = todayInJapan(now);
  const enrolled = new Set(
    (await db.select({ id: pointsShops.businessId }).from(pointsShops)).map((r) => r.id),
  );
  if (enrolled.size > 0) return 0;
  // the businesses of the demo's own business accounts first, so that logging in shows a terminal
  const owned = new Set(
    (await db.select({ id: businesses.id }).from(businesses).where(isNotNull(businesses.accountId))).map(
      (r) => r.id,
    ),
  );
  const rank = (b: { id: number; industryMajor: string | null }) =>
    owned.has(b.id) ? -1 : shopIndustries.indexOf(b.industryMajor ?? '');
  const directory = (await publicBusinesses(db, staff.municipalityCode))
    .filter((b) => rank(b) !== -1 || owned.has(b.id))
    .sort((a, b) => rank(a) - rank(b) || a.id - b.id);
  let written = 0;
  let next = 0;
  const left: Shop[] = [];
  const lastYear = Math.max(fiscalYearOf(now), 2026);
  for (let fiscalYear = 2020; fiscalYear <= lastYear; fiscalYear++) {
    const year = history.find((h) => h.fiscalYear === fiscalYear) ?? (history.at(-1) as (typeof history)[0]);
    if (`${fiscalYear}-04-01` > today) break;
    for (let i = 0; i < year.joins && next < directory.length; i++, next++) {
      if (stopped()) return written;
      const business = directory[next] as (typeof directory)[number];
      const on =
        fiscalYear === 2020 ? plusDays('2015-04-01', (next * 61) % 2190) : dayIn(fiscalYear, next, today);
      await enrolShop(db, staff, { business: business.name }, atJapan(on, '10:00'));
      written += 1;
    }
    for (let i = 0; i < year.leaves; i++) {
      const on = atJapan(dayIn(fiscalYear, fiscalYear + i * 29 + 150, today), '15:00');
      // a shop that took part before that day, and not one of the demo accounts' own
      const taking = (
        (await db.select().from(pointsShops).where(eq(pointsShops.status, 'approved'))) as Shop[]
      ).filter((s) => (s.approvedAt as Date) < on && !owned.has(s.businessId));
      const shop = taking[(fiscalYear * 7 + i * 13) % taking.length];
      if (!shop) continue;
      const reason = leaveReasons[(fiscalYear + i) % leaveReasons.length] ?? '';
      await withdrawShop(db, staff, shop.id, { reason }, on);
      left.push(shop);
      written += 1;
    }
    for (let i = 0; i < year.returns && left.length > 1; i++) {
      const shop = left.shift() as Shop;
      await approveShop(db, staff, shop.id, atJapan(dayIn(fiscalYear, 200 + i, today), '11:00'));
      written += 1;
    }
  }
  return written;
}

/** Forty fictional residents holding a wallet (they cannot log in), and the demo's own resident. */
async function walletResidents(db: Db, plan: Plan): Promise<Actor[]> {
  const emails = Array.from({ length: walletHolders }, (_, i) => demoEmail(`wallet${i + 1}`));
  await db
    .insert(accounts)
    .values(
      emails.map((email, i) => ({
        municipalityCode: plan.municipalityCode,
        email,
        displayName: fictionalName(300 + i).name,
        role: 'resident',
        // no password matches: a demo wallet is seen through the office's pages, not logged into
        passwordHash: 'demo-wallet-no-login',
      })),
    )
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.municipalityCode, plan.municipalityCode),
        inArray(accounts.email, [demoEmail('resident'), ...emails]),
      ),
    );
  return rows.map((r) => ({
    accountId: r.id,
    name: r.displayName,
    municipalityCode: r.municipalityCode,
    role: 'resident' as const,
    organisation: null,
  }));
}

/** A refusal of the demo's own making (a wallet that ran out) is skipped; anything else stops the demo. */
async function unlessRefused(work: Promise<LedgerResult>): Promise<LedgerResult | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

/**
 * This year's デジタル商品券 on sale, bought by the demo's residents at the 商工会's counter and
 * spent at the shops, points collected on purchases and a few payments refunded: everything through
 * the ledger's services at the time of seeding (the journal is never back-dated). Once.
 */
async function seedThisYearsCertificates(
  db: Db,
  plan: Plan,
  staff: Actor,
  now: Date,
  stopped: () => boolean,
): Promise<number> {
  const fiscalYear = fiscalYearOf(now);
  const [existing] = await db
    .select({ id: giftCertificateIssues.id })
    .from(giftCertificateIssues)
    .where(eq(giftCertificateIssues.name, issueName(fiscalYear)));
  if (existing) return 0;
  const today = todayInJapan(now);
  const issue = await createGiftCertificateIssue(db, staff, {
    name: issueName(fiscalYear),
    priceYen: '10000',
    faceValueYen: '13000',
    salesFrom: plusDays(today, -30),
    salesUntil: plusDays(today, 35),
    validUntil: plusDays(today, 120),
    perPersonLimit: '2',
    totalSets: '3000',
  });
  const residents = await walletResidents(db, plan);
  const shops = (await db.select().from(pointsShops).where(eq(pointsShops.status, 'approved'))) as Shop[];
  let written = 1;
  for (const [i, resident] of residents.entries()) {
    if (stopped()) return written;
    if (i % 4 === 3) continue;
    await recordPurchase(db, staff, {
      issueId: issue.id,
      residentAccountId: resident.accountId as number,
      sets: i % 3 === 0 ? 2 : 1,
      paymentMethod: i % 5 === 0 ? 'bank' : 'cash',
      idempotencyKey: `demo-points-purchase-${issue.id}-${i}`,
      now,
    });
    written += 1;
  }
  const payments: LedgerResult[] = [];
  for (let n = 0; n < 160 && shops.length > 0; n++) {
    if (stopped()) return written;
    const resident = residents[(n * 7) % residents.length] as Actor;
    const shop = shops[(n * 11) % Math.min(shops.length, 60)] as Shop;
    const payer = { residentAccountId: resident.accountId as number };
    const keyed = `demo-points-${issue.id}-${n}`;
    const paid = await unlessRefused(
      chargeAtShop(db, {
        shop,
        payer,
        amount: 300 + ((n * 733) % 4700),
        idempotencyKey: `${keyed}-pay`,
        actor: resident,
        now,
      }),
    );
    if (paid) payments.push(paid);
    if (n % 2 === 0) {
      await awardPoints(db, {
        shop,
        payer,
        amount: 500 + ((n * 389) % 4500),
        idempotencyKey: `${keyed}-award`,
        actor: resident,
        now,
      });
    }
    written += 1;
  }
  for (const [i, payment] of payments.filter((_, i) => i % 50 === 7).entries()) {
    await reverseRequest(db, {
      municipalityCode: plan.municipalityCode,
      idempotencyKey: `demo-points-refund-${issue.id}-${i}`,
      requestId: payment.requestId,
      shopId: payment.shopId as number,
    });
    written += 1;
  }
  return written;
}

/**
 * The demo's るのかーど (decisions 024, 035, 036): the directory's shops joining and leaving over the
 * years, so that 取扱店舗数 has a history, and this year's デジタル商品券 bought and spent by forty
 * fictional residents and the demo resident, so the wallet, the terminal, the settlement and the
 * statistics have something to show. Idempotent; stops between two writes when asked.
 */
export async function seedDemoPoints(
  db: Db,
  plan: Plan,
  options: { now?: Date; stopped?: () => boolean } = {},
): Promise<number> {
  const actors = await demoActors(db, plan);
  const staff = actors?.byOrganisation.get('shokokai');
  if (!staff) return 0;
  const now = options.now ?? new Date();
  const stopped = options.stopped ?? (() => false);
  const shops = await seedShopHistory(db, staff, now, stopped);
  if (stopped()) return shops;
  return shops + (await seedThisYearsCertificates(db, plan, staff, now, stopped));
}
