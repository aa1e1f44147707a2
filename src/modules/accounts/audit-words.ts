import { describeAuditEntries } from '../../platform/audit-text';

/** How this module's entries read in the audit log. */
export function describeAccountAuditEntries(): void {
  describeAuditEntries({
    actions: {
      'account.create': { ja: 'アカウント作成', en: 'Account created' },
      'account.update': { ja: 'アカウント変更', en: 'Account changed' },
      'account.disable': { ja: '利用停止', en: 'Account disabled' },
      'account.enable': { ja: '利用再開', en: 'Account enabled' },
      'account.password_change': { ja: 'パスワード変更（本人）', en: 'Password changed (by the person)' },
      'account.password_reset': { ja: 'パスワード再発行', en: 'New password issued' },
    },
    entities: {
      account: { ja: 'アカウント', en: 'Account' },
    },
    fields: {
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
    },
    values: {
      generated: { ja: '自動作成', en: 'generated' },
      chosen: { ja: '管理者が設定', en: 'chosen by the administrator' },
    },
  });
}
