import { localise } from '../../../platform/i18n';
import { CsvRoundTripSection } from '../../../platform/ui/csv-import';
import { CsrfField, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { PropertyRow } from '../schema';
import { kindNames, priceText, stageNames } from '../words';

const approvalText = (view: PageView, p: PropertyRow) =>
  p.approval === 'pending'
    ? tr(view, '承認待ち', 'Awaiting approval')
    : p.hiddenAt
      ? tr(view, '非公開（確認待ち）', 'Hidden (unconfirmed)')
      : tr(view, '公開中', 'Public');

/** A poster's listings, with what each awaits: approval, a confirmation, inquiries. */
export function MyListingsPage(props: {
  view: PageView;
  listings: PropertyRow[];
  inquiryCounts: Map<number, number>;
  notice?: string | undefined;
}) {
  const { view } = props;
  const title = tr(view, '掲載している空き物件', 'Your listings');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <p class="actions">
        <a class="button" href="/properties/new">
          {tr(view, '空き物件を掲載する', 'List a property')}
        </a>
      </p>
      {props.listings.length === 0 ? (
        <p data-empty="listings">{tr(view, 'まだ掲載はありません。', 'No listings yet.')}</p>
      ) : (
        <ul class="stack" data-list="listings">
          {props.listings.map((p) => (
            <li class="card" data-property={p.id} data-stage={p.stage}>
              <h2>
                <a href={`/properties/${p.id}`}>{p.title}</a>
              </h2>
              <p>
                {localise(view.lang, kindNames[p.kind])}・{priceText(view.lang, p.deal, p.priceYen)}・
                <strong>{localise(view.lang, stageNames[p.stage])}</strong>・{approvalText(view, p)}
              </p>
              {p.confirmationAskedAt ? (
                <form method="post" action={`/properties/${p.id}/confirm`}>
                  <CsrfField view={view} />
                  <p role="status">
                    {tr(
                      view,
                      '60日以上変更がありません。まだ募集していれば確認してください（確認がないと14日後に非公開になります）。',
                      'Unchanged for 60 days. Confirm it is still available, or it is hidden 14 days after we asked.',
                    )}
                  </p>
                  <button type="submit">{tr(view, 'まだ募集している', 'Still available')}</button>
                </form>
              ) : null}
              <p>
                <a href={`/properties/${p.id}/manage`}>
                  {tr(view, '変更・状況・写真・問い合わせ', 'Change, status, photos, inquiries')}
                </a>
                {tr(
                  view,
                  `（問い合わせ ${props.inquiryCounts.get(p.id) ?? 0}件）`,
                  ` (${props.inquiryCounts.get(p.id) ?? 0} inquiries)`,
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <CsvRoundTripSection
        view={view}
        base="/properties/mine"
        id="properties-csv"
        heading={tr(view, 'CSVで一括編集', 'Edit in bulk with CSV')}
        explanation={tr(
          view,
          '掲載している物件を書き出し、Excel で賃料・面積・入居可能日・所有者の連絡先などを直して取り込めます。新しく追加した行は、職員の承認を待ってから公開されます。掲載と募集状況は読むだけの列です（物件ごとのページで変えます）。',
          'Export your listings, change rents, sizes, availability or the owner’s contact in Excel and import them. A row you add is public once staff approve it. The approval and the status are for reading (change them on each listing’s page).',
        )}
        adds
      />
    </Layout>
  );
}

/** Staff's list of the listings awaiting approval, oldest first. */
export function ReviewPage(props: { view: PageView; listings: PropertyRow[]; notice?: string | undefined }) {
  const { view } = props;
  const title = tr(view, '空き物件の承認', 'Approve property listings');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      {props.listings.length === 0 ? (
        <p data-empty="pending">{tr(view, '承認待ちの物件はありません。', 'Nothing awaits approval.')}</p>
      ) : (
        <ul class="stack" data-list="pending">
          {props.listings.map((p) => (
            <li class="card" data-property={p.id}>
              <p>
                <a href={`/properties/${p.id}`}>{p.title}</a>（{localise(view.lang, kindNames[p.kind])}）
              </p>
              <p class="muted">{p.address}</p>
              <form method="post" action={`/properties/${p.id}/approve`}>
                <CsrfField view={view} />
                <button type="submit">
                  {tr(view, `${p.title}を承認して公開する`, `Approve and publish ${p.title}`)}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
