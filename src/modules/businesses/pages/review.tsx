import { CsvRoundTripSection } from '../../../platform/ui/csv-import';
import { Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { industryName } from '../industries';
import type { BusinessRow } from '../schema';

/** Staff's list of what awaits them: new profiles to approve, and claims of listed ones. */
export function ReviewPage(props: {
  view: PageView;
  notice?: string | undefined;
  rows: { business: BusinessRow; claimant: string | null; claimantEmail: string | null }[];
}) {
  const { view } = props;
  const title = tr(view, '事業者情報の承認', 'Approve business profiles');
  const pending = props.rows.filter((r) => r.business.status === 'pending');
  const claims = props.rows.filter((r) => r.business.claimAccountId !== null);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">
          {tr(view, `承認待ちの事業者（${pending.length}件）`, `Awaiting approval (${pending.length})`)}
        </h2>
        {pending.length === 0 ? (
          <p data-empty="pending">{tr(view, '承認待ちの事業者はありません。', 'Nothing awaits approval.')}</p>
        ) : (
          <ul class="stack" data-list="pending">
            {pending.map(({ business: b }) => (
              <li class="card" data-business={b.id}>
                <p>
                  <a href={`/businesses/${b.id}`}>{b.name}</a>（
                  {industryName(view.lang, b.industryMajor, b.industryMiddle)}）
                </p>
                <p class="muted">{b.address}</p>
                <form method="post" action={`/businesses/${b.id}/approve`}>
                  <input type="hidden" name="_csrf" value={view.csrfToken} />
                  <button type="submit">
                    {tr(view, `${b.name}を承認して公開する`, `Approve and publish ${b.name}`)}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="claims-heading">
        <h2 id="claims-heading">
          {tr(view, `管理の申請（${claims.length}件）`, `Claims (${claims.length})`)}
        </h2>
        {claims.length === 0 ? (
          <p data-empty="claims">{tr(view, '管理の申請はありません。', 'No claims.')}</p>
        ) : (
          <ul class="stack" data-list="claims">
            {claims.map(({ business: b, claimant, claimantEmail }) => (
              <li class="card" data-business={b.id}>
                <p>
                  <a href={`/businesses/${b.id}`}>{b.name}</a> ← {claimant}（{claimantEmail}）
                </p>
                <form method="post" action={`/businesses/${b.id}/approve-claim`}>
                  <input type="hidden" name="_csrf" value={view.csrfToken} />
                  <button type="submit">{tr(view, '申請を承認する', 'Approve the claim')}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CsvRoundTripSection
        view={view}
        base="/businesses/review/directory"
        id="directory-csv"
        heading={tr(view, '事業者一覧をCSVで編集', 'Edit the directory with CSV')}
        explanation={tr(
          view,
          '市内の事業者の公開情報を書き出し、Excel で取り込めます。承認待ちの事業者は掲載を「公開中」にすると公開されます。職員が管理している事業者（アカウントのない事業者）は内容も直せます。事業者自身が管理している事業者の内容は、事業者に依頼してください。担当者・代表者の年代・後継者の状況は書き出しません。',
          'Export the public profiles of the businesses of the city and import them again in Excel. Write 公開中 in 掲載 to publish one awaiting approval. Profiles no account keeps can be changed too; a business that keeps its own profile changes it itself. Contact persons, owners’ age bands and successors are never exported.',
        )}
        adds
      />
    </Layout>
  );
}
