import { type Role, roleNames } from './auth/roles';
import { type Lang, localise, type Text } from './i18n';

/**
 * How the audit log reads to a person: each module names its actions, records and fields once
 * (`describeAuditEntries`, at start-up), and every view of the log (the admin's log, a project's
 * change history, the CSV export) uses the same words.
 */
export interface AuditVocabulary {
  actions?: Record<string, Text>;
  entities?: Record<string, Text>;
  /** in the order a person reads them on the forms */
  fields?: Record<string, Text>;
  /** codes stored as values that read better as words */
  values?: Record<string, Text>;
}

const vocabulary = {
  actions: new Map<string, Text>(),
  entities: new Map<string, Text>(),
  fields: new Map<string, Text>(),
  values: new Map<string, Text>(),
};

export function describeAuditEntries(words: AuditVocabulary): void {
  for (const kind of ['actions', 'entities', 'fields', 'values'] as const) {
    for (const [key, text] of Object.entries(words[kind] ?? {})) vocabulary[kind].set(key, text);
  }
}

export function actionLabel(lang: Lang, action: string): string {
  const label = vocabulary.actions.get(action);
  return label ? localise(lang, label) : action;
}

export function entityLabel(lang: Lang, entityType: string): string {
  const label = vocabulary.entities.get(entityType);
  return label ? localise(lang, label) : entityType;
}

function valueText(lang: Lang, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return lang === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'yes' : 'no';
  if (key === 'role' && typeof value === 'string' && value in roleNames)
    return localise(lang, roleNames[value as Role]);
  if (typeof value === 'string') {
    const label = vocabulary.values.get(value);
    return label ? localise(lang, label) : value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export interface AuditChange {
  key: string;
  label: string;
  /** absent when the entry has no state before (a record created) */
  before?: string | undefined;
  after?: string | undefined;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/**
 * An entry's before and after as a person reads them: one line per field that changed, labelled,
 * with codes turned into names. A field that stayed the same is left out.
 */
export function auditChanges(lang: Lang, entry: { before: unknown; after: unknown }): AuditChange[] {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  // jsonb keeps keys in its own order; a person reads them in the order of the forms
  const fieldOrder = [...vocabulary.fields.keys()];
  const order = (key: string) => {
    const i = fieldOrder.indexOf(key);
    return i === -1 ? fieldOrder.length : i;
  };
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  return keys
    .filter((key) => !before || !after || JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => {
      const label = vocabulary.fields.get(key);
      return {
        key,
        label: label ? localise(lang, label) : key,
        before: before ? valueText(lang, key, before[key]) : undefined,
        after: after ? valueText(lang, key, after[key]) : undefined,
      };
    });
}

/** The changes on one line, for the CSV export: 「役割: 事業者 → 支援機関職員; 表示名: …」 */
export function auditChangesText(lang: Lang, entry: { before: unknown; after: unknown }): string {
  return auditChanges(lang, entry)
    .map((c) => `${c.label}: ${c.before !== undefined ? `${c.before} → ` : ''}${c.after ?? '—'}`)
    .join('; ');
}
