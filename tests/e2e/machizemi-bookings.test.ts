import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askCourseFollowUps,
  consentToFollowUp,
  createCampaign,
  decideCourse,
  proposeCourse,
  registerForEvent,
  takePhoneBooking,
} from '../../src/modules/events';
import type { Actor } from '../../src/platform/audit';
import type { Account } from '../../src/platform/auth/accounts';
import type { Role } from '../../src/platform/auth/roles';
import { readMailFolder } from '../support/mail';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * まちゼミ as shops run it (decision 037), on a phone 360 px wide. A shop whose course is published
 * takes a booking by phone at its counter and enters it (told first what is missing), sees the seats
 * left and its list; on the day of another course it marks who came and who did not. A month after
 * that campaign a participant answers from the mail's link whether they came back, and the 商店会
 * reads the return rate per shop. Every page passes axe-core and fits the phone.
 */
describe('まちゼミ: a shop enters a phone booking and marks attendance', () => {
  let journeys: Journeys;
  let shop: Page;
  let upcomingCourse = 0;
  let heldCourse = 0;
  let heldCampaign = 0;

  const day = 86_400_000;
  const at = (days: number) => new Date(Date.now() + days * day);

  beforeAll(async () => {
    journeys = await openJourneys();
    shop = await journeys.loggedInAs('business', phone);
    const db = journeys.server.database.db;
    const plan = journeys.server.plans.defaultPlan.file;
    const choices = { organisations: plan.organisations, categories: plan.eventCategories };
    const row = async (name: string) => {
      const a = await db.query.accounts.findFirst({
        where: (x, { eq }) => eq(x.email, `${name}@demo.tsunagu.example`),
      });
      if (!a) throw new Error(`no account ${name}`);
      return a;
    };
    const s = await row('shotenkai');
    const staff: Actor = {
      accountId: s.id,
      name: s.displayName,
      municipalityCode: s.municipalityCode,
      role: s.role as Role,
      organisation: s.organisation,
    };
    const b = await row('business');
    const business: Account = { ...b, role: b.role as Role };
    const shopActor: Actor = {
      accountId: b.id,
      name: b.displayName,
      municipalityCode: b.municipalityCode,
      role: 'business',
      organisation: b.organisation,
    };
    const course = async (
      title: string,
      dates: { startsOn: number; endsOn: number; closes: number; course: number },
      now?: Date,
    ) => {
      const campaign = await createCampaign(
        db,
        staff,
        {
          category: 'machizemi',
          title: `${title}のまちゼミ（架空）`,
          organiser: 'shotenkai',
          startsOn: daysFromNow(dates.startsOn),
          endsOn: daysFromNow(dates.endsOn),
          proposalsCloseOn: daysFromNow(dates.closes),
        },
        { ...choices, ...(now ? { now } : {}) },
      );
      const { course: proposed } = await proposeCourse(
        db,
        business,
        campaign.id,
        {
          shopName: '架空の和菓子店',
          title,
          description: '',
          bring: '',
          teacher: '和菓子職人 山本（架空）',
          date: daysFromNow(dates.course),
          startTime: '10:00',
          endTime: '11:30',
          place: '架空の和菓子店 店内',
          capacity: 6,
          feeYen: 500,
          idempotencyKey: `journey-${title}`,
        },
        now ? { now } : {},
      );
      const { course: approved } = await decideCourse(
        db,
        staff,
        { campaignId: campaign.id, courseId: proposed.id },
        { decision: 'approve' },
        { ...choices, ...(now ? { now } : {}) },
      );
      return { campaign, course: approved };
    };
    const upcoming = await course('季節の練り切りをつくろう', {
      startsOn: 20,
      endsOn: 50,
      closes: 10,
      course: 30,
    });
    upcomingCourse = upcoming.course.id;
    await registerForEvent(db, upcoming.course.eventId as number, {
      name: 'ウェブ 太郎（架空）',
      kana: 'うぇぶ たろう',
      email: 'web-taro@example.jp',
      idempotencyKey: 'journey-online-1',
    });

    // a campaign held two months ago: its course's bookings wait for the shop's marks
    const held = await course(
      '和菓子の歴史を味わう',
      { startsOn: -80, endsOn: -40, closes: -90, course: -60 },
      at(-100),
    );
    heldCourse = held.course.id;
    heldCampaign = held.campaign.id;
    const booked = { now: at(-70) };
    await takePhoneBooking(
      db,
      shopActor,
      heldCourse,
      {
        name: '電話 花子（架空）',
        phone: '042-000-1111',
        email: 'denwa-hanako@example.jp',
        seats: '2',
        followUpConsent: 'on',
        idempotencyKey: 'journey-held-phone',
      },
      booked,
    );
    await registerForEvent(
      db,
      held.course.eventId as number,
      {
        name: 'ウェブ 次郎（架空）',
        kana: 'うぇぶ じろう',
        email: 'web-jiro@example.jp',
        idempotencyKey: 'journey-held-web',
      },
      { now: at(-70), afterRegistering: (tx, r, now) => consentToFollowUp(tx, heldCourse, r.id, now) },
    );
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the shop opens its course’s bookings from its course page, on a phone', async () => {
    await shop.goto('/events/courses');
    await submit(shop, shop.getByRole('link', { name: '季節の練り切りをつくろう', exact: true }));
    await submit(shop, shop.getByRole('link', { name: /申し込みと出欠/ }));
    expect(new URL(shop.url()).pathname).toBe(`/events/courses/${upcomingCourse}/bookings`);
    expect(await textOf(shop.locator('[data-counts]'))).toBe('残り 5席（定員 6人・申し込み 1人）');
    expect(await shop.locator('li[data-channel="online"]').count()).toBe(1);
    await expectAccessible(shop, 'the bookings of an upcoming course');
  });

  it('enters a booking taken by phone: told in words what is missing, then recorded once', async () => {
    await shop.locator('#name').fill('電話 一郎（架空）');
    await shop.locator('#seats').fill('3');
    await noBrowserChecks(shop, `form[action="/events/courses/${upcomingCourse}/bookings"]`);
    await submit(shop, shop.getByRole('button', { name: '申し込みを記録する' }));
    const alert = await textOf(shop.getByRole('alert'));
    expect(alert).toContain('電話番号かメールアドレスのどちらかを入力してください');
    expect(await shop.locator('#phone').getAttribute('aria-invalid')).toBe('true');
    expect(await shop.locator('#name').inputValue()).toBe('電話 一郎（架空）');
    await expectAccessible(shop, 'the phone booking form with its error');

    await shop.locator('#phone').fill('０４２－０００－２２２２');
    await shop.locator('#note').fill('お子さま連れ');
    await shop.locator('#followUpConsent').check();
    await submit(shop, shop.getByRole('button', { name: '申し込みを記録する' }));
    expect(await textOf(shop.getByRole('status'))).toContain('電話の申し込みを記録しました');
    expect(await textOf(shop.locator('[data-counts]'))).toBe('残り 2席（定員 6人・申し込み 4人）');
    const booking = shop.locator('li[data-channel="phone"]');
    expect(await textOf(booking.locator('.door-name'))).toContain('電話 一郎（架空）');
    expect(await textOf(booking.locator('[data-field="seats"]'))).toBe('3人');
    expect(await booking.locator('a[href="tel:0420002222"]').count()).toBe(1);
    expect(await textOf(booking.locator('[data-follow-up]'))).toContain('同意あり');
    await expectAccessible(shop, 'the bookings with a phone booking');

    // more people than seats left is refused with the number left
    await shop.locator('#name').fill('電話 大家族（架空）');
    await shop.locator('#phone').fill('042-000-3333');
    await shop.locator('#seats').fill('3');
    await noBrowserChecks(shop, `form[action="/events/courses/${upcomingCourse}/bookings"]`);
    await submit(shop, shop.getByRole('button', { name: '申し込みを記録する' }));
    expect(await textOf(shop.getByRole('alert'))).toContain('残りは2席です。2人以下にしてください。');
    expect(await shop.locator('#seats').getAttribute('aria-invalid')).toBe('true');
    expect(await shop.locator('li[data-registration]').count()).toBe(2);
    await expectAccessible(shop, 'the phone booking refused for want of seats');
  });

  it('cancels a booking when the caller phones again', async () => {
    await shop.goto(`/events/courses/${upcomingCourse}/bookings`);
    await submit(shop, shop.getByRole('button', { name: '電話 一郎（架空）さんの申し込みを取り消す' }));
    expect(await textOf(shop.getByRole('status'))).toContain('申し込みを取り消しました');
    expect(await textOf(shop.locator('[data-counts]'))).toBe('残り 5席（定員 6人・申し込み 1人）');
    expect(await shop.locator('li[data-channel="phone"]').getAttribute('data-status')).toBe('cancelled');
  });

  it('on the day of a course, marks who came and who did not', async () => {
    await shop.goto(`/events/courses/${heldCourse}/bookings`);
    await expectAccessible(shop, 'the bookings of a course held');
    await submit(shop, shop.getByRole('button', { name: '電話 花子（架空）さんは来た' }));
    expect(await textOf(shop.getByRole('status'))).toContain('「来た」にしました');
    await submit(shop, shop.getByRole('button', { name: 'ウェブ 次郎（架空）さんは来た' }));
    // a wrong tap is put right with the other button
    await submit(shop, shop.getByRole('button', { name: 'ウェブ 次郎（架空）さんは来なかった' }));
    expect(await textOf(shop.getByRole('status'))).toContain('「来なかった」にしました');
    const hanako = shop.locator('li[data-channel="phone"]');
    expect(await hanako.locator('[data-attendance]').getAttribute('data-attendance')).toBe('came');
    expect(
      await hanako.getByRole('button', { name: '電話 花子（架空）さんは来た' }).getAttribute('aria-pressed'),
    ).toBe('true');
    const jiro = shop.locator('li[data-channel="online"]');
    expect(await jiro.locator('[data-attendance]').getAttribute('data-attendance')).toBe('absent');
    await expectAccessible(shop, 'the bookings with attendance marked');
  });

  it('a month after the campaign, the participant answers from the mail’s link on a phone', async () => {
    // the server's job runs hourly; the journey does not wait for it
    expect(await askCourseFollowUps(journeys.server.database.db)).toBe(1);
    let link = '';
    for (let tries = 0; tries < 50 && !link; tries++) {
      const mail = (await readMailFolder(journeys.server.mailDir)).find((m) =>
        m.subject?.includes('その後、架空の和菓子店へ行かれましたか'),
      );
      link = /https?:\/\/\S+\/events\/follow-ups\/\S+/.exec(mail?.text ?? '')?.[0] ?? '';
      if (!link) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(link).not.toBe('');
    const participant = await journeys.visitor(phone);
    await participant.goto(new URL(link).pathname);
    expect(await textOf(participant.locator('h1'))).toBe('その後、架空の和菓子店へ行かれましたか？');
    await expectAccessible(participant, 'the follow-up question');
    await noBrowserChecks(participant, 'main form');
    await submit(participant, participant.getByRole('button', { name: '回答する' }));
    expect(await textOf(participant.getByRole('alert'))).toContain('「はい」か「いいえ」を選んでください');
    await expectAccessible(participant, 'the follow-up question with its error');
    await participant.getByLabel('はい', { exact: true }).check();
    await participant.getByLabel('講座から1か月以内').check();
    await submit(participant, participant.getByRole('button', { name: '回答する' }));
    expect(await textOf(participant.locator('[data-follow-up="answered"]'))).toContain('はい（1か月以内）');
    await expectAccessible(participant, 'the follow-up answered');
  });

  it('the 商店会 reads the return rate per shop, each rate with its n', async () => {
    const staff = await journeys.loggedInAs('shotenkai', phone);
    await staff.goto(`/events/campaigns/manage/${heldCampaign}`);
    await submit(staff, staff.getByRole('link', { name: 'その後の来店（お店ごと）' }));
    const row = staff.locator('tr[data-shop="架空の和菓子店"]');
    expect(await textOf(row)).toContain('100%（1/1人）');
    expect(await textOf(staff.locator('[data-returns="campaign"]'))).toContain('再来店 100%（1/1人）');
    await expectAccessible(staff, 'the return rate per shop');
    await shop.goto(`/events/courses/${heldCourse}/bookings`);
    expect(await textOf(shop.locator('dd[data-returns="shop"]'))).toContain('再来店 100%（1/1人）');
    await shop.goto(`/events/courses/${heldCourse}/bookings?lang=en`);
    await expectAccessible(shop, 'the bookings in English');
    await shop.goto(`/events/courses/${heldCourse}/bookings?lang=ja`);
  });
});
