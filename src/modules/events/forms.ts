import { UserError } from '../../platform/errors';
import type { AppContext } from '../../platform/http';
import { localise } from '../../platform/i18n';
import type { FormProblem, FormValues } from './pages/components';

/** A person's mistake as the form shows it (message, details, fields to mark); anything else is rethrown. */
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
