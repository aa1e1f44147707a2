import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../../db/connection';
import { type Actor, recordAudit } from '../../../platform/audit';
import { notFound, type ProblemDetail, UserError } from '../../../platform/errors';
import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import type { Text } from '../../../platform/i18n';
import {
  bilingual,
  checkTogether,
  emailAddress,
  formInvalid,
  parseInput,
} from '../../../platform/validation';
import {
  type EventRow,
  type EventWithCounts,
  findEventForStaff,
  findPublishedEvent,
  lockEventOf,
} from '../event-service';
import { notTheOrganiser, runsEvent } from '../organiser-access';
import { kanaPattern, phoneText } from '../registration-service';
import { events } from '../schema';
import { goodsNeedingPermit, vendorGoodsCodes } from './goods';
import { mailApplicationReceived, mailDecision } from './mails';
import { vendorApplications, vendorCalls } from './schema';

export type VendorCallRow = typeof vendorCalls.$inferSelect;
export type VendorApplicationRow = typeof vendorApplications.$inferSelect;
export type VendorApplicationStatus = 'applied' | 'accepted' | 'declined' | 'withdrawn';
export const applicationStatuses: readonly VendorApplicationStatus[] = [
  'applied',
  'accepted',
  'declined',
  'withdrawn',
];

export const vendorCallNotFound = notFound({ ja: '出店募集', en: 'The call for vendors' });
export const vendorApplicationNotFound = notFound({ ja: '出店の申し込み', en: 'The vendor application' });

const detail = (field: string, label: Text, ja: string, en: string): ProblemDetail => ({
  field,
  message: { ja: `${label.ja}: ${ja}`, en: `${label.en}: ${en}` },
});

/** The problems found after parsing, all at once, as parseInput lists those it finds. */
function refuseIfAny(details: ProblemDetail[]): void {
  if (details.length > 0) throw formInvalid(details);
}

const whole = (label: string, labelEn: string, min: number, max: number, unit: string, unitEn: string) =>
  z.coerce
    .number(bilingual(`${label}を半角数字で入力してください。`, `Enter the ${labelEn} as a number.`))
    .int(bilingual(`${label}は整数で入力してください。`, `Enter the ${labelEn} as a whole number.`))
    .min(
      min,
      bilingual(
        `${label}は${min}${unit}以上にしてください。`,
        `The ${labelEn} must be at least ${min}${unitEn}.`,
      ),
    )
    .max(
      max,
      bilingual(
        `${label}は${max.toLocaleString('ja-JP')}${unit}以下にしてください。`,
        `The ${labelEn} must be at most ${max.toLocaleString('en-GB')}${unitEn}.`,
      ),
    );

const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bilingual(`${max}文字以内にしてください。`, `Use at most ${max} characters.`))
    .default('');

// ---------------------------------------------------------------------------------------------
// Staff: the call for vendors (出店募集) of an event

export const VendorCallSchema = z.object({
  booths: whole('区画数', 'number of booths', 1, 500, '区画', ''),
  applicationsCloseOn: z.iso.date(
    bilingual('申込締切日を選んでください。', 'Choose the last day for applications.'),
  ),
  conditions: freeText(4000),
  boothFeeYen: whole('出店料', 'booth fee', 0, 1_000_000, '円', ' yen').default(0),
  /** 'yes' when the staff stop taking applications before the deadline */
  closed: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});
export type VendorCallInput = z.input<typeof VendorCallSchema>;

export const vendorCallLabels = {
  booths: { ja: '区画数', en: 'Booths' },
  applicationsCloseOn: { ja: '申込締切日', en: 'Last day for applications' },
  conditions: { ja: '出店条件', en: 'Conditions' },
  boothFeeYen: { ja: '出店料（1区画）', en: 'Booth fee (per booth)' },
  closed: { ja: '受付の停止', en: 'Applications stopped' },
};

export function vendorCallState(call: VendorCallRow) {
  return {
    booths: call.booths,
    applicationsCloseOn: call.applicationsCloseOn,
    conditions: call.conditions,
    boothFeeYen: call.boothFeeYen,
    closed: call.closedAt !== null,
  };
}

