import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, phone } from './support/phone';

/**
 * Staff publish a seminar with its public details (address, map position, access, deadline); a
 * resident on a phone finds it by area and kind, on a month calendar, and reads those details.
 * Every page passes axe-core and fits a phone 360 px wide.
 */
describe('events: publish with details, find by filters and on the calendar', () => {
  let journeys: Journeys;
  let staff: Page;
  let resident: Page;
  let eventPath = '';
  const date = daysFromNow(40);
  const month = date.slice(0, 7);

  beforeAll(async () => {
    journeys = await openJourneys();
    staff = await journeys.loggedInAs('shokokai');
    resident = await journeys.visitor(phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('staff create a seminar with its public details and publish it', async () => {
    await staff.goto('/events/manage');
    await staff.locator('#category').selectOption('digital-seminar');
    await staff.locator('#title').fill('デジタル化促進セミナー（架空）');
    await staff.locator('#date').fill(date);
    await staff.locator('#place').fill('五日市出張所 会議室（架空）');
    await staff.locator('#capacity').fill('15');
    await staff.locator('#feeYen').fill('0');
    await staff.locator('#organiser').selectOption('shokokai');
    await staff.locator('details.more-fields summary').click();
    await staff.locator('#titleKana').fill('でじたるかそくしんせみなー');
    await staff.locator('#titleEn').fill('Digitalisation seminar');
    await staff.locator('#area').selectOption('itsukaichi');
    await staff.locator('#address').fill('東京都あきる野市五日市1（架空）');
    await staff.locator('#latitude').fill('35.7325');
    await staff.locator('#longitude').fill('139.2267');
    await staff.locator('#access').fill('JR五日市線 武蔵五日市駅から徒歩5分');
    await staff.locator('#registrationClosesAt').fill(`${daysFromNow(38)}T17:00`);
    await expectAccessible(staff, 'the event form with its public details open');
    await submit(staff, staff.getByRole('button', { name: '下書きとして作成' }));
    expect(await textOf(staff.getByRole('status'))).toContain('下書き');
    await submit(staff, staff.getByRole('button', { name: '公開して申し込みを受け付ける' }));
    eventPath = new URL(staff.url()).pathname.replace('/manage', '');

    // the details are changed on their own page, and a wrong position is named
    await submit(staff, staff.getByRole('link', { name: /公開情報.*を編集する/ }));
    await expectAccessible(staff, 'the page of the public details');
    await staff.locator('#parking').fill('出張所の駐車場（5台）');
    await staff.locator('#longitude').fill('');
    await submit(staff, staff.getByRole('button', { name: '保存する' }));
    expect(await textOf(staff.getByRole('alert'))).toContain('緯度と経度は両方とも入力するか');
    expect(await staff.locator('#parking').inputValue()).toBe('出張所の駐車場（5台）');
    await expectAccessible(staff, 'the public details with an error');
    await staff.locator('#longitude').fill('139.2267');
    await submit(staff, staff.getByRole('button', { name: '保存する' }));
    expect(await textOf(staff.getByRole('status'))).toContain('公開情報を保存しました');
  });

  it('a resident on a phone finds it by area and kind, and is told when nothing matches', async () => {
    await resident.goto('/events');
    await resident.locator('#filter-area').selectOption('itsukaichi');
    await resident.locator('#filter-category').selectOption('digital-seminar');
    await submit(resident, resident.getByRole('button', { name: '絞り込む' }));
    expect(new URL(resident.url()).searchParams.get('area')).toBe('itsukaichi');
    expect(await resident.locator('li[data-event]').count()).toBe(1);
    expect(await textOf(resident.locator('li[data-event]'))).toContain('五日市（武蔵五日市駅周辺）');
    await expectAccessible(resident, 'the list filtered by area and kind');

    await resident.locator('#filter-area').selectOption('yozawa');
    await submit(resident, resident.getByRole('button', { name: '絞り込む' }));
    expect(await textOf(resident.locator('[data-empty]'))).toContain('条件に合うイベントはありません');
    await expectAccessible(resident, 'the list with nothing matching');
    await submit(resident, resident.getByRole('link', { name: /条件をクリアして/ }));
    expect(new URL(resident.url()).search).toBe('');
    expect(await resident.locator('li[data-event]').count()).toBe(1);
  });

  it('a resident finds it on the month calendar on a phone, and reads its details', async () => {
    await resident.goto(`/events?view=calendar&month=${month}`);
    const day = resident.locator(`td[data-date="${date}"]`);
    // on a phone a day shows how many events it has, and the events are listed by day below
    expect(await textOf(day.locator('.calendar-count'))).toBe('1件');
    expect(await day.locator('.calendar-events').isVisible()).toBe(false);
    await expectAccessible(resident, 'the month calendar on a phone');
    await day.locator('.calendar-count').click();
    expect(new URL(resident.url()).hash).toBe(`#day-${date}`);
    await submit(resident, resident.locator(`#day-${date}`).getByRole('link'));
    expect(new URL(resident.url()).pathname).toBe(eventPath);

    expect(await textOf(resident.locator('[data-field="area"]'))).toBe('五日市（武蔵五日市駅周辺）');
    expect(await resident.locator('[data-field="address"] a').getAttribute('href')).toBe(
      'https://maps.gsi.go.jp/#17/35.7325/139.2267/',
    );
    expect(await textOf(resident.locator('[data-field="parking"]'))).toBe('出張所の駐車場（5台）');
    expect(await textOf(resident.locator('[data-field="deadline"]'))).toContain('17:00');
    await expectAccessible(resident, 'the event page with its details');
    await resident.goto(`${eventPath}?lang=en`);
    expect(await textOf(resident.locator('h1'))).toBe('Digitalisation seminar');
    await expectAccessible(resident, 'the event page in English');
  });

  it('the event page carries its schema.org data without the CSP refusing anything, and the list links the feeds', async () => {
    const desktop = await journeys.visitor();
    const refused: string[] = [];
    desktop.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    await desktop.goto(eventPath);
    const data = JSON.parse(
      (await desktop.locator('script[type="application/ld+json"]').textContent()) ?? '',
    );
    expect(data['@type']).toBe('Event');
    expect(data.name).toBe('デジタル化促進セミナー（架空）');
    expect(data.startDate).toBe(`${date}T14:00:00+09:00`);
    expect(refused).toEqual([]);

    await desktop.goto('/events?category=digital-seminar');
    const feed = desktop.getByRole('link', { name: '「デジタル化促進セミナー」のカレンダー（iCalendar）' });
    expect(await feed.getAttribute('href')).toBe('/events/calendar/digital-seminar.ics');
    const response = await desktop.request.get('/events/calendar/digital-seminar.ics');
    expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await response.text()).toContain('SUMMARY:デジタル化促進セミナー（架空）');
    expect(await desktop.getByRole('link', { name: /オープンデータ（CSV/ }).getAttribute('href')).toBe(
      '/events/opendata.csv',
    );
    await expectAccessible(desktop, 'the list with its feeds');
  });

  it('on a desktop the calendar lists the events in their days, in both languages', async () => {
    const desktop = await journeys.visitor();
    await desktop.goto(`/events?view=calendar&month=${month}&category=digital-seminar`);
    const day = desktop.locator(`td[data-date="${date}"]`);
    expect(await textOf(day.locator('.calendar-events'))).toContain('デジタル化促進セミナー（架空）');
    expect(await desktop.locator('.calendar-agenda').isVisible()).toBe(false);
    await expectAccessible(desktop, 'the month calendar');
    await desktop.goto(`/events?view=calendar&month=${month}&lang=en`);
    expect(await textOf(desktop.locator('#calendar-heading'))).toMatch(/^\w+ \d{4}$/);
    await expectAccessible(desktop, 'the month calendar in English');
    await submit(desktop, desktop.getByRole('link', { name: /→$/ }));
    expect(new URL(desktop.url()).searchParams.get('month')).not.toBe(month);
    await expectAccessible(desktop, 'an empty month');
  });
});
