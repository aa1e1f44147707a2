import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type Db, openDatabase } from '../../src/db/connection';
import { createEvent, type EventInput, publishEvent } from '../../src/modules/events/event-service';
import { cancelEvent, updateEvent } from '../../src/modules/events/lifecycle-service';
import { cancelRegistration, registerForEvent } from '../../src/modules/events/registration-service';
import { enqueueEventReminders } from '../../src/modules/events/reminders';
import { eventMessages, eventRegistrations } from '../../src/modules/events/schema';
import type { Actor } from '../../src/platform/audit';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { dispatchMail } from '../../src/platform/mail/dispatcher';
import { mailOutbox } from '../../src/platform/mail/schema';
import { createMailService } from '../../src/platform/mail/service';
import { type MailMessage, type MailTransport, smtpTransport } from '../../src/platform/mail/transport';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { closedPort, decodeQrPng, mailFolder } from '../support/mail';
import { actorOf, startInstance } from './helpers';

const choices = { organisations: [{ code: 'bista' }], categories: [{ code: 'succession-seminar' }] };
const baseUrl = 'https://tsunagu.example.jp';

/** A date some days from today, in Japan, as yyyy-mm-dd. */
const daysFromNow = (days: number) => todayInJapan(new Date(Date.now() + days * 86_400_000));

const seminar = (overrides: Partial<EventInput> = {}): EventInput => ({
  category: 'succession-seminar',
  title: '事業承継セミナー（架空）',
  date: daysFromNow(30),
  startTime: '14:00',
  endTime: '16:00',
  place: '市役所 会議室',
  capacity: 10,
  organiser: 'bista',
  ...overrides,
});

let people = 0;
/** Someone new each time: their own e-mail address and form. */
const person = () => {
  people++;
  return {
    name: `参加者${people}（架空）`,
    kana: 'さんかしゃ',
    email: `mail-person${people}@example.jp`,
    idempotencyKey: `mail-form-${people}`,
  };
};

/** A transport that counts what it is given, after a pause, as a slow mail server would. */
function countingTransport(pauseMs = 0) {
  const sent: MailMessage[] = [];
  const transport: MailTransport = {
    kind: 'folder',
    target: 'memory',
    async send(message) {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      sent.push(message);
    },
    close() {},
  };
  return { sent, transport };
}