/** The booths of the applications accepted for a call. */
async function acceptedBooths(q: Queryable, callId: number): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`coalesce(sum(${vendorApplications.booths}), 0)::int` })
    .from(vendorApplications)
    .where(and(eq(vendorApplications.callId, callId), eq(vendorApplications.status, 'accepted')));
  return row?.n ?? 0;
}

/**
 * The rules of a call read from its input as sent, so that they are named together with the
 * problems of the fields: a deadline from today (one kept as it was may have passed) up to the
 * event's day, and never fewer booths than those already given.
 */
function callRuleProblems(
  input: VendorCallInput,
  event: EventRow,
  now: Date,
  before?: { call: VendorCallRow; accepted: number },
): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const day = typeof input.applicationsCloseOn === 'string' ? input.applicationsCloseOn.trim() : '';
  const label = vendorCallLabels.applicationsCloseOn;
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    const kept = before && day === before.call.applicationsCloseOn;
    if (!kept && day < todayInJapan(now)) {
      problems.push(
        detail(
          'applicationsCloseOn',
          label,
          '過ぎた日付は選べません。今日以降の日付にしてください。',
          'The date has passed. Choose today or later.',
        ),
      );
    }
    const eventDay = todayInJapan(event.startsAt);
    if (day > eventDay) {
      problems.push(
        detail(
          'applicationsCloseOn',
          label,
          `開催日（${formatDate('ja', eventDay)}）までの日にしてください。`,
          `Choose a day no later than the event (${formatDate('en', eventDay)}).`,
        ),
      );
    }
  }
  const booths = Number(input.booths);
  if (before && Number.isInteger(booths) && booths >= 1 && booths < before.accepted) {
    problems.push(
      detail(
        'booths',
        vendorCallLabels.booths,
        `出店を決めた区画（${before.accepted}区画）より少なくはできません。先に決定を見直してください。`,
        `It cannot be fewer than the booths already given (${before.accepted}). Review the decisions first.`,
      ),
    );
  }
  return problems;
}

/** A call's fields and its rules, every problem named at once. */
function validateCall(
  input: VendorCallInput,
  event: EventRow,
  now: Date,
  before?: { call: VendorCallRow; accepted: number },
) {
  const [data] = checkTogether(
    () => parseInput(VendorCallSchema, input, vendorCallLabels),
    () => refuseIfAny(callRuleProblems(input, event, now, before)),
  );
  return data;
}

/** The event of a call, locked, that the actor runs and that may still take vendors. */
async function lockEventToRun(tx: Queryable, actor: Actor, eventId: number, now: Date) {
  const event = await lockEventOf(tx, actor, eventId);
  if (!runsEvent(actor, event)) throw notTheOrganiser;
  if (event.status === 'cancelled') {
    throw new UserError('event_cancelled', 409, {
      ja: '中止したイベントでは出店を募集できません。',
      en: 'A cancelled event cannot take vendors.',
    });
  }
  if (event.startsAt <= now) {
    throw new UserError('event_started', 409, {
      ja: '開始したイベントの出店募集は変更できません。',
      en: 'The event has started: its call for vendors can no longer be changed.',
    });
  }
  return event;
}

const callExists = new UserError('vendor_call_exists', 409, {
  ja: 'このイベントにはすでに出店募集があります。内容を変更してください。',
  en: 'This event already has a call for vendors. Change it instead.',
});

/**
 * Staff of the event's organiser (and admins) open a call for vendors on an event: booths, the
 * last day for applications (inclusive, Japan time), conditions and the fee per booth in yen.
 */
