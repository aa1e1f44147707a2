import sharp from 'sharp';
import type { Text } from './i18n';
import { fieldProblem } from './validation';

/**
 * Photos people upload (a vacant shop, a business's storefront) as Tsunagu keeps them (decision 023):
 *
 * - only real images: the first bytes must be those of a JPEG, PNG or WebP file, whatever the file is
 *   called or the browser says it is, and the whole file must decode;
 * - at most `maxBytes` as sent (3 MB by default: a phone photo fits, the 4 MB request limit holds);
 * - turned upright by its EXIF orientation, then shrunk to fit `maxEdge` pixels (1600 by default),
 *   never enlarged;
 * - written again as a JPEG without any metadata: no EXIF, no GPS position of the owner's home, no
 *   camera serial, no XMP, no ICC profile beyond sRGB. Transparency is laid on white.
 *
 * `acceptImage` refuses anything else with a 422 naming the form's field, in both languages, and
 * nothing is kept. Callers store `data` (bytes) with `contentType`, `width` and `height`.
 */

export interface ImageOptions {
  /** the form field the file came in, for the problem shown beside it (default `photo`) */
  field?: string;
  label?: Text;
  maxBytes?: number;
  maxEdge?: number;
}

export interface AcceptedImage {
  data: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

export const defaultImageLimits = { maxBytes: 3 * 1024 * 1024, maxEdge: 1600 } as const;

/** The formats accepted, by the bytes they start with. */
type ImageFormat = 'jpeg' | 'png' | 'webp';

export function imageFormatOf(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (offset: number, ...values: number[]) => values.every((v, i) => bytes[offset + i] === v);
  if (starts(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  // RIFF....WEBP
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  return undefined;
}

const notAnImage: Text = {
  ja: '写真はJPEG・PNG・WebPの画像ファイルを選んでください（ファイルの中身が画像ではありません）。',
  en: 'Choose a JPEG, PNG or WebP image (the file is not an image).',
};

const unreadable: Text = {
  ja: '画像を読み込めませんでした。ファイルが壊れていないか確かめて、別の写真を選んでください。',
  en: 'The image could not be read. Check that the file is not damaged, or choose another photo.',
};

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Checks, shrinks and strips an uploaded image; refuses with a 422 on its field when it is not one. */
export async function acceptImage(input: Uint8Array, options: ImageOptions = {}): Promise<AcceptedImage> {
  const field = options.field ?? 'photo';
  const label = options.label ?? { ja: '写真', en: 'Photo' };
  const maxBytes = options.maxBytes ?? defaultImageLimits.maxBytes;
  const maxEdge = options.maxEdge ?? defaultImageLimits.maxEdge;
  const refuse = (problem: Text) => fieldProblem(field, label, problem);
  if (input.byteLength === 0) {
    throw refuse({ ja: '写真のファイルが空です。', en: 'The photo file is empty.' });
  }
  if (input.byteLength > maxBytes) {
    throw refuse({
      ja: `写真は${megabytes(maxBytes)}MBまでです（このファイルは${megabytes(input.byteLength)}MB）。小さくしてから送ってください。`,
      en: `Photos are limited to ${megabytes(maxBytes)} MB (this file is ${megabytes(input.byteLength)} MB). Make it smaller and send it again.`,
    });
  }
  if (!imageFormatOf(input)) throw refuse(notAnImage);
  try {
    // limitInputPixels refuses decompression bombs (a tiny file that decodes to gigapixels)
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, contentType: 'image/jpeg', width: info.width, height: info.height };
  } catch {
    throw refuse(unreadable);
  }
}
