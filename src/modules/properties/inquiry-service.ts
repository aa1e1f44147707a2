import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import type { Text } from '../../platform/i18n';
import { accounts } from '../../platform/schema';
import { bilingual, parseInput } from '../../platform/validation';
import { startupCaseOf } from '../consultations';
import { isPublic, keptListing, listingNotFound } from './listing-service';
import { inquiryMail } from './mails';
import { optionalYen } from './property-input';
import { type InquiryRow, properties, propertyInquiries } from './schema';

export const inquiryLabels: Record<string, Text> = {
  businessPlan: { ja: 'どんな事業をしたいか', en: 'The business you plan' },
  startingWhen: { ja: '開業したい時期', en: 'When you want to open' },
  budgetYen: { ja: '予算（月額の賃料・購入額、円）', en: 'Budget (rent a month or purchase, yen)' },
  message: { ja: '掲載者へのメッセージ', en: 'Message to the poster' },
  shareWithCounsellor: { ja: '相談員への共有', en: 'Share with your counsellor' },
};

const InquirySchema = z.object({
  businessPlan: z
    .string(bilingual('どんな事業をしたいかを書いてください。', 'Describe the business you plan.'))
    .trim()
    .min(
      1,
      bilingual(
        'どんな事業をしたいかを書いてください（例：テイクアウト中心のパン屋）。',
        'Describe the business you plan, e.g. a bakery.',
      ),
    )
    .max(1000, bilingual('1000文字以内にしてください。', 'Use at most 1000 characters.')),
  startingWhen: z
    .string(bilingual('開業したい時期を書いてください。', 'Say when you want to open.'))
    .trim()
    .min(
      1,
      bilingual(
        '開業したい時期を書いてください（例：2027年春）。',
        'Say when you want to open, e.g. spring 2027.',
      ),
    )
    .max(50, bilingual('50文字以内にしてください。', 'Use at most 50 characters.')),
  budgetYen: optionalYen,
  message: z
    .string()
    .trim()
    .max(1000, bilingual('1000文字以内にしてください。', 'Use at most 1000 characters.'))
    .default(''),
  shareWithCounsellor: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  idempotencyKey: z
    .string(bilingual('フォームを読み込み直してください。', 'Reload the form.'))
    .regex(/^[\w-]{8,100}$/, bilingual('フォームを読み込み直してください。', 'Reload the form.')),
});

const onlyApplicants = new UserError('forbidden', 403, {
  ja: '問い合わせは、地域生活者・事業者・学生のアカウントでログインして送ってください。',
  en: 'Log in with a resident, business or student account to send an inquiry.',
});

/**
 * A person starting a business asks about a public listing: what business, when, budget. The poster
 * is told by mail and reads it in Tsunagu; with the applicant's consent the counsellors of their
 * start-up case (consultations module) read it too. The same form sent twice is stored once.
 */
