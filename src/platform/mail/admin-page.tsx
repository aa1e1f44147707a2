import { formatDateTime } from '../fiscal-year';
import { localise } from '../i18n';
import { CsrfField, Layout, Notice, type PageView, tr } from '../ui/layout';
import type { MailOverview } from './admin';
import { mailTemplate } from './outbox';

/** City staff's view of the municipality's mail: how much waits and was sent, and what failed. */
export function MailAdminPage(props: {
  view: PageView;
  overview: MailOverview;
  /** where mail goes: a folder or an SMTP server */
  delivery: string;
  notice?: string | undefined;
}) {
  const { view, overview } = props;
  const title = tr(view, 'メール送信状況', 'Mail delivery');
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <p class="lead">
        {tr(
          view,
          'お知らせメールは送信待ちの列に入り、順に送られます。送れなかったときは時間をおいて自動で再送し、それでも送れないメールをここに表示します。',
          'Mails wait in line and are sent in turn. A failed send is retried automatically; mails that still could not be sent are listed here.',
        )}
      </p>
      <dl class="facts">
        <dt>{tr(view, '送信先', 'Delivery')}</dt>
        <dd data-field="delivery">{props.delivery}</dd>
        <dt>{tr(view, '送信待ち', 'Waiting')}</dt>
        <dd data-field="waiting">{overview.waiting}</dd>
        <dt>{tr(view, '送信済み', 'Sent')}</dt>
        <dd data-field="sent">{overview.sent}</dd>
        <dt>{tr(view, '送信できなかったメール', 'Could not be sent')}</dt>
        <dd data-field="failed">{overview.failed}</dd>
      </dl>
      <h2 id="failed-heading">{tr(view, '送信できなかったメール', 'Mails that could not be sent')}</h2>
      {overview.failedMails.length === 0 ? (
        <p data-empty>{tr(view, 'ありません。', 'None.')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-labelledby="failed-heading">
          <table aria-labelledby="failed-heading">
            <thead>
              <tr>
                <th scope="col">{tr(view, '作成', 'Created')}</th>
                <th scope="col">{tr(view, '種類', 'Kind')}</th>
                <th scope="col">{tr(view, '宛先', 'To')}</th>
                <th scope="col" class="num">
                  {tr(view, '試行回数', 'Attempts')}
                </th>
                <th scope="col">{tr(view, '最後のエラー', 'Last error')}</th>
                <th scope="col">{tr(view, '再送', 'Send again')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.failedMails.map((mail) => {
                const template = mailTemplate(mail.template);
                return (
                  <tr data-mail={mail.id}>
                    <td>{formatDateTime(view.lang, mail.createdAt)}</td>
                    <td>{template ? localise(view.lang, template.label) : mail.template}</td>
                    <th scope="row">{mail.toAddress}</th>
                    <td class="num">{mail.attempts}</td>
                    <td>
                      <code>{mail.lastError ?? '—'}</code>
                    </td>
                    <td>
                      <form method="post" action={`/admin/mail/${mail.id}/retry`}>
                        <CsrfField view={view} />
                        <button
                          type="submit"
                          aria-label={tr(
                            view,
                            `${mail.toAddress} へ再送する`,
                            `Send again to ${mail.toAddress}`,
                          )}
                        >
                          {tr(view, '再送する', 'Send again')}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </Layout>
  );
}
