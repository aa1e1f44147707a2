import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { Participant } from '../attendance-service';
import type { EventWithCounts } from '../event-service';
import { eventWhen } from '../pages/components';
import { ParticipantCells, ParticipantHeaders } from '../pages/manage';
import type { CampaignRow, CourseRow } from './service';

/**
 * The people registered for a shop's own まちゼミ course, for the shop that receives them: names,
 * readings and contact to call if the course must move, and who is confirmed or waiting.
 */
export function CourseParticipantsPage(props: {
  view: PageView;
  course: CourseRow;
  campaign: CampaignRow;
  event: EventWithCounts;
  participants: Participant[];
}) {
  const { view, course, event } = props;
  const waiting = props.participants.filter((p) => p.status === 'waiting');
  const title = tr(view, `申し込んだ方：${course.title}`, `People registered: ${course.title}`);
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={`/events/courses/${course.id}`}>{tr(view, '講座の提案へ戻る', 'Back to the proposal')}</a> ·{' '}
        <a href={`/events/courses/${course.id}/bookings`}>
          {tr(view, '申し込みと出欠（電話の申し込み）', 'Bookings and attendance (phone bookings)')}
        </a>
      </p>
      <h1>{title}</h1>
      <p>
        {props.campaign.title} · {eventWhen(view.lang, event)} · {event.place}
      </p>
      <p data-counts>
        {tr(
          view,
          `参加確定 ${event.confirmed}人（定員 ${event.capacity}人）・キャンセル待ち ${event.waiting}人`,
          `${event.confirmed} confirmed (capacity ${event.capacity}), ${event.waiting} waiting`,
        )}
      </p>
      <p class="muted">
        {tr(
          view,
          'この一覧は個人情報です。講座の運営と当日の受付のためだけに使い、終わったら印刷した紙は破棄してください。',
          'This list is personal data. Use it only to run the course and receive the participants, and destroy any printout afterwards.',
        )}
      </p>
      {props.participants.length === 0 ? (
        <p data-empty>{tr(view, 'まだ申し込みはありません。', 'No registrations yet.')}</p>
      ) : (
        <>
          <p>
            <a
              class="button button-secondary"
              href={`/events/courses/${course.id}/participants.csv`}
              download
            >
              {tr(view, '一覧をダウンロード（CSV）', 'Download the list (CSV)')}
            </a>
          </p>
          <section class="table-wrap" tabindex={0} aria-labelledby="course-participants">
            <h2 id="course-participants" class="visually-hidden">
              {tr(view, '申し込んだ方の一覧', 'People registered')}
            </h2>
            <table aria-labelledby="course-participants">
              <thead>
                <tr>
                  <ParticipantHeaders view={view} />
                </tr>
              </thead>
              <tbody>
                {props.participants.map((p) => (
                  <tr data-registration={p.id} data-status={p.status}>
                    <ParticipantCells view={view} participant={p} waitingRank={waiting.indexOf(p) + 1} />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </Layout>
  );
}
