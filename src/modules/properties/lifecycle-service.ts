import { and, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { todayInJapan } from '../../platform/fiscal-year';
import { accounts } from '../../platform/schema';
import { bilingual, fieldProblem, parseInput } from '../../platform/validation';
import { readBusiness } from '../businesses';
import { keptListing } from './listing-service';
import { confirmAvailabilityMail } from './mails';
import { type PropertyStage, properties } from './schema';

/** Untouched this long, a listing asks its poster whether it is still available … */
export const askAfterDays = 60;
/** … and is hidden this long after the question without an answer. */
export const hideAfterDays = 14;

const dayMs = 86_400_000;

/** Where a listing may go from where it is: 募集中 ⇄ 商談中, either → 成約 or 取下げ; those two are final. */
const nextStages: Record<PropertyStage, readonly PropertyStage[]> = {
  open: ['negotiating', 'contracted', 'withdrawn'],
  negotiating: ['open', 'contracted', 'withdrawn'],
  contracted: [],
  withdrawn: [],
};

export const stageLabels = {
  stage: { ja: '状況', en: 'Status' },
  contractedOn: { ja: '成約日', en: 'Contracted on' },
  movedInBusinessId: { ja: '入居した事業者（事業者番号）', en: 'Business that moved in (number)' },
  startup: { ja: '創業', en: 'Start-up' },
};

const StageSchema = z.object({
  stage: z.enum(
    ['open', 'negotiating', 'contracted', 'withdrawn'],
    bilingual('状況を選んでください。', 'Choose a status.'),
  ),
  contractedOn: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}$/,
        bilingual('日付を「2027-04-01」の形で入力してください。', 'Give a date as 2027-04-01.'),
      )
      .nullable(),
  ),
  movedInBusinessId: z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFKC').trim() || null : (v ?? null)),
    z
      .string()
      .regex(
        /^\d{1,9}$/,
        bilingual(
          '事業者の番号を数字で入力してください（事業者のページのURLの数字）。',
          'Give the business number (the digits in its page address).',
        ),
      )
      .nullable(),
  ),
  startup: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
});

/**
 * The poster moves a listing on: 商談中 when someone is negotiating, back to 募集中 when it fell
 * through, 成約 (with the day, the business that moved in when it is in the directory, and whether it
 * opened as a start-up) or 取下げ. Both last ones take it off the public list. Audited; the same
 * status again changes nothing.
 */
export async function changeStage(
  db: Db,
  actor: Actor,
  propertyId: number,
  values: Record<string, unknown>,
): Promise<'changed' | 'unchanged'> {
  const input = parseInput(StageSchema, values, stageLabels);
  const contracted = input.stage === 'contracted';
  const movedInBusinessId = contracted && input.movedInBusinessId ? Number(input.movedInBusinessId) : null;
  if (movedInBusinessId !== null) {
    // only a business of the directory, read through the businesses module, before the transaction
    // (PGlite has one connection)
    await readBusiness(db, actor, actor.municipalityCode, movedInBusinessId).catch(() => {
      throw fieldProblem('movedInBusinessId', stageLabels.movedInBusinessId, {
        ja: 'この番号の事業者は事業者一覧にありません。空欄でも成約にできます。',
        en: 'No business of the directory has this number. Leave it empty if it is not listed.',
      });
    });
  }
  return db.transaction(async (tx) => {
    const row = await keptListing(tx, actor, propertyId);
    if (row.stage === input.stage) return 'unchanged' as const;
    if (!nextStages[row.stage].includes(input.stage)) {
      throw fieldProblem('stage', stageLabels.stage, {
        ja: '成約・取下げの物件の状況は変えられません。もう一度募集するときは新しく掲載してください。',
        en: 'A contracted or withdrawn listing stays so. List the property again to offer it anew.',
      });
    }
    const contractedOn = contracted ? (input.contractedOn ?? todayInJapan()) : null;
    if (contractedOn && contractedOn > todayInJapan()) {
      throw fieldProblem('contractedOn', stageLabels.contractedOn, {
        ja: '成約日は今日までの日付にしてください。',
        en: 'The contract day cannot be in the future.',
      });
    }
    const next = {
      stage: input.stage,
      contractedOn,
      movedInBusinessId,
      startup: contracted && input.startup,
    };
    const now = new Date();
    await tx
      .update(properties)
      .set({ ...next, updatedAt: now, confirmedAt: now, confirmationAskedAt: null, hiddenAt: null })
      .where(eq(properties.id, row.id));
    await recordAudit(tx, actor, {
      action: 'property.stage',
      entityType: 'property',
      entityKey: String(row.id),
      before: { stage: row.stage },
      after: contracted ? next : { stage: input.stage },
    });
    return 'changed' as const;
  });
}

