import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type Db, openDatabase } from '../../src/db/connection';
import { createEvent, type EventInput, publishEvent } from '../../src/modules/events/event-service';
import { cancelRegistration, registerForEvent } from '../../src/modules/events/registration-service';
import { enqueueEventReminders } from '../../src/modules/events/reminders';
import { eventRegistrations } from '../../src/modules/events/schema';
import type { Actor } from '../../src/platform/audit';
import { dispatchMail } from '../../src/platform/mail/dispatcher';
import { mailOutbox } from '../../src/platform/mail/schema';
import { createMailService } from '../../src/platform/mail/service';
import { type MailMessage, type MailTransport, smtpTransport } from '../../src/platform/mail/transport';
import { testDatabaseKinds } from '../support/databases';
import type { TestInstance } from '../support/harness';
import { closedPort, decodeQrPng, mailFolder } from '../support/mail';
import { actorOf, startInstance } from './helpers';

const choices = { organisations: [{ code: 'bista' }], categories: [{ code: 'succession-seminar' }] };
const baseUrl = 'https://tsunagu.example.jp';

function daysFromNow(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

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
        if (kind === 'postgres') expect(one.sent.length * two.sent.length).toBeGreaterThan(0);
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
});
