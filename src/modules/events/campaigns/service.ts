import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../../db/connection';
import { type Actor, recordAudit } from '../../../platform/audit';
import type { Account } from '../../../platform/auth/accounts';
import { notFound, UserError } from '../../../platform/errors';
import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import { bilingual, checkTogether, formInvalid, parseInput } from '../../../platform/validation';
import { participantsOf } from '../attendance-service';
import {
  createEvent,
  type EventChoices,
  EventSchema,
  type EventWithCounts,
  eventLabels,
  japanInstant,
  japanTime,
  publishEvent,
  withCounts,
} from '../event-service';
import { notTheOrganiser, runsEvent } from '../organiser-access';
import { events } from '../schema';
import { SessionSchema } from '../sessions';
import { campaignCourses, eventCampaigns } from './schema';

export type CampaignRow = typeof eventCampaigns.$inferSelect;
export type CourseRow = typeof campaignCourses.$inferSelect;
export type CourseStatus = 'proposed' | 'returned' | 'approved' | 'declined' | 'withdrawn';

export const campaignNotFound = notFound({ ja: 'まちゼミ', en: 'The campaign' });
export const courseNotFound = notFound({ ja: '講座の提案', en: 'The course proposal' });

const problem = (field: string, label: { ja: string; en: string }, ja: string, en: string) =>
  formInvalid([{ field, message: { ja: `${label.ja}: ${ja}`, en: `${label.en}: ${en}` } }]);

const day = (ja: string, en: string) => z.iso.date(bilingual(`${ja}を選んでください。`, `Choose the ${en}.`));

// ---------------------------------------------------------------------------------------------
// Staff: a campaign

export const CampaignSchema = EventSchema.pick({
  category: true,
  title: true,
  description: true,
  organiser: true,
}).extend({
  startsOn: day('開催期間の初日', 'first day'),
  endsOn: day('開催期間の最終日', 'last day'),
  proposalsCloseOn: day('提案の締切日', 'proposal deadline'),
});
export type CampaignInput = z.input<typeof CampaignSchema>;

export const campaignLabels = {
  category: eventLabels.category,
  title: eventLabels.title,
  description: eventLabels.description,
  organiser: eventLabels.organiser,
  startsOn: { ja: '開催期間の初日', en: 'First day' },
  endsOn: { ja: '開催期間の最終日', en: 'Last day' },
  proposalsCloseOn: { ja: '講座の提案の締切日', en: 'Proposal deadline' },
};

function validateCampaign(input: CampaignInput, options: EventChoices) {
  const data = parseInput(CampaignSchema, input, campaignLabels);
  const label = (field: keyof typeof campaignLabels) => campaignLabels[field];
  if (data.endsOn < data.startsOn) {
    throw problem(
      'endsOn',
      label('endsOn'),
      '初日と同じか、それより後の日にしてください。',
      'Choose the first day or later.',
    );
  }
  if (data.proposalsCloseOn < todayInJapan(options.now)) {
    throw problem(
      'proposalsCloseOn',
      label('proposalsCloseOn'),
      '過ぎた日付は選べません。今日以降の日付にしてください。',
      'The date has passed. Choose today or later.',
    );
  }
  if (data.proposalsCloseOn > data.endsOn) {
    throw problem(
      'proposalsCloseOn',
      label('proposalsCloseOn'),
      '開催期間の最終日までの日にしてください。',
      'Choose a day no later than the last day of the campaign.',
    );
  }
  if (options.categories.length > 0 && !options.categories.some((c) => c.code === data.category)) {
    throw problem(
      'category',
      label('category'),
      '種類を一覧から選んでください。',
      'Choose a kind from the list.',
    );
  }
  if (options.organisations.length > 0 && !options.organisations.some((o) => o.code === data.organiser)) {
    throw problem('organiser', label('organiser'), '一覧から選んでください。', 'Choose one from the list.');
  }
  return data;
}

