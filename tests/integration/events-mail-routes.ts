import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { mailOutbox } from '../../src/platform/mail/schema';
import type { TestInstance } from '../support/harness';
import { everyone, type Who } from './helpers';

/**
 * The routes of mail and tickets in the role × route matrix of roles.test.ts: a person's own
 * registrations for anyone with an account; messages to participants for the event's organiser
 * and admins (the participants are personal data); the outbox for city staff only.
 */
const withAccount = everyone.filter((who) => who !== 'visitor');
const eventRunners: Who[] = ['admin', 'bista'];
const cityStaff: Who[] = ['admin'];

const ids = { eventId: 0, mailId: 0 };

/** The matrix's published event (organised by Bi@Sta) and the mail of its first registration. */
export async function prepareMailRoutes(t: TestInstance, eventId: number): Promise<void> {
  ids.eventId = eventId;
  const [first] = await t.database.db.select().from(mailOutbox).orderBy(asc(mailOutbox.id)).limit(1);
  if (!first) throw new Error('the matrix registration enqueued no mail');
  await t.database.db.update(mailOutbox).set({ status: 'failed' }).where(eq(mailOutbox.id, first.id));
  ids.mailId = first.id;
}

export const mailRouteRules = [
  {
    route: 'GET /events/my',
    path: '/events/my',
    allowed: withAccount,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain('申し込んだイベント'),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/message',
    path: () => `/events/manage/${ids.eventId}/message`,
    allowed: eventRunners,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toMatch(/参加が確定している方（\d+人）/),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/message',
    path: () => `/events/manage/${ids.eventId}/message`,
    allowed: eventRunners,
    ok: 303,
    form: (who: Who) => ({
      audience: 'confirmed',
      subject: `行列テスト ${who}`,
      body: 'お知らせの本文（架空）',
      idempotencyKey: `roles-matrix-message-${who}`,
      step: 'send',
    }),
  },
  { route: 'GET /admin/mail', path: '/admin/mail', allowed: cityStaff, ok: 200 },
  {
    route: 'POST /admin/mail/:id{[0-9]+}/retry',
    path: () => `/admin/mail/${ids.mailId}/retry`,
    allowed: cityStaff,
    ok: 303,
    form: () => ({}),
  },
];
