import type { Lang } from './i18n';

/**
 * Japanese fiscal years run April to March: 令和8年度 = 2026-04-01 … 2027-03-31.
 * A fiscal year is named by the Western year in which it starts.
 */
export function fiscalYearOf(date: Date): number {
  // the day in Japan, whatever the server's time zone: 1 April 08:00 JST is 31 March in UTC
  const [year = 0, month = 1] = todayInJapan(date).split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

export interface FiscalYearRange {
  /** first day, ISO yyyy-mm-dd */
  start: string;
  /** last day, ISO yyyy-mm-dd */
  end: string;
}

export function fiscalYearRange(fiscalYear: number): FiscalYearRange {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

export function isInFiscalYear(isoDate: string, fiscalYear: number): boolean {
  const { start, end } = fiscalYearRange(fiscalYear);
  return isoDate >= start && isoDate <= end;
}

// Eras that a fiscal year of this product can fall in; a fiscal year takes the era in force on
// 1 April, except that the year Reiwa began (May 2019) is called 令和元年度 by every municipality.
const eras = [
  { name: '令和', nameEn: 'Reiwa', firstYear: 2019 },
  { name: '平成', nameEn: 'Heisei', firstYear: 1989 },
] as const;

/** 令和8年度 for 2026; 令和元年度 for 2019. */
export function warekiFiscalYear(fiscalYear: number): string {
  const era = eras.find((e) => fiscalYear >= e.firstYear);
  if (!era) return `${fiscalYear}年度`;
  const n = fiscalYear - era.firstYear + 1;
  return `${era.name}${n === 1 ? '元' : n}年度`;
}

/** 和暦 first, Western year beside it: 令和8年度（2026年度）, or "FY2026 (Reiwa 8)" in English. */
export function formatFiscalYear(lang: Lang, fiscalYear: number): string {
  if (lang === 'en') {
    const era = eras.find((e) => fiscalYear >= e.firstYear);
    return era ? `FY${fiscalYear} (${era.nameEn} ${fiscalYear - era.firstYear + 1})` : `FY${fiscalYear}`;
  }
  return `${warekiFiscalYear(fiscalYear)}（${fiscalYear}年度）`;
}

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Asia/Tokyo',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'Asia/Tokyo',
  }),
};

/** A calendar date (yyyy-mm-dd) or instant shown as 令和8年11月25日 / 25 Nov 2026. */
export function formatDate(lang: Lang, value: string | Date): string {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00+09:00`)
      : new Date(value);
  return dateFormats[lang].format(date);
}

/** Today's date in Japan as yyyy-mm-dd. */
// made once: building a formatter costs far more than using it (it showed in the payment benchmark)
const japaneseDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });

export function todayInJapan(now: Date = new Date()): string {
  return japaneseDay.format(now);
}

/** An instant as 2026/11/25 21:10 (Japan time), or "—" when there is none. */
export function formatDateTime(lang: Lang, value: Date | string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
