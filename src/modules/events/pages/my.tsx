import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { OwnRegistration } from '../my-registrations';
import { eventWhen } from './components';

function statusText(view: PageView, r: OwnRegistration): string {
  if (r.registration.status === 'cancelled') return tr(view, '取り消し済み', 'Cancelled');
  if (r.event.status === 'cancelled') return tr(view, 'イベント中止', 'Event cancelled');
  if (r.registration.status === 'waiting')
    return tr(view, `キャンセル待ち ${r.position ?? ''}番目`, `Waiting list, number ${r.position ?? ''}`);
  if (r.attended) return tr(view, '出席', 'Attended');
  return tr(view, '参加確定', 'Confirmed');
}

function RegistrationList(props: {
  view: PageView;
  id: string;
  heading: string;
  empty: string;
  rows: OwnRegistration[];
  /** the link to the registration's page, with its ticket */
  ticketLinks: boolean;
}) {
  const { view } = props;
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.heading}（{props.rows.length}）
      </h2>
      {props.rows.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <ul class="grid">
          {props.rows.map((r) => (
            <li class="card" data-own-registration={r.registration.id} data-status={r.registration.status}>
              <h3>
                <a href={`/events/${r.event.id}`}>{r.event.title}</a>
              </h3>
              <p>{eventWhen(view.lang, r.event)}</p>
              <p>{r.event.place}</p>
              <p>
                <span class="badge">{statusText(view, r)}</span>
              </p>
              {props.ticketLinks ? (
                <p>
                  <a href={`/events/registrations/${r.registration.cancelToken}`} data-ticket-link>
                    {r.registration.status === 'confirmed'
                      ? tr(view, 'QRチケットと取り消し', 'QR ticket and cancelling')
                      : tr(view, 'お申し込みの内容と取り消し', 'Registration and cancelling')}
                    <span class="visually-hidden">{`（${r.event.title}）`}</span>
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "My registrations": what a signed-in person registered for with their account. */
export function MyRegistrationsPage(props: {
  view: PageView;
  upcoming: OwnRegistration[];
  past: OwnRegistration[];
  cancelled: OwnRegistration[];
}) {
  const { view } = props;
  const title = tr(view, '申し込んだイベント', 'My registrations');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          'このアカウントでログインして申し込んだイベントです。ログインせずに申し込んだものは、お申し込みのときのメールのリンクから確かめてください。',
          'Events you registered for while logged in. For registrations made without logging in, use the link in their mail.',
        )}
      </p>
      <RegistrationList
        view={view}
        id="upcoming"
        heading={tr(view, 'これからのイベント', 'Coming up')}
        empty={tr(view, '申し込み中のイベントはありません。', 'Nothing coming up.')}
        rows={props.upcoming}
        ticketLinks
      />
      <RegistrationList
        view={view}
        id="past"
        heading={tr(view, '終わったイベント', 'Past')}
        empty={tr(view, 'まだありません。', 'None yet.')}
        rows={props.past}
        ticketLinks={false}
      />
      <RegistrationList
        view={view}
        id="cancelled"
        heading={tr(view, '取り消し・中止', 'Cancelled')}
        empty={tr(view, 'ありません。', 'None.')}
        rows={props.cancelled}
        ticketLinks={false}
      />
    </Layout>
  );
}
