import type { Child } from 'hono/jsx';
import { type AuditChange, actionLabel, auditChanges } from '../audit-text';
import { formatDateTime } from '../fiscal-year';
import { type PageView, tr } from './layout';

/** What an audit entry changed, field by field: the old value struck through, the new one inserted. */
export function AuditChanges(props: { view: PageView; changes: AuditChange[] }) {
  if (props.changes.length === 0) return <span>—</span>;
  return (
    <ul class="changes">
      {props.changes.map((change) => (
        <li>
          <span class="change-label">{change.label}</span>:{' '}
          {change.before !== undefined ? (
            <>
              <del>{change.before}</del>
              <span class="visually-hidden">{tr(props.view, 'から', ' changed to ')}</span>
              <span aria-hidden="true"> → </span>
            </>
          ) : null}
          <ins>{change.after ?? '—'}</ins>
        </li>
      ))}
    </ul>
  );
}

interface AuditRow {
  action: string;
  actorName: string;
  at: Date | string;
  before: unknown;
  after: unknown;
}

/**
 * Audit entries as a table: when, who, what, and what changed. `recordOf` adds a column naming the
 * record, where the table mixes several (the admin's log); a record's own history leaves it out.
 */
export function AuditTable<E extends AuditRow>(props: {
  view: PageView;
  entries: E[];
  labelledBy: string;
  recordOf?: (entry: E) => Child;
}) {
  const { view } = props;
  return (
    <div class="table-wrap">
      <table aria-labelledby={props.labelledBy}>
        <thead>
          <tr>
            <th scope="col">{tr(view, '日時', 'When')}</th>
            <th scope="col">{tr(view, '変更者', 'Who')}</th>
            <th scope="col">{tr(view, '操作', 'What')}</th>
            {props.recordOf ? <th scope="col">{tr(view, '対象', 'Record')}</th> : null}
            <th scope="col">{tr(view, '変更内容', 'Changes')}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr data-audit={entry.action}>
              <td>{formatDateTime(view.lang, entry.at)}</td>
              <td>{entry.actorName}</td>
              <td>{actionLabel(view.lang, entry.action)}</td>
              {props.recordOf ? <td>{props.recordOf(entry)}</td> : null}
              <td>
                <AuditChanges view={view} changes={auditChanges(view.lang, entry)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