describe.each(testDatabaseKinds())('event mail through the outbox (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;
  let folder: Awaited<ReturnType<typeof mailFolder>>;

  beforeAll(async () => {
    folder = await mailFolder();
    t = await startInstance(kind, { mailDir: folder.dir, publicBaseUrl: baseUrl, mailMaxAttempts: 3 });
    staff = await actorOf(t, 'bista');
  });
  afterAll(async () => {
    await t?.stop();
    await folder?.remove();
  });

  const db = () => t.database.db;
  /** the mails in the outbox that go to an address, oldest first */
  const outboxFor = (email: string) =>
    db().select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(asc(mailOutbox.id));
  /** sends everything due through the folder transport, as the server's dispatcher does */
  const dispatchAll = (now?: Date) => t.mail.dispatch({ now });

  async function publishedSeminar(overrides: Partial<EventInput> = {}) {
    const event = await createEvent(db(), staff, seminar(overrides), choices);
    return publishEvent(db(), staff, event.id);
  }

  describe('the outbox', () => {
    it('enqueues the confirmation in the transaction of the registration, and nothing for one rolled back', async () => {
      const event = await publishedSeminar();
      const kept = person();
      const r = await registerForEvent(db(), event.id, kept);
      const [mail] = await outboxFor(kept.email);
      expect(mail).toMatchObject({ template: 'event.confirmation', status: 'pending', attempts: 0 });
      expect(mail?.municipalityCode).toBe(event.municipalityCode);
      expect((mail?.params as { ticketCode?: string } | undefined)?.ticketCode).toBe(
        r.registration.ticketCode,
      );

      const lost = person();
      const rolledBack = new Error('the change is rolled back');
      const error = await db()
        .transaction(async (tx) => {
          // a caller's transaction: the registration's own becomes a savepoint of it
          await registerForEvent(tx as unknown as Db, event.id, lost);
          throw rolledBack;
        })
        .catch((e: unknown) => e);
      expect(error).toBe(rolledBack);
      expect(await outboxFor(lost.email)).toEqual([]);
      const registrations = await db()
        .select()
        .from(eventRegistrations)
        .where(eq(eventRegistrations.email, lost.email));
      expect(registrations).toEqual([]);
    });

    it('enqueues one mail for a form sent twice', async () => {
      const event = await publishedSeminar();
      const form = person();
      await Promise.all([registerForEvent(db(), event.id, form), registerForEvent(db(), event.id, form)]);
      expect(await outboxFor(form.email)).toHaveLength(1);
    });

    it('tells the waiting, the cancelling and the promoted, each once', async () => {
      const event = await publishedSeminar({ capacity: 1 });
      const [a, b] = [person(), person()];
      const first = await registerForEvent(db(), event.id, a);
      const waiting = await registerForEvent(db(), event.id, b);
      expect(waiting.registration.status).toBe('waiting');
      await cancelRegistration(db(), first.registration.cancelToken);
      await cancelRegistration(db(), first.registration.cancelToken);
      expect((await outboxFor(a.email)).map((m) => m.template)).toEqual([
        'event.confirmation',
        'event.cancellation',
      ]);
      const toB = await outboxFor(b.email);
      expect(toB.map((m) => m.template)).toEqual(['event.waiting', 'event.promotion']);
      expect((toB[0]?.params as { position?: number } | undefined)?.position).toBe(1);
    });
  });

  describe('a change of date, time or place, or an event called off', () => {
    it('tells everyone confirmed or waiting what moved, from what to what; a new description tells nobody', async () => {
      const input = seminar({ capacity: 1, title: '変更通知セミナー（架空）' });
      const event = await publishedSeminar(input);
      const [a, b, c] = [person(), person(), person()];
      await registerForEvent(db(), event.id, a);
      await registerForEvent(db(), event.id, b);
      const gone = await registerForEvent(db(), event.id, c);
      await cancelRegistration(db(), gone.registration.cancelToken);

      const described = await updateEvent(
        db(),
        staff,
        event.id,
        { ...input, description: '持ち物：筆記用具' },
        choices,
      );
      expect(described).toMatchObject({ changed: true, told: 0 });

      const moved = await updateEvent(
        db(),
        staff,
        event.id,
        { ...input, description: '持ち物：筆記用具', date: daysFromNow(31), place: '五日市出張所 会議室' },
        choices,
      );
      expect(moved).toMatchObject({ changed: true, told: 2 });
      const toA = await outboxFor(a.email);
      expect(toA.map((m) => m.template)).toEqual(['event.confirmation', 'event.changed']);
      expect((await outboxFor(b.email)).map((m) => m.template)).toEqual(['event.waiting', 'event.changed']);
      // the cancelled registration hears nothing more
      expect((await outboxFor(c.email)).map((m) => m.template)).toEqual([
        'event.waiting',
        'event.cancellation',
      ]);

      await dispatchAll();
      const mail = (await folder.read()).find(
        (m) =>
          m.subject === '【変更】変更通知セミナー（架空） / The event has changed' &&
          m.text?.includes(a.name),
      );
      const text = mail?.text ?? '';
      expect(text).toContain('日時と会場が変わりました');
      expect(text).toMatch(
        /【変更後】[\s\S]*会場：五日市出張所 会議室[\s\S]*【変更前】[\s\S]*会場：市役所 会議室/,
      );
      expect(text).toContain('Before:\nWhen:');
    });

    it('tells the registered once when the event is called off, and nobody for a second cancel', async () => {
      const event = await publishedSeminar({ title: '中止通知セミナー（架空）' });
      const a = person();
      await registerForEvent(db(), event.id, a);
      expect(await cancelEvent(db(), staff, event.id)).toMatchObject({ changed: true, told: 1 });
      expect(await cancelEvent(db(), staff, event.id)).toMatchObject({ changed: false, told: 0 });
      expect((await outboxFor(a.email)).map((m) => m.template)).toEqual([
        'event.confirmation',
        'event.called-off',
      ]);
      await dispatchAll();
      const mail = (await folder.read()).find(
        (m) => m.subject === '【中止】中止通知セミナー（架空） / The event is cancelled',
      );
      expect(mail?.text).toContain('中止になりました');
    });

    it('mails nobody for a draft called off', async () => {
      const draft = await createEvent(db(), staff, seminar(), choices);
      expect(await cancelEvent(db(), staff, draft.id)).toMatchObject({ changed: true, told: 0 });
    });
  });

  describe('the folder transport', () => {
    it('writes .eml files with the recipient, the subject, the cancel link and the QR ticket', async () => {
      const event = await publishedSeminar({ title: 'メール確認セミナー（架空）' });
      const who = person();
      const r = await registerForEvent(db(), event.id, who);
      const report = await dispatchAll();
      expect(report.sent).toBeGreaterThanOrEqual(1);
      expect(report.failed + report.retrying).toBe(0);

      const mails = await folder.read();
      const mail = mails.find((m) => m.text?.includes('メール確認セミナー'));
      expect(mail, 'the confirmation was written to the folder').toBeDefined();
      if (!mail) return;
      const code = r.registration.ticketCode;
      const grouped = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
      expect(mail.to && 'value' in mail.to ? mail.to.value[0]?.address : undefined).toBe(who.email);
      expect(mail.from?.value[0]?.address).toBe('no-reply@tsunagu.localhost');
      expect(mail.subject).toBe('【参加確定】メール確認セミナー（架空） / Your place is confirmed');
      expect(mail.messageId).toMatch(/^<tsunagu-\d+-\d+@tsunagu\.example\.jp>$/);
      // Japanese first, English below, the ticket code in readable groups, links to this Tsunagu
      const text = mail.text ?? '';
      expect(text.indexOf('参加が確定しました')).toBeLessThan(text.indexOf('Your place is confirmed'));
      expect(text).toContain(`受付番号（QRチケット）：${grouped}`);
      expect(text).toContain(`Ticket: ${grouped}`);
      expect(text).toContain(`${baseUrl}/events/registrations/${r.registration.cancelToken}`);
      // the QR code is an inline image of the HTML part, and a camera reads the ticket code from it
      const image = mail.attachments.find((a) => a.contentType === 'image/png');
      expect(image?.cid).toBe(`ticket-${code.toLowerCase()}@tsunagu`);
      expect(mail.html || '').toContain(`cid:ticket-${code.toLowerCase()}@tsunagu`);
      expect(decodeQrPng(image?.content as Buffer)).toBe(code);

      const [row] = await outboxFor(who.email);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
      expect(row?.sentAt).toBeInstanceOf(Date);
      expect(mail.file).toBe(`${String(row?.id).padStart(8, '0')}.eml`);
    });
  });

  describe('a mail server that fails', () => {
    it('keeps the registration, retries later, and gives up after the last attempt for the admin to see', async () => {
      await dispatchAll();
      const event = await publishedSeminar();
      const who = person();
      const r = await registerForEvent(db(), event.id, who);
      const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`);
      const settings = {
        transport: down,
        context: { baseUrl },
        from: t.config.mailFrom,
        maxAttempts: 3,
      };
      const start = new Date();
      expect(await dispatchMail(db(), { ...settings, now: start })).toEqual({
        sent: 0,
        retrying: 1,
        failed: 0,
      });
      const [afterOne] = await outboxFor(who.email);
      expect(afterOne).toMatchObject({ status: 'pending', attempts: 1 });
      expect(afterOne?.lastError).toContain('ECONNREFUSED');
      // the registration stands, whatever became of its mail
      const [registration] = await db()
        .select()
        .from(eventRegistrations)
        .where(eq(eventRegistrations.id, r.registration.id));
      expect(registration?.status).toBe('confirmed');
      // not due again until the back-off has passed: one minute after the first failure
      expect(await dispatchMail(db(), { ...settings, now: new Date(start.getTime() + 30_000) })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
      });
      const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
      expect((await dispatchMail(db(), { ...settings, now: later(1) })).retrying).toBe(1);
      // the third attempt is the last one
      expect((await dispatchMail(db(), { ...settings, now: later(4) })).failed).toBe(1);
      const [givenUp] = await outboxFor(who.email);
      expect(givenUp).toMatchObject({ status: 'failed', attempts: 3 });
      expect(await dispatchMail(db(), { ...settings, now: later(600) })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
      });
      down.close();
    });

    it('delivers through SMTP once the server answers', async () => {
      const { SMTPServer } = await import('smtp-server');
      const received: string[] = [];
      const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        onData(stream, _session, callback) {
          let data = '';
          stream.on('data', (chunk: Buffer) => {
            data += chunk.toString('utf8');
          });
          stream.on('end', () => {
            received.push(data);
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.server.address() as { port: number }).port;
      try {
        await dispatchAll();
        const event = await publishedSeminar({ title: 'SMTP確認セミナー（架空）' });
        const who = person();
        await registerForEvent(db(), event.id, who);
        const smtp = createMailService(db(), { ...t.config, smtpUrl: `smtp://127.0.0.1:${port}` });
        expect(smtp.transport.kind).toBe('smtp');
        expect(await smtp.dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 });
        smtp.transport.close();
        expect(received).toHaveLength(1);
        expect(received[0]).toContain(`To: ${who.email}`);
        const [row] = await outboxFor(who.email);
        expect(row?.status).toBe('sent');
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });

  describe('two dispatchers at once', () => {
    it('send every mail exactly once', async () => {
      await dispatchAll();
      const event = await publishedSeminar({ capacity: 40 });
      for (let i = 0; i < 30; i++) await registerForEvent(db(), event.id, person());
      // a second process: its own connections to the same database (PGlite has one connection)
      const other: Database =
        kind === 'postgres'
          ? await openDatabase({ databaseUrl: t.config.databaseUrl as string, dataDir: 'memory://' })
          : t.database;
      try {
        const one = countingTransport(5);
        const two = countingTransport(5);
        const settings = { context: { baseUrl }, from: t.config.mailFrom, maxAttempts: 3, batchSize: 10 };
        const runs = await Promise.all([
          ...[0, 1, 2].map(() => dispatchMail(db(), { ...settings, transport: one.transport })),
          ...[0, 1, 2].map(() => dispatchMail(other.db, { ...settings, transport: two.transport })),
        ]);
        const ids = [...one.sent, ...two.sent].map((m) => m.outboxId);
        expect(ids).toHaveLength(30);
        expect(new Set(ids).size).toBe(30);
        expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(30);
        // which process sends how many is up to the scheduler (on a loaded machine one may take
        // all 30): the rule that must hold is that each mail goes exactly once, checked above
      } finally {
        if (other !== t.database) await other.close();
      }
    });
  });

  describe('the reminder the day before', () => {
    it('enqueues one reminder per confirmed registration of tomorrow’s events, however often it runs', async () => {
      const date = daysFromNow(12);
      const event = await publishedSeminar({ date, capacity: 2, title: '前日メールのセミナー（架空）' });
      await publishedSeminar({ date: daysFromNow(13), title: '明後日のセミナー（架空）' });
      const [a, b, c, d] = [person(), person(), person(), person()];
      const ra = await registerForEvent(db(), event.id, a);
      await registerForEvent(db(), event.id, b);
      await registerForEvent(db(), event.id, c); // waiting
      await cancelRegistration(db(), ra.registration.cancelToken); // c is promoted
      await registerForEvent(db(), event.id, d); // waiting
      // the day before, in the evening in Japan (and in the morning UTC)
      const dayBefore = new Date(new Date(`${date}T20:30:00+09:00`).getTime() - 86_400_000);
      const runs = await Promise.all([
        enqueueEventReminders(db(), { now: dayBefore }),
        enqueueEventReminders(db(), { now: dayBefore }),
      ]);
      expect(runs.reduce((n, x) => n + x, 0)).toBe(2);
      expect(await enqueueEventReminders(db(), { now: new Date(dayBefore.getTime() + 3_600_000) })).toBe(0);
      const reminders = await db().select().from(mailOutbox).where(eq(mailOutbox.template, 'event.reminder'));
      expect(reminders.map((m) => m.toAddress).sort()).toEqual([b.email, c.email].sort());
      for (const m of reminders) {
        const { registrationId } = m.params as { registrationId: number };
        expect(m.dedupeKey).toBe(`event.reminder:${registrationId}:${date}`);
      }
      // two days before, nothing is due yet
      expect(await enqueueEventReminders(db(), { now: new Date(dayBefore.getTime() - 86_400_000) })).toBe(0);
    });

    it('reminds a course’s participant the day before each lecture, once per day, naming the lecture', async () => {
      const [first, second] = [daysFromNow(14), daysFromNow(21)];
      const course = await publishedSeminar({
        title: '創業塾（前日メール・架空）',
        kind: 'course',
        date: undefined,
        startTime: undefined,
        endTime: undefined,
        sessions: [
          { date: first, startTime: '10:00', endTime: '12:00', title: '経営', topic: '' },
          { date: first, startTime: '13:00', endTime: '15:00', title: '財務', topic: '' },
          { date: second, startTime: '10:00', endTime: '12:00', title: '販路開拓', topic: '' },
        ],
      });
      const who = person();
      await registerForEvent(db(), course.id, who);
      const eveOf = (date: string) => new Date(new Date(`${date}T18:00:00+09:00`).getTime() - 86_400_000);
      expect(await enqueueEventReminders(db(), { now: eveOf(first) })).toBe(1);
      expect(await enqueueEventReminders(db(), { now: eveOf(first) })).toBe(0);
      expect(await enqueueEventReminders(db(), { now: eveOf(second) })).toBe(1);
      const reminders = (await outboxFor(who.email)).filter((m) => m.template === 'event.reminder');
      expect(reminders.map((m) => (m.params as { sessionNumber?: number }).sessionNumber)).toEqual([1, 3]);
      await dispatchAll();
      const mail = (await folder.read()).find(
        (m) =>
          m.subject?.startsWith('【明日開催】創業塾（前日メール・架空）') && m.text?.includes('（第3回）'),
      );
      expect(mail?.text).toContain('10:00–12:00');
    });
  });
  describe('mails that could not be sent, for the admin', () => {
    it('lists a failed mail at /admin/mail and sends it again once, recorded in the audit log', async () => {
      await dispatchAll();
      const event = await publishedSeminar({ title: '再送確認セミナー（架空）' });
      const who = person();
      await registerForEvent(db(), event.id, who);
      const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`);
      const settings = { transport: down, context: { baseUrl }, from: t.config.mailFrom, maxAttempts: 1 };
      expect((await dispatchMail(db(), settings)).failed).toBe(1);
      down.close();
      const [mail] = await outboxFor(who.email);

      const admin = await new TestClient(t.app).logInAs('admin');
      const page = await (await admin.get('/admin/mail')).text();
      expect(page).toContain(`data-mail="${mail?.id}"`);
      expect(page).toContain('参加確定のお知らせ');
      expect(page).toContain('ECONNREFUSED');
      // staff of the events see the participants, not the outbox
      expect((await (await new TestClient(t.app).logInAs('bista')).get('/admin/mail')).status).toBe(403);

      const [first, second] = [
        await admin.postForm(`/admin/mail/${mail?.id}/retry`, {}),
        await admin.postForm(`/admin/mail/${mail?.id}/retry`, {}),
      ];
      expect([first.status, second.status]).toEqual([303, 303]);
      const [back] = await outboxFor(who.email);
      expect(back).toMatchObject({ status: 'pending', attempts: 0 });
      const audit = await db().select().from(auditLog).where(eq(auditLog.action, 'mail.retry'));
      expect(audit.filter((a) => a.entityKey === String(mail?.id))).toHaveLength(1);
      expect(await (await admin.get('/admin/audit?entityType=mail')).text()).toContain('メールの再送');
      expect((await dispatchAll()).sent).toBeGreaterThanOrEqual(1);
      const [sent] = await outboxFor(who.email);
      expect(sent?.status).toBe('sent');
      expect(await (await admin.get('/admin/mail')).text()).not.toContain(`data-mail="${mail?.id}"`);
    });
  });

  describe('a message from the staff to the participants', () => {
    it('previews how many receive it, then sends one mail each, once for a form sent twice', async () => {
      const event = await publishedSeminar({ capacity: 2, title: 'お知らせ確認セミナー（架空）' });
      const [a, b, c] = [person(), person(), person()];
      for (const p of [a, b, c]) await registerForEvent(db(), event.id, p);
      const staffClient = await new TestClient(t.app).logInAs('bista');
      const form = await (await staffClient.get(`/events/manage/${event.id}/message`)).text();
      expect(form).toContain('参加が確定している方（2人）');
      expect(form).toContain('キャンセル待ちの方（1人）');
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)?.[1] ?? '';
      expect(key).not.toBe('');
      const values = {
        audience: 'confirmed',
        subject: '会場変更のお知らせ',
        body: '会場が2階の大会議室に変わりました。',
        idempotencyKey: key,
      };
      const preview = await staffClient.postForm(`/events/manage/${event.id}/message`, {
        ...values,
        step: 'preview',
      });
      expect(preview.status).toBe(200);
      expect(await preview.text()).toContain('data-recipients="2"');
      expect(await db().select().from(eventMessages).where(eq(eventMessages.eventId, event.id))).toEqual([]);

      const sends = await Promise.all([
        staffClient.postForm(`/events/manage/${event.id}/message`, { ...values, step: 'send' }),
        staffClient.postForm(`/events/manage/${event.id}/message`, { ...values, step: 'send' }),
      ]);
      expect(sends.map((r) => r.status)).toEqual([303, 303]);
      const messages = await db().select().from(eventMessages).where(eq(eventMessages.eventId, event.id));
      expect(messages).toHaveLength(1);
      expect(messages[0]?.recipients).toBe(2);
      for (const p of [a, b]) {
        expect((await outboxFor(p.email)).map((m) => m.template)).toEqual([
          'event.confirmation',
          'event.message',
        ]);
      }
      expect((await outboxFor(c.email)).map((m) => m.template)).toEqual(['event.waiting']);
      const audit = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'event.message'), eq(auditLog.entityKey, String(event.id))));
      expect(audit).toHaveLength(1);
      const log = await (
        await (await new TestClient(t.app).logInAs('admin')).get('/admin/audit?entityType=event')
      ).text();
      expect(log).toContain('参加者へのお知らせ');

      await dispatchAll();
      const mail = (await folder.read()).find(
        (m) => m.subject === '会場変更のお知らせ（お知らせ確認セミナー（架空））' && m.text?.includes(a.name),
      );
      expect(mail?.text).toContain('会場が2階の大会議室に変わりました。');
    });

    it('refuses an empty subject, or a group with nobody in it, and sends nothing', async () => {
      const event = await publishedSeminar();
      await registerForEvent(db(), event.id, person());
      const staffClient = await new TestClient(t.app).logInAs('bista');
      const before = await db().select().from(mailOutbox);
      const empty = await staffClient.postForm(`/events/manage/${event.id}/message`, {
        audience: 'confirmed',
        subject: ' ',
        body: '本文',
        idempotencyKey: 'empty-subject-form',
        step: 'send',
      });
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('件名: 件名を入力してください');
      const nobody = await staffClient.postForm(`/events/manage/${event.id}/message`, {
        audience: 'attended',
        subject: 'ご参加ありがとうございました',
        body: 'アンケートにご協力ください。',
        idempotencyKey: 'nobody-attended-form',
        step: 'preview',
      });
      expect(nobody.status).toBe(422);
      expect(await nobody.text()).toContain('この送り先に当てはまる参加者がいません');
      expect(await db().select().from(mailOutbox)).toHaveLength(before.length);
    });
  });

  describe('my registrations', () => {
    it('lists the registrations made with the account, with the links to their tickets', async () => {
      const resident = await actorOf(t, 'resident');
      const account = { id: resident.accountId as number, displayName: resident.name };
      const soon = await publishedSeminar({ title: '私の申し込みセミナー（架空）', capacity: 1 });
      const full = await publishedSeminar({ title: '満席のセミナー（架空）', capacity: 1 });
      await registerForEvent(db(), full.id, person());
      const mine = await registerForEvent(
        db(),
        soon.id,
        { ...person(), email: 'resident@demo.tsunagu.example' },
        { account },
      );
      const waiting = await registerForEvent(
        db(),
        full.id,
        { ...person(), email: 'resident@demo.tsunagu.example' },
        { account },
      );
      const dropped = await publishedSeminar({ title: '取り消したセミナー（架空）' });
      const gone = await registerForEvent(
        db(),
        dropped.id,
        { ...person(), email: 'resident@demo.tsunagu.example' },
        { account },
      );
      await cancelRegistration(db(), gone.registration.cancelToken);
      // someone else's registration is not shown
      const other = await registerForEvent(db(), soon.id, person());

      const client = await new TestClient(t.app).logInAs('resident');
      const response = await client.get('/events/my');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain(`href="/events/registrations/${mine.registration.cancelToken}"`);
      expect(html).toContain(`data-own-registration="${waiting.registration.id}" data-status="waiting"`);
      expect(html).toContain('キャンセル待ち 1番目');
      expect(html).toContain(`data-own-registration="${gone.registration.id}" data-status="cancelled"`);
      expect(html).not.toContain(`href="/events/registrations/${gone.registration.cancelToken}"`);
      expect(html).not.toContain(`data-own-registration="${other.registration.id}"`);
      expect(html.indexOf('id="upcoming"')).toBeLessThan(
        html.indexOf(`data-own-registration="${mine.registration.id}"`),
      );
      expect(html.indexOf('id="cancelled"')).toBeLessThan(
        html.indexOf(`data-own-registration="${gone.registration.id}"`),
      );
    });
  });
});
