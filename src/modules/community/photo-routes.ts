import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { photoResponse, photoUploadOf } from '../../platform/photos/http';
import type { PlanCatalogue } from '../plan/catalogue';
import { communityPermissions as can_ } from './permissions';
import { addArticlePhoto, articlePhoto, removeArticlePhoto } from './photo-service';

/**
 * An article's photos: anyone reads those of the published version (cached a day); the author and the
 * reviewers read those of a version under review; the author adds and removes them. A refused file is
 * shown with its problem on the error page, and nothing is kept.
 */
export function articlePhotoRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const write = requirePermission(can_['community.articles.write']);
  const idOf = (c: AppContext) => Number(c.req.param('id'));

  app.get('/articles/:id{[0-9]+}/photos/:file{[0-9]+\\.jpg}', async (c) => {
    const account = c.get('account');
    const code = plans.planFor(account).municipalityCode;
    const photoId = Number.parseInt(c.req.param('file') ?? '', 10);
    const { photo, isPublic } = await articlePhoto(
      db,
      account ? actorOf(c) : undefined,
      code,
      idOf(c),
      photoId,
    );
    return photoResponse(c, photo, isPublic);
  });

  app.post('/articles/:id{[0-9]+}/photos', write, async (c) => {
    await addArticlePhoto(db, actorOf(c), idOf(c), await photoUploadOf(c));
    return c.redirect(`/articles/${idOf(c)}/edit?saved=photo#photos`, 303);
  });

  app.post('/articles/:id{[0-9]+}/photos/:photoId{[0-9]+}/remove', write, async (c) => {
    await removeArticlePhoto(db, actorOf(c), idOf(c), Number(c.req.param('photoId')));
    return c.redirect(`/articles/${idOf(c)}/edit?saved=photoRemoved#photos`, 303);
  });
  return app;
}
