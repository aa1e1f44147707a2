import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { bilingual, formInvalid, parseInput } from '../../platform/validation';
import { isMajorIndustry } from './industries';
import { businessPosts, type PostRow, postKinds } from './matching-schema';
import { businessNotFound, ownProfile } from './profile-service';
import { type BusinessRow, businesses } from './schema';

export const postNotFound = new UserError('not_found', 404, {
  ja: '発注・受注の情報が見つかりません。URLを確かめてください。',
  en: 'This need or offer was not found. Check the address.',
});

const noApprovedProfile = new UserError('profile_required', 409, {
  ja: '発注・受注の掲載には、承認された事業者情報が必要です。「自社の事業者情報」から登録してください。',
  en: 'Posting needs an approved business profile. Register it under "Your business" first.',
});

/** The business an account acts for: its own approved profile, or a refusal saying what to do. */
export async function actingBusiness(q: Queryable, actor: Actor): Promise<BusinessRow> {
  if (actor.role !== 'business') {
    throw new UserError('forbidden', 403, {
      ja: '発注・受注とメッセージは、事業者のアカウントで行ってください。',
      en: 'Needs, offers and messages are for business accounts.',
    });
  }
  const own = await ownProfile(q, actor);
  if (own?.status !== 'approved') throw noApprovedProfile;
  return own;
}

const yen = (label: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v ?? null;
      const s = v.normalize('NFKC').replace(/[,\s円]/g, '');
      return s === '' ? null : /^\d+$/.test(s) ? Number(s) : s;
    },
    z
      .number(
        bilingual(`${label}は円単位の整数で入力してください（例：300000）。`, 'Give whole yen, e.g. 300000.'),
      )
      .int()
      .min(0)
      .max(10_000_000_000, bilingual('100億円以下にしてください。', 'Keep it to 10 billion yen.'))
      .nullable(),
  );

const PostSchema = z
  .object({
    kind: z.enum(postKinds, bilingual('発注したいか受注したいかを選んでください。', 'Choose need or offer.')),
    title: z
      .string(bilingual('件名を入力してください。', 'Enter a title.'))
      .trim()
      .min(1, bilingual('件名を入力してください。', 'Enter a title.'))
      .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.')),
    body: z
      .string(bilingual('内容を入力してください。', 'Describe it.'))
      .trim()
      .min(
        1,
        bilingual(
          '内容を入力してください（何を、どのくらい、いつまでに）。',
          'Describe what, how much and by when.',
        ),
      )
      .max(4000, bilingual('4000文字以内にしてください。', 'Use at most 4000 characters.')),
    tags: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? [
              ...new Set(
                v
                  .normalize('NFKC')
                  .split(/[,、，\n]/)
                  .map((s) => s.trim())
                  .filter(Boolean),
              ),
            ]
          : v,
      z
        .array(
          z
            .string()
            .max(30, bilingual('タグは1つ30文字以内にしてください。', 'Keep each tag to 30 characters.')),
        )
        .min(
          1,
          bilingual(
            '技術や品目をタグで1つ以上入力してください（例：切削加工、アルミ）。',
            'Give at least one tag, e.g. machining, aluminium.',
          ),
        )
        .max(10, bilingual('タグは10個までにしてください。', 'Give at most 10 tags.')),
    ),
    industryMajor: z.preprocess(
      (v) => (typeof v === 'string' ? v || null : (v ?? null)),
      z
        .string()
        .refine(
          isMajorIndustry,
          bilingual('業種を一覧から選んでください。', 'Choose an industry from the list.'),
        )
        .nullable(),
    ),
    quantity: z
      .string()
      .trim()
      .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.'))
      .default(''),
    deadline: z.preprocess(
      (v) => (typeof v === 'string' ? v || null : (v ?? null)),
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('日付を入力してください。', 'Give a date.'))
        .refine(
          (d) => d >= todayInJapan(),
          bilingual('今日以降の日にしてください。', 'Give today or a later day.'),
        )
        .nullable(),
    ),
    budgetMinYen: yen('予算の下限'),
    budgetMaxYen: yen('予算の上限'),
    localOnly: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
    idempotencyKey: z.string().min(1).max(100),
  })
  .superRefine((p, ctx) => {
    if (p.budgetMinYen !== null && p.budgetMaxYen !== null && p.budgetMinYen > p.budgetMaxYen) {
      ctx.addIssue({
        code: 'custom',
        path: ['budgetMaxYen'],
        message: bilingual(
          '予算の上限は下限以上にしてください。',
          'The upper budget must not be below the lower one.',
        ),
      });
    }
  });

