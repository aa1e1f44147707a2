import { describeAuditEntries } from '../audit-text';

/** How the mail's entries read in the audit log. */
export function describeMailAuditEntries(): void {
  describeAuditEntries({
    actions: { 'mail.retry': { ja: 'メールの再送', en: 'Mail sent again' } },
    entities: { mail: { ja: 'メール', en: 'Mail' } },
    fields: { attempts: { ja: '試行回数', en: 'Attempts' } },
    values: {
      pending: { ja: '送信待ち', en: 'Waiting to be sent' },
      failed: { ja: '送信できず', en: 'Failed' },
    },
  });
}
