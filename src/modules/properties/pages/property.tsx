import type { Child } from 'hono/jsx';
import { localise } from '../../../platform/i18n';
import { FactList } from '../../../platform/ui/fact-list';
import { CsrfField, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { PhotoGallery } from '../../../platform/ui/photos';
import type { PropertyRow } from '../schema';
import { areaText, dealNames, kindNames, priceText, stageNames } from '../words';
import { type Area, areaName } from './components';

/**
 * A listing's page: what it is, where, how large, for how much, what it may be used for. Its poster
 * and staff also read the owner's private contact; staff approve a pending one here. `children` is
 * what the viewer may do next (inquire, manage).
 */
export function PropertyPage(props: {
  view: PageView;
  listing: PropertyRow;
  areas: readonly Area[];
  notice?: string | undefined;
  keeps: boolean;
  withPrivate: boolean;
  isReviewer: boolean;
  photos: { id: number; width: number; height: number; caption: string }[];
  children?: Child;
}) {
  const { view, listing: p } = props;
  const rows: [string, string, string | null][] = [
    ['kind', tr(view, '種類', 'Kind'), localise(view.lang, kindNames[p.kind])],
    ['stage', tr(view, '状況', 'Status'), localise(view.lang, stageNames[p.stage])],
    ['address', tr(view, '所在地', 'Address'), p.address],
    ['area', tr(view, '地区', 'Area'), p.area ? areaName(view.lang, p.area, props.areas) : null],
    ['floorArea', tr(view, '面積', 'Floor area'), areaText(view.lang, p.floorAreaM2)],
    ['price', localise(view.lang, dealNames[p.deal]), priceText(view.lang, p.deal, p.priceYen)],
    ['condition', tr(view, '状態', 'Condition'), p.condition || null],
    ['availableFrom', tr(view, '入居可能日', 'Available from'), p.availableFrom],
    ['contactRoute', tr(view, '問い合わせ後の流れ', 'After an inquiry'), p.contactRoute || null],
  ];
  return (
    <Layout view={view} title={p.title}>
      <p class="muted">
        <a href="/properties">{tr(view, '← 空き物件をさがす', '← Find a vacant property')}</a>
      </p>
      <h1>{p.title}</h1>
      <Notice message={props.notice} />
      {p.approval !== 'approved' ? (
        <p class="status status-none" data-approval="pending">
          {tr(view, '承認待ち（まだ公開されていません）', 'Awaiting approval (not public yet)')}
        </p>
      ) : null}
      {p.hiddenAt ? (
        <p class="status status-missed" data-hidden="true">
          {tr(
            view,
            '掲載継続の確認がないため非公開になっています。掲載者が「まだ募集している」と確認すると公開に戻ります。',
            'Hidden: the poster did not confirm it is still available. It is public again once confirmed.',
          )}
        </p>
      ) : null}
      {props.isReviewer && p.approval === 'pending' ? (
        <form method="post" action={`/properties/${p.id}/approve`} class="actions">
          <CsrfField view={view} />
          <button type="submit">{tr(view, '承認して公開する', 'Approve and publish')}</button>
        </form>
      ) : null}
      <PhotoGallery view={view} base={`/properties/${p.id}`} subject={p.title} photos={props.photos} />
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{tr(view, '物件の情報', 'About the property')}</h2>
        <FactList rows={rows} />
        {p.uses.length > 0 ? (
          <ul class="tags" data-field="uses" aria-label={tr(view, '使い方', 'Uses')}>
            {p.uses.map((u) => (
              <li>
                <a class="badge badge-area" href={`/properties?use=${encodeURIComponent(u)}`}>
                  {u}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {p.description ? <p class="description">{p.description}</p> : null}
      </section>
      {props.withPrivate ? (
        <section aria-labelledby="owner-heading" class="card" data-private="owner">
          <h2 id="owner-heading">{tr(view, '所有者（非公開）', 'Owner (private)')}</h2>
          <p class="muted">
            {tr(
              view,
              '掲載者と職員だけに表示されます。公開ページ・地図データには出ません。',
              'Shown to the poster and staff only; never on the public page or in the map data.',
            )}
          </p>
          <dl class="facts">
            <dt>{tr(view, '所有者名', 'Name')}</dt>
            <dd data-field="ownerName">{p.ownerName || '—'}</dd>
            <dt>{tr(view, '連絡先', 'Contact')}</dt>
            <dd data-field="ownerContact">{p.ownerContact || '—'}</dd>
          </dl>
        </section>
      ) : null}
      {props.children}
    </Layout>
  );
}
