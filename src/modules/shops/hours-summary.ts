import type { Lang } from '../../platform/i18n';
import { localise } from '../../platform/i18n';
import { type OpeningHours, periodsText, weekdayNames } from './hours';
import { holidayRuleNames } from './words';

/**
 * A week's hours in one line, as a printed map has room for: the days with the same hours
 * together, Monday first, then the 定休日 and the holiday rule when it is not the usual one.
 * 「月火木金 11:00–14:00、17:00–22:00／土日 11:00–22:00／定休日 水／祝日は休み」
 */
export function hoursSummary(hours: OpeningHours, lang: Lang): string {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const names = weekdayNames[lang];
  const groups = new Map<string, number[]>();
  const closed: number[] = [];
  for (const day of order) {
    const periods = hours.week[day] ?? [];
    if (periods.length === 0) {
      closed.push(day);
      continue;
    }
    const text = periodsText(periods, lang);
    groups.set(text, [...(groups.get(text) ?? []), day]);
  }
  const join = (days: number[]) => days.map((d) => names[d]).join(lang === 'ja' ? '' : ' ');
  const parts = [...groups].map(([text, days]) => (days.length === 7 ? text : `${join(days)} ${text}`));
  if (closed.length > 0) parts.push(lang === 'ja' ? `定休日 ${join(closed)}` : `Closed ${join(closed)}`);
  if (hours.holidayRule !== 'usual') {
    const holiday =
      hours.holidayRule !== 'closed' && hours.holiday.length > 0
        ? ` ${periodsText(hours.holiday, lang)}`
        : '';
    parts.push(`${localise(lang, holidayRuleNames[hours.holidayRule])}${holiday}`);
  }
  return parts.join(lang === 'ja' ? '／' : ' / ');
}
