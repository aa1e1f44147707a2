import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { CheckboxField, InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import { consultationKinds, supportTopics } from '../schema';
import { questionKeys, resultTexts, type SelfCheckRow, selfCheckQuestions } from '../self-check';
import type { CaseRow, ClientRow } from '../service';
import { kindName, type Organisation, organisationName, topicNames } from '../words';
import { NewClientRule, PersonalDataNote } from './components';

export interface Counsellor {
  id: number;
  name: string;
}

/** The consultation itself: day, counsellor, what was discussed, what comes next and when. */
export function ConsultationFields(props: {
  view: PageView;
  values: FormValues;
  problem: FormProblem | undefined;
  counsellors: Counsellor[];
  today: string;
}) {
  const { view, values, problem } = props;
  return (
    <>
      <InputField
        view={view}
        name="heldOn"
        type="date"
        label={tr(view, '相談日', 'Date')}
        values={values}
        problem={problem}
        initial={props.today}
        max={props.today}
      />
      <SelectField
        view={view}
        name="counsellorAccountId"
        label={tr(view, '相談員', 'Counsellor')}
        values={values}
        problem={problem}
        options={props.counsellors.map((c) => ({ value: String(c.id), label: c.name }))}
      />
      <TextAreaField
        view={view}
        name="discussed"
        label={tr(view, '相談内容', 'What was discussed')}
        values={values}
        problem={problem}
        required
        maxlength={4000}
        rows={5}
      />
      <TextAreaField
        view={view}
        name="nextStep"
        label={tr(view, '次の対応（任意）', 'Next step (optional)')}
        values={values}
        problem={problem}
        maxlength={2000}
        rows={2}
      />
      <fieldset>
        <legend>
          {tr(
            view,
            '特定創業支援等事業の分野（創業の支援で扱ったもの）',
            'Areas of certified start-up support covered',
          )}
        </legend>
        {supportTopics.map((topic) => (
          <CheckboxField
            name={`topic-${topic}`}
            label={localise(view.lang, topicNames[topic])}
            values={values}
          />
        ))}
      </fieldset>
      <InputField
        view={view}
        name="followUpOn"
        type="date"
        label={tr(view, 'フォローアップ予定日（任意）', 'Follow-up date (optional)')}
        hint={tr(
          view,
          '相談日以降の日。今週の分は相談記録のページに出ます。',
          'On or after the consultation. Those due this week are listed on the consultations page.',
        )}
        values={values}
        problem={problem}
        required={false}
      />
    </>
  );
}

/** A consultation with someone: a new person (with an account or without), or one already known. */
export function NewConsultationPage(props: {
  view: PageView;
  values: FormValues;
  problem?: FormProblem | undefined;
  idempotencyKey: string;
  counsellors: Counsellor[];
  organisations: Organisation[];
  chooseOrganisation: boolean;
  today: string;
  known?: { client: ClientRow; cases: CaseRow[] } | undefined;
  /** the 事業承継診断 this consultation takes up, with the owner's answers */
  lead?: SelfCheckRow | undefined;
}) {
  const { view, values, problem } = props;
  const title = tr(view, '相談を記録する', 'Record a consultation');
  const known = props.known;
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/consultations">{tr(view, '相談記録へ戻る', 'Back to consultations')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <PersonalDataNote view={view} />
      <form method="post" action="/consultations" class="stack">
        <CsrfField view={view} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        {props.lead ? <LeadAnswers view={view} lead={props.lead} /> : null}
        {known ? (
          <>
            <input type="hidden" name="clientId" value={String(known.client.id)} />
            <p data-field="person">
              {tr(view, '相談者：', 'Person: ')}
              <strong>{known.client.name}</strong>
              {known.client.kana ? `（${known.client.kana}）` : ''}
            </p>
          </>
        ) : (
          <fieldset>
            <legend>{tr(view, '相談者', 'Person')}</legend>
            <div class="choice">
              <input
                type="radio"
                id="person-new"
                name="person"
                value="new"
                checked={(values.person ?? 'new') === 'new'}
              />
              <label for="person-new">{tr(view, 'アカウントのない方', 'Without an account')}</label>
            </div>
            <div class="choice">
              <input
                type="radio"
                id="person-account"
                name="person"
                value="account"
                checked={values.person === 'account'}
              />
              <label for="person-account">
                {tr(view, 'つなぐのアカウントがある方', 'With a Tsunagu account')}
              </label>
            </div>
            <InputField
              view={view}
              name="name"
              label={tr(view, 'お名前（アカウントのない方）', 'Name (without an account)')}
              values={values}
              problem={problem}
              required={false}
              maxlength={100}
              autocomplete="off"
            />
            <InputField
              view={view}
              name="kana"
              label={tr(view, 'ふりがな', 'Reading (kana)')}
              values={values}
              problem={problem}
              required={false}
              maxlength={100}
              autocomplete="off"
            />
            <InputField
              view={view}
              name="contact"
              label={tr(view, '連絡先（電話番号またはメール・任意）', 'Contact (phone or e-mail, optional)')}
              values={values}
              problem={problem}
              required={false}
              maxlength={200}
              autocomplete="off"
            />
            <InputField
              view={view}
              name="accountEmail"
              type="email"
              label={tr(
                view,
                'アカウントのメールアドレス（アカウントのある方）',
                "Account's e-mail (with an account)",
              )}
              values={values}
              problem={problem}
              required={false}
              autocomplete="off"
            />
          </fieldset>
        )}
        {props.chooseOrganisation && !known ? (
          <SelectField
            view={view}
            name="organisation"
            label={tr(view, '相談を受けた機関', 'Organisation')}
            values={values}
            problem={problem}
            initial="bista"
            options={props.organisations.map((o) => ({
              value: o.code,
              label: organisationName(view.lang, o.code, props.organisations),
            }))}
          />
        ) : null}
        <SelectField
          view={view}
          name="kind"
          label={tr(view, '相談の種類', 'Kind of consultation')}
          values={values}
          problem={problem}
          options={consultationKinds.map((k) => ({
            value: k,
            label:
              kindName(view.lang, k) +
              (known?.cases.some((c) => c.kind === k) ? tr(view, '（相談案件あり）', ' (has a case)') : ''),
          }))}
        />
        <NewClientRule view={view} />
        <ConsultationFields
          view={view}
          values={values}
          problem={problem}
          counsellors={props.counsellors}
          today={props.today}
        />
        <div class="actions">
          <button type="submit">{tr(view, '記録する', 'Record')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** The owner's self-check, shown to the counsellor who takes up the lead. */
function LeadAnswers(props: { view: PageView; lead: SelfCheckRow }) {
  const { view, lead } = props;
  const answers = lead.answers ?? {};
  return (
    <section class="card" aria-labelledby="lead-heading" data-lead={lead.id}>
      <input type="hidden" name="leadId" value={String(lead.id)} />
      <h2 id="lead-heading">
        {tr(view, '事業承継診断からの相談希望', 'Lead from the succession self-check')}
      </h2>
      <p>
        <strong>{localise(view.lang, resultTexts[lead.result].title)}</strong>
        {lead.businessName ? ` — ${lead.businessName}` : ''}
      </p>
      <dl class="facts">
        {questionKeys.map((key) => {
          const q = selfCheckQuestions[key];
          const choice = (q.choices as Record<string, { ja: string; en: string }>)[answers[key] ?? ''];
          return (
            <>
              <dt>{localise(view.lang, q.text)}</dt>
              <dd>{choice ? localise(view.lang, choice) : '—'}</dd>
            </>
          );
        })}
      </dl>
    </section>
  );
}
