import { formatDate } from '../../../platform/fiscal-year';
import { titleIn } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import type { AttendedEvent } from '../../events';

/**
 * The seminars and courses (事業承継セミナー, 創業塾…) the person attended (by their account, or the
 * e-mail address they gave at registration and as their contact) before or during the case, so that the counsellor, and the city through them, see which led to it.
 */
export function SeminarLinks(props: {
  view: PageView;
  events: AttendedEvent[];
  categories: readonly { code: string; title: string; titleEn?: string | undefined }[];
}) {
  const { view } = props;
  const category = (code: string) => {
    const c = props.categories.find((x) => x.code === code);
    return c ? titleIn(view.lang, c) : code;
  };
  return (
    <section aria-labelledby="seminars">
      <h2 id="seminars">{tr(view, '参加したセミナー・講座', 'Seminars and courses attended')}</h2>
      {props.events.length === 0 ? (
        <p data-empty="seminars">
          {tr(
            view,
            'この方のアカウント、または連絡先のメールアドレスで出席したイベントはありません。',
            'No event attended with this person’s account or the e-mail address given as their contact.',
          )}
        </p>
      ) : (
        <ul data-list="seminars">
          {props.events.map((e) => (
            <li>
              {formatDate(view.lang, e.startsAt)} <span class="badge">{category(e.category)}</span>{' '}
              <a href={`/events/${e.id}`}>{e.title}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
