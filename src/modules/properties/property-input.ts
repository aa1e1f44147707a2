import { z } from 'zod';
import type { FormValues } from '../../platform/forms';
import type { Text } from '../../platform/i18n';
import { bilingual, parseInput, requiredText, trimmedText } from '../../platform/validation';
import { type PropertyRow, propertyDeals, propertyKinds } from './schema';

/** What the plan file tells a listing: the municipality's name, its areas and its extent on the map. */
export interface ListingContext {
  municipalityName: string;
  areas: readonly { code: string }[];
  bounds: { south: number; west: number; north: number; east: number } | undefined;
}

export const listingLabels: Record<string, Text> = {
  kind: { ja: '物件の種類', en: 'Kind of property' },
  title: { ja: '物件名', en: 'Title' },
  address: { ja: '所在地', en: 'Address' },
  area: { ja: '地区', en: 'Area' },
  latitude: { ja: '緯度', en: 'Latitude' },
  longitude: { ja: '経度', en: 'Longitude' },
  floorAreaM2: { ja: '面積（㎡）', en: 'Floor area (m²)' },
  deal: { ja: '賃貸・売買', en: 'Rent or sale' },
  priceYen: { ja: '賃料（月額）・価格（円）', en: 'Rent per month or price (yen)' },
  uses: { ja: '使い方（タグ）', en: 'Uses (tags)' },
  condition: { ja: '状態', en: 'Condition' },
  description: { ja: '紹介文', en: 'Description' },
  availableFrom: { ja: '入居可能日', en: 'Available from' },
  contactRoute: { ja: '問い合わせ後の流れ', en: 'How inquiries are answered' },
  ownerName: { ja: '所有者名（非公開）', en: "Owner's name (private)" },
  ownerContact: { ja: '所有者の連絡先（非公開）', en: "Owner's contact (private)" },
};

const text = trimmedText;
const required = requiredText;

/** Numbers as people type them on a phone: full-width digits, 「85,000」, spaces around. */
const typedNumber = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').replace(/[,\s]/g, '') : v);

const yenProblem = bilingual(
  '円単位の整数（半角・全角の数字）で入力してください（例：85000）。「万」や「円」は付けません。',
  'Give whole yen in digits, e.g. 85000 (no 万 or 円).',
);
const typedYen = (v: unknown) => {
  const s = typedNumber(v);
  if (s === '' || s === undefined || s === null) return null;
  return typeof s === 'string' && /^\d{1,13}$/.test(s) ? Number(s) : s;
};
const wholeYen = z.number(yenProblem).int(yenProblem).min(0, yenProblem);

/** Yen: a whole number, 0 or more; 「月5万円」 or 「85000.5」 is refused with an example. */
export const yen = z.preprocess(typedYen, wholeYen);
export const optionalYen = z.preprocess(typedYen, wholeYen.nullable());

const squareMetres = z.preprocess(
  (v) => {
    const s = typedNumber(v);
    if (s === '' || s === undefined) return undefined;
    return typeof s === 'string' && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
  },
  z
    .number(
      bilingual('面積を数字で入力してください（例：42.5）。', 'Give the floor area as a number, e.g. 42.5.'),
    )
    .positive(bilingual('面積は0より大きい数にしてください。', 'The floor area must be more than 0.'))
    .max(1_000_000, bilingual('面積は1,000,000㎡までです。', 'At most 1,000,000 m².'))
    // to the hundredth of a square metre, as a 登記簿 gives it
    .transform((v) => Math.round(v * 100) / 100),
);

const degrees = z.preprocess(
  (v) => {
    const s = typedNumber(v);
    if (s === '' || s === undefined) return undefined;
    return typeof s === 'string' && Number.isFinite(Number(s)) ? Number(s) : s;
  },
  z.number(bilingual('数値で入力してください（例：35.7289）。', 'Give a number, e.g. 35.7289.')),
);

