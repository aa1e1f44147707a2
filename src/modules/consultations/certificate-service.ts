import { and, asc, eq, max } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { emailKey, topicLecturesAttendedBy } from '../events';
import {
  assessCertifiedSupport,
  type CertifiedSupportAssessment,
  type SupportSession,
} from './certified-support';
import { fiscalYearOfDay } from './new-clients';
import { wrongKind } from './outcome-service';
import { certifiedSupportCertificates, consultationClients, consultations } from './schema';
import { type CaseRow, type ClientRow, caseFor } from './service';
import { topicNames } from './words';

/**
 * 特定創業支援等事業 on a start-up case: the person's support sessions (the case's consultations that
 * covered an area, and the 創業塾 lectures they attended, by account or e-mail address), what the
 * rule says of them, and the certificate once the city has issued it (decision 027).
 */

export type CertificateRow = typeof certifiedSupportCertificates.$inferSelect;

/** 第2026-001号 */
export const certificateNumber = (c: Pick<CertificateRow, 'fiscalYear' | 'serial'>) =>
  `第${c.fiscalYear}-${String(c.serial).padStart(3, '0')}号`;

export const notEligible = (a: CertifiedSupportAssessment) =>
  new UserError('not_eligible', 422, {
    ja: `まだ証明書を発行できません：${shortOfText(a, 'ja')}`,
    en: `The certificate cannot be issued yet: ${shortOfText(a, 'en')}`,
  });

/** What is missing, in words: "販路開拓が未受講、あと1回、1か月に満たない" */
export function shortOfText(a: CertifiedSupportAssessment, lang: 'ja' | 'en'): string {
  const parts: string[] = [];
  if (a.missing.length > 0)
    parts.push(
      lang === 'ja'
        ? `${a.missing.map((t) => topicNames[t].ja).join('・')}が未受講`
        : `${a.missing.map((t) => topicNames[t].en).join(', ')} not yet covered`,
    );
  if (a.shortOf.sessions > 0)
    parts.push(lang === 'ja' ? `あと${a.shortOf.sessions}回` : `${a.shortOf.sessions} more session(s)`);
  if (a.shortOf.month)
    parts.push(
      lang === 'ja'
        ? `支援の期間が1か月に満たない${a.monthReachedOn ? `（${a.monthReachedOn}以降の支援が必要）` : ''}`
        : `support has not yet lasted a month${a.monthReachedOn ? ` (a session on or after ${a.monthReachedOn} is needed)` : ''}`,
    );
  return parts.join(lang === 'ja' ? '、' : '; ');
}

async function sessionsOf(q: Queryable, caseRow: CaseRow, client: ClientRow): Promise<SupportSession[]> {
  const [held, lectures] = await Promise.all([
    q
      .select({
        on: consultations.heldOn,
        topics: consultations.supportTopics,
        counsellor: consultations.counsellorName,
      })
      .from(consultations)
      .where(eq(consultations.caseId, caseRow.id))
      .orderBy(asc(consultations.heldOn)),
    topicLecturesAttendedBy(q, caseRow.municipalityCode, {
      accountId: client.accountId,
      email: emailKey(client.contact),
    }),
  ]);
  return [
    ...held.map((c) => ({
      on: c.on,
      topics: c.topics,
      source: 'consultation' as const,
      label: `相談（${c.counsellor}） / consultation`,
    })),
    ...lectures.map((l) => ({
      on: l.on,
      topics: [l.topic],
      source: 'lecture' as const,
      label: `${l.eventTitle} 第${l.number}回 / lecture ${l.number}`,
    })),
  ];
}

async function clientOf(q: Queryable, caseRow: CaseRow): Promise<ClientRow> {
  const [client] = await q
    .select()
    .from(consultationClients)
    .where(eq(consultationClients.id, caseRow.clientId));
  if (!client) throw new Error('case without a person');
  return client;
}

const certificateOf = async (q: Queryable, caseId: number) =>
  (
    await q.select().from(certifiedSupportCertificates).where(eq(certifiedSupportCertificates.caseId, caseId))
  )[0];

