import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { photoResponse, photoUploadOf } from '../../platform/photos/http';
import type { PlanCatalogue } from '../plan/catalogue';
import { businessPermissions as can_ } from './permissions';
import { addBusinessPhoto, businessPhotoData, removeBusinessPhoto } from './photo-service';

/**
 * A business's photos: read by whoever may read the business (approved ones by anyone, cached a day),
 * added and removed by the account keeping it, from its profile page.
 */
export function businessPhotoRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const own = requirePermission(can_['businesses.profile.own']);
  const idOf = (c: AppContext) => Number(c.req.param('id'));

  app.get('/businesses/:id{[0-9]+}/photos/:file{[0-9]+\\.jpg}', async (c) => {
    const account = c.get('account');
    const code = plans.planFor(account).municipalityCode;
    const photoId = Number.parseInt(c.req.param('file') ?? '', 10);
    const photo = await businessPhotoData(db, account ? actorOf(c) : undefined, code, idOf(c), photoId);
    return photoResponse(c, photo, photo.isPublic);
  });

  app.post('/businesses/:id{[0-9]+}/photos', own, async (c) => {
    await addBusinessPhoto(db, actorOf(c), idOf(c), await photoUploadOf(c));
    return c.redirect('/businesses/mine?saved=photo#photos', 303);
  });

  app.post('/businesses/:id{[0-9]+}/photos/:photoId{[0-9]+}/remove', own, async (c) => {
    await removeBusinessPhoto(db, actorOf(c), idOf(c), Number(c.req.param('photoId')));
    return c.redirect('/businesses/mine?saved=photoRemoved#photos', 303);
  });
  return app;
}
