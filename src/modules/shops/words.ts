import type { Text } from '../../platform/i18n';
import type { DayKind, HolidayRule } from './hours';
import type { ShopCategory } from './schema';

export const categoryNames: Record<ShopCategory, Text> = {
  food: { ja: '飲食', en: 'Food and drink' },
  retail: { ja: '小売', en: 'Shops (retail)' },
  service: { ja: 'サービス', en: 'Services' },
};

export const holidayRuleNames: Record<HolidayRule, Text> = {
  usual: { ja: '祝日も曜日どおり', en: 'Public holidays as on their weekday' },
  closed: { ja: '祝日は休み', en: 'Closed on public holidays' },
  hours: { ja: '祝日は「祝日」の営業時間', en: 'Public holidays: the holiday hours' },
  'open-shift': {
    ja: '祝日は「祝日」の営業時間で営業し、定休日が祝日のときは翌日が休み',
    en: 'Public holidays: the holiday hours; a closed day on a holiday moves to the next day',
  },
};

export const dayKindNames: Record<DayKind, Text> = {
  open: { ja: '営業日', en: 'Open day' },
  'closed-day': { ja: '定休日', en: 'Regular closing day' },
  'holiday-closed': { ja: '祝日のため休み', en: 'Closed for the public holiday' },
  'holiday-hours': { ja: '祝日の営業時間', en: 'Public holiday hours' },
  'shifted-closed': {
    ja: '振替の定休日（前の祝日に営業したため）',
    en: 'Closed instead of the holiday before',
  },
};
