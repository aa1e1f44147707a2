import { z } from 'zod';
import { todayInJapan } from '../../platform/fiscal-year';
import type { FormValues } from '../../platform/forms';
import type { Text } from '../../platform/i18n';
import { bilingual, parseInput, requiredText } from '../../platform/validation';
import type { RevisionRow } from './schema';

export const articleLabels: Record<string, Text> = {
  businessId: { ja: '取材したお店', en: 'Shop interviewed' },
  title: { ja: 'タイトル', en: 'Title' },
  body: { ja: '本文', en: 'Text' },
  summary: { ja: '短い紹介文（紙のマップ用）', en: 'Short version (for the paper map)' },
  interviewDate: { ja: '取材日', en: 'Interview date' },
  reason: { ja: '理由', en: 'Reason' },
};

export const articleLimits = { title: 80, body: 6000, summary: 120, reason: 500 } as const;

const realDay = (v: string) => {
  const parsed = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === v;
};

/** A day as typed (full-width digits too), real, and not after today in Japan. */
const pastDay = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFKC').trim() : v),
  z
    .string(bilingual('取材日を入力してください。', 'Enter the interview date.'))
    .regex(
      /^\d{4}-\d{2}-\d{2}$/,
      bilingual('日付を「2026-10-01」の形で入力してください。', 'Give a date as 2026-10-01.'),
    )
    .refine(realDay, bilingual('ありえない日付です。', 'This date does not exist.'))
    .refine(
      (v) => v <= todayInJapan(),
      bilingual('取材日は今日までの日付にしてください。', 'The interview date cannot be in the future.'),
    ),
);

const articleSchema = z.object({
  title: requiredText(articleLimits.title, 'タイトルを入力してください。', 'Enter a title.'),
  body: requiredText(articleLimits.body, '本文を入力してください。', 'Enter the text of the article.'),
  summary: requiredText(
    articleLimits.summary,
    '紙のマップに載せる短い紹介文を入力してください。',
    'Enter the short version printed on the paper map.',
  ),
  interviewDate: pastDay,
});

export type ArticleInput = z.output<typeof articleSchema>;

/** The text of an article as sent; every problem at once, a 422 naming each field. */
export function parseArticle(values: Record<string, unknown>): ArticleInput {
  return parseInput(articleSchema, values, articleLabels);
}

const businessChoice = z.preprocess(
  (v) => (typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v) : v),
  z.number(bilingual('取材したお店を一覧から選んでください。', 'Choose the shop from the list.')).int(),
);

/** The shop an article is about, as chosen in the form. */
export function parseBusinessChoice(values: Record<string, unknown>): number {
  return parseInput(z.object({ businessId: businessChoice }), values, articleLabels).businessId;
}

const reasonSchema = z.object({
  reason: requiredText(
    articleLimits.reason,
    '学生が直せるように、理由を書いてください。',
    'Write the reason, so that the student can correct the article.',
  ),
});

export function parseRefusal(values: Record<string, unknown>): string {
  return parseInput(reasonSchema, values, articleLabels).reason;
}

/** A revision as the form shows it. */
export function articleFormValues(row: RevisionRow): FormValues {
  return { title: row.title, body: row.body, summary: row.summary, interviewDate: row.interviewDate };
}
