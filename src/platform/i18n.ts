/** Japanese first, English available. Texts are written as pairs where they are used. */
export const languages = ['ja', 'en'] as const;
export type Lang = (typeof languages)[number];

export interface Text {
  ja: string;
  en: string;
}

export function text(ja: string, en: string): Text {
  return { ja, en };
}

export function localise(lang: Lang, value: Text): string {
  return value[lang];
}

export function parseLang(value: string | undefined | null): Lang | undefined {
  return languages.find((l) => l === value);
}

/** Picks the English title of a plan element when the UI is English and the plan has one. */
export function titleIn(lang: Lang, item: { title: string; titleEn?: string | undefined }): string {
  return lang === 'en' && item.titleEn ? item.titleEn : item.title;
}

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  ja: new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

export function formatNumber(lang: Lang, value: number): string {
  return numberFormats[lang].format(value);
}