/** The case's support as the rule reads it, and its certificate if issued; for the case's counsellors. */
export async function certifiedSupportOfCase(q: Queryable, caseRow: CaseRow) {
  if (caseRow.kind !== 'startup') return undefined;
  const client = await clientOf(q, caseRow);
  const [sessions, certificate] = await Promise.all([
    sessionsOf(q, caseRow, client),
    certificateOf(q, caseRow.id),
  ]);
  return { assessment: assessCertifiedSupport(sessions), certificate };
}

export const cityOnly = new UserError('certificate_city_only', 403, {
  ja: '証明書は市（商工観光課）が発行します。市の管理者のアカウントで操作してください。',
  en: 'The city issues the certificates: use a city administrator account.',
});

/**
 * The city issues the certificate of a start-up case whose person meets the rule: numbered
 * 第<年度>-<連番>号 per fiscal year, one per case. Issuing again gives the same certificate.
 */
export async function issueCertificate(
  db: Db,
  actor: Actor,
  caseId: number,
  options: { now?: Date } = {},
): Promise<{ certificate: CertificateRow; issued: boolean }> {
  if (actor.role !== 'admin') throw cityOnly;
  const caseRow = await caseFor(db, actor, caseId);
  if (caseRow.kind !== 'startup')
    throw wrongKind(caseRow, 'startup', { ja: '特定創業支援等事業の証明書', en: 'A certificate' });
  const support = await certifiedSupportOfCase(db, caseRow);
  if (support?.certificate) return { certificate: support.certificate, issued: false };
  if (!support?.assessment.eligible) throw notEligible(support?.assessment ?? assessCertifiedSupport([]));
  const { assessment } = support;
  const client = await clientOf(db, caseRow);
  const issuedOn = todayInJapan(options.now);
  const fiscalYear = fiscalYearOfDay(issuedOn);
  // two certificates issued at once may take the same number: the second tries the next one
  for (let attempt = 0; attempt < 5; attempt++) {
    const written = await db.transaction(async (tx) => {
      const [last] = await tx
        .select({ serial: max(certifiedSupportCertificates.serial) })
        .from(certifiedSupportCertificates)
        .where(
          and(
            eq(certifiedSupportCertificates.municipalityCode, caseRow.municipalityCode),
            eq(certifiedSupportCertificates.fiscalYear, fiscalYear),
          ),
        );
      const [row] = await tx
        .insert(certifiedSupportCertificates)
        .values({
          municipalityCode: caseRow.municipalityCode,
          fiscalYear,
          serial: (last?.serial ?? 0) + 1,
          caseId: caseRow.id,
          personName: client.name,
          issuedOn,
          topics: assessment.covered,
          sessions: assessment.sessions.length,
          firstOn: assessment.firstOn as string,
          lastOn: assessment.lastOn as string,
          issuedBy: actor.accountId,
          issuedByName: actor.name,
        })
        .onConflictDoNothing()
        .returning();
      if (row)
        await recordAudit(tx, actor, {
          action: 'certified_support.issue',
          entityType: 'consultation_case',
          entityKey: String(caseRow.id),
          after: {
            number: certificateNumber(row),
            sessions: row.sessions,
            firstOn: row.firstOn,
            lastOn: row.lastOn,
          },
        });
      return row;
    });
    if (written) return { certificate: written, issued: true };
    const same = await certificateOf(db, caseRow.id);
    if (same) return { certificate: same, issued: false };
  }
  throw new Error('no certificate number could be taken');
}

/** The register of issued certificates, for the city. */
export async function listCertificates(q: Queryable, actor: Actor): Promise<CertificateRow[]> {
  if (actor.role !== 'admin') throw cityOnly;
  return q
    .select()
    .from(certifiedSupportCertificates)
    .where(eq(certifiedSupportCertificates.municipalityCode, actor.municipalityCode))
    .orderBy(asc(certifiedSupportCertificates.fiscalYear), asc(certifiedSupportCertificates.serial));
}

/** One certificate, for the city and the counsellors of its case. */
export async function readCertificate(q: Queryable, actor: Actor, id: number): Promise<CertificateRow> {
  const [row] = await q
    .select()
    .from(certifiedSupportCertificates)
    .where(eq(certifiedSupportCertificates.id, id));
  if (!row || row.municipalityCode !== actor.municipalityCode)
    throw new UserError('not_found', 404, { ja: '証明書が見つかりません。', en: 'No such certificate.' });
  await caseFor(q, actor, row.caseId);
  return row;
}
