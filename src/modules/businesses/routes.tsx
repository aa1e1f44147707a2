import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { photoNotices } from '../../platform/photos/http';
import { viewOf } from '../../platform/ui/layout';
import type { MapTiles } from '../../platform/ui/map';
import type { PlanCatalogue } from '../plan/catalogue';
import { directoryTags, findBusinesses, parseDirectoryQuery, perPage } from './directory';
import { industryName } from './industries';
import { businessStructuredData } from './json-ld';
import { BusinessPage } from './pages/business';
import { DirectoryPage } from './pages/directory';
import { MyBusinessPage } from './pages/mine';
import { ReviewPage } from './pages/review';
import { businessPermissions as can_ } from './permissions';
import { businessPhotosOf } from './photo-service';
import { profileFormValues } from './profile-input';
import {
  approveBusiness,
  approveClaim,
  claimBusiness,
  membershipOrganisations,
  ownProfile,
  pendingReviews,
  readBusiness,
  saveOwnProfile,
  unclaimedBusinesses,
} from './profile-service';
import { businesses } from './schema';

const notices = {
  created: {
    ja: '事業者情報を受け付けました。職員が確認してから公開されます。',
    en: 'Your profile was received. It is listed once staff have checked it.',
  },
  updated: { ja: '事業者情報を変更しました。', en: 'The profile was changed.' },
  unchanged: { ja: '変更はありませんでした。', en: 'Nothing changed.' },
  claimed: {
    ja: '管理の申請を受け付けました。職員が確認します。',
    en: 'Your claim was received. Staff will check it.',
  },
  approved: { ja: '承認しました。事業者一覧に公開されています。', en: 'Approved: the business is listed.' },
  claimApproved: { ja: '管理の申請を承認しました。', en: 'The claim was approved.' },
  ...photoNotices,
} as const;

/** The directory (public), a business's own profile (business accounts), and approval (staff). */
export function businessRoutes({ db, plans, tiles }: { db: Db; plans: PlanCatalogue; tiles: MapTiles }) {
  const app = new Hono<AppEnv>();
  const own = requirePermission(can_['businesses.profile.own']);
  const review = requirePermission(can_['businesses.review']);
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const idOf = (c: AppContext) => Number(c.req.param('id'));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  // ----- public: the directory and each business's page --------------------------------------

  app.get('/businesses', async (c) => {
    const plan = planOf(c);
    const code = plan.municipalityCode;
    const values = c.req.query();
    const tags = await directoryTags(db, code);
    const display = {
      show: values.show === 'map' ? ('map' as const) : ('list' as const),
      tiles,
      bounds: plan.file.bounds,
    };
    try {
      const filter = parseDirectoryQuery(values, plan.file.areas);
      const found = await findBusinesses(db, code, filter);
      return c.html(
        <DirectoryPage
          view={viewOf(c)}
          values={values}
          filter={filter}
          areas={plan.file.areas}
          tags={tags}
          businesses={found.businesses}
          total={found.total}
          perPage={perPage}
          {...display}
        />,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return c.html(
        <DirectoryPage
          view={viewOf(c)}
          values={values}
          filter={undefined}
          problem={problem}
          areas={plan.file.areas}
          tags={tags}
          businesses={[]}
          total={0}
          perPage={perPage}
          {...display}
        />,
        status as 400,
      );
    }
  });

  app.get('/businesses/:id{[0-9]+}', async (c) => {
    const plan = planOf(c);
    const account = c.get('account');
    const viewer = account ? actorOf(c) : undefined;
    const business = await readBusiness(db, viewer, plan.municipalityCode, idOf(c));
    const organisations = plan.file.organisations;
    const isOwner = Boolean(account && business.accountId === account.id);
    if (business.status !== 'approved' || isOwner) personal(c);
    const photos = await businessPhotosOf(db, business.id);
    return c.html(
      <BusinessPage
        view={viewOf(c)}
        business={business}
        areas={plan.file.areas}
        organisations={organisations}
        notice={savedNotice(c, notices)}
        isOwner={isOwner}
        isReviewer={account?.role === 'admin' || account?.role === 'staff'}
        photos={photos}
        structuredData={businessStructuredData(business, {
          url: new URL(`/businesses/${business.id}`, c.req.url).toString(),
          images: photos.map((p) =>
            new URL(`/businesses/${business.id}/photos/${p.id}.jpg`, c.req.url).toString(),
          ),
          municipality: plan.file.municipality,
          industryName: industryName('ja', business.industryMajor, business.industryMiddle),
          membershipNames: business.memberships.map(
            (m) => organisations.find((o) => o.code === m)?.name ?? m,
          ),
        })}
      />,
    );
  });

  // ----- a business account: its own profile ---------------------------------------------------

  const renderMine = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: ReturnType<typeof problemOf>['problem']; status?: number } = {},
  ) => {
    const plan = planOf(c);
    const actor = actorOf(c);
    const business = await ownProfile(db, actor);
    const claimable = business ? [] : await unclaimedBusinesses(db, plan.municipalityCode);
    const [claimed] = business
      ? []
      : await db
          .select({ id: businesses.id })
          .from(businesses)
          .where(eq(businesses.claimAccountId, actor.accountId ?? -1));
    personal(c);
    return c.html(
      <MyBusinessPage
        view={viewOf(c)}
        business={business}
        values={extra.values ?? (business ? profileFormValues(business) : { legalForm: 'corporation' })}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
        areas={plan.file.areas}
        organisations={membershipOrganisations(plan)}
        claimable={claimable}
        claimPending={Boolean(claimed)}
        photos={business ? await businessPhotosOf(db, business.id) : []}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/businesses/mine', own, (c) => renderMine(c));

  app.post('/businesses/mine', own, async (c) => {
    const body = await formBody(c);
    try {
      const { outcome } = await saveOwnProfile(db, actorOf(c), planOf(c), body);
      return c.redirect(`/businesses/mine?saved=${outcome}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderMine(c, { values: body, problem, status });
    }
  });

  app.post('/businesses/:id{[0-9]+}/claim', own, async (c) => {
    await claimBusiness(db, actorOf(c), idOf(c));
    return c.redirect('/businesses/mine?saved=claimed', 303);
  });

  // ----- staff (商工会, Bi@Sta) and admins: approval ------------------------------------------------

  app.get('/businesses/review', review, async (c) => {
    const rows = await pendingReviews(db, actorOf(c));
    personal(c);
    return c.html(<ReviewPage view={viewOf(c)} rows={rows} notice={savedNotice(c, notices)} />);
  });

  app.post('/businesses/:id{[0-9]+}/approve', review, async (c) => {
    await approveBusiness(db, actorOf(c), idOf(c));
    return c.redirect(`/businesses/${idOf(c)}?saved=approved`, 303);
  });

  app.post('/businesses/:id{[0-9]+}/approve-claim', review, async (c) => {
    await approveClaim(db, actorOf(c), idOf(c));
    return c.redirect('/businesses/review?saved=claimApproved', 303);
  });

  return app;
}
