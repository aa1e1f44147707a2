import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import { localise } from '../../../platform/i18n';
import { type PageView, tr } from '../../../platform/ui/layout';
import { kindName, newClientRule } from '../words';

/** 「新規相談者（令和8年度）」 or 「継続」, as the rule decides (new-clients.ts). */
export function NewClientBadge(props: { view: PageView; isNew: boolean; fiscalYear: number }) {
  const { view } = props;
  return props.isNew ? (
    <span class="badge badge-new" data-new-client="true">
      {tr(
        view,
        `新規相談者（${formatFiscalYear('ja', props.fiscalYear)}）`,
        `New client (${formatFiscalYear('en', props.fiscalYear)})`,
      )}
    </span>
  ) : (
    <span class="badge" data-new-client="false">
      {tr(view, '継続相談', 'Continuing')}
    </span>
  );
}

export function KindBadge(props: { view: PageView; kind: string }) {
  return (
    <span class="badge" data-kind={props.kind}>
      {kindName(props.view.lang, props.kind)}
    </span>
  );
}

/** The 新規相談者 rule in words, beside every count and badge of it. */
export function NewClientRule(props: { view: PageView }) {
  return (
    <p class="hint" data-rule="new-client">
      {localise(props.view.lang, newClientRule)}
    </p>
  );
}

export const day = (view: PageView, isoDate: string | null | undefined) =>
  isoDate ? formatDate(view.lang, isoDate) : '—';

/** The reminder every page of personal data carries. */
export function PersonalDataNote(props: { view: PageView }) {
  return (
    <p class="hint">
      {tr(
        props.view,
        'この画面には相談者の個人情報が含まれます。相談業務の目的以外に使わず、画面や印刷物の取り扱いに注意してください。閲覧は記録されます。',
        'This page holds personal data of the people consulted. Use it for counselling only and take care with screens and print-outs. Reads are logged.',
      )}
    </p>
  );
}
