import { UserError } from './errors';
import type { AppContext } from './http';
import { localise } from './i18n';

/** A form's values as sent, to show them again beside its errors. */
export type FormValues = Record<string, string | undefined>;

/** A refused form: the message, the problems one per line, and the fields they concern. */
export interface FormProblem {
  message: string;
  details: string[];
  fields: string[];
}

/** aria attributes of a field that has a problem, so that a screen reader announces it. */
export function invalidIf(problem: FormProblem | undefined, field: string) {
  return problem?.fields.includes(field) ? { 'aria-invalid': 'true' as const } : {};
}

/** A person's mistake as the form shows it (status, message, details, fields); anything else is rethrown. */
export function problemOf(c: AppContext, error: unknown): { status: number; problem: FormProblem } {
  if (!(error instanceof UserError)) throw error;
  const lang = c.get('lang');
  return {
    status: error.status,
    problem: {
      message: localise(lang, error.userMessage),
      details: error.details.map((d) => localise(lang, d.message)),
      fields: error.details.flatMap((d) => (d.field ? [d.field] : [])),
    },
  };
}

/** The text fields of a sent form, without the CSRF token. */
export async function formBody(c: AppContext): Promise<FormValues> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' && k !== '_csrf' ? [[k, v]] : [])),
  );
}