/**
 * Creates a campaign of the actor's municipality and organisation (an admin's of any organisation);
 * shops may propose courses from now until its deadline.
 */
export async function createCampaign(
  db: Db,
  actor: Actor,
  input: CampaignInput,
  options: EventChoices,
): Promise<CampaignRow> {
  const data = validateCampaign(input, options);
  if (!runsEvent(actor, data)) {
    throw problem(
      'organiser',
      campaignLabels.organiser,
      'ご自分の機関が主催するまちゼミだけを作成できます。',
      'You can create campaigns of your own organisation only.',
    );
  }
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(eventCampaigns)
      .values({ ...data, municipalityCode: actor.municipalityCode, createdBy: actor.accountId })
      .returning();
    if (!created) throw new Error('campaign insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'event_campaign.create',
      entityType: 'event_campaign',
      entityKey: String(created.id),
      after: data,
    });
    return created;
  });
}

/** The campaigns of a municipality, the latest first. */
export function listCampaigns(q: Queryable, municipalityCode: string): Promise<CampaignRow[]> {
  return q
    .select()
    .from(eventCampaigns)
    .where(eq(eventCampaigns.municipalityCode, municipalityCode))
    .orderBy(desc(eventCampaigns.startsOn), desc(eventCampaigns.id));
}

/** A campaign by its number, within a municipality. */
export async function findCampaign(q: Queryable, municipalityCode: string, id: number): Promise<CampaignRow> {
  const [row] = await q
    .select()
    .from(eventCampaigns)
    .where(and(eq(eventCampaigns.id, id), eq(eventCampaigns.municipalityCode, municipalityCode)));
  if (!row) throw campaignNotFound;
  return row;
}

/** Shops may propose until the deadline (inclusive, Japan time). */
export function acceptsProposals(campaign: CampaignRow, now: Date = new Date()): boolean {
  return todayInJapan(now) <= campaign.proposalsCloseOn;
}

// ---------------------------------------------------------------------------------------------
// Businesses: a proposal

const text = (ja: string, en: string, max: number, required = true) => {
  const base = z
    .string(bilingual(`${ja}を入力してください。`, `Enter the ${en}.`))
    .trim()
    .max(max, bilingual(`${max}文字以内にしてください。`, `Use at most ${max} characters.`));
  return required
    ? base.min(1, bilingual(`${ja}を入力してください。`, `Enter the ${en}.`))
    : base.default('');
};

export const CourseSchema = EventSchema.pick({
  place: true,
  capacity: true,
  feeYen: true,
}).extend({
  // a shop's course is held once: one session of the event it becomes
  ...SessionSchema.pick({ date: true, startTime: true, endTime: true }).shape,
  shopName: text('店名', 'shop name', 80),
  title: text('講座名', 'course title', 100),
  description: text('内容', 'description', 2000, false),
  teacher: text('講師', 'teacher', 100),
  bring: text('持ち物', 'things to bring', 200, false),
  capacity: EventSchema.shape.capacity.max(
    100,
    bilingual('まちゼミの講座の定員は100人以下にしてください。', 'A course takes at most 100 people.'),
  ),
});
export type CourseInput = z.input<typeof CourseSchema> & { idempotencyKey?: string };

export const courseLabels = {
  shopName: { ja: '店名', en: 'Shop' },
  title: { ja: '講座名', en: 'Course title' },
  description: eventLabels.description,
  teacher: { ja: '講師', en: 'Teacher' },
  date: eventLabels.date,
  startTime: eventLabels.startTime,
  endTime: eventLabels.endTime,
  place: eventLabels.place,
  capacity: eventLabels.capacity,
  feeYen: { ja: '受講料・材料費', en: 'Fee or materials' },
  bring: { ja: '持ち物', en: 'Things to bring' },
};

const idempotencyKey = z
  .string(
    bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
  )
  .min(
    8,
    bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
  )
  .max(100);

