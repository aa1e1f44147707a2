import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import type { Text } from '../../platform/i18n';
import { bilingual, describeProblems, formInvalid } from '../../platform/validation';
import { counsels } from './permissions';
import { successionSelfChecks } from './schema';

export type SelfCheckRow = typeof successionSelfChecks.$inferSelect;

/** The questions of the 事業承継診断, each with its choices, as the owner reads them. */
export const selfCheckQuestions = {
  age: {
    text: { ja: '経営者（あなた）の年齢は？', en: 'How old are you (the owner)?' },
    choices: {
      'under-50': { ja: '50歳未満', en: 'Under 50' },
      '50s': { ja: '50代', en: '50s' },
      '60s': { ja: '60代', en: '60s' },
      '70-plus': { ja: '70歳以上', en: '70 or over' },
    },
  },
  successor: {
    text: { ja: '後継者は決まっていますか？', en: 'Have you decided on a successor?' },
    choices: {
      decided: { ja: '決まっている', en: 'Yes, decided' },
      candidate: { ja: '候補はいるが、決まっていない', en: 'There is a candidate, not decided' },
      none: { ja: 'いない', en: 'No one' },
      'close-down': { ja: '自分の代で廃業するつもり', en: 'I plan to close the business myself' },
    },
  },
  told: {
    text: {
      ja: '後継者（候補）に、継いでほしいと伝え、了承を得ていますか？',
      en: 'Have you asked the successor (candidate) and have they agreed?',
    },
    choices: {
      yes: { ja: 'はい', en: 'Yes' },
      no: { ja: 'いいえ', en: 'No' },
      'no-one': { ja: '後継者（候補）がいない', en: 'There is no one to ask' },
    },
  },
  people: {
    text: {
      ja: '人の準備（後継者の経営者教育、人脈・技術の引継ぎ）を始めていますか？',
      en: "Have you started preparing people (the successor's training, handing over contacts and skills)?",
    },
    choices: { started: { ja: '始めている', en: 'Started' }, 'not-yet': { ja: 'まだ', en: 'Not yet' } },
  },
  finances: {
    text: {
      ja: '財務・税務の準備（株式や事業用資産の引継ぎ、借入金・個人保証の整理）を始めていますか？',
      en: 'Have you started preparing finances and tax (shares and business assets, loans and personal guarantees)?',
    },
    choices: { started: { ja: '始めている', en: 'Started' }, 'not-yet': { ja: 'まだ', en: 'Not yet' } },
  },
  organisation: {
    text: {
      ja: '組織の準備（役員・従業員・取引先への説明、権限の移譲）を始めていますか？',
      en: 'Have you started preparing the organisation (telling staff and partners, handing over authority)?',
    },
    choices: { started: { ja: '始めている', en: 'Started' }, 'not-yet': { ja: 'まだ', en: 'Not yet' } },
  },
  advice: {
    text: {
      ja: '事業承継について、専門家・金融機関・商工会などに相談したことはありますか？',
      en: 'Have you talked about succession with an adviser, a bank or the chamber of commerce?',
    },
    choices: { yes: { ja: 'ある', en: 'Yes' }, no: { ja: 'ない', en: 'No' } },
  },
} as const;
export type QuestionKey = keyof typeof selfCheckQuestions;
export const questionKeys = Object.keys(selfCheckQuestions) as QuestionKey[];

/** The industries the city counts the self-checks by. */
export const industries = {
  retail: { ja: '小売業', en: 'Retail' },
  food: { ja: '飲食業', en: 'Food service' },
  manufacturing: { ja: '製造業', en: 'Manufacturing' },
  construction: { ja: '建設業', en: 'Construction' },
  services: { ja: 'サービス業', en: 'Services' },
  agriculture: { ja: '農林業', en: 'Agriculture and forestry' },
  other: { ja: 'その他', en: 'Other' },
} as const satisfies Record<string, Text>;

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, bilingual('選んでください。', 'Choose one.'));

// the same choices as selfCheckQuestions, as the schema reads them
export const AnswersSchema = z.object({
  age: choice(['under-50', '50s', '60s', '70-plus']),
  successor: choice(['decided', 'candidate', 'none', 'close-down']),
  told: choice(['yes', 'no', 'no-one']),
  people: choice(['started', 'not-yet']),
  finances: choice(['started', 'not-yet']),
  organisation: choice(['started', 'not-yet']),
  advice: choice(['yes', 'no']),
});
export type SelfCheckAnswers = z.output<typeof AnswersSchema>;

