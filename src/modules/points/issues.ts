import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { bilingual, fieldProblem, parseInput } from '../../platform/validation';
import { isIssuerStaff } from './issuer';
import {
  checkIdempotencyKey,
  executeLedgerRequest,
  type LedgerResult,
  lockBalances,
  openAccount,
} from './ledger';
import {
  type GiftCertificateIssue,
  giftCertificateIssues,
  giftCertificatePurchases,
  ledgerAccounts,
} from './schema';
import { notIssuerStaff } from './shops';
import { createGiftUnit } from './units';

/** A whole number as people type it (「13,000円」, full-width digits), within bounds. */
const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFKC').replace(/[,円枚人\s]/g, '') : v),
    z.coerce
      .number(bilingual('半角数字で入力してください。', 'Enter digits.'))
      .int(bilingual('整数で入力してください。', 'Enter a whole number.'))
      .min(min, bilingual(`${min}以上にしてください。`, `Enter ${min} or more.`))
      .max(max, bilingual('大きすぎます。桁を確かめてください。', 'Too large. Check the digits.')),
  );
const day = (ja: string, en: string) => z.iso.date(bilingual(`${ja}を選んでください。`, `Choose the ${en}.`));

export const IssueSchema = z.object({
  name: z
    .string(bilingual('入力してください。', 'Enter a name.'))
    .trim()
    .min(1, bilingual('入力してください。', 'Enter a name.'))
    .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.')),
  priceYen: wholeNumber(1, 1_000_000),
  faceValueYen: wholeNumber(1, 2_000_000),
  salesFrom: day('販売開始日', 'first day of sale'),
  salesUntil: day('販売終了日', 'last day of sale'),
  validUntil: day('有効期限', 'last day of use'),
  perPersonLimit: wholeNumber(1, 100),
  totalSets: wholeNumber(1, 10_000_000),
});

export const issueLabels = {
  name: { ja: '名称', en: 'Name' },
  priceYen: { ja: '販売価格（円）', en: 'Price (yen)' },
  faceValueYen: { ja: '額面（円・プレミアム込み）', en: 'Face value (yen, with premium)' },
  salesFrom: { ja: '販売開始日', en: 'Sales from' },
  salesUntil: { ja: '販売終了日', en: 'Sales until' },
  validUntil: { ja: '有効期限', en: 'Valid until' },
  perPersonLimit: { ja: '1人あたりの上限（冊）', en: 'Limit per person (sets)' },
  totalSets: { ja: '発行総数（冊）', en: 'Sets issued' },
};

/** The issuer sets up a gift-certificate issue (デジタル商品券): its own unit of yen. */
export async function createGiftCertificateIssue(
  db: Db,
  actor: Actor,
  input: unknown,
): Promise<GiftCertificateIssue> {
  if (!(await isIssuerStaff(db, actor))) throw notIssuerStaff();
  const data = parseInput(IssueSchema, input, issueLabels);
  if (data.faceValueYen < data.priceYen) {
    throw fieldProblem('faceValueYen', issueLabels.faceValueYen, {
      ja: '額面は販売価格以上にしてください（プレミアム付き）。',
      en: 'The face value must be at least the price (it includes the premium).',
    });
  }
  if (data.salesUntil < data.salesFrom) {
    throw fieldProblem('salesUntil', issueLabels.salesUntil, {
      ja: '販売開始日より後の日にしてください。',
      en: 'Choose a day after the first day of sale.',
    });
  }
  if (data.validUntil < data.salesUntil) {
    throw fieldProblem('validUntil', issueLabels.validUntil, {
      ja: '販売終了日以降の日にしてください。',
      en: 'Choose a day on or after the last day of sale.',
    });
  }
  return db.transaction(async (tx) => {
    const unitId = await createGiftUnit(tx, actor.municipalityCode, data.name);
    const [issue] = await tx
      .insert(giftCertificateIssues)
      .values({ ...data, municipalityCode: actor.municipalityCode, unitId, createdBy: actor.accountId })
      .returning();
    if (!issue) throw new Error('issue not written');
    await recordAudit(tx, actor, {
      action: 'gift_issue.create',
      entityType: 'gift_issue',
      entityKey: String(issue.id),
      after: data,
    });
    return issue;
  });
}

export async function listIssues(q: Queryable, municipalityCode: string): Promise<GiftCertificateIssue[]> {
  return q
    .select()
    .from(giftCertificateIssues)
    .where(eq(giftCertificateIssues.municipalityCode, municipalityCode))
    .orderBy(desc(giftCertificateIssues.salesFrom), desc(giftCertificateIssues.id));
}

export async function readIssue(
  q: Queryable,
  municipalityCode: string,
  issueId: number,
): Promise<GiftCertificateIssue> {
  const [issue] = await q
    .select()
    .from(giftCertificateIssues)
    .where(
      and(
        eq(giftCertificateIssues.id, issueId),
        eq(giftCertificateIssues.municipalityCode, municipalityCode),
      ),
    );
  if (!issue) {
    throw new UserError('not_found', 404, {
      ja: '商品券が見つかりません。URLを確かめてください。',
      en: 'The gift certificate issue was not found. Check the address.',
    });
  }
  return issue;
}

const paymentMethods = ['cash', 'bank', 'other'] as const;

/**
 * Staff record a resident's purchase at the counter (販売): the payment received (price × sets) and
 * the face value credited to the resident's wallet, within the sales period, the per-person limit
 * and the sets left. The issue's row is locked, so two sales at once cannot pass the total.
 */