const businessOnly = new UserError('business_only', 403, {
  ja: 'まちゼミの講座を提案できるのは事業者のアカウントだけです。お店のアカウントでログインしてください。',
  en: "Only a business account can propose a course. Log in with your shop's account.",
});

/** The problems of a course's day: outside the campaign's period, or passed. */
function dayProblems(date: string, campaign: CampaignRow, now: Date): UserError | undefined {
  const label = courseLabels.date;
  if (date < campaign.startsOn || date > campaign.endsOn) {
    const period = `${formatDate('ja', campaign.startsOn)}〜${formatDate('ja', campaign.endsOn)}`;
    const periodEn = `${formatDate('en', campaign.startsOn)} – ${formatDate('en', campaign.endsOn)}`;
    return problem(
      'date',
      label,
      `まちゼミの開催期間（${period}）の中の日にしてください。`,
      `Choose a day within the campaign (${periodEn}).`,
    );
  }
  if (date < todayInJapan(now))
    return problem('date', label, '過ぎた日付は選べません。', 'The date has passed.');
  return undefined;
}

/**
 * A proposal's fields, checked against its campaign: a day within the campaign's period, not past.
 * A day outside the period is named together with any other problem of the form.
 */
function validateCourse(input: CourseInput, campaign: CampaignRow, now: Date) {
  const date = typeof input.date === 'string' ? input.date.trim() : '';
  const dayProblem = /^\d{4}-\d{2}-\d{2}$/.test(date) ? dayProblems(date, campaign, now) : undefined;
  const [, data] = checkTogether(
    () => {
      if (dayProblem) throw dayProblem;
    },
    () => parseInput(CourseSchema, input, courseLabels),
  );
  if (data.endTime <= data.startTime) {
    throw problem(
      'endTime',
      courseLabels.endTime,
      '開始時刻より後の時刻にしてください。',
      'Choose a time after the start.',
    );
  }
  return {
    shopName: data.shopName,
    title: data.title,
    description: data.description,
    teacher: data.teacher,
    startsAt: japanInstant(data.date, data.startTime),
    endsAt: japanInstant(data.date, data.endTime),
    place: data.place,
    capacity: data.capacity,
    feeYen: data.feeYen,
    bring: data.bring,
  };
}

function courseState(c: CourseRow) {
  return {
    courseId: c.id,
    shopName: c.shopName,
    title: c.title,
    date: todayInJapan(c.startsAt),
    startTime: japanTime(c.startsAt),
    endTime: japanTime(c.endsAt),
    place: c.place,
    capacity: c.capacity,
    feeYen: c.feeYen,
    status: c.status,
  };
}

const actorOfAccount = (account: Account): Actor => ({
  accountId: account.id,
  name: account.displayName,
  municipalityCode: account.municipalityCode,
});

/**
 * A business proposes a course for a campaign of its municipality while proposals are open. The
 * same form sent twice (double click, retry) gives the one proposal.
 */
export async function proposeCourse(
  db: Db,
  account: Account,
  campaignId: number,
  input: CourseInput,
  options: { now?: Date } = {},
): Promise<{ course: CourseRow; repeated: boolean }> {
  if (account.role !== 'business') throw businessOnly;
  const now = options.now ?? new Date();
  const key = parseInput(z.object({ idempotencyKey }), input, {
    idempotencyKey: { ja: 'フォーム', en: 'Form' },
  });
  const campaign = await findCampaign(db, account.municipalityCode, campaignId);
  const [existing] = await db
    .select()
    .from(campaignCourses)
    .where(
      and(eq(campaignCourses.accountId, account.id), eq(campaignCourses.idempotencyKey, key.idempotencyKey)),
    );
  if (existing) return { course: existing, repeated: true };
  if (!acceptsProposals(campaign, now)) {
    throw new UserError('proposals_closed', 409, {
      ja: `このまちゼミの講座の提案は${formatDate('ja', campaign.proposalsCloseOn)}で締め切りました。主催者にご相談ください。`,
      en: `Proposals for this campaign closed on ${formatDate('en', campaign.proposalsCloseOn)}. Contact the organiser.`,
    });
  }
  const data = validateCourse(input, campaign, now);
  return db.transaction(async (tx) => {
    const [course] = await tx
      .insert(campaignCourses)
      .values({ ...data, campaignId, accountId: account.id, idempotencyKey: key.idempotencyKey })
      .onConflictDoNothing()
      .returning();
    if (!course) {
      // the same form, sent twice at once: the other request wrote it
      const [same] = await tx
        .select()
        .from(campaignCourses)
        .where(
          and(
            eq(campaignCourses.accountId, account.id),
            eq(campaignCourses.idempotencyKey, key.idempotencyKey),
          ),
        );
      if (!same) throw new Error('proposal neither inserted nor found');
      return { course: same, repeated: true };
    }
    await recordAudit(tx, actorOfAccount(account), {
      action: 'campaign_course.propose',
      entityType: 'event_campaign',
      entityKey: String(campaignId),
      after: courseState(course),
    });
    return { course, repeated: false };
  });
}

