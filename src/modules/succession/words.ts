import { describeAuditEntries } from '../../platform/audit-text';
import type { Text } from '../../platform/i18n';
import type { OutreachKind } from './schema';

export const outreachKindNames: Record<OutreachKind, Text> = {
  seminar: { ja: 'セミナー', en: 'Seminar' },
  visit: { ja: '個別訪問', en: 'Visit' },
  'consultation-day': { ja: '出張相談会', en: 'Consultation day' },
  mailing: { ja: '案内の送付', en: 'Mailing' },
};

export const citywideName: Text = { ja: '市全域', en: 'Whole city' };
export const unknownAreaName: Text = { ja: '地区の回答なし', en: 'Area not given' };
export const unknownIndustryName: Text = { ja: '業種の回答なし・その他', en: 'Industry not given or other' };

export function describeSuccessionAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'succession_outreach.record': { ja: '事業承継の掘り起こしの記録', en: 'Succession outreach recorded' },
    },
    entities: {
      succession_outreach: { ja: '事業承継の掘り起こし', en: 'Succession outreach' },
    },
    fields: {
      heldOn: { ja: '実施日', en: 'Held on' },
      reached: { ja: '接触した人数', en: 'People reached' },
      note: { ja: 'メモ', en: 'Note' },
    },
  });
}