export async function openVendorCall(
  db: Db,
  actor: Actor,
  eventId: number,
  input: VendorCallInput,
  options: { now?: Date } = {},
): Promise<VendorCallRow> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const event = await lockEventToRun(tx, actor, eventId, now);
    const data = validateCall(input, event, now);
    const [existing] = await tx.select().from(vendorCalls).where(eq(vendorCalls.eventId, eventId));
    if (existing) throw callExists;
    const [call] = await tx
      .insert(vendorCalls)
      .values({
        municipalityCode: event.municipalityCode,
        eventId,
        booths: data.booths,
        applicationsCloseOn: data.applicationsCloseOn,
        conditions: data.conditions,
        boothFeeYen: data.boothFeeYen,
        closedAt: data.closed ? now : null,
        createdBy: actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!call) throw new Error('vendor call insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'vendor_call.open',
      entityType: 'event',
      entityKey: String(eventId),
      after: vendorCallState(call),
    });
    return call;
  });
}

/**
 * Staff change the call: booths (never below those given), deadline, conditions, fee, or stop
 * taking applications before the deadline and take them again. The same values change nothing.
 */
export async function changeVendorCall(
  db: Db,
  actor: Actor,
  eventId: number,
  input: VendorCallInput,
  options: { now?: Date } = {},
): Promise<{ call: VendorCallRow; changed: boolean }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const event = await lockEventToRun(tx, actor, eventId, now);
    const [before] = await tx
      .select()
      .from(vendorCalls)
      .where(eq(vendorCalls.eventId, eventId))
      .for('update');
    if (!before) throw vendorCallNotFound;
    const data = validateCall(input, event, now, {
      call: before,
      accepted: await acceptedBooths(tx, before.id),
    });
    const state = vendorCallState(before);
    const next = {
      booths: data.booths,
      applicationsCloseOn: data.applicationsCloseOn,
      conditions: data.conditions,
      boothFeeYen: data.boothFeeYen,
      closed: data.closed,
    };
    if ((Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === state[k])) {
      return { call: before, changed: false };
    }
    const [after] = await tx
      .update(vendorCalls)
      .set({
        booths: next.booths,
        applicationsCloseOn: next.applicationsCloseOn,
        conditions: next.conditions,
        boothFeeYen: next.boothFeeYen,
        closedAt: next.closed ? (before.closedAt ?? now) : null,
        updatedAt: now,
      })
      .where(eq(vendorCalls.id, before.id))
      .returning();
    if (!after) throw vendorCallNotFound;
    await recordAudit(tx, actor, {
      action: 'vendor_call.change',
      entityType: 'event',
      entityKey: String(eventId),
      before: state,
      after: vendorCallState(after),
    });
    return { call: after, changed: true };
  });
}

/** The call of an event, if it has one. */
export async function findVendorCall(q: Queryable, eventId: number): Promise<VendorCallRow | null> {
  const [call] = await q.select().from(vendorCalls).where(eq(vendorCalls.eventId, eventId));
  return call ?? null;
}

/**
 * The calls of a municipality that take applications now, the nearest deadline first: what a
 * business looking for a place to sell sees on its page.
 */
export async function listOpenVendorCalls(
  q: Queryable,
  municipalityCode: string,
  now: Date = new Date(),
): Promise<{ call: VendorCallRow; event: EventRow }[]> {
  return q
    .select({ call: vendorCalls, event: events })
    .from(vendorCalls)
    .innerJoin(events, eq(events.id, vendorCalls.eventId))
    .where(
      and(
        eq(vendorCalls.municipalityCode, municipalityCode),
        isNull(vendorCalls.closedAt),
        gte(vendorCalls.applicationsCloseOn, todayInJapan(now)),
        eq(events.status, 'published'),
        gt(events.startsAt, now),
      ),
    )
    .orderBy(asc(vendorCalls.applicationsCloseOn), asc(events.startsAt), asc(events.id));
}

export type VendorCallWindow = 'open' | 'stopped' | 'deadline-passed' | 'event-over' | 'event-cancelled';

/** Whether a call takes applications now: open until its last day (inclusive, Japan time). */
export function vendorCallWindow(
  call: VendorCallRow,
  event: Pick<EventRow, 'status' | 'startsAt'>,
  now: Date = new Date(),
): VendorCallWindow {
  if (event.status === 'cancelled') return 'event-cancelled';
  if (event.startsAt <= now) return 'event-over';
  if (call.closedAt) return 'stopped';
  if (todayInJapan(now) > call.applicationsCloseOn) return 'deadline-passed';
  return 'open';
}

