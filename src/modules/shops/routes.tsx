import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import type { MapTiles } from '../../platform/ui/map';
import { appFile, serveStaticText } from '../../platform/ui/static-assets';
import { businessPhotosOf } from '../businesses';
import type { PlanCatalogue } from '../plan/catalogue';
import { publishedArticlesOf } from './articles';
import { areaName, shopsStylesheetPath } from './pages/components';
import { ShopMapPage } from './pages/map';
import { MyShopPage } from './pages/mine';
import { ShopPage } from './pages/shop';
import { shopPermissions as can_ } from './permissions';
import { shopFormValues } from './shop-input';
import { findShops, ownShop, parseShopQuery, readShop, saveShopProfile, stationAreaOf } from './shop-service';

const notices = {
  created: { ja: 'お店の情報を登録しました。', en: 'The shop details were saved.' },
  updated: { ja: 'お店の情報を変更しました。', en: 'The shop details were changed.' },
  unchanged: { ja: '変更はありませんでした。', en: 'Nothing changed.' },
} as const;

/** The residents' shop map and shop pages (public), and a business's own shop details. */
export function shopRoutes({ db, plans, tiles }: { db: Db; plans: PlanCatalogue; tiles: MapTiles }) {
  const app = new Hono<AppEnv>();
  const own = requirePermission(can_['shops.own']);
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));

  serveStaticText(app, shopsStylesheetPath, 'css', appFile(new URL('./pages/shops.css', import.meta.url)));

  // ----- public: the map with its list, and each shop's page ------------------------------------

  app.get('/shops', async (c) => {
    const plan = planOf(c);
    const values = c.req.query();
    const page = (extra: {
      filter?: ReturnType<typeof parseShopQuery>;
      problem?: FormProblem;
      shops?: Awaited<ReturnType<typeof findShops>>;
    }) => (
      <ShopMapPage
        view={viewOf(c)}
        values={values}
        filter={extra.filter}
        problem={extra.problem}
        areas={plan.file.areas}
        shops={extra.shops ?? []}
        tiles={tiles}
        bounds={plan.file.bounds}
      />
    );
    try {
      const filter = parseShopQuery(values, plan.file.areas);
      return c.html(page({ filter, shops: await findShops(db, plan, filter) }));
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return c.html(page({ problem }), status as 400);
    }
  });

  app.get('/shops/:id{[0-9]+}', async (c) => {
    const plan = planOf(c);
    const listing = await readShop(db, plan, Number(c.req.param('id')));
    const account = c.get('account');
    const isOwner = Boolean(account && listing.business.accountId === account.id);
    if (isOwner) c.header('cache-control', 'private, no-store');
    return c.html(
      <ShopPage
        view={viewOf(c)}
        listing={listing}
        areas={plan.file.areas}
        articles={await publishedArticlesOf(db, plan.municipalityCode, listing.business.id)}
        photos={await businessPhotosOf(db, listing.business.id)}
        isOwner={isOwner}
      />,
    );
  });

  // ----- a business account: its own shop details ------------------------------------------------

  const renderMine = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const plan = planOf(c);
    const { business, shop } = await ownShop(db, actorOf(c));
    const area = business ? stationAreaOf(business, plan.file.areas) : null;
    c.header('cache-control', 'private, no-store');
    return c.html(
      <MyShopPage
        view={viewOf(c)}
        business={business}
        areaName={areaName(c.get('lang'), area, plan.file.areas)}
        values={extra.values ?? shopFormValues(shop)}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
        hasShop={Boolean(shop)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/shops/mine', own, (c) => renderMine(c));

  app.post('/shops/mine', own, async (c) => {
    const body = await formBody(c);
    try {
      const { outcome } = await saveShopProfile(db, actorOf(c), body);
      return c.redirect(`/shops/mine?saved=${outcome}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403) throw error;
      return renderMine(c, { values: body, problem, status });
    }
  });

  return app;
}
