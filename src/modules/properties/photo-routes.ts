import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { photoResponse, photoUploadOf } from '../../platform/photos/http';
import type { PlanCatalogue } from '../plan/catalogue';
import { propertyPermissions as can_ } from './permissions';
import { addPhoto, photoData, removePhoto } from './photo-service';

/**
 * A listing's photos: read by whoever may read the listing (public ones cached a day), added and
 * removed by its poster. A refused file is shown with its problem on the error page, and nothing kept.
 */
export function photoRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const post = requirePermission(can_['properties.post']);
  const idOf = (c: AppContext) => Number(c.req.param('id'));
  const photoIdOf = (c: AppContext) => Number(c.req.param('photoId'));

  app.get('/properties/:id{[0-9]+}/photos/:file{[0-9]+\\.jpg}', async (c) => {
    const account = c.get('account');
    const code = plans.planFor(account).municipalityCode;
    const photoId = Number.parseInt(c.req.param('file') ?? '', 10);
    const photo = await photoData(db, account ? actorOf(c) : undefined, code, idOf(c), photoId);
    return photoResponse(c, photo, photo.isPublic);
  });

  app.post('/properties/:id{[0-9]+}/photos', post, async (c) => {
    await addPhoto(db, actorOf(c), idOf(c), await photoUploadOf(c));
    return c.redirect(`/properties/${idOf(c)}/manage?saved=photo#photos`, 303);
  });

  app.post('/properties/:id{[0-9]+}/photos/:photoId{[0-9]+}/remove', post, async (c) => {
    await removePhoto(db, actorOf(c), idOf(c), photoIdOf(c));
    return c.redirect(`/properties/${idOf(c)}/manage?saved=photoRemoved#photos`, 303);
  });
  return app;
}
