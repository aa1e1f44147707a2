import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, listParticipants, publishEvent, registerForEvent } from '../../src/modules/events';
import type { Actor } from '../../src/platform/audit';
import { actorOf } from '../integration/helpers';
import { launchChromium } from './support/browser';
import { writeQrVideo } from './support/fake-camera';
import { logIn } from './support/journey';
import { daysFromNow, expectAccessible, phone } from './support/phone';
import { type RunningTsunagu, startTsunaguServer } from './support/server';

/**
 * The camera at the door: a phone's camera sees a participant's QR ticket (Chromium's fake camera
 * plays a picture of it), the page reads it (jsQR served by the app: headless Chromium on Linux has
 * no BarcodeDetector) and checks the person in without anything typed.
 */
describe('check-in at the door: the QR ticket read by the camera', () => {
  let server: RunningTsunagu;
  let browser: Browser;
  let door: Page;
  let folder = '';
  let eventId = 0;
  let staff: Actor;

  beforeAll(async () => {
    server = await startTsunaguServer();
    const db = server.database.db;
    staff = await actorOf(server, 'bista');
    const plan = server.plans.defaultPlan.file;
    const created = await createEvent(
      db,
      staff,
      {
        category: 'digital-seminar',
        title: 'カメラ受付セミナー（架空）',
        date: daysFromNow(1),
        startTime: '14:00',
        endTime: '16:00',
        place: '市役所 会議室（架空）',
        capacity: 10,
        organiser: 'bista',
      },
      { organisations: plan.organisations, categories: plan.eventCategories },
    );
    eventId = (await publishEvent(db, staff, created.id)).id;
    const { registration } = await registerForEvent(db, eventId, {
      name: '伊藤 五郎（架空）',
      kana: 'いとう ごろう',
      email: 'ito@example.jp',
      idempotencyKey: 'camera-journey-ito',
    });
    folder = await mkdtemp(join(tmpdir(), 'tsunagu-camera-'));
    const video = join(folder, 'ticket.y4m');
    await writeQrVideo(video, registration.ticketCode);
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'ja-JP',
      permissions: ['camera'],
      ...phone,
    });
    door = await context.newPage();
    await logIn(door, 'bista');
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('reads the ticket and checks the person in, then turns the camera on again for the next', async () => {
    await door.goto(`/events/manage/${eventId}/check-in`);
    const start = door.locator('[data-scanner-start]');
    // the scanner is shown only where script and a camera are there to use it
    expect(await start.isVisible()).toBe(true);
    await expectAccessible(door, 'the check-in page with its camera button');
    // every page the scans lead to, in order: the camera comes back by itself after each
    const results: string[] = [];
    door.on('framenavigated', (frame) => {
      const result = new URL(frame.url()).searchParams.get('result');
      if (frame === door.mainFrame() && result) results.push(result);
    });
    await start.click();
    // the same ticket, still before the camera, is read again and said to be checked in already
    await door.waitForURL(/result=already-checked-in/, { timeout: 20_000 });
    expect(results.slice(0, 2)).toEqual(['checked-in', 'already-checked-in']);
    // the page keeps scanning and reloading while the ticket is held up, so what it recorded is
    // read from the database: one attendance, however often the same ticket was read
    const participants = await listParticipants(server.database.db, staff, eventId);
    expect(participants.map((p) => [p.name, p.attendance.length])).toEqual([['伊藤 五郎（架空）', 1]]);
  });
});
