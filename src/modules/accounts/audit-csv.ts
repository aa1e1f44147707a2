import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { actionLabel, auditChangesText, entityLabel } from '../../platform/audit-text';
import type { Lang } from '../../platform/i18n';
import { type AuditEntry, type AuditFilter, auditLogBatches } from './service';

const header = {
  ja: [
    '日時',
    '変更者',
    '変更者のアカウント番号',
    '操作',
    '操作コード',
    '対象の種類',
    '対象',
    '変更内容',
    '変更前（JSON）',
    '変更後（JSON）',
  ],
  en: [
    'When (JST)',
    'Changed by',
    'Account no.',
    'Action',
    'Action code',
    'Kind of record',
    'Record',
    'Changes',
    'Before (JSON)',
    'After (JSON)',
  ],
};

/** 2026-11-25 21:10:40 in Japan time: Excel reads it as a date and time. */
function japanTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at);
}

function rowOf(lang: Lang, e: AuditEntry): string[] {
  return [
    japanTime(new Date(e.at)),
    e.actorName,
    e.actorAccountId === null ? '' : String(e.actorAccountId),
    actionLabel(lang, e.action),
    e.action,
    entityLabel(lang, e.entityType),
    e.entityKey,
    auditChangesText(lang, e),
    e.before === null ? '' : JSON.stringify(e.before),
    e.after === null ? '' : JSON.stringify(e.after),
  ];
}

// RFC 4180 quoting, CRLF, and a cell that starts with = + - @ is prefixed with ' so that Excel shows
// it as text instead of running it as a formula (a display name is typed by people).
const options = { record_delimiter: 'windows', escape_formulas: true } as const;

/**
 * The filtered audit log as CSV: UTF-8 with a BOM (so that Excel opens it as UTF-8), CRLF, newest
 * first, produced a batch at a time.
 */
export function auditLogCsv(
  q: Queryable,
  actor: Actor,
  filter: AuditFilter,
  lang: Lang,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditLogBatches(q, actor, filter);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([header[lang]], options)}`));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(
        encoder.encode(
          stringify(
            next.value.map((e) => rowOf(lang, e)),
            options,
          ),
        ),
      );
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
