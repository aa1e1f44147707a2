import { raw } from 'hono/html';
import { formatDate, formatDateTime } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { Wallet } from '../wallet';
import { AmountAndCodeFields, IdempotencyField, kindName, points, Signed, yen } from './components';

/** Balances and history: the resident's own page, or what the issuer's staff see of a resident. */
export function WalletSummary(props: { view: PageView; wallet: Wallet }) {
  const { view, wallet } = props;
  return (
    <>
      <section aria-labelledby="balance-heading" class="card">
        <h2 id="balance-heading">{tr(view, '残高', 'Balance')}</h2>
        <p class="kpi-value" data-field="points">
          {points(view, wallet.points)}
        </p>
        {wallet.gifts.length === 0 ? (
          <p class="muted" data-empty="gifts">
            {tr(view, '使えるデジタル商品券はありません。', 'No digital gift certificate to use.')}
          </p>
        ) : (
          <ul class="stack" data-list="gifts">
            {wallet.gifts.map((g) => (
              <li data-issue={g.issueId}>
                <strong>{g.name}</strong> <span data-field="gift-balance">{yen(view, g.balance)}</span>
                <span class="hint">
                  {g.expired
                    ? tr(
                        view,
                        `有効期限切れ（${formatDate('ja', g.validUntil)}まで）`,
                        `Expired (until ${formatDate('en', g.validUntil)})`,
                      )
                    : tr(
                        view,
                        `${formatDate('ja', g.validUntil)}まで使えます`,
                        `Use by ${formatDate('en', g.validUntil)}`,
                      )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{tr(view, '利用履歴', 'History')}</h2>
        {wallet.history.length === 0 ? (
          <p data-empty="history">{tr(view, 'まだ利用はありません。', 'Nothing yet.')}</p>
        ) : (
          <section class="table-wrap" tabindex={0} aria-labelledby="history-heading">
            <table data-list="history">
              <thead>
                <tr>
                  <th scope="col">{tr(view, '日時', 'When')}</th>
                  <th scope="col">{tr(view, '内容', 'What')}</th>
                  <th scope="col">{tr(view, '商品券', 'Gift certificates')}</th>
                  <th scope="col">{tr(view, 'ポイント', 'Points')}</th>
                </tr>
              </thead>
              <tbody>
                {wallet.history.map((h) => (
                  <tr data-request={h.requestId}>
                    <td>{formatDateTime(view.lang, h.at)}</td>
                    <td>
                      {kindName(view, h.kind)}
                      {h.shopName ? <span class="hint">{h.shopName}</span> : null}
                      {h.refunded ? <span class="badge">{tr(view, '返金済み', 'Refunded')}</span> : null}
                    </td>
                    <td>
                      <Signed value={h.giftYen} text={yen(view, Math.abs(h.giftYen))} />
                    </td>
                    <td>
                      <Signed value={h.points} text={points(view, Math.abs(h.points))} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </>
  );
}

/** The button that shows a new QR code, and a link beside it. */
function WalletActions(props: {
  view: PageView;
  codeLabel: string;
  codeClass: string;
  link: { href: string; label: string; class: string };
}) {
  return (
    <div class="actions">
      <form method="post" action="/points/wallet/code">
        <CsrfField view={props.view} />
        <button type="submit" class={props.codeClass}>
          {props.codeLabel}
        </button>
      </form>
      <a class={props.link.class} href={props.link.href}>
        {props.link.label}
      </a>
    </div>
  );
}

export function WalletPage(props: { view: PageView; wallet: Wallet; notice?: string | undefined }) {
  const { view } = props;
  const title = tr(view, 'るのかーど', 'るのかーど wallet');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <WalletActions
        view={view}
        codeLabel={tr(view, '支払い用のQRコードを表示', 'Show my QR code to pay')}
        codeClass="button-large"
        link={{
          href: '/points/wallet/pay',
          label: tr(view, 'お店のQRコードを読み取って支払う', 'Scan the shop’s QR code and pay'),
          class: 'button button-secondary',
        }}
      />
      <WalletSummary view={view} wallet={props.wallet} />
    </Layout>
  );
}

/** The resident's QR: shown once, works once, for two minutes. */
export function WalletCodePage(props: {
  view: PageView;
  qrSvg: string;
  groupedCode: string;
  expiresAt: Date;
  seconds: number;
}) {
  const { view } = props;
  const title = tr(view, '支払い用QRコード', 'Your QR code to pay');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          'お店の人にこの画面を見せてください。1回だけ、2分間使えます。',
          'Show this screen at the till. It works once, for two minutes.',
        )}
      </p>
      <div class="ticket">
        {raw(props.qrSvg)}
        <p class="ticket-code" data-field="wallet-code">
          {props.groupedCode}
        </p>
        <p class="hint">
          {tr(
            view,
            `有効期限：${formatDateTime('ja', props.expiresAt)}（${props.seconds / 60}分間）`,
            `Valid until ${formatDateTime('en', props.expiresAt)} (${props.seconds / 60} minutes)`,
          )}
        </p>
      </div>
      <WalletActions
        view={view}
        codeLabel={tr(view, '新しいQRコードを表示', 'Show a new QR code')}
        codeClass="button-secondary"
        link={{
          href: '/points/wallet',
          label: tr(view, '残高と履歴を見る', 'See balance and history'),
          class: 'button',
        }}
      />
    </Layout>
  );
}

/** The resident scans the shop's QR (or types its code) and enters the amount. */
export function PayShopPage(props: {
  view: PageView;
  values: FormValues;
  problem?: FormProblem | undefined;
  idempotencyKey: string;
}) {
  const { view, values, problem } = props;
  const title = tr(view, 'お店のQRコードで支払う', 'Pay by scanning the shop’s QR code');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form method="post" action="/points/wallet/pay" class="stack card" data-ticket-form>
        <CsrfField view={view} />
        <IdempotencyField value={props.idempotencyKey} />
        <AmountAndCodeFields
          view={view}
          amountLabel={tr(view, '支払う金額（円）', 'Amount to pay (yen)')}
          amountHint={tr(
            view,
            '先に金額を入力してから、QRコードを読み取ってください。',
            'Type the amount first, then scan the QR code.',
          )}
          codeField="shopCode"
          scanLabel={tr(view, 'カメラでお店のQRコードを読み取る', 'Scan the shop’s QR code')}
          codeLabel={tr(view, '店舗コード（8文字）', 'Shop code (8 characters)')}
          codeHint={tr(
            view,
            'お店のQRコードの下に書かれた英数字です。',
            'The letters and digits under the shop’s QR code.',
          )}
          values={values}
          problem={problem}
        />
        <div>
          <button type="submit" class="button-large">
            {tr(view, '支払う', 'Pay')}
          </button>
        </div>
      </form>
      <p>
        <a href="/points/wallet">{tr(view, 'ウォレットに戻る', 'Back to the wallet')}</a>
      </p>
      <script src="/static/check-in.js" defer />
    </Layout>
  );
}
