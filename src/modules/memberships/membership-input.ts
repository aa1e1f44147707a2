import { z } from 'zod';
import type { Text } from '../../platform/i18n';
import { bilingual, parseInput, requiredText, trimmedText, typedDate } from '../../platform/validation';

export const membershipLabels = {
  name: { ja: '会員名（店名・事業者名）', en: 'Member (shop or business name)' },
  businessId: { ja: '事業者一覧の事業者', en: 'Business in the directory' },
  representative: { ja: '代表者名', en: 'Representative' },
  phone: { ja: '電話番号', en: 'Phone' },
  joinedOn: { ja: '入会日', en: 'Joined on' },
  leftOn: { ja: '退会日', en: 'Left on' },
  note: { ja: 'メモ', en: 'Note' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  amountYen: { ja: '会費（円）', en: 'Fee (yen)' },
  paidOn: { ja: '納入日', en: 'Paid on' },
  message: { ja: 'ひとこと', en: 'Message' },
  reason: { ja: 'お断りの理由', en: 'Reason' },
  value: { ja: '市内の事業所数', en: 'Businesses in the city' },
  asOf: { ja: '基準日', en: 'As of' },
  source: { ja: '出典', en: 'Source' },
  bodyName: { ja: '商店会の名前', en: 'Association name' },
  area: { ja: '地区', en: 'Area' },
  keeper: { ja: '名簿を管理するアカウント', en: 'Account keeping the list' },
} satisfies Record<string, Text>;

const typedWhole = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const s = v.normalize('NFKC').replace(/[,\s]/g, '');
  return /^\d{1,9}$/.test(s) ? Number(s) : s;
};
const whole = (ja: string, en: string) =>
  z.preprocess(typedWhole, z.number(bilingual(ja, en)).int(bilingual(ja, en)));
const optionalId = z.preprocess(
  (v) => (v === '' || v === undefined ? null : typedWhole(v)),
  z.number(bilingual('一覧から選んでください。', 'Choose one from the list.')).int().positive().nullable(),
);
const phone = trimmedText(20).refine(
  (v) => v === '' || /^[0-9０-９+\-－ー()（） ]{6,20}$/.test(v),
  bilingual(
    '電話番号は数字とハイフンで入力してください（例：042-558-1111）。',
    'Enter a phone number, e.g. 042-558-1111.',
  ),
);

const MemberSchema = z
  .object({
    businessId: optionalId,
    name: trimmedText(100),
    representative: trimmedText(100),
    phone,
    joinedOn: typedDate(),
    note: trimmedText(500),
  })
  .refine((m) => m.businessId !== null || m.name !== '', {
    path: ['name'],
    message: bilingual(
      '会員名を入力するか、事業者一覧から選んでください。',
      'Type the member’s name or choose a business from the directory.',
    ),
  });
export type MemberInput = z.output<typeof MemberSchema>;
export const parseMember = (values: unknown) => parseInput(MemberSchema, values, membershipLabels);

const FeeSchema = z.object({
  fiscalYear: whole('年度を数字で入力してください（例：2026）。', 'Enter the fiscal year, e.g. 2026.').pipe(
    z.number().min(2000, bilingual('2000年度以降の年度です。', 'From fiscal 2000.')).max(2100),
  ),
  amountYen: whole(
    '会費は円単位の整数で入力してください（例：12000）。',
    'Give the fee in whole yen, e.g. 12000.',
  ).pipe(z.number().min(0, bilingual('0円以上です。', 'At least 0 yen.')).max(10_000_000)),
  paidOn: typedDate(),
});
export type FeeInput = z.output<typeof FeeSchema>;
export const parseFee = (values: unknown) => parseInput(FeeSchema, values, membershipLabels);

const LeavingSchema = z.object({ leftOn: typedDate() });
export const parseLeaving = (values: unknown) => parseInput(LeavingSchema, values, membershipLabels);

const JoinSchema = z.object({
  representative: requiredText(100, '代表者名を入力してください。', 'Enter the representative’s name.'),
  phone,
  message: trimmedText(1000),
});
export type JoinInput = z.output<typeof JoinSchema>;
export const parseJoinRequest = (values: unknown) => parseInput(JoinSchema, values, membershipLabels);

const DecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), joinedOn: typedDate() }),
  z.object({
    decision: z.literal('decline'),
    reason: requiredText(
      500,
      'お断りの理由を入力してください（申込者に表示されます）。',
      'Give a reason (the applicant sees it).',
    ),
  }),
]);
export type DecisionInput = z.output<typeof DecisionSchema>;
export const parseDecision = (values: unknown) => parseInput(DecisionSchema, values, membershipLabels);

const DenominatorSchema = z.object({
  value: whole(
    '事業所数を整数で入力してください（例：2450）。',
    'Enter the number of businesses, e.g. 2450.',
  ).pipe(z.number().min(1, bilingual('1以上です。', 'At least 1.'))),
  asOf: typedDate(),
  source: requiredText(
    200,
    '出典を入力してください（例：令和3年経済センサス‐活動調査）。',
    'Give the source, e.g. the 2021 Economic Census.',
  ),
});
export type DenominatorInput = z.output<typeof DenominatorSchema>;
export const parseDenominator = (values: unknown) => parseInput(DenominatorSchema, values, membershipLabels);

const BodySchema = z.object({
  bodyName: requiredText(100, '商店会の名前を入力してください。', 'Enter the association’s name.'),
  area: trimmedText(50),
  keeper: optionalId,
});
export type BodyInput = z.output<typeof BodySchema>;
export const parseBody = (values: unknown) => parseInput(BodySchema, values, membershipLabels);
