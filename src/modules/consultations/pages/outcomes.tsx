import type { FormProblem, FormValues } from '../../../platform/forms';
import { formatNumber, localise } from '../../../platform/i18n';
import { InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, type PageView, tr } from '../../../platform/ui/layout';
import type { LoanUseRow } from '../loan-service';
import type { MilestoneRow } from '../outcome-service';
import { loanProgrammes, successionStages } from '../schema';
import type { CaseRow } from '../service';
import { programmeNames, stageNames, successionCentre } from '../words';
import { day } from './components';
import { type StartupBusiness, StartupBusinessLink } from './startup-business';

const yen = (view: PageView, amount: number) =>
  tr(view, `${formatNumber('ja', amount)}円`, `¥${formatNumber('en', amount)}`);

function milestoneText(view: PageView, m: MilestoneRow): string {
  if (m.kind === 'startup')
    return tr(view, `創業${m.value ? `（${m.value}）` : ''}`, `Started${m.value ? ` (${m.value})` : ''}`);
  if (m.kind === 'stage') {
    const stage = stageNames[m.value];
    return tr(view, `段階：${stage?.ja ?? m.value}`, `Stage: ${stage?.en ?? m.value}`);
  }
  return tr(view, `${successionCentre.ja}へ紹介`, `Referred to the ${successionCentre.en}`);
}

/**
 * Below a case's timeline: what came of it (a start-up's 創業, a succession's stage and referral),
 * its history, and the loan uses recorded on it, each with its form.
 */
