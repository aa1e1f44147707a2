import type { Text } from './i18n';

/**
 * An error a person can act on: a machine-readable code, an HTTP status and a message in both
 * languages. `details` lists the individual problems (a form field, a CSV line).
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly userMessage: Text,
    readonly details: ProblemDetail[] = [],
  ) {
    super(`${code}: ${userMessage.en}`);
    this.name = 'UserError';
  }
}

export interface ProblemDetail {
  /** a field name, or a CSV line number */
  field?: string;
  line?: number;
  message: Text;
}

export const notFound = (what: Text) =>
  new UserError('not_found', 404, {
    ja: `${what.ja}が見つかりません。URLを確かめてください。`,
    en: `${what.en} was not found. Check the address.`,
  });
