import { z } from 'zod';
import type { ProblemDetail } from '../../platform/errors';
import type { FormValues } from '../../platform/forms';
import type { Text } from '../../platform/i18n';
import { bilingual, formInvalid, parseInput, requiredText, trimmedText } from '../../platform/validation';
import { isValidCorporateNumber } from './corporate-number';
import { isMajorIndustry, isMiddleOf } from './industries';
import { legalForms, ownerAgeBands, successorStatuses } from './schema';

/** What the plan file tells a profile: its municipality, areas, map extent and organisations. */
export interface ProfileContext {
  municipalityName: string;
  areas: readonly { code: string }[];
  bounds: { south: number; west: number; north: number; east: number } | undefined;
  /** the organisations a business may say it belongs to (商工会, 商店会) */
  membershipCodes: readonly string[];
}

const japan = { south: 20, west: 122, north: 46, east: 154 };

const trimmed = trimmedText;
const required = requiredText;

const emptyToNull = (v: unknown) => (typeof v === 'string' ? v.trim() || null : (v ?? null));

/** Full-width digits typed on a phone are the same digits. */
const digits = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').replace(/[\s-]/g, '') : v);

const wholeNumber = (max: number, ja: string, en: string) =>
  z.preprocess((v) => {
    const s = emptyToNull(digits(v));
    return s === null ? null : /^\d+$/.test(String(s)) ? Number(s) : s;
  }, z
    .number(bilingual(ja, en))
    .int(bilingual(ja, en))
    .min(0, bilingual(ja, en))
    .max(max, bilingual(ja, en))
    .nullable());

const degrees = z.preprocess((v) => {
  const s = emptyToNull(typeof v === 'string' ? v.normalize('NFKC') : v);
  return s === null ? null : Number.isFinite(Number(s)) ? Number(s) : s;
}, z.number(bilingual('数値で入力してください（例：35.7289）。', 'Give a number, e.g. 35.7289.')).nullable());

const webAddress = z
  .string()
  .trim()
  .max(300, bilingual('300文字以内にしてください。', 'Use at most 300 characters.'))
  .refine(
    (v) => v === '' || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v),
    bilingual(
      'http:// または https:// で始まるアドレスを入力してください。',
      'Give an address starting with http:// or https://.',
    ),
  );

