import { raw } from 'hono/html';
import { formatDateTime } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { CheckboxField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { LedgerResult } from '../ledger';
import type { ShopEntry, takingsOf } from '../shop-takings';
import type { Shop } from '../shops';
import { AmountAndCodeFields, IdempotencyField, kindName, points, Signed, yen } from './components';

/** The monthly statement (CSV): for a shop taking part, and one that has left, for its past months. */
function StatementForm(props: { view: PageView; month: string }) {
  const { view } = props;
  return (
    <form method="get" action="/points/shop/statement.csv" class="stack">
      <div>
        <label for="month">{tr(view, '月', 'Month')}</label>
        <input id="month" name="month" type="month" value={props.month} required />
      </div>
      <div>
        <button type="submit" class="button-secondary">
          {tr(view, '明細をダウンロード（CSV）', 'Download the statement (CSV)')}
        </button>
      </div>
    </form>
  );
}

/** Stopping by the shop itself, confirmed by a tick: the office can take it back in. */
function WithdrawSection(props: {
  view: PageView;
  shop: Shop;
  values: FormValues;
  problem?: FormProblem | undefined;
}) {
  const { view } = props;
  return (
    <section aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">{tr(view, '取扱をやめる', 'Stop taking るのかーど')}</h2>
      <details open={Boolean(props.problem)}>
        <summary>{tr(view, '取扱をやめる手続き', 'How to stop')}</summary>
        <p>
          {tr(
            view,
            'やめると、このお店での支払い・ポイント付与ができなくなり、QRポスターも使えなくなります。お店の残高は次の精算で支払われ、過去の明細はこのページからダウンロードできます。',
            'Once you stop, payments and points at your shop are refused and your QR poster stops working. What your shop holds is paid at the next settlement; past statements stay on this page.',
          )}
        </p>
        <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
        <form method="post" action="/points/shop/withdraw" class="stack">
          <CsrfField view={view} />
          <div>
            <label for="reason">
              {tr(view, '理由（任意・200文字まで）', 'Reason (optional, up to 200 characters)')}
            </label>
            <input id="reason" name="reason" type="text" maxlength={200} value={props.values.reason ?? ''} />
          </div>
          <CheckboxField
            name="confirm"
            label={tr(
              view,
              `${props.shop.businessName}でのるのかーどの取扱をやめます`,
              `${props.shop.businessName} stops taking るのかーど`,
            )}
            values={{}}
          />
          <div>
            <button type="submit" class="button-secondary">
              {tr(view, '取扱をやめる', 'Stop taking るのかーど')}
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}

/**
 * A business that has not joined, waits for approval, or has left: what its state is first, then,
 * for a shop that has left, its past statements.
 */
export function ShopJoinPage(props: {
  view: PageView;
  shop: Shop | undefined;
  month: string;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, shop } = props;
  const title = tr(view, 'るのかーど取扱店舗', 'るのかーど shop');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      {shop ? (
        <p data-field="shop-status">
          {shop.status === 'withdrawn'
            ? tr(
                view,
                '取扱いを終了しています。再開は事務局にご相談ください。',
                'Your shop has left the programme. Ask the office to rejoin.',
              )
            : tr(
                view,
                `${shop.businessName}の参加申込を受け付けました。事務局の承認をお待ちください。`,
                `${shop.businessName} has applied. Wait for the office to approve it.`,
              )}
        </p>
      ) : (
        <>
          <p class="lead">
            {tr(
              view,
              'るのかーど（ポイント・デジタル商品券）を取り扱う店舗として参加を申し込めます。事務局が承認すると、スマートフォンで支払いを受けられます。',
              'Apply to take るのかーど (points and digital gift certificates). Once the office approves, you take payments with a phone.',
            )}
          </p>
          <form method="post" action="/points/shop/join">
            <CsrfField view={view} />
            <button type="submit" class="button-large">
              {tr(view, '取扱店舗として参加を申し込む', 'Apply to join as a shop')}
            </button>
          </form>
        </>
      )}
      {shop?.status === 'withdrawn' ? (
        <section aria-labelledby="statement-heading">
          <h2 id="statement-heading">{tr(view, '過去の月次明細', 'Past monthly statements')}</h2>
          <StatementForm view={view} month={props.month} />
        </section>
      ) : null}
    </Layout>
  );
}

function resultText(view: PageView, result: LedgerResult) {
  const total = result.amount;
  if (result.kind === 'award')
    return tr(view, `${points(view, total)}を付与しました。`, `Awarded ${points(view, total)}.`);
  if (result.kind === 'refund')
    return tr(view, `${yen(view, total)}を返金しました。`, `Refunded ${yen(view, total)}.`);
  return tr(view, `${yen(view, total)}を受け取りました。`, `Received ${yen(view, total)}.`);
}

/** The terminal on the shop's phone: take a payment or award points, today's takings, refunds. */
export function ShopTerminalPage(props: {
  view: PageView;
  shop: Shop;
  yenPerPoint: number;
  result?: LedgerResult | undefined;
  today: ShopEntry[];
  totals: ReturnType<typeof takingsOf>;
  values: FormValues;
  problem?: FormProblem | undefined;
  idempotencyKey: string;
  month: string;
  withdrawValues?: FormValues;
  withdrawProblem?: FormProblem | undefined;
}) {
  const { view, shop, values, problem } = props;
  const operation = values.operation === 'award' ? 'award' : 'payment';
  const title = tr(view, `るのかーど端末：${shop.businessName}`, `るのかーど terminal: ${shop.businessName}`);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.result ? resultText(view, props.result) : undefined} />
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form method="post" action="/points/shop/terminal" class="stack card" data-ticket-form>
        <CsrfField view={view} />
        <IdempotencyField value={props.idempotencyKey} />
        <fieldset>
          <legend>{tr(view, '操作', 'Operation')}</legend>
          <div class="choice">
            <input
              type="radio"
              id="operation-payment"
              name="operation"
              value="payment"
              checked={operation === 'payment'}
            />
            <label for="operation-payment">
              {tr(
                view,
                '支払いを受ける（商品券→ポイントの順）',
                'Take a payment (gift certificates first, then points)',
              )}
            </label>
          </div>
          <div class="choice">
            <input
              type="radio"
              id="operation-award"
              name="operation"
              value="award"
              checked={operation === 'award'}
            />
            <label for="operation-award">
              {tr(
                view,
                `ポイントを付与する（${props.yenPerPoint}円ごとに1ポイント）`,
                `Award points (1 point per ${props.yenPerPoint} yen)`,
              )}
            </label>
          </div>
        </fieldset>
        <AmountAndCodeFields
          view={view}
          amountLabel={tr(view, '金額（円）', 'Amount (yen)')}
          amountHint={tr(
            view,
            '金額を入力してから、お客様のQRコードを読み取ってください。',
            'Type the amount, then scan the customer’s QR code.',
          )}
          codeField="walletCode"
          scanLabel={tr(view, 'カメラでお客様のQRコードを読み取る', 'Scan the customer’s QR code')}
          codeLabel={tr(view, 'お客様のコード（10文字）', 'Customer’s code (10 characters)')}
          codeHint={tr(
            view,
            'QRコードの下の英数字です。読み取れないときに入力してください。',
            'The letters and digits under the QR code, when it cannot be scanned.',
          )}
          values={{ ...values, walletCode: '' }}
          problem={problem}
        />
        <div>
          <button type="submit" class="button-large">
            {tr(view, '送信する', 'Send')}
          </button>
        </div>
      </form>

      <section aria-labelledby="today-heading">
        <h2 id="today-heading">{tr(view, '本日の取引', 'Today')}</h2>
        <p data-field="today-totals">
          {tr(
            view,
            `支払い ${props.totals.payments}件・受取 ${yen(view, props.totals.giftYen + props.totals.pointsPaid)}（商品券 ${yen(view, props.totals.giftYen)}、ポイント ${yen(view, props.totals.pointsPaid)}）・返金 ${props.totals.refunds}件・付与 ${points(view, props.totals.pointsAwarded)}`,
            `${props.totals.payments} payments, received ${yen(view, props.totals.giftYen + props.totals.pointsPaid)} (gift certificates ${yen(view, props.totals.giftYen)}, points ${yen(view, props.totals.pointsPaid)}), ${props.totals.refunds} refunds, awarded ${points(view, props.totals.pointsAwarded)}`,
          )}
        </p>
        {props.today.length === 0 ? null : (
          <ul class="stack" data-list="today">
            {[...props.today].reverse().map((e) => (
              <li class="card" data-request={e.requestId}>
                <p>
                  #{e.requestId} {formatDateTime(view.lang, e.at)} {kindName(view, e.kind)}{' '}
                  <Signed
                    value={e.giftYen + e.pointsPaid}
                    text={yen(view, Math.abs(e.giftYen + e.pointsPaid))}
                  />
                  {e.pointsAwarded ? <> {points(view, e.pointsAwarded)}</> : null}
                  {e.refunded ? <span class="badge">{tr(view, '返金済み', 'Refunded')}</span> : null}
                </p>
                {(e.kind === 'payment' || e.kind === 'award') && !e.refunded ? (
                  <form method="post" action="/points/shop/refunds">
                    <CsrfField view={view} />
                    <input type="hidden" name="requestId" value={String(e.requestId)} />
                    <IdempotencyField value={`refund-${e.requestId}`} />
                    <button type="submit" class="button-secondary">
                      {tr(view, `#${e.requestId}を返金・取消する`, `Refund #${e.requestId}`)}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="statement-heading">
        <h2 id="statement-heading">{tr(view, '月次明細', 'Monthly statement')}</h2>
        <StatementForm view={view} month={props.month} />
        <p>
          <a href="/points/shop/poster">
            {tr(
              view,
              'お店のQRコード（お客様が読み取って支払う）',
              'Your shop’s QR code (customers scan it to pay)',
            )}
          </a>
        </p>
      </section>
      <WithdrawSection
        view={view}
        shop={props.shop}
        values={props.withdrawValues ?? {}}
        problem={props.withdrawProblem}
      />
      <script src="/static/check-in.js" defer />
    </Layout>
  );
}

/** The shop's own QR, to print and put by the till: residents scan it and enter the amount. */
export function ShopPosterPage(props: { view: PageView; shop: Shop; qrSvg: string }) {
  const { view, shop } = props;
  const title = tr(view, `${shop.businessName}のQRコード`, `QR code of ${shop.businessName}`);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          'るのかーどで支払えます。QRコードを読み取り、金額を入力してください。',
          'Pay with るのかーど: scan the QR code and enter the amount.',
        )}
      </p>
      <div class="ticket">
        {raw(props.qrSvg)}
        <p class="ticket-code" data-field="shop-code">
          {shop.shopCode}
        </p>
      </div>
    </Layout>
  );
}
