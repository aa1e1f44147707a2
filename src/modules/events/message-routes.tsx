import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import { findEventForStaff } from './event-service';
import { formBody, problemOf } from './forms';
import { countAudiences, listMessages, messageParticipants, previewMessage } from './message-service';
import type { FormProblem, FormValues } from './pages/components';
import { MessagePage } from './pages/message';
import { eventPermissions as can_ } from './permissions';

const notices = {
  sent: {
    ja: 'お知らせを送信の列に入れました。まもなく届きます。',
    en: 'The message is queued and goes out shortly.',
  },
} as const;

/** Staff (管理): a message to a group of an event's participants, through the mail outbox. */
export function messageRoutes({ db }: { db: Db }) {
  const app = new Hono<AppEnv>();
  const eventIdOf = (c: AppContext) => Number(c.req.param('id'));
  const path = '/events/manage/:id{[0-9]+}/message';

  const render = async (
    c: AppContext,
    extra: {
      values?: FormValues;
      preview?: { recipients: number };
      problem?: FormProblem;
      status?: number;
    } = {},
  ) => {
    const actor = actorOf(c);
    const [event, counts, sent] = await Promise.all([
      findEventForStaff(db, actor, eventIdOf(c)),
      countAudiences(db, actor, eventIdOf(c)),
      listMessages(db, actor, eventIdOf(c)),
    ]);
    c.header('cache-control', 'no-store');
    return c.html(
      <MessagePage
        view={viewOf(c)}
        event={event}
        counts={counts}
        values={extra.values ?? { idempotencyKey: randomUUID() }}
        preview={extra.preview}
        sent={sent}
        notice={savedNotice(c, notices)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get(path, requirePermission(can_['events.manage']), (c) => render(c));

  /** `step`: preview (check and show how many receive it), edit (back to the form), send. */
  app.post(path, requirePermission(can_['events.manage']), async (c) => {
    const values = await formBody(c);
    const actor = actorOf(c);
    try {
      if (values.step === 'edit') return await render(c, { values });
      if (values.step !== 'send') {
        const { recipients } = await previewMessage(db, actor, eventIdOf(c), values as never);
        return await render(c, { values, preview: { recipients } });
      }
      await messageParticipants(db, actor, eventIdOf(c), values as never);
      return c.redirect(`/events/manage/${eventIdOf(c)}/message?saved=sent`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return render(c, { values, problem, status });
    }
  });

  return app;
}