const editable: readonly string[] = ['proposed', 'returned'];

const alreadyDecided = (status: string) =>
  new UserError('course_decided', 409, {
    ja:
      status === 'withdrawn'
        ? 'この提案は取り下げられています。'
        : 'この提案はすでに結果が決まっているため、変更できません。主催者にご相談ください。',
    en:
      status === 'withdrawn'
        ? 'This proposal has been withdrawn.'
        : 'This proposal has been decided and can no longer be changed. Contact the organiser.',
  });

/** The proposal of this business, locked for the change. Someone else's proposal does not exist for it. */
async function lockOwnCourse(tx: Queryable, account: Account, courseId: number) {
  const [course] = await tx
    .select()
    .from(campaignCourses)
    .where(and(eq(campaignCourses.id, courseId), eq(campaignCourses.accountId, account.id)))
    .for('update');
  if (!course) throw courseNotFound;
  const campaign = await findCampaign(tx, account.municipalityCode, course.campaignId);
  return { course, campaign };
}

/**
 * The business changes its proposal until it is decided. A proposal that was sent back is proposed
 * again by the change. Sending the same values again changes nothing.
 */
export async function updateCourse(
  db: Db,
  account: Account,
  courseId: number,
  input: CourseInput,
  options: { now?: Date } = {},
): Promise<{ course: CourseRow; changed: boolean }> {
  if (account.role !== 'business') throw businessOnly;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { course: before, campaign } = await lockOwnCourse(tx, account, courseId);
    if (!editable.includes(before.status)) throw alreadyDecided(before.status);
    const data = validateCourse(input, campaign, now);
    const same = (Object.keys(data) as (keyof typeof data)[]).every(
      (k) => String(data[k]) === String(before[k]),
    );
    if (same && before.status === 'proposed') return { course: before, changed: false };
    const [after] = await tx
      .update(campaignCourses)
      .set({ ...data, status: 'proposed', updatedAt: now })
      .where(eq(campaignCourses.id, courseId))
      .returning();
    if (!after) throw courseNotFound;
    await recordAudit(tx, actorOfAccount(account), {
      action: 'campaign_course.update',
      entityType: 'event_campaign',
      entityKey: String(campaign.id),
      before: courseState(before),
      after: courseState(after),
    });
    return { course: after, changed: true };
  });
}

/** The business withdraws its proposal before it is decided; withdrawing again changes nothing. */
export async function withdrawCourse(
  db: Db,
  account: Account,
  courseId: number,
): Promise<{ course: CourseRow; changed: boolean }> {
  return db.transaction(async (tx) => {
    const { course: before, campaign } = await lockOwnCourse(tx, account, courseId);
    if (before.status === 'withdrawn') return { course: before, changed: false };
    if (!editable.includes(before.status)) throw alreadyDecided(before.status);
    const [after] = await tx
      .update(campaignCourses)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where(eq(campaignCourses.id, courseId))
      .returning();
    if (!after) throw courseNotFound;
    await recordAudit(tx, actorOfAccount(account), {
      action: 'campaign_course.withdraw',
      entityType: 'event_campaign',
      entityKey: String(campaign.id),
      before: { courseId, status: before.status },
      after: { courseId, status: after.status },
    });
    return { course: after, changed: true };
  });
}