/** Tags as people type them: separated by commas, 読点 or new lines; each once, at most 20. */
function splitList(value: unknown, separators: RegExp): string[] {
  if (typeof value !== 'string') return [];
  const seen = new Set<string>();
  for (const part of value.normalize('NFKC').split(separators)) {
    const tag = part.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export const profileLabels: Record<string, Text> = {
  legalForm: { ja: '事業形態', en: 'Legal form' },
  name: { ja: '事業者名（屋号・会社名）', en: 'Business name' },
  kana: { ja: '事業者名のふりがな', en: 'Name in kana' },
  corporateNumber: { ja: '法人番号', en: 'Corporate number' },
  industryMajor: { ja: '業種（大分類）', en: 'Industry (division)' },
  industryMiddle: { ja: '業種（中分類）', en: 'Industry (major group)' },
  address: { ja: '所在地', en: 'Address' },
  area: { ja: '地区', en: 'Area' },
  latitude: { ja: '緯度', en: 'Latitude' },
  longitude: { ja: '経度', en: 'Longitude' },
  employees: { ja: '従業員数', en: 'Employees' },
  foundedYear: { ja: '創業年', en: 'Year founded' },
  tags: { ja: 'できること（タグ）', en: 'Capabilities (tags)' },
  capabilities: { ja: '技術・設備・資格', en: 'Technologies, equipment, certifications' },
  products: { ja: '製品・サービス', en: 'Products and services' },
  description: { ja: '紹介文', en: 'Description' },
  website: { ja: 'ウェブサイト', en: 'Web site' },
  sns: { ja: 'SNS', en: 'Social media' },
  memberships: { ja: '所属団体', en: 'Memberships' },
  contactName: { ja: '担当者名', en: 'Contact person' },
  contactPhone: { ja: '担当者の電話番号', en: "Contact person's phone" },
  ownerAgeBand: { ja: '代表者の年代', en: "Owner's age band" },
  successorStatus: { ja: '後継者の状況', en: 'Successor' },
  successionConsent: {
    ja: '事業承継の支援のための利用への同意',
    en: 'Consent to use for succession support',
  },
};

const thisYear = () => new Date().getFullYear();

function profileSchema(context: ProfileContext) {
  const bounds = context.bounds ?? japan;
  const inBounds = (axis: 'latitude' | 'longitude') => {
    const [low, high] = axis === 'latitude' ? [bounds.south, bounds.north] : [bounds.west, bounds.east];
    return degrees.refine(
      (v) => v === null || (v >= low && v <= high),
      bilingual(
        `${context.municipalityName}の中の位置にしてください（${axis === 'latitude' ? '緯度' : '経度'} ${low}〜${high}）。緯度と経度が逆になっていないかも確かめてください。`,
        `Give a position inside the municipality (${axis} ${low} to ${high}). Check that latitude and longitude are not swapped.`,
      ),
    );
  };
  const areaCodes = context.areas.map((a) => a.code);
  return z
    .object({
      legalForm: z.enum(
        legalForms,
        bilingual('法人か個人事業主かを選んでください。', 'Choose corporation or sole proprietor.'),
      ),
      name: required(100, '事業者名を入力してください。', 'Enter the business name.'),
      kana: required(100, 'ふりがなを入力してください。', 'Enter the name in kana.').refine(
        (v) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー・ 　\s]+$/u.test(v),
        bilingual('ひらがなかカタカナで入力してください。', 'Use hiragana or katakana.'),
      ),
      corporateNumber: z.preprocess(
        (v) => emptyToNull(digits(v)),
        z
          .string()
          .regex(/^\d{13}$/, bilingual('13桁の数字で入力してください。', 'Give 13 digits.'))
          .refine(
            isValidCorporateNumber,
            bilingual(
              '法人番号が正しくありません（先頭の検査用数字が合いません）。国税庁法人番号公表サイトで確かめてください。',
              'This corporate number is not valid (its check digit does not match). Check it on the National Tax Agency site.',
            ),
          )
          .nullable(),
      ),
      industryMajor: z
        .string(bilingual('業種の大分類を選んでください。', 'Choose the industry division.'))
        .refine(
          isMajorIndustry,
          bilingual('業種の大分類を一覧から選んでください。', 'Choose a division from the list.'),
        ),
      industryMiddle: z.preprocess(emptyToNull, z.string().nullable()),
      address: required(200, '所在地を入力してください。', 'Enter the address.').refine(
        (v) => v.normalize('NFKC').includes(context.municipalityName),
        bilingual(
          `${context.municipalityName}内の所在地を、市名から入力してください（例：${context.municipalityName}二宮350）。`,
          `Give an address in ${context.municipalityName}, starting with the city's name.`,
        ),
      ),
      area: z.preprocess(
        emptyToNull,
        z
          .string()
          .refine(
            (v) => areaCodes.includes(v),
            bilingual('地区を一覧から選んでください。', 'Choose an area from the list.'),
          )
          .nullable(),
      ),
      latitude: inBounds('latitude'),
      longitude: inBounds('longitude'),
      employees: wholeNumber(100000, '0以上の整数で入力してください。', 'Give a whole number, 0 or more.'),
      foundedYear: wholeNumber(
        thisYear(),
        `西暦4桁で、${thisYear()}年までの年を入力してください。`,
        `Give a year of four digits, up to ${thisYear()}.`,
      ).refine(
        (v) => v === null || v >= 1600,
        bilingual('西暦4桁で入力してください（例：1987）。', 'Give a year of four digits, e.g. 1987.'),
      ),
      tags: z.preprocess(
        (v) => splitList(v, /[,、，\n]/),
        z
          .array(
            z
              .string()
              .max(30, bilingual('タグは1つ30文字以内にしてください。', 'Keep each tag to 30 characters.')),
          )
          .max(20, bilingual('タグは20個までにしてください。', 'Give at most 20 tags.')),
      ),
      capabilities: trimmed(2000),
      products: trimmed(2000),
      description: trimmed(2000),
      website: webAddress.default(''),
      sns: z.preprocess(
        (v) => splitList(v, /\s+/),
        z
          .array(webAddress)
          .max(5, bilingual('SNSのアドレスは5つまでにしてください。', 'Give at most five addresses.')),
      ),
      memberships: z.array(z.string()).default([]),
      contactName: trimmed(100),
      contactPhone: z.preprocess(
        (v) => (typeof v === 'string' ? v.normalize('NFKC').trim() : v),
        z
          .string()
          .regex(
            /^(|[0-9+()\- ]{10,20})$/,
            bilingual(
              '電話番号を数字とハイフンで入力してください（例：042-000-0000）。',
              'Give a phone number, e.g. 042-000-0000.',
            ),
          )
          .default(''),
      ),
      ownerAgeBand: z
        .enum(ownerAgeBands, bilingual('一覧から選んでください。', 'Choose one from the list.'))
        .default(''),
      successorStatus: z
        .enum(successorStatuses, bilingual('一覧から選んでください。', 'Choose one from the list.'))
        .default(''),
      // a checkbox: sent as "on" when ticked, absent when not
      successionConsent: z.preprocess((v) => v === 'on' || v === 'yes' || v === true, z.boolean()),
    })
    .superRefine((p, ctx) => {
      if (p.legalForm === 'corporation' && !p.corporateNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['corporateNumber'],
          message: bilingual(
            '法人は法人番号（13桁）を入力してください。個人事業主の方は事業形態で「個人事業主」を選んでください。',
            'A corporation gives its 13-digit corporate number. A sole proprietor chooses "sole proprietor" as the legal form.',
          ),
        });
      }
      if (p.industryMiddle && !isMiddleOf(p.industryMajor, p.industryMiddle)) {
        ctx.addIssue({
          code: 'custom',
          path: ['industryMiddle'],
          message: bilingual(
            '選んだ大分類に含まれる中分類を選んでください。',
            'Choose a major group of the chosen division.',
          ),
        });
      }
      if ((p.latitude === null) !== (p.longitude === null)) {
        ctx.addIssue({
          code: 'custom',
          path: [p.latitude === null ? 'latitude' : 'longitude'],
          message: bilingual(
            '緯度と経度は両方とも入力するか、両方とも空にしてください。',
            'Give both the latitude and the longitude, or neither.',
          ),
        });
      }
      if (p.successionConsent) {
        for (const field of ['ownerAgeBand', 'successorStatus'] as const) {
          if (p[field] !== '') continue;
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: bilingual(
              '事業承継の支援のための利用に同意する場合は、代表者の年代と後継者の状況の両方を選んでください。同意しない場合は、同意のチェックを外してください。',
              "To agree to the use for succession support, choose both the owner's age band and the successor status; otherwise untick the consent.",
            ),
          });
        }
      }
      for (const code of p.memberships) {
        if (!context.membershipCodes.includes(code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['memberships'],
            message: bilingual('所属団体を一覧から選んでください。', 'Choose memberships from the list.'),
          });
        }
      }
    });
}

