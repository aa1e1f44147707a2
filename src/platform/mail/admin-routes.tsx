import { Hono } from 'hono';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../http';
import { localise } from '../i18n';
import { viewOf } from '../ui/layout';
import { addNavigation } from '../ui/navigation';
import { mailOverview, retryMail } from './admin';
import { MailAdminPage } from './admin-page';
import { describeMailAuditEntries } from './audit-words';
import { mailPermissions } from './permissions';

const notices = {
  retried: {
    ja: '再送の列に戻しました。まもなく送信されます。',
    en: 'The mail is back in line and is sent shortly.',
  },
} as const;

/** /admin/mail: city staff see the mails that failed and send one again. */
export function mailAdminRoutes(db: Db, config: Pick<Config, 'smtpUrl' | 'mailDir'>) {
  const app = new Hono<AppEnv>();
  describeMailAuditEntries();
  addNavigation({
    href: '/admin/mail',
    label: { ja: 'メール送信状況', en: 'Mail delivery' },
    permission: mailPermissions['mail.outbox.manage'],
  });
  const delivery = (c: AppContext) =>
    config.smtpUrl
      ? `SMTP ${new URL(config.smtpUrl).host}`
      : localise(c.get('lang'), { ja: `フォルダ ${config.mailDir}`, en: `Folder ${config.mailDir}` });

  const render = async (c: AppContext) => {
    const overview = await mailOverview(db, actorOf(c).municipalityCode);
    c.header('cache-control', 'no-store');
    return c.html(
      <MailAdminPage
        view={viewOf(c)}
        overview={overview}
        delivery={delivery(c)}
        notice={savedNotice(c, notices)}
      />,
    );
  };

  app.get('/admin/mail', requirePermission(mailPermissions['mail.outbox.manage']), (c) => render(c));

  app.post(
    '/admin/mail/:id{[0-9]+}/retry',
    requirePermission(mailPermissions['mail.outbox.manage']),
    async (c) => {
      await retryMail(db, actorOf(c), Number(c.req.param('id')));
      return c.redirect('/admin/mail?saved=retried', 303);
    },
  );

  return app;
}
