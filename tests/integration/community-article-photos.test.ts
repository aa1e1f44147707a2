import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveArticle, submitArticle, writeArticle } from '../../src/modules/community';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance, csrfToken as testCsrfToken } from '../support/harness';
import { articleForm, demoShop, universityStaff } from './article-fixtures';
import { actorOf, startInstance } from './helpers';

/** An article's photos over HTTP: checked, stripped of GPS, private until the revision showing them is published. */
describe.each(testDatabaseKinds())('article photos (%s)', (kind) => {
  let t: TestInstance;
  let student: TestClient;
  let visitor: TestClient;
  let articleId = 0;
  let revisionId = 0;

  const upload = (client: TestClient, bytes: Buffer, name = 'shop.jpg') => {
    const form = new FormData();
    form.set('_csrf', testCsrfToken);
    form.set('photo', new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' }));
    form.set('caption', '店先の様子（架空）');
    return client.request(`/articles/${articleId}/photos`, { method: 'POST', body: form });
  };
  const photoPaths = async (client: TestClient, path: string) =>
    [...(await (await client.get(path)).text()).matchAll(/\/articles\/\d+\/photos\/\d+\.jpg/g)].map(
      (m) => m[0],
    );

  beforeAll(async () => {
    t = await startInstance(kind);
    const { businessId } = await demoShop(t);
    const { article, revision } = await writeArticle(
      t.database.db,
      await actorOf(t, 'student'),
      t.plans.defaultPlan,
      {
        ...articleForm({ title: '写真のある記事（架空）' }),
        businessId: String(businessId),
      },
    );
    articleId = article.id;
    revisionId = revision.id;
    student = await new TestClient(t.app).logInAs('student');
    visitor = new TestClient(t.app);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('keeps a photo without its GPS position, refuses a file that is not an image, and shows it only once published', async () => {
    const withGps = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#c08040' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 43/1 44/1' } })
      .toBuffer();
    expect((await upload(student, withGps)).status).toBe(303);
    const notImage = await upload(student, Buffer.from('<svg onload="alert(1)"/>'), 'photo.jpg');
    expect(notImage.status).toBe(422);
    const refusedText = await notImage.text();
    expect(refusedText).toContain('JPEG・PNG・WebP');
    const [photo] = await photoPaths(student, `/articles/${articleId}/edit`);
    expect(photo).toBeDefined();
    const kept = await student.get(photo as string);
    expect(kept.headers.get('cache-control')).toContain('no-store');
    const meta = await sharp(Buffer.from(await kept.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(1600);
    expect((await visitor.get(photo as string)).status).toBe(404);

    const db = t.database.db;
    const author = await actorOf(t, 'student');
    await submitArticle(db, author, articleId);
    for (const reviewer of [(await demoShop(t)).owner, await universityStaff(t), await actorOf(t, 'admin')]) {
      await approveArticle(db, reviewer, articleId, revisionId);
    }
    const shown = await visitor.get(photo as string);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toContain('public');
    const page = await (await visitor.get(`/articles/${articleId}`)).text();
    expect(page).toContain(`og:image" content="${t.config.publicBaseUrl}${photo}`);
  });

  it('keeps the published photo public while its removal waits for approval', async () => {
    const [photo] = await photoPaths(student, `/articles/${articleId}/edit`);
    const photoId = (photo as string).match(/(\d+)\.jpg$/)?.[1];
    const removed = await student.postForm(`/articles/${articleId}/photos/${photoId}/remove`, {});
    expect(removed.status).toBe(303);
    expect(await photoPaths(student, `/articles/${articleId}/edit`)).not.toContain(photo);
    expect((await visitor.get(photo as string)).status).toBe(200);
    expect(await photoPaths(visitor, `/articles/${articleId}`)).toContain(photo);
  });
});
