import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../../db/connection';
import { csvResponse } from '../../platform/csv';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { formBody, problemOf } from '../../platform/forms';
import {
  type AppContext,
  type AppEnv,
  actorOf,
  cookieNames,
  requirePermission,
  savedNotice,
} from '../../platform/http';
import { type Lang, localise } from '../../platform/i18n';
import { viewOf } from '../../platform/ui/layout';
import { auditLogCsv } from './audit-csv';
import { AccountPage, AccountsPage, IssuedPasswordPage, NewAccountPage } from './pages/accounts';
import { AuditLogPage } from './pages/audit';
import type { FormProblem, FormValues, MunicipalityInfo } from './pages/components';
import { PasswordPage } from './pages/password';
import { accountPermissions as can_ } from './permissions';
import {
  auditFilterChoices,
  changeAccount,
  changeOwnPassword,
  disableAccount,
  enableAccount,
  findAccount,
  listAccounts,
  parseAuditFilter,
  readAuditLog,
  registerAccount,
  resetPassword,
} from './service';

/** The municipality's name and the organisations of its plan, for the forms and the list. */
export type MunicipalityDirectory = (municipalityCode: string, lang: Lang) => MunicipalityInfo;

export interface AccountsRouteDependencies {
  db: Db;
  municipality: MunicipalityDirectory;
}

const bothOrganisations = new UserError(
  'organisation_twice',
  422,
  {
    ja: '所属は「計画書の関係機関」か「その他の所属」のどちらか一方だけを入力してください。',
    en: 'Give the organisation either from the plan’s list or as other text, not both.',
  },
  [
    {
      field: 'organisation',
      message: {
        ja: '所属: どちらか一方を空にしてください。',
        en: 'Organisation: leave one of the two empty.',
      },
    },
  ],
);

/** The form's two organisation fields (the plan's list, or free text) as the one value the service takes. */
function organisationFrom(body: FormValues): string | null {
  const chosen = body.organisation?.trim() ?? '';
  const other = body.organisationOther?.trim() ?? '';
  if (chosen && other) throw bothOrganisations;
  return chosen || other || null;
}

const notices = {
  created: { ja: 'アカウントを作成しました。', en: 'The account was created.' },
  updated: { ja: '変更を保存しました。', en: 'The changes were saved.' },
  disabled: {
    ja: 'アカウントを利用停止にしました。ログイン中の画面も終了しました。',
    en: 'The account was disabled and its sessions ended.',
  },
  enabled: { ja: 'アカウントの利用を再開しました。', en: 'The account was enabled.' },
} as const;

const noticeOf = (c: AppContext) => savedNotice(c, notices);

const idOf = (c: AppContext) => Number(c.req.param('id'));

