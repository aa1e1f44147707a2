import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { EventRow, RegistrationRow } from '../event-service';
import type { SessionRow } from '../sessions';
import { ticketCodeInGroups } from '../ticket';
import { eventWhen, type FormProblem, type Organiser, organiserName } from './components';
import { CancelledNotice } from './lifecycle';

/**
 * The QR ticket of a confirmed registration, shown at the door: the code as a QR code (SVG made on
 * the server) and in readable groups, for when it cannot be scanned. It prints on a page of its own.
 */
function Ticket(props: { view: PageView; code: string; qrSvg: string }) {
  const { view } = props;
  return (
    <section class="ticket card" aria-labelledby="ticket-heading" data-ticket>
      <h2 id="ticket-heading">{tr(view, 'QRチケット', 'QR ticket')}</h2>
      <figure>
        {raw(props.qrSvg)}
        <figcaption>
          {tr(view, '受付番号', 'Ticket code')}
          <strong class="ticket-code" data-ticket-code>
            {ticketCodeInGroups(props.code)}
          </strong>
        </figcaption>
      </figure>
      <p>
        {tr(
          view,
          '当日は受付でこのQRコードをお見せください（画面でも印刷でも構いません）。読み取れないときは受付番号をお伝えください。',
          'Show this QR code at the door, on your phone or printed. If it cannot be scanned, tell the ticket code.',
        )}
      </p>
    </section>
  );
}

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
  /** the QR ticket as SVG, given for a confirmed registration whose link is shown */
  ticketSvg?: string | undefined;
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
      <CancelledNotice view={view} event={event} />
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
      {props.showLink && registration.status === 'confirmed' && props.ticketSvg ? (
        <Ticket view={view} code={registration.ticketCode} qrSvg={props.ticketSvg} />
      ) : null}
      {props.showLink && registration.status === 'waiting' ? (
        <p>
          {tr(
            view,
            '参加が確定するとQRチケットがこのページに表示され、メールでもお知らせします。',
            'When your place is confirmed, your QR ticket appears on this page and we send it by e-mail.',
          )}
        </p>
      ) : null}
      {props.showLink && registration.status !== 'cancelled' ? (
        <div class="no-print">
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
        </div>
      ) : null}
      {props.children}
    </Layout>
  );
}
