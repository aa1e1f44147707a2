import { z } from 'zod';
import type { UserError } from '../../platform/errors';
import { formatDateTime, todayInJapan } from '../../platform/fiscal-year';
import type { Text } from '../../platform/i18n';
import { bilingual, fieldProblem } from '../../platform/validation';
import { japanTime } from './sessions';

/**
 * What the public reads about an event besides its date, place and fee, as a form sends it: the
 * fields of the 自治体標準オープンデータセット「イベント一覧」 that an organiser knows. All optional.
 * This file depends on nothing else of the module, so that event-service.ts (creating an event) and
 * event-details.ts (changing them later) both take the same fields from it.
 */

const atMost = (max: number) => bilingual(`${max}文字以内にしてください。`, `Use at most ${max} characters.`);

const optionalText = (max: number) => z.string().trim().max(max, atMost(max)).default('');

const toKatakana = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));

/** イベント名_カナ is written in katakana (全角カナ); hiragana and half-width kana are turned into it. */
const titleKana = z.preprocess(
  (v) => (typeof v === 'string' ? toKatakana(v.normalize('NFKC')).replace(/\s+/g, ' ').trim() : v),
  z
    .string()
    .max(200, atMost(200))
    .regex(
      /^[\p{Script=Katakana}ー・ 0-9]*$/u,
      bilingual(
        'カタカナで入力してください（例：ジギョウショウケイセミナー）。',
        'Write the reading in katakana, e.g. ジギョウショウケイセミナー.',
      ),
    )
    .default(''),
);

/** A decimal degree as typed: full-width digits are read, an empty field is no position. */
const degrees = (ja: string, en: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v ?? null;
      const typed = v.normalize('NFKC').trim();
      return typed === '' ? null : /^[-+]?\d+(\.\d+)?$/.test(typed) ? Number(typed) : Number.NaN;
    },
    z
      .number(
        bilingual(
          `${ja}を数字で入力してください（例：35.7289）。`,
          `Enter the ${en} as a number, e.g. 35.7289.`,
        ),
      )
      .nullable()
      .default(null),
  );

/**
 * A telephone number for the public to call: digits, hyphens and brackets as the organiser writes it
 * (042-558-1111, (042)558-1111), 10 or 11 digits from the area code. Full-width characters are read.
 */
const contactPhone = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .normalize('NFKC')
          .replace(/[‐－―ー−]/g, '-')
          .replace(/\s+/g, '')
      : v,
  z
    .string()
    .refine(
      (s) => s === '' || (/^[0-9()-]+$/.test(s) && /^0\d{9,10}$/.test(s.replace(/\D/g, ''))),
      bilingual(
        '市外局番から入力してください（例：042-558-1111）。',
        'Enter the phone number with its area code, e.g. 042-558-1111.',
      ),
    )
    .default(''),
);

/** The instant of a datetime-local value (2026-11-30T17:00) in Japan. */
const japanLocalInstant = (local: string) => new Date(`${local.length === 16 ? `${local}:00` : local}+09:00`);

/**
 * The registration deadline from a datetime-local field (2026-11-30T17:00), in Japan time. An empty
 * field is no deadline: registrations are then taken until the event starts.
 */
const notADateTime = bilingual(
  '日付と時刻を入力してください（例：2026-11-30 17:00）。',
  'Enter a date and a time, e.g. 2026-11-30 17:00.',
);
const deadline = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
  z
    .string(notADateTime)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: notADateTime, abort: true })
    // a day past the month's end (2026-02-30) would roll over into the next month: refused
    .refine(
      (local) => todayInJapan(japanLocalInstant(local)) === local.slice(0, 10),
      bilingual('ありえない日付です。', 'This date does not exist.'),
    )
    .transform(japanLocalInstant)
    .nullable()
    .default(null),
);

/** The fields, to be spread into a zod object (EventSchema takes them when an event is created). */
export const eventDetailsShape = {
  titleKana,
  titleEn: optionalText(200),
  area: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z.string().max(100).nullable().default(null),
  ),
  address: optionalText(200),
  latitude: degrees('緯度', 'latitude'),
  longitude: degrees('経度', 'longitude'),
  access: optionalText(1000),
  parking: optionalText(1000),
  contactName: optionalText(100),
  contactPhone,
  feeDetails: optionalText(1000),
  registrationClosesAt: deadline,
  notes: optionalText(2000),
};

export const EventDetailsSchema = z.object(eventDetailsShape);
export type EventDetailsInput = z.input<typeof EventDetailsSchema>;
export type EventDetails = z.output<typeof EventDetailsSchema>;

