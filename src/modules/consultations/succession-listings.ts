import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, type ProblemDetail, UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import type { Text } from '../../platform/i18n';
import { bilingual, describeProblems, formInvalid } from '../../platform/validation';
import {
  consultationCases,
  consultationClients,
  employeesBands,
  salesBands,
  successionCandidates,
  successionInterests,
  successionListings,
} from './schema';
import { industries } from './self-check';
import { caseFor } from './service';

/**
 * 事業承継マッチング (decision 022). A listing says what the business is like, never who: industry,
 * area, size bands, reason and hopes. Who the owner is (the case person's name and the business name)
 * reaches a candidate only once the owner approved that candidate AND the candidate accepted the
 * confidentiality pledge; until then every page a candidate can reach is built from `AnonymousListing`.
 */

export type ListingRow = typeof successionListings.$inferSelect;
export type CandidateRow = typeof successionCandidates.$inferSelect;
export type InterestRow = typeof successionInterests.$inferSelect;

export const listingLabels = {
  industry: { ja: '業種', en: 'Industry' },
  area: { ja: '地区', en: 'Area' },
  employeesBand: { ja: '従業員数', en: 'Employees' },
  salesBand: { ja: '年間売上', en: 'Annual sales' },
  reason: { ja: '承継を考える理由', en: 'Reason for succession' },
  hopes: { ja: '経営者の希望', en: 'What the owner hopes for' },
  consentOn: { ja: '経営者の同意日', en: "Date of the owner's consent" },
  consentCounsellorName: { ja: '同意を確認した相談員', en: 'Counsellor who took the consent' },
  ownerBusinessName: {
    ja: '屋号・会社名（開示後にだけ表示）',
    en: 'Business name (shown only on disclosure)',
  },
  profile: { ja: '後継者候補としての自己紹介', en: 'Your profile as a candidate' },
  message: { ja: 'メッセージ', en: 'Message' },
  pledge: { ja: '秘密保持の誓約', en: 'Confidentiality pledge' },
} satisfies Record<string, Text>;

export const employeesBandNames: Record<string, Text> = {
  '1-4': { ja: '従業員 1〜4人', en: '1–4 employees' },
  '5-19': { ja: '従業員 5〜19人', en: '5–19 employees' },
  '20-plus': { ja: '従業員 20人以上', en: '20 or more employees' },
};
export const salesBandNames: Record<string, Text> = {
  'under-10m': { ja: '売上 1,000万円未満', en: 'Sales under ¥10 million' },
  '10m-50m': { ja: '売上 1,000万〜5,000万円', en: 'Sales ¥10–50 million' },
  '50m-100m': { ja: '売上 5,000万〜1億円', en: 'Sales ¥50–100 million' },
  '100m-plus': { ja: '売上 1億円以上', en: 'Sales ¥100 million or more' },
};

/** The words of the 秘密保持の誓約 a candidate accepts before the owner is named to them. */
export const pledgeText: Text = {
  ja: '私は、開示される事業者・経営者の名称その他の情報を、事業承継の検討の目的にだけ使い、経営者と相談機関の同意なく第三者に漏らしません。検討をやめたときも同じです。',
  en: 'I will use the name of the business and its owner and anything else disclosed to me only to consider this succession, and will not tell anyone else without the consent of the owner and the counselling organisation, also after I stop considering it.',
};

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, bilingual('入力してください。', 'Fill this in.'))
    .max(max, bilingual(`${max}文字以内にしてください。`, `Use at most ${max} characters.`));

export function listingSchema(areaCodes: readonly string[]) {
  const choose = bilingual('一覧から選んでください。', 'Choose one from the list.');
  return z.object({
    industry: z.enum(Object.keys(industries) as [string, ...string[]], choose),
    area: z.string().refine((a) => areaCodes.includes(a), choose),
    employeesBand: z.enum(employeesBands, choose),
    salesBand: z.enum(salesBands, choose),
    reason: text(500),
    hopes: text(500),
    consentOn: z.iso.date(
      bilingual('同意を得た日を選んでください。', "Choose the day of the owner's consent."),
    ),
    consentCounsellorName: text(100),
    ownerBusinessName: z
      .string()
      .trim()
      .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.'))
      .default(''),
  });
}

const problem = (field: keyof typeof listingLabels, ja: string, en: string): ProblemDetail => ({
  field,
  message: { ja: `${listingLabels[field].ja}: ${ja}`, en: `${listingLabels[field].en}: ${en}` },
});

const squeeze = (s: string) => s.replace(/[\s　]+/g, '');