export const selfCheckLabels: Record<string, Text> = {
  ...Object.fromEntries(questionKeys.map((k) => [k, selfCheckQuestions[k].text])),
  area: { ja: '事業所の地区', en: 'Area of the business' },
  industry: { ja: '業種', en: 'Industry' },
  name: { ja: 'お名前', en: 'Name' },
  kana: { ja: 'ふりがな', en: 'Reading (kana)' },
  contact: { ja: '連絡先（電話番号またはメール）', en: 'Contact (phone or e-mail)' },
  businessName: { ja: '事業所名（屋号）', en: 'Business name' },
  consent: { ja: '同意', en: 'Consent' },
  needsConsent: { ja: '件数の集計への同意', en: 'Consent to be counted' },
  key: { ja: 'フォーム', en: 'Form' },
};

export type SelfCheckResult = 'start-now' | 'plan' | 'keep-going';

/**
 * The self-check's result, in one rule: succession takes 5–10 years (事業承継ガイドライン), so an owner
 * of 60 or over with no successor agreed, or planning to close, should start now; anyone with a
 * preparation not yet started, or a successor not yet asked, should make a plan; an owner whose
 * successor has agreed and whose three preparations have all begun keeps going with an adviser.
 */
export function assessSuccession(a: SelfCheckAnswers): SelfCheckResult {
  const older = a.age === '60s' || a.age === '70-plus';
  const agreed = a.successor === 'decided' && a.told === 'yes';
  if (a.successor === 'close-down') return 'start-now';
  if (older && !agreed) return 'start-now';
  const prepared = a.people === 'started' && a.finances === 'started' && a.organisation === 'started';
  if (a.age === '70-plus' && !prepared) return 'start-now';
  return agreed && prepared ? 'keep-going' : 'plan';
}

/** What each result says to the owner, and the step it suggests. */
export const resultTexts: Record<SelfCheckResult, { title: Text; body: Text }> = {
  'start-now': {
    title: { ja: '今すぐ準備を始めましょう', en: 'Start preparing now' },
    body: {
      ja: '事業承継には、後継者が決まっていても5年〜10年かかるといわれます。後継者がいない場合も、親族以外の役員・従業員や社外の第三者（M&A）への承継、計画的な廃業といった道があります。まずは Bi@Sta の事業承継相談（無料）で、何から始めるかを一緒に整理しましょう。',
      en: "Succession takes five to ten years even with a successor decided. Without one, there are still ways: a manager or employee, a third party (M&A), or a planned closure. Start with Bi@Sta's free succession consultation to sort out what to do first.",
    },
  },
  plan: {
    title: { ja: '計画を立てましょう', en: 'Make a plan' },
    body: {
      ja: '準備のうち、まだ始めていないものがあります。後継者との話し合い、人・財務・組織の準備を、いつ・誰が・何をするかの計画（事業承継計画）にしておくと安心です。Bi@Sta の事業承継相談（無料）で計画づくりをお手伝いします。',
      en: "Some preparations have not started yet. A succession plan (who does what, when) for talking with the successor and preparing people, finances and organisation helps. Bi@Sta's free succession consultation can help you write it.",
    },
  },
  'keep-going': {
    title: { ja: '順調に進んでいます', en: 'You are on track' },
    body: {
      ja: '後継者の了承を得て、人・財務・組織の準備も始まっています。税制（事業承継税制）や個人保証の扱いなどは、専門家と定期的に確認しましょう。気になることがあれば Bi@Sta にご相談ください。',
      en: 'Your successor has agreed and all three preparations have begun. Check taxes (the succession tax scheme) and personal guarantees with an adviser from time to time, and ask Bi@Sta whenever something comes up.',
    },
  },
};

const key = z
  .string(
    bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
  )
  .min(
    8,
    bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
  )
  .max(100);

export const SelfCheckSchema = AnswersSchema.extend({
  area: z.string().trim().max(50).default(''),
  industry: z.union([z.literal(''), z.enum(Object.keys(industries) as [string, ...string[]])]).default(''),
  // a checkbox: the age and successor answers are counted for the needs map only when ticked
  needsConsent: z.preprocess((v) => v === 'yes' || v === 'on', z.boolean()),
  key,
});