/** Why an application is not taken now, in words a vendor can act on. */
function windowClosed(window: Exclude<VendorCallWindow, 'open'>, call: VendorCallRow): UserError {
  const day = {
    ja: formatDate('ja', call.applicationsCloseOn),
    en: formatDate('en', call.applicationsCloseOn),
  };
  const messages: Record<typeof window, Text> = {
    'event-cancelled': { ja: 'このイベントは中止になりました。', en: 'This event has been cancelled.' },
    'event-over': {
      ja: 'このイベントは開始したため、出店の申し込みは受け付けていません。',
      en: 'The event has started, so vendor applications are closed.',
    },
    stopped: {
      ja: '出店の募集は締め切りました。出店をご希望の場合は主催者にお問い合わせください。',
      en: 'The call for vendors is closed. If you would like a booth, contact the organiser.',
    },
    'deadline-passed': {
      ja: `出店の申し込みは${day.ja}で締め切りました。出店をご希望の場合は主催者にお問い合わせください。`,
      en: `Vendor applications closed on ${day.en}. If you would like a booth, contact the organiser.`,
    },
  };
  return new UserError('vendor_applications_closed', 409, messages[window]);
}

// ---------------------------------------------------------------------------------------------
// Vendors: an application (出店申込), from a business account or a guest

const requiredText = (ja: string, en: string, max: number) =>
  z
    .string(bilingual(`${ja}を入力してください。`, `Enter the ${en}.`))
    .trim()
    .min(1, bilingual(`${ja}を入力してください。`, `Enter the ${en}.`))
    .max(max, bilingual(`${max}文字以内にしてください。`, `Use at most ${max} characters.`));

const idempotencyKey = z
  .string(
    bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
  )
  .min(
    8,
    bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
  )
  .max(100);

export const ApplicationSchema = z.object({
  businessName: requiredText('事業者名・屋号', 'business name', 100),
  contactName: requiredText('ご担当者名', "contact person's name", 100),
  contactKana: requiredText('ふりがな', 'reading of the name', 100).regex(
    kanaPattern,
    bilingual('ひらがなかカタカナで入力してください。', 'Write the reading in hiragana or katakana.'),
  ),
  phone: phoneText.pipe(z.string(bilingual('電話番号を入力してください。', 'Enter a phone number.'))),
  email: emailAddress(),
  goods: z
    .array(
      z.enum(vendorGoodsCodes, bilingual('一覧にある品目から選んでください。', 'Choose from the list.')),
      bilingual('販売するものを1つ以上選んでください。', 'Choose at least one kind of goods.'),
    )
    .min(1, bilingual('販売するものを1つ以上選んでください。', 'Choose at least one kind of goods.'))
    .transform((codes) => vendorGoodsCodes.filter((c) => codes.includes(c))),
  goodsNote: freeText(500),
  needsPower: z.boolean().default(false),
  needsTent: z.boolean().default(false),
  booths: z.coerce
    .number(bilingual('1区画か2区画を選んでください。', 'Choose one or two booths.'))
    .int(bilingual('1区画か2区画を選んでください。', 'Choose one or two booths.'))
    .min(1, bilingual('1区画か2区画を選んでください。', 'Choose one or two booths.'))
    .max(2, bilingual('1区画か2区画を選んでください。', 'Choose one or two booths.'))
    .default(1),
  foodPermit: freeText(200),
  message: freeText(1000),
  idempotencyKey,
});
/** An application as a form or a caller gives it: the goods are codes to be checked against the list. */
export type ApplicationInput = Omit<z.input<typeof ApplicationSchema>, 'goods'> & { goods: string[] };

