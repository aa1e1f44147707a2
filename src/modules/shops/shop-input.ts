import type { ProblemDetail } from '../../platform/errors';
import type { FormValues } from '../../platform/forms';
import type { Text } from '../../platform/i18n';
import { formInvalid } from '../../platform/validation';
import { type HolidayRule, holidayRules, type OpeningHours, type Period, weekdayKeys } from './hours';
import { type ShopCategory, type ShopProfileRow, shopCategories } from './schema';

// The shop form of a business (/shops/mine): its category, up to two periods a day with 定休日, the
// holiday rule and a note. Times are typed as people write them (9:00, ０９：００); a closing time
// at or before the opening time closes after midnight (18:00–2:00 is 18:00–翌2:00).

export const dayKeys = [...weekdayKeys, 'holiday'] as const;
export type DayKey = (typeof dayKeys)[number];

export const dayLabels: Record<DayKey, Text> = {
  sun: { ja: '日曜日', en: 'Sunday' },
  mon: { ja: '月曜日', en: 'Monday' },
  tue: { ja: '火曜日', en: 'Tuesday' },
  wed: { ja: '水曜日', en: 'Wednesday' },
  thu: { ja: '木曜日', en: 'Thursday' },
  fri: { ja: '金曜日', en: 'Friday' },
  sat: { ja: '土曜日', en: 'Saturday' },
  holiday: { ja: '祝日', en: 'Public holidays' },
};

export interface ShopInput {
  category: ShopCategory;
  hours: OpeningHours;
  hoursNote: string;
}

const labels = {
  category: { ja: 'お店の種類', en: 'Kind of shop' },
  holidayRule: { ja: '祝日の営業', en: 'Public holidays' },
  hoursNote: { ja: '営業時間の補足', en: 'Note on the hours' },
};

const problemOf = (field: string, label: Text, ja: string, en: string): ProblemDetail => ({
  field,
  message: { ja: `${label.ja}: ${ja}`, en: `${label.en}: ${en}` },
});

/** 9:00 → 540; 24:00 only as a closing time; undefined when empty, null when unreadable. */
function minuteOf(value: string | undefined, closing: boolean): number | undefined | null {
  const text = (value ?? '').normalize('NFKC').trim();
  if (!text) return undefined;
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (minute > 59 || hour > 24 || (hour === 24 && (minute > 0 || !closing))) return null;
  return hour * 60 + minute;
}

/** A day's periods from its fields, or the problems found in them. */
function periodsOf(values: FormValues, key: DayKey, problems: ProblemDetail[]): Period[] {
  const label = { ja: `${dayLabels[key].ja}の営業時間`, en: `${dayLabels[key].en} hours` };
  const periods: Period[] = [];
  for (const n of [1, 2]) {
    const opensField = `${key}-${n}-opens`;
    const closesField = `${key}-${n}-closes`;
    const opens = minuteOf(values[opensField], false);
    const closes = minuteOf(values[closesField], true);
    if (opens === undefined && closes === undefined) continue;
    if (opens === null || closes === null) {
      problems.push(
        problemOf(
          opens === null ? opensField : closesField,
          label,
          '時刻は 9:00 や 18:30 のように24時間制で入力してください。',
          'Give times on the 24-hour clock, e.g. 9:00 or 18:30.',
        ),
      );
      continue;
    }
    if (opens === undefined || closes === undefined) {
      problems.push(
        problemOf(
          opens === undefined ? opensField : closesField,
          label,
          '開店と閉店の両方の時刻を入力してください。',
          'Give both the opening and the closing time.',
        ),
      );
      continue;
    }
    if (opens === closes && opens !== 0) {
      problems.push(
        problemOf(
          closesField,
          label,
          '開店と閉店が同じ時刻です。終日営業なら 0:00〜0:00 と入力してください。',
          'Opening and closing are the same. For all day, give 0:00 to 0:00.',
        ),
      );
      continue;
    }
    // closing at or before opening: after midnight (0:00–0:00 is all day)
    periods.push({ opens, closes: closes > opens ? closes : closes + 1440 });
  }
  const [first, second] = periods;
  if (first && second && second.opens < first.closes) {
    problems.push(
      problemOf(
        `${key}-2-opens`,
        label,
        '2つ目の時間帯は、1つ目が終わってから始まるようにしてください。',
        'The second period must start after the first one ends.',
      ),
    );
  }
  return periods;
}

