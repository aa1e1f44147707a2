import { formatDateTime } from '../../../platform/fiscal-year';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { EventWithCounts, RegistrationRow } from '../event-service';
import { type FormProblem, type FormValues, invalidIf } from '../pages/components';
import { type FeedbackRow, type FeedbackSummary, satisfactionLevels } from './feedback-service';
import { answerField, maxQuestions, type QuestionRow } from './question-service';

const kindName = (view: PageView, kind: string) =>
  kind === 'choice' ? tr(view, '選択肢から1つ', 'One of the options') : tr(view, '自由記述', 'Free text');

/** The organiser's questions on the registration form: a list of choices, or a text box. */
export function QuestionFields(props: {
  view: PageView;
  questions: QuestionRow[];
  values: FormValues;
  problem: FormProblem | undefined;
}) {
  const { view } = props;
  return (
    <>
      {props.questions.map((q) => {
        const field = answerField(q);
        const label = `${q.label}${q.required ? '' : tr(view, '（任意）', ' (optional)')}`;
        const value = props.values[field] ?? '';
        return q.kind === 'choice' ? (
          <fieldset {...invalidIf(props.problem, field)}>
            <legend>{label}</legend>
            {q.choices.map((choice, i) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`${field}-${i}`}
                  name={field}
                  value={choice}
                  checked={value === choice}
                  required={q.required}
                />
                <label for={`${field}-${i}`}>{choice}</label>
              </div>
            ))}
          </fieldset>
        ) : (
          <div>
            <label for={field}>{label}</label>
            <textarea
              id={field}
              name={field}
              rows={3}
              maxlength={1000}
              required={q.required}
              {...invalidIf(props.problem, field)}
            >
              {value}
            </textarea>
          </div>
        );
      })}
    </>
  );
}

/** The questionnaire on a registration's page, once the event has started. */
export function QuestionnaireSection(props: {
  view: PageView;
  action: string;
  feedback: FeedbackRow | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, feedback } = props;
  return (
    <section aria-labelledby="questionnaire" class="card">
      <h2 id="questionnaire">{tr(view, 'アンケート', 'Questionnaire')}</h2>
      {feedback ? (
        <p role="status" data-feedback-given>
          {tr(
            view,
            `ご回答ありがとうございました（${formatDateTime(view.lang, feedback.submittedAt)}）。直すときは、もう一度送ってください。`,
            `Thank you for your answer (${formatDateTime(view.lang, feedback.submittedAt)}). Send it again to change it.`,
          )}
        </p>
      ) : (
        <p>
          {tr(
            view,
            'ご参加ありがとうございました。今後の企画のため、ご感想をお聞かせください（1分ほどです）。',
            'Thank you for taking part. Tell us what you thought, to help plan the next ones (about a minute).',
          )}
        </p>
      )}
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <form method="post" action={props.action} class="stack">
        <CsrfField view={view} />
        <fieldset {...invalidIf(props.problem, 'satisfaction')}>
          <legend>{tr(view, '満足度', 'How satisfied were you?')}</legend>
          {satisfactionLevels.map((level) => (
            <div class="choice">
              <input
                type="radio"
                id={`satisfaction-${level.value}`}
                name="satisfaction"
                value={String(level.value)}
                checked={feedback?.satisfaction === level.value}
                required
              />
              <label for={`satisfaction-${level.value}`}>{tr(view, level.ja, level.en)}</label>
            </div>
          ))}
        </fieldset>
        <div>
          <label for="comment">{tr(view, 'ご意見・ご感想（任意）', 'Comments (optional)')}</label>
          <textarea
            id="comment"
            name="comment"
            rows={4}
            maxlength={1000}
            {...invalidIf(props.problem, 'comment')}
          >
            {feedback?.comment ?? ''}
          </textarea>
        </div>
        <div>
          <button type="submit">{tr(view, 'アンケートを送る', 'Send')}</button>
        </div>
      </form>
    </section>
  );
}

function BackToEvent(props: { view: PageView; event: EventWithCounts }) {
  return (
    <p>
      <a href={`/events/manage/${props.event.id}`}>
        {tr(props.view, `「${props.event.title}」へ戻る`, `Back to “${props.event.title}”`)}
      </a>
    </p>
  );
}