export interface SelfCheckChoices {
  areas: readonly { code: string }[];
  /** the business of the account taking it, if a business account with a profile takes it */
  businessId?: number | undefined;
}

/**
 * An owner takes the self-check (no account needed) and gets a result. Nothing about them is kept
 * but the area, industry and result the city counts, and, only when they agreed that these are
 * counted for the succession needs map (decision 034), their age and successor answers; the same
 * form sent twice is counted once.
 */
export async function takeSelfCheck(
  db: Db,
  municipalityCode: string,
  input: Record<string, string | undefined>,
  choices: SelfCheckChoices,
): Promise<{ check: SelfCheckRow; answers: SelfCheckAnswers; result: SelfCheckResult }> {
  const parsed = SelfCheckSchema.safeParse(input);
  if (!parsed.success) throw formInvalid(describeProblems(SelfCheckSchema, input, selfCheckLabels));
  const data = parsed.data;
  const area = choices.areas.some((a) => a.code === data.area) ? data.area : '';
  const result = assessSuccession(data);
  await db
    .insert(successionSelfChecks)
    .values({
      municipalityCode,
      area,
      industry: data.industry,
      result,
      idempotencyKey: data.key,
      ...(data.needsConsent
        ? {
            needsConsentedAt: new Date(),
            ownerAge: data.age,
            successor: data.successor,
            businessId: choices.businessId ?? null,
          }
        : {}),
    })
    .onConflictDoNothing();
  const [check] = await db
    .select()
    .from(successionSelfChecks)
    .where(eq(successionSelfChecks.idempotencyKey, data.key));
  if (!check || check.municipalityCode !== municipalityCode)
    throw new Error('self-check neither inserted nor found');
  return { check, answers: data, result };
}

const kanaPattern = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u;

export const ConsentSchema = AnswersSchema.extend({
  key,
  consent: z.literal(
    'yes',
    bilingual(
      '相談員からの連絡に同意する場合は、チェックを入れてください。',
      'Tick the box to agree to be contacted.',
    ),
  ),
  name: z
    .string(bilingual('入力してください。', 'Enter your name.'))
    .trim()
    .min(1, bilingual('入力してください。', 'Enter your name.'))
    .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.')),
  kana: z
    .string(bilingual('入力してください。', 'Enter the reading.'))
    .trim()
    .regex(
      kanaPattern,
      bilingual('ひらがなかカタカナで入力してください。', 'Write the reading in hiragana or katakana.'),
    ),
  contact: z
    .string(bilingual('入力してください。', 'Enter a phone number or e-mail address.'))
    .trim()
    .min(
      5,
      bilingual('電話番号かメールアドレスを入力してください。', 'Enter a phone number or e-mail address.'),
    )
    .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.')),
  businessName: z
    .string()
    .trim()
    .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.'))
    .default(''),
});

/** The counsellors who take up the leads of the self-check: Bi@Sta supports succession (第5章). */
export const leadOrganisation = 'bista';

const checkNotFound = notFound({ ja: '診断の結果', en: 'The self-check' });

/**
 * With the owner's consent, their self-check becomes a lead: the answers and how to reach them are
 * kept for Bi@Sta's counsellors. Consenting again changes nothing.
 */
export async function consentToContact(
  db: Db,
  municipalityCode: string,
  input: Record<string, string | undefined>,
): Promise<SelfCheckRow> {
  const parsed = ConsentSchema.safeParse(input);
  if (!parsed.success) throw formInvalid(describeProblems(ConsentSchema, input, selfCheckLabels));
  const { key: idempotencyKey, consent: _, name, kana, contact, businessName, ...answers } = parsed.data;
  const [check] = await db
    .select()
    .from(successionSelfChecks)
    .where(eq(successionSelfChecks.idempotencyKey, idempotencyKey));
  if (!check || check.municipalityCode !== municipalityCode) throw checkNotFound;
  if (check.consentedAt) return check;
  const [updated] = await db
    .update(successionSelfChecks)
    .set({
      consentedAt: new Date(),
      // the result stays the one shown: the answers sent back are checked against it
      answers: assessSuccession(answers) === check.result ? answers : null,
      name,
      kana,
      contact,
      businessName,
      organisation: leadOrganisation,
    })
    .where(and(eq(successionSelfChecks.id, check.id), isNull(successionSelfChecks.consentedAt)))
    .returning();
  if (updated) return updated;
  const [again] = await db.select().from(successionSelfChecks).where(eq(successionSelfChecks.id, check.id));
  if (!again) throw checkNotFound;
  return again;
}

