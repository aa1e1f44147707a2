import { raw } from 'hono/html';
import { formatDate, formatDateTime } from '../../../platform/fiscal-year';
import type { FormProblem } from '../../../platform/forms';
import { ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import { PrintButton } from '../../../platform/ui/print';
import type { BookletMeeting } from '../booklet';
import { industryName } from '../industries';
import type { ListedBusiness } from '../schema';
import { type Area, areaName, type Organisation, organisationName } from './components';

export const bookletStylesheetPath = '/static/booklet.css';

const bookletTitle = (view: PageView) => tr(view, '参加事業者紹介', "Who's who of the businesses");

/** A business to tick for the booklet, and whether it registered for the meeting. */
export interface BookletChoice {
  business: ListedBusiness;
  registered: boolean;
}

/**
 * Staff make a booklet: choose one of the meetings they run, tick the businesses registered for it
 * (all ticked), add others found by words, and open the print page.
 */
export function BookletChooserPage(props: {
  view: PageView;
  meetings: BookletMeeting[];
  meeting: BookletMeeting | undefined;
  choices: BookletChoice[];
  added: string;
  problem?: FormProblem | undefined;
}) {
  const { view, meeting } = props;
  const title = tr(view, '交流会の参加事業者紹介をつくる', "Make a meeting's who's who");
  const meetingLabel = (m: BookletMeeting) => `${formatDate(view.lang, m.startsAt)} ${m.title}`;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '事業者連携交流会などに申し込んだ事業者の公開情報を、A4の冊子として印刷できます。載せるのは事業者一覧で公開している内容だけです。',
          'Print the public profiles of the businesses registered for a meeting as an A4 booklet. Only what the directory already publishes is printed.',
        )}
      </p>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <form method="get" action="/businesses/booklet" class="filters card">
        <div>
          <label for="event">{tr(view, '交流会（主催するイベント）', 'Meeting (an event you run)')}</label>
          <select id="event" name="event" required>
            <option value="">{tr(view, '選んでください', 'Choose')}</option>
            {props.meetings.map((m) => (
              <option value={String(m.id)} selected={meeting?.id === m.id}>
                {meetingLabel(m)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="add">
            {tr(view, 'ほかの事業者を追加（キーワード）', 'Add other businesses (keywords)')}
          </label>
          <input id="add" name="add" type="search" maxlength={100} value={props.added} />
        </div>
        <div class="actions">
          <button type="submit">{tr(view, '事業者を表示', 'Show businesses')}</button>
        </div>
      </form>
      {props.meetings.length === 0 ? (
        <p data-empty="meetings">
          {tr(
            view,
            '主催する公開済みのイベントがありません。イベント管理で交流会を作成・公開してください。',
            'You run no published event. Create and publish the meeting under Manage events.',
          )}
        </p>
      ) : null}
      {meeting || props.choices.length > 0 ? (
        <form method="get" action="/businesses/booklet/print">
          {meeting ? <input type="hidden" name="event" value={String(meeting.id)} /> : null}
          <fieldset>
            <legend>
              {meeting
                ? tr(
                    view,
                    `冊子に載せる事業者（${meeting.title}）`,
                    `Businesses in the booklet (${meeting.title})`,
                  )
                : tr(view, '冊子に載せる事業者', 'Businesses in the booklet')}
            </legend>
            {props.choices.length === 0 ? (
              <p data-empty="registered">
                {tr(
                  view,
                  '事業者アカウントで申し込んだ事業者はまだいません。アカウントなしで申し込んだ事業者は、キーワードで追加してください。',
                  'No business has registered with its account yet. Add those who registered without one by keywords.',
                )}
              </p>
            ) : (
              <ul class="booklet-choices" data-list="choices">
                {props.choices.map(({ business: b, registered }) => (
                  <li class="choice">
                    <input
                      type="checkbox"
                      id={`business-${b.id}`}
                      name="business"
                      value={String(b.id)}
                      checked={registered}
                    />
                    <label for={`business-${b.id}`}>
                      {b.name}
                      {registered ? <span class="badge">{tr(view, '申込済み', 'Registered')}</span> : null}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <p class="actions">
            <button type="submit">{tr(view, '印刷用ページを開く', 'Open the print page')}</button>
          </p>
        </form>
      ) : null}
    </Layout>
  );
}

/**
 * The booklet on A4 paper: a heading with the meeting, then one block per business (never split
 * across pages) with what it is, does and makes, and how to reach it publicly, with a QR code of
 * its page in Tsunagu.
 */
export function BookletPage(props: {
  view: PageView;
  meeting: BookletMeeting | undefined;
  businesses: ListedBusiness[];
  /** the QR code (SVG) of each business's page, by id */
  qrCodes: Map<number, string>;
  pageUrl: (id: number) => string;
  areas: readonly Area[];
  organisations: readonly Organisation[];
  printedAt: Date;
}) {
  const { view, meeting } = props;
  const title = meeting ? `${meeting.title} ${bookletTitle(view)}` : bookletTitle(view);
  return (
    <Layout view={view} title={title} wide>
      <link rel="stylesheet" href={bookletStylesheetPath} />
      <article class="booklet" aria-labelledby="booklet-title">
        <header class="booklet-head">
          {meeting ? <p class="booklet-meeting">{meeting.title}</p> : null}
          <h1 id="booklet-title">{bookletTitle(view)}</h1>
          <p class="booklet-facts">
            {meeting ? (
              <>
                {formatDateTime(view.lang, meeting.startsAt)}
                {meeting.place ? `　${meeting.place}` : ''}
                {'　'}
              </>
            ) : null}
            {tr(view, `${props.businesses.length}事業者`, `${props.businesses.length} businesses`)}
          </p>
          <p class="booklet-note">
            {tr(
              view,
              `掲載内容は各事業者が「つなぐ」に登録した公開情報です（${formatDate(view.lang, props.printedAt)}現在）。`,
              `What is printed is each business's public profile in Tsunagu (as of ${formatDate(view.lang, props.printedAt)}).`,
            )}
          </p>
        </header>
        <div class="booklet-tools no-print">
          <p class="actions">
            <PrintButton view={view} />
            <a
              class="button button-secondary"
              href={`/businesses/booklet${meeting ? `?event=${meeting.id}` : ''}`}
            >
              {tr(view, '事業者を選び直す', 'Choose again')}
            </a>
          </p>
          <p class="hint">
            {tr(
              view,
              '印刷はブラウザの印刷機能（Ctrl+P、Macは⌘+P）で行ってください。A4縦向きで、1事業者がページをまたがないように印刷されます。',
              "Print with your browser's print command (Ctrl+P, or ⌘+P on a Mac): A4 portrait, no business split across two pages.",
            )}
          </p>
        </div>
        {props.businesses.map((b) => (
          <BookletEntry
            view={view}
            business={b}
            qrCode={props.qrCodes.get(b.id) ?? ''}
            pageUrl={props.pageUrl(b.id)}
            areas={props.areas}
            organisations={props.organisations}
          />
        ))}
      </article>
    </Layout>
  );
}

function BookletEntry(props: {
  view: PageView;
  business: ListedBusiness;
  qrCode: string;
  pageUrl: string;
  areas: readonly Area[];
  organisations: readonly Organisation[];
}) {
  const { view, business: b } = props;
  const links = [b.website, ...b.sns].filter(Boolean);
  const facts: [string, string, string][] = [
    ['industry', tr(view, '業種', 'Industry'), industryName(view.lang, b.industryMajor, b.industryMiddle)],
    ['address', tr(view, '所在地', 'Address'), b.address],
    ['area', tr(view, '地区', 'Area'), b.area ? areaName(view.lang, b.area, props.areas) : ''],
    [
      'memberships',
      tr(view, '所属団体', 'Memberships'),
      b.memberships.map((m) => organisationName(view.lang, m, props.organisations)).join('、'),
    ],
  ];
  return (
    <section class="booklet-entry" aria-labelledby={`entry-${b.id}`} data-business={b.id}>
      <div class="booklet-entry-text">
        <h2 id={`entry-${b.id}`}>
          {b.name}
          <span class="booklet-kana" lang="ja">
            {b.kana}
          </span>
        </h2>
        <dl class="booklet-facts-list">
          {facts
            .filter(([, , value]) => value)
            .map(([field, label, value]) => (
              <>
                <dt>{label}</dt>
                <dd data-field={field}>{value}</dd>
              </>
            ))}
          {b.tags.length > 0 || b.capabilities ? (
            <>
              <dt>{tr(view, 'できること', 'What it can do')}</dt>
              <dd data-field="capabilities">
                {b.tags.length > 0 ? <span class="booklet-tags">{b.tags.join('・')}</span> : null}
                {b.capabilities ? <span>{b.capabilities}</span> : null}
              </dd>
            </>
          ) : null}
          {b.products ? (
            <>
              <dt>{tr(view, '製品・サービス', 'Products and services')}</dt>
              <dd data-field="products">{b.products}</dd>
            </>
          ) : null}
          <dt>{tr(view, '連絡先', 'Contact')}</dt>
          <dd data-field="contact">
            <ul class="booklet-contact">
              {links.map((url) => (
                <li>
                  <a href={url}>{url}</a>
                </li>
              ))}
              <li>
                {tr(view, 'つなぐのページ：', 'Page in Tsunagu: ')}
                <a href={props.pageUrl}>{props.pageUrl}</a>
              </li>
            </ul>
          </dd>
        </dl>
      </div>
      {props.qrCode ? <div class="booklet-qr">{raw(props.qrCode)}</div> : null}
    </section>
  );
}
