import type { Child } from 'hono/jsx';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { readCase } from '../service';
import { caseReference, kindName, type Organisation, organisationName } from '../words';
import { day, KindBadge, NewClientBadge, NewClientRule, PersonalDataNote } from './components';
import { ConsultationFields, type Counsellor } from './form';

type ReadCase = Awaited<ReturnType<typeof readCase>>;

/** A person's case of one kind: who, the timeline of consultations, and the form for the next one. */
export function CasePage(props: {
  view: PageView;
  data: ReadCase;
  organisations: Organisation[];
  counsellors: Counsellor[];
  today: string;
  idempotencyKey: string;
  values?: FormValues | undefined;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
  /** what other parts of the case (outcomes, loans) add below the timeline */
  children?: Child;
}) {
  const { view, data } = props;
  const { caseRow, client, timeline } = data;
  const title = `${client.name}（${kindName(view.lang, caseRow.kind)}）`;
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/consultations">{tr(view, '相談記録へ戻る', 'Back to consultations')}</a>
      </p>
      <h1>
        {client.name}
        <span class="brand-sub"> {localise(view.lang, caseReference(caseRow.id))}</span>
      </h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <PersonalDataNote view={view} />
      <dl class="facts">
        <dt>{tr(view, '相談の種類', 'Kind')}</dt>
        <dd>
          <KindBadge view={view} kind={caseRow.kind} />
        </dd>
        <dt>{tr(view, 'ふりがな', 'Reading')}</dt>
        <dd>{client.kana || '—'}</dd>
        <dt>{tr(view, '連絡先', 'Contact')}</dt>
        <dd>{client.contact || '—'}</dd>
        <dt>{tr(view, 'アカウント', 'Account')}</dt>
        <dd>{client.accountId ? tr(view, 'あり', 'Yes') : tr(view, 'なし', 'No')}</dd>
        <dt>{tr(view, '機関', 'Organisation')}</dt>
        <dd>{organisationName(view.lang, caseRow.organisation, props.organisations)}</dd>
        <dt>{tr(view, '最初の相談', 'First consultation')}</dt>
        <dd>{day(view, caseRow.openedOn)}</dd>
      </dl>
      {data.otherCases.length > 0 ? (
        <p>
          {tr(view, 'この方の他の相談案件：', "This person's other cases: ")}
          {data.otherCases.map((c, i) => (
            <>
              {i > 0 ? '、' : ''}
              <a href={`/consultations/cases/${c.id}`}>{kindName(view.lang, c.kind)}</a>
            </>
          ))}
        </p>
      ) : null}
      <p>
        <a href={`/consultations/new?client=${client.id}`}>
          {tr(view, 'この方の別の種類の相談を記録する', 'Record a consultation of another kind')}
        </a>
      </p>
      {caseRow.kind === 'succession' ? (
        <p>
          <a href={`/consultations/cases/${caseRow.id}/listing`}>
            {tr(
              view,
              '事業承継の案件情報（匿名で後継者候補に公開）',
              'Succession listing (anonymous, for successor candidates)',
            )}
          </a>
        </p>
      ) : null}

      <section aria-labelledby="timeline">
        <h2 id="timeline">
          {tr(view, `相談の経過（${timeline.length}回）`, `Timeline (${timeline.length})`)}
        </h2>
        <NewClientRule view={view} />
        <ol class="stack" data-list="timeline">
          {timeline.map((t) => (
            <li class="card" data-consultation={t.id}>
              <p>
                <strong>{day(view, t.heldOn)}</strong>{' '}
                <NewClientBadge view={view} isNew={t.isNewClient} fiscalYear={t.fiscalYear} />{' '}
                {tr(view, `相談員：${t.counsellorName}`, `Counsellor: ${t.counsellorName}`)}
              </p>
              <p class="description">{t.discussed}</p>
              {t.nextStep ? (
                <p>
                  {tr(view, '次の対応：', 'Next step: ')}
                  {t.nextStep}
                </p>
              ) : null}
              {t.followUpOn ? (
                <p>
                  {tr(view, 'フォローアップ予定日：', 'Follow-up: ')}
                  {day(view, t.followUpOn)}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="record">
        <h2 id="record">{tr(view, '次の相談を記録する', 'Record the next consultation')}</h2>
        <form method="post" action={`/consultations/cases/${caseRow.id}/consultations`} class="stack">
          <CsrfField view={view} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <ConsultationFields
            view={view}
            values={props.values ?? {}}
            problem={props.problem}
            counsellors={props.counsellors}
            today={props.today}
          />
          <div class="actions">
            <button type="submit">{tr(view, '記録する', 'Record')}</button>
          </div>
        </form>
      </section>

      {props.children}
    </Layout>
  );
}
