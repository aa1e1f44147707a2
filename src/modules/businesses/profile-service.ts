import { and, asc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { accounts } from '../../platform/schema';
import type { Plan } from '../plan';
import { industryWords } from './industries';
import {
  type ProfileContext,
  type ProfileInput,
  parseProfile,
  profileFormValues,
  profileProblem,
} from './profile-input';
import { type BusinessRow, businesses } from './schema';
import { bigramsOf, foldForSearch } from './search-text';

export const businessNotFound = new UserError('not_found', 404, {
  ja: '事業者が見つかりません。URLを確かめてください。',
  en: 'Business not found. Check the address.',
});

/** What the plan file says that a profile is checked against (profile-input.ts). */
export function profileContextOf(plan: Plan): ProfileContext {
  const file = plan.file;
  return {
    municipalityName: file.municipality.name,
    areas: file.areas,
    bounds: file.bounds,
    membershipCodes: membershipOrganisations(plan).map((o) => o.code),
  };
}

/** The organisations of 第5章 a business can belong to: the 商工会 and the 商店会. */
export function membershipOrganisations(plan: Plan) {
  return plan.file.organisations.filter((o) => /商工会|商店会|商店街/.test(o.name));
}

/** The private fields of a profile: read by the business itself only, never listed or published. */
export const privateFields = ['contactName', 'contactPhone', 'ownerAgeBand', 'successorStatus'] as const;

/** The columns a profile's input sets, with the folded text the directory searches (decision 019). */
function columnsOf(input: ProfileInput, areaNames: Map<string, string>) {
  const searchName = foldForSearch(`${input.name} ${input.kana}`);
  const searchText = foldForSearch(
    [
      input.name,
      input.kana,
      industryWords(input.industryMajor, input.industryMiddle),
      input.tags.join(' '),
      input.capabilities,
      input.products,
      input.description,
      input.address,
      input.area ? (areaNames.get(input.area) ?? '') : '',
    ].join(' '),
  );
  return {
    legalForm: input.legalForm,
    name: input.name,
    kana: input.kana,
    corporateNumber: input.corporateNumber,
    industryMajor: input.industryMajor,
    industryMiddle: input.industryMiddle,
    address: input.address,
    area: input.area,
    latitude: input.latitude,
    longitude: input.longitude,
    employees: input.employees,
    foundedYear: input.foundedYear,
    tags: input.tags,
    capabilities: input.capabilities,
    products: input.products,
    description: input.description,
    website: input.website,
    sns: input.sns,
    memberships: [...input.memberships].sort(),
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    ownerAgeBand: input.ownerAgeBand,
    successorStatus: input.successorStatus,
    searchName,
    searchText,
    searchGrams: bigramsOf(searchText),
  };
}

/**
 * When the business agreed that its age band and successor status are counted for the succession
 * needs map (decision 034): kept from the first time it ticked the box, forgotten when it unticks it.
 */
function successionConsentAt(input: ProfileInput, existing: BusinessRow | undefined): Date | null {
  if (!input.successionConsent) return null;
  return existing?.successionConsentAt ?? new Date();
}

type ProfileColumns = ReturnType<typeof columnsOf> & { successionConsentAt?: Date | null };
const auditedKeys = (c: ProfileColumns) =>
  Object.keys(c).filter((k) => !k.startsWith('search')) as (keyof ProfileColumns)[];

/** The fields that differ between a profile and its new columns, before and after, for the audit log. */
function changesOf(row: BusinessRow, next: ProfileColumns) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of auditedKeys(next)) {
    const was = row[key as keyof BusinessRow];
    if (JSON.stringify(was) !== JSON.stringify(next[key])) {
      // the private fields are logged as changed, not with their content
      const hidden = (privateFields as readonly string[]).includes(key);
      before[key] = hidden ? '（非公開）' : was;
      after[key] = hidden ? '（非公開）' : next[key];
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

const duplicateCorporateNumber = profileProblem('corporateNumber', {
  ja: 'この法人番号の事業者はすでに登録されています。ご自分の事業者なら、一覧から「この事業者の担当として申請」を選んでください。',
  en: 'A business with this corporate number is already registered. If it is yours, claim it from the list instead.',
});

function onlyBusinesses(actor: Actor) {
  if (actor.role !== 'business' || actor.accountId === null) {
    throw new UserError('forbidden', 403, {
      ja: '事業者情報は、事業者のアカウントで登録してください。',
      en: 'Register a business profile with a business account.',
    });
  }
  return actor.accountId;
}

/** The profile a business account keeps, if any. */
export async function ownProfile(q: Queryable, actor: Actor): Promise<BusinessRow | undefined> {
  if (actor.accountId === null) return undefined;
  const [row] = await q.select().from(businesses).where(eq(businesses.accountId, actor.accountId));
  return row;
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

/**
 * A business account creates its profile (held back until staff approve it) or changes it (public at
 * once when approved). The same form sent twice writes once: a second create finds the profile the
 * first made, and unchanged values write nothing. Every change is audited, field by field.
 */
export async function saveOwnProfile(
  db: Db,
  actor: Actor,
  plan: Plan,
  values: Record<string, unknown>,
): Promise<{ business: BusinessRow; outcome: SaveOutcome }> {
  const accountId = onlyBusinesses(actor);
  const input = parseProfile(values, profileContextOf(plan));
  const columns = columnsOf(input, new Map(plan.file.areas.map((a) => [a.code, a.name])));
  if (columns.corporateNumber) {
    const [other] = await db
      .select({ id: businesses.id, accountId: businesses.accountId })
      .from(businesses)
      .where(
        and(
          eq(businesses.municipalityCode, actor.municipalityCode),
          eq(businesses.corporateNumber, columns.corporateNumber),
        ),
      );
    if (other && other.accountId !== accountId) throw duplicateCorporateNumber;
  }
  return db.transaction(async (tx) => {
    const existing = await ownProfile(tx, actor);
    if (existing) {
      const own = { ...columns, successionConsentAt: successionConsentAt(input, existing) };
      const { before, after, changed } = changesOf(existing, own);
      if (!changed) return { business: existing, outcome: 'unchanged' as const };
      const [updated] = await tx
        .update(businesses)
        .set({ ...own, updatedAt: new Date() })
        .where(eq(businesses.id, existing.id))
        .returning();
      await recordAudit(tx, actor, {
        action: 'business.update',
        entityType: 'business',
        entityKey: String(existing.id),
        before,
        after,
      });
      return { business: updated as BusinessRow, outcome: 'updated' as const };
    }
    const own = { ...columns, successionConsentAt: successionConsentAt(input, undefined) };
    const [created] = await tx
      .insert(businesses)
      .values({ ...own, municipalityCode: actor.municipalityCode, accountId, status: 'pending' })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      // the same form sent at the same time: the other request created it
      const again = await ownProfile(tx, actor);
      if (!again) throw duplicateCorporateNumber;
      return { business: again, outcome: 'unchanged' as const };
    }
    const { after } = changesOf({} as BusinessRow, own);
    await recordAudit(tx, actor, {
      action: 'business.create',
      entityType: 'business',
      entityKey: String(created.id),
      after: { ...after, status: 'pending' },
    });
    return { business: created, outcome: 'created' as const };
  });
}

/**
 * Staff (or the demo seeding) register a business that no account keeps yet, approved at once: the
 * business may claim it later. Registered once per 法人番号 or name. Never with a consent to count
 * its succession answers: that is the business's own to give (decision 034).
 */
export async function registerUnclaimedBusiness(
  db: Db,
  actor: Actor,
  plan: Plan,
  values: Record<string, unknown>,
): Promise<BusinessRow> {
  const input = parseProfile(values, profileContextOf(plan));
  const columns = columnsOf(input, new Map(plan.file.areas.map((a) => [a.code, a.name])));
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(businesses)
      .where(
        and(
          eq(businesses.municipalityCode, actor.municipalityCode),
          columns.corporateNumber
            ? eq(businesses.corporateNumber, columns.corporateNumber)
            : eq(businesses.name, columns.name),
        ),
      );
    if (existing) return existing;
    const [created] = await tx
      .insert(businesses)
      .values({
        ...columns,
        municipalityCode: actor.municipalityCode,
        status: 'approved',
        approvedAt: new Date(),
        approvedBy: actor.accountId,
      })
      .returning();
    const row = created as BusinessRow;
    await recordAudit(tx, actor, {
      action: 'business.create',
      entityType: 'business',
      entityKey: String(row.id),
      after: { name: row.name, status: 'approved' },
    });
    return row;
  });
}