export const applicationLabels = {
  businessName: { ja: '事業者名・屋号', en: 'Business name' },
  contactName: { ja: 'ご担当者名', en: 'Contact person' },
  contactKana: { ja: 'ふりがな', en: 'Reading (kana)' },
  phone: { ja: '電話番号', en: 'Phone' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  goods: { ja: '販売するもの', en: 'What you sell' },
  goodsNote: { ja: '品目の補足', en: 'About your goods' },
  needsPower: { ja: '電源', en: 'Power' },
  needsTent: { ja: 'テントの貸し出し', en: 'Tent to borrow' },
  booths: { ja: '区画数', en: 'Booths' },
  foodPermit: { ja: '営業許可', en: 'Food business permit' },
  message: { ja: '主催者への連絡事項', en: 'Message to the organiser' },
  idempotencyKey: { ja: 'フォーム', en: 'Form' },
};

/**
 * The rules between an application's fields, read from the input as sent so that they are named
 * together with the problems of the fields themselves: a permit for cooked food, a note for その他,
 * no more booths than the call has.
 */
function ruleProblems(input: ApplicationInput, call: VendorCallRow): ProblemDetail[] {
  const goods = Array.isArray(input.goods) ? input.goods : [];
  const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  const booths = Number(input.booths ?? 1);
  const problems: ProblemDetail[] = [];
  if (goods.some((g) => (goodsNeedingPermit as readonly string[]).includes(g)) && !filled(input.foodPermit)) {
    problems.push(
      detail(
        'foodPermit',
        applicationLabels.foodPermit,
        '飲食（調理販売）をするときは、営業許可（臨時営業を含む）の種類と番号、または申請中であることを入力してください。',
        'To cook food on site, enter the kind and number of your food business permit (a temporary one too), or that you have applied for one.',
      ),
    );
  }
  if (goods.includes('other') && !filled(input.goodsNote)) {
    problems.push(
      detail(
        'goodsNote',
        applicationLabels.goodsNote,
        '「その他」を選んだときは、何を販売するかを書いてください。',
        'You chose "Other": say what you sell.',
      ),
    );
  }
  if (Number.isInteger(booths) && booths <= 2 && booths > call.booths) {
    problems.push(
      detail(
        'booths',
        applicationLabels.booths,
        `募集は${call.booths}区画です。`,
        `The call has ${call.booths} booth(s).`,
      ),
    );
  }
  return problems;
}

/** An application's fields and the rules between them, every problem named at once. */
function validateApplication(input: ApplicationInput, call: VendorCallRow) {
  const [data] = checkTogether(
    () => parseInput(ApplicationSchema, input, applicationLabels),
    () => refuseIfAny(ruleProblems(input, call)),
  );
  return data;
}

/** Who applied, for the audit log: the business account, or the guest by the name they gave. */
const applicantOf = (
  application: Pick<VendorApplicationRow, 'accountId' | 'contactName' | 'businessName'>,
  municipalityCode: string,
): Actor => ({
  accountId: application.accountId,
  name: `${application.businessName}（${application.contactName}）`,
  municipalityCode,
});

export interface ApplyingAccount {
  id: number;
  role: string;
}

export interface ApplicationResult {
  application: VendorApplicationRow;
  call: VendorCallRow;
  event: EventWithCounts;
  /** the same form sent again (double click, retry): the application it made */
  repeated: boolean;
}

const alreadyApplied = new UserError('vendor_already_applied', 409, {
  ja: 'このメールアドレスで、すでにこのイベントへの出店を申し込まれています。申し込みの状況は、受付のメールにあるリンクから確かめられます。',
  en: 'An application with this e-mail address is already in for this event. The link in the mail you received shows its status.',
});

/**
 * A vendor applies for a booth while the call is open: with a business account (the application
 * is then on its page) or as a guest, who keeps the secret link of the mail. The same form sent
 * twice gives the one application; a second application with the same e-mail address is refused
 * while the first is in effect. A receipt with the link goes through the outbox.
 */
export async function applyAsVendor(
  db: Db,
  eventId: number,
  input: ApplicationInput,
  options: { account?: ApplyingAccount | undefined; now?: Date } = {},
): Promise<ApplicationResult> {
  const now = options.now ?? new Date();
  const key = parseInput(z.object({ idempotencyKey }), input, applicationLabels).idempotencyKey;
  const event = await findPublishedEvent(db, eventId);
  const call = await findVendorCall(db, eventId);
  if (!call) throw vendorCallNotFound;
  const same = async (q: Queryable) => {
    const [row] = await q
      .select()
      .from(vendorApplications)
      .where(and(eq(vendorApplications.callId, call.id), eq(vendorApplications.idempotencyKey, key)));
    return row;
  };
  const earlier = await same(db);
  if (earlier) return { application: earlier, call, event, repeated: true };
  const window = vendorCallWindow(call, event, now);
  if (window !== 'open') throw windowClosed(window, call);
  const data = validateApplication(input, call);
  return db.transaction(async (tx) => {
    // one statement for both: the same form sent again while the first was being written, or
    // another application of the address in effect
    const found = await tx
      .select()
      .from(vendorApplications)
      .where(
        and(
          eq(vendorApplications.callId, call.id),
          or(
            eq(vendorApplications.idempotencyKey, key),
            and(
              eq(vendorApplications.email, data.email),
              inArray(vendorApplications.status, ['applied', 'accepted']),
            ),
          ),
        ),
      );
    const sameForm = found.find((a) => a.idempotencyKey === key);
    if (sameForm) return { application: sameForm, call, event, repeated: true };
    if (found.length > 0) throw alreadyApplied;
    const { idempotencyKey: _, ...fields } = data;
    const [application] = await tx
      .insert(vendorApplications)
      .values({
        ...fields,
        callId: call.id,
        accountId: options.account?.role === 'business' ? options.account.id : null,
        status: 'applied',
        statusToken: randomBytes(24).toString('base64url'),
        idempotencyKey: key,
        appliedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!application) {
      // the same form sent twice at once, or the same address from two forms at once
      const row = await same(tx);
      if (row) return { application: row, call, event, repeated: true };
      throw alreadyApplied;
    }
    await recordAudit(tx, applicantOf(application, event.municipalityCode), {
      action: 'vendor_application.apply',
      entityType: 'event',
      entityKey: String(eventId),
      after: {
        applicationId: application.id,
        businessName: application.businessName,
        booths: application.booths,
        status: application.status,
      },
    });
    await mailApplicationReceived(tx, event, call, application);
    return { application, call, event, repeated: false };
  });
}

export interface ApplicationView {
  application: VendorApplicationRow;
  call: VendorCallRow;
  event: EventRow;
}

async function viewOf(q: Queryable, application: VendorApplicationRow | undefined): Promise<ApplicationView> {
  if (!application) throw vendorApplicationNotFound;
  const [row] = await q
    .select({ call: vendorCalls, event: events })
    .from(vendorCalls)
    .innerJoin(events, eq(events.id, vendorCalls.eventId))
    .where(eq(vendorCalls.id, application.callId));
  if (!row) throw vendorApplicationNotFound;
  return { application, ...row };
}

/** An application by the secret of its status link (the guest's key). */
export async function findApplicationByToken(q: Queryable, token: string): Promise<ApplicationView> {
  const [application] = await q
    .select()
    .from(vendorApplications)
    .where(eq(vendorApplications.statusToken, token));
  return viewOf(q, application);
}

/** An application made with this business account; anyone else's does not exist for it. */
export async function findOwnApplication(
  q: Queryable,
  account: { id: number },
  applicationId: number,
): Promise<ApplicationView> {
  const [application] = await q
    .select()
    .from(vendorApplications)
    .where(and(eq(vendorApplications.id, applicationId), eq(vendorApplications.accountId, account.id)));
  return viewOf(q, application);
}

/** The applications made with a business account, the newest first, with their calls and events. */
export async function listOwnApplications(q: Queryable, account: { id: number }): Promise<ApplicationView[]> {
  return q
    .select({ application: vendorApplications, call: vendorCalls, event: events })
    .from(vendorApplications)
    .innerJoin(vendorCalls, eq(vendorCalls.id, vendorApplications.callId))
    .innerJoin(events, eq(events.id, vendorCalls.eventId))
    .where(eq(vendorApplications.accountId, account.id))
    .orderBy(desc(vendorApplications.appliedAt), desc(vendorApplications.id));
}

const decided = (status: string) =>
  new UserError('vendor_application_decided', 409, {
    ja:
      status === 'withdrawn'
        ? 'この申し込みは取り下げられています。'
        : '出店の可否が決まっているため、ここでは取り下げられません。主催者にご連絡ください。',
    en:
      status === 'withdrawn'
        ? 'This application has been withdrawn.'
        : 'The organiser has decided on this application, so it can no longer be withdrawn here. Contact the organiser.',
  });

/** Withdraws the application the condition finds, locked, unless it was decided. */
async function withdraw(db: Db, where: ReturnType<typeof eq>, now: Date) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(vendorApplications).where(where).for('update');
    if (!before) throw vendorApplicationNotFound;
    const view = await viewOf(tx, before);
    if (before.status === 'withdrawn') return { ...view, changed: false };
    if (before.status !== 'applied') throw decided(before.status);
    const [after] = await tx
      .update(vendorApplications)
      .set({ status: 'withdrawn', withdrawnAt: now })
      .where(eq(vendorApplications.id, before.id))
      .returning();
    if (!after) throw vendorApplicationNotFound;
    await recordAudit(tx, applicantOf(before, view.event.municipalityCode), {
      action: 'vendor_application.withdraw',
      entityType: 'event',
      entityKey: String(view.event.id),
      before: { applicationId: before.id, status: before.status },
      after: { applicationId: before.id, status: after.status },
    });
    return { ...view, application: after, changed: true };
  });
}