/** The owner's name or business name written into the listing would unmask it: refused. */
function identifyingProblems(
  data: { reason: string; hopes: string },
  owner: { name: string; businessName: string },
): ProblemDetail[] {
  const marks = [owner.name, owner.businessName].map(squeeze).filter((m) => m.length >= 2);
  return (['reason', 'hopes'] as const).flatMap((field) =>
    marks.some((m) => squeeze(data[field]).includes(m))
      ? [
          problem(
            field,
            '経営者の氏名や屋号が含まれています。匿名の案件情報には、個人や事業者を特定できることを書かないでください。',
            "It contains the owner's name or business name. An anonymous listing must not say anything that identifies the owner.",
          ),
        ]
      : [],
  );
}

async function ownerOf(q: Queryable, caseId: number) {
  const [row] = await q
    .select({ name: consultationClients.name, businessName: consultationCases.businessName })
    .from(consultationCases)
    .innerJoin(consultationClients, eq(consultationClients.id, consultationCases.clientId))
    .where(eq(consultationCases.id, caseId));
  if (!row) throw new Error('case without a person');
  return row;
}

export const notSuccessionCase = new UserError('wrong_case_kind', 422, {
  ja: '事業承継の案件情報は、事業承継の相談案件からだけ公開できます。',
  en: 'A succession listing can be published from a business succession case only.',
});

/** The listing of a case, if one was ever published (the caller counsels the case). */
export async function listingOfCase(q: Queryable, actor: Actor, caseId: number) {
  const caseRow = await caseFor(q, actor, caseId);
  const [listing] = await q
    .select()
    .from(successionListings)
    .where(eq(successionListings.caseId, caseRow.id));
  if (!listing) return { caseRow, listing: undefined, interests: [] };
  const interests = await q
    .select({
      interest: successionInterests,
      profile: successionCandidates.profile,
      accountId: successionCandidates.accountId,
    })
    .from(successionInterests)
    .innerJoin(successionCandidates, eq(successionCandidates.id, successionInterests.candidateId))
    .where(eq(successionInterests.listingId, listing.id))
    .orderBy(asc(successionInterests.id));
  return { caseRow, listing, interests };
}

/**
 * A counsellor of the organisation holding a succession case publishes its anonymous listing, with
 * the owner's consent recorded (the day and the counsellor). Published already: nothing changes;
 * withdrawn: it is published again as sent now.
 */
export async function publishSuccessionListing(
  db: Db,
  actor: Actor,
  caseId: number,
  input: Record<string, unknown>,
  options: { areas: readonly { code: string }[]; now?: Date },
): Promise<{ listing: ListingRow; changed: boolean }> {
  const caseRow = await caseFor(db, actor, caseId);
  if (caseRow.kind !== 'succession') throw notSuccessionCase;
  const schema = listingSchema(options.areas.map((a) => a.code));
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw formInvalid(describeProblems(schema, input, listingLabels));
  const data = parsed.data;
  const owner = await ownerOf(db, caseRow.id);
  const problems = [
    ...identifyingProblems(data, {
      name: owner.name,
      businessName: data.ownerBusinessName || owner.businessName,
    }),
    ...(data.consentOn > todayInJapan(options.now)
      ? [problem('consentOn', '未来の日付は選べません。', 'The date is in the future.')]
      : []),
  ];
  if (problems.length > 0) throw formInvalid(problems);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(successionListings)
      .where(eq(successionListings.caseId, caseRow.id));
    if (existing?.status === 'published') return { listing: existing, changed: false };
    const values = {
      ...data,
      consentRecordedBy: actor.accountId,
      status: 'published' as const,
      publishedBy: actor.accountId,
      publishedAt: new Date(),
      withdrawnBy: null,
      withdrawnAt: null,
    };
    const [listing] = existing
      ? await tx
          .update(successionListings)
          .set(values)
          .where(eq(successionListings.id, existing.id))
          .returning()
      : await tx
          .insert(successionListings)
          .values({
            ...values,
            municipalityCode: caseRow.municipalityCode,
            organisation: caseRow.organisation,
            caseId: caseRow.id,
          })
          .returning();
    if (!listing) throw new Error('listing not written');
    await recordAudit(tx, actor, {
      action: 'succession_listing.publish',
      entityType: 'succession_listing',
      entityKey: String(listing.id),
      after: {
        caseId: caseRow.id,
        consentOn: data.consentOn,
        consentCounsellorName: data.consentCounsellorName,
      },
    });
    return { listing, changed: true };
  });
}

