import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../src/platform/fiscal-year';
import { type Journeys, numberIn, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * Support staff put a seminar online; a resident finds it, registers as a guest and sees the
 * confirmation with the cancel link; at the door the staff find them by name and check them in.
 * Every page on the way passes axe-core, on a desktop and on a phone 360 px wide.
 */
describe('events: find, register, check in', () => {
  let journeys: Journeys;
  let staff: Page;
  let staffPhone: Page;
  let resident: Page;
  let eventPath = '';
  let manageUrl = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    staff = await journeys.loggedInAs('bista');
    staffPhone = await journeys.loggedInAs('bista', phone);
    resident = await journeys.visitor(phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('shows an empty list before anything is published', async () => {
    await resident.goto('/events');
    expect(await resident.locator('[data-empty]').count()).toBe(1);
    await expectAccessible(resident, 'the empty event list');
    await resident.goto('/events?lang=en');
    await expectAccessible(resident, 'the empty event list in English');
    await resident.goto('/events?lang=ja');
  });

  it('staff are told what is wrong with a past date and a capacity of 0, and nothing is created', async () => {
    await staff.goto('/');
    await submit(staff, staff.locator('.site-header').getByRole('link', { name: 'イベント管理' }));
    await expectAccessible(staff, 'the events of the staff');
    await staff.locator('#title').fill('事業承継セミナー（架空）');
    await staff.locator('#date').fill(daysFromNow(-2));
    await staff.locator('#place').fill('あきる野市役所 会議室（架空）');
    await staff.locator('#capacity').fill('0');
    // the browser's own checks would stop the form before the server could answer
    await noBrowserChecks(staff, 'form[action="/events/manage"]');
    await submit(staff, staff.getByRole('button', { name: '下書きとして作成' }));
    const alert = await textOf(staff.getByRole('alert'));
    expect(alert).toContain('定員は1人以上にしてください');
    expect(await staff.locator('#capacity').getAttribute('aria-invalid')).toBe('true');
    expect(await staff.locator('tr[data-event]').count()).toBe(0);
    await expectAccessible(staff, 'the event form with its errors');

    await staff.locator('#capacity').fill('20');
    await noBrowserChecks(staff, 'form[action="/events/manage"]');
    await submit(staff, staff.getByRole('button', { name: '下書きとして作成' }));
    expect(await textOf(staff.getByRole('alert'))).toContain('過ぎた日付は選べません');
    expect(await staff.locator('tr[data-event]').count()).toBe(0);
  });

  it('staff create the seminar and publish it', async () => {
    await staff.locator('#category').selectOption('succession-seminar');
    await staff.locator('#title').fill('事業承継セミナー（架空）');
    await staff.locator('#date').fill(daysFromNow(20));
    await staff.locator('#startTime').fill('14:00');
    await staff.locator('#endTime').fill('16:00');
    await staff.locator('#capacity').fill('20');
    await staff.locator('#feeYen').fill('500');
    await staff.locator('#organiser').selectOption('bista');
    await submit(staff, staff.getByRole('button', { name: '下書きとして作成' }));
    expect(await textOf(staff.getByRole('status'))).toContain('下書き');
    manageUrl = new URL(staff.url()).pathname;
    expect(manageUrl).toMatch(/^\/events\/manage\/\d+$/);
    await expectAccessible(staff, 'a draft event');
    await submit(staff, staff.getByRole('button', { name: '公開して申し込みを受け付ける' }));
    expect(await textOf(staff.getByRole('status'))).toContain('公開しました');
    eventPath = manageUrl.replace('/manage', '');
  });

  it('a resident finds the event on a phone, registers as a guest and sees the confirmation', async () => {
    await resident.goto('/');
    await submit(
      resident,
      resident.locator('.site-header').getByRole('link', { name: 'イベント', exact: true }),
    );
    await expectAccessible(resident, 'the event list');
    await submit(resident, resident.getByRole('link', { name: '事業承継セミナー（架空）' }));
    expect(new URL(resident.url()).pathname).toBe(eventPath);
    expect(await textOf(resident.locator('[data-field="remaining"]'))).toBe('20人');
    expect(await textOf(resident.locator('dl.facts'))).toContain('500円');
    await expectAccessible(resident, 'the event page');

    // a wrong e-mail address is named, and what was typed stays
    await resident.locator('#registration-name').fill('田中 一郎（架空）');
    await resident.locator('#registration-kana').fill('たなか いちろう');
    await resident.locator('#registration-email').fill('tanaka@');
    await noBrowserChecks(resident, 'form[action$="/registrations"]');
    await submit(resident, resident.getByRole('button', { name: '申し込む' }));
    expect(await textOf(resident.getByRole('alert'))).toContain('メールアドレスの形で入力してください');
    expect(await resident.locator('#registration-name').inputValue()).toBe('田中 一郎（架空）');
    await expectAccessible(resident, 'the event page with an error');

    await resident.locator('#registration-email').fill('tanaka@example.jp');
    await resident.locator('#registration-phone').fill('042-558-1111');
    await submit(resident, resident.getByRole('button', { name: '申し込む' }));
    expect(await textOf(resident.locator('h1'))).toBe('参加が確定しました');
    expect(await textOf(resident.locator('[data-field="status"]'))).toBe('参加確定');
    const link = await resident.locator('[data-cancel-link]').getAttribute('href');
    expect(link).toMatch(/^\/events\/registrations\/[\w-]{32}$/);
    await expectAccessible(resident, 'the confirmation');
    await resident.goto(eventPath);
    expect(await textOf(resident.locator('[data-field="remaining"]'))).toBe('19人');
  });

  it('someone else registers and cancels from the link; cancelling again changes nothing', async () => {
    const other = await journeys.visitor(phone);
    await other.goto(eventPath);
    await other.locator('#registration-name').fill('佐藤 花子（架空）');
    await other.locator('#registration-kana').fill('サトウ ハナコ');
    await other.locator('#registration-email').fill('sato@example.jp');
    await submit(other, other.getByRole('button', { name: '申し込む' }));
    await submit(other, other.getByRole('button', { name: '申し込みを取り消す' }));
    expect(await textOf(other.getByRole('status'))).toContain('取り消しました');
    expect(await textOf(other.locator('h1'))).toBe('お申し込みは取り消されています');
    await expectAccessible(other, 'a cancelled registration');
  });

  /** The 事業承継セミナー row's actual on the dashboard, for the fiscal year of the seminar. */
  async function seminarActual(): Promise<number | null> {
    await staff.goto(`/?fy=${fiscalYearOf(new Date(`${daysFromNow(20)}T14:00:00+09:00`))}`);
    return numberIn(
      await textOf(staff.locator('tr[data-project="succession-seminar"] [data-field="actual"]')),
    );
  }

  it('at the door, staff find the resident by name on a phone and check them in', async () => {
    const before = await seminarActual();
    await staffPhone.goto(manageUrl);
    await expectAccessible(staffPhone, 'the participant list on a phone');
    await staffPhone.locator('#participant-q').fill('タナカ');
    await submit(staffPhone, staffPhone.getByRole('button', { name: '探す' }));
    const rows = staffPhone.locator('tr[data-registration]');
    expect(await rows.count()).toBe(1);
    expect(await textOf(rows.first())).toContain('田中 一郎（架空）');
    await submit(staffPhone, staffPhone.getByRole('button', { name: '田中 一郎（架空）さんを受付する' }));
    expect(await textOf(staffPhone.getByRole('status'))).toContain('受付しました');
    expect(await staffPhone.locator('tr[data-registration]').first().getAttribute('data-attended')).toBe(
      'yes',
    );
    await expectAccessible(staffPhone, 'the participant list after check-in');
    // the person checked in is one more 参加者 of the plan's 事業承継セミナー, with no retyping
    expect(await seminarActual()).toBe((before ?? 0) + 1);

    await staff.goto('/events/manage');
    const row = staff.locator('tr[data-event]').first();
    expect(await textOf(row)).toContain('事業承継セミナー（架空）');
    await expectAccessible(staff, 'the events of the staff with one event');
    await staff.goto(`${manageUrl}?lang=en`);
    await expectAccessible(staff, 'the staff page of the event in English');
  });

  it('a resident cannot open the participant list', async () => {
    const response = await resident.goto(manageUrl);
    expect(response?.status()).toBe(401);
    expect(await textOf(resident.locator('main'))).not.toContain('tanaka@example.jp');
  });
});