/** The poster says the listing is still as listed: asked anew only after 60 more days; shown again if hidden. */
export async function confirmStillAvailable(db: Db, actor: Actor, propertyId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await keptListing(tx, actor, propertyId);
    await tx
      .update(properties)
      .set({ confirmedAt: new Date(), confirmationAskedAt: null, hiddenAt: null })
      .where(eq(properties.id, row.id));
    await recordAudit(tx, actor, {
      action: 'property.confirm',
      entityType: 'property',
      entityKey: String(row.id),
      before: row.hiddenAt ? { hidden: true } : undefined,
      after: { hidden: false },
    });
  });
}

/**
 * No stale listings (run by the server every hour; tests pass `now`): an approved listing 募集中 or
 * 商談中 that nobody has changed or confirmed for 60 days asks its poster by mail whether it is still
 * available; 14 days after the question without an answer it is hidden from the public until the
 * poster confirms. Each question is mailed once (its dedupe key names the listing and the day it
 * was last confirmed), whatever the rate or the number of processes.
 */
export async function reviewStaleListings(
  db: Db,
  options: { now?: Date } = {},
): Promise<{ asked: number; hidden: number }> {
  const now = options.now ?? new Date();
  const live = and(
    eq(properties.approval, 'approved'),
    inArray(properties.stage, ['open', 'negotiating']),
    isNull(properties.hiddenAt),
  );
  const stale = await db
    .select({ listing: properties, email: accounts.email })
    .from(properties)
    .innerJoin(accounts, eq(accounts.id, properties.posterAccountId))
    .where(
      and(
        live,
        isNull(properties.confirmationAskedAt),
        lte(properties.confirmedAt, new Date(now.getTime() - askAfterDays * dayMs)),
      ),
    );
  for (const { listing, email } of stale) {
    await db.transaction(async (tx) => {
      await tx.update(properties).set({ confirmationAskedAt: now }).where(eq(properties.id, listing.id));
      await confirmAvailabilityMail.enqueue(tx, {
        to: email,
        municipalityCode: listing.municipalityCode,
        params: {
          propertyId: listing.id,
          title: listing.title,
          hideOn: todayInJapan(new Date(now.getTime() + hideAfterDays * dayMs)),
        },
        dedupeKey: `properties.confirm:${listing.id}:${listing.confirmedAt.toISOString()}`,
      });
    });
  }
  const unanswered = await db
    .select()
    .from(properties)
    .where(
      and(
        live,
        isNotNull(properties.confirmationAskedAt),
        lte(properties.confirmationAskedAt, new Date(now.getTime() - hideAfterDays * dayMs)),
      ),
    );
  for (const listing of unanswered) {
    await db.transaction(async (tx) => {
      await tx.update(properties).set({ hiddenAt: now }).where(eq(properties.id, listing.id));
      await recordAudit(
        tx,
        { accountId: null, name: 'つなぐ（自動）', municipalityCode: listing.municipalityCode },
        {
          action: 'property.hide',
          entityType: 'property',
          entityKey: String(listing.id),
          before: { hidden: false },
          after: { hidden: true },
        },
      );
    });
  }
  return { asked: stale.length, hidden: unanswered.length };
}