/** A guest withdraws from the status link before a decision; withdrawing again changes nothing. */
export function withdrawApplication(db: Db, token: string, options: { now?: Date } = {}) {
  return withdraw(db, eq(vendorApplications.statusToken, token), options.now ?? new Date());
}

/** A business withdraws its own application before a decision; anyone else's is not found. */
export function withdrawOwnApplication(
  db: Db,
  account: { id: number },
  applicationId: number,
  options: { now?: Date } = {},
) {
  return withdraw(
    db,
    and(eq(vendorApplications.id, applicationId), eq(vendorApplications.accountId, account.id)) as ReturnType<
      typeof eq
    >,
    options.now ?? new Date(),
  );
}

// ---------------------------------------------------------------------------------------------
// Staff: the applications of a call, and the decisions

export const vendorDecisions = ['accept', 'decline'] as const;
export type VendorDecision = (typeof vendorDecisions)[number];
const statusOfDecision: Record<VendorDecision, VendorApplicationStatus> = {
  accept: 'accepted',
  decline: 'declined',
};

export const VendorDecisionSchema = z.object({
  decision: z.enum(
    vendorDecisions,
    bilingual('出店を決定するか、見送るかを選んでください。', 'Choose accept or decline.'),
  ),
  message: freeText(1000),
});
export const vendorDecisionLabels = {
  decision: { ja: '結果', en: 'Decision' },
  message: { ja: '出店者へのメッセージ', en: 'Message to the vendor' },
};

