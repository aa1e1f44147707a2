import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import type { Lang } from '../../../platform/i18n';
import { CheckboxField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { FormProblem, FormValues } from '../pages/components';
import {
  type FollowUpView,
  followUpDayOf,
  percentOf,
  type ReturnFigures,
  type ShopReturns,
} from './follow-ups';
import type { ReturnWithin } from './schema';
import type { CampaignRow } from './service';

export const withinWords: Record<ReturnWithin, [string, string]> = {
  week: ['1週間以内', 'Within a week'],
  month: ['1か月以内', 'Within a month'],
  later: ['1か月より後', 'Later than a month'],
};

/** 「67%（2/3人）」: a rate with the people behind it, or 「—（0人）」 when there is nobody. */
export function rateText(lang: Lang, n: number, d: number): string {
  const percent = percentOf(n, d);
  const shown = percent === null ? '—' : `${percent}%`;
  return lang === 'en' ? `${shown} (${n} of ${d})` : `${shown}（${n}/${d}人）`;
}

/** The two rates of a shop or a campaign, each with its n: answered / asked, came back / answered. */
export function ReturnRate(props: { view: PageView; figures: ReturnFigures }) {
  const { view, figures: f } = props;
  return (
    <>
      <span data-rate="came-back">
        {tr(view, '再来店 ', 'Came back ')}
        <strong>{rateText(view.lang, f.cameBack, f.answered)}</strong>
      </span>
      <span class="hint" data-rate="answered">
        {tr(
          view,
          `回答 ${rateText('ja', f.answered, f.asked)}・おたずね ${f.asked}人（同意 ${f.consented}人・参加 ${f.attended}人）`,
          `Answered ${rateText('en', f.answered, f.asked)}; asked ${f.asked} (consented ${f.consented}, came ${f.attended})`,
        )}
      </span>
    </>
  );
}

/** The per-shop figures as the organiser's spreadsheet has them: one row a shop, then the campaign. */
export function returnsTable(shops: ShopReturns[], total: ReturnFigures) {
  const headers = [
    '店名',
    '講座数',
    '参加者数（人）',
    'おたずねに同意',
    'おたずね数',
    '回答数',
    '回答率（%）',
    '再来店（はい）',
    '再来店率（%）',
  ];
  const row = (name: string, f: ReturnFigures) => [
    name,
    f.courses,
    f.attended,
    f.consented,
    f.asked,
    f.answered,
    percentOf(f.answered, f.asked) ?? '',
    f.cameBack,
    percentOf(f.cameBack, f.answered) ?? '',
  ];
  return { headers, rows: [...shops.map((s) => row(s.shopName, s)), row('まちゼミ全体', total)] };
}

/** A campaign's return rate per shop, for its organiser's staff, with the CSV to download. */
export function CampaignReturnsPage(props: {
  view: PageView;
  campaign: CampaignRow;
  shops: ShopReturns[];
  total: ReturnFigures;
  now: Date;
}) {
  const { view, campaign, total } = props;
  const day = followUpDayOf(campaign);
  const asked = todayInJapan(props.now) >= day;
  const title = tr(view, `その後の来店：${campaign.title}`, `Coming back: ${campaign.title}`);
  const cell = (n: number, d: number) => <td data-rate>{rateText(view.lang, n, d)}</td>;
  return (
    <Layout view={view} title={title} wide>
      <p>
        <a href={`/events/campaigns/manage/${campaign.id}`}>
          {tr(view, 'まちゼミの管理へ戻る', 'Back to the campaign')}
        </a>
      </p>
      <h1>{title}</h1>
      <p>
        {asked
          ? tr(
              view,
              `${formatDate('ja', day)}から、同意して講座に来た方に「その後お店に来たか」をおたずねしています（メールで。メールアドレスがない方はお店が電話で）。`,
              `Since ${formatDate('en', day)}, people who consented and came have been asked whether they came back to the shop (by mail, or by the shop on the phone).`,
            )
          : tr(
              view,
              `おたずねは${formatDate('ja', day)}（最終日の${30}日後）に、同意して講座に来た方へ送ります。`,
              `The question goes out on ${formatDate('en', day)} (30 days after the last day) to people who consented and came.`,
            )}
      </p>
      <p class="muted">
        {tr(
          view,
          '再来店率は「はい」と答えた人 ÷ 回答した人、回答率は回答した人 ÷ おたずねした人です。人数が少ないと率は大きく動くので、どの率にも人数を添えています。',
          'The return rate is yes answers ÷ answers; the answer rate is answers ÷ people asked. With few people a rate moves a lot, so each shows the numbers behind it.',
        )}
      </p>
      <p data-returns="campaign" class="kpi-value">
        <ReturnRate view={view} figures={total} />
      </p>
      <p>
        <a
          class="button button-secondary"
          href={`/events/campaigns/manage/${campaign.id}/returns.csv`}
          download
        >
          {tr(view, 'お店ごとの数字をダウンロード（CSV）', 'Download the figures per shop (CSV)')}
        </a>
      </p>
      {props.shops.length === 0 ? (
        <p data-empty>{tr(view, '承認された講座はまだありません。', 'No approved courses yet.')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-labelledby="returns-per-shop">
          <h2 id="returns-per-shop">{tr(view, 'お店ごと', 'Per shop')}</h2>
          <table aria-labelledby="returns-per-shop">
            <thead>
              <tr>
                <th scope="col">{tr(view, '店名', 'Shop')}</th>
                <th scope="col">{tr(view, '講座', 'Courses')}</th>
                <th scope="col">{tr(view, '参加者', 'Came')}</th>
                <th scope="col">{tr(view, '同意', 'Consented')}</th>
                <th scope="col">{tr(view, 'おたずね', 'Asked')}</th>
                <th scope="col">{tr(view, '回答率', 'Answered')}</th>
                <th scope="col">{tr(view, '再来店率', 'Came back')}</th>
              </tr>
            </thead>
            <tbody>
              {props.shops.map((s) => (
                <tr data-shop={s.shopName}>
                  <th scope="row">{s.shopName}</th>
                  <td>{s.courses}</td>
                  <td>{s.attended}</td>
                  <td>{s.consented}</td>
                  <td>{s.asked}</td>
                  {cell(s.answered, s.asked)}
                  {cell(s.cameBack, s.answered)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-total>
                <th scope="row">{tr(view, 'まちゼミ全体', 'Whole campaign')}</th>
                <td>{total.courses}</td>
                <td>{total.attended}</td>
                <td>{total.consented}</td>
                <td>{total.asked}</td>
                {cell(total.answered, total.asked)}
                {cell(total.cameBack, total.answered)}
              </tr>
            </tfoot>
          </table>
        </section>
      )}
    </Layout>
  );
}

/** The participant's one question, from the mail's link: no login, answered once. */
export function FollowUpPage(props: {
  view: PageView;
  found: FollowUpView;
  token: string;
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, found } = props;
  const { course, followUp } = found;
  const title = tr(
    view,
    `その後、${course.shopName}へ行かれましたか？`,
    `Have you been back to ${course.shopName}?`,
  );
  const within = followUp.cameBackWithin ? withinWords[followUp.cameBackWithin] : undefined;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>
        {tr(
          view,
          `${found.registration.name}様、${formatDate('ja', todayInJapan(course.startsAt))}の講座「${course.title}」（${found.campaign.title}）にご参加いただき、ありがとうございました。`,
          `Thank you, ${found.registration.name}, for taking part in "${course.title}" (${found.campaign.title}) on ${formatDate('en', todayInJapan(course.startsAt))}.`,
        )}
      </p>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      {followUp.answeredAt !== null ? (
        <p data-follow-up="answered">
          {tr(view, 'ご回答：', 'Your answer: ')}
          <strong>
            {followUp.cameBack ? tr(view, 'はい', 'Yes') : tr(view, 'いいえ', 'No')}
            {within ? tr(view, `（${within[0]}）`, ` (${within[1]})`) : ''}
          </strong>
          {tr(view, '。ご協力ありがとうございました。', '. Thank you.')}
        </p>
      ) : (
        <form method="post" action={`/events/follow-ups/${props.token}`} class="stack card">
          <CsrfField view={view} />
          <fieldset>
            <legend>
              {tr(
                view,
                `講座のあと、${course.shopName}にまた行きましたか？`,
                `Have you been back to ${course.shopName} since the course?`,
              )}
            </legend>
            {(
              [
                ['yes', 'はい', 'Yes'],
                ['no', 'いいえ', 'No'],
              ] as const
            ).map(([value, ja, en]) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`cameBack-${value}`}
                  name="cameBack"
                  value={value}
                  checked={props.values.cameBack === value}
                  required
                />
                <label for={`cameBack-${value}`}>{tr(view, ja, en)}</label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{tr(view, '「はい」の方：いつ頃ですか（任意）', 'If yes: when (optional)')}</legend>
            {Object.entries(withinWords).map(([value, [ja, en]]) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`within-${value}`}
                  name="within"
                  value={value}
                  checked={props.values.within === value}
                />
                <label for={`within-${value}`}>{tr(view, `講座から${ja}`, en)}</label>
              </div>
            ))}
          </fieldset>
          <p class="muted">
            {tr(
              view,
              '回答は1回だけです。お店ごとの割合として主催者とお店が見ます。お名前は集計に出ません。',
              'You answer once. The organiser and the shop see the answers as a share per shop, never with your name.',
            )}
          </p>
          <div>
            <button type="submit" class="button-large">
              {tr(view, '回答する', 'Answer')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}

/** On a まちゼミ course's registration form: the optional consent to the question afterwards. */
export function FollowUpConsentField(props: { view: PageView; values: FormValues; shopName: string }) {
  const { view } = props;
  return (
    <CheckboxField
      name="followUpConsent"
      values={props.values}
      label={tr(
        view,
        `（任意）まちゼミの1か月ほど後に、「その後${props.shopName}に行ったか」をメールで1回だけおたずねしてもかまいません。回答はお店ごとの割合として主催者とお店が見ます。`,
        `(Optional) You may ask me once by mail, about a month after the campaign, whether I went back to ${props.shopName}. The organiser and the shop see the answers as a share per shop.`,
      )}
    />
  );
}
