import type { FormProblem, FormValues } from '../../../platform/forms';
import { formatNumber, type Text } from '../../../platform/i18n';
import { InputField } from '../../../platform/ui/form-fields';
import { type PageView, tr } from '../../../platform/ui/layout';
import type { RequestKind } from '../schema';

export const kindNames: Record<RequestKind, Text> = {
  purchase: { ja: '商品券の購入', en: 'Gift certificate bought' },
  payment: { ja: '支払い', en: 'Payment' },
  award: { ja: 'ポイント付与', en: 'Points awarded' },
  refund: { ja: '返金・取消', en: 'Refund' },
  expiry: { ja: '有効期限による失効', en: 'Expired' },
  settlement: { ja: '精算', en: 'Settlement' },
  grant: { ja: 'ポイントの付与（事務局）', en: 'Points granted' },
};

export const kindName = (view: PageView, kind: RequestKind) =>
  tr(view, kindNames[kind].ja, kindNames[kind].en);

/** 「12,000円」 / 「¥12,000」 */
export const yen = (view: PageView, amount: number) =>
  view.lang === 'en' ? `¥${formatNumber('en', amount)}` : `${formatNumber('ja', amount)}円`;

/** 「120ポイント」 / 「120 points」 */
export const points = (view: PageView, amount: number) =>
  view.lang === 'en' ? `${formatNumber('en', amount)} points` : `${formatNumber('ja', amount)}ポイント`;

/** A signed amount: + received, − spent. */
export function Signed(props: { value: number; text: string }) {
  if (props.value === 0) return <span class="muted">—</span>;
  return (
    <span data-signed={props.value > 0 ? 'plus' : 'minus'}>
      {props.value > 0 ? '+' : '−'}
      {props.text}
    </span>
  );
}

/** The key that makes a form sent twice (a double tap, a reload) move value once. */
export function IdempotencyField(props: { value: string }) {
  return <input type="hidden" name="idempotencyKey" value={props.value} />;
}

/** The camera reader of the events' check-in (check-in.js), filling `field` and sending its form. */
export function Scanner(props: { view: PageView; field: string; label: string }) {
  return (
    <div
      class="scanner"
      data-scanner
      data-decoder="/static/jsqr.js"
      data-field={props.field}
      data-resume="off"
      hidden
    >
      <button type="button" class="button-large" data-scanner-start>
        {props.label}
      </button>
      <video class="scanner-video" data-scanner-video playsinline muted hidden />
      <p class="hint" data-scanner-status aria-live="polite" />
    </div>
  );
}

/**
 * The amount, then the code read by the camera (or typed): the till's form and the resident's form
 * alike. The amount comes first, because a code read by the camera sends the form at once.
 */
export function AmountAndCodeFields(props: {
  view: PageView;
  amountLabel: string;
  amountHint: string;
  codeField: string;
  scanLabel: string;
  codeLabel: string;
  codeHint: string;
  values: FormValues;
  problem: FormProblem | undefined;
}) {
  const { view, values, problem } = props;
  return (
    <>
      <InputField
        view={view}
        name="amount"
        label={props.amountLabel}
        hint={props.amountHint}
        inputmode="numeric"
        autocomplete="off"
        values={values}
        problem={problem}
      />
      <Scanner view={view} field={props.codeField} label={props.scanLabel} />
      <InputField
        view={view}
        name={props.codeField}
        label={props.codeLabel}
        hint={props.codeHint}
        maxlength={20}
        autocomplete="off"
        values={values}
        problem={problem}
      />
    </>
  );
}