const boothsFull = (call: VendorCallRow, taken: number, wanted: number) =>
  new UserError('vendor_booths_full', 409, {
    ja: `区画が足りません。${call.booths}区画のうち${taken}区画は出店が決まっていて、この申し込みは${wanted}区画です。区画数を増やすか、ほかの決定を見直してください。`,
    en: `Not enough booths: ${taken} of ${call.booths} are given and this application asks for ${wanted}. Add booths or review the other decisions.`,
  });

/**
 * Staff of the event's organiser (and admins) accept or decline an application, with an optional
 * message to the vendor, who is told by mail. A decision may be revised (a vendor who cancels by
 * phone), but not on a withdrawn application. The call's row is locked first, so accepts at the
 * same moment are taken one after another and the accepted booths never exceed the call's.
 */
export async function decideApplication(
  db: Db,
  actor: Actor,
  where: { eventId: number; applicationId: number },
  input: { decision?: string; message?: string },
  options: { now?: Date } = {},
): Promise<{ application: VendorApplicationRow; changed: boolean }> {
  const data = parseInput(VendorDecisionSchema, input, vendorDecisionLabels);
  const target = statusOfDecision[data.decision];
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [call] = await tx
      .select()
      .from(vendorCalls)
      .where(
        and(eq(vendorCalls.eventId, where.eventId), eq(vendorCalls.municipalityCode, actor.municipalityCode)),
      )
      .for('update');
    if (!call) throw vendorApplicationNotFound;
    const event = await findEventForStaff(tx, actor, where.eventId);
    if (!runsEvent(actor, event)) throw notTheOrganiser;
    const [before] = await tx
      .select()
      .from(vendorApplications)
      .where(and(eq(vendorApplications.id, where.applicationId), eq(vendorApplications.callId, call.id)))
      .for('update');
    if (!before) throw vendorApplicationNotFound;
    if (before.status === target) return { application: before, changed: false };
    if (before.status === 'withdrawn') throw decided('withdrawn');
    if (target === 'accepted') {
      const taken = await acceptedBooths(tx, call.id);
      if (taken + before.booths > call.booths) throw boothsFull(call, taken, before.booths);
    }
    const [after] = await tx
      .update(vendorApplications)
      .set({ status: target, staffMessage: data.message, decidedAt: now, decidedBy: actor.accountId })
      .where(eq(vendorApplications.id, before.id))
      .returning();
    if (!after) throw vendorApplicationNotFound;
    await recordAudit(tx, actor, {
      action: `vendor_application.${data.decision}`,
      entityType: 'event',
      entityKey: String(event.id),
      before: { applicationId: before.id, status: before.status },
      after: { applicationId: before.id, status: target, message: data.message },
    });
    await mailDecision(tx, event, call, after);
    return { application: after, changed: true };
  });
}

