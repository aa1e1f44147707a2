import { type Lang, localise, type Text } from '../../../platform/i18n';
import type { AuditEntry } from '../service';
import { roleName } from './components';

const actionLabels: Record<string, Text> = {
  'account.create': { ja: 'アカウント作成', en: 'Account created' },
  'account.update': { ja: 'アカウント変更', en: 'Account changed' },
  'account.disable': { ja: '利用停止', en: 'Account disabled' },
  'account.enable': { ja: '利用再開', en: 'Account enabled' },
  'account.password_change': { ja: 'パスワード変更（本人）', en: 'Password changed (by the person)' },
  'account.password_reset': { ja: 'パスワード再発行', en: 'New password issued' },
  'manual_actual.create': { ja: '実績の登録', en: 'Actual recorded' },
  'manual_actual.update': { ja: '実績の修正', en: 'Actual corrected' },
  'pdca_review.create': { ja: '評価の登録', en: 'Evaluation written' },
  'pdca_review.update': { ja: '評価の更新', en: 'Evaluation updated' },
  'improvement_action.create': { ja: '改善項目の追加', en: 'Improvement action added' },
  'improvement_action.status': { ja: '改善項目の状況変更', en: 'Improvement action status' },
};

const entityLabels: Record<string, Text> = {
  account: { ja: 'アカウント', en: 'Account' },
  'plan.project': { ja: '実施事業', en: 'Project' },
  'plan.kpi': { ja: '成果目標', en: 'KPI' },
};

const fieldLabels: Record<string, Text> = {
  email: { ja: 'メールアドレス', en: 'E-mail' },
  displayName: { ja: '表示名', en: 'Name' },
  role: { ja: '役割', en: 'Role' },
  organisation: { ja: '所属', en: 'Organisation' },
  disabled: { ja: '利用停止', en: 'Disabled' },
  sessionsEnded: { ja: '終了したログイン', en: 'Sessions ended' },
  otherSessionsEnded: { ja: '終了した他の端末のログイン', en: 'Other sessions ended' },
  initialPassword: { ja: '初期パスワード', en: 'Initial password' },
  passwordChanged: { ja: 'パスワード変更', en: 'Password changed' },
  passwordReset: { ja: 'パスワード再発行', en: 'New password issued' },
  value: { ja: '実績値', en: 'Value' },
  asOf: { ja: '基準日', en: 'As of' },
  source: { ja: '出典', en: 'Source' },
  note: { ja: '備考', en: 'Note' },
  grade: { ja: '評価', en: 'Grade' },
  departmentComment: { ja: '担当課のコメント', en: "Department's comment" },
  committeeComment: { ja: '識見者のコメント', en: "Committee's comment" },
  version: { ja: '版', en: 'Version' },
  id: { ja: '番号', en: 'No.' },
  description: { ja: '改善内容', en: 'Improvement' },
  ownerOrganisation: { ja: '担当機関', en: 'Owner organisation' },
  dueDate: { ja: '期限', en: 'Due date' },
  status: { ja: '状況', en: 'Status' },
};

const fieldOrder = Object.keys(fieldLabels);

const valueLabels: Record<string, Text> = {
  generated: { ja: '自動作成', en: 'generated' },
  chosen: { ja: '管理者が設定', en: 'chosen by the administrator' },
};

export function actionLabel(lang: Lang, action: string): string {
  const label = actionLabels[action];
  return label ? localise(lang, label) : action;
}

export function entityLabel(lang: Lang, entityType: string): string {
  const label = entityLabels[entityType];
  return label ? localise(lang, label) : entityType;
}

function valueText(lang: Lang, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return lang === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'yes' : 'no';
  if (key === 'role' && typeof value === 'string') return roleName(lang, value);
  if (typeof value === 'string') return valueLabels[value] ? localise(lang, valueLabels[value]) : value;
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
export function auditChanges(lang: Lang, entry: Pick<AuditEntry, 'before' | 'after'>): AuditChange[] {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  // jsonb keeps keys in its own order; a person reads them in the order of the forms
  const order = (key: string) => {
    const i = fieldOrder.indexOf(key);
    return i === -1 ? fieldOrder.length : i;
  };
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  return keys
    .filter((key) => !before || !after || JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => ({
      key,
      label: fieldLabels[key] ? localise(lang, fieldLabels[key]) : key,
      before: before ? valueText(lang, key, before[key]) : undefined,
      after: after ? valueText(lang, key, after[key]) : undefined,
    }));
}

/** The changes on one line, for the CSV export: 「役割: 事業者 → 支援機関職員; 表示名: …」 */
export function auditChangesText(lang: Lang, entry: Pick<AuditEntry, 'before' | 'after'>): string {
  return auditChanges(lang, entry)
    .map((c) => `${c.label}: ${c.before !== undefined ? `${c.before} → ` : ''}${c.after ?? '—'}`)
    .join('; ');
}
