import { eq } from 'drizzle-orm';
import { businesses } from '../../src/modules/businesses/schema';
import { registerShopForBusiness } from '../../src/modules/shops';
import type { TestInstance } from '../support/harness';
import { actorOf } from './helpers';

/** Times as a shop's form sends them: the same every day of the week, 定休日 on the days named. */
export function shopForm(
  category: 'food' | 'retail' | 'service',
  periods: [string, string][],
  options: { closed?: string[]; holidayRule?: string; holiday?: [string, string]; note?: string } = {},
): Record<string, string> {
  const form: Record<string, string> = {
    category,
    holidayRule: options.holidayRule ?? 'usual',
    hoursNote: options.note ?? '',
  };
  for (const day of ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']) {
    if (options.closed?.includes(day)) {
      form[`${day}-closed`] = 'on';
      continue;
    }
    periods.forEach(([opens, closes], i) => {
      form[`${day}-${i + 1}-opens`] = opens;
      form[`${day}-${i + 1}-closes`] = closes;
    });
  }
  if (options.holiday) {
    form['holiday-1-opens'] = options.holiday[0];
    form['holiday-1-closes'] = options.holiday[1];
  }
  return form;
}

/** The id of a business of the demo directory by its name. */
export async function businessIdOf(t: Pick<TestInstance, 'database'>, name: string): Promise<number> {
  const [row] = await t.database.db
    .select({ id: businesses.id })
    .from(businesses)
    .where(eq(businesses.name, name));
  if (!row) throw new Error(`no business ${name}`);
  return row.id;
}

/** Hours that are open at `now` (Japan time) for the next hour or more: from an hour before. */
export function hoursAround(now: Date, open: boolean): [string, string] {
  const japanHour = (now.getUTCHours() + 9) % 24;
  const at = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  // open: from an hour ago to three hours ahead; closed: a period that starts five hours ahead
  return open ? [at(japanHour - 1), at(japanHour + 3)] : [at(japanHour + 5), at(japanHour + 7)];
}

/**
 * Three of the demo directory's businesses as shops, registered by the 商工会: the 和菓子店 of 秋川
 * (closed on Tuesdays and public holidays), the café of 秋川 (lunch, and dinner until 2 a.m.) and
 * the 酒店 of 武蔵増戸 (closed on Sundays).
 */
export async function registerTestShops(t: Pick<TestInstance, 'database'>) {
  const db = t.database.db;
  const staff = await actorOf(t, 'shokokai');
  const ids = {
    wagashi: await businessIdOf(t, '和菓子処 こもれび（架空）'),
    cafe: await businessIdOf(t, 'カフェ 秋川テラス（架空）'),
    sake: await businessIdOf(t, '増戸の酒店 みずほ屋（架空）'),
  };
  await registerShopForBusiness(
    db,
    staff,
    ids.wagashi,
    shopForm('retail', [['09:00', '18:00']], { closed: ['tue'], holidayRule: 'closed' }),
  );
  await registerShopForBusiness(
    db,
    staff,
    ids.cafe,
    shopForm('food', [
      ['11:00', '14:00'],
      ['17:00', '02:00'],
    ]),
  );
  await registerShopForBusiness(
    db,
    staff,
    ids.sake,
    shopForm('retail', [['10:00', '19:00']], { closed: ['sun'] }),
  );
  return ids;
}
