import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { bilingual, describeProblems, formInvalid } from '../../platform/validation';
import { findBusinesses, readBusiness } from '../businesses';
import { wrongKind } from './outcome-service';
import { consultationCases } from './schema';
import { type CaseRow, caseFor } from './service';

/**
 * A start-up case closed as 創業 is linked to the business it became in the directory (issue 5), so
 * that Bi@Sta sees which of its start-ups are listed and the directory's page is one click from the
 * case. The business is found and checked through the businesses module only.
 */

const labels = { businessId: { ja: 'ディレクトリの事業者', en: 'Business in the directory' } };

const LinkSchema = z.object({
  // '' unlinks
  businessId: z.union([
    z.literal('').transform(() => null),
    z.coerce
      .number(bilingual('一覧から選んでください。', 'Choose one from the list.'))
      .int(bilingual('一覧から選んでください。', 'Choose one from the list.'))
      .positive(bilingual('一覧から選んでください。', 'Choose one from the list.')),
  ]),
});

const problem = (ja: string, en: string) =>
  formInvalid([
    {
      field: 'businessId',
      message: { ja: `${labels.businessId.ja}: ${ja}`, en: `${labels.businessId.en}: ${en}` },
    },
  ]);

/** Links (or, with '', unlinks) the directory's business a started case became. */
export async function linkStartupBusiness(
  db: Db,
  actor: Actor,
  caseId: number,
  input: { businessId?: unknown },
): Promise<{ caseRow: CaseRow; changed: boolean }> {
  const caseRow = await caseFor(db, actor, caseId);
  if (caseRow.kind !== 'startup')
    throw wrongKind(caseRow, 'startup', { ja: '事業者との結びつき', en: 'A business link' });
  const parsed = LinkSchema.safeParse(input);
  if (!parsed.success) throw formInvalid(describeProblems(LinkSchema, input, labels));
  const { businessId } = parsed.data;
  if (!caseRow.startedOn) throw problem('先に創業日を記録してください。', 'Record the start-up date first.');
  if (businessId !== null) {
    const found = await readBusiness(db, actor, caseRow.municipalityCode, businessId).catch((error) => {
      if (error instanceof UserError && error.status === 404) return undefined;
      throw error;
    });
    if (!found)
      throw problem('ディレクトリにこの事業者はありません。', 'The directory has no such business.');
  }
  if (caseRow.businessId === businessId) return { caseRow, changed: false };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(consultationCases)
      .set({ businessId })
      .where(eq(consultationCases.id, caseRow.id))
      .returning();
    if (!updated) throw new Error('case vanished');
    await recordAudit(tx, actor, {
      action: 'consultation_case.business',
      entityType: 'consultation_case',
      entityKey: String(caseRow.id),
      before: { businessId: caseRow.businessId },
      after: { businessId },
    });
    return { caseRow: updated, changed: true };
  });
}

/** What the case page shows of the link: the linked business, or those the directory finds by name. */
export async function startupBusinessOf(db: Db, actor: Actor, caseRow: CaseRow, search: string | undefined) {
  if (caseRow.kind !== 'startup' || !caseRow.startedOn) return undefined;
  if (caseRow.businessId !== null) {
    const linked = await readBusiness(db, actor, caseRow.municipalityCode, caseRow.businessId).catch(
      () => undefined,
    );
    if (linked) return { linked: { id: linked.id, name: linked.name }, candidates: [], search: '' };
  }
  const q = (search ?? caseRow.businessName).trim().slice(0, 100);
  const candidates = q
    ? (
        await findBusinesses(db, caseRow.municipalityCode, { q, industry: '', area: '', tag: '', page: 1 })
      ).businesses
        .slice(0, 8)
        .map((b) => ({ id: b.id, name: b.name }))
    : [];
  return { linked: undefined, candidates, search: q };
}
