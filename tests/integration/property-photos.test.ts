import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveListing, postListing } from '../../src/modules/properties';
import { propertyPhotos } from '../../src/modules/properties/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance, testCsrfToken } from './helpers';
import { vacantShop } from './property-fixtures';

describe.each(testDatabaseKinds())('photos of a listing (%s)', (kind) => {
  let t: TestInstance;
  let listingId = 0;
  const upload = async (client: TestClient, file: File) => {
    const form = new FormData();
    form.set('_csrf', testCsrfToken);
    form.set('photo', file);
    form.set('caption', '店の正面');
    return client.request(`/properties/${listingId}/photos`, { method: 'POST', body: form });
  };
  const photoCount = async () =>
    (
      await t.database.db
        .select({ n: count() })
        .from(propertyPhotos)
        .where(eq(propertyPhotos.ownerId, listingId))
    )[0]?.n ?? 0;

  beforeAll(async () => {
    t = await startInstance(kind);
    const { listing } = await postListing(
      t.database.db,
      await actorOf(t, 'shotenkai'),
      t.plans.defaultPlan,
      vacantShop({ title: '写真のある店舗（架空）' }),
    );
    await approveListing(t.database.db, await actorOf(t, 'admin'), listing.id);
    listingId = listing.id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('keeps a phone photo without its GPS position and serves it to anyone with the listing', async () => {
    const poster = await new TestClient(t.app).logInAs('shotenkai');
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#aa7744' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 43/1 44/1' } })
      .toBuffer();
    const response = await upload(
      poster,
      new File([new Uint8Array(photo)], 'IMG_0001.JPG', { type: 'image/jpeg' }),
    );
    expect(response.status).toBe(303);
    expect(await photoCount()).toBe(1);
    const page = await (await new TestClient(t.app).get(`/properties/${listingId}`)).text();
    const src = /src="(\/properties\/\d+\/photos\/\d+\.jpg)"/.exec(page)?.[1];
    expect(src, 'the public page shows the photo').toBeDefined();
    const served = await new TestClient(t.app).get(src as string);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([1600, 1200]);
  });

  it('refuses a text file called .jpg with a bilingual message, keeping nothing', async () => {
    const poster = await new TestClient(t.app).logInAs('shotenkai');
    const before = await photoCount();
    const response = await upload(poster, new File(['hello'], 'photo.jpg', { type: 'image/jpeg' }));
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('JPEG・PNG・WebPの画像ファイルを選んでください');
    const english = await upload(
      await new TestClient(t.app).logInAs('shotenkai').then(async (c) => {
        await c.get('/properties?lang=en');
        return c;
      }),
      new File(['hello'], 'photo.jpg', { type: 'image/jpeg' }),
    );
    expect(await english.text()).toContain('Choose a JPEG, PNG or WebP image');
    expect(await photoCount()).toBe(before);
  });

  it('lets no other poster add a photo', async () => {
    const staff = await new TestClient(t.app).logInAs('shokokai');
    const photo = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const before = await photoCount();
    const response = await upload(staff, new File([new Uint8Array(photo)], 'a.png', { type: 'image/png' }));
    expect(response.status).toBe(404);
    expect(await photoCount()).toBe(before);
  });
});
