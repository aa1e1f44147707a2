import type { Context } from 'hono';
import { fieldProblem } from '../validation';
import { type PhotoUpload, photoLabel } from './album';

/** The photo and caption of an upload form (`photo`, `caption`); no file is a problem on the field. */
export async function photoUploadOf(c: Context): Promise<PhotoUpload> {
  const body = await c.req.parseBody();
  const file = body.photo;
  if (!(file instanceof File)) {
    throw fieldProblem('photo', photoLabel, {
      ja: '写真のファイルを選んでください。',
      en: 'Choose a photo file.',
    });
  }
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    caption: typeof body.caption === 'string' ? body.caption : '',
  };
}

/** A kept photo's bytes: cached a day when anyone may see it, never when it is private. */
export function photoResponse(c: Context, photo: { data: Buffer; contentType: string }, isPublic: boolean) {
  c.header('content-type', photo.contentType);
  c.header('cache-control', isPublic ? 'public, max-age=86400' : 'private, no-store');
  c.header('x-content-type-options', 'nosniff');
  return c.body(new Uint8Array(photo.data));
}

/** The notices after an upload or a removal (`?saved=photo`, `?saved=photoRemoved`). */
export const photoNotices = {
  photo: { ja: '写真を追加しました。', en: 'The photo was added.' },
  photoRemoved: { ja: '写真を削除しました。', en: 'The photo was removed.' },
} as const;
