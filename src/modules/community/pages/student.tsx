import { formatDate } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { articleLimits } from '../article-input';
import { stepNames } from '../review-service';
import type { ArticleRow, RevisionRow } from '../schema';
import { statusNames } from '../words';

/** Why a reviewer returned the revision, as the student reads it. */
export function RefusalNotice(props: { view: PageView; revision: RevisionRow }) {
  const { view, revision } = props;
  if (revision.status !== 'refused' || !revision.refusalReason) return null;
  const step = revision.refusedStep ? localise(view.lang, stepNames[revision.refusedStep]) : '';
  return (
    <div class="warning" data-refusal={revision.refusedStep ?? ''}>
      <p>
        <strong>{tr(view, `差し戻されました（${step}）`, `Returned (${step})`)}</strong>
      </p>
      <p data-refusal-reason>{revision.refusalReason}</p>
      <p>
        {tr(
          view,
          '内容を直して、もう一度「承認を申請する」を押してください。',
          'Correct the article, then send it for approval again.',
        )}
      </p>
    </div>
  );
}

export function StatusBadge(props: { view: PageView; revision: RevisionRow }) {
  return (
    <span class="badge" data-status={props.revision.status}>
      {localise(props.view.lang, statusNames[props.revision.status])}
    </span>
  );
}

/** A student's articles with where each stands, and why a returned one was returned. */
export function MyArticlesPage(props: {
  view: PageView;
  articles: { article: ArticleRow; latest: RevisionRow }[];
  shops: Map<number, string>;
  notice?: string | undefined;
}) {
  const { view } = props;
  const title = tr(view, 'わたしの記事', 'Your articles');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <p class="actions">
        <a class="button" href="/articles/new">
          {tr(view, 'お店の記事を書く', 'Write a shop article')}
        </a>
      </p>
      {props.articles.length === 0 ? (
        <p data-empty="articles">{tr(view, 'まだ記事はありません。', 'No articles yet.')}</p>
      ) : (
        <ul class="stack" data-list="my-articles">
          {props.articles.map(({ article, latest }) => (
            <li class="card" data-article={article.id}>
              <h2>
                <a href={`/articles/${article.id}/edit`}>{latest.title}</a>
              </h2>
              <p>
                {props.shops.get(article.businessId) ?? ''}・<StatusBadge view={view} revision={latest} />
                {article.publishedRevisionId !== null && latest.status !== 'published' ? (
                  <>
                    {' '}
                    <a href={`/articles/${article.id}`}>
                      {tr(view, '（公開中の版を見る）', '(see the published version)')}
                    </a>
                  </>
                ) : null}
              </p>
              <RefusalNotice view={view} revision={latest} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Writing a new article, or changing one: its text, its shop (when new), and sending it for approval. */
export function ArticleFormPage(props: {
  view: PageView;
  values: FormValues;
  problem?: FormProblem | undefined;
  shops: { id: number; name: string }[];
  article?: { article: ArticleRow; latest: RevisionRow; shopName: string } | undefined;
  idempotencyKey?: string;
  notice?: string | undefined;
  photos?: unknown;
}) {
  const { view, values, problem, article } = props;
  const title = article
    ? tr(view, '記事を直す', 'Edit the article')
    : tr(view, 'お店の記事を書く', 'Write a shop article');
  const action = article ? `/articles/${article.article.id}/edit` : '/articles/new';
  const latest = article?.latest;
  const canSubmit = latest && (latest.status === 'draft' || latest.status === 'refused');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      {latest ? (
        <>
          <p>
            {article?.shopName}・<StatusBadge view={view} revision={latest} />
          </p>
          <RefusalNotice view={view} revision={latest} />
          {latest.status === 'published' ? (
            <p class="hint">
              {tr(
                view,
                '公開中の記事を直すと新しい版になり、もう一度承認を受けます。承認されるまでは今の版が公開されたままです。',
                'Changing a published article makes a new version, which is approved again; the published version stays public until then.',
              )}
            </p>
          ) : null}
        </>
      ) : null}
      <form method="post" action={action} class="stack">
        <CsrfField view={view} />
        {props.idempotencyKey ? (
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        ) : null}
        {article ? null : (
          <SelectField
            view={view}
            name="businessId"
            label={tr(view, '取材したお店', 'Shop interviewed')}
            values={values}
            problem={problem}
            options={[
              { value: '', label: tr(view, '選んでください', 'Choose') },
              ...props.shops.map((s) => ({ value: String(s.id), label: s.name })),
            ]}
          />
        )}
        <InputField
          view={view}
          name="title"
          label={tr(view, 'タイトル', 'Title')}
          values={values}
          problem={problem}
          maxlength={articleLimits.title}
        />
        <InputField
          view={view}
          name="interviewDate"
          type="date"
          label={tr(view, '取材日', 'Interview date')}
          values={values}
          problem={problem}
        />
        <TextAreaField
          view={view}
          name="body"
          label={tr(view, '本文', 'Text')}
          values={values}
          problem={problem}
          required
          rows={12}
          maxlength={articleLimits.body}
        />
        <TextAreaField
          view={view}
          name="summary"
          label={tr(view, '短い紹介文（紙のマップ用）', 'Short version (for the paper map)')}
          hint={tr(view, `${articleLimits.summary}字以内`, `At most ${articleLimits.summary} characters`)}
          values={values}
          problem={problem}
          required
          rows={3}
          maxlength={articleLimits.summary}
        />
        <p>
          <button type="submit">
            {article ? tr(view, '保存する', 'Save') : tr(view, '下書きを保存する', 'Save the draft')}
          </button>
        </p>
      </form>
      {props.photos as never}
      {article && canSubmit ? (
        <form method="post" action={`/articles/${article.article.id}/submit`}>
          <CsrfField view={view} />
          <p>
            {tr(
              view,
              '書き終えたら承認を申請します。お店が内容を確認し、大学と市が承認すると公開されます。',
              'When it is ready, send it for approval: the shop checks the facts, then the university and the city approve it for publishing.',
            )}
          </p>
          <button type="submit" class="button-large">
            {tr(view, '承認を申請する', 'Send for approval')}
          </button>
        </form>
      ) : null}
      {latest?.submittedAt && latest.status !== 'draft' && latest.status !== 'refused' ? (
        <p class="muted">
          {tr(view, '申請日', 'Sent')}: {formatDate(view.lang, latest.submittedAt)}
        </p>
      ) : null}
    </Layout>
  );
}
