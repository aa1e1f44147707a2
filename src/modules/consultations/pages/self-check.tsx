import type { FormProblem, FormValues } from '../../../platform/forms';
import { invalidIf } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { InputField, SelectField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import {
  industries,
  questionKeys,
  resultTexts,
  type SelfCheckAnswers,
  type SelfCheckResult,
  selfCheckQuestions,
  type summariseSelfChecks,
} from '../self-check';

export interface Area {
  code: string;
  name: string;
  nameEn?: string | undefined;
}

const areaName = (view: PageView, code: string, areas: readonly Area[]) => {
  const a = areas.find((x) => x.code === code);
  if (!a) return code ? code : tr(view, '回答なし', 'Not given');
  return view.lang === 'en' && a.nameEn ? a.nameEn : a.name;
};

/** 事業承継診断: a few questions, answered without an account, on any screen. */
export function SelfCheckPage(props: {
  view: PageView;
  values: FormValues;
  problem?: FormProblem | undefined;
  idempotencyKey: string;
  areas: readonly Area[];
}) {
  const { view, values, problem } = props;
  const title = tr(view, '事業承継診断（セルフチェック）', 'Business succession self-check');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          '7つの質問に答えると、事業承継の準備がどこまで進んでいるかと、次に何をするとよいかが分かります。3分ほどで終わります。',
          'Answer seven questions to see how far your succession preparations have come and what to do next. It takes about three minutes.',
        )}
      </p>
      <p class="hint">
        {tr(
          view,
          '回答は結果を表示するためだけに使います。相談員からの連絡を希望された場合を除き、回答やお名前は保存しません（市は地区・業種ごとの件数だけを集計します）。下の同意にチェックを入れた場合に限り、年代と後継者についての回答も件数として数えます。',
          'Your answers are used only to show the result. Unless you ask a counsellor to contact you, neither your answers nor your name are kept (the city counts only how many by area and industry). Only if you tick the consent below, your age and successor answers are counted too.',
        )}
      </p>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form method="post" action="/consultations/self-check" class="stack">
        <CsrfField view={view} />
        <input type="hidden" name="key" value={props.idempotencyKey} />
        {questionKeys.map((key, i) => {
          const q = selfCheckQuestions[key];
          return (
            <fieldset {...invalidIf(problem, key)} data-question={key}>
              <legend>
                {`${i + 1}. `}
                {localise(view.lang, q.text)}
              </legend>
              {Object.entries(q.choices).map(([value, label]) => (
                <div class="choice">
                  <input
                    type="radio"
                    id={`${key}-${value}`}
                    name={key}
                    value={value}
                    required
                    checked={values[key] === value}
                  />
                  <label for={`${key}-${value}`}>
                    {localise(view.lang, label as { ja: string; en: string })}
                  </label>
                </div>
              ))}
            </fieldset>
          );
        })}
        <SelectField
          view={view}
          name="area"
          label={tr(view, '事業所の地区（任意）', 'Area of the business (optional)')}
          values={values}
          problem={problem}
          required={false}
          options={[
            { value: '', label: tr(view, '選ばない', 'Not given') },
            ...props.areas.map((a) => ({ value: a.code, label: areaName(view, a.code, props.areas) })),
          ]}
        />
        <SelectField
          view={view}
          name="industry"
          label={tr(view, '業種（任意）', 'Industry (optional)')}
          values={values}
          problem={problem}
          required={false}
          options={[
            { value: '', label: tr(view, '選ばない', 'Not given') },
            ...Object.entries(industries).map(([code, label]) => ({
              value: code,
              label: localise(view.lang, label),
            })),
          ]}
        />
        <div class="choice">
          <input
            type="checkbox"
            id="needsConsent"
            name="needsConsent"
            value="yes"
            checked={values.needsConsent === 'yes'}
          />
          <label for="needsConsent">
            {tr(
              view,
              '（任意）地区・業種と、年代・後継者についての回答を、名前を伏せた件数として、商工会と市が事業承継の支援（セミナー・訪問）の計画に使うことに同意します。5件未満の数は「5未満」と表示され、数は出ません。',
              "(Optional) I agree that the chamber of commerce and the city use my area, industry, age and successor answers, as counts without any name, to plan succession support (seminars, visits). Fewer than 5 is shown as 'fewer than 5', never as a number.",
            )}
          </label>
        </div>
        <div class="actions">
          <button type="submit">{tr(view, '結果を見る', 'See the result')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** The result in plain words, the next step, and the owner's choice to be contacted. */
export function SelfCheckResultPage(props: {
  view: PageView;
  result: SelfCheckResult;
  answers: SelfCheckAnswers;
  idempotencyKey: string;
  values: FormValues;
  problem?: FormProblem | undefined;
  consented?: boolean;
}) {
  const { view, values, problem } = props;
  const text = resultTexts[props.result];
  const title = tr(view, '事業承継診断の結果', 'Your self-check result');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <section class="card" aria-labelledby="result" data-result={props.result}>
        <h2 id="result">{localise(view.lang, text.title)}</h2>
        <p>{localise(view.lang, text.body)}</p>
      </section>
      {props.consented ? (
        <div class="notice" role="status" data-consented="true">
          {tr(
            view,
            'ありがとうございます。Bi@Sta の相談員から、いただいた連絡先にご連絡します（通常1週間以内）。',
            'Thank you. A Bi@Sta counsellor will contact you, usually within a week.',
          )}
        </div>
      ) : (
        <section aria-labelledby="consent-heading">
          <h2 id="consent-heading">
            {tr(view, '相談員に連絡してもらう（無料）', 'Ask a counsellor to contact you (free)')}
          </h2>
          <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
          <p class="hint">
            {tr(
              view,
              '同意いただいた場合に限り、この診断の回答とお名前・連絡先を Bi@Sta の相談員が事業承継相談のために使います。市やほかの機関には、件数のほかは伝わりません。',
              "Only if you agree, Bi@Sta's counsellors use your answers, name and contact for a succession consultation. The city and other organisations see only how many.",
            )}
          </p>
          <form method="post" action="/consultations/self-check/consent" class="stack">
            <CsrfField view={view} />
            <input type="hidden" name="key" value={props.idempotencyKey} />
            {questionKeys.map((key) => (
              <input type="hidden" name={key} value={props.answers[key]} />
            ))}
            <InputField
              view={view}
              name="name"
              label={tr(view, 'お名前', 'Name')}
              values={values}
              problem={problem}
              maxlength={100}
              autocomplete="name"
            />
            <InputField
              view={view}
              name="kana"
              label={tr(view, 'ふりがな', 'Reading (kana)')}
              values={values}
              problem={problem}
              maxlength={100}
            />
            <InputField
              view={view}
              name="contact"
              label={tr(view, '連絡先（電話番号またはメール）', 'Contact (phone or e-mail)')}
              values={values}
              problem={problem}
              maxlength={200}
              autocomplete="tel"
            />
            <InputField
              view={view}
              name="businessName"
              label={tr(view, '事業所名・屋号（任意）', 'Business name (optional)')}
              values={values}
              problem={problem}
              required={false}
              maxlength={200}
            />
            <div class="choice">
              <input
                type="checkbox"
                id="consent"
                name="consent"
                value="yes"
                required
                {...invalidIf(problem, 'consent')}
              />
              <label for="consent">
                {tr(
                  view,
                  '診断の回答と連絡先を Bi@Sta の相談員に伝え、連絡を受けることに同意します。',
                  "I agree that my answers and contact are passed to Bi@Sta's counsellors and that they contact me.",
                )}
              </label>
            </div>
            <div class="actions">
              <button type="submit">
                {tr(view, '同意して連絡を希望する', 'Agree and ask to be contacted')}
              </button>
            </div>
          </form>
        </section>
      )}
      <p>
        <a href="/consultations/self-check">{tr(view, 'もう一度診断する', 'Take the self-check again')}</a>
      </p>
    </Layout>
  );
}