const keptByItsBusiness = new UserError('kept_by_business', 409, {
  ja: 'この事業者は、事業者自身がアカウントで管理しているか、管理を申請中です。内容の変更は事業者に依頼してください。',
  en: 'This business keeps its profile with its own account, or has claimed it. Ask the business to change it.',
});

/**
 * Staff change a profile that no account keeps or claims (one they registered, from the 商工会's
 * member list or a paper form): the same checks as any profile, audited field by field. Once a
 * business keeps its profile, it alone changes it. The private fields stay as they are unless
 * given; an unchanged profile writes nothing.
 */
export async function updateUnclaimedBusiness(
  db: Db,
  actor: Actor,
  plan: Plan,
  businessId: number,
  values: Record<string, unknown>,
): Promise<'updated' | 'unchanged'> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(businesses).where(eq(businesses.id, businessId)).for('update');
    const row = onlyStaffOf(actor, found);
    if (row.accountId !== null || row.claimAccountId !== null) throw keptByItsBusiness;
    // never a consent to count succession answers: that is the business's own to give (decision 034)
    const input = parseProfile(
      { ...profileFormValues(row), ...values, successionConsent: '' },
      profileContextOf(plan),
    );
    const columns = columnsOf(input, new Map(plan.file.areas.map((a) => [a.code, a.name])));
    if (columns.corporateNumber && columns.corporateNumber !== row.corporateNumber) {
      const [other] = await tx
        .select({ id: businesses.id })
        .from(businesses)
        .where(
          and(
            eq(businesses.municipalityCode, actor.municipalityCode),
            eq(businesses.corporateNumber, columns.corporateNumber),
          ),
        );
      if (other) throw duplicateCorporateNumber;
    }
    const { before, after, changed } = changesOf(row, columns);
    if (!changed) return 'unchanged' as const;
    await tx
      .update(businesses)
      .set({ ...columns, updatedAt: new Date() })
      .where(eq(businesses.id, row.id));
    await recordAudit(tx, actor, {
      action: 'business.update',
      entityType: 'business',
      entityKey: String(row.id),
      before,
      after,
    });
    return 'updated' as const;
  });
}

