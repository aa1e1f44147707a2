import { Hono } from 'hono';
import { csvFile, csvResponse } from '../../../platform/csv';
import { formatDateTime } from '../../../platform/fiscal-year';
import {
  type AppContext,
  type AppEnv,
  actorOf,
  requirePermission,
  savedNotice,
} from '../../../platform/http';
import { viewOf } from '../../../platform/ui/layout';
import { listParticipants } from '../attendance-service';
import { findEventRunBy } from '../event-service';
import { formBody, problemOf } from '../forms';
import type { FormProblem, FormValues } from '../pages/components';
import { eventPermissions as can_ } from '../permissions';
import type { EventRouteDependencies } from '../routes';
import { feedbackSummary, satisfactionLevels } from './feedback-service';
import { FeedbackPage, QuestionsPage } from './pages';
import { addQuestion, answersByRegistration, listQuestions, removeQuestion } from './question-service';

const notices = {
  'question-added': { ja: '質問を追加しました。', en: 'The question was added.' },
  'question-removed': { ja: '質問を削除しました。', en: 'The question was removed.' },
} as const;

const eventIdOf = (c: AppContext) => Number(c.req.param('id'));
const statusWords = {
  confirmed: { ja: '参加確定', en: 'Confirmed' },
  waiting: { ja: 'キャンセル待ち', en: 'Waiting list' },
  cancelled: { ja: '取り消し', en: 'Cancelled' },
} as const;

/**
 * The organiser's questions on an event's registration form with the answers, and the results of
 * the short questionnaire after the event (people answer it from their registration's page).
 */
export function questionRoutes({ db }: EventRouteDependencies) {
  const app = new Hono<AppEnv>();
  const manage = requirePermission(can_['events.manage']);

  /** The event, its questions, and the registrations with their answers; only for its organiser. */
  async function questionsAndAnswers(c: AppContext) {
    const actor = actorOf(c);
    const event = await findEventRunBy(db, actor, eventIdOf(c));
    const [questions, registrations] = await Promise.all([
      listQuestions(db, event.id),
      listParticipants(db, actor, event.id),
    ]);
    const answers = await answersByRegistration(
      db,
      registrations.map((r) => r.id),
    );
    return { event, questions, registrations, answers };
  }

  const renderQuestions = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const data = await questionsAndAnswers(c);
    c.header('cache-control', 'no-store');
    return c.html(
      <QuestionsPage
        view={viewOf(c)}
        {...data}
        values={extra.values ?? {}}
        notice={savedNotice(c, notices)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage/:id{[0-9]+}/questions', manage, (c) => renderQuestions(c));

  app.post('/events/manage/:id{[0-9]+}/questions', manage, async (c) => {
    const body = await formBody(c);
    try {
      await addQuestion(db, actorOf(c), eventIdOf(c), body as never);
      return c.redirect(`/events/manage/${eventIdOf(c)}/questions?saved=question-added`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderQuestions(c, { values: body, problem, status });
    }
  });

  app.post('/events/manage/:id{[0-9]+}/questions/:questionId{[0-9]+}/remove', manage, async (c) => {
    try {
      await removeQuestion(db, actorOf(c), eventIdOf(c), Number(c.req.param('questionId')));
      return c.redirect(`/events/manage/${eventIdOf(c)}/questions?saved=question-removed`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderQuestions(c, { problem, status });
    }
  });

  app.get('/events/manage/:id{[0-9]+}/answers.csv', manage, async (c) => {
    const { event, questions, registrations, answers } = await questionsAndAnswers(c);
    const lang = c.get('lang');
    const header =
      lang === 'en'
        ? ['Registration no.', 'Name', 'Reading', 'Status', ...questions.map((q) => q.label)]
        : ['申込番号', 'お名前', 'ふりがな', '状態', ...questions.map((q) => q.label)];
    const rows = registrations.map((r) => [
      r.id,
      r.name,
      r.kana,
      statusWords[r.status as keyof typeof statusWords]?.[lang] ?? r.status,
      ...questions.map((q) => answers.get(r.id)?.get(q.id) ?? ''),
    ]);
    return csvResponse(
      c,
      csvFile([header, ...rows]),
      lang === 'en' ? `answers-event-${event.id}.csv` : `申込時の回答_${event.title}.csv`,
      `answers-event-${event.id}.csv`,
    );
  });

  app.get('/events/manage/:id{[0-9]+}/feedback', manage, async (c) => {
    const actor = actorOf(c);
    const event = await findEventRunBy(db, actor, eventIdOf(c));
    const summary = await feedbackSummary(db, actor, event.id);
    c.header('cache-control', 'no-store');
    return c.html(<FeedbackPage view={viewOf(c)} event={event} summary={summary} />);
  });

  app.get('/events/manage/:id{[0-9]+}/feedback.csv', manage, async (c) => {
    const actor = actorOf(c);
    const event = await findEventRunBy(db, actor, eventIdOf(c));
    const summary = await feedbackSummary(db, actor, event.id);
    const lang = c.get('lang');
    const header =
      lang === 'en'
        ? ['Answered at', 'Satisfaction (1-5)', 'Answer', 'Comment']
        : ['回答日時', '満足度（5段階）', '回答', 'ご意見・ご感想'];
    const rows = summary.answers.map((a) => {
      const level = satisfactionLevels.find((l) => l.value === a.satisfaction);
      return [formatDateTime(lang, a.submittedAt), a.satisfaction, level?.[lang] ?? '', a.comment];
    });
    return csvResponse(
      c,
      csvFile([header, ...rows]),
      lang === 'en' ? `questionnaire-event-${event.id}.csv` : `アンケート結果_${event.title}.csv`,
      `questionnaire-event-${event.id}.csv`,
    );
  });

  return app;
}
