import type { Child } from 'hono/jsx';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { EventRow, RegistrationRow } from '../event-service';
import type { SessionRow } from '../sessions';
import { eventWhen, type FormProblem, type Organiser, organiserName } from './components';

/** The confirmation of a registration and the page of its cancel link. */
export function RegistrationPage(props: {
  view: PageView;
  /** with its sessions, a course's schedule is shown */
  event: EventRow & { sessions?: SessionRow[] };
  registration: RegistrationRow;
  position: number | null;
  organisers: Organiser[];
  /** false when the person came with another form: the link is then not shown again */
  showLink: boolean;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
  /** what follows on the page: the questionnaire once the event has started */
  children?: Child;
}) {
  const { view, event, registration } = props;
  const title =
    registration.status === 'cancelled'
      ? tr(view, 'お申し込みは取り消されています', 'This registration is cancelled')
      : registration.status === 'waiting'
        ? tr(view, 'キャンセル待ちで受け付けました', 'You are on the waiting list')
        : tr(view, '参加が確定しました', 'Your place is confirmed');
  const link = `/events/registrations/${registration.cancelToken}`;
  return (
    <Layout view={view} title={title}>
      <h1 data-registration-status={registration.status}>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      {!props.showLink ? (
        <p role="status">
          {tr(
            view,
            'このメールアドレスでは、すでにお申し込みがあります。取り消すときは、お申し込みのときに表示されたページのリンクをお使いください。',
            'This e-mail address is already registered for this event. To cancel, use the link shown when you registered.',
          )}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{tr(view, 'イベント', 'Event')}</dt>
        <dd>
          <a href={`/events/${event.id}`}>{event.title}</a>
        </dd>
        <dt>{tr(view, '日時', 'When')}</dt>
        <dd>{eventWhen(view.lang, event)}</dd>
        <dt>{tr(view, '会場', 'Place')}</dt>
        <dd>{event.place}</dd>
        <dt>{tr(view, '主催', 'Organiser')}</dt>
        <dd>{organiserName(view.lang, event.organiser, props.organisers)}</dd>
        <dt>{tr(view, 'お名前', 'Name')}</dt>
        <dd>{registration.name}</dd>
        <dt>{tr(view, '状態', 'Status')}</dt>
        <dd data-field="status">
          {registration.status === 'confirmed'
            ? tr(view, '参加確定', 'Confirmed')
            : registration.status === 'waiting'
              ? tr(
                  view,
                  `キャンセル待ち ${props.position ?? ''}番目`,
                  `Waiting list, number ${props.position ?? ''}`,
                )
              : tr(view, '取り消し済み', 'Cancelled')}
        </dd>
      </dl>
      {props.showLink && registration.status !== 'cancelled' ? (
        <>
          <p>
            {tr(
              view,
              'このページのアドレスがお申し込みの控えです。取り消すときに使いますので、ブックマークしてください。',
              'The address of this page is your receipt; bookmark it, you need it to cancel.',
            )}
          </p>
          <p>
            <a href={link} data-cancel-link>
              {tr(view, 'お申し込みの控え（このページ）', 'Your registration (this page)')}
            </a>
          </p>
          <form method="post" action={`${link}/cancel`} class="card">
            <CsrfField view={view} />
            <button type="submit" class="button-danger">
              {tr(view, '申し込みを取り消す', 'Cancel my registration')}
            </button>
          </form>
        </>
      ) : null}
      {props.children}
    </Layout>
  );
}
