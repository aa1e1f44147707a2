import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import type { ProblemDetail } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import type { Text } from '../../platform/i18n';
import { bilingual, describeProblems, formInvalid } from '../../platform/validation';
import { type LoanProgramme, loanProgrammes, loanUses } from './schema';
import { caseFor } from './service';

export type LoanUseRow = typeof loanUses.$inferSelect;

export const loanLabels = {
  programme: { ja: '融資制度', en: 'Loan programme' },
  borrower: { ja: '借り手（事業者名・氏名）', en: 'Borrower (business or person)' },
  usedOn: { ja: '融資実行日', en: 'Date of the loan' },
  amountYen: { ja: '融資額（円）', en: 'Amount (yen)' },
  idempotencyKey: { ja: 'フォーム', en: 'Form' },
} satisfies Record<string, Text>;

const reload = bilingual(
  'ページを読み込み直してから送信してください。',
  'Reload the page and send the form again.',
);

export const LoanUseSchema = z.object({
  programme: z.enum(
    loanProgrammes,
    bilingual('融資制度を一覧から選んでください。', 'Choose a programme from the list.'),
  ),
  borrower: z
    .string(bilingual('入力してください。', 'Enter the borrower.'))
    .trim()
    .min(1, bilingual('入力してください。', 'Enter the borrower.'))
    .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.')),
  usedOn: z.iso.date(bilingual('融資実行日を選んでください。', 'Choose the date of the loan.')),
  // yen as people type them: 3,000,000 or ３００００００ become 3000000; never a fraction
  amountYen: z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFKC').replace(/[,円\s]/g, '') : v),
    z.coerce
      .number(
        bilingual(
          '金額を半角数字で入力してください（例：3000000）。',
          'Enter the amount in digits, e.g. 3000000.',
        ),
      )
      .int(bilingual('1円単位の整数で入力してください。', 'Enter whole yen.'))
      .positive(bilingual('1円以上の金額を入力してください。', 'Enter an amount of at least 1 yen.'))
      .max(
        10_000_000_000,
        bilingual('金額が大きすぎます。桁を確かめてください。', 'The amount is too large. Check the digits.'),
      ),
  ),
  idempotencyKey: z.string(reload).min(8, reload).max(100),
});
export type LoanUseInput = z.input<typeof LoanUseSchema>;

/**
 * Staff record one use of a loan programme of 1-3 (あきる野市中小企業振興資金融資, 小口零細企業保証資金融資,
 * あきる野商工会小規模事業者経営改善資金融資) on a case: the uses of a fiscal year are the project's
 * 合計利用件数. The same form sent twice records one use.
 */
export async function recordLoanUse(
  db: Db,
  actor: Actor,
  caseId: number,
  input: LoanUseInput,
  options: { now?: Date } = {},
): Promise<{ loan: LoanUseRow; repeated: boolean }> {
  const caseRow = await caseFor(db, actor, caseId);
  const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey : '';
  const existing = key ? await loanOfForm(db, actor, key) : undefined;
  if (existing) return { loan: existing, repeated: true };
  const parsed = LoanUseSchema.safeParse(input);
  if (!parsed.success) throw formInvalid(describeProblems(LoanUseSchema, input, loanLabels));
  const data = parsed.data;
  const problems: ProblemDetail[] = [];
  if (data.usedOn > todayInJapan(options.now))
    problems.push({
      field: 'usedOn',
      message: {
        ja: `${loanLabels.usedOn.ja}: 未来の日付は選べません。融資が実行された日を選んでください。`,
        en: `${loanLabels.usedOn.en}: The date is in the future. Choose the day the loan was made.`,
      },
    });
  if (problems.length > 0) throw formInvalid(problems);
  const loan = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(loanUses)
      .values({
        municipalityCode: caseRow.municipalityCode,
        organisation: caseRow.organisation,
        caseId: caseRow.id,
        programme: data.programme as LoanProgramme,
        borrower: data.borrower,
        usedOn: data.usedOn,
        amountYen: data.amountYen,
        recordedBy: actor.accountId,
        idempotencyKey: data.idempotencyKey,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return undefined;
    await recordAudit(tx, actor, {
      action: 'loan_use.record',
      entityType: 'consultation_case',
      entityKey: String(caseRow.id),
      after: { loanId: row.id, programme: row.programme, usedOn: row.usedOn, amountYen: row.amountYen },
    });
    return row;
  });
  if (loan) return { loan, repeated: false };
  // the same form, sent twice at once: the other request wrote it
  const same = await loanOfForm(db, actor, data.idempotencyKey);
  if (!same) throw new Error('loan use neither inserted nor found');
  return { loan: same, repeated: true };
}

async function loanOfForm(q: Queryable, actor: Actor, key: string) {
  const [row] = await q
    .select()
    .from(loanUses)
    .where(and(eq(loanUses.recordedBy, actor.accountId ?? -1), eq(loanUses.idempotencyKey, key)));
  return row;
}

/** The loan uses recorded on a case (the caller may read the case). */
export function loansOf(q: Queryable, caseId: number): Promise<LoanUseRow[]> {
  return q
    .select()
    .from(loanUses)
    .where(eq(loanUses.caseId, caseId))
    .orderBy(asc(loanUses.usedOn), asc(loanUses.id));
}