export const postLabels = {
  kind: { ja: '種類', en: 'Kind' },
  title: { ja: '件名', en: 'Title' },
  body: { ja: '内容', en: 'Details' },
  tags: { ja: '技術・品目（タグ）', en: 'Skills or items (tags)' },
  industryMajor: { ja: '希望する業種', en: 'Industry wanted' },
  quantity: { ja: '数量', en: 'Quantity' },
  deadline: { ja: '希望納期', en: 'Deadline' },
  budgetMinYen: { ja: '予算の下限（円）', en: 'Budget from (yen)' },
  budgetMaxYen: { ja: '予算の上限（円）', en: 'Budget to (yen)' },
  localOnly: { ja: '市内の事業者に限る', en: 'Local businesses only' },
  idempotencyKey: { ja: '送信キー', en: 'Submission key' },
};

/**
 * A business posts a need (発注したい) or an offer (受注したい), public at once. The same form sent
 * twice (its idempotency key) is stored once.
 */
export async function postNeedOrOffer(
  db: Db,
  actor: Actor,
  values: Record<string, unknown>,
): Promise<{ post: PostRow; repeated: boolean }> {
  const data = parseInput(PostSchema, values, postLabels);
  const business = await actingBusiness(db, actor);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(businessPosts)
      .values({
        municipalityCode: business.municipalityCode,
        businessId: business.id,
        kind: data.kind,
        title: data.title,
        body: data.body,
        tags: data.tags,
        industryMajor: data.industryMajor,
        quantity: data.quantity,
        deadline: data.deadline,
        budgetMinYen: data.budgetMinYen,
        budgetMaxYen: data.budgetMaxYen,
        localOnly: data.localOnly,
        idempotencyKey: data.idempotencyKey,
        createdBy: actor.accountId,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(businessPosts)
        .where(
          and(
            eq(businessPosts.businessId, business.id),
            eq(businessPosts.idempotencyKey, data.idempotencyKey),
          ),
        );
      if (!existing) throw formInvalid([]);
      return { post: existing, repeated: true };
    }
    await recordAudit(tx, actor, {
      action: 'business_post.create',
      entityType: 'business_post',
      entityKey: String(created.id),
      after: { postKind: created.kind, title: created.title, tags: created.tags, businessId: business.id },
    });
    return { post: created, repeated: false };
  });
}

/** The poster closes its post: off the open list, its threads kept. Closing twice changes nothing. */
export async function closePost(db: Db, actor: Actor, postId: number): Promise<'closed' | 'already'> {
  const business = await actingBusiness(db, actor);
  return db.transaction(async (tx) => {
    const [post] = await tx.select().from(businessPosts).where(eq(businessPosts.id, postId));
    if (!post || post.businessId !== business.id) throw postNotFound;
    if (post.status === 'closed') return 'already' as const;
    await tx
      .update(businessPosts)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(businessPosts.id, postId));
    await recordAudit(tx, actor, {
      action: 'business_post.close',
      entityType: 'business_post',
      entityKey: String(postId),
      before: { status: 'open' },
      after: { status: 'closed' },
    });
    return 'closed' as const;
  });
}

/** Open needs and offers of the municipality's approved businesses, newest first. */
export async function openPosts(db: Db, municipalityCode: string, kind?: 'need' | 'offer') {
  return db
    .select({
      post: businessPosts,
      business: { id: businesses.id, name: businesses.name, area: businesses.area },
    })
    .from(businessPosts)
    .innerJoin(businesses, eq(businesses.id, businessPosts.businessId))
    .where(
      and(
        eq(businessPosts.municipalityCode, municipalityCode),
        eq(businessPosts.status, 'open'),
        eq(businesses.status, 'approved'),
        ...(kind ? [eq(businessPosts.kind, kind)] : []),
      ),
    )
    .orderBy(desc(businessPosts.createdAt), desc(businessPosts.id))
    .limit(100);
}

/** A post with its business; a closed one stays readable by its link. */
export async function readPost(db: Db, municipalityCode: string, postId: number) {
  const [row] = await db
    .select({ post: businessPosts, business: businesses })
    .from(businessPosts)
    .innerJoin(businesses, eq(businesses.id, businessPosts.businessId))
    .where(and(eq(businessPosts.id, postId), eq(businessPosts.municipalityCode, municipalityCode)));
  if (row?.business.status !== 'approved') throw postNotFound;
  return row;
}

/** The needs and offers a business posted, newest first. */
export async function postsOf(db: Db, businessId: number) {
  return db
    .select()
    .from(businessPosts)
    .where(eq(businessPosts.businessId, businessId))
    .orderBy(desc(businessPosts.createdAt), desc(businessPosts.id));
}

export { businessNotFound };