/** A shop form, checked as a whole: every problem at once, bilingual, nothing kept of a bad form. */
export function parseShopForm(values: FormValues): ShopInput {
  const problems: ProblemDetail[] = [];
  const category = shopCategories.find((c) => c === values.category);
  if (!category) {
    problems.push(
      problemOf('category', labels.category, '一覧から選んでください。', 'Choose one from the list.'),
    );
  }
  const holidayRule = holidayRules.find((r) => r === (values.holidayRule || 'usual'));
  if (!holidayRule) {
    problems.push(
      problemOf('holidayRule', labels.holidayRule, '一覧から選んでください。', 'Choose one from the list.'),
    );
  }
  const week = weekdayKeys.map((key) => {
    const periods = periodsOf(values, key, problems);
    const closed = values[`${key}-closed`] === 'on';
    if (!closed && periods.length === 0 && !problems.some((p) => p.field?.startsWith(`${key}-`))) {
      problems.push(
        problemOf(
          `${key}-1-opens`,
          { ja: `${dayLabels[key].ja}の営業時間`, en: `${dayLabels[key].en} hours` },
          '営業時間を入力するか、「定休日」にしてください。',
          'Give the hours, or tick “closed”.',
        ),
      );
    }
    return closed ? [] : periods;
  });
  const holiday = periodsOf(values, 'holiday', problems);
  if ((holidayRule === 'hours' || holidayRule === 'open-shift') && holiday.length === 0) {
    problems.push(
      problemOf(
        'holiday-1-opens',
        { ja: '祝日の営業時間', en: 'Public holiday hours' },
        'この祝日の扱いでは、祝日の営業時間を入力してください。',
        'With this holiday rule, give the public holiday hours.',
      ),
    );
  }
  if (week.every((day) => day.length === 0) && !problems.length) {
    problems.push(
      problemOf(
        'mon-1-opens',
        { ja: '営業時間', en: 'Opening hours' },
        '営業する曜日が1日もありません。少なくとも1日の営業時間を入力してください。',
        'The shop is closed every day. Give the hours of one day at least.',
      ),
    );
  }
  const hoursNote = (values.hoursNote ?? '').trim();
  if (hoursNote.length > 200) {
    problems.push(
      problemOf('hoursNote', labels.hoursNote, '200文字以内にしてください。', 'Use at most 200 characters.'),
    );
  }
  if (problems.length > 0 || !category || !holidayRule) throw formInvalid(problems);
  return {
    category,
    hours: {
      week,
      holiday: holidayRule === 'hours' || holidayRule === 'open-shift' ? holiday : [],
      holidayRule,
    },
    hoursNote,
  };
}

const timeText = (minute: number) => {
  const m = minute >= 1440 ? minute - 1440 : minute;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** A saved shop as its form shows it again. */
export function shopFormValues(row: ShopProfileRow | undefined): FormValues {
  if (!row) return { holidayRule: 'usual' };
  const values: FormValues = {
    category: row.category,
    holidayRule: row.holidayRule,
    hoursNote: row.hoursNote,
  };
  const fill = (key: DayKey, periods: Period[]) =>
    periods.forEach((p, i) => {
      values[`${key}-${i + 1}-opens`] = timeText(p.opens);
      values[`${key}-${i + 1}-closes`] = p.closes === 1440 ? '24:00' : timeText(p.closes);
    });
  weekdayKeys.forEach((key, day) => {
    const periods = row.hours.week[day] ?? [];
    if (periods.length === 0) values[`${key}-closed`] = 'on';
    fill(key, periods);
  });
  fill('holiday', row.hours.holiday);
  return values;
}

/** The hours of a saved shop, with its holiday rule. */
export const openingHoursOf = (row: Pick<ShopProfileRow, 'hours' | 'holidayRule'>): OpeningHours => ({
  week: row.hours.week,
  holiday: row.hours.holiday,
  holidayRule: row.holidayRule as HolidayRule,
});
