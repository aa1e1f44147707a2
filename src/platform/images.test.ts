import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { UserError } from './errors';
import { acceptImage, imageFormatOf } from './images';

/** A photo as a phone takes it: a JPEG with EXIF, including where it was taken. */
async function phonePhoto(width: number, height: number, orientation?: number) {
  const photo = sharp({ create: { width, height, channels: 3, background: '#c83c3c' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TsunaguPhone', Model: 'Test 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '35/1 43/1 44/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '139/1 17/1 38/1',
      },
    });
  return (orientation ? photo.keepExif().withMetadata({ orientation }) : photo).toBuffer();
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('the image was accepted');
}

describe('accepting an uploaded image', () => {
  it('keeps a phone photo without its EXIF, GPS position or camera', async () => {
    const input = await phonePhoto(800, 600);
    expect((await sharp(input).metadata()).exif, 'the test photo carries EXIF').toBeDefined();
    const image = await acceptImage(input);
    const meta = await sharp(image.data).metadata();
    expect(image.contentType).toBe('image/jpeg');
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(image.data.includes(Buffer.from('TsunaguPhone'))).toBe(false);
    expect([image.width, image.height]).toEqual([800, 600]);
  });

  it('shrinks a large photo to fit the longest edge and never enlarges a small one', async () => {
    const large = await acceptImage(await phonePhoto(4000, 3000), { maxEdge: 1600 });
    expect([large.width, large.height]).toEqual([1600, 1200]);
    const small = await acceptImage(await phonePhoto(320, 200), { maxEdge: 1600 });
    expect([small.width, small.height]).toEqual([320, 200]);
  });

  it('turns a photo upright by its orientation before the orientation is dropped', async () => {
    // orientation 6: the camera was held sideways; upright the picture is taller than wide
    const image = await acceptImage(await phonePhoto(600, 400, 6));
    expect([image.width, image.height]).toEqual([400, 600]);
  });

  it('accepts PNG (transparency on white) and WebP as JPEG', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#00000000' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
      .webp()
      .toBuffer();
    expect(imageFormatOf(png)).toBe('png');
    expect(imageFormatOf(webp)).toBe('webp');
    const fromPng = await acceptImage(png);
    const { dominant } = await sharp(fromPng.data).stats();
    expect(dominant.r).toBeGreaterThan(240);
    expect((await acceptImage(webp)).contentType).toBe('image/jpeg');
  });

  it('refuses a text file, whatever it is called, with the field named in both languages', async () => {
    const error = await refusal(acceptImage(Buffer.from('これは写真ではありません'), { field: 'photo' }));
    expect(error.status).toBe(422);
    expect(error.details[0]?.field).toBe('photo');
    expect(error.details[0]?.message.ja).toContain('JPEG・PNG・WebP');
    expect(error.details[0]?.message.en).toContain('not an image');
  });

  it('refuses an SVG or a GIF: only JPEG, PNG and WebP', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1');
    expect((await refusal(acceptImage(svg))).status).toBe(422);
    expect((await refusal(acceptImage(gif))).status).toBe(422);
  });

  it('refuses a file that starts like a JPEG but is not one', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    const error = await refusal(acceptImage(fake));
    expect(error.details[0]?.message.ja).toContain('読み込めません');
  });

  it('refuses a file above the size limit and says how large it may be', async () => {
    const input = await phonePhoto(200, 200);
    const error = await refusal(acceptImage(input, { maxBytes: 100 }));
    expect(error.details[0]?.message.ja).toMatch(/MBまで/);
    expect(error.details[0]?.message.en).toMatch(/limited to/);
  });

  it('refuses an empty file', async () => {
    expect((await refusal(acceptImage(new Uint8Array(0)))).status).toBe(422);
  });
});
