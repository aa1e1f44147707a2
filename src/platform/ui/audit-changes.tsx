import type { AuditChange } from '../audit-text';
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
