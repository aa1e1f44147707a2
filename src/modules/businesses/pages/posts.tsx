import { formatDate, formatDateTime } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { CheckboxField, InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { industries, industryName } from '../industries';
import type { Suggestion } from '../matching';
import type { PostRow } from '../matching-schema';
import type { BusinessRow } from '../schema';

export const kindNames = {
  need: { ja: '発注したい', en: 'Wants to order' },
  offer: { ja: '受注したい', en: 'Wants work' },
} as const;

const yen = (view: PageView, n: number) =>
  view.lang === 'en' ? `¥${n.toLocaleString('en-GB')}` : `${n.toLocaleString('ja-JP')}円`;

export function budgetText(view: PageView, post: PostRow): string | null {
  const { budgetMinYen: min, budgetMaxYen: max } = post;
  if (min === null && max === null) return null;
  if (min !== null && max !== null) return `${yen(view, min)} 〜 ${yen(view, max)}`;
  return min !== null
    ? tr(view, `${yen(view, min)}から`, `from ${yen(view, min)}`)
    : tr(view, `${yen(view, max ?? 0)}まで`, `up to ${yen(view, max ?? 0)}`);
}

/** The open needs and offers of the city's businesses. */
export function PostsPage(props: {
  view: PageView;
  rows: { post: PostRow; business: { id: number; name: string } }[];
  canPost: boolean;
}) {
  const { view } = props;
  const title = tr(view, '発注・受注の掲示板', 'Needs and offers');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '市内の事業者が「発注したい」「受注したい」を掲載しています。市内での受発注をふやしましょう。',
          'Businesses of the city post what they want to order and the work they want. Keep orders local.',
        )}
      </p>
      {props.canPost ? (
        <p class="actions">
          <a class="button" href="/businesses/posts/new?kind=need">
            {tr(view, '発注したいことを掲載', 'Post a need')}
          </a>
          <a class="button button-secondary" href="/businesses/posts/new?kind=offer">
            {tr(view, '受注したいことを掲載', 'Post an offer')}
          </a>
        </p>
      ) : null}
      {props.rows.length === 0 ? (
        <p data-empty="posts">{tr(view, 'いま掲載中のものはありません。', 'Nothing is posted now.')}</p>
      ) : (
        <ul class="grid" data-list="posts">
          {props.rows.map(({ post, business }) => (
            <li class="card" data-post={post.id}>
              <p>
                <span class="badge">{localise(view.lang, kindNames[post.kind])}</span>
              </p>
              <h2 class="card-title">
                <a href={`/businesses/posts/${post.id}`}>{post.title}</a>
              </h2>
              <p class="muted">{business.name}</p>
              <p>{post.tags.join('・')}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** A business posts a need or an offer. */
export function NewPostPage(props: {
  view: PageView;
  values: FormValues;
  problem?: FormProblem | undefined;
  idempotencyKey: string;
}) {
  const { view, values, problem } = props;
  const common = { view, values, problem };
  const isOffer = values.kind === 'offer';
  const title = isOffer
    ? tr(view, '受注したいことを掲載', 'Post an offer')
    : tr(view, '発注したいことを掲載', 'Post a need');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form method="post" action="/businesses/posts" class="stack" novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <SelectField
          {...common}
          name="kind"
          label={tr(view, '種類', 'Kind')}
          options={[
            { value: 'need', label: tr(view, '発注したい（仕事を頼みたい）', 'Need (wants to order)') },
            { value: 'offer', label: tr(view, '受注したい（仕事を受けたい）', 'Offer (wants work)') },
          ]}
        />
        <InputField {...common} name="title" label={tr(view, '件名', 'Title')} maxlength={100} />
        <TextAreaField
          {...common}
          name="body"
          required
          label={tr(view, '内容', 'Details')}
          hint={tr(
            view,
            '何を、どのくらい、いつまでに。受注なら空いている設備や得意なこと。',
            'What, how much, by when; for an offer, spare capacity and specialities.',
          )}
          maxlength={4000}
          rows={5}
        />
        <InputField
          {...common}
          name="tags"
          label={tr(view, '技術・品目（タグ）', 'Skills or items (tags)')}
          hint={tr(
            view,
            '「、」で区切ります。おすすめの事業者はこのタグで探します。例：切削加工、アルミ',
            'Separate with commas; suggestions are found by them, e.g. 切削加工、アルミ',
          )}
          maxlength={400}
        />
        <SelectField
          {...common}
          name="industryMajor"
          required={false}
          label={tr(view, '希望する業種（任意）', 'Industry wanted (optional)')}
          options={[
            { value: '', label: tr(view, '指定しない', 'Any') },
            ...industries.map((i) => ({
              value: i.code,
              label: `${i.code} ${view.lang === 'en' ? i.nameEn : i.name}`,
            })),
          ]}
        />
        <InputField
          {...common}
          name="quantity"
          required={false}
          label={tr(view, '数量（任意）', 'Quantity (optional)')}
          maxlength={100}
        />
        <InputField
          {...common}
          name="deadline"
          type="date"
          required={false}
          label={tr(view, '希望納期（任意）', 'Deadline (optional)')}
        />
        <InputField
          {...common}
          name="budgetMinYen"
          inputmode="numeric"
          required={false}
          label={tr(view, '予算の下限（円・任意）', 'Budget from (yen, optional)')}
          maxlength={15}
        />
        <InputField
          {...common}
          name="budgetMaxYen"
          inputmode="numeric"
          required={false}
          label={tr(view, '予算の上限（円・任意）', 'Budget to (yen, optional)')}
          maxlength={15}
        />
        <CheckboxField
          name="localOnly"
          label={tr(view, '市内の事業者に限る', 'Local businesses only')}
          values={values}
        />
        <div class="actions">
          <button type="submit">{tr(view, '掲載する', 'Post')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** A post: its details; for its poster the suggested businesses and the conversations; for another business a way to answer. */
export function PostPage(props: {
  view: PageView;
  post: PostRow;
  business: BusinessRow;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
  values: FormValues;
  isPoster: boolean;
  canAnswer: boolean;
  suggestions: Suggestion[];
  threads: { thread: { id: number; otherBusinessId: number }; otherName: string }[];
  myThreadId: number | undefined;
  idempotencyKey: string;
}) {
  const { view, post } = props;
  const facts: [string, string | null][] = [
    [tr(view, '掲載した事業者', 'Posted by'), props.business.name],
    [tr(view, '技術・品目', 'Skills or items'), post.tags.join('、')],
    [
      tr(view, '希望する業種', 'Industry wanted'),
      post.industryMajor ? industryName(view.lang, post.industryMajor) : null,
    ],
    [tr(view, '数量', 'Quantity'), post.quantity || null],
    [tr(view, '希望納期', 'Deadline'), post.deadline ? formatDate(view.lang, post.deadline) : null],
    [tr(view, '予算', 'Budget'), budgetText(view, post)],
    [
      tr(view, '市内の事業者に限る', 'Local businesses only'),
      post.localOnly ? tr(view, 'はい', 'Yes') : tr(view, 'いいえ', 'No'),
    ],
    [tr(view, '掲載日', 'Posted'), formatDateTime(view.lang, post.createdAt)],
  ];
  const threadWith = new Map(props.threads.map((t) => [t.thread.otherBusinessId, t.thread.id]));
  return (
    <Layout view={view} title={post.title}>
      <p class="muted">
        <a href="/businesses/posts">{tr(view, '← 発注・受注の掲示板', '← Needs and offers')}</a>
      </p>
      <p>
        <span class="badge">{localise(view.lang, kindNames[post.kind])}</span>{' '}
        {post.status === 'closed' ? (
          <span class="status status-none">{tr(view, '締切', 'Closed')}</span>
        ) : null}
      </p>
      <h1>{post.title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <p class="description">{post.body}</p>
      <dl class="facts">
        {facts
          .filter(([, v]) => v)
          .map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
      </dl>
      {props.isPoster ? (
        <>
          <section aria-labelledby="suggestions-heading">
            <h2 id="suggestions-heading">{tr(view, 'おすすめの事業者', 'Suggested businesses')}</h2>
            {props.suggestions.length === 0 ? (
              <p data-empty="suggestions">
                {tr(
                  view,
                  '合う事業者はまだ見つかりません。タグを増やすと見つかりやすくなります。',
                  'No match yet. More tags help.',
                )}
              </p>
            ) : (
              <ol class="stack" data-list="suggestions">
                {props.suggestions.map((s) => (
                  <li class="card" data-suggestion={s.business.id}>
                    <h3 class="card-title">
                      <a href={`/businesses/${s.business.id}`}>{s.business.name}</a>
                    </h3>
                    <ul data-field="reasons">
                      {s.reasons.map((r) => (
                        <li>{localise(view.lang, r)}</li>
                      ))}
                    </ul>
                    {threadWith.has(s.business.id) ? (
                      <p>
                        <a href={`/businesses/threads/${threadWith.get(s.business.id)}`}>
                          {tr(view, 'やりとりを見る', 'Open the conversation')}
                        </a>
                      </p>
                    ) : post.status === 'open' ? (
                      <form method="post" action={`/businesses/posts/${post.id}/contact`} class="stack">
                        <CsrfField view={view} />
                        <input type="hidden" name="businessId" value={String(s.business.id)} />
                        <input
                          type="hidden"
                          name="idempotencyKey"
                          value={`${props.idempotencyKey}-${s.business.id}`}
                        />
                        <label for={`message-${s.business.id}`}>
                          {tr(view, `${s.business.name}へのメッセージ`, `Message to ${s.business.name}`)}
                        </label>
                        <textarea
                          id={`message-${s.business.id}`}
                          name="body"
                          rows={3}
                          maxlength={4000}
                          required
                        />
                        <button type="submit">
                          {tr(view, `${s.business.name}に連絡する`, `Contact ${s.business.name}`)}
                        </button>
                      </form>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
          {post.status === 'open' ? (
            <form method="post" action={`/businesses/posts/${post.id}/close`} class="actions">
              <CsrfField view={view} />
              <button type="submit" class="button-secondary">
                {tr(view, '掲載を締め切る', 'Close this post')}
              </button>
            </form>
          ) : null}
        </>
      ) : props.myThreadId ? (
        <p>
          <a class="button" href={`/businesses/threads/${props.myThreadId}`}>
            {tr(view, 'この掲載についてのやりとりを見る', 'Open your conversation about this post')}
          </a>
        </p>
      ) : props.canAnswer && post.status === 'open' ? (
        <form method="post" action={`/businesses/posts/${post.id}/contact`} class="stack card">
          <CsrfField view={view} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <TextAreaField
            view={view}
            values={props.values}
            problem={props.problem}
            name="body"
            required
            label={tr(view, `${props.business.name}へのメッセージ`, `Message to ${props.business.name}`)}
            hint={tr(
              view,
              '内容は相手の事業者とあなただけが読めます。',
              'Only the other business and you can read it.',
            )}
            maxlength={4000}
          />
          <button type="submit">{tr(view, 'この掲載に応える', 'Answer this post')}</button>
        </form>
      ) : null}
    </Layout>
  );
}
