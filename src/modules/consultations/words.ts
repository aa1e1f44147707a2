import type { Lang, Text } from '../../platform/i18n';
import type { ConsultationKind } from './schema';

/** The plan's four kinds of consultation at Bi@Sta and the 商工会 (1-1, 1-2, 1-3). */
/** The four areas of 特定創業支援等事業, named as the events module names 創業塾's lectures. */
export { sessionTopics as topicNames } from '../events';

export const kindNames: Record<ConsultationKind, Text> = {
  startup: { ja: '創業', en: 'Start-up' },
  succession: { ja: '事業承継', en: 'Business succession' },
  management: { ja: '経営', en: 'Management' },
  special: { ja: '特別相談', en: 'Special consultation' },
};

export function kindName(lang: Lang, kind: string): string {
  const name = kindNames[kind as ConsultationKind];
  return name ? name[lang] : kind;
}

/** An organisation of the plan (第5章). */
export interface Organisation {
  code: string;
  name: string;
  nameEn?: string | undefined;
}

export function organisationName(lang: Lang, code: string, organisations: readonly Organisation[]): string {
  const o = organisations.find((x) => x.code === code);
  if (!o) return code;
  return lang === 'en' && o.nameEn ? o.nameEn : o.name;
}

/** A case's reference as staff and the plan's drill-down show it: no name, only a number. */
export const caseReference = (id: number): Text => ({ ja: `相談案件 No.${id}`, en: `Case no. ${id}` });

/** The 新規相談者 rule as the pages state it (new-clients.ts is the rule itself). */
export const newClientRule: Text = {
  ja: '新規相談者の数え方：ある方のある種類（創業・事業承継など）の最初の相談を、その相談日の年度（4月〜翌年3月）の新規相談者として1人と数えます。2回目以降の相談は、年度が変わっても継続相談です。別の機関での相談は数えに影響しません。',
  en: "How new clients (新規相談者) are counted: a person's first consultation of a kind (start-up, succession…) counts them once as a new client in the fiscal year (April–March) of that consultation's day. Later consultations are continuing ones, even in a later year. Consultations at another organisation do not affect the count.",
};

export const stageNames: Record<string, Text> = {
  awareness: { ja: '気づき', en: 'Awareness' },
  preparation: { ja: '準備', en: 'Preparation' },
  'successor-decided': { ja: '後継者決定', en: 'Successor decided' },
  completed: { ja: '承継完了', en: 'Succession completed' },
  'closed-down': { ja: '廃業', en: 'Closed down' },
};

export const programmeNames: Record<string, Text> = {
  'city-promotion': { ja: 'あきる野市中小企業振興資金融資', en: 'City SME promotion loan' },
  'city-micro': { ja: 'あきる野市小口零細企業保証資金融資', en: 'City micro-business guaranteed loan' },
  'shokokai-improvement': {
    ja: 'あきる野商工会小規模事業者経営改善資金融資',
    en: "Chamber of commerce's small-business improvement loan",
  },
};

export const successionCentre: Text = {
  ja: '東京都多摩地域事業承継・引継ぎ支援センター',
  en: 'Tokyo Tama Business Succession Support Centre',
};
