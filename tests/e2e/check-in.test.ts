import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerForEvent } from '../../src/modules/events';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, phone } from './support/phone';

/**
 * 創業塾 at the door. Support staff put a course of two lectures online; three people register (the
 * third waits). On the evening of the first lecture a colleague opens the check-in page on a phone
 * 360 px wide, finds one person by name, types another's ticket code (twice: the second time says
 * when they came), is told that the waiting person cannot be checked in, and adds a walk-in. Every
 * page on the way passes axe-core and fits the phone.
 */
describe('check-in at the door: a course on a phone', () => {
  let journeys: Journeys;
  let staff: Page;
  let door: Page;
  let eventId = 0;
  const tickets: Record<string, string> = {};

  beforeAll(async () => {
    journeys = await openJourneys();
    staff = await journeys.loggedInAs('bista');
    door = await journeys.loggedInAs('bista', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('staff create a course of two lectures with their areas, and publish it', async () => {
    await staff.goto('/events/manage');
    await staff.locator('#category').selectOption('startup-school');
    await staff.locator('#title').fill('創業塾（架空）');
    await staff.locator('#kind-course').check();
    await staff.locator('#date').fill(daysFromNow(1));
    await staff.locator('#startTime').fill('18:30');
    await staff.locator('#endTime').fill('20:30');
    await staff.locator('#session-1-topic').selectOption('management');
    // the rows of later lectures are folded away until a course needs them
    await staff.getByText('連続講座の2回目以降').click();
    await staff.locator('#session-2-date').fill(daysFromNow(8));
    await staff.locator('#session-2-title').fill('財務の基本');
    await staff.locator('#session-2-topic').selectOption('finance');
    await staff.locator('#place').fill('五日市出張所 会議室（架空）');
    await staff.locator('#capacity').fill('2');
    await staff.locator('#organiser').selectOption('bista');
    await submit(staff, staff.getByRole('button', { name: '下書きとして作成' }));
    expect(await textOf(staff.getByRole('status'))).toContain('下書き');
    expect(await textOf(staff.locator('[data-field="when"]'))).toContain('全2回');
    await expectAccessible(staff, 'a draft course');
    await submit(staff, staff.getByRole('button', { name: '公開して申し込みを受け付ける' }));
    eventId = Number(/\/events\/manage\/(\d+)/.exec(staff.url())?.[1]);
    expect(eventId).toBeGreaterThan(0);

    const db = journeys.server.database.db;
    const people = [
      ['山田 花子（架空）', 'やまだ はなこ', 'yamada'],
      ['佐藤 次郎（架空）', 'さとう じろう', 'sato'],
      ['鈴木 三郎（架空）', 'すずき さぶろう', 'suzuki'],
    ] as const;
    for (const [name, kana, key] of people) {
      const r = await registerForEvent(db, eventId, {
        name,
        kana,
        email: `${key}@example.jp`,
        idempotencyKey: `check-in-journey-${key}`,
      });
      tickets[key] = r.registration.ticketCode;
    }
  });

  it('on a phone, staff open the check-in page of the first lecture and find a person by name', async () => {
    await door.goto(`/events/manage/${eventId}`);
    await submit(door, door.getByRole('link', { name: '受付ページを開く' }));
    expect(await door.locator('.session-chooser [aria-current="page"]').count()).toBe(1);
    expect(await textOf(door.locator('.session-chooser [aria-current="page"]'))).toContain('1回目');
    expect(await textOf(door.locator('[data-field="present"]'))).toContain('出席 0人');
    await expectAccessible(door, 'the check-in page on a phone');

    await door.locator('#door-q').fill('ヤマダ');
    await submit(door, door.getByRole('button', { name: '探す', exact: true }));
    expect(await door.locator('li[data-registration]').count()).toBe(1);
    const button = door.getByRole('button', { name: '山田 花子（架空）さんを受付する' });
    const box = await button.boundingBox();
    // a tap target for a thumb, not a link-sized word
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await submit(door, button);
    expect(await textOf(door.getByRole('status'))).toMatch(
      /山田 花子（架空）さんを受付しました（\d\d:\d\d）/,
    );
    expect(await door.locator('li[data-registration]').first().getAttribute('data-attended')).toBe('yes');
    await expectAccessible(door, 'the check-in page after a check-in');
  });

  it('a ticket code typed by hand checks in once; the second time says when', async () => {
    const typed = `${tickets.sato?.slice(0, 4).toLowerCase()}-${tickets.sato?.slice(4)}`;
    await door.locator('#ticketCode').fill(typed);
    await submit(door, door.getByRole('button', { name: 'コードで受付する' }));
    expect(await textOf(door.getByRole('status'))).toContain('佐藤 次郎（架空）さんを受付しました');
    await door.locator('#ticketCode').fill(tickets.sato ?? '');
    await submit(door, door.getByRole('button', { name: 'コードで受付する' }));
    expect(await textOf(door.getByRole('status'))).toMatch(/佐藤 次郎（架空）さんは\d\d:\d\dに受付済みです/);
    expect(await textOf(door.locator('[data-field="present"]'))).toContain('出席 2人');

    await door.locator('#ticketCode').fill(tickets.suzuki ?? '');
    await submit(door, door.getByRole('button', { name: 'コードで受付する' }));
    expect(await textOf(door.getByRole('alert'))).toContain('キャンセル待ちの方です');
    await expectAccessible(door, 'the check-in page with a refused ticket');
  });

  it('a walk-in is added beyond the capacity, with a warning, and is present', async () => {
    await door.goto(`/events/manage/${eventId}/check-in`);
    expect(await textOf(door.locator('[data-field="capacity-note"]'))).toContain('定員（2人）に達しています');
    await door.locator('#walk-in-name').fill('高橋 四郎（架空）');
    await door.locator('#walk-in-kana').fill('たかはし しろう');
    await submit(door, door.getByRole('button', { name: '当日参加として受付する' }));
    expect(await textOf(door.getByRole('status'))).toContain(
      '高橋 四郎（架空）さんを当日参加として受付しました',
    );
    expect(await textOf(door.getByRole('status'))).toContain('定員を超えています');
    expect(await textOf(door.locator('[data-field="present"]'))).toContain('出席 3人');
    await expectAccessible(door, 'the check-in page after a walk-in');

    // the second lecture has nobody yet
    await submit(door, door.locator('.session-chooser').getByRole('link', { name: /2回目/ }));
    expect(await textOf(door.locator('[data-field="present"]'))).toContain('出席 0人');
    await door.goto(`/events/manage/${eventId}/check-in?lang=en`);
    await expectAccessible(door, 'the check-in page in English');
    await door.goto(`/events/manage/${eventId}/check-in?lang=ja`);
  });

  it('the staff page shows who came to which lecture', async () => {
    await staff.goto(`/events/manage/${eventId}`);
    const attended = staff.locator('td[data-session="1"][data-attended="yes"]');
    expect(await attended.count()).toBe(3);
    expect(await staff.locator('td[data-session="2"][data-attended="yes"]').count()).toBe(0);
    await expectAccessible(staff, 'the staff page of a course');
  });

  it('staff raise the capacity, copy the course, and call it off: the pages pass axe and say 中止', async () => {
    await staff.goto(`/events/manage/${eventId}`);
    await submit(staff, staff.getByRole('link', { name: '内容・日程・定員を変更する' }));
    expect(await staff.locator('#session-2-date').inputValue()).toBe(daysFromNow(8));
    await expectAccessible(staff, 'the edit page of a course');
    await staff.locator('#capacity').fill('4');
    await submit(staff, staff.getByRole('button', { name: '変更を保存' }));
    expect(await textOf(staff.getByRole('status'))).toContain('キャンセル待ちの方が繰り上がりました');

    await submit(staff, staff.getByRole('link', { name: 'コピーして新しく作成' }));
    await expectAccessible(staff, 'the copy page');
    await staff.locator('#firstDate').fill(daysFromNow(40));
    await submit(staff, staff.getByRole('button', { name: '下書きとしてコピーを作成' }));
    expect(await textOf(staff.getByRole('status'))).toContain('コピーして下書きを作成しました');
    expect(await textOf(staff.locator('[data-field="when"]'))).toContain('全2回');

    await staff.goto(`/events/manage/${eventId}`);
    await staff.getByText('イベントを中止する', { exact: true }).click();
    await expectAccessible(staff, 'the staff page with the cancel form open');
    await staff.locator('#confirm-cancel').check();
    await submit(staff, staff.getByRole('button', { name: '中止する', exact: true }));
    expect(await textOf(staff.getByRole('status'))).toContain('中止しました');
    const resident = await journeys.visitor(phone);
    await resident.goto(`/events/${eventId}`);
    expect(await textOf(resident.locator('h1'))).toBe('【中止】創業塾（架空）');
    expect(await resident.locator('[data-cancelled]').count()).toBe(1);
    await expectAccessible(resident, 'a cancelled event on a phone');
  });
});