/** The organiser's page of an event's registration questions, with the answers given so far. */
export function QuestionsPage(props: {
  view: PageView;
  event: EventWithCounts;
  questions: QuestionRow[];
  registrations: RegistrationRow[];
  answers: Map<number, Map<number, string>>;
  values: FormValues;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, event, questions, problem, values } = props;
  const answered = (q: QuestionRow) => props.registrations.some((r) => props.answers.get(r.id)?.has(q.id));
  return (
    <Layout view={view} title={tr(view, `申込時の質問：${event.title}`, `Questions: ${event.title}`)} wide>
      <BackToEvent view={view} event={event} />
      <h1>{tr(view, '申込時の質問', 'Questions on the registration form')}</h1>
      <p>{event.title}</p>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <section aria-labelledby="question-list">
        <h2 id="question-list">{tr(view, '質問', 'Questions')}</h2>
        {questions.length === 0 ? (
          <p>
            {tr(
              view,
              'まだ質問はありません。申込フォームは、お名前・ふりがな・連絡先だけです。',
              'No questions yet: the form asks only for the name, its reading and contact details.',
            )}
          </p>
        ) : (
          <ol class="stack">
            {questions.map((q) => (
              <li>
                <strong>{q.label}</strong>
                {' — '}
                {kindName(view, q.kind)}
                {q.kind === 'choice' ? `（${q.choices.join('／')}）` : ''}
                {q.required ? tr(view, '・回答必須', ' · required') : tr(view, '・任意', ' · optional')}
                {answered(q) ? null : (
                  <form method="post" action={`/events/manage/${event.id}/questions/${q.id}/remove`}>
                    <CsrfField view={view} />
                    <button type="submit" class="link-button">
                      {tr(view, `「${q.label}」を削除`, `Remove “${q.label}”`)}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {questions.length < maxQuestions ? (
        <section aria-labelledby="new-question">
          <h2 id="new-question">{tr(view, '質問を追加', 'Add a question')}</h2>
          <form method="post" action={`/events/manage/${event.id}/questions`} class="stack card">
            <CsrfField view={view} />
            <div>
              <label for="label">{tr(view, '質問文', 'Question')}</label>
              <input
                id="label"
                name="label"
                required
                maxlength={200}
                value={values.label ?? ''}
                {...invalidIf(problem, 'label')}
              />
            </div>
            <fieldset {...invalidIf(problem, 'kind')}>
              <legend>{tr(view, '答え方', 'Answered as')}</legend>
              {(['text', 'choice'] as const).map((kind) => (
                <div class="choice">
                  <input
                    type="radio"
                    id={`kind-${kind}`}
                    name="kind"
                    value={kind}
                    checked={(values.kind ?? 'text') === kind}
                  />
                  <label for={`kind-${kind}`}>{kindName(view, kind)}</label>
                </div>
              ))}
            </fieldset>
            <div>
              <label for="choices">
                {tr(
                  view,
                  '選択肢（選択肢から1つのとき。1行に1つ）',
                  'Options (for “one of the options”; one per line)',
                )}
              </label>
              <textarea id="choices" name="choices" rows={4} {...invalidIf(problem, 'choices')}>
                {values.choices ?? ''}
              </textarea>
            </div>
            <div class="choice">
              <input type="checkbox" id="required" name="required" checked={values.required === 'on'} />
              <label for="required">{tr(view, '回答必須にする', 'Required')}</label>
            </div>
            <div>
              <button type="submit">{tr(view, '質問を追加', 'Add the question')}</button>
            </div>
          </form>
        </section>
      ) : null}
      {questions.length > 0 ? (
        <section aria-labelledby="answers">
          <h2 id="answers">{tr(view, '回答', 'Answers')}</h2>
          <p>
            <a href={`/events/manage/${event.id}/answers.csv`}>
              {tr(view, '回答をCSVでダウンロード', 'Download the answers as CSV')}
            </a>
          </p>
          {props.registrations.length === 0 ? (
            <p>{tr(view, 'まだ申し込みはありません。', 'Nobody has registered yet.')}</p>
          ) : (
            <section class="table-wrap" tabindex={0} aria-labelledby="answers">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{tr(view, 'お名前', 'Name')}</th>
                    {questions.map((q) => (
                      <th scope="col">{q.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {props.registrations.map((r) => (
                    <tr>
                      <th scope="row">{r.name}</th>
                      {questions.map((q) => (
                        <td>{props.answers.get(r.id)?.get(q.id) ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

/** The questionnaire results of an event, for its organiser. */
export function FeedbackPage(props: { view: PageView; event: EventWithCounts; summary: FeedbackSummary }) {
  const { view, event, summary } = props;
  return (
    <Layout
      view={view}
      title={tr(view, `アンケート結果：${event.title}`, `Questionnaire: ${event.title}`)}
      wide
    >
      <BackToEvent view={view} event={event} />
      <h1>{tr(view, 'アンケート結果', 'Questionnaire results')}</h1>
      <p>{event.title}</p>
      <dl class="facts">
        <dt>{tr(view, '回答数', 'Answers')}</dt>
        <dd data-field="responses">
          {tr(
            view,
            `${summary.responses}件（参加確定 ${summary.confirmed}人）`,
            `${summary.responses} (confirmed ${summary.confirmed})`,
          )}
        </dd>
        <dt>{tr(view, '満足度の平均（5段階）', 'Average satisfaction (of 5)')}</dt>
        <dd data-field="average">{summary.average === null ? '—' : summary.average.toFixed(1)}</dd>
      </dl>
      {summary.responses === 0 ? (
        <p>
          {tr(
            view,
            'まだ回答はありません。参加者は、お申し込みの控えのページからイベントの開始後に回答できます。',
            'No answers yet. Participants answer from their registration page once the event has started.',
          )}
        </p>
      ) : (
        <>
          <section class="table-wrap" tabindex={0} aria-labelledby="satisfaction">
            <table>
              <caption id="satisfaction">{tr(view, '満足度', 'Satisfaction')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(view, '回答', 'Answer')}</th>
                  <th scope="col">{tr(view, '件数', 'Count')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.counts.map((c) => {
                  const level = satisfactionLevels.find((l) => l.value === c.value);
                  return (
                    <tr>
                      <th scope="row">{level ? tr(view, level.ja, level.en) : c.value}</th>
                      <td class="num">{c.count}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <h2>{tr(view, 'ご意見・ご感想', 'Comments')}</h2>
          {summary.comments.length === 0 ? (
            <p>{tr(view, 'コメントはありません。', 'No comments.')}</p>
          ) : (
            <ul class="stack">
              {summary.comments.map((c) => (
                <li>
                  <p class="description">{c.comment}</p>
                  <p class="muted">{formatDateTime(view.lang, c.submittedAt)}</p>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`/events/manage/${event.id}/feedback.csv`}>
              {tr(view, '結果をCSVでダウンロード', 'Download the results as CSV')}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}
