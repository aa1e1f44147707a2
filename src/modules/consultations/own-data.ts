import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import type { Account } from '../../platform/auth/accounts';
import {
  consultationCases,
  consultationClients,
  consultationMilestones,
  consultations,
  loanUses,
} from './schema';

/**
 * Everything the counselling organisations hold on a person with an account, for the person
 * themselves (個人情報保護法: a person may ask for what is held on them): each organisation's record
 * of them, their cases, every consultation as the counsellor wrote it, outcomes and loan uses.
 */
export async function dataHeldOn(q: Queryable, account: Account) {
  const clients = await q
    .select()
    .from(consultationClients)
    .where(eq(consultationClients.accountId, account.id))
    .orderBy(asc(consultationClients.id));
  const mine = clients.filter((c) => c.municipalityCode === account.municipalityCode);
  const clientIds = mine.map((c) => c.id);
  const cases =
    clientIds.length === 0
      ? []
      : await q
          .select()
          .from(consultationCases)
          .where(inArray(consultationCases.clientId, clientIds))
          .orderBy(asc(consultationCases.id));
  const caseIds = cases.map((c) => c.id);
  const [rows, milestones, loans] =
    caseIds.length === 0
      ? [[], [], []]
      : await Promise.all([
          q
            .select()
            .from(consultations)
            .where(inArray(consultations.caseId, caseIds))
            .orderBy(asc(consultations.heldOn), asc(consultations.id)),
          q
            .select()
            .from(consultationMilestones)
            .where(inArray(consultationMilestones.caseId, caseIds))
            .orderBy(asc(consultationMilestones.id)),
          q.select().from(loanUses).where(inArray(loanUses.caseId, caseIds)).orderBy(asc(loanUses.id)),
        ]);
  return {
    account: { email: account.email, displayName: account.displayName },
    records: mine.map((client) => ({
      organisation: client.organisation,
      name: client.name,
      kana: client.kana,
      contact: client.contact,
      recordedSince: client.createdAt,
      cases: cases
        .filter((c) => c.clientId === client.id)
        .map((c) => ({
          caseNumber: c.id,
          kind: c.kind,
          openedOn: c.openedOn,
          startedOn: c.startedOn,
          businessName: c.businessName,
          successionStage: c.successionStage,
          referredOn: c.referredOn,
          consultations: rows
            .filter((r) => r.caseId === c.id)
            .map((r) => ({
              heldOn: r.heldOn,
              counsellor: r.counsellorName,
              discussed: r.discussed,
              nextStep: r.nextStep,
              followUpOn: r.followUpOn,
            })),
          milestones: milestones
            .filter((m) => m.caseId === c.id)
            .map((m) => ({ kind: m.kind, value: m.value, onDate: m.onDate, note: m.note })),
          loanUses: loans
            .filter((l) => l.caseId === c.id)
            .map((l) => ({
              programme: l.programme,
              borrower: l.borrower,
              usedOn: l.usedOn,
              amountYen: l.amountYen,
            })),
        })),
    })),
  };
}
export type DataHeldOn = Awaited<ReturnType<typeof dataHeldOn>>;