const isoDay = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFKC').trim() || null : (v ?? null)),
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}$/,
      bilingual('日付を「2027-04-01」の形で入力してください。', 'Give a date as 2027-04-01.'),
    )
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
      bilingual('ありえない日付です。', 'This date does not exist.'),
    )
    .nullable(),
);

/** Tags typed separated by commas, 読点 or new lines; each once. */
export function splitTags(value: unknown): string[] {
  if (Array.isArray(value)) return [...new Set(value.map((v) => String(v).normalize('NFKC').trim()))];
  if (typeof value !== 'string') return [];
  return [
    ...new Set(
      value
        .normalize('NFKC')
        .split(/[,、，\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

function listingSchema(context: ListingContext) {
  const box = context.bounds ?? { south: 20, west: 122, north: 46, east: 154 };
  const inside = (axis: 'latitude' | 'longitude') => {
    const [low, high] = axis === 'latitude' ? [box.south, box.north] : [box.west, box.east];
    return degrees.refine(
      (v) => v >= low && v <= high,
      bilingual(
        `${context.municipalityName}の中の位置にしてください（${axis === 'latitude' ? '緯度' : '経度'} ${low}〜${high}）。緯度と経度が逆になっていないかも確かめてください。`,
        `Give a position inside ${context.municipalityName} (${axis} ${low} to ${high}). Check that latitude and longitude are not swapped.`,
      ),
    );
  };
  const areaCodes = context.areas.map((a) => a.code);
  return z.object({
    kind: z.enum(propertyKinds, bilingual('物件の種類を選んでください。', 'Choose the kind of property.')),
    title: required(100, '物件名を入力してください（例：秋川駅北口 1階店舗）。', 'Enter a title.'),
    address: required(200, '所在地を入力してください。', 'Enter the address.').refine(
      (v) => v.normalize('NFKC').includes(context.municipalityName),
      bilingual(
        `${context.municipalityName}内の所在地を、市名から入力してください。`,
        `Give an address in ${context.municipalityName}, starting with the city's name.`,
      ),
    ),
    area: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
      z
        .string()
        .refine(
          (v) => areaCodes.includes(v),
          bilingual('地区を一覧から選んでください。', 'Choose an area from the list.'),
        )
        .nullable(),
    ),
    latitude: inside('latitude'),
    longitude: inside('longitude'),
    floorAreaM2: squareMetres,
    deal: z.enum(propertyDeals, bilingual('賃貸か売買かを選んでください。', 'Choose rent or sale.')),
    priceYen: yen,
    uses: z.preprocess(
      splitTags,
      z
        .array(z.string().max(20, bilingual('タグは1つ20文字以内です。', 'Keep each tag to 20 characters.')))
        .max(12, bilingual('タグは12個までです。', 'At most 12 tags.')),
    ),
    condition: text(200),
    description: text(2000),
    availableFrom: isoDay,
    contactRoute: text(200),
    ownerName: text(100),
    ownerContact: text(200),
  });
}

export type ListingInput = z.output<ReturnType<typeof listingSchema>>;

/** Parses a listing form (or JSON): every problem at once, a 422 naming each field; nothing is written. */
export function parseListing(values: Record<string, unknown>, context: ListingContext): ListingInput {
  return parseInput(listingSchema(context), values, listingLabels);
}

/** A saved listing as its form shows it again. */
export function listingFormValues(row: PropertyRow): FormValues {
  return {
    kind: row.kind,
    title: row.title,
    address: row.address,
    area: row.area ?? '',
    latitude: String(row.latitude),
    longitude: String(row.longitude),
    floorAreaM2: String(row.floorAreaM2),
    deal: row.deal,
    priceYen: String(row.priceYen),
    uses: row.uses.join('、'),
    condition: row.condition,
    description: row.description,
    availableFrom: row.availableFrom ?? '',
    contactRoute: row.contactRoute,
    ownerName: row.ownerName,
    ownerContact: row.ownerContact,
  };
}