/**
 * A business account asks to keep a profile that nobody keeps yet; staff approve the claim. Asking
 * again changes nothing; a profile another account has asked for is refused until staff decide.
 */
export async function claimBusiness(
  db: Db,
  actor: Actor,
  businessId: number,
): Promise<'claimed' | 'already'> {
  const accountId = onlyBusinesses(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(businesses)
      .where(and(eq(businesses.id, businessId), eq(businesses.municipalityCode, actor.municipalityCode)));
    if (row?.status !== 'approved') throw businessNotFound;
    if (row.claimAccountId === accountId) return 'already' as const;
    if (await ownProfile(tx, actor)) {
      throw new UserError('already_has_profile', 409, {
        ja: 'このアカウントはすでに事業者情報を持っています。1つのアカウントで管理できる事業者は1つです。',
        en: 'This account already keeps a business profile. One account keeps one business.',
      });
    }
    if (row.accountId !== null || row.claimAccountId !== null) {
      throw new UserError('already_claimed', 409, {
        ja: 'この事業者は、すでに別のアカウントが管理しているか申請中です。商工会にお問い合わせください。',
        en: 'Another account already keeps or has claimed this business. Ask the chamber of commerce.',
      });
    }
    await tx.update(businesses).set({ claimAccountId: accountId }).where(eq(businesses.id, row.id));
    await recordAudit(tx, actor, {
      action: 'business.claim',
      entityType: 'business',
      entityKey: String(row.id),
      after: { claimAccountId: accountId },
    });
    return 'claimed' as const;
  });
}