export async function recordPurchase(
  db: Db,
  actor: Actor,
  request: {
    issueId: number;
    residentAccountId: number;
    sets: unknown;
    paymentMethod: string;
    idempotencyKey: string;
    now?: Date;
  },
): Promise<LedgerResult> {
  if (!(await isIssuerStaff(db, actor))) throw notIssuerStaff();
  checkIdempotencyKey(request.idempotencyKey);
  const { sets } = parseInput(
    z.object({ sets: wholeNumber(1, 100) }),
    { sets: request.sets },
    {
      sets: { ja: '冊数', en: 'Sets' },
    },
  );
  const method = paymentMethods.find((m) => m === request.paymentMethod) ?? 'cash';
  const today = todayInJapan(request.now ?? new Date());
  const issue = await readIssue(db, actor.municipalityCode, request.issueId);
  return executeLedgerRequest(
    db,
    {
      municipalityCode: actor.municipalityCode,
      idempotencyKey: request.idempotencyKey,
      kind: 'purchase',
      fingerprint: JSON.stringify(['purchase', issue.id, request.residentAccountId, sets]),
      residentAccountId: request.residentAccountId,
      actorAccountId: actor.accountId,
    },
    async (tx) => {
      const [locked] = await tx
        .select()
        .from(giftCertificateIssues)
        .where(eq(giftCertificateIssues.id, issue.id))
        .for('update');
      if (!locked) throw new Error('issue vanished');
      if (today < locked.salesFrom || today > locked.salesUntil) {
        throw new UserError('not_on_sale', 422, {
          ja: `この商品券の販売期間は${locked.salesFrom}〜${locked.salesUntil}です。`,
          en: `This gift certificate is on sale from ${locked.salesFrom} to ${locked.salesUntil}.`,
        });
      }
      const [bought] = await tx
        .select({ sets: sql<number>`coalesce(sum(${giftCertificatePurchases.sets}), 0)::int` })
        .from(giftCertificatePurchases)
        .where(
          and(
            eq(giftCertificatePurchases.issueId, issue.id),
            eq(giftCertificatePurchases.residentAccountId, request.residentAccountId),
          ),
        );
      if ((bought?.sets ?? 0) + sets > locked.perPersonLimit) {
        throw new UserError('over_person_limit', 422, {
          ja: `1人${locked.perPersonLimit}冊までです（購入済み${bought?.sets ?? 0}冊）。`,
          en: `The limit is ${locked.perPersonLimit} sets per person (${bought?.sets ?? 0} bought already).`,
        });
      }
      if (locked.soldSets + sets > locked.totalSets) {
        throw new UserError('sold_out', 422, {
          ja: `残りは${locked.totalSets - locked.soldSets}冊です。`,
          en: `Only ${locked.totalSets - locked.soldSets} sets are left.`,
        });
      }
      await tx
        .update(giftCertificateIssues)
        .set({ soldSets: locked.soldSets + sets })
        .where(eq(giftCertificateIssues.id, issue.id));
      const issuer = await openAccount(tx, issue.unitId, 'issuer');
      const resident = await openAccount(tx, issue.unitId, 'resident', request.residentAccountId);
      await lockBalances(tx, [issuer, resident]);
      return [
        {
          unitId: issue.unitId,
          debitAccountId: issuer,
          creditAccountId: resident,
          amount: issue.faceValueYen * sets,
        },
      ];
    },
    async (tx, requestId) => {
      await tx.insert(giftCertificatePurchases).values({
        issueId: issue.id,
        residentAccountId: request.residentAccountId,
        sets,
        paidYen: issue.priceYen * sets,
        paymentMethod: method,
        requestId,
        recordedBy: actor.accountId,
      });
      await recordAudit(tx, actor, {
        action: 'gift_issue.sell',
        entityType: 'gift_issue',
        entityKey: String(issue.id),
        after: { residentAccountId: request.residentAccountId, sets, paidYen: issue.priceYen * sets, method },
      });
    },
  );
}

/**
 * The scheduled expiry (失効): for every issue whose last day of use has passed, what residents still
 * hold moves to the issue's `expired` account, in one request per issue (its key names the issue,
 * so running it twice expires once). Shops keep what they took: it is still settled.
 */
export async function expireGiftCertificates(
  db: Db,
  now = new Date(),
): Promise<{ issueId: number; expiredYen: number }[]> {
  const today = todayInJapan(now);
  const due = await db
    .select()
    .from(giftCertificateIssues)
    .where(and(lt(giftCertificateIssues.validUntil, today), sql`${giftCertificateIssues.expiredAt} is null`))
    .orderBy(asc(giftCertificateIssues.id));
  const done: { issueId: number; expiredYen: number }[] = [];
  for (const issue of due) {
    const result = await executeLedgerRequest(
      db,
      {
        municipalityCode: issue.municipalityCode,
        idempotencyKey: `expiry:gift-issue:${issue.id}`,
        kind: 'expiry',
        fingerprint: JSON.stringify(['expiry', issue.id]),
      },
      async (tx) => {
        const expired = await openAccount(tx, issue.unitId, 'expired');
        const holders = await tx
          .select({ id: ledgerAccounts.id })
          .from(ledgerAccounts)
          .where(and(eq(ledgerAccounts.unitId, issue.unitId), eq(ledgerAccounts.holder, 'resident')));
        const balances = await lockBalances(tx, [expired, ...holders.map((h) => h.id)]);
        return holders.flatMap((h) => {
          const left = balances.get(h.id) ?? 0;
          return left > 0
            ? [{ unitId: issue.unitId, debitAccountId: h.id, creditAccountId: expired, amount: left }]
            : [];
        });
      },
      async (tx) => {
        await tx
          .update(giftCertificateIssues)
          .set({ expiredAt: now })
          .where(eq(giftCertificateIssues.id, issue.id));
      },
    );
    done.push({ issueId: issue.id, expiredYen: result.amount });
  }
  return done;
}
