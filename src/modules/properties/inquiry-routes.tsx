import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { tr, viewOf } from '../../platform/ui/layout';
import { ownInquiries, sharedInquiries } from './inquiry-service';
import { InquiryListPage } from './pages/inquiries';
import { propertyPermissions as can_ } from './permissions';

/** The inquiries a person sent, and those shared with the counsellors of their start-up case. */
export function inquiryRoutes({ db }: { db: Db }) {
  const app = new Hono<AppEnv>();

  app.get('/properties/inquiries/mine', requirePermission(can_['properties.inquire']), async (c) => {
    const view = viewOf(c);
    const rows = await ownInquiries(db, actorOf(c));
    c.header('cache-control', 'private, no-store');
    return c.html(
      <InquiryListPage
        view={view}
        title={tr(view, '送った問い合わせ（空き物件）', 'Your property inquiries')}
        lead={tr(
          view,
          '掲載者からの連絡は、登録したメールアドレスに届きます。',
          'Posters reply to the e-mail address of your account.',
        )}
        rows={rows}
      />,
    );
  });

  app.get('/properties/inquiries/shared', requirePermission(can_['properties.counsel']), async (c) => {
    const view = viewOf(c);
    const rows = (await sharedInquiries(db, actorOf(c))).map((r) => ({
      ...r,
      applicantName: r.applicantName,
    }));
    c.header('cache-control', 'private, no-store');
    return c.html(
      <InquiryListPage
        view={view}
        title={tr(view, '相談者の空き物件への問い合わせ', 'Property inquiries of your clients')}
        lead={tr(
          view,
          '創業相談の相談者が、相談員への共有に同意して送った問い合わせです。自分の機関が受けている創業相談の分だけが表示されます。',
          'Inquiries that your start-up clients agreed to share with their counsellors; only those of cases your organisation holds.',
        )}
        rows={rows}
      />,
    );
  });
  return app;
}