function onlyStaffOf(actor: Actor, row: BusinessRow | undefined): BusinessRow {
  if (!row || row.municipalityCode !== actor.municipalityCode) throw businessNotFound;
  return row;
}

/** Staff publish a new profile. Approving an approved one changes nothing. */
export async function approveBusiness(
  db: Db,
  actor: Actor,
  businessId: number,
): Promise<'approved' | 'already'> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(businesses).where(eq(businesses.id, businessId));
    const row = onlyStaffOf(actor, found);
    if (row.status === 'approved') return 'already' as const;
    await tx
      .update(businesses)
      .set({ status: 'approved', approvedAt: new Date(), approvedBy: actor.accountId })
      .where(eq(businesses.id, row.id));
    await recordAudit(tx, actor, {
      action: 'business.approve',
      entityType: 'business',
      entityKey: String(row.id),
      before: { status: 'pending' },
      after: { status: 'approved' },
    });
    return 'approved' as const;
  });
}

/** Staff hand a claimed profile to the account that claimed it. */
export async function approveClaim(db: Db, actor: Actor, businessId: number): Promise<'approved' | 'none'> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(businesses).where(eq(businesses.id, businessId));
    const row = onlyStaffOf(actor, found);
    if (row.claimAccountId === null) return 'none' as const;
    const [owned] = await tx
      .select({ id: businesses.id })
      .from(businesses)
      .where(eq(businesses.accountId, row.claimAccountId));
    if (owned) {
      throw new UserError('already_has_profile', 409, {
        ja: '申請したアカウントは、すでに別の事業者情報を管理しています。',
        en: 'The claiming account already keeps another business profile.',
      });
    }
    await tx
      .update(businesses)
      .set({ accountId: row.claimAccountId, claimAccountId: null, updatedAt: new Date() })
      .where(eq(businesses.id, row.id));
    await recordAudit(tx, actor, {
      action: 'business.claim_approve',
      entityType: 'business',
      entityKey: String(row.id),
      before: { accountId: row.accountId },
      after: { accountId: row.claimAccountId },
    });
    return 'approved' as const;
  });
}

/** What staff have to decide: new profiles, and claims of profiles, oldest first. */
export async function pendingReviews(db: Db, actor: Actor) {
  const rows = await db
    .select({ business: businesses, claimant: accounts.displayName, claimantEmail: accounts.email })
    .from(businesses)
    .leftJoin(accounts, eq(accounts.id, businesses.claimAccountId))
    .where(
      and(
        eq(businesses.municipalityCode, actor.municipalityCode),
        or(eq(businesses.status, 'pending'), isNotNull(businesses.claimAccountId)),
      ),
    )
    .orderBy(asc(businesses.updatedAt), asc(businesses.id));
  return rows;
}

/** Profiles nobody keeps yet, that a business account may claim. */
export async function unclaimedBusinesses(db: Db, municipalityCode: string) {
  return db
    .select({ id: businesses.id, name: businesses.name, address: businesses.address })
    .from(businesses)
    .where(
      and(
        eq(businesses.municipalityCode, municipalityCode),
        eq(businesses.status, 'approved'),
        isNull(businesses.accountId),
        isNull(businesses.claimAccountId),
      ),
    )
    .orderBy(asc(businesses.kana));
}

/**
 * A business's page: an approved one for anyone; a pending one only for the account keeping it and
 * staff of the municipality, who must see it to approve it.
 */
export async function readBusiness(
  db: Db,
  viewer: Actor | undefined,
  municipalityCode: string,
  businessId: number,
): Promise<BusinessRow> {
  const [row] = await db.select().from(businesses).where(eq(businesses.id, businessId));
  if (!row || row.municipalityCode !== (viewer?.municipalityCode ?? municipalityCode)) throw businessNotFound;
  if (row.status === 'approved') return row;
  const isOwner = viewer?.accountId !== null && viewer?.accountId === row.accountId;
  const isStaff = viewer?.role === 'admin' || viewer?.role === 'staff';
  if (!isOwner && !isStaff) throw businessNotFound;
  return row;
}