export async function sendInquiry(
  db: Db,
  actor: Actor,
  propertyId: number,
  values: Record<string, unknown>,
): Promise<{ inquiry: InquiryRow; created: boolean }> {
  if (actor.accountId === null || !['resident', 'business', 'student'].includes(actor.role ?? '')) {
    throw onlyApplicants;
  }
  const accountId = actor.accountId;
  const input = parseInput(InquirySchema, values, inquiryLabels);
  return db.transaction(async (tx) => {
    const [listing] = await tx.select().from(properties).where(eq(properties.id, propertyId));
    if (!listing || listing.municipalityCode !== actor.municipalityCode || !isPublic(listing))
      throw listingNotFound;
    const startupCase = input.shareWithCounsellor
      ? await startupCaseOf(tx, actor.municipalityCode, accountId)
      : undefined;
    const [created] = await tx
      .insert(propertyInquiries)
      .values({
        municipalityCode: actor.municipalityCode,
        propertyId,
        applicantAccountId: accountId,
        businessPlan: input.businessPlan,
        startingWhen: input.startingWhen,
        budgetYen: input.budgetYen,
        message: input.message,
        shareWithCounsellor: input.shareWithCounsellor,
        consultationCaseId: startupCase?.caseId ?? null,
        counsellorOrganisation: startupCase?.organisation ?? null,
        idempotencyKey: input.idempotencyKey,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [again] = await tx
        .select()
        .from(propertyInquiries)
        .where(
          and(
            eq(propertyInquiries.applicantAccountId, accountId),
            eq(propertyInquiries.idempotencyKey, input.idempotencyKey),
          ),
        );
      return { inquiry: again as InquiryRow, created: false };
    }
    await recordAudit(tx, actor, {
      action: 'property_inquiry.send',
      entityType: 'property_inquiry',
      entityKey: String(created.id),
      after: {
        propertyId,
        shareWithCounsellor: input.shareWithCounsellor,
        consultationCaseId: created.consultationCaseId,
      },
    });
    const [poster] = await tx
      .select({ email: accounts.email })
      .from(accounts)
      .where(eq(accounts.id, listing.posterAccountId));
    await inquiryMail.enqueue(tx, {
      to: poster?.email ?? null,
      municipalityCode: listing.municipalityCode,
      params: { propertyId, title: listing.title },
      dedupeKey: `properties.inquiry:${created.id}`,
    });
    return { inquiry: created, created: true };
  });
}

const withApplicant = {
  inquiry: propertyInquiries,
  applicantName: accounts.displayName,
  applicantEmail: accounts.email,
};

/** The inquiries of a listing, newest first, for its poster (or an admin): with the applicant's name and address. */
export async function inquiriesOfListing(q: Queryable, actor: Actor, propertyId: number) {
  const listing = await keptListing(q, actor, propertyId);
  return q
    .select(withApplicant)
    .from(propertyInquiries)
    .innerJoin(accounts, eq(accounts.id, propertyInquiries.applicantAccountId))
    .where(eq(propertyInquiries.propertyId, listing.id))
    .orderBy(desc(propertyInquiries.createdAt), desc(propertyInquiries.id));
}

/** How many inquiries each listing has, for the poster's list. */
export async function inquiryCounts(q: Queryable, propertyIds: number[]): Promise<Map<number, number>> {
  if (propertyIds.length === 0) return new Map();
  const rows = await q
    .select({ propertyId: propertyInquiries.propertyId })
    .from(propertyInquiries)
    .where(inArray(propertyInquiries.propertyId, propertyIds));
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.propertyId, (counts.get(r.propertyId) ?? 0) + 1);
  return counts;
}

/** The inquiries an applicant sent, newest first, with the listing's title. */
export async function ownInquiries(q: Queryable, actor: Actor) {
  return q
    .select({ inquiry: propertyInquiries, title: properties.title })
    .from(propertyInquiries)
    .innerJoin(properties, eq(properties.id, propertyInquiries.propertyId))
    .where(eq(propertyInquiries.applicantAccountId, actor.accountId ?? -1))
    .orderBy(desc(propertyInquiries.createdAt), desc(propertyInquiries.id));
}

/**
 * The inquiries shared with counsellors: staff read those of the start-up cases their organisation
 * holds, admins those of the municipality. Nobody else, and nothing the applicant did not share.
 */
export async function sharedInquiries(q: Queryable, actor: Actor) {
  if (actor.role !== 'admin' && !(actor.role === 'staff' && actor.organisation)) return [];
  const conditions = [
    eq(propertyInquiries.municipalityCode, actor.municipalityCode),
    eq(propertyInquiries.shareWithCounsellor, true),
  ];
  if (actor.role === 'staff')
    conditions.push(eq(propertyInquiries.counsellorOrganisation, actor.organisation as string));
  return q
    .select({ ...withApplicant, title: properties.title })
    .from(propertyInquiries)
    .innerJoin(accounts, eq(accounts.id, propertyInquiries.applicantAccountId))
    .innerJoin(properties, eq(properties.id, propertyInquiries.propertyId))
    .where(and(...conditions))
    .orderBy(desc(propertyInquiries.createdAt), desc(propertyInquiries.id));
}
