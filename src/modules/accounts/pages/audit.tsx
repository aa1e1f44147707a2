import { entityLabel } from '../../../platform/audit-text';
import { AuditTable } from '../../../platform/ui/audit-changes';
import { ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { AuditEntry, AuditFilter } from '../service';
import { type FormProblem, invalidIf } from './components';

/** The filter as a query string (without the page cursor), for links and the CSV export. */
export function auditQuery(
  filter: Partial<AuditFilter>,
  extra: Record<string, string | number> = {},
): string {
  const params = new URLSearchParams();
  for (const key of ['entityType', 'entityKey', 'actor', 'from', 'to'] as const) {
    const value = filter[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The municipality's audit log: who changed what and when, newest first, filtered and paged. */
export function AuditLogPage(props: {
  view: PageView;
  filter: Partial<AuditFilter>;
  choices: { entityTypes: string[]; actors: { id: number; displayName: string; email: string }[] };
  entries: AuditEntry[];
  total: number;
  hasNewer: boolean;
  hasOlder: boolean;
  problem?: FormProblem | undefined;
}) {
  const { view, filter, choices } = props;
  const title = tr(view, '操作履歴（監査ログ）', 'Audit log');
  const first = props.entries[0];
  const last = props.entries.at(-1);
  const filtered = auditQuery(filter);
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          'だれが・いつ・何を変更したかの記録です。記録は変更と同時に書かれ、あとから変えることはできません。',
          'Who changed what, and when. Each entry is written together with its change and cannot be altered.',
        )}
      </p>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <search>
        <form method="get" action="/admin/audit" class="filters card">
          {filter.entityKey ? <input type="hidden" name="entityKey" value={filter.entityKey} /> : null}
          <div>
            <label for="filter-entityType">{tr(view, '対象の種類', 'Kind of record')}</label>
            <select id="filter-entityType" name="entityType">
              <option value="">{tr(view, 'すべて', 'All')}</option>
              {choices.entityTypes.map((type) => (
                <option value={type} selected={filter.entityType === type}>
                  {entityLabel(view.lang, type)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="filter-actor">{tr(view, '変更者', 'Changed by')}</label>
            <select id="filter-actor" name="actor" {...invalidIf(props.problem, 'actor')}>
              <option value="">{tr(view, 'すべて', 'Everyone')}</option>
              {choices.actors.map((a) => (
                <option value={String(a.id)} selected={filter.actor === a.id}>
                  {a.displayName}（{a.email}）
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="filter-from">{tr(view, '開始日', 'From')}</label>
            <input
              id="filter-from"
              name="from"
              type="date"
              value={filter.from ?? ''}
              {...invalidIf(props.problem, 'from')}
            />
          </div>
          <div>
            <label for="filter-to">{tr(view, '終了日', 'To')}</label>
            <input
              id="filter-to"
              name="to"
              type="date"
              value={filter.to ?? ''}
              {...invalidIf(props.problem, 'to')}
            />
          </div>
          <div>
            <button type="submit">{tr(view, '絞り込む', 'Filter')}</button>
          </div>
        </form>
      </search>
      {filter.entityKey ? (
        <p>
          {tr(
            view,
            `対象「${filter.entityKey}」の記録だけを表示しています。`,
            `Only the record "${filter.entityKey}".`,
          )}{' '}
          <a href={`/admin/audit${auditQuery({ ...filter, entityKey: undefined })}`}>
            {tr(view, 'すべての対象を表示', 'Show every record')}
          </a>
        </p>
      ) : null}
      <p class="actions">
        <a href={`/admin/audit.csv${filtered}`} download>
          {tr(view, 'この条件の履歴をCSVで書き出す', 'Export these entries (CSV)')}
        </a>
      </p>
      <h2 id="entries">{tr(view, `履歴（${props.total}件）`, `Entries (${props.total})`)}</h2>
      {props.entries.length === 0 ? (
        <p>
          {tr(
            view,
            '条件に合う履歴はありません。期間を広げるか、絞り込みを解除してください。',
            'No entries match. Widen the dates or clear the filters.',
          )}
        </p>
      ) : (
        <AuditTable
          view={view}
          entries={props.entries}
          labelledBy="entries"
          recordOf={(entry) =>
            entry.entityType === 'account' ? (
              <a href={`/admin/accounts/${entry.entityKey}`}>
                {entityLabel(view.lang, entry.entityType)} #{entry.entityKey}
              </a>
            ) : (
              `${entityLabel(view.lang, entry.entityType)} ${entry.entityKey}`
            )
          }
        />
      )}
      {props.hasNewer || props.hasOlder ? (
        <nav class="pager" aria-label={tr(view, 'ページ', 'Pages')}>
          {props.hasNewer ? (
            <a href={`/admin/audit${filtered}`}>{tr(view, '最新の履歴へ', 'Newest')}</a>
          ) : null}
          {props.hasNewer && first ? (
            <a href={`/admin/audit${auditQuery(filter, { after: first.id })}`} rel="prev">
              {tr(view, '新しい履歴', 'Newer entries')}
            </a>
          ) : null}
          {props.hasOlder && last ? (
            <a href={`/admin/audit${auditQuery(filter, { before: last.id })}`} rel="next">
              {tr(view, '古い履歴', 'Older entries')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}
