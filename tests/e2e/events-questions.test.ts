import { eq } from 'drizzle-orm';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishEvent } from '../../src/modules/events/event-service';
import { events } from '../../src/modules/events/schema';
import { accessibilityViolations } from './support/accessibility';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';

const phone: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
};

/**
 * The organiser adds questions to the registration form; a resident answers them on a phone while
 * registering; after the event the resident answers the questionnaire from the registration's page,
 * and the organiser reads the answers and the results. axe finds nothing on any of these pages.
 */
describe('events: questions on the form and the questionnaire after', () => {
  let journeys: Journeys;
  let staff: Page;
  let resident: Page;
  let eventId = 0;
  let receipt = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    staff = await journeys.loggedInAs('bista');
    resident = await journeys.visitor(phone);
    const db = journeys.server.database.db;
    const plan = journeys.server.plans.defaultPlan;
    const account = await db.query.accounts.findFirst({
      where: (a, { eq: is }) => is(a.email, 'bista@demo.tsunagu.example'),
    });
    if (!account) throw new Error('no demo account bista');
    const actor = {
      accountId: account.id,
      name: account.displayName,
      municipalityCode: account.municipalityCode,
      role: 'staff' as const,
      organisation: account.organisation,
    };
    const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
      new Date(Date.now() + 14 * 86_400_000),
    );
    const event = await createEvent(
      db,
      actor,
      {
        category: 'founders-meetup',
        title: '創業者交流会（架空）',
        date,
        startTime: '18:00',
        endTime: '20:00',
        place: 'Bi@Sta',
        capacity: 30,
        organiser: 'bista',
      },
      { organisations: plan.file.organisations, categories: plan.file.eventCategories },
    );
    await publishEvent(db, actor, event.id);
    eventId = event.id;
  });
  afterAll(async () => {
    await journeys?.close();
  });

  async function expectAccessible(page: Page, label: string) {
    expect(await accessibilityViolations(page), `axe violations on ${label}`).toEqual([]);
  }

  it('the organiser adds a choice question and a free-text one', async () => {
    await staff.goto(`/events/manage/${eventId}`);
    await submit(staff, staff.getByRole('link', { name: '申込時の質問と回答' }));
    await expectAccessible(staff, 'the questions page, empty');
    // a choice question with one option is refused, with what was typed kept
    await staff.locator('#label').fill('創業の段階');
    await staff.locator('#kind-choice').check();
    await staff.locator('#choices').fill('検討中');
    await staff.locator('#required').check();
    await submit(staff, staff.getByRole('button', { name: '質問を追加' }));
    expect(await textOf(staff.getByRole('alert'))).toContain('選択肢を2つ以上');
    await expectAccessible(staff, 'the questions page with an error');
    await staff.locator('#choices').fill('検討中\n準備中\n創業済み');
    await submit(staff, staff.getByRole('button', { name: '質問を追加' }));
    expect(await textOf(staff.getByRole('status'))).toContain('質問を追加しました');
    await staff.locator('#label').fill('話したいテーマ');
    await submit(staff, staff.getByRole('button', { name: '質問を追加' }));
    expect(await staff.locator('main ol > li').count()).toBe(2);
    await expectAccessible(staff, 'the questions page with two questions');
  });

  it('a resident answers them on a phone while registering', async () => {
    await resident.goto(`/events/${eventId}`);
    await resident.locator('#registration-name').fill('起業 一歩（架空）');
    await resident.locator('#registration-kana').fill('きぎょう いっぽ');
    await resident.locator('#registration-email').fill('ippo@example.jp');
    await expectAccessible(resident, 'the event page with questions, on a phone');
    await resident.getByLabel('準備中').check();
    await resident.getByLabel('話したいテーマ（任意）').fill('資金調達');
    await submit(resident, resident.getByRole('button', { name: '申し込む' }));
    expect(await textOf(resident.locator('h1'))).toBe('参加が確定しました');
    receipt = new URL(resident.url()).pathname;
    await staff.goto(`/events/manage/${eventId}/questions`);
    expect(await textOf(staff.locator('table'))).toContain('資金調達');
  });

  it('after the event the resident answers the questionnaire, and the organiser sees the result', async () => {
    await staff.goto(`/events/manage/${eventId}/feedback`);
    expect(await textOf(staff.locator('main'))).toContain('まだ回答はありません');
    await expectAccessible(staff, 'the questionnaire results, empty');

    // the day comes: the event starts
    await journeys.server.database.db
      .update(events)
      .set({ startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) })
      .where(eq(events.id, eventId));
    await resident.goto(receipt);
    await expectAccessible(resident, 'the registration page with the questionnaire, on a phone');
    await resident.getByLabel('満足', { exact: true }).check();
    await resident.getByLabel('ご意見・ご感想（任意）').fill('同じ段階の人と話せてよかった');
    await submit(resident, resident.getByRole('button', { name: 'アンケートを送る' }));
    expect(await textOf(resident.getByRole('status').first())).toContain('ありがとうございました');
    await expectAccessible(resident, 'the questionnaire after answering');

    await staff.goto(`/events/manage/${eventId}/feedback`);
    expect(await textOf(staff.locator('[data-field="average"]'))).toBe('4.0');
    expect(await textOf(staff.locator('main'))).toContain('同じ段階の人と話せてよかった');
    await expectAccessible(staff, 'the questionnaire results');
  });
});