export const eventDetailsLabels: Record<keyof typeof eventDetailsShape, Text> = {
  titleKana: { ja: 'イベント名（カナ）', en: 'Title in katakana' },
  titleEn: { ja: 'イベント名（英語）', en: 'Title in English' },
  area: { ja: '地区', en: 'Area' },
  address: { ja: '住所', en: 'Address' },
  latitude: { ja: '緯度', en: 'Latitude' },
  longitude: { ja: '経度', en: 'Longitude' },
  access: { ja: 'アクセス方法', en: 'Getting there' },
  parking: { ja: '駐車場', en: 'Parking' },
  contactName: { ja: '問い合わせ先', en: 'Contact' },
  contactPhone: { ja: '問い合わせ先の電話番号', en: 'Contact phone' },
  feeDetails: { ja: '料金の詳細', en: 'Fee details' },
  registrationClosesAt: { ja: '申込締切', en: 'Registration deadline' },
  notes: { ja: '備考', en: 'Notes' },
};

/** Where positions in Japan lie, outlying islands included: a figure outside is a typing mistake. */
const japan = { latitude: [20, 46], longitude: [122, 154] } as const;

function problem(field: keyof typeof eventDetailsShape, ja: string, en: string): UserError {
  return fieldProblem(field, eventDetailsLabels[field], { ja, en });
}

/**
 * What one field alone cannot tell: an area of the plan, a position inside Japan given as both
 * degrees, and a deadline not after the start. `areas` empty: the plan names none, any is taken.
 */
export function checkEventDetails(
  details: EventDetails,
  context: { startsAt: Date; areas: readonly { code: string }[] },
): EventDetails {
  const { areas } = context;
  if (details.area !== null && areas.length > 0 && !areas.some((a) => a.code === details.area)) {
    throw problem('area', '地区を一覧から選んでください。', 'Choose one of the listed areas.');
  }
  const { latitude, longitude } = details;
  if ((latitude === null) !== (longitude === null)) {
    const missing = latitude === null ? 'latitude' : 'longitude';
    throw problem(
      missing,
      '緯度と経度は両方とも入力するか、両方とも空にしてください。',
      'Give both the latitude and the longitude, or neither.',
    );
  }
  if (latitude !== null && (latitude < japan.latitude[0] || latitude > japan.latitude[1])) {
    throw problem(
      'latitude',
      `日本国内の緯度（${japan.latitude[0]}〜${japan.latitude[1]}）にしてください。緯度と経度が逆になっていないか確かめてください。`,
      `Give a latitude in Japan (${japan.latitude[0]} to ${japan.latitude[1]}). Check that latitude and longitude are not swapped.`,
    );
  }
  if (longitude !== null && (longitude < japan.longitude[0] || longitude > japan.longitude[1])) {
    throw problem(
      'longitude',
      `日本国内の経度（${japan.longitude[0]}〜${japan.longitude[1]}）にしてください。`,
      `Give a longitude in Japan (${japan.longitude[0]} to ${japan.longitude[1]}).`,
    );
  }
  const closes = details.registrationClosesAt;
  if (closes && closes > context.startsAt) {
    throw problem(
      'registrationClosesAt',
      `開始日時（${formatDateTime('ja', context.startsAt)}）より後にはできません。`,
      `It cannot be after the start (${formatDateTime('en', context.startsAt)}).`,
    );
  }
  return details;
}

/** The details among an event's fields (a parsed form, a row), e.g. to write them to the row. */
export function pickEventDetails(from: EventDetails): EventDetails {
  return Object.fromEntries(
    Object.keys(eventDetailsShape).map((key) => [key, from[key as keyof EventDetails]]),
  ) as EventDetails;
}

/** The details of an event as the audit log keeps them: text that reads the same in a year. */
export function eventDetailsState(from: EventDetails): Record<string, string | number | null> {
  const closes = from.registrationClosesAt;
  return { ...pickEventDetails(from), registrationClosesAt: closes ? formatDateTime('ja', closes) : null };
}

/** An instant as a datetime-local field shows it in Japan: 2026-11-30T17:00. */
export const localDateTime = (instant: Date) => `${todayInJapan(instant)}T${japanTime(instant)}`;

/** A stored event's details as its form shows them. */
export function detailsFormValues(event: EventDetails): Record<string, string> {
  const closes = event.registrationClosesAt;
  return {
    titleKana: event.titleKana,
    titleEn: event.titleEn,
    area: event.area ?? '',
    address: event.address,
    latitude: event.latitude === null ? '' : String(event.latitude),
    longitude: event.longitude === null ? '' : String(event.longitude),
    access: event.access,
    parking: event.parking,
    contactName: event.contactName,
    contactPhone: event.contactPhone,
    feeDetails: event.feeDetails,
    registrationClosesAt: closes ? localDateTime(closes) : '',
    notes: event.notes,
  };
}
