import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, type EventInput, publishEvent } from '../../src/modules/events/event-service';
import { feedbackSummary, submitFeedback } from '../../src/modules/events/questions/feedback-service';
import {
  addQuestion,
  listQuestions,
  removeQuestion,
} from '../../src/modules/events/questions/question-service';
import { eventFeedback, registrationAnswers } from '../../src/modules/events/questions/schema';
import { registerForEvent } from '../../src/modules/events/registration-service';
import { eventRegistrations, events } from '../../src/modules/events/schema';
import type { Actor } from '../../src/platform/audit';
import { UserError } from '../../src/platform/errors';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

const inDays = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

const seminar = (overrides: Partial<EventInput> = {}): EventInput => ({
  category: 'digital-seminar',
  title: 'デジタル化セミナー（架空）',
  date: inDays(20),
  startTime: '10:00',
  endTime: '12:00',
  place: '商工会館',
  capacity: 2,
  feeYen: 0,
  organiser: 'bista',
  ...overrides,
});

const person = (n: number, answers: Record<string, string> = {}) => ({
  input: {
    name: `質問 太郎${n}（架空）`,
    kana: 'しつもん たろう',
    email: `q${n}@example.jp`,
    idempotencyKey: `q-form-${n}`,
  },
  answers,
});

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe.each(testDatabaseKinds())('registration questions and the questionnaire (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;
  const choices = () => ({
    organisations: t.plans.defaultPlan.file.organisations,
    categories: t.plans.defaultPlan.file.eventCategories,
  });

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await actorOf(t, 'bista');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function publishedSeminar(overrides: Partial<EventInput> = {}) {
    const event = await createEvent(t.database.db, staff, seminar(overrides), choices());
    return publishEvent(t.database.db, staff, event.id);
  }

  /** The event moved to have started an hour ago, as it will have on the day. */
  async function startEvent(eventId: number) {
    await t.database.db
      .update(events)
      .set({ startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) })
      .where(eq(events.id, eventId));
  }

  it('asks the questions on the form, refuses a missing or foreign answer, and writes nothing then', async () => {
    const db = t.database.db;
    const event = await publishedSeminar();
    const industry = await addQuestion(db, staff, event.id, {
      label: '業種',
      kind: 'choice',
      choices: '製造業\r\n小売業\n飲食業\n',
      required: 'on',
    });
    const wish = await addQuestion(db, staff, event.id, { label: '聞きたいこと', kind: 'text' });
    expect(industry.choices).toEqual(['製造業', '小売業', '飲食業']);
    expect((await listQuestions(db, event.id)).map((q) => q.label)).toEqual(['業種', '聞きたいこと']);

    const missing = await failure(
      registerForEvent(db, event.id, person(1).input, { answers: { [`answer-${wish.id}`]: 'DX' } }),
    );
    expect(missing.details.map((d) => d.message.ja)).toEqual(['業種: 回答してください。']);
    const foreign = await failure(
      registerForEvent(db, event.id, person(1).input, { answers: { [`answer-${industry.id}`]: '農業' } }),
    );
    expect(foreign.details.map((d) => d.message.ja)).toEqual(['業種: 選択肢から選んでください。']);
    // the person's own fields and the questions are refused in one round, not one after the other
    const both = await failure(
      registerForEvent(db, event.id, { ...person(1).input, email: 'not-an-address' }, { answers: {} }),
    );
    expect(both.details.map((d) => d.field)).toEqual(['email', `answer-${industry.id}`]);
    expect(
      await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id)),
    ).toEqual([]);

    const ok = await registerForEvent(db, event.id, person(1).input, {
      answers: { [`answer-${industry.id}`]: '小売業', [`answer-${wish.id}`]: ' キャッシュレス決済 ' },
    });
    const saved = await db
      .select()
      .from(registrationAnswers)
      .where(eq(registrationAnswers.registrationId, ok.registration.id))
      .orderBy(asc(registrationAnswers.questionId));
    expect(saved.map((a) => a.answer)).toEqual(['小売業', 'キャッシュレス決済']);

    // the public form shows the questions; the organiser's page and CSV show the answers
    const page = await (await new TestClient(t.app).get(`/events/${event.id}`)).text();
    expect(page).toContain(`name="answer-${industry.id}"`);
    expect(page).toContain('聞きたいこと（任意）');
    const organiser = await new TestClient(t.app).logInAs('bista');
    const answersPage = await (await organiser.get(`/events/manage/${event.id}/questions`)).text();
    expect(answersPage).toContain('キャッシュレス決済');
    const csv = await organiser.get(`/events/manage/${event.id}/answers.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('申込番号,お名前,ふりがな,状態,業種,聞きたいこと');
    expect(lines[1]).toBe(
      `${ok.registration.id},質問 太郎1（架空）,しつもん たろう,参加確定,小売業,キャッシュレス決済`,
    );
  });

  it('registers through the form with the answers, and shows the form again with a refused one', async () => {
    const event = await publishedSeminar({ title: '質問つきのセミナー（架空）' });
    const q = await addQuestion(t.database.db, staff, event.id, {
      label: '参加のきっかけ',
      kind: 'choice',
      choices: '市の広報\nチラシ\nその他',
      required: 'on',
    });
    const client = new TestClient(t.app);
    const form = {
      name: '申込 花子（架空）',
      kana: 'もうしこみ はなこ',
      email: 'form@example.jp',
      phone: '',
    };
    const refused = await client.postForm(`/events/${event.id}/registrations`, {
      ...form,
      idempotencyKey: 'qq-form-0001',
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('参加のきっかけ: 回答してください。');
    expect(html).toContain('value="申込 花子（架空）"');
    const done = await client.postForm(`/events/${event.id}/registrations`, {
      ...form,
      idempotencyKey: 'qq-form-0001',
      [`answer-${q.id}`]: 'チラシ',
    });
    expect(done.status).toBe(303);
  });

  it('keeps the form fair to those who registered: no required question after them, no removing answered ones', async () => {
    const db = t.database.db;
    const event = await publishedSeminar();
    const unanswered = await addQuestion(db, staff, event.id, { label: '駐車場を使いますか', kind: 'text' });
    await registerForEvent(db, event.id, person(2).input);
    const late = await failure(
      addQuestion(db, staff, event.id, { label: '業種', kind: 'text', required: 'on' }),
    );
    expect(late.status).toBe(409);
    await addQuestion(db, staff, event.id, { label: '業種', kind: 'text' });
    const answered = await addQuestion(db, staff, event.id, { label: '所属', kind: 'text' });
    await registerForEvent(db, event.id, person(3).input, {
      answers: { [`answer-${answered.id}`]: '商店会' },
    });
    expect((await failure(removeQuestion(db, staff, event.id, answered.id))).status).toBe(409);
    await removeQuestion(db, staff, event.id, unanswered.id);
    expect((await listQuestions(db, event.id)).map((q) => q.label)).toEqual(['業種', '所属']);
    const bad = await failure(
      addQuestion(db, staff, event.id, { label: '', kind: 'choice', choices: 'ひとつ' }),
    );
    expect(bad.details.map((d) => d.message.ja)).toEqual([
      '質問文: 質問文を入力してください。',
      '選択肢: 選択肢を2つ以上、1行に1つずつ入力してください。',
    ]);
    // staff of another organisation neither change the form nor read the answers
    const other = await actorOf(t, 'shokokai');
    expect((await failure(addQuestion(db, other, event.id, { label: '別機関', kind: 'text' }))).status).toBe(
      403,
    );
    const client = await new TestClient(t.app).logInAs('shokokai');
    expect((await client.get(`/events/manage/${event.id}/answers.csv`)).status).toBe(403);
    expect((await client.get(`/events/manage/${event.id}/feedback`)).status).toBe(403);
  });

  it('takes one questionnaire answer per confirmed person once the event has started', async () => {
    const db = t.database.db;
    const event = await publishedSeminar({ capacity: 2 });
    const a = await registerForEvent(db, event.id, person(4).input);
    const b = await registerForEvent(db, event.id, person(5).input);
    const waiting = await registerForEvent(db, event.id, person(6).input);
    expect(waiting.registration.status).toBe('waiting');
    const early = await failure(submitFeedback(db, a.registration.cancelToken, { satisfaction: '5' }));
    expect(early.status).toBe(409);

    await startEvent(event.id);
    await Promise.all([
      submitFeedback(db, a.registration.cancelToken, { satisfaction: '4', comment: '事例が参考になった' }),
      submitFeedback(db, a.registration.cancelToken, { satisfaction: '4', comment: '事例が参考になった' }),
    ]);
    await submitFeedback(db, a.registration.cancelToken, {
      satisfaction: '5',
      comment: '事例が参考になった',
    });
    await submitFeedback(db, b.registration.cancelToken, { satisfaction: '3' });
    expect(
      (await failure(submitFeedback(db, waiting.registration.cancelToken, { satisfaction: '5' }))).status,
    ).toBe(409);
    const invalid = await failure(submitFeedback(db, b.registration.cancelToken, { satisfaction: '9' }));
    expect(invalid.details.map((d) => d.message.ja)).toEqual(['満足度: 満足度を選んでください。']);
    expect(await db.select().from(eventFeedback).where(eq(eventFeedback.eventId, event.id))).toHaveLength(2);

    const summary = await feedbackSummary(db, staff, event.id);
    expect(summary.responses).toBe(2);
    expect(summary.average).toBe(4);
    expect(summary.counts).toEqual([
      { value: 5, count: 1 },
      { value: 4, count: 0 },
      { value: 3, count: 1 },
      { value: 2, count: 0 },
      { value: 1, count: 0 },
    ]);
    expect(summary.comments.map((c) => c.comment)).toEqual(['事例が参考になった']);
  });

  it('shows the questionnaire on the registration page after the start, and its results to the organiser', async () => {
    const event = await publishedSeminar({ title: 'アンケートのセミナー（架空）' });
    const r = await registerForEvent(t.database.db, event.id, person(7).input);
    const visitor = new TestClient(t.app);
    const link = `/events/registrations/${r.registration.cancelToken}`;
    expect(await (await visitor.get(link)).text()).not.toContain('id="questionnaire"');
    await startEvent(event.id);
    expect(await (await visitor.get(link)).text()).toContain('id="questionnaire"');
    const sent = await visitor.postForm(`${link}/feedback`, {
      satisfaction: '5',
      comment: '=HYPERLINK("x")',
    });
    expect(sent.status).toBe(303);
    expect(await (await visitor.get(link)).text()).toContain('data-feedback-given');

    const organiser = await new TestClient(t.app).logInAs('bista');
    const results = await (await organiser.get(`/events/manage/${event.id}/feedback`)).text();
    expect(results).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(results).not.toContain('質問 太郎7');
    const csv = await (await organiser.get(`/events/manage/${event.id}/feedback.csv`)).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('回答日時,満足度（5段階）,回答,ご意見・ご感想');
    // a comment that looks like a formula is kept as text, never run by Excel
    expect(row).toMatch(/,5,とても満足,"'=HYPERLINK\(""x""\)"$/);
  });
});