export type ProfileInput = z.output<ReturnType<typeof profileSchema>>;

/** The memberships of a form: one checkbox per organisation, named `membership-<code>`. */
function membershipsOf(values: FormValues | Record<string, unknown>): string[] {
  if (Array.isArray(values.memberships)) return values.memberships.map(String);
  return Object.entries(values)
    .filter(([k, v]) => k.startsWith('membership-') && v)
    .map(([k]) => k.slice('membership-'.length));
}

/** Parses a profile form (or JSON): every problem at once, a 422 naming each field; nothing is written. */
export function parseProfile(values: Record<string, unknown>, context: ProfileContext): ProfileInput {
  return parseInput(profileSchema(context), { ...values, memberships: membershipsOf(values) }, profileLabels);
}

/** One problem of a profile field found after parsing (e.g. a 法人番号 another profile has). */
export function profileProblem(field: string, message: Text): ReturnType<typeof formInvalid> {
  const label = profileLabels[field] ?? { ja: field, en: field };
  const detail: ProblemDetail = {
    field,
    message: { ja: `${label.ja}: ${message.ja}`, en: `${label.en}: ${message.en}` },
  };
  return formInvalid([detail]);
}

/** A saved profile as the form shows it again. */
export function profileFormValues(row: {
  legalForm: string;
  name: string;
  kana: string;
  corporateNumber: string | null;
  industryMajor: string;
  industryMiddle: string | null;
  address: string;
  area: string | null;
  latitude: number | null;
  longitude: number | null;
  employees: number | null;
  foundedYear: number | null;
  tags: string[];
  capabilities: string;
  products: string;
  description: string;
  website: string;
  sns: string[];
  memberships: string[];
  contactName: string;
  contactPhone: string;
  ownerAgeBand: string;
  successorStatus: string;
  successionConsentAt: Date | null;
}): FormValues {
  return {
    legalForm: row.legalForm,
    name: row.name,
    kana: row.kana,
    corporateNumber: row.corporateNumber ?? '',
    industryMajor: row.industryMajor,
    industryMiddle: row.industryMiddle ?? '',
    address: row.address,
    area: row.area ?? '',
    latitude: row.latitude === null ? '' : String(row.latitude),
    longitude: row.longitude === null ? '' : String(row.longitude),
    employees: row.employees === null ? '' : String(row.employees),
    foundedYear: row.foundedYear === null ? '' : String(row.foundedYear),
    tags: row.tags.join('、'),
    capabilities: row.capabilities,
    products: row.products,
    description: row.description,
    website: row.website,
    sns: row.sns.join('\n'),
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    ownerAgeBand: row.ownerAgeBand,
    successorStatus: row.successorStatus,
    ...(row.successionConsentAt ? { successionConsent: 'on' } : {}),
    ...Object.fromEntries(row.memberships.map((m) => [`membership-${m}`, 'on'])),
  };
}
