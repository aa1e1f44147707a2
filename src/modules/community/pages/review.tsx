import { formatDate } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { articleLimits } from '../article-input';
import { stepNames, stepOfStatus } from '../review-service';
import type { ApprovalStep, ArticleRow, RevisionRow } from '../schema';
import { RefusalNotice, StatusBadge } from './student';

/** What waits for this reviewer: the shop's check, the university's or the city's approval. */
export function ReviewQueuePage(props: {
  view: PageView;
  waiting: { article: ArticleRow; revision: RevisionRow }[];
  shops: Map<number, string>;
  notice?: string | undefined;
}) {
  const { view } = props;
  const title = tr(view, '記事の確認・承認', 'Check and approve articles');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      {props.waiting.length === 0 ? (
        <p data-empty="waiting">
          {tr(view, 'あなたの確認・承認を待っている記事はありません。', 'No article is waiting for you.')}
        </p>
      ) : (
        <ul class="stack" data-list="waiting">
          {props.waiting.map(({ article, revision }) => (
            <li class="card" data-article={article.id}>
              <h2>
                <a href={`/articles/${article.id}/review`}>{revision.title}</a>
              </h2>
              <p>
                {props.shops.get(article.businessId) ?? ''}・<StatusBadge view={view} revision={revision} />
                {revision.submittedAt ? `・${formatDate(view.lang, revision.submittedAt)}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The text a reviewer checks, as it will be published. */
export function RevisionText(props: { view: PageView; revision: RevisionRow; photos?: unknown }) {
  const { view, revision } = props;
  return (
    <article class="card" data-revision={revision.id}>
      <h2>{revision.title}</h2>
      <p class="muted">
        {tr(view, '取材日', 'Interviewed')}: {formatDate(view.lang, revision.interviewDate)}
      </p>
      {props.photos as never}
      <div class="description">
        {revision.body.split(/\n{2,}/).map((p) => (
          <p>{p}</p>
        ))}
      </div>
      <h3>{tr(view, '短い紹介文（紙のマップ用）', 'Short version (paper map)')}</h3>
      <p>{revision.summary}</p>
    </article>
  );
}

/** An article before it is public: its reviewer approves or returns it; its author sees where it stands. */
export function ArticleReviewPage(props: {
  view: PageView;
  article: ArticleRow;
  latest: RevisionRow;
  published: RevisionRow | undefined;
  steps: ApprovalStep[];
  shopName: string;
  values?: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
  photos?: unknown;
}) {
  const { view, latest } = props;
  const step = stepOfStatus(latest.status);
  const mine = step !== undefined && props.steps.includes(step);
  const title = tr(view, '記事の確認', 'Review an article');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <p>
        {props.shopName}・<StatusBadge view={view} revision={latest} />
        {props.published && latest.id !== props.published.id ? (
          <>
            {' '}
            <a href={`/articles/${props.article.id}`}>
              {tr(view, '（公開中の版を見る）', '(see the published version)')}
            </a>
          </>
        ) : null}
      </p>
      <RefusalNotice view={view} revision={latest} />
      <RevisionText view={view} revision={latest} photos={props.photos} />
      {mine && step ? (
        <section aria-labelledby="decide">
          <h2 id="decide">{localise(view.lang, stepNames[step])}</h2>
          <form method="post" action={`/articles/${props.article.id}/approve`}>
            <CsrfField view={view} />
            <input type="hidden" name="revisionId" value={String(latest.id)} />
            <button type="submit" class="button-large">
              {step === 'facts'
                ? tr(view, '内容に間違いありません（承認）', 'The facts are right (approve)')
                : step === 'city'
                  ? tr(view, '承認して公開する', 'Approve and publish')
                  : tr(view, '承認する', 'Approve')}
            </button>
          </form>
          <form method="post" action={`/articles/${props.article.id}/refuse`} class="stack">
            <CsrfField view={view} />
            <input type="hidden" name="revisionId" value={String(latest.id)} />
            <TextAreaField
              view={view}
              name="reason"
              label={tr(
                view,
                '差し戻す理由（学生に伝わります）',
                'Reason for returning it (the student reads it)',
              )}
              values={props.values ?? {}}
              problem={props.problem}
              required
              maxlength={articleLimits.reason}
            />
            <button type="submit" class="button-secondary">
              {tr(view, '差し戻す', 'Return to the student')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