/** The leads the actor's organisation may take up (an admin sees them all), not yet taken up first. */
export async function listLeads(q: Queryable, actor: Actor): Promise<SelfCheckRow[]> {
  const rows = await q
    .select()
    .from(successionSelfChecks)
    .where(
      and(
        eq(successionSelfChecks.municipalityCode, actor.municipalityCode),
        isNotNull(successionSelfChecks.consentedAt),
      ),
    )
    .orderBy(sql`${successionSelfChecks.caseId} is not null`, desc(successionSelfChecks.consentedAt));
  return rows.filter((r) =>
    counsels(actor, { municipalityCode: r.municipalityCode, organisation: r.organisation ?? '' }),
  );
}

/** One lead, for the counsellor who takes it up; the read is written to the audit log. */
export async function readLead(db: Db, actor: Actor, id: number): Promise<SelfCheckRow> {
  const [row] = await db.select().from(successionSelfChecks).where(eq(successionSelfChecks.id, id));
  if (!row?.consentedAt || row.municipalityCode !== actor.municipalityCode) throw checkNotFound;
  if (!counsels(actor, { municipalityCode: row.municipalityCode, organisation: row.organisation ?? '' }))
    throw new UserError('not_counsellor', 403, {
      ja: 'この相談希望を見る権限がありません。',
      en: 'You do not have permission to see this lead.',
    });
  await recordAudit(db, actor, {
    action: 'self_check.read',
    entityType: 'succession_self_check',
    entityKey: String(row.id),
  });
  return row;
}

/** Marks a lead as taken up by a case (the first consultation recorded from it). */
export async function takeUpLead(q: Queryable, leadId: number, caseId: number, organisation: string) {
  await q
    .update(successionSelfChecks)
    .set({ caseId })
    .where(
      and(
        eq(successionSelfChecks.id, leadId),
        eq(successionSelfChecks.organisation, organisation),
        isNull(successionSelfChecks.caseId),
      ),
    );
}

/**
 * What the city sees of the self-checks: how many owners took one, how many consented (leads) and
 * how many leads a case took up, by area and by industry. No answers, no names.
 */
export async function summariseSelfChecks(q: Queryable, municipalityCode: string) {
  const counts = (column: typeof successionSelfChecks.area | typeof successionSelfChecks.industry) =>
    q
      .select({
        key: column,
        taken: sql<number>`count(*)::int`,
        leads: sql<number>`(count(*) filter (where ${successionSelfChecks.consentedAt} is not null))::int`,
        takenUp: sql<number>`(count(*) filter (where ${successionSelfChecks.caseId} is not null))::int`,
        startNow: sql<number>`(count(*) filter (where ${successionSelfChecks.result} = 'start-now'))::int`,
      })
      .from(successionSelfChecks)
      .where(eq(successionSelfChecks.municipalityCode, municipalityCode))
      .groupBy(column)
      .orderBy(asc(column));
  const [byArea, byIndustry] = await Promise.all([
    counts(successionSelfChecks.area),
    counts(successionSelfChecks.industry),
  ]);
  const total = byArea.reduce(
    (sum, r) => ({
      taken: sum.taken + r.taken,
      leads: sum.leads + r.leads,
      takenUp: sum.takenUp + r.takenUp,
      startNow: sum.startNow + r.startNow,
    }),
    { taken: 0, leads: 0, takenUp: 0, startNow: 0 },
  );
  return { total, byArea, byIndustry };
}

/**
 * The answers of the self-checks whose owner agreed that they are counted for the succession needs
 * map (decision 034): area, industry, age, successor, and the business of the account that took one.
 * Never a name.
 */
export async function consentedSelfCheckAnswers(q: Queryable, municipalityCode: string) {
  return q
    .select({
      area: successionSelfChecks.area,
      industry: successionSelfChecks.industry,
      ownerAge: successionSelfChecks.ownerAge,
      successor: successionSelfChecks.successor,
      businessId: successionSelfChecks.businessId,
    })
    .from(successionSelfChecks)
    .where(
      and(
        eq(successionSelfChecks.municipalityCode, municipalityCode),
        isNotNull(successionSelfChecks.needsConsentedAt),
      ),
    );
}
