import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { emailAddress, parseInput } from '../../platform/validation';
import { lockEventOf } from './event-service';
import { notTheOrganiser, runsEvent } from './organiser-access';
import {
  phoneText,
  RegistrationSchema,
  registrationLabels,
  registrationNotFound,
} from './registration-service';
import { eventRegistrations } from './schema';

/** Who a participant is and how to reach them, as the organiser corrects it. */
export interface ParticipantDetails {
  name: string;
  kana: string;
  email: string;
  phone: string;
}

const fields = ['name', 'kana', 'email', 'phone'] as const;

/**
 * The organiser corrects a participant's name, reading, e-mail or phone (a typo told on the phone,
 * a paper form read wrongly). The same checks as registering; an e-mail address may be left out
 * only by a walk-in who gave none, and two registrations of one event never share one. The audit
 * log says which fields changed, not to what: they are personal data. Correcting to the same
 * details changes nothing and logs nothing.
 */
export async function correctParticipant(
  db: Db,
  actor: Actor,
  eventId: number,
  registrationId: number,
  details: ParticipantDetails,
): Promise<'corrected' | 'unchanged'> {
  return db.transaction(async (tx) => {
    // the event first, as every write of the module does
    const event = await lockEventOf(tx, actor, eventId);
    if (!runsEvent(actor, event)) throw notTheOrganiser;
    const [before] = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)))
      .for('update');
    if (!before) throw registrationNotFound;
    const schema = z.object({
      name: RegistrationSchema.shape.name,
      kana: RegistrationSchema.shape.kana,
      email:
        before.email === null
          ? z.preprocess((v) => (v === '' || v === undefined ? null : v), emailAddress().nullable())
          : emailAddress(),
      phone: phoneText.default(null),
    });
    const data = parseInput(schema, details, registrationLabels);
    if (data.email && data.email !== before.email) {
      const [other] = await tx
        .select({ id: eventRegistrations.id })
        .from(eventRegistrations)
        .where(
          and(
            eq(eventRegistrations.eventId, eventId),
            eq(eventRegistrations.email, data.email),
            ne(eventRegistrations.status, 'cancelled'),
            ne(eventRegistrations.id, registrationId),
          ),
        );
      if (other) {
        throw new UserError('already_registered', 409, {
          ja: `メールアドレス: このアドレスでは申込番号${other.id}の方がすでに申し込んでいます。`,
          en: `E-mail: registration no. ${other.id} already uses this address.`,
        });
      }
    }
    const changed = fields.filter((f) => (before[f] ?? null) !== (data[f] ?? null));
    if (changed.length === 0) return 'unchanged';
    await tx
      .update(eventRegistrations)
      .set({ name: data.name, kana: data.kana, email: data.email, phone: data.phone })
      .where(eq(eventRegistrations.id, registrationId));
    await recordAudit(tx, actor, {
      action: 'event_registration.correct',
      entityType: 'event',
      entityKey: String(eventId),
      before: { registrationId },
      after: { registrationId, corrected: changed.map((f) => registrationLabels[f].ja).join('・') },
    });
    return 'corrected';
  });
}
