import { eq } from 'drizzle-orm';
import { businesses } from '../../src/modules/businesses/schema';
import type { TestInstance } from '../support/harness';

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