/** The proposals of a business, the newest first, with the campaigns they are for. */
export async function listOwnCourses(q: Queryable, account: Account) {
  return q
    .select({ course: campaignCourses, campaign: eventCampaigns })
    .from(campaignCourses)
    .innerJoin(eventCampaigns, eq(eventCampaigns.id, campaignCourses.campaignId))
    .where(
      and(
        eq(campaignCourses.accountId, account.id),
        eq(eventCampaigns.municipalityCode, account.municipalityCode),
      ),
    )
    .orderBy(desc(campaignCourses.proposedAt), desc(campaignCourses.id));
}

export async function findOwnCourse(q: Queryable, account: Account, courseId: number) {
  const [row] = await q
    .select({ course: campaignCourses, campaign: eventCampaigns })
    .from(campaignCourses)
    .innerJoin(eventCampaigns, eq(eventCampaigns.id, campaignCourses.campaignId))
    .where(
      and(
        eq(campaignCourses.id, courseId),
        eq(campaignCourses.accountId, account.id),
        eq(eventCampaigns.municipalityCode, account.municipalityCode),
      ),
    );
  if (!row) throw courseNotFound;
  return row;
}

const courseNotPublished = new UserError('course_not_published', 409, {
  ja: '申し込んだ方の一覧は、講座が承認されて公開されてから見られます。',
  en: 'The list of people registered is there once the course is approved and published.',
});

/**
 * The people registered for a shop's own approved course, for the shop that teaches it: it
 * receives them at its counter and must know who comes (personal data, decision 013). Another
 * shop's course is 404, as for its proposal; staff see the list on the event's own pages.
 */
export async function ownCourseParticipants(q: Queryable, account: Account, courseId: number) {
  const { course, campaign } = await findOwnCourse(q, account, courseId);
  if (course.status !== 'approved' || course.eventId === null) throw courseNotPublished;
  const [event] = await withCounts(q, await q.select().from(events).where(eq(events.id, course.eventId)));
  if (!event) throw courseNotPublished;
  return { course, campaign, event, participants: await participantsOf(q, event.id) };
}

// ---------------------------------------------------------------------------------------------
// Staff: decide

export const decisions = ['approve', 'return', 'decline'] as const;
export type CourseDecision = (typeof decisions)[number];
const statusOfDecision: Record<CourseDecision, CourseStatus> = {
  approve: 'approved',
  return: 'returned',
  decline: 'declined',
};

export const DecisionSchema = z.object({
  decision: z.enum(
    decisions,
    bilingual('承認・差し戻し・見送りから選んでください。', 'Choose approve, send back or decline.'),
  ),
  comment: z
    .string()
    .trim()
    .max(1000, bilingual('1000文字以内にしてください。', 'Use at most 1000 characters.'))
    .default(''),
});
export const decisionLabels = {
  decision: { ja: '結果', en: 'Decision' },
  comment: { ja: 'コメント', en: 'Comment' },
};

/** What an approved course is as an event: the course's own fields, with the shop and teacher told. */
function eventInputOf(course: CourseRow, campaign: CampaignRow) {
  const lines = [
    course.description,
    '',
    `お店：${course.shopName}`,
    `講師：${course.teacher}`,
    course.bring ? `持ち物：${course.bring}` : '',
    `（${campaign.title}の講座です）`,
  ];
  return {
    category: campaign.category,
    title: `${course.title}（${course.shopName}）`,
    description: lines
      .filter((l, i) => l !== '' || i === 1)
      .join('\n')
      .trim(),
    date: todayInJapan(course.startsAt),
    startTime: japanTime(course.startsAt),
    endTime: japanTime(course.endsAt),
    place: course.place,
    capacity: course.capacity,
    feeYen: course.feeYen,
    organiser: campaign.organiser,
  };
}

