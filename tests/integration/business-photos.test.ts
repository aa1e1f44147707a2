import { and, eq, like } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed';
import {
  addBusinessPhoto,
  approveBusiness,
  businessPhotosOf,
  saveOwnProfile,
} from '../../src/modules/businesses';
import { createAccount } from '../../src/platform/auth/accounts';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance, testCsrfToken } from './helpers';

/**
 * A business shows photos of its shop and work: kept without their GPS position, shrunk, public once
 * the business is approved, changed only by the account keeping it (issue 4).
 */
describe.each(testDatabaseKinds())('photos of a business (%s)', (kind) => {
  let t: TestInstance;
  let businessId = 0;
  const upload = (client: TestClient, file: File, id = businessId) => {
    const form = new FormData();
    form.set('_csrf', testCsrfToken);
    form.set('photo', file);
    form.set('caption', '工場の外観');
    return client.request(`/businesses/${id}/photos`, { method: 'POST', body: form });
  };
  const pngFile = async (colour: string) =>
    new File(
      [
        new Uint8Array(
          await sharp({ create: { width: 30, height: 20, channels: 3, background: colour } })
            .png()
            .toBuffer(),
        ),
      ],
      'a.png',
      { type: 'image/png' },
    );

  beforeAll(async () => {
    t = await startInstance(kind);
    const { business } = await saveOwnProfile(
      t.database.db,
      await actorOf(t, 'business'),
      t.plans.defaultPlan,
      {
        legalForm: 'sole',
        name: '写真テスト精工（架空）',
        kana: 'しゃしんてすとせいこう',
        industryMajor: 'E',
        industryMiddle: '24',
        address: 'あきる野市二宮0-0-70（架空）',
        area: 'akigawa',
        latitude: '35.73',
        longitude: '139.29',
      },
    );
    businessId = business.id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('keeps a phone photo shrunk and without its GPS position, public only once the business is approved', async () => {
    const owner = await new TestClient(t.app).logInAs('business');
    const photo = await sharp({ create: { width: 3200, height: 2400, channels: 3, background: '#557799' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 43/1 44/1' } })
      .toBuffer();
    const response = await upload(
      owner,
      new File([new Uint8Array(photo)], 'IMG_0002.JPG', { type: 'image/jpeg' }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/businesses/mine?saved=photo#photos');
    const [kept] = await businessPhotosOf(t.database.db, businessId);
    expect(kept).toMatchObject({ width: 1600, height: 1200, caption: '工場の外観' });
    const path = `/businesses/${businessId}/photos/${kept?.id}.jpg`;

    const mine = await (await owner.get('/businesses/mine')).text();
    expect(mine).toContain(`src="${path}"`);
    const whilePending = await owner.get(path);
    expect(whilePending.status).toBe(200);
    expect(whilePending.headers.get('cache-control')).toBe('private, no-store');
    expect((await new TestClient(t.app).get(path)).status, 'nobody else sees a pending business').toBe(404);

    await approveBusiness(t.database.db, await actorOf(t, 'admin'), businessId);
    const page = await (await new TestClient(t.app).get(`/businesses/${businessId}`)).text();
    expect(page).toContain(`src="${path}"`);
    expect(page).toContain('alt="工場の外観"');
    expect(page, 'the structured data names the photo').toMatch(
      new RegExp(`"image":\\["http://[^"]+/businesses/${businessId}/photos/${kept?.id}\\.jpg"\\]`),
    );
    const served = await new TestClient(t.app).get(path);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('public, max-age=86400');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1600, 1200]);
  });

  it('refuses a file that is not an image in both languages, and keeps nothing', async () => {
    const owner = await new TestClient(t.app).logInAs('business');
    const before = (await businessPhotosOf(t.database.db, businessId)).length;
    const japanese = await upload(owner, new File(['<html>'], 'photo.jpg', { type: 'image/jpeg' }));
    expect(japanese.status).toBe(422);
    expect(await japanese.text()).toContain('JPEG・PNG・WebPの画像ファイルを選んでください');
    await owner.get('/businesses/mine?lang=en');
    const english = await upload(owner, new File(['<html>'], 'photo.jpg', { type: 'image/jpeg' }));
    expect(await english.text()).toContain('Choose a JPEG, PNG or WebP image');
    const none = new FormData();
    none.set('_csrf', testCsrfToken);
    const empty = await owner.request(`/businesses/${businessId}/photos`, { method: 'POST', body: none });
    expect(empty.status).toBe(422);
    expect((await businessPhotosOf(t.database.db, businessId)).length).toBe(before);
  });

  it('lets no other business add or remove a photo, and stops at eight', async () => {
    await createAccount(t.database.db, {
      municipalityCode: t.plans.defaultPlan.municipalityCode,
      email: 'photo-other@demo.tsunagu.example',
      displayName: '写真テスト 他社（架空）',
      role: 'business',
      password: demoPassword,
    });
    const other = await new TestClient(t.app).logInAs('photo-other');
    const before = await businessPhotosOf(t.database.db, businessId);
    expect((await upload(other, await pngFile('#000'))).status).toBe(404);
    const removal = await other.postForm(`/businesses/${businessId}/photos/${before[0]?.id}/remove`, {});
    expect(removal.status).toBe(404);
    expect(await businessPhotosOf(t.database.db, businessId)).toEqual(before);

    const owner = await actorOf(t, 'business');
    for (let i = before.length; i < 8; i++) {
      await addBusinessPhoto(t.database.db, owner, businessId, {
        bytes: new Uint8Array(await (await pngFile('#abcdef')).arrayBuffer()),
        caption: `写真${i}`,
      });
    }
    const ninth = await refusal(
      addBusinessPhoto(t.database.db, owner, businessId, {
        bytes: new Uint8Array(await (await pngFile('#fedcba')).arrayBuffer()),
        caption: '',
      }),
    );
    expect(ninth.details[0]?.message.ja).toContain('写真は8枚までです');
    expect(await businessPhotosOf(t.database.db, businessId)).toHaveLength(8);
    const mine = await (await new TestClient(t.app).logInAs('business')).get('/businesses/mine');
    expect(await mine.text(), 'no upload form once full').not.toContain('name="photo"');
  });

  it('lets the owner remove a photo, and the audit log names both steps', async () => {
    const owner = await new TestClient(t.app).logInAs('business');
    const [first] = await businessPhotosOf(t.database.db, businessId);
    const removal = await owner.postForm(`/businesses/${businessId}/photos/${first?.id}/remove`, {});
    expect(removal.status).toBe(303);
    expect((await businessPhotosOf(t.database.db, businessId)).map((p) => p.id)).not.toContain(first?.id);
    const rows = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityKey, String(businessId)), like(auditLog.action, 'business.photo_%')));
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set(['business.photo_add', 'business.photo_remove']),
    );
  });
});