/** Staff withdraw a listing: candidates no longer find it. Withdrawn already: nothing changes. */
export async function withdrawSuccessionListing(db: Db, actor: Actor, caseId: number) {
  const { listing } = await listingOfCase(db, actor, caseId);
  if (!listing) throw notFound({ ja: '事業承継の案件情報', en: 'The succession listing' });
  if (listing.status === 'withdrawn') return { listing, changed: false };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(successionListings)
      .set({ status: 'withdrawn', withdrawnBy: actor.accountId, withdrawnAt: new Date() })
      .where(eq(successionListings.id, listing.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'succession_listing.withdraw',
      entityType: 'succession_listing',
      entityKey: String(listing.id),
    });
    return { listing: updated as ListingRow, changed: true };
  });
}

/** The counsellor records that the owner approved this candidate. Approved already: nothing changes. */
export async function approveCandidate(db: Db, actor: Actor, caseId: number, interestId: number) {
  const { listing, interests } = await listingOfCase(db, actor, caseId);
  const found = interests.find((i) => i.interest.id === interestId);
  if (!listing || !found) throw notFound({ ja: '後継者候補の関心表明', en: "The candidate's interest" });
  if (found.interest.ownerApprovedAt) return { interest: found.interest, changed: false };
  if (listing.status !== 'published') throw listingClosed;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(successionInterests)
      .set({ ownerApprovedAt: new Date(), ownerApprovedBy: actor.accountId, ownerApprovedByName: actor.name })
      .where(eq(successionInterests.id, interestId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'succession_interest.approve',
      entityType: 'succession_interest',
      entityKey: String(interestId),
      after: { listingId: listing.id, candidateAccountId: found.accountId },
    });
    return { interest: updated as InterestRow, changed: true };
  });
}

// ----- candidates -------------------------------------------------------------------------------

export const listingClosed = new UserError('listing_withdrawn', 409, {
  ja: 'この案件情報は取り下げられました。ほかの案件情報をご覧ください。',
  en: 'This listing has been withdrawn. Look at the other listings.',
});
const listingNotFound = notFound({ ja: '事業承継の案件情報', en: 'The succession listing' });

export const notCandidate = new UserError('not_candidate', 403, {
  ja: '案件情報を見るには、まず後継者候補として登録してください。',
  en: 'Register as a successor candidate first to see the listings.',
});

const ProfileSchema = z.object({ profile: text(1000) });

/** A business or resident registers as a successor candidate; registered already: the profile is updated. */
export async function registerAsCandidate(db: Db, actor: Actor, input: Record<string, unknown>) {
  const parsed = ProfileSchema.safeParse(input);
  if (!parsed.success) throw formInvalid(describeProblems(ProfileSchema, input, listingLabels));
  if (actor.accountId === null) throw new Error('a candidate has an account');
  const accountId = actor.accountId;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(successionCandidates)
      .where(eq(successionCandidates.accountId, accountId));
    if (existing?.profile === parsed.data.profile) return { candidate: existing, changed: false };
    const [candidate] = existing
      ? await tx
          .update(successionCandidates)
          .set({ profile: parsed.data.profile })
          .where(eq(successionCandidates.id, existing.id))
          .returning()
      : await tx
          .insert(successionCandidates)
          .values({ municipalityCode: actor.municipalityCode, accountId, profile: parsed.data.profile })
          .returning();
    await recordAudit(tx, actor, {
      action: 'succession_candidate.register',
      entityType: 'succession_candidate',
      entityKey: String(candidate?.id),
    });
    return { candidate: candidate as CandidateRow, changed: true };
  });
}

export async function candidateOf(q: Queryable, actor: Actor): Promise<CandidateRow | undefined> {
  if (actor.accountId === null) return undefined;
  const [row] = await q
    .select()
    .from(successionCandidates)
    .where(
      and(
        eq(successionCandidates.accountId, actor.accountId),
        eq(successionCandidates.municipalityCode, actor.municipalityCode),
      ),
    );
  return row;
}

/** What a candidate sees of a listing: nothing that names the owner. */
export interface AnonymousListing {
  id: number;
  industry: string;
  area: string;
  employeesBand: string;
  salesBand: string;
  reason: string;
  hopes: string;
  publishedAt: Date;
}

const anonymous = (l: ListingRow): AnonymousListing => ({
  id: l.id,
  industry: l.industry,
  area: l.area,
  employeesBand: l.employeesBand,
  salesBand: l.salesBand,
  reason: l.reason,
  hopes: l.hopes,
  publishedAt: l.publishedAt,
});

