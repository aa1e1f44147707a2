import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { listEventsForStaff, listParticipants, runsEvent } from '../events';
import { businesses, type ListedBusiness, listedColumns } from './schema';

// The 事業者連携交流会's "who's who" (参加事業者紹介, decision 025): the public profiles of the
// businesses registered for a meeting, chosen by the staff who run it, printed on A4. Who registered
// is the events module's (personal data, read by the meeting's organisers only); what is printed is
// what the directory already publishes.

/** A meeting staff can make a booklet for: an event they run that is not a draft. */
export interface BookletMeeting {
  id: number;
  title: string;
  category: string;
  startsAt: Date;
  place: string;
}

const meetingOf = ({ id, title, category, startsAt, place }: BookletMeeting): BookletMeeting => ({
  id,
  title,
  category,
  startsAt,
  place,
});

/** The events the actor runs (its organisation's, or all for an admin), the latest first. */
export async function meetingsForBooklet(q: Queryable, actor: Actor): Promise<BookletMeeting[]> {
  const events = await listEventsForStaff(q, actor);
  return events
    .filter((e) => e.status !== 'draft' && runsEvent(actor, e))
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())
    .map(meetingOf);
}

/** One of the actor's meetings; 404 for a draft or another municipality's, 403 for another organiser's. */
export async function meetingForBooklet(
  q: Queryable,
  actor: Actor,
  eventId: number,
): Promise<BookletMeeting> {
  const event = (await listEventsForStaff(q, actor)).find((e) => e.id === eventId && e.status !== 'draft');
  if (!event) throw meetingNotFound;
  if (!runsEvent(actor, event)) throw notTheOrganiser;
  return meetingOf(event);
}

/**
 * The listed businesses whose accounts hold a confirmed registration for the meeting, by kana.
 * A guest who registered without an account is not known as a business: staff add it by hand.
 */
export async function businessesRegisteredFor(
  q: Queryable,
  actor: Actor,
  eventId: number,
): Promise<ListedBusiness[]> {
  const participants = await listParticipants(q, actor, eventId);
  const accountIds = participants
    .filter((p) => p.status === 'confirmed' && p.accountId !== null)
    .map((p) => p.accountId as number);
  if (accountIds.length === 0) return [];
  return listedInKanaOrder(q, actor.municipalityCode, inArray(businesses.accountId, accountIds));
}

/** The approved businesses of a municipality that also meet `condition`, in あいうえお order. */
function listedInKanaOrder(
  q: Queryable,
  municipalityCode: string,
  condition: SQL,
): Promise<ListedBusiness[]> {
  return q
    .select(listedColumns)
    .from(businesses)
    .where(
      and(eq(businesses.municipalityCode, municipalityCode), eq(businesses.status, 'approved'), condition),
    )
    .orderBy(asc(businesses.kana), asc(businesses.id));
}

/** The most businesses one booklet takes: a meeting's hall, not the whole directory. */
export const bookletLimit = 200;

/** The chosen businesses of the municipality that are listed, in あいうえお order of their kana. */
export async function businessesForBooklet(
  q: Queryable,
  municipalityCode: string,
  ids: readonly number[],
): Promise<ListedBusiness[]> {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (wanted.length === 0) throw noBusinessChosen;
  if (wanted.length > bookletLimit) throw tooManyBusinesses;
  return listedInKanaOrder(q, municipalityCode, inArray(businesses.id, wanted));
}

const noBusinessChosen = new UserError(
  'invalid_input',
  422,
  {
    ja: '冊子に載せる事業者を1つ以上選んでください。',
    en: 'Choose at least one business for the booklet.',
  },
  [
    {
      field: 'business',
      message: { ja: '事業者: 1つ以上選んでください。', en: 'Businesses: choose one or more.' },
    },
  ],
);

const tooManyBusinesses = new UserError('invalid_input', 422, {
  ja: `一度に載せられるのは${bookletLimit}事業者までです。冊子を分けてください。`,
  en: `A booklet takes up to ${bookletLimit} businesses. Split it in two.`,
});

const meetingNotFound = notFound({
  ja: '交流会（公開済みのイベント）',
  en: 'The meeting (a published event)',
});

const notTheOrganiser = new UserError('not_organiser', 403, {
  ja: '参加事業者紹介は、その交流会の主催機関の職員と管理者だけが作成できます（参加者は個人情報です）。',
  en: "Only staff of the meeting's organiser and admins make its booklet: who registered is personal data.",
});
