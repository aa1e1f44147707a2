import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import type { Lang } from '../../../platform/i18n';
import { InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { japanTime } from '../event-service';
import {
  type Category,
  categoryName,
  eventWhen,
  type FormProblem,
  type FormValues,
  formatYen,
  type Organiser,
  organiserName,
  remainingSeats,
} from '../pages/components';
import { acceptsProposals, type CampaignRow, type CourseRow, type PublishedCourse } from './service';

export function campaignPeriod(lang: Lang, c: CampaignRow): string {
  return `${formatDate(lang, c.startsOn)}〜${formatDate(lang, c.endsOn)}`;
}

const statusClass: Record<string, string> = {
  proposed: 'nearly',
  returned: 'nearly',
  approved: 'achieved',
  declined: 'missed',
  withdrawn: 'none',
};

export function CourseStatus(props: { view: PageView; status: string }) {
  const { view } = props;
  const words: Record<string, [string, string]> = {
    proposed: ['審査待ち', 'Awaiting decision'],
    returned: ['差し戻し（修正してください）', 'Sent back (please revise)'],
    approved: ['承認・公開中', 'Approved and published'],
    declined: ['見送り', 'Declined'],
    withdrawn: ['取り下げ', 'Withdrawn'],
  };
  const [ja, en] = words[props.status] ?? [props.status, props.status];
  return (
    <span class={`status status-${statusClass[props.status] ?? 'none'}`} data-course-status={props.status}>
      {tr(view, ja, en)}
    </span>
  );
}

// ----- public ----------------------------------------------------------------------------------

/** The campaigns of the municipality; a shop sees where it may propose, the staff where to manage. */
export function CampaignListPage(props: {
  view: PageView;
  campaigns: CampaignRow[];
  categories: Category[];
  canManage: boolean;
  canPropose: boolean;
}) {
  const { view } = props;
  const title = tr(view, 'まちゼミ', 'Machizemi (shop seminars)');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          'お店の人が講師になって、専門知識やコツを少人数で教える講座です。どなたでも申し込めます。',
          'Small courses in which shop owners teach what they know. Anyone can register.',
        )}
      </p>
      {props.canManage || props.canPropose ? (
        <p class="actions">
          {props.canManage ? (
            <a class="button button-secondary" href="/events/campaigns/manage">
              {tr(view, 'まちゼミの管理', 'Manage campaigns')}
            </a>
          ) : null}
          {props.canPropose ? (
            <a class="button button-secondary" href="/events/courses">
              {tr(view, '自分の講座の提案', 'My course proposals')}
            </a>
          ) : null}
        </p>
      ) : null}
      {props.campaigns.length === 0 ? (
        <p data-empty>{tr(view, 'いまはまちゼミの予定はありません。', 'No campaigns at the moment.')}</p>
      ) : (
        <ul class="grid">
          {props.campaigns.map((c) => (
            <li class="card" data-campaign={c.id}>
              <h2>
                <a href={`/events/campaigns/${c.id}`}>{c.title}</a>
              </h2>
              <p>
                <span class="badge">{categoryName(view.lang, c.category, props.categories)}</span>
              </p>
              <p>{campaignPeriod(view.lang, c)}</p>
              {props.canPropose && acceptsProposals(c) ? (
                <p>
                  <a href={`/events/campaigns/${c.id}/propose`}>
                    {tr(
                      view,
                      `講座を提案する（${formatDate(view.lang, c.proposalsCloseOn)}まで）`,
                      `Propose a course (until ${formatDate(view.lang, c.proposalsCloseOn)})`,
                    )}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function CourseCard(props: { view: PageView; item: PublishedCourse }) {
  const { view } = props;
  const { course, event } = props.item;
  const left = remainingSeats(event);
  return (
    <li class="card" data-course={course.id}>
      <h3>
        <a href={`/events/${event.id}`}>{course.title}</a>
      </h3>
      <p>
        <span class="badge">{course.shopName}</span>
      </p>
      <p>{eventWhen(view.lang, event)}</p>
      <p>
        {event.place} · {formatYen(view.lang, event.feeYen)}
      </p>
      <p>
        {tr(view, `講師：${course.teacher}`, `Teacher: ${course.teacher}`)} ·{' '}
        {left > 0
          ? tr(view, `残り${left}席`, `${left} seats left`)
          : tr(view, '満席（キャンセル待ち）', 'Full (waiting list)')}
      </p>
    </li>
  );
}

/** A campaign and its published courses, by date or by shop; each links to its event to register. */
export function CampaignPage(props: {
  view: PageView;
  campaign: CampaignRow;
  courses: PublishedCourse[];
  by: 'date' | 'shop';
  organisers: Organiser[];
  categories: Category[];
}) {
  const { view, campaign } = props;
  const groups = new Map<string, PublishedCourse[]>();
  for (const item of props.courses) {
    const key =
      props.by === 'shop' ? item.course.shopName : formatDate(view.lang, todayInJapan(item.event.startsAt));
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const sorted = props.by === 'shop' ? [...groups].sort(([a], [b]) => a.localeCompare(b, 'ja')) : [...groups];
  const link = (by: 'date' | 'shop', ja: string, en: string) => (
    <a href={`/events/campaigns/${campaign.id}?by=${by}`} aria-current={props.by === by ? 'page' : undefined}>
      {tr(view, ja, en)}
    </a>
  );
  return (
    <Layout view={view} title={campaign.title}>
      <p>
        <a href="/events/campaigns">{tr(view, 'まちゼミ一覧へ戻る', 'Back to the campaigns')}</a>
      </p>
      <h1>{campaign.title}</h1>
      <dl class="facts">
        <dt>{tr(view, '種類', 'Kind')}</dt>
        <dd>{categoryName(view.lang, campaign.category, props.categories)}</dd>
        <dt>{tr(view, '開催期間', 'Period')}</dt>
        <dd>{campaignPeriod(view.lang, campaign)}</dd>
        <dt>{tr(view, '主催', 'Organiser')}</dt>
        <dd>{organiserName(view.lang, campaign.organiser, props.organisers)}</dd>
        <dt>{tr(view, '講座数', 'Courses')}</dt>
        <dd data-field="courses">{tr(view, `${props.courses.length}講座`, `${props.courses.length}`)}</dd>
      </dl>
      {campaign.description ? <p class="description">{campaign.description}</p> : null}
      <nav class="pager" aria-label={tr(view, '講座の並べ方', 'Order of the courses')}>
        {link('date', '日付順', 'By date')}
        {link('shop', 'お店ごと', 'By shop')}
      </nav>
      {props.courses.length === 0 ? (
        <p data-empty>
          {tr(view, '講座は準備中です。公開までお待ちください。', 'The courses are being prepared.')}
        </p>
      ) : (
        sorted.map(([heading, items], i) => (
          <section aria-labelledby={`group-${i}`}>
            <h2 id={`group-${i}`}>{heading}</h2>
            <ul class="grid">
              {items.map((item) => (
                <CourseCard view={view} item={item} />
              ))}
            </ul>
          </section>
        ))
      )}
    </Layout>
  );
}

// ----- staff ------------------------------------------------------------------------------------

/** The campaigns for their organisers, and the form to create one. */
export function ManageCampaignsPage(props: {
  view: PageView;
  campaigns: CampaignRow[];
  categories: Category[];
  organisers: Organiser[];
  values: FormValues;
  problem?: FormProblem | undefined;
}) {
  const { view, values, problem } = props;
  const title = tr(view, 'まちゼミの管理', 'Manage campaigns');
  const field = { view, values, problem };
  return (
    <Layout view={view} title={title} wide>
      <h1>{title}</h1>
      <h2 id="campaigns-heading">
        {tr(view, `まちゼミ一覧（${props.campaigns.length}件）`, `Campaigns (${props.campaigns.length})`)}
      </h2>
      {props.campaigns.length === 0 ? (
        <p>{tr(view, 'まだありません。下のフォームで作成してください。', 'None yet. Create one below.')}</p>
      ) : (
        <ul>
          {props.campaigns.map((c) => (
            <li data-campaign={c.id}>
              <a href={`/events/campaigns/manage/${c.id}`}>{c.title}</a>（{campaignPeriod(view.lang, c)}・
              {tr(view, '提案締切 ', 'proposals until ')}
              {formatDate(view.lang, c.proposalsCloseOn)}）
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-campaign">
        <h2 id="new-campaign">{tr(view, 'まちゼミを作成', 'Create a campaign')}</h2>
        <p>
          {tr(
            view,
            '作成すると、事業者のアカウントから締切日まで講座を提案できます。承認した講座はイベントとして公開されます。',
            'Once created, businesses can propose courses until the deadline. An approved course is published as an event.',
          )}
        </p>
        <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
        <form method="post" action="/events/campaigns/manage" class="stack card">
          <CsrfField view={view} />
          <SelectField
            {...field}
            name="category"
            label={tr(view, '種類', 'Kind')}
            initial="machizemi"
            options={props.categories.map((c) => ({
              value: c.code,
              label: categoryName(view.lang, c.code, props.categories),
            }))}
          />
          <InputField {...field} name="title" label={tr(view, '名称', 'Title')} maxlength={200} />
          <TextAreaField
            {...field}
            name="description"
            label={tr(view, '説明（任意）', 'Description (optional)')}
            maxlength={4000}
          />
          <InputField
            {...field}
            name="startsOn"
            type="date"
            label={tr(view, '開催期間の初日', 'First day')}
          />
          <InputField {...field} name="endsOn" type="date" label={tr(view, '開催期間の最終日', 'Last day')} />
          <InputField
            {...field}
            name="proposalsCloseOn"
            type="date"
            label={tr(view, '講座の提案の締切日', 'Proposal deadline')}
            hint={tr(view, 'この日まで事業者が提案できます', 'Businesses can propose until this day')}
          />
          <SelectField
            {...field}
            name="organiser"
            label={tr(view, '主催', 'Organiser')}
            options={props.organisers.map((o) => ({
              value: o.code,
              label: organiserName(view.lang, o.code, props.organisers),
            }))}
          />
          <div>
            <button type="submit">{tr(view, '作成する', 'Create')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

function courseWhen(lang: Lang, c: CourseRow): string {
  return `${formatDate(lang, c.startsAt)} ${japanTime(c.startsAt)}–${japanTime(c.endsAt)}`;
}

/** A campaign's proposals for its staff, each with the decision to take. */
export function ManageCampaignPage(props: {
  view: PageView;
  campaign: CampaignRow;
  courses: CourseRow[];
  categories: Category[];
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view, campaign } = props;
  const approved = props.courses.filter((c) => c.status === 'approved').length;
  return (
    <Layout view={view} title={campaign.title} wide>
      <p>
        <a href="/events/campaigns/manage">{tr(view, 'まちゼミの管理へ戻る', 'Back to the campaigns')}</a>
      </p>
      <h1>{campaign.title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <p>
        {categoryName(view.lang, campaign.category, props.categories)} · {campaignPeriod(view.lang, campaign)}{' '}
        · {tr(view, '提案締切 ', 'Proposals until ')}
        {formatDate(view.lang, campaign.proposalsCloseOn)} ·{' '}
        <a href={`/events/campaigns/${campaign.id}`}>{tr(view, '公開ページ', 'Public page')}</a> ·{' '}
        <a href={`/events/campaigns/manage/${campaign.id}/returns`}>
          {tr(view, 'その後の来店（お店ごと）', 'Coming back (per shop)')}
        </a>
      </p>
      <h2 id="courses-heading">
        {tr(
          view,
          `講座の提案（${props.courses.length}件・承認 ${approved}講座）`,
          `Proposals (${props.courses.length}, ${approved} approved)`,
        )}
      </h2>
      {props.courses.length === 0 ? (
        <p>{tr(view, 'まだ提案はありません。', 'No proposals yet.')}</p>
      ) : (
        props.courses.map((c) => (
          <article class="card" data-course={c.id} aria-labelledby={`course-${c.id}`}>
            <h3 id={`course-${c.id}`}>
              {c.title}（{c.shopName}）
            </h3>
            <p>
              <CourseStatus view={view} status={c.status} />
            </p>
            <dl class="facts">
              <dt>{tr(view, '日時', 'When')}</dt>
              <dd>{courseWhen(view.lang, c)}</dd>
              <dt>{tr(view, '会場', 'Place')}</dt>
              <dd>{c.place}</dd>
              <dt>{tr(view, '講師', 'Teacher')}</dt>
              <dd>{c.teacher}</dd>
              <dt>{tr(view, '定員', 'Capacity')}</dt>
              <dd>{tr(view, `${c.capacity}人`, String(c.capacity))}</dd>
              <dt>{tr(view, '受講料・材料費', 'Fee or materials')}</dt>
              <dd>{formatYen(view.lang, c.feeYen)}</dd>
              <dt>{tr(view, '持ち物', 'Bring')}</dt>
              <dd>{c.bring || '—'}</dd>
            </dl>
            {c.description ? <p class="description">{c.description}</p> : null}
            {c.staffComment ? (
              <p>
                {tr(view, 'コメント：', 'Comment: ')}
                {c.staffComment}
              </p>
            ) : null}
            {c.eventId ? (
              <p>
                <a href={`/events/manage/${c.eventId}`}>
                  {tr(view, 'イベント（参加者名簿）を開く', 'Open the event (participants)')}
                </a>
                {' · '}
                <a href={`/events/courses/${c.id}/bookings`}>
                  {tr(view, '申し込みと出欠（電話の申し込み）', 'Bookings and attendance (phone bookings)')}
                </a>
              </p>
            ) : null}
            {c.status === 'proposed' || c.status === 'returned' ? (
              <form
                method="post"
                action={`/events/campaigns/manage/${campaign.id}/courses/${c.id}/decision`}
                class="stack"
              >
                <CsrfField view={view} />
                <div>
                  <label for={`comment-${c.id}`}>{tr(view, 'コメント（任意）', 'Comment (optional)')}</label>
                  <textarea id={`comment-${c.id}`} name="comment" rows={2} maxlength={1000} />
                </div>
                <div class="actions">
                  <button type="submit" name="decision" value="approve">
                    {tr(view, '承認して公開する', 'Approve and publish')}
                  </button>
                  <button type="submit" name="decision" value="return" class="button-secondary">
                    {tr(view, '差し戻す', 'Send back')}
                  </button>
                  <button type="submit" name="decision" value="decline" class="button-danger">
                    {tr(view, '見送る', 'Decline')}
                  </button>
                </div>
              </form>
            ) : null}
          </article>
        ))
      )}
    </Layout>
  );
}

// ----- businesses -------------------------------------------------------------------------------

/** A shop's own proposals, and the campaigns it may propose to now. */
export function MyCoursesPage(props: {
  view: PageView;
  courses: { course: CourseRow; campaign: CampaignRow }[];
  open: CampaignRow[];
}) {
  const { view } = props;
  const title = tr(view, '自分の講座の提案', 'My course proposals');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{tr(view, '提案を受け付けているまちゼミ', 'Campaigns taking proposals')}</h2>
        {props.open.length === 0 ? (
          <p>{tr(view, 'いま提案を受け付けているまちゼミはありません。', 'None at the moment.')}</p>
        ) : (
          <ul>
            {props.open.map((c) => (
              <li data-campaign={c.id}>
                <a href={`/events/campaigns/${c.id}/propose`}>
                  {tr(view, `${c.title}に講座を提案する`, `Propose a course for ${c.title}`)}
                </a>{' '}
                <span class="muted">
                  {tr(view, '締切 ', 'until ')}
                  {formatDate(view.lang, c.proposalsCloseOn)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{tr(view, '提案した講座', 'Proposed courses')}</h2>
        {props.courses.length === 0 ? (
          <p>{tr(view, 'まだ提案はありません。', 'No proposals yet.')}</p>
        ) : (
          <ul class="grid">
            {props.courses.map(({ course, campaign }) => (
              <li class="card" data-course={course.id}>
                <h3>
                  <a href={`/events/courses/${course.id}`}>{course.title}</a>
                </h3>
                <p>
                  <CourseStatus view={view} status={course.status} />
                </p>
                <p>
                  {campaign.title} · {courseWhen(view.lang, course)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

/** The fields of a course proposal, shared by the new proposal and its changes. */
function CourseFields(props: {
  view: PageView;
  values: FormValues;
  problem: FormProblem | undefined;
  campaign: CampaignRow;
}) {
  const { view, campaign } = props;
  const field = { view, values: props.values, problem: props.problem };
  return (
    <>
      <InputField
        {...field}
        name="shopName"
        label={tr(view, '店名', 'Shop name')}
        maxlength={80}
        autocomplete="organization"
      />
      <InputField {...field} name="title" label={tr(view, '講座名', 'Course title')} maxlength={100} />
      <TextAreaField
        {...field}
        name="description"
        label={tr(view, '内容（任意）', 'Description (optional)')}
        maxlength={2000}
      />
      <InputField {...field} name="teacher" label={tr(view, '講師', 'Teacher')} maxlength={100} />
      <InputField
        {...field}
        name="date"
        type="date"
        label={tr(view, '開催日', 'Date')}
        hint={tr(view, `期間：${campaignPeriod('ja', campaign)}`, `Within ${campaignPeriod('en', campaign)}`)}
        min={campaign.startsOn}
        max={campaign.endsOn}
      />
      <InputField
        {...field}
        name="startTime"
        type="time"
        label={tr(view, '開始時刻', 'Start time')}
        initial="10:00"
      />
      <InputField
        {...field}
        name="endTime"
        type="time"
        label={tr(view, '終了時刻', 'End time')}
        initial="11:30"
      />
      <InputField
        {...field}
        name="place"
        label={tr(view, '会場', 'Place')}
        hint={tr(view, 'ふつうはお店です', 'Usually the shop')}
        maxlength={200}
      />
      <InputField
        {...field}
        name="capacity"
        type="number"
        inputmode="numeric"
        label={tr(view, '定員（人）', 'Capacity (people)')}
        hint={tr(view, '5〜10人くらいが目安です', 'Usually 5 to 10')}
      />
      <InputField
        {...field}
        name="feeYen"
        type="number"
        inputmode="numeric"
        label={tr(view, '受講料・材料費（円）', 'Fee or materials (yen)')}
        hint={tr(
          view,
          '受講料は無料が原則です。材料費がかかるときはその額を',
          'Courses are free; enter the cost of materials if any',
        )}
        initial="0"
      />
      <InputField
        {...field}
        name="bring"
        required={false}
        label={tr(view, '持ち物（任意）', 'Things to bring (optional)')}
        maxlength={200}
      />
    </>
  );
}

/** A shop proposes a course for a campaign, or sees and changes its proposal. */
export function CourseFormPage(props: {
  view: PageView;
  campaign: CampaignRow;
  /** the proposal being looked at; absent for a new one */
  course?: CourseRow | undefined;
  idempotencyKey?: string | undefined;
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, campaign, course } = props;
  const title = course
    ? course.title
    : tr(view, `講座を提案する：${campaign.title}`, `Propose a course: ${campaign.title}`);
  const editable = !course || course.status === 'proposed' || course.status === 'returned';
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/events/courses">{tr(view, '自分の講座の提案へ戻る', 'Back to my proposals')}</a>
      </p>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      {course ? (
        <>
          <p>
            {tr(view, '状態：', 'Status: ')}
            <CourseStatus view={view} status={course.status} />
          </p>
          {course.staffComment ? (
            <p data-field="comment">
              {tr(view, '主催者からのコメント：', 'Comment from the organiser: ')}
              {course.staffComment}
            </p>
          ) : null}
          {course.eventId ? (
            <p>
              <a class="button" href={`/events/courses/${course.id}/bookings`}>
                {tr(
                  view,
                  '申し込みと出欠（電話の申し込みを入力）',
                  'Bookings and attendance (enter a phone booking)',
                )}
              </a>
            </p>
          ) : null}
          {course.eventId ? (
            <ul>
              <li>
                <a href={`/events/${course.eventId}`}>
                  {tr(view, '公開されたページを見る', 'See the published page')}
                </a>
              </li>
              <li>
                <a href={`/events/courses/${course.id}/participants`}>
                  {tr(view, '申し込んだ方の一覧', 'People registered')}
                </a>
              </li>
            </ul>
          ) : null}
        </>
      ) : (
        <p>
          {tr(
            view,
            `${campaign.title}（${campaignPeriod('ja', campaign)}）に講座を提案します。締切は${formatDate('ja', campaign.proposalsCloseOn)}です。主催者が承認すると公開され、申し込みを受け付けます。`,
            `Propose a course for ${campaign.title} (${campaignPeriod('en', campaign)}), until ${formatDate('en', campaign.proposalsCloseOn)}. Once the organiser approves it, it is published for registration.`,
          )}
        </p>
      )}
      {editable ? (
        <>
          <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
          <form
            method="post"
            action={course ? `/events/courses/${course.id}` : `/events/campaigns/${campaign.id}/proposals`}
            class="stack card"
          >
            <CsrfField view={view} />
            {props.idempotencyKey ? (
              <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
            ) : null}
            <CourseFields view={view} values={props.values} problem={props.problem} campaign={campaign} />
            <div>
              <button type="submit">
                {course ? tr(view, '変更を送る', 'Send the changes') : tr(view, '提案する', 'Propose')}
              </button>
            </div>
          </form>
          {course ? (
            <form method="post" action={`/events/courses/${course.id}/withdraw`} class="card">
              <CsrfField view={view} />
              <button type="submit" class="button-danger">
                {tr(view, '提案を取り下げる', 'Withdraw the proposal')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}

/** A proposal's fields as the form shows them again. */
export function courseValues(c: CourseRow): FormValues {
  return {
    shopName: c.shopName,
    title: c.title,
    description: c.description,
    teacher: c.teacher,
    date: todayInJapan(c.startsAt),
    startTime: japanTime(c.startsAt),
    endTime: japanTime(c.endsAt),
    place: c.place,
    capacity: String(c.capacity),
    feeYen: String(c.feeYen),
    bring: c.bring,
  };
}