export function OutcomeSection(props: {
  view: PageView;
  caseRow: CaseRow;
  clientName: string;
  milestones: MilestoneRow[];
  loans: LoanUseRow[];
  values: FormValues;
  problem: FormProblem | undefined;
  loanKey: string;
  today: string;
  /** a started case: the business it became in the directory, or the search to link one */
  business?: StartupBusiness | undefined;
}) {
  const { view, caseRow, values, problem } = props;
  const action = (what: string) => `/consultations/cases/${caseRow.id}/${what}`;
  return (
    <>
      <section aria-labelledby="outcome">
        <h2 id="outcome">{tr(view, '結果と進み具合', 'Outcome and progress')}</h2>
        {caseRow.kind === 'startup' ? (
          <>
            <p data-field="started">
              {caseRow.startedOn
                ? tr(
                    view,
                    `創業済み：${day(view, caseRow.startedOn)}${caseRow.businessName ? `（${caseRow.businessName}）` : ''}`,
                    `Started: ${day(view, caseRow.startedOn)}${caseRow.businessName ? ` (${caseRow.businessName})` : ''}`,
                  )
                : tr(view, 'まだ創業していません。', 'Not started yet.')}
            </p>
            <p class="hint">
              {tr(
                view,
                '創業を記録すると、成果目標「Bi@Sta 利用者の創業件数（開設以降の累計値）」に1件加わります。',
                'Recording a start-up adds one to the outcome target "Start-ups by Bi@Sta users (cumulative)".',
              )}
            </p>
            <form method="post" action={action('startup')} class="stack">
              <CsrfField view={view} />
              <InputField
                view={view}
                name="startedOn"
                type="date"
                label={tr(view, '創業日', 'Start-up date')}
                values={values}
                problem={problem}
                initial={caseRow.startedOn ?? ''}
                max={props.today}
              />
              <InputField
                view={view}
                name="businessName"
                label={tr(view, '屋号・会社名（任意）', 'Business name (optional)')}
                values={values}
                problem={problem}
                initial={caseRow.businessName}
                required={false}
                maxlength={200}
              />
              <div class="actions">
                <button type="submit">{tr(view, '創業を記録する', 'Record the start-up')}</button>
              </div>
            </form>
            {props.business ? (
              <>
                <h3 id="business">{tr(view, 'ディレクトリの事業者', 'The business in the directory')}</h3>
                <StartupBusinessLink
                  view={view}
                  caseId={caseRow.id}
                  business={props.business}
                  values={values}
                  problem={problem}
                />
              </>
            ) : null}
          </>
        ) : null}
        {caseRow.kind === 'succession' ? (
          <>
            <p data-field="stage">
              {tr(view, '現在の段階：', 'Current stage: ')}
              <strong>
                {caseRow.successionStage
                  ? localise(view.lang, stageNames[caseRow.successionStage] ?? { ja: '—', en: '—' })
                  : tr(view, '未記録', 'Not recorded')}
              </strong>
              {caseRow.referredOn
                ? tr(
                    view,
                    ` ・ ${successionCentre.ja}へ紹介（${day(view, caseRow.referredOn)}）`,
                    ` · referred to the ${successionCentre.en} (${day(view, caseRow.referredOn)})`,
                  )
                : ''}
            </p>
            <form method="post" action={action('stage')} class="stack">
              <CsrfField view={view} />
              <SelectField
                view={view}
                name="stage"
                label={tr(view, '事業承継の段階', 'Succession stage')}
                hint={tr(
                  view,
                  '気づき → 準備 → 後継者決定 → 承継完了、または廃業',
                  'Awareness → preparation → successor decided → completed, or closed down',
                )}
                values={values}
                problem={problem}
                initial={caseRow.successionStage ?? 'awareness'}
                options={successionStages.map((s) => ({
                  value: s,
                  label: localise(view.lang, stageNames[s] ?? { ja: s, en: s }),
                }))}
              />
              <InputField
                view={view}
                name="stageOn"
                type="date"
                label={tr(view, '段階の日付', 'Date of the stage')}
                values={values}
                problem={problem}
                initial={props.today}
                max={props.today}
              />
              <TextAreaField
                view={view}
                name="stageNote"
                label={tr(view, 'メモ（任意）', 'Note (optional)')}
                values={values}
                problem={problem}
                maxlength={1000}
                rows={2}
              />
              <div class="actions">
                <button type="submit">{tr(view, '段階を記録する', 'Record the stage')}</button>
              </div>
            </form>
            <form method="post" action={action('referral')} class="stack">
              <CsrfField view={view} />
              <InputField
                view={view}
                name="referredOn"
                type="date"
                label={tr(
                  view,
                  `${successionCentre.ja}への紹介日`,
                  `Date of referral to the ${successionCentre.en}`,
                )}
                values={values}
                problem={problem}
                initial={caseRow.referredOn ?? props.today}
                max={props.today}
              />
              <TextAreaField
                view={view}
                name="referralNote"
                label={tr(
                  view,
                  '紹介の内容（任意：M&A、第三者への承継など）',
                  'About the referral (optional: M&A, a third-party successor…)',
                )}
                values={values}
                problem={problem}
                maxlength={1000}
                rows={2}
              />
              <div class="actions">
                <button type="submit" class="button-secondary">
                  {tr(view, '紹介を記録する', 'Record the referral')}
                </button>
              </div>
            </form>
          </>
        ) : null}
        {props.milestones.length > 0 ? (
          <>
            <h3>{tr(view, '記録の履歴', 'History')}</h3>
            <ul data-list="milestones">
              {props.milestones.map((m) => (
                <li>
                  {day(view, m.onDate)} {milestoneText(view, m)}
                  {m.note ? ` — ${m.note}` : ''} <span class="muted">（{m.recordedByName}）</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="loans">
        <h2 id="loans">
          {tr(view, `制度融資の利用（${props.loans.length}件）`, `Loan uses (${props.loans.length})`)}
        </h2>
        {props.loans.length > 0 ? (
          <section class="table-wrap" tabindex={0} aria-labelledby="loans">
            <table>
              <thead>
                <tr>
                  <th scope="col">{tr(view, '融資実行日', 'Date')}</th>
                  <th scope="col">{tr(view, '融資制度', 'Programme')}</th>
                  <th scope="col">{tr(view, '借り手', 'Borrower')}</th>
                  <th scope="col" class="num">
                    {tr(view, '融資額', 'Amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.loans.map((l) => (
                  <tr data-loan={l.id}>
                    <td>{day(view, l.usedOn)}</td>
                    <td>
                      {localise(
                        view.lang,
                        programmeNames[l.programme] ?? { ja: l.programme, en: l.programme },
                      )}
                    </td>
                    <td>{l.borrower}</td>
                    <td class="num">{yen(view, l.amountYen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        <form method="post" action={action('loans')} class="stack">
          <CsrfField view={view} />
          <input type="hidden" name="idempotencyKey" value={props.loanKey} />
          <SelectField
            view={view}
            name="programme"
            label={tr(view, '融資制度', 'Loan programme')}
            values={values}
            problem={problem}
            options={loanProgrammes.map((p) => ({
              value: p,
              label: localise(view.lang, programmeNames[p] ?? { ja: p, en: p }),
            }))}
          />
          <InputField
            view={view}
            name="borrower"
            label={tr(view, '借り手（事業者名・氏名）', 'Borrower (business or person)')}
            values={values}
            problem={problem}
            initial={caseRow.businessName || props.clientName}
            maxlength={200}
          />
          <InputField
            view={view}
            name="usedOn"
            type="date"
            label={tr(view, '融資実行日', 'Date of the loan')}
            values={values}
            problem={problem}
            initial={props.today}
            max={props.today}
          />
          <InputField
            view={view}
            name="amountYen"
            label={tr(view, '融資額（円）', 'Amount (yen)')}
            hint={tr(view, '半角数字、1円単位（例：3000000）', 'Whole yen in digits, e.g. 3000000')}
            values={values}
            problem={problem}
            inputmode="numeric"
            maxlength={16}
          />
          <div class="actions">
            <button type="submit">{tr(view, '融資の利用を記録する', 'Record the loan use')}</button>
          </div>
        </form>
      </section>
    </>
  );
}
