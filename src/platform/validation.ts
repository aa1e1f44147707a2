import { z } from 'zod';
import { type ProblemDetail, UserError } from './errors';
import type { Text } from './i18n';

const localeErrors = { ja: z.locales.ja().localeError, en: z.locales.en().localeError };

/** Field labels shown beside each problem, e.g. { value: { ja: '実績値', en: 'Actual' } } */
export type FieldLabels = Record<string, Text>;

/** Lists the problems of an input, each in both languages, labelled with the field a person sees. */
export function describeProblems(
  schema: z.ZodType,
  input: unknown,
  labels: FieldLabels = {},
): ProblemDetail[] {
  const ja = schema.safeParse(input, { error: localeErrors.ja });
  const en = schema.safeParse(input, { error: localeErrors.en });
  if (ja.success || en.success) return [];
  return ja.error.issues.map((issue, i) => {
    const field = issue.path.join('.');
    const label = labels[field] ?? { ja: field, en: field };
    const enMessage = en.error.issues[i]?.message ?? issue.message;
    return {
      field,
      message: { ja: `${label.ja}: ${issue.message}`, en: `${label.en}: ${enMessage}` },
    };
  });
}

/** Parses input at a boundary; bad input becomes a 422 UserError listing every problem. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  labels: FieldLabels = {},
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new UserError(
    'invalid_input',
    422,
    {
      ja: '入力内容に誤りがあります。下の項目を直してください。',
      en: 'Some of the input is not valid. Correct the items below.',
    },
    describeProblems(schema, input, labels),
  );
}
