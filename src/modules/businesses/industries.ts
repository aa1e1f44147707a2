import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../../platform/i18n';

/** A 大分類 of 日本標準産業分類 with its 中分類 (industries.yaml). */
export interface Industry {
  code: string;
  name: string;
  nameEn: string;
  middle: { code: string; name: string; nameEn: string }[];
}

const IndustryFile = z.array(
  z.strictObject({
    code: z.string().regex(/^[A-T]$/),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    middle: z.record(
      z.string().regex(/^\d{2}$/),
      z.strictObject({ name: z.string().min(1), nameEn: z.string().min(1) }),
    ),
  }),
);

/** The classification, read once from its data file; a broken file stops the start, not a page. */
export const industries: Industry[] = IndustryFile.parse(
  parse(readFileSync(new URL('./industries.yaml', import.meta.url), 'utf8')),
).map((i) => ({
  code: i.code,
  name: i.name,
  nameEn: i.nameEn,
  middle: Object.entries(i.middle)
    .map(([code, { name, nameEn }]) => ({ code, name, nameEn }))
    .sort((a, b) => a.code.localeCompare(b.code)),
}));

const majorByCode = new Map(industries.map((i) => [i.code, i]));
const middleByCode = new Map(
  industries.flatMap((i) => i.middle.map((m) => [m.code, { ...m, major: i.code }] as const)),
);

export const isMajorIndustry = (code: string) => majorByCode.has(code);

/** Whether a 中分類 belongs to the 大分類: 09 (食料品製造業) to E (製造業), not to I. */
export const isMiddleOf = (major: string, middle: string) => middleByCode.get(middle)?.major === major;

export function industryName(lang: Lang, major: string, middle?: string | null): string {
  const m = majorByCode.get(major);
  if (!m) return major;
  const majorName = lang === 'en' ? m.nameEn : m.name;
  const mid = middle ? middleByCode.get(middle) : undefined;
  return mid ? `${majorName} — ${mid.code} ${lang === 'en' ? mid.nameEn : mid.name}` : majorName;
}

/** The words of an industry a search should find a business by (both levels, in Japanese). */
export function industryWords(major: string, middle?: string | null): string {
  const m = majorByCode.get(major);
  const mid = middle ? middleByCode.get(middle) : undefined;
  return [m?.name ?? '', mid?.name ?? ''].join(' ');
}
