import type { PhotoView } from '../photos/table';
import { CsrfField, type PageView, tr } from './layout';

/** Where a record's photos live: `${base}/photos/${id}.jpg`, uploads to `${base}/photos`. */
interface PhotoProps {
  view: PageView;
  base: string;
  photos: PhotoView[];
}

/** On a public page: the record's photos, each described by its caption or by whose photo it is. */
export function PhotoGallery(props: PhotoProps & { subject: string }) {
  const { view, base, subject } = props;
  if (props.photos.length === 0) return null;
  return (
    <ul class="photos" data-list="photos">
      {props.photos.map((photo, i) => (
        <li>
          <img
            src={`${base}/photos/${photo.id}.jpg`}
            width={photo.width}
            height={photo.height}
            alt={photo.caption || tr(view, `${subject}の写真 ${i + 1}`, `Photo ${i + 1} of ${subject}`)}
            loading="lazy"
          />
        </li>
      ))}
    </ul>
  );
}

/** On the page where a record is kept: its photos, one upload at a time, each removable. */
export function PhotoSection(props: PhotoProps & { max: number }) {
  const { view, base, max } = props;
  return (
    <section aria-labelledby="photos-heading" id="photos">
      <h2 id="photos-heading">
        {tr(view, `写真（${props.photos.length}/${max}枚）`, `Photos (${props.photos.length} of ${max})`)}
      </h2>
      {props.photos.length > 0 ? (
        <ul class="photos" data-list="photos">
          {props.photos.map((photo, i) => (
            <li>
              <img
                src={`${base}/photos/${photo.id}.jpg`}
                width={photo.width}
                height={photo.height}
                alt={photo.caption || tr(view, `写真 ${i + 1}`, `Photo ${i + 1}`)}
              />
              <form method="post" action={`${base}/photos/${photo.id}/remove#photos`}>
                <CsrfField view={view} />
                <button type="submit" class="button-secondary">
                  {tr(view, `写真 ${i + 1} を削除`, `Remove photo ${i + 1}`)}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      {props.photos.length < max ? (
        <form method="post" action={`${base}/photos#photos`} enctype="multipart/form-data" class="stack">
          <CsrfField view={view} />
          <div>
            <label for="photo">
              {tr(view, '写真を追加', 'Add a photo')}
              <span class="hint" id="photo-hint">
                {tr(
                  view,
                  'JPEG・PNG・WebP、3MBまで。位置情報などの撮影情報は消してから保存します。',
                  'JPEG, PNG or WebP up to 3 MB. Location and camera data are removed before it is kept.',
                )}
              </span>
            </label>
            <input
              id="photo"
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              required
              aria-describedby="photo-hint"
            />
          </div>
          <div>
            <label for="caption">{tr(view, '写真の説明（任意）', 'Caption (optional)')}</label>
            <input id="caption" name="caption" maxlength={100} />
          </div>
          <div class="actions">
            <button type="submit">{tr(view, '写真を追加する', 'Add the photo')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