/** The published listings of the candidate's municipality, newest first, anonymous. */
export async function browseListings(q: Queryable, actor: Actor): Promise<AnonymousListing[]> {
  const rows = await q
    .select()
    .from(successionListings)
    .where(
      and(
        eq(successionListings.municipalityCode, actor.municipalityCode),
        eq(successionListings.status, 'published'),
      ),
    )
    .orderBy(desc(successionListings.publishedAt), desc(successionListings.id));
  return rows.map(anonymous);
}

/** The owner as disclosed: only ever built by `readListingAsCandidate` once both conditions hold. */
export interface DisclosedOwner {
  name: string;
  businessName: string;
}

/**
 * A listing as this candidate may see it: anonymous, their interest in it, and the owner's identity
 * only when the owner approved them and they accepted the pledge (each disclosure read is audited).
 * A withdrawn listing stays readable to a candidate who was disclosed to, and to no one else.
 */
export async function readListingAsCandidate(db: Db, actor: Actor, listingId: number) {
  const candidate = await candidateOf(db, actor);
  if (!candidate) throw notCandidate;
  const [listing] = await db.select().from(successionListings).where(eq(successionListings.id, listingId));
  if (!listing || listing.municipalityCode !== actor.municipalityCode) throw listingNotFound;
  const [interest] = await db
    .select()
    .from(successionInterests)
    .where(
      and(eq(successionInterests.listingId, listing.id), eq(successionInterests.candidateId, candidate.id)),
    );
  const disclosed = Boolean(interest?.ownerApprovedAt && interest.pledgeAcceptedAt);
  if (listing.status !== 'published' && !disclosed) throw listingNotFound;
  let owner: DisclosedOwner | undefined;
  if (disclosed) {
    const o = await ownerOf(db, listing.caseId);
    owner = { name: o.name, businessName: listing.ownerBusinessName || o.businessName };
    await recordAudit(db, actor, {
      action: 'succession_listing.disclosure_read',
      entityType: 'succession_listing',
      entityKey: String(listing.id),
    });
  }
  return { listing: anonymous(listing), withdrawn: listing.status !== 'published', interest, owner };
}

const InterestSchema = z.object({ message: text(1000) });

/** A candidate expresses interest in a listing, with a message. Expressed already: nothing changes. */
export async function expressInterest(
  db: Db,
  actor: Actor,
  listingId: number,
  input: Record<string, unknown>,
) {
  const { listing, interest } = await readListingAsCandidate(db, actor, listingId);
  if (interest) return { interest, changed: false };
  const parsed = InterestSchema.safeParse(input);
  if (!parsed.success) throw formInvalid(describeProblems(InterestSchema, input, listingLabels));
  const candidate = (await candidateOf(db, actor)) as CandidateRow;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(successionInterests)
      .values({ listingId: listing.id, candidateId: candidate.id, message: parsed.data.message })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const [again] = await tx
        .select()
        .from(successionInterests)
        .where(
          and(
            eq(successionInterests.listingId, listing.id),
            eq(successionInterests.candidateId, candidate.id),
          ),
        );
      return { interest: again as InterestRow, changed: false };
    }
    await recordAudit(tx, actor, {
      action: 'succession_interest.express',
      entityType: 'succession_listing',
      entityKey: String(listing.id),
    });
    return { interest: row, changed: true };
  });
}

export const pledgeNotTicked = formInvalid([
  problem(
    'pledge',
    '内容を読み、誓約する場合はチェックを入れてください。',
    'Read the pledge and tick the box to accept it.',
  ),
]);
export const notApprovedYet = new UserError('not_approved', 409, {
  ja: '経営者の承認がまだ記録されていません。承認の後に秘密保持の誓約ができます。',
  en: "The owner's approval has not been recorded yet. You can accept the pledge once it has.",
});

/**
 * The candidate accepts the 秘密保持の誓約 (after the owner's approval). Accepted already: nothing
 * changes. Once both are recorded, the owner's identity is shown to this candidate.
 */
export async function acceptPledge(db: Db, actor: Actor, listingId: number, input: Record<string, unknown>) {
  const { listing, interest } = await readListingAsCandidate(db, actor, listingId);
  if (!interest?.ownerApprovedAt) throw notApprovedYet;
  if (interest.pledgeAcceptedAt) return { interest, changed: false };
  if (input.pledge !== 'yes') throw pledgeNotTicked;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(successionInterests)
      .set({ pledgeAcceptedAt: new Date(), pledgeAcceptedBy: actor.accountId })
      .where(eq(successionInterests.id, interest.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'succession_interest.pledge',
      entityType: 'succession_listing',
      entityKey: String(listing.id),
    });
    return { interest: row as InterestRow, changed: true };
  });
}
