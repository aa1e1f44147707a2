import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { Db } from '../../db/connection';
import { can } from '../../platform/auth/roles';
import { fiscalYearOf, isInFiscalYear } from '../../platform/fiscal-year';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { photoNotices } from '../../platform/photos/http';
import { tr, viewOf } from '../../platform/ui/layout';
import type { MapTiles } from '../../platform/ui/map';
import { PhotoSection } from '../../platform/ui/photos';
import type { PlanCatalogue } from '../plan/catalogue';
import { inquiriesOfListing, inquiryCounts, sendInquiry } from './inquiry-service';
import { changeStage, confirmStillAvailable } from './lifecycle-service';
import {
  approveListing,
  editListing,
  isPublic,
  keptListing,
  listingContextOf,
  ownListings,
  pendingListings,
  postListing,
  readListing,
} from './listing-service';
import { type PropertyFact, propertyFacts } from './metrics';
import { ListingFormPage } from './pages/form';
import { InquiryForm, ManageSections } from './pages/inquiries';
import { MyListingsPage, ReviewPage } from './pages/manage';
import { PropertyPage } from './pages/property';
import { SearchPage } from './pages/search';
import { StatisticsPage } from './pages/statistics';
import { propertyPermissions as can_, reviewsListings } from './permissions';
import { listingPhotos } from './photo-service';
import { listingFormValues } from './property-input';
import { findListings, listedUses, parsePropertyQuery } from './search';

export const notices = {
  created: {
    ja: '掲載の申請を受け付けました。職員が確認してから公開されます。',
    en: 'Your listing was received. It is public once staff have checked it.',
  },
  updated: { ja: '掲載内容を変更しました。', en: 'The listing was changed.' },
  unchanged: { ja: '変更はありませんでした。', en: 'Nothing changed.' },
  approved: {
    ja: '承認しました。空き物件の一覧に公開されています。',
    en: 'Approved: the property is listed.',
  },
  stage: { ja: '状況を変更しました。', en: 'The status was changed.' },
  confirmed: {
    ja: 'まだ募集中であることを確認しました。60日後にまたお尋ねします。',
    en: 'Confirmed as still available. We will ask again in 60 days.',
  },
  ...photoNotices,
} as const;

