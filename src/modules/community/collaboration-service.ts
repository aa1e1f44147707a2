import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import type { Text } from '../../platform/i18n';
import { bilingual, fieldProblem, parseInput, requiredText, trimmedText } from '../../platform/validation';
import { readBusiness } from '../businesses';
import type { Plan } from '../plan';
import {
  type CollaborationKind,
  type CollaborationRow,
  collaborationKinds,
  communityCollaborations,
} from './schema';

/**
 * 産学連携 (3-2): support staff and the city record each effort with the university (商品開発,
 * 事業化, 情報発信), its partners and outcome, in a fiscal year. Each counts 1 支援件数 of
 * `community.collaborations` (metrics.ts).
 */

export const collaborationLabels: Record<string, Text> = {
  kind: { ja: '種類', en: 'Kind' },
  title: { ja: '取組の名前', en: 'Name of the effort' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  university: { ja: '大学', en: 'University' },
  partnerBusinessIds: { ja: '連携した事業者', en: 'Partner businesses' },
  partnersText: { ja: 'その他の連携先', en: 'Other partners' },
  outcome: { ja: '成果', en: 'Outcome' },
};

const typedYear = (v: unknown) =>
  typeof v === 'string' && /^\d{4}$/.test(v.normalize('NFKC').trim())
    ? Number(v.normalize('NFKC').trim())
    : v;

function collaborationSchema(plan: Plan) {
  const universities = plan.file.organisations.map((o) => o.code);
  return z.object({
    kind: z.enum(
      collaborationKinds,
      bilingual('種類を一覧から選んでください。', 'Choose a kind from the list.'),
    ),
    title: requiredText(100, '取組の名前を入力してください。', 'Enter the name of the effort.'),
    fiscalYear: z.preprocess(
      typedYear,
      z
        .number(bilingual('年度を一覧から選んでください。', 'Choose a fiscal year from the list.'))
        .int()
        .refine(
          (y) => y >= 2000 && y <= Math.max(...plan.fiscalYears),
          bilingual(
            '計画の年度か、それより前の年度を選んでください。',
            'Choose a year of the plan or before.',
          ),
        ),
    ),
    university: z.preprocess(
      (v) => (v === '' || v === undefined ? null : v),
      z
        .string()
        .refine(
          (u) => universities.includes(u),
          bilingual('大学を一覧から選んでください。', 'Choose the university from the list.'),
        )
        .nullable(),
    ),
    partnerBusinessIds: z.preprocess(
      (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(
          z.preprocess(
            (id) => (typeof id === 'string' && /^\d{1,9}$/.test(id) ? Number(id) : id),
            z.number(bilingual('事業者を一覧から選んでください。', 'Choose businesses from the list.')).int(),
          ),
        )
        .max(10, bilingual('事業者は10件まで選べます。', 'Choose at most 10 businesses.')),
    ),
    partnersText: trimmedText(200),
    outcome: trimmedText(1000),
  });
}

export type CollaborationInput = z.output<ReturnType<typeof collaborationSchema>>;

const reloadForm = new UserError('invalid_input', 422, {
  ja: 'フォームを読み込み直してから、もう一度送信してください。',
  en: 'Reload the form and send it again.',
});

const noPartner = fieldProblem('partnerBusinessIds', collaborationLabels.partnerBusinessIds as Text, {
  ja: '連携した事業者を選ぶか、その他の連携先を書いてください。',
  en: 'Choose a partner business, or write the other partners.',
});

/**
 * Staff record a collaboration. Every partner business must be a public business of the directory;
 * the same form sent twice (its idempotency key) records it once.
 */
export async function recordCollaboration(
  db: Db,
  actor: Actor,
  plan: Plan,
  values: Record<string, unknown>,
): Promise<{ collaboration: CollaborationRow; created: boolean }> {
  const key = String(values.idempotencyKey ?? '').trim();
  if (!/^[\w-]{8,100}$/.test(key)) throw reloadForm;
  const input = parseInput(collaborationSchema(plan), values, collaborationLabels);
  const partners = [...new Set(input.partnerBusinessIds)];
  if (partners.length === 0 && input.partnersText === '') throw noPartner;
  for (const id of partners) {
    await readBusiness(db, undefined, actor.municipalityCode, id).catch(() => {
      throw fieldProblem('partnerBusinessIds', collaborationLabels.partnerBusinessIds as Text, {
        ja: '事業者の一覧に載っている事業者を選んでください。',
        en: 'Choose businesses listed in the directory.',
      });
    });
  }
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(communityCollaborations)
      .values({
        ...input,
        partnerBusinessIds: partners,
        municipalityCode: actor.municipalityCode,
        recordedBy: actor.accountId,
        idempotencyKey: key,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [again] = await tx
        .select()
        .from(communityCollaborations)
        .where(
          and(
            eq(communityCollaborations.municipalityCode, actor.municipalityCode),
            eq(communityCollaborations.idempotencyKey, key),
          ),
        );
      return { collaboration: again as CollaborationRow, created: false };
    }
    await recordAudit(tx, actor, {
      action: 'collaboration.record',
      entityType: 'collaboration',
      entityKey: String(created.id),
      after: { ...input, partnerBusinessIds: partners },
    });
    return { collaboration: created, created: true };
  });
}

/** The collaborations of a fiscal year (all years when none is given), newest year first. */
export function collaborationsOf(q: Queryable, municipalityCode: string, fiscalYear?: number) {
  return q
    .select()
    .from(communityCollaborations)
    .where(
      and(
        eq(communityCollaborations.municipalityCode, municipalityCode),
        fiscalYear === undefined ? undefined : eq(communityCollaborations.fiscalYear, fiscalYear),
      ),
    )
    .orderBy(desc(communityCollaborations.fiscalYear), asc(communityCollaborations.id));
}

export const isCollaborationKind = (kind: string): kind is CollaborationKind =>
  (collaborationKinds as readonly string[]).includes(kind);