/** City staff's account administration and audit log, and everyone's own password. */
export function accountsRoutes({ db, municipality }: AccountsRouteDependencies) {
  const app = new Hono<AppEnv>();
  const municipalityOf = (c: AppContext) => municipality(actorOf(c).municipalityCode, c.get('lang'));
  const organisationsOf = (c: AppContext) => municipalityOf(c).organisations;

  // ----- staff (管理): accounts ----------------------------------------------------------------

  app.get('/admin/accounts', requirePermission(can_['accounts.manage']), async (c) => {
    const view = viewOf(c);
    try {
      const { rows, total, filter } = await listAccounts(db, actorOf(c), c.req.query(), organisationsOf(c));
      return c.html(
        <AccountsPage
          view={view}
          municipality={municipalityOf(c)}
          rows={rows}
          total={total}
          filter={filter}
          notice={noticeOf(c)}
        />,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return c.html(
        <AccountsPage
          view={view}
          municipality={municipalityOf(c)}
          rows={[]}
          total={0}
          filter={{}}
          problem={problem}
        />,
        status as 422,
      );
    }
  });

  const renderNew = (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) =>
    c.html(
      <NewAccountPage
        view={viewOf(c)}
        municipality={municipalityOf(c)}
        values={extra.values}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );

  app.get('/admin/accounts/new', requirePermission(can_['accounts.manage']), (c) => renderNew(c));

  app.post('/admin/accounts', requirePermission(can_['accounts.manage']), async (c) => {
    const body = await formBody(c);
    try {
      const { account, generatedPassword } = await registerAccount(
        db,
        actorOf(c),
        {
          email: body.email,
          displayName: body.displayName,
          role: body.role,
          organisation: organisationFrom(body),
          password: body.passwordChoice === 'set' ? (body.password ?? '') : undefined,
        },
        organisationsOf(c),
      );
      if (!generatedPassword) return c.redirect(`/admin/accounts/${account.id}?saved=created`, 303);
      c.header('cache-control', 'no-store');
      return c.html(
        <IssuedPasswordPage view={viewOf(c)} account={account} password={generatedPassword} kind="created" />,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      // a password is never sent back into a page
      return renderNew(c, { values: { ...body, password: undefined }, problem, status });
    }
  });

  const renderAccount = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const actor = actorOf(c);
    const account = await findAccount(db, actor, idOf(c));
    return c.html(
      <AccountPage
        view={viewOf(c)}
        municipality={municipalityOf(c)}
        account={account}
        isSelf={account.id === actor.accountId}
        values={extra.values}
        notice={noticeOf(c)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/admin/accounts/:id{[0-9]+}', requirePermission(can_['accounts.manage']), (c) => renderAccount(c));

  app.post('/admin/accounts/:id{[0-9]+}', requirePermission(can_['accounts.manage']), async (c) => {
    const body = await formBody(c);
    try {
      await changeAccount(
        db,
        actorOf(c),
        idOf(c),
        { displayName: body.displayName, role: body.role, organisation: organisationFrom(body) },
        organisationsOf(c),
      );
      return c.redirect(`/admin/accounts/${idOf(c)}?saved=updated`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderAccount(c, { values: body, problem, status });
    }
  });

  for (const [path, change, saved] of [
    ['disable', disableAccount, 'disabled'],
    ['enable', enableAccount, 'enabled'],
  ] as const) {
    app.post(`/admin/accounts/:id{[0-9]+}/${path}`, requirePermission(can_['accounts.manage']), async (c) => {
      try {
        await change(db, actorOf(c), idOf(c));
        return c.redirect(`/admin/accounts/${idOf(c)}?saved=${saved}`, 303);
      } catch (error) {
        const { status, problem } = problemOf(c, error);
        if (status === 404) throw error;
        return renderAccount(c, { problem, status });
      }
    });
  }

  app.post('/admin/accounts/:id{[0-9]+}/password', requirePermission(can_['accounts.manage']), async (c) => {
    try {
      const { account, generatedPassword } = await resetPassword(db, actorOf(c), idOf(c));
      c.header('cache-control', 'no-store');
      return c.html(
        <IssuedPasswordPage view={viewOf(c)} account={account} password={generatedPassword} kind="reset" />,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderAccount(c, { problem, status });
    }
  });

  // ----- staff (管理): the audit log -----------------------------------------------------------

  app.get('/admin/audit', requirePermission(can_['accounts.audit.read']), async (c) => {
    const view = viewOf(c);
    const actor = actorOf(c);
    const choices = await auditFilterChoices(db, actor);
    try {
      const filter = parseAuditFilter(c.req.query());
      const page = await readAuditLog(db, actor, filter);
      return c.html(<AuditLogPage view={view} filter={filter} choices={choices} {...page} />);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return c.html(
        <AuditLogPage
          view={view}
          filter={{}}
          choices={choices}
          entries={[]}
          total={0}
          hasNewer={false}
          hasOlder={false}
          problem={problem}
        />,
        status as 422,
      );
    }
  });

  app.get('/admin/audit.csv', requirePermission(can_['accounts.audit.read']), (c) => {
    const filter = parseAuditFilter(c.req.query());
    const lang = c.get('lang');
    const day = todayInJapan();
    const filename = lang === 'ja' ? `操作履歴_${day}.csv` : `audit-log-${day}.csv`;
    // names and changes of people: never kept by a cache
    return csvResponse(
      c,
      auditLogCsv(db, actorOf(c), { ...filter, before: undefined, after: undefined }, lang),
      filename,
      `audit-log-${day}.csv`,
    );
  });

  // ----- everyone with an account: their own password -------------------------------------------

  const passwordNotice = (c: AppContext) => {
    const ended = c.req.query('changed');
    if (ended === undefined) return undefined;
    const n = Number(ended) || 0;
    return localise(c.get('lang'), {
      ja: `パスワードを変更しました。${n > 0 ? `他の端末のログイン${n}件を終了しました。` : ''}`,
      en: `Your password was changed.${n > 0 ? ` ${n} other session(s) were logged out.` : ''}`,
    });
  };

  app.get('/account/password', requirePermission(can_['accounts.password.change']), (c) =>
    c.html(<PasswordPage view={viewOf(c)} notice={passwordNotice(c)} />),
  );

  app.post('/account/password', requirePermission(can_['accounts.password.change']), async (c) => {
    const body = await formBody(c);
    try {
      const { sessionsEnded } = await changeOwnPassword(db, actorOf(c), getCookie(c, cookieNames.session), {
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
        newPasswordAgain: body.newPasswordAgain,
      });
      return c.redirect(`/account/password?changed=${sessionsEnded}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return c.html(<PasswordPage view={viewOf(c)} problem={problem} />, status as 422);
    }
  });

  return app;
}