/**
 * Staff approve a proposal, send it back for changes, or decline it, with an optional comment. An
 * approved course becomes a published event of the campaign's category in the same transaction,
 * through the events' own createEvent and publishEvent. The proposal's row is locked first, so two
 * approvals at the same moment make one event: the second finds it approved and changes nothing.
 */
export async function decideCourse(
  db: Db,
  actor: Actor,
  { campaignId, courseId }: { campaignId: number; courseId: number },
  input: { decision?: string; comment?: string },
  choices: EventChoices,
): Promise<{ course: CourseRow; changed: boolean }> {
  const data = parseInput(DecisionSchema, input, decisionLabels);
  const target = statusOfDecision[data.decision];
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(campaignCourses)
      .where(eq(campaignCourses.id, courseId))
      .for('update');
    if (!before || before.campaignId !== campaignId) throw courseNotFound;
    const campaign = await findCampaign(tx, actor.municipalityCode, campaignId).catch(() => {
      throw courseNotFound;
    });
    // its courses become the organiser's events: only the organiser's staff and admins decide
    if (!runsEvent(actor, campaign)) throw notTheOrganiser;
    if (before.status === target) return { course: before, changed: false };
    if (!editable.includes(before.status)) throw alreadyDecided(before.status);
    let eventId: number | null = null;
    if (target === 'approved') {
      // the transaction is handed to the events' functions, which nest theirs inside it
      const q = tx as unknown as Db;
      const event = await createEvent(q, actor, eventInputOf(before, campaign), choices);
      eventId = (await publishEvent(q, actor, event.id)).id;
    }
    const now = new Date();
    const [after] = await tx
      .update(campaignCourses)
      .set({
        status: target,
        staffComment: data.comment,
        eventId,
        decidedAt: target === 'returned' ? null : now,
        decidedBy: actor.accountId,
        updatedAt: now,
      })
      .where(eq(campaignCourses.id, courseId))
      .returning();
    if (!after) throw courseNotFound;
    await recordAudit(tx, actor, {
      action: `campaign_course.${data.decision}`,
      entityType: 'event_campaign',
      entityKey: String(campaign.id),
      before: { courseId, status: before.status },
      after: { courseId, status: target, comment: data.comment, eventId },
    });
    return { course: after, changed: true };
  });
}

/** Every proposal of a campaign of the actor's municipality, by date, for the staff. */
export async function listCoursesForStaff(q: Queryable, actor: Actor, campaignId: number) {
  const campaign = await findCampaign(q, actor.municipalityCode, campaignId);
  const courses = await q
    .select()
    .from(campaignCourses)
    .where(eq(campaignCourses.campaignId, campaignId))
    .orderBy(asc(campaignCourses.startsAt), asc(campaignCourses.id));
  return { campaign, courses };
}

export interface PublishedCourse {
  course: CourseRow;
  event: EventWithCounts;
}

/** The approved courses of a campaign whose events are published, with their seats counted, by date. */
export async function listPublishedCourses(q: Queryable, campaignId: number): Promise<PublishedCourse[]> {
  const rows = await q
    .select({ course: campaignCourses, event: events })
    .from(campaignCourses)
    .innerJoin(events, eq(events.id, campaignCourses.eventId))
    .where(
      and(
        eq(campaignCourses.campaignId, campaignId),
        eq(campaignCourses.status, 'approved'),
        inArray(events.status, ['published']),
      ),
    )
    .orderBy(asc(events.startsAt), asc(campaignCourses.shopName), asc(campaignCourses.id));
  const counted = await withCounts(
    q,
    rows.map((r) => r.event),
  );
  return rows.map((r, i) => ({ course: r.course, event: counted[i] as EventWithCounts }));
}
