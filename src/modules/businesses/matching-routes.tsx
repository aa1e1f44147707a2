import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { fiscalYearOf, todayInJapan } from '../../platform/fiscal-year';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from '../plan/catalogue';
import { confirmDeal, dealsOfThread, recordDeal } from './deal-service';
import { suggestionsFor } from './matching';
import { NewPostPage, PostPage, PostsPage } from './pages/posts';
import { StatisticsPage } from './pages/statistics';
import { ThreadPage, ThreadsPage } from './pages/threads';
import { businessPermissions as can_ } from './permissions';
import { closePost, openPosts, postNeedOrOffer, readPost } from './post-service';
import { ownProfile } from './profile-service';
import { businessStatistics } from './statistics';
import { contactAboutPost, readThread, sendMessage, threadsOf, threadsOfPost } from './thread-service';

const notices = {
  posted: {
    ja: '掲載しました。おすすめの事業者に連絡できます。',
    en: 'Posted. You can contact the suggested businesses.',
  },
  closed: { ja: '掲載を締め切りました。', en: 'The post was closed.' },
  sent: { ja: 'メッセージを送りました。', en: 'The message was sent.' },
  dealRecorded: {
    ja: '取引を記録しました。相手の事業者の確認を待っています。',
    en: 'The deal was recorded. It awaits the other business.',
  },
  dealConfirmed: {
    ja: '取引を確認しました。市内の受発注として数えられます。',
    en: 'The deal was confirmed and counts as a local order.',
  },
} as const;

/** 受発注: needs and offers (public to read), messages and deals (the two businesses), statistics (staff). */
export function matchingRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const trade = requirePermission(can_['businesses.trade']);
  const review = requirePermission(can_['businesses.review']);
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const idOf = (c: AppContext) => Number(c.req.param('id'));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  // ----- public: the board of open needs and offers, and each post --------------------------------

  app.get('/businesses/posts', async (c) => {
    const rows = await openPosts(db, planOf(c).municipalityCode);
    return c.html(<PostsPage view={viewOf(c)} rows={rows} canPost={c.get('account')?.role === 'business'} />);
  });

  const renderPost = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const plan = planOf(c);
    const { post, business } = await readPost(db, plan.municipalityCode, idOf(c));
    const account = c.get('account');
    const mine = account?.role === 'business' ? await ownProfile(db, actorOf(c)) : undefined;
    const isPoster = Boolean(mine && mine.id === post.businessId);
    const threads = isPoster ? await threadsOfPost(db, post.id) : [];
    const myThread =
      mine && !isPoster
        ? (await threadsOfPost(db, post.id)).find((t) => t.thread.otherBusinessId === mine.id)
        : undefined;
    if (account) personal(c);
    return c.html(
      <PostPage
        view={viewOf(c)}
        post={post}
        business={business}
        notice={savedNotice(c, notices)}
        problem={extra.problem}
        values={extra.values ?? {}}
        isPoster={isPoster}
        canAnswer={mine?.status === 'approved'}
        suggestions={isPoster ? await suggestionsFor(db, post, business, plan.file.areas) : []}
        threads={threads}
        myThreadId={myThread?.thread.id}
        idempotencyKey={extra.values?.idempotencyKey ?? randomUUID()}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/businesses/posts/:id{[0-9]+}', (c) => renderPost(c));

  // ----- a business: its posts, its conversations and deals ----------------------------------------

  const renderNew = (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    personal(c);
    const kind = c.req.query('kind') === 'offer' ? 'offer' : 'need';
    return c.html(
      <NewPostPage
        view={viewOf(c)}
        values={extra.values ?? { kind, localOnly: 'on' }}
        problem={extra.problem}
        idempotencyKey={extra.values?.idempotencyKey ?? randomUUID()}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/businesses/posts/new', trade, (c) => renderNew(c));

  app.post('/businesses/posts', trade, async (c) => {
    const body = await formBody(c);
    try {
      const { post } = await postNeedOrOffer(db, actorOf(c), body);
      return c.redirect(`/businesses/posts/${post.id}?saved=posted`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderNew(c, { values: body, problem, status });
    }
  });

  app.post('/businesses/posts/:id{[0-9]+}/close', trade, async (c) => {
    await closePost(db, actorOf(c), idOf(c));
    return c.redirect(`/businesses/posts/${idOf(c)}?saved=closed`, 303);
  });

  app.post('/businesses/posts/:id{[0-9]+}/contact', trade, async (c) => {
    const body = await formBody(c);
    try {
      const { thread } = await contactAboutPost(db, actorOf(c), idOf(c), body);
      return c.redirect(`/businesses/threads/${thread.id}?saved=sent`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderPost(c, { values: body, problem, status });
    }
  });

  app.get('/businesses/threads', trade, async (c) => {
    const rows = await threadsOf(db, actorOf(c));
    personal(c);
    return c.html(<ThreadsPage view={viewOf(c)} rows={rows} />);
  });

  const renderThread = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number; form?: 'message' | 'deal' } = {},
  ) => {
    const data = await readThread(db, actorOf(c), idOf(c));
    const deals = await dealsOfThread(db, data.thread.id);
    personal(c);
    return c.html(
      <ThreadPage
        view={viewOf(c)}
        post={data.post}
        me={data.me}
        other={data.other}
        otherContact={data.otherContact}
        messages={data.messages}
        deals={deals}
        notice={savedNotice(c, notices)}
        problem={extra.problem}
        form={extra.form}
        values={extra.values ?? {}}
        idempotencyKey={extra.values?.idempotencyKey?.replace(/-deal$/, '') ?? randomUUID()}
        today={todayInJapan()}
        threadId={data.thread.id}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/businesses/threads/:id{[0-9]+}', trade, (c) => renderThread(c));

  app.post('/businesses/threads/:id{[0-9]+}/messages', trade, async (c) => {
    const body = await formBody(c);
    try {
      await sendMessage(db, actorOf(c), idOf(c), body);
      return c.redirect(`/businesses/threads/${idOf(c)}?saved=sent`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderThread(c, { values: body, problem, status, form: 'message' });
    }
  });

  app.post('/businesses/threads/:id{[0-9]+}/deals', trade, async (c) => {
    const body = await formBody(c);
    try {
      await recordDeal(db, actorOf(c), idOf(c), body);
      return c.redirect(`/businesses/threads/${idOf(c)}?saved=dealRecorded`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderThread(c, { values: body, problem, status, form: 'deal' });
    }
  });

  app.post('/businesses/deals/:id{[0-9]+}/confirm', trade, async (c) => {
    await confirmDeal(db, actorOf(c), idOf(c));
    const threadId = c.req.query('thread');
    return c.redirect(
      threadId && /^\d+$/.test(threadId)
        ? `/businesses/threads/${threadId}?saved=dealConfirmed`
        : '/businesses/threads?saved=dealConfirmed',
      303,
    );
  });

  // ----- staff: statistics ------------------------------------------------------------------------

  app.get('/businesses/statistics', review, async (c) => {
    const plan = planOf(c);
    const current = fiscalYearOf(new Date());
    const years = [...new Set([...plan.fiscalYears, current])].sort((a, b) => b - a);
    const asked = Number(c.req.query('fy'));
    const fiscalYear = years.includes(asked) ? asked : current;
    const stats = await businessStatistics(db, plan.municipalityCode, fiscalYear);
    return c.html(<StatisticsPage view={viewOf(c)} fiscalYear={fiscalYear} years={years} stats={stats} />);
  });

  return app;
}