/** The public list and page, the posters' pages, and staff's approval. */
export function listingRoutes({
  db,
  plans,
  photosOf,
  tiles,
}: {
  db: Db;
  plans: PlanCatalogue;
  tiles: MapTiles;
  photosOf: (listingId: number) => Promise<{ id: number; width: number; height: number; caption: string }[]>;
}) {
  const app = new Hono<AppEnv>();
  const post = requirePermission(can_['properties.post']);
  const inquire = requirePermission(can_['properties.inquire']);
  const review = requirePermission(can_['properties.review']);
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const idOf = (c: AppContext) => Number(c.req.param('id'));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  // ----- public: the list and each listing's page ----------------------------------------------

  app.get('/properties', async (c) => {
    const plan = planOf(c);
    const values = c.req.query();
    const uses = await listedUses(db, plan.municipalityCode);
    const page = (extra: {
      filter?: ReturnType<typeof parsePropertyQuery>;
      problem?: FormProblem;
      listings?: Awaited<ReturnType<typeof findListings>>;
    }) => (
      <SearchPage
        view={viewOf(c)}
        values={values}
        filter={extra.filter}
        problem={extra.problem}
        areas={plan.file.areas}
        uses={uses}
        listings={extra.listings ?? []}
        tiles={tiles}
        bounds={plan.file.bounds}
      />
    );
    try {
      const filter = parsePropertyQuery(values, plan.file.areas);
      return c.html(page({ filter, listings: await findListings(db, plan.municipalityCode, filter) }));
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return c.html(page({ problem }), status as 400);
    }
  });

  /** A listing's page, with the inquiry form for an applicant (and what they typed, when refused). */
  const renderListing = async (
    c: AppContext,
    inquiry: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const plan = planOf(c);
    const account = c.get('account');
    const viewer = account ? actorOf(c) : undefined;
    const { listing, keeps, withPrivate } = await readListing(db, viewer, plan.municipalityCode, idOf(c));
    if (withPrivate || inquiry.values) personal(c);
    const view = viewOf(c);
    return c.html(
      <PropertyPage
        view={view}
        listing={listing}
        areas={plan.file.areas}
        notice={savedNotice(c, notices)}
        keeps={keeps}
        withPrivate={withPrivate}
        isReviewer={reviewsListings(viewer)}
        photos={await photosOf(listing.id)}
      >
        {keeps ? (
          <p class="actions">
            <a class="button" href={`/properties/${listing.id}/manage`}>
              {tr(view, '変更・状況・写真・問い合わせ', 'Change, status, photos, inquiries')}
            </a>
          </p>
        ) : null}
        {isPublic(listing) && !keeps ? (
          <InquiryForm
            view={view}
            propertyId={listing.id}
            values={inquiry.values ?? { idempotencyKey: randomUUID() }}
            problem={inquiry.problem}
            mayInquire={Boolean(account && can(account.role, can_['properties.inquire']))}
            sent={c.req.query('saved') === 'inquired'}
            noCase={c.req.query('case') === 'none'}
          />
        ) : null}
      </PropertyPage>,
      (inquiry.status ?? 200) as 200,
    );
  };

  app.get('/properties/:id{[0-9]+}', (c) => renderListing(c));

  app.post('/properties/:id{[0-9]+}/inquiries', inquire, async (c) => {
    const body = await formBody(c);
    try {
      const { inquiry } = await sendInquiry(db, actorOf(c), idOf(c), body);
      const noCase = inquiry.shareWithCounsellor && inquiry.consultationCaseId === null;
      return c.redirect(`/properties/${idOf(c)}?saved=inquired${noCase ? '&case=none' : ''}#inquiry`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status !== 422) throw error;
      return renderListing(c, { values: body, problem, status });
    }
  });

  // ----- posters: 商店会, 活性化委員会, 不動産事業者, staff -------------------------------------------

  app.get('/properties/mine', post, async (c) => {
    const listings = await ownListings(db, actorOf(c));
    personal(c);
    return c.html(
      <MyListingsPage
        view={viewOf(c)}
        listings={listings}
        inquiryCounts={
          await inquiryCounts(
            db,
            listings.map((l) => l.id),
          )
        }
        notice={savedNotice(c, notices)}
      />,
    );
  });

  const renderForm = (
    c: AppContext,
    extra: {
      propertyId?: number;
      values: FormValues;
      problem?: FormProblem;
      status?: number;
      children?: Child;
    },
  ) => {
    const plan = planOf(c);
    personal(c);
    return c.html(
      <ListingFormPage
        view={viewOf(c)}
        propertyId={extra.propertyId}
        values={extra.values}
        problem={extra.problem}
        areas={plan.file.areas}
        municipalityName={listingContextOf(plan).municipalityName}
        notice={savedNotice(c, notices)}
      >
        {extra.children}
      </ListingFormPage>,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/properties/new', post, (c) =>
    renderForm(c, { values: { kind: 'shop', deal: 'rent', idempotencyKey: randomUUID() } }),
  );

  app.post('/properties', post, async (c) => {
    const body = await formBody(c);
    try {
      const { listing } = await postListing(db, actorOf(c), planOf(c), body);
      return c.redirect(`/properties/${listing.id}?saved=created`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderForm(c, { values: body, problem, status });
    }
  });

  /** Below the manage form: the status form (with its problem, when refused), photos and inquiries. */
  const manageSections = async (
    c: AppContext,
    stage: { values?: FormValues; problem?: FormProblem } = {},
  ) => {
    const actor = actorOf(c);
    const listing = await keptListing(db, actor, idOf(c));
    return (
      <>
        <PhotoSection
          view={viewOf(c)}
          base={`/properties/${listing.id}`}
          max={listingPhotos.max}
          photos={await photosOf(listing.id)}
        />
        <ManageSections
          view={viewOf(c)}
          listing={listing}
          inquiries={await inquiriesOfListing(db, actor, listing.id)}
          values={stage.values ?? {}}
          problem={stage.problem}
        />
      </>
    );
  };

  app.get('/properties/:id{[0-9]+}/manage', post, async (c) => {
    const listing = await keptListing(db, actorOf(c), idOf(c));
    return renderForm(c, {
      propertyId: listing.id,
      values: listingFormValues(listing),
      children: await manageSections(c),
    });
  });

  app.post('/properties/:id{[0-9]+}', post, async (c) => {
    const body = await formBody(c);
    try {
      const outcome = await editListing(db, actorOf(c), planOf(c), idOf(c), body);
      return c.redirect(`/properties/${idOf(c)}/manage?saved=${outcome}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderForm(c, {
        propertyId: idOf(c),
        values: body,
        problem,
        status,
        children: await manageSections(c),
      });
    }
  });

  app.post('/properties/:id{[0-9]+}/stage', post, async (c) => {
    const body = await formBody(c);
    try {
      const outcome = await changeStage(db, actorOf(c), idOf(c), body);
      return c.redirect(
        `/properties/${idOf(c)}/manage?saved=${outcome === 'changed' ? 'stage' : 'unchanged'}#stage`,
        303,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status !== 422) throw error;
      const listing = await keptListing(db, actorOf(c), idOf(c));
      return renderForm(c, {
        propertyId: listing.id,
        values: listingFormValues(listing),
        status,
        children: await manageSections(c, { values: body, problem }),
      });
    }
  });

  app.post('/properties/:id{[0-9]+}/confirm', post, async (c) => {
    await confirmStillAvailable(db, actorOf(c), idOf(c));
    return c.redirect('/properties/mine?saved=confirmed', 303);
  });

  // ----- staff (商工会, Bi@Sta) and admins: approval ------------------------------------------------

  app.get('/properties/review', review, async (c) => {
    const listings = await pendingListings(db, actorOf(c));
    personal(c);
    return c.html(<ReviewPage view={viewOf(c)} listings={listings} notice={savedNotice(c, notices)} />);
  });

  app.get('/properties/statistics', review, async (c) => {
    const plan = planOf(c);
    const current = fiscalYearOf(new Date());
    const years = [...new Set([...plan.fiscalYears, current])].sort((a, b) => b - a);
    const asked = Number(c.req.query('fy'));
    const fiscalYear = years.includes(asked) ? asked : current;
    const all = await propertyFacts(db, plan.municipalityCode);
    const inYear = (facts: PropertyFact[]) => facts.filter((f) => isInFiscalYear(f.day, fiscalYear));
    const facts = {
      listings: inYear(all.listings),
      inquiries: inYear(all.inquiries),
      contracts: inYear(all.contracts),
      startups: inYear(all.startups),
    };
    personal(c);
    return c.html(
      <StatisticsPage
        view={viewOf(c)}
        fiscalYear={fiscalYear}
        years={years}
        facts={facts}
        areas={plan.file.areas}
      />,
    );
  });

  app.post('/properties/:id{[0-9]+}/approve', review, async (c) => {
    await approveListing(db, actorOf(c), idOf(c));
    return c.redirect(`/properties/${idOf(c)}?saved=approved`, 303);
  });

  return app;
}