/** How full a call is, and what the staff have to prepare: booths, power and tents. */
export interface VendorCallSummary {
  booths: number;
  acceptedBooths: number;
  /** applications by status */
  counts: Record<VendorApplicationStatus, number>;
  /** booths asked for by the applications awaiting a decision */
  appliedBooths: number;
  power: { accepted: number; applied: number };
  tents: { accepted: number; applied: number };
}

export function summariseCall(call: VendorCallRow, applications: VendorApplicationRow[]): VendorCallSummary {
  const of = (status: VendorApplicationStatus) => applications.filter((a) => a.status === status);
  const booths = (rows: VendorApplicationRow[]) => rows.reduce((n, a) => n + a.booths, 0);
  const accepted = of('accepted');
  const applied = of('applied');
  return {
    booths: call.booths,
    acceptedBooths: booths(accepted),
    appliedBooths: booths(applied),
    counts: {
      applied: applied.length,
      accepted: accepted.length,
      declined: of('declined').length,
      withdrawn: of('withdrawn').length,
    },
    power: {
      accepted: accepted.filter((a) => a.needsPower).length,
      applied: applied.filter((a) => a.needsPower).length,
    },
    tents: {
      accepted: accepted.filter((a) => a.needsTent).length,
      applied: applied.filter((a) => a.needsTent).length,
    },
  };
}

export const StatusFilterSchema = z.enum(['all', ...applicationStatuses]).catch('all');
export type StatusFilter = z.output<typeof StatusFilterSchema>;

/**
 * An event the actor runs, its call (null before one is opened), its applications in the order they
 * came (of one status, or all), and the summary over all of them. Personal data: organisers only.
 */
export async function listApplicationsForStaff(
  q: Queryable,
  actor: Actor,
  eventId: number,
  filter: StatusFilter = 'all',
) {
  const event = await findEventForStaff(q, actor, eventId);
  if (!runsEvent(actor, event)) throw notTheOrganiser;
  const call = await findVendorCall(q, eventId);
  const all = call
    ? await q
        .select()
        .from(vendorApplications)
        .where(eq(vendorApplications.callId, call.id))
        .orderBy(asc(vendorApplications.appliedAt), asc(vendorApplications.id))
    : [];
  return {
    event,
    call,
    applications: filter === 'all' ? all : all.filter((a) => a.status === filter),
    summary: call ? summariseCall(call, all) : null,
  };
}
