import { formatDate } from '../../../platform/fiscal-year';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { PublishedArticle } from '../articles';

export const copyScriptPath = '/static/copy.js';

/** The head of an article's page: its OGP card, so that a shared link shows title, text and photo. */
function OpenGraph(props: {
  title: string;
  description: string;
  url: string;
  image: string;
  siteName: string;
}) {
  return (
    <>
      <meta name="description" content={props.description} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={props.siteName} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={props.url} />
      <meta property="og:image" content={props.image} />
      <meta name="twitter:card" content="summary_large_image" />
      <link rel="canonical" href={props.url} />
    </>
  );
}

export const FeedLink = (props: { view: PageView }) => (
  <link
    rel="alternate"
    type="application/atom+xml"
    href="/articles/feed.atom"
    title={tr(props.view, '学生が書いたお店の記事', 'Shop articles by students')}
  />
);

/** The published articles, newest first. */
export function ArticleListPage(props: {
  view: PageView;
  articles: PublishedArticle[];
  shops: Map<number, string>;
  photoUrl: (a: PublishedArticle) => string | undefined;
}) {
  const { view } = props;
  const title = tr(view, 'お店の記事', 'Shop articles');
  return (
    <Layout view={view} title={title} head={<FeedLink view={view} />}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '明星大学の学生がお店を取材して書いた記事です。お店・大学・市が確認してから公開しています。',
          'Articles written by Meisei University students who interviewed the shops, checked by the shop, the university and the city before publishing.',
        )}
      </p>
      <p>
        <a href="/articles/feed.atom">
          {tr(view, '新着記事のフィード（Atom）', 'Feed of new articles (Atom)')}
        </a>
      </p>
      {props.articles.length === 0 ? (
        <p data-empty="articles">
          {tr(view, 'まだ公開された記事はありません。', 'No articles have been published yet.')}
        </p>
      ) : (
        <ul class="stack" data-list="articles">
          {props.articles.map((a) => {
            const photo = props.photoUrl(a);
            return (
              <li class="card" data-article={a.id}>
                {photo ? <img src={photo} alt="" width="320" loading="lazy" /> : null}
                <h2>
                  <a href={a.href}>{a.title}</a>
                </h2>
                <p class="muted">
                  {props.shops.get(a.businessId) ?? ''}・{formatDate(view.lang, a.firstPublishedAt)}
                </p>
                <p>{a.summary}</p>
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}

/** A published article, with its OGP card and the text to post on SNS (with a copy button). */
export function ArticlePage(props: {
  view: PageView;
  article: PublishedArticle;
  shopName: string;
  universityName: string;
  url: string;
  imageUrl: string;
  siteName: string;
  snsText: string;
  photos: { src: string; caption: string; width: number; height: number }[];
}) {
  const { view, article } = props;
  return (
    <Layout
      view={view}
      title={article.title}
      head={
        <>
          <OpenGraph
            title={`${article.title}｜${props.shopName}`}
            description={article.summary}
            url={props.url}
            image={props.imageUrl}
            siteName={props.siteName}
          />
          <FeedLink view={view} />
        </>
      }
    >
      <article data-article={article.id}>
        <h1>{article.title}</h1>
        <p class="muted">
          <a href={`/businesses/${article.businessId}`}>{props.shopName}</a>・
          {tr(view, `取材：${props.universityName}の学生`, `By a student of ${props.universityName}`)}・
          {tr(view, '取材日', 'Interviewed')} {formatDate(view.lang, article.interviewDate)}・
          {tr(view, '公開', 'Published')} {formatDate(view.lang, article.firstPublishedAt)}
          {article.updatedAt.getTime() !== article.firstPublishedAt.getTime()
            ? `・${tr(view, '更新', 'Updated')} ${formatDate(view.lang, article.updatedAt)}`
            : ''}
        </p>
        {props.photos.map((p) => (
          <figure>
            <img src={p.src} alt={p.caption} width={p.width} height={p.height} />
            {p.caption ? <figcaption>{p.caption}</figcaption> : null}
          </figure>
        ))}
        <div class="description">
          {article.body.split(/\n{2,}/).map((p) => (
            <p>{p}</p>
          ))}
        </div>
      </article>
      <section aria-labelledby="share">
        <h2 id="share">{tr(view, 'SNSで紹介する', 'Share on social media')}</h2>
        <label for="sns-text">
          {tr(view, '投稿用の文章（ハッシュタグ付き）', 'Text to post (with hashtags)')}
        </label>
        <textarea id="sns-text" readonly rows={6}>
          {props.snsText}
        </textarea>
        <p>
          <button
            type="button"
            data-copy="sns-text"
            data-copied={tr(view, 'コピーしました', 'Copied')}
            aria-describedby="copy-status"
          >
            {tr(view, '文章をコピー', 'Copy the text')}
          </button>{' '}
          <span id="copy-status" role="status" />
        </p>
      </section>
      <p>
        <a href="/articles">{tr(view, 'お店の記事の一覧へ', 'All shop articles')}</a>
      </p>
      <script src={copyScriptPath} defer />
    </Layout>
  );
}
