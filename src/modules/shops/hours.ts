import holidayJp from '@holiday-jp/holiday_jp';

// A shop's opening hours (営業時間): up to two periods a weekday (lunch and dinner), 定休日 as a day
// without periods, and one rule for Japan's public holidays (祝日, from @holiday-jp/holiday_jp). A
// period may close after midnight (18:00–翌2:00): it belongs to the day it opened, so that day's
// rule (a holiday, a closed day) decides it, also in the small hours of the next day. All in Japan
// time, which has no daylight saving: an instant is +9 hours from UTC all year.

/** Minutes from the opening day's 0:00: `closes` is after `opens` and at most 24 hours later. */
export interface Period {
  opens: number;
  closes: number;
}

export const holidayRules = ['usual', 'closed', 'hours', 'open-shift'] as const;
/**
 * - `usual`: 祝日も曜日どおり (a holiday is like any other day of its weekday)
 * - `closed`: 祝日は休み
 * - `hours`: 祝日は祝日の営業時間 (even on a 定休日)
 * - `open-shift`: 祝日は祝日の営業時間で営業し、定休日が祝日に当たるときは翌平日を休み
 */
export type HolidayRule = (typeof holidayRules)[number];

export interface OpeningHours {
  /** seven days, Sunday first (Date#getUTCDay); an empty day is a 定休日 */
  week: Period[][];
  /** the periods of a public holiday, for the rules `hours` and `open-shift` */
  holiday: Period[];
  holidayRule: HolidayRule;
}

export const weekdayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const weekdayNames = {
  ja: ['日', '月', '火', '水', '木', '金', '土'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
} as const;

const japanOffsetMs = 9 * 60 * 60_000;
const dayMs = 24 * 60 * 60_000;

/** The Japan calendar day (yyyy-mm-dd) and minute of the day of an instant. */
export function japanClock(at: Date): { date: string; minute: number } {
  const shifted = new Date(at.getTime() + japanOffsetMs);
  return {
    date: shifted.toISOString().slice(0, 10),
    minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

const holidays = holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>;

/** The public holiday (祝日・振替休日・国民の休日) on a Japan date, with its name, if any. */
export function publicHolidayOn(date: string): { ja: string; en: string } | undefined {
  const found = holidays[date];
  return found ? { ja: found.name, en: found.name_en } : undefined;
}

/** Why a day has the periods it has, for the shop's page (「本日は定休日です」…). */
export type DayKind = 'open' | 'closed-day' | 'holiday-closed' | 'holiday-hours' | 'shifted-closed';

/**
 * A 定休日 moved by `open-shift`: a working weekday right after one or more holidays, one of which
 * fell on a 定休日 (「水曜定休、祝日の場合は翌日」).
 */
function isShiftedClosedDay(hours: OpeningHours, date: string): boolean {
  if (publicHolidayOn(date) || (hours.week[weekdayOf(date)] ?? []).length === 0) return false;
  for (let back = plusDays(date, -1); publicHolidayOn(back); back = plusDays(back, -1)) {
    if ((hours.week[weekdayOf(back)] ?? []).length === 0) return true;
  }
  return false;
}

/** The periods a shop keeps on a Japan date, after its holiday rule, and why. */
export function periodsOn(hours: OpeningHours, date: string): { periods: Period[]; kind: DayKind } {
  const usual = hours.week[weekdayOf(date)] ?? [];
  if (publicHolidayOn(date)) {
    switch (hours.holidayRule) {
      case 'closed':
        return { periods: [], kind: 'holiday-closed' };
      case 'hours':
      case 'open-shift':
        return hours.holiday.length > 0
          ? { periods: hours.holiday, kind: 'holiday-hours' }
          : { periods: [], kind: 'holiday-closed' };
      default:
        break;
    }
  } else if (hours.holidayRule === 'open-shift' && isShiftedClosedDay(hours, date)) {
    return { periods: [], kind: 'shifted-closed' };
  }
  return { periods: usual, kind: usual.length > 0 ? 'open' : 'closed-day' };
}

export interface OpeningState {
  open: boolean;
  /** while open: when the current period closes, as a Japan date and minutes of that date */
  closesAt: { date: string; minute: number } | null;
  /** while closed: the next opening within a week, if any */
  opensAt: { date: string; minute: number } | null;
}

/**
 * Whether a shop is open at an instant (「営業中」), in Japan time: today's periods after the holiday
 * rule, and yesterday's periods that run past midnight. The one function that says so, for the map's
 * filter, the list, the GeoJSON and the shop's page.
 */
export function openingStateAt(hours: OpeningHours, at: Date): OpeningState {
  const { date, minute } = japanClock(at);
  const yesterday = plusDays(date, -1);
  // yesterday's late periods, moved onto today's clock
  const spans = [
    ...periodsOn(hours, yesterday).periods.map((p) => ({ from: p.opens - 1440, to: p.closes - 1440 })),
    ...periodsOn(hours, date).periods.map((p) => ({ from: p.opens, to: p.closes })),
  ];
  const current = spans.find((s) => s.from <= minute && minute < s.to);
  if (current) {
    const day = current.to > 1440 ? plusDays(date, 1) : date;
    return {
      open: true,
      closesAt: { date: day, minute: current.to > 1440 ? current.to - 1440 : current.to },
      opensAt: null,
    };
  }
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = plusDays(date, ahead);
    const next = periodsOn(hours, day)
      .periods.filter((p) => ahead > 0 || p.opens > minute)
      .sort((a, b) => a.opens - b.opens)[0];
    if (next) return { open: false, closesAt: null, opensAt: { date: day, minute: next.opens } };
  }
  return { open: false, closesAt: null, opensAt: null };
}

/** 9:30, 翌2:00 (or 2:00 next day): minutes of a day as people read a time. */
export function clockText(minute: number, lang: 'ja' | 'en' = 'ja'): string {
  const nextDay = minute >= 1440;
  const m = nextDay ? minute - 1440 : minute;
  const text = `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  if (!nextDay) return text;
  return lang === 'ja' ? `翌${text}` : `${text} next day`;
}

/** 11:00–14:00、17:00–翌1:00 */
export function periodsText(periods: Period[], lang: 'ja' | 'en' = 'ja'): string {
  return periods
    .map((p) => `${clockText(p.opens, lang)}–${clockText(p.closes, lang)}`)
    .join(lang === 'ja' ? '、' : ', ');
}

/** No hours given yet: every day closed, holidays as usual. */
export const noHours: OpeningHours = {
  week: [[], [], [], [], [], [], []],
  holiday: [],
  holidayRule: 'usual',
};
