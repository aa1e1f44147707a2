import { z } from 'zod';
import { type ProblemDetail, UserError } from './errors';
import type { Text } from './i18n';

const localeErrors = { ja: z.locales.ja().localeError, en: z.locales.en().localeError };

/**
 * A schema's own message in both languages: zod keeps one string per issue, so the string is a key
 * that describeProblems turns back into the pair. `z.string().regex(re, bilingual('…', '…'))`
 */
const bilingualMessages = new Map<string, Text>();
export function bilingual(ja: string, en: string): string {
  // both texts in the key: two schemas may say the same in English and differently in Japanese
  const key = `tsunagu-message:${en}|${ja}`;
  bilingualMessages.set(key, { ja, en });
  return key;
}

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
    const own = bilingualMessages.get(issue.message);
    const jaMessage = own?.ja ?? issue.message;
    const enMessage = own?.en ?? en.error.issues[i]?.message ?? issue.message;
    return {
      field,
      message: { ja: `${label.ja}: ${jaMessage}`, en: `${label.en}: ${enMessage}` },
    };
  });
}

const invalidInput: Text = {
  ja: '入力内容に誤りがあります。下の項目を直してください。',
  en: 'Some of the input is not valid. Correct the items below.',
};

const invalidQuery: Text = {
  ja: '検索条件に誤りがあります。下の項目を直してください。',
  en: 'Some of the search conditions are not valid. Correct the items below.',
};

/** A form refused for the problems given, each naming its field: 422, and nothing written. */
export function formInvalid(problems: ProblemDetail[]): UserError {
  return new UserError('invalid_input', 422, invalidInput, problems);
}

/**
 * Runs the checks of one form and refuses it with every problem they find together, so that a
 * person corrects the fields and the organiser's questions in one go, not one check after another.
 */
export function checkTogether<A, B>(first: () => A, second: () => B): [A, B] {
  const problems: ProblemDetail[] = [];
  const run = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof UserError) || error.code !== 'invalid_input') throw error;
      problems.push(...error.details);
      return undefined;
    }
  };
  const a = run(first);
  const b = run(second);
  if (problems.length > 0) throw formInvalid(problems);
  return [a as A, b as B];
}

function parsed<S extends z.ZodType>(schema: S, input: unknown, labels: FieldLabels, status: 400 | 422) {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.output<S>;
  const problems = describeProblems(schema, input, labels);
  throw status === 400 ? new UserError('invalid_query', 400, invalidQuery, problems) : formInvalid(problems);
}

/** Parses input at a boundary; bad input becomes a 422 UserError listing every problem. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  labels: FieldLabels = {},
): z.output<S> {
  return parsed(schema, input, labels, 422);
}

/** Optional text as people type it: trimmed, empty when not sent, at most `max` characters. */
export function trimmedText(max: number) {
  return z
    .string()
    .trim()
    .max(max, bilingual(`${max}文字以内にしてください。`, `Use at most ${max} characters.`))
    .default('');
}

/** Required text: trimmed, not empty (the message says what to enter), at most `max` characters. */
export function requiredText(max: number, ja: string, en: string) {
  return z
    .string(bilingual(ja, en))
    .trim()
    .min(1, bilingual(ja, en))
    .max(max, bilingual(`${max}文字以内にしてください。`, `Use at most ${max} characters.`));
}

/** An e-mail address as people type it: trimmed, lower-cased, checked, with messages in both languages. */
export function emailAddress() {
  return z
    .string(bilingual('メールアドレスを入力してください。', 'Enter an e-mail address.'))
    .trim()
    .toLowerCase()
    .max(254, bilingual('254文字以内にしてください。', 'Use at most 254 characters.'))
    .pipe(
      z.email(
        bilingual(
          'メールアドレスの形で入力してください（例：yamada@example.jp）。',
          'Enter an e-mail address, e.g. yamada@example.jp.',
        ),
      ),
    );
}

/**
 * Parses the query of a GET request: a bad parameter is the request's fault, so the answer is
 * 400 (not 422, which is for a form whose content a person corrects), listing every problem.
 */
export function parseQuery<S extends z.ZodType>(
  schema: S,
  input: unknown,
  labels: FieldLabels = {},
): z.output<S> {
  return parsed(schema, input, labels, 400);
}

/**
 * One field's problem found after parsing (a date in the past, a choice not in the list): a 422 for a
 * form, or a 400 `invalid_query` for the query of a GET request, as parseInput and parseQuery answer.
 */
export function fieldProblem(field: string, label: Text, problem: Text, status: 400 | 422 = 422): UserError {
  const details = [
    { field, message: { ja: `${label.ja}: ${problem.ja}`, en: `${label.en}: ${problem.en}` } },
  ];
  return status === 400
    ? new UserError('invalid_query', 400, invalidQuery, details)
    : new UserError('invalid_input', 422, invalidInput, details);
}

/** A calendar date as people type it: 2026-04-01, 2026/4/1 or full-width digits, as yyyy-mm-dd. */
export function typedDate() {
  const asIso = (v: unknown) => {
    if (typeof v !== 'string') return v;
    const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(v.normalize('NFKC').trim());
    return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : v;
  };
  return z.preprocess(
    asIso,
    z.iso.date(bilingual('日付を 2026/4/1 の形で入力してください。', 'Enter a date like 2026-04-01.')),
  );
}