type Summary = Awaited<ReturnType<typeof summariseSelfChecks>>;

/** What the city sees: how many took the self-check and how many leads followed, by area and industry. */
export function SelfCheckSummaryPage(props: { view: PageView; summary: Summary; areas: readonly Area[] }) {
  const { view, summary } = props;
  const title = tr(view, '事業承継診断の利用状況', 'Self-check: how many took it');
  const table = (id: string, caption: string, rows: Summary['byArea'], name: (key: string) => string) => (
    <section class="table-wrap" tabindex={0} aria-labelledby={id}>
      <table>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            <th scope="col" class="num">
              {tr(view, '診断した人', 'Took it')}
            </th>
            <th scope="col" class="num">
              {tr(view, '今すぐ準備', 'Start now')}
            </th>
            <th scope="col" class="num">
              {tr(view, '相談希望', 'Leads')}
            </th>
            <th scope="col" class="num">
              {tr(view, '相談につながった', 'Became cases')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{name(r.key)}</th>
              <td class="num">{r.taken}</td>
              <td class="num">{r.startNow}</td>
              <td class="num">{r.leads}</td>
              <td class="num">{r.takenUp}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/consultations">{tr(view, '相談記録へ戻る', 'Back to consultations')}</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">
        {tr(
          view,
          '件数だけを表示します。回答の内容は、本人が同意した場合に限り、担当の相談員だけが見られます。',
          'Counts only. Answers are seen only by the counsellors in charge, and only when the owner agreed.',
        )}
      </p>
      <dl class="facts" data-summary="total">
        <dt>{tr(view, '診断した人', 'Took it')}</dt>
        <dd data-field="taken">{summary.total.taken}</dd>
        <dt>{tr(view, '相談希望（同意あり）', 'Leads (consented)')}</dt>
        <dd data-field="leads">{summary.total.leads}</dd>
        <dt>{tr(view, '相談につながった', 'Became cases')}</dt>
        <dd data-field="taken-up">{summary.total.takenUp}</dd>
      </dl>
      <h2 id="by-area">{tr(view, '地区別', 'By area')}</h2>
      {table('by-area', tr(view, '地区', 'Area'), summary.byArea, (k) => areaName(view, k, props.areas))}
      <h2 id="by-industry">{tr(view, '業種別', 'By industry')}</h2>
      {table('by-industry', tr(view, '業種', 'Industry'), summary.byIndustry, (k) =>
        k
          ? localise(view.lang, industries[k as keyof typeof industries] ?? { ja: k, en: k })
          : tr(view, '回答なし', 'Not given'),
      )}
    </Layout>
  );
}
