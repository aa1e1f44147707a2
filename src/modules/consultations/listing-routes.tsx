import { Hono } from 'hono';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import { CaseListingPage, ListingPage, ListingsPage } from './pages/listings';
import { consultationPermissions as can_ } from './permissions';
import type { ConsultationRouteDependencies } from './routes';
import {
  acceptPledge,
  approveCandidate,
  browseListings,
  candidateOf,
  expressInterest,
  listingOfCase,
  publishSuccessionListing,
  readListingAsCandidate,
  registerAsCandidate,
  withdrawSuccessionListing,
} from './succession-listings';

const notices = {
  published: { ja: '案件情報を匿名で公開しました。', en: 'The listing was published anonymously.' },
  withdrawn: { ja: '案件情報を取り下げました。', en: 'The listing was withdrawn.' },
  approved: {
    ja: '経営者の承認を記録しました。候補者が秘密保持の誓約をすると、経営者が開示されます。',
    en: "The owner's approval was recorded. Once the candidate accepts the pledge, the owner is disclosed to them.",
  },
  registered: { ja: '後継者候補として登録しました。', en: 'You are registered as a successor candidate.' },
  interest: { ja: '関心を伝えました。', en: 'Your interest was sent.' },
  pledged: {
    ja: '秘密保持の誓約を記録しました。経営者を開示します。',
    en: 'Your pledge was recorded. The owner is disclosed to you.',
  },
} as const;

/**
 * 事業承継マッチング (decision 022): the counsellors' page of a case's anonymous listing, and the
 * candidates' pages. Staff and candidate routes stay apart; who sees the owner is the service's rule.
 */
export function listingRoutes({ db, plans }: ConsultationRouteDependencies) {
  const app = new Hono<AppEnv>();
  const counsel = requirePermission(can_['consultations.counsel']);
  const candidate = requirePermission(can_['consultations.succession.candidate']);
  const areasOf = (c: AppContext) => plans.planFor(c.get('account')).file.areas ?? [];
  const idOf = (c: AppContext, name = 'id') => Number(c.req.param(name));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');
  type Extra = { values?: FormValues; problem?: FormProblem; status?: number };

  // ----- counsellors of the organisation holding the case, and admins ---------------------------

  const renderCase = async (c: AppContext, extra: Extra = {}) => {
    const { listing, interests } = await listingOfCase(db, actorOf(c), idOf(c));
    personal(c);
    return c.html(
      <CaseListingPage
        view={viewOf(c)}
        caseId={idOf(c)}
        listing={listing}
        interests={interests}
        areas={areasOf(c)}
        values={extra.values ?? {}}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };
  const base = (c: AppContext) => `/consultations/cases/${idOf(c)}/listing`;

  app.get('/consultations/cases/:id{[0-9]+}/listing', counsel, (c) => renderCase(c));

  app.post('/consultations/cases/:id{[0-9]+}/listing', counsel, async (c) => {
    const body = await formBody(c);
    try {
      await publishSuccessionListing(db, actorOf(c), idOf(c), body, { areas: areasOf(c) });
      return c.redirect(`${base(c)}?saved=published`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderCase(c, { values: body, problem, status });
    }
  });

  app.post('/consultations/cases/:id{[0-9]+}/listing/withdraw', counsel, async (c) => {
    await withdrawSuccessionListing(db, actorOf(c), idOf(c));
    return c.redirect(`${base(c)}?saved=withdrawn`, 303);
  });

  app.post(
    '/consultations/cases/:id{[0-9]+}/listing/interests/:interest{[0-9]+}/approve',
    counsel,
    async (c) => {
      try {
        await approveCandidate(db, actorOf(c), idOf(c), idOf(c, 'interest'));
        return c.redirect(`${base(c)}?saved=approved`, 303);
      } catch (error) {
        const { status, problem } = problemOf(c, error);
        if (status === 403 || status === 404) throw error;
        return renderCase(c, { problem, status });
      }
    },
  );

  // ----- successor candidates (businesses and residents) ---------------------------------------

  const renderList = async (c: AppContext, extra: Extra = {}) => {
    const actor = actorOf(c);
    const registered = await candidateOf(db, actor);
    personal(c);
    return c.html(
      <ListingsPage
        view={viewOf(c)}
        candidate={registered}
        listings={registered ? await browseListings(db, actor) : []}
        areas={areasOf(c)}
        values={extra.values ?? {}}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/consultations/listings', candidate, (c) => renderList(c));

  app.post('/consultations/listings/candidate', candidate, async (c) => {
    const body = await formBody(c);
    try {
      await registerAsCandidate(db, actorOf(c), body);
      return c.redirect('/consultations/listings?saved=registered', 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderList(c, { values: body, problem, status });
    }
  });

  const renderListing = async (c: AppContext, extra: Extra = {}) => {
    const read = await readListingAsCandidate(db, actorOf(c), idOf(c));
    personal(c);
    return c.html(
      <ListingPage
        view={viewOf(c)}
        {...read}
        areas={areasOf(c)}
        values={extra.values ?? {}}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/consultations/listings/:id{[0-9]+}', candidate, (c) => renderListing(c));

  const candidateWrite =
    (write: typeof expressInterest, saved: keyof typeof notices) => async (c: AppContext) => {
      const body = await formBody(c);
      try {
        await write(db, actorOf(c), idOf(c), body);
        return c.redirect(`/consultations/listings/${idOf(c)}?saved=${saved}`, 303);
      } catch (error) {
        const { status, problem } = problemOf(c, error);
        if (status === 403 || status === 404) throw error;
        return renderListing(c, { values: body, problem, status });
      }
    };

  app.post(
    '/consultations/listings/:id{[0-9]+}/interest',
    candidate,
    candidateWrite(expressInterest, 'interest'),
  );
  app.post('/consultations/listings/:id{[0-9]+}/pledge', candidate, candidateWrite(acceptPledge, 'pledged'));

  return app;
}
