import { formatDate, formatDateTime } from '../../../platform/fiscal-year';
import type { Lang } from '../../../platform/i18n';
import { InputField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { EventRow, EventWithCounts } from '../event-service';
import {
  eventWhen,
  type FormProblem,
  type FormValues,
  formatYen,
  invalidIf,
  type Organiser,
  organiserName,
} from '../pages/components';
import { goodsNames, vendorGoods, vendorGoodsCodes } from './goods';
import type {
  ApplicationView,
  StatusFilter,
  VendorApplicationRow,
  VendorCallRow,
  VendorCallSummary,
  VendorCallWindow,
} from './service';

const statusWords: Record<string, [string, string]> = {
  applied: ['審査待ち', 'Awaiting decision'],
  accepted: ['出店決定', 'Accepted'],
  declined: ['見送り', 'Declined'],
  withdrawn: ['取り下げ', 'Withdrawn'],
};
const statusClass: Record<string, string> = {
  applied: 'nearly',
  accepted: 'achieved',
  declined: 'missed',
  withdrawn: 'none',
};

export function ApplicationStatus(props: { view: PageView; status: string }) {
  const [ja, en] = statusWords[props.status] ?? [props.status, props.status];
  return (
    <span
      class={`status status-${statusClass[props.status] ?? 'none'}`}
      data-application-status={props.status}
    >
      {tr(props.view, ja, en)}
    </span>
  );
}

const deadline = (lang: Lang, call: VendorCallRow) =>
  lang === 'en'
    ? `until ${formatDate('en', call.applicationsCloseOn)}`
    : `${formatDate('ja', call.applicationsCloseOn)}まで`;

const yesNo = (view: PageView, value: boolean) => (value ? tr(view, 'あり', 'Yes') : tr(view, 'なし', 'No'));

/** What a vendor reads before applying: booths, fee, deadline and the organiser's conditions. */
function CallFacts(props: { view: PageView; call: VendorCallRow }) {
  const { view, call } = props;
  return (
    <dl class="facts">
      <dt>{tr(view, '募集区画', 'Booths')}</dt>
      <dd data-field="booths">{tr(view, `${call.booths}区画`, `${call.booths}`)}</dd>
      <dt>{tr(view, '出店料', 'Booth fee')}</dt>
      <dd>
        {call.boothFeeYen === 0
          ? tr(view, '無料', 'Free')
          : tr(
              view,
              `1区画 ${formatYen('ja', call.boothFeeYen)}`,
              `${formatYen('en', call.boothFeeYen)} per booth`,
            )}
      </dd>
      <dt>{tr(view, '申込締切', 'Apply')}</dt>
      <dd data-field="deadline">{deadline(view.lang, call)}</dd>
    </dl>
  );
}

function ClosedReason(props: {
  view: PageView;
  window: Exclude<VendorCallWindow, 'open'>;
  call: VendorCallRow;
}) {
  const { view, call } = props;
  const text: Record<typeof props.window, [string, string]> = {
    'event-cancelled': ['イベントが中止になったため、出店の募集はありません。', 'The event is cancelled.'],
    'event-over': ['このイベントの出店募集は終了しました。', 'The call for vendors has ended.'],
    stopped: ['出店の募集は締め切りました。', 'The call for vendors is closed.'],
    'deadline-passed': [
      `出店の申し込みは${formatDate('ja', call.applicationsCloseOn)}で締め切りました。`,
      `Vendor applications closed on ${formatDate('en', call.applicationsCloseOn)}.`,
    ],
  };
  const [ja, en] = text[props.window];
  return <p data-vendor-call-closed>{tr(view, ja, en)}</p>;
}

/** The call on the public event page: what it offers, and the way to apply while it is open. */
export function VendorCallSection(props: {
  view: PageView;
  event: EventRow;
  call: VendorCallRow;
  window: VendorCallWindow;
}) {
  const { view, call, event } = props;
  return (
    <section aria-labelledby="vendors-heading" class="card">
      <h2 id="vendors-heading">{tr(view, '出店者募集', 'Call for vendors')}</h2>
      <CallFacts view={view} call={call} />
      {call.conditions ? <p class="description">{call.conditions}</p> : null}
      {props.window === 'open' ? (
        <p>
          <a class="button" href={`/events/${event.id}/vendors/apply`}>
            {tr(view, '出店を申し込む', 'Apply for a booth')}
          </a>
        </p>
      ) : (
        <ClosedReason view={view} window={props.window} call={call} />
      )}
    </section>
  );
}

// ----- vendors ----------------------------------------------------------------------------------

function Choice(props: {
  view: PageView;
  type: 'checkbox' | 'radio';
  id: string;
  name: string;
  value: string;
  checked: boolean;
  label: string;
  problem: FormProblem | undefined;
  field: string;
}) {
  return (
    <div class="choice">
      <input
        type={props.type}
        id={props.id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        {...invalidIf(props.problem, props.field)}
      />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}

/** The application form (出店申込) of a call, for a business account or a guest. */
export function ApplicationFormPage(props: {
  view: PageView;
  event: EventWithCounts;
  call: VendorCallRow;
  window: VendorCallWindow;
  organisers: Organiser[];
  idempotencyKey: string;
  values: FormValues;
  problem?: FormProblem | undefined;
}) {
  const { view, event, call, values, problem } = props;
  const field = { view, values, problem };
  const title = tr(view, `出店申込：${event.title}`, `Apply for a booth: ${event.title}`);
  const booths = values.booths ?? '1';
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={`/events/${event.id}`}>{tr(view, 'イベントのページへ戻る', 'Back to the event')}</a>
      </p>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{tr(view, '日時', 'When')}</dt>
        <dd>{eventWhen(view.lang, event)}</dd>
        <dt>{tr(view, '会場', 'Place')}</dt>
        <dd>{event.place}</dd>
        <dt>{tr(view, '主催', 'Organiser')}</dt>
        <dd>{organiserName(view.lang, event.organiser, props.organisers)}</dd>
      </dl>
      <CallFacts view={view} call={call} />
      {call.conditions ? (
        <section aria-labelledby="conditions-heading">
          <h2 id="conditions-heading">{tr(view, '出店条件', 'Conditions')}</h2>
          <p class="description">{call.conditions}</p>
        </section>
      ) : null}
      {props.window !== 'open' ? (
        <>
          <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
          <ClosedReason view={view} window={props.window} call={call} />
        </>
      ) : (
        <>
          <p>
            {tr(
              view,
              'アカウントがなくても申し込めます。受付のメールに、申し込みの状況を確かめるページのアドレスが届きます。',
              'No account is needed. The receipt we mail you has the address of a page showing the status of your application.',
            )}
          </p>
          <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
          <form method="post" action={`/events/${event.id}/vendors/applications`} class="stack card">
            <CsrfField view={view} />
            <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
            <InputField
              {...field}
              name="businessName"
              label={tr(view, '事業者名・屋号', 'Business name')}
              hint={tr(view, '農家の方は「〇〇農園」やお名前で', 'A farm may give its name or yours')}
              maxlength={100}
              autocomplete="organization"
            />
            <InputField
              {...field}
              name="contactName"
              label={tr(view, 'ご担当者名', 'Contact person')}
              maxlength={100}
              autocomplete="name"
            />
            <InputField
              {...field}
              name="contactKana"
              label={tr(view, 'ふりがな', 'Reading of the name (kana)')}
              hint={tr(view, 'ひらがなかカタカナ（例：やまだ はなこ）', 'In hiragana or katakana')}
              maxlength={100}
            />
            <InputField
              {...field}
              name="phone"
              type="tel"
              inputmode="tel"
              label={tr(view, '電話番号', 'Phone')}
              hint={tr(view, '当日つながる番号（例：090-1234-5678）', 'A number that answers on the day')}
              maxlength={20}
              autocomplete="tel"
            />
            <InputField
              {...field}
              name="email"
              type="email"
              label={tr(view, 'メールアドレス', 'E-mail')}
              maxlength={254}
              autocomplete="email"
            />
            <fieldset {...invalidIf(problem, 'goods')}>
              <legend>{tr(view, '販売するもの（いくつでも）', 'What you sell (any number)')}</legend>
              {vendorGoodsCodes.map((code) => (
                <Choice
                  view={view}
                  type="checkbox"
                  id={`goods-${code}`}
                  name={`goods-${code}`}
                  value="on"
                  checked={values[`goods-${code}`] === 'on'}
                  label={vendorGoods[code][view.lang]}
                  problem={problem}
                  field="goods"
                />
              ))}
            </fieldset>
            <TextAreaField
              {...field}
              name="goodsNote"
              label={tr(view, '品目の補足（任意）', 'About your goods (optional)')}
              hint={tr(
                view,
                '主な品目や価格帯。「その他」を選んだときは必ず',
                'Main items and prices; required when you choose Other',
              )}
              maxlength={500}
              rows={3}
            />
            <InputField
              {...field}
              name="foodPermit"
              required={false}
              label={tr(
                view,
                '営業許可（飲食の調理販売をするときは必須）',
                'Food business permit (required to cook on site)',
              )}
              hint={tr(
                view,
                '許可の種類・番号・保健所（例：飲食店営業 第123号 西多摩保健所）。申請中ならその旨を',
                'Kind, number and health centre of the permit, or that you have applied',
              )}
              maxlength={200}
            />
            <fieldset {...invalidIf(problem, 'booths')}>
              <legend>{tr(view, '希望する区画数', 'Booths you need')}</legend>
              {['1', '2'].map((n) => (
                <Choice
                  view={view}
                  type="radio"
                  id={`booths-${n}`}
                  name="booths"
                  value={n}
                  checked={booths === n}
                  label={tr(view, `${n}区画`, n === '1' ? 'One booth' : 'Two booths')}
                  problem={problem}
                  field="booths"
                />
              ))}
            </fieldset>
            <fieldset>
              <legend>{tr(view, '設備', 'Equipment')}</legend>
              <Choice
                view={view}
                type="checkbox"
                id="needsPower"
                name="needsPower"
                value="yes"
                checked={values.needsPower === 'yes'}
                label={tr(view, '電源を使いたい', 'I need power')}
                problem={problem}
                field="needsPower"
              />
              <Choice
                view={view}
                type="checkbox"
                id="needsTent"
                name="needsTent"
                value="yes"
                checked={values.needsTent === 'yes'}
                label={tr(view, 'テントを借りたい', 'I need to borrow a tent')}
                problem={problem}
                field="needsTent"
              />
            </fieldset>
            <TextAreaField
              {...field}
              name="message"
              label={tr(view, '主催者への連絡事項（任意）', 'Message to the organiser (optional)')}
              maxlength={1000}
              rows={3}
            />
            <div>
              <button type="submit">{tr(view, '出店を申し込む', 'Apply')}</button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}

/** An application's details, as its vendor and the staff read them. */
function ApplicationFacts(props: { view: PageView; application: VendorApplicationRow }) {
  const { view, application: a } = props;
  return (
    <dl class="facts">
      <dt>{tr(view, '事業者名・屋号', 'Business')}</dt>
      <dd>{a.businessName}</dd>
      <dt>{tr(view, 'ご担当者', 'Contact')}</dt>
      <dd>
        {a.contactName}（{a.contactKana}）
      </dd>
      <dt>{tr(view, '電話番号', 'Phone')}</dt>
      <dd>{a.phone}</dd>
      <dt>{tr(view, 'メール', 'E-mail')}</dt>
      <dd>{a.email}</dd>
      <dt>{tr(view, '販売するもの', 'Goods')}</dt>
      <dd data-field="goods">
        {goodsNames(view.lang, a.goods)}
        {a.goodsNote ? `（${a.goodsNote}）` : ''}
      </dd>
      <dt>{tr(view, '区画数', 'Booths')}</dt>
      <dd>{tr(view, `${a.booths}区画`, String(a.booths))}</dd>
      <dt>{tr(view, '電源', 'Power')}</dt>
      <dd data-field="power">{yesNo(view, a.needsPower)}</dd>
      <dt>{tr(view, 'テント貸出', 'Tent')}</dt>
      <dd data-field="tent">{yesNo(view, a.needsTent)}</dd>
      <dt>{tr(view, '営業許可', 'Permit')}</dt>
      <dd>{a.foodPermit || '—'}</dd>
      {a.message ? (
        <>
          <dt>{tr(view, '連絡事項', 'Message')}</dt>
          <dd>{a.message}</dd>
        </>
      ) : null}
      <dt>{tr(view, '申込日時', 'Applied')}</dt>
      <dd>{formatDateTime(view.lang, a.appliedAt)}</dd>
    </dl>
  );
}

/**
 * The confirmation of an application and the page of its status link; a business sees the same
 * page for its own applications. Until a decision the vendor may withdraw.
 */
export function ApplicationPage(props: {
  view: PageView;
  found: ApplicationView;
  organisers: Organiser[];
  /** where the withdraw form posts: the status link's, or the account's own */
  withdrawAction: string;
  /** back to the business's list; absent for a guest */
  backToList?: boolean;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
}) {
  const { view } = props;
  const { application, call, event } = props.found;
  const titles: Record<string, [string, string]> = {
    applied: ['出店のお申し込みを受け付けました', 'Your vendor application is in'],
    accepted: ['出店が決まりました', 'Your booth is confirmed'],
    declined: ['今回は出店を見送らせていただきます', 'Your application was declined'],
    withdrawn: ['お申し込みは取り下げられています', 'This application is withdrawn'],
  };
  const [ja, en] = titles[application.status] ?? ['出店申込', 'Vendor application'];
  const title = tr(view, ja, en);
  return (
    <Layout view={view} title={title}>
      {props.backToList ? (
        <p>
          <a href="/events/vendors/my">{tr(view, '出店の申し込み一覧へ戻る', 'Back to my applications')}</a>
        </p>
      ) : null}
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <p>
        {tr(view, '状態：', 'Status: ')}
        <ApplicationStatus view={view} status={application.status} />
      </p>
      {application.staffMessage ? (
        <p data-field="staff-message">
          {tr(view, '主催者からのメッセージ：', 'Message from the organiser: ')}
          {application.staffMessage}
        </p>
      ) : null}
      <section aria-labelledby="event-heading">
        <h2 id="event-heading">
          <a href={`/events/${event.id}`}>{event.title}</a>
        </h2>
        <dl class="facts">
          <dt>{tr(view, '日時', 'When')}</dt>
          <dd>{eventWhen(view.lang, event)}</dd>
          <dt>{tr(view, '会場', 'Place')}</dt>
          <dd>{event.place}</dd>
          <dt>{tr(view, '主催', 'Organiser')}</dt>
          <dd>{organiserName(view.lang, event.organiser, props.organisers)}</dd>
        </dl>
        <CallFacts view={view} call={call} />
        {call.conditions ? <p class="description">{call.conditions}</p> : null}
      </section>
      <section aria-labelledby="application-heading">
        <h2 id="application-heading">{tr(view, 'お申し込みの内容', 'Your application')}</h2>
        <ApplicationFacts view={view} application={application} />
      </section>
      {application.status === 'applied' ? (
        <>
          <p>
            {tr(
              view,
              '主催者が確認し、結果をメールでお知らせします。このページのアドレスはお申し込みの控えです。他の人に教えないでください。',
              'The organiser will review it and mail you the result. The address of this page is your key to the application: keep it to yourself.',
            )}
          </p>
          <form method="post" action={props.withdrawAction} class="card stack">
            <CsrfField view={view} />
            <p>
              {tr(
                view,
                '出店をやめるときは、結果が出る前ならここから取り下げられます。',
                'If you no longer want a booth, you can withdraw until the organiser decides.',
              )}
            </p>
            <div>
              <button type="submit" class="button-danger">
                {tr(view, '申し込みを取り下げる', 'Withdraw the application')}
              </button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

/** A business's own applications, the newest first, and the calls it may apply to now. */
export function MyApplicationsPage(props: {
  view: PageView;
  applications: ApplicationView[];
  open: { call: VendorCallRow; event: EventRow }[];
}) {
  const { view } = props;
  const title = tr(view, '出店の申し込み', 'My vendor applications');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <section aria-labelledby="open-calls-heading">
        <h2 id="open-calls-heading">{tr(view, '出店者を募集しているイベント', 'Events taking vendors')}</h2>
        {props.open.length === 0 ? (
          <p>{tr(view, 'いま出店者を募集しているイベントはありません。', 'None at the moment.')}</p>
        ) : (
          <ul>
            {props.open.map(({ call, event }) => (
              <li data-open-call={call.id}>
                <a href={`/events/${event.id}/vendors/apply`}>
                  {tr(view, `${event.title}に出店を申し込む`, `Apply for a booth at ${event.title}`)}
                </a>{' '}
                <span class="muted">
                  {eventWhen(view.lang, event)} · {deadline(view.lang, call)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2 id="mine-heading">{tr(view, '申し込んだ出店', 'Your applications')}</h2>
      {props.applications.length === 0 ? (
        <p data-empty>{tr(view, 'まだ申し込みはありません。', 'No applications yet.')}</p>
      ) : (
        <ul class="grid">
          {props.applications.map(({ application, event }) => (
            <li class="card" data-application={application.id}>
              <h3>
                <a href={`/events/vendors/my/${application.id}`}>{event.title}</a>
              </h3>
              <p>
                <ApplicationStatus view={view} status={application.status} />
              </p>
              <p>
                {eventWhen(view.lang, event)} · {application.businessName} ·{' '}
                {tr(view, `${application.booths}区画`, `${application.booths} booth(s)`)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

// ----- staff ------------------------------------------------------------------------------------

/** The call's fields, to open it or change it. */
function CallForm(props: {
  view: PageView;
  event: EventRow;
  call: VendorCallRow | null;
  values: FormValues;
  problem: FormProblem | undefined;
}) {
  const { view, event, call, values, problem } = props;
  const field = { view, values, problem };
  return (
    <form method="post" action={`/events/manage/${event.id}/vendors`} class="stack card">
      <CsrfField view={view} />
      <InputField
        {...field}
        name="booths"
        type="number"
        inputmode="numeric"
        label={tr(view, '募集する区画数', 'Booths')}
        min="1"
        max="500"
      />
      <InputField
        {...field}
        name="applicationsCloseOn"
        type="date"
        label={tr(view, '申込締切日', 'Last day for applications')}
        hint={tr(view, 'この日の終わりまで申し込めます', 'Vendors can apply until the end of this day')}
      />
      <InputField
        {...field}
        name="boothFeeYen"
        type="number"
        inputmode="numeric"
        label={tr(view, '出店料（1区画・円）', 'Booth fee (per booth, yen)')}
        initial="0"
        min="0"
      />
      <TextAreaField
        {...field}
        name="conditions"
        label={tr(view, '出店条件（任意）', 'Conditions (optional)')}
        hint={tr(
          view,
          '区画の大きさ、搬入時刻、持ち物、ごみの扱いなど',
          'Booth size, set-up time, what to bring, waste …',
        )}
        maxlength={4000}
      />
      {call ? (
        <div class="choice">
          <input type="checkbox" id="closed" name="closed" value="yes" checked={values.closed === 'yes'} />
          <label for="closed">
            {tr(view, '締切日の前でも申し込みの受付を止める', 'Stop taking applications now')}
          </label>
        </div>
      ) : null}
      <div>
        <button type="submit">
          {call
            ? tr(view, '募集内容を保存する', 'Save the call')
            : tr(view, '出店募集を始める', 'Open the call')}
        </button>
      </div>
    </form>
  );
}

export function callValues(call: VendorCallRow | null): FormValues {
  if (!call) return {};
  return {
    booths: String(call.booths),
    applicationsCloseOn: call.applicationsCloseOn,
    boothFeeYen: String(call.boothFeeYen),
    conditions: call.conditions,
    closed: call.closedAt ? 'yes' : '',
  };
}

function Summary(props: { view: PageView; summary: VendorCallSummary }) {
  const { view, summary: s } = props;
  return (
    <dl class="facts" data-vendor-summary>
      <dt>{tr(view, '出店決定', 'Booths given')}</dt>
      <dd data-field="accepted-booths">
        {tr(view, `${s.acceptedBooths} / ${s.booths}区画`, `${s.acceptedBooths} of ${s.booths}`)}
      </dd>
      <dt>{tr(view, '審査待ち', 'Awaiting')}</dt>
      <dd data-field="applied">
        {tr(
          view,
          `${s.counts.applied}件（${s.appliedBooths}区画）`,
          `${s.counts.applied} (${s.appliedBooths} booths)`,
        )}
      </dd>
      <dt>{tr(view, '見送り・取り下げ', 'Declined, withdrawn')}</dt>
      <dd>
        {tr(
          view,
          `見送り ${s.counts.declined}件・取り下げ ${s.counts.withdrawn}件`,
          `${s.counts.declined} declined, ${s.counts.withdrawn} withdrawn`,
        )}
      </dd>
      <dt>{tr(view, '電源', 'Power')}</dt>
      <dd data-field="power">
        {tr(
          view,
          `出店決定 ${s.power.accepted}件・審査待ち ${s.power.applied}件`,
          `${s.power.accepted} accepted, ${s.power.applied} awaiting`,
        )}
      </dd>
      <dt>{tr(view, 'テント貸出', 'Tents')}</dt>
      <dd data-field="tents">
        {tr(
          view,
          `出店決定 ${s.tents.accepted}件・審査待ち ${s.tents.applied}件`,
          `${s.tents.accepted} accepted, ${s.tents.applied} awaiting`,
        )}
      </dd>
    </dl>
  );
}

const filters: [StatusFilter, string, string][] = [
  ['all', 'すべて', 'All'],
  ['applied', '審査待ち', 'Awaiting'],
  ['accepted', '出店決定', 'Accepted'],
  ['declined', '見送り', 'Declined'],
  ['withdrawn', '取り下げ', 'Withdrawn'],
];

function DecisionForm(props: { view: PageView; event: EventRow; application: VendorApplicationRow }) {
  const { view, application: a } = props;
  return (
    <form method="post" action={`/events/manage/${props.event.id}/vendors/${a.id}/decision`} class="stack">
      <CsrfField view={view} />
      <div>
        <label for={`message-${a.id}`}>
          {tr(
            view,
            '出店者へのメッセージ（任意・メールで届きます）',
            'Message to the vendor (optional, mailed)',
          )}
        </label>
        <textarea id={`message-${a.id}`} name="message" rows={2} maxlength={1000} />
      </div>
      <div class="actions">
        {a.status !== 'accepted' ? (
          <button type="submit" name="decision" value="accept">
            {tr(view, '出店を決定する', 'Accept')}
          </button>
        ) : null}
        {a.status !== 'declined' ? (
          <button type="submit" name="decision" value="decline" class="button-danger">
            {a.status === 'accepted'
              ? tr(view, '決定を取り消して見送る', 'Withdraw the booth and decline')
              : tr(view, '見送る', 'Decline')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * An event's call for vendors for its organisers: the call (to open or change), how full it is,
 * and its applications by status, each with the decision to take. Personal data.
 */
export function ManageVendorsPage(props: {
  view: PageView;
  event: EventWithCounts;
  call: VendorCallRow | null;
  window: VendorCallWindow | null;
  applications: VendorApplicationRow[];
  summary: VendorCallSummary | null;
  filter: StatusFilter;
  values: FormValues;
  notice?: string | undefined;
  problem?: FormProblem | undefined;
  /** the problem of a decision, shown above the applications */
  decisionProblem?: FormProblem | undefined;
}) {
  const { view, event, call, summary } = props;
  const title = tr(view, `出店募集：${event.title}`, `Call for vendors: ${event.title}`);
  const query = props.filter === 'all' ? '' : `?status=${props.filter}`;
  return (
    <Layout view={view} title={title} wide>
      <p>
        <a href={`/events/manage/${event.id}`}>{tr(view, 'イベントの管理へ戻る', 'Back to the event')}</a>
      </p>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <p>
        {eventWhen(view.lang, event)} · {event.place}
        {call ? (
          <>
            {' · '}
            <a href={`/events/${event.id}#vendors-heading`}>{tr(view, '公開ページ', 'Public page')}</a>
          </>
        ) : null}
      </p>
      <section aria-labelledby="call-heading">
        <h2 id="call-heading">
          {call
            ? tr(view, '募集内容', 'The call')
            : tr(view, '出店者の募集を始める', 'Open a call for vendors')}
        </h2>
        {call && props.window ? (
          <p data-call-window={props.window}>
            {props.window === 'open'
              ? tr(view, `受付中（${deadline('ja', call)}）`, `Open (${deadline('en', call)})`)
              : tr(view, '受付は終了しています', 'Not taking applications')}
          </p>
        ) : (
          <p>
            {tr(
              view,
              '始めると、イベントの公開ページに出店申込のフォームが出ます。アカウントのない農家の方なども申し込めます。',
              'Once open, the public event page takes applications, also from vendors without an account.',
            )}
          </p>
        )}
        <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
        <CallForm view={view} event={event} call={call} values={props.values} problem={props.problem} />
      </section>
      {call && summary ? (
        <section aria-labelledby="applications-heading">
          <h2 id="applications-heading">{tr(view, '出店の申し込み', 'Applications')}</h2>
          <Summary view={view} summary={summary} />
          <p class="muted">
            {tr(
              view,
              '申込者の連絡先は個人情報です。出店の連絡と当日の運営にだけ使ってください。',
              'Contact details are personal data: use them only for this event.',
            )}
          </p>
          <ul class="actions">
            <li>
              <a
                class="button button-secondary"
                href={`/events/manage/${event.id}/vendors.xlsx${query}`}
                download
              >
                {tr(view, '出店者一覧（Excel）', 'Vendors (Excel)')}
              </a>
            </li>
            <li>
              <a
                class="button button-secondary"
                href={`/events/manage/${event.id}/vendors.csv${query}`}
                download
              >
                {tr(view, '出店者一覧（CSV）', 'Vendors (CSV)')}
              </a>
            </li>
          </ul>
          <nav class="pager" aria-label={tr(view, '状態で絞り込む', 'Filter by status')}>
            {filters.map(([value, ja, en]) => (
              <a
                href={`/events/manage/${event.id}/vendors${value === 'all' ? '' : `?status=${value}`}`}
                aria-current={props.filter === value ? 'page' : undefined}
              >
                {tr(view, ja, en)}
              </a>
            ))}
          </nav>
          <ErrorSummary
            view={view}
            message={props.decisionProblem?.message}
            details={props.decisionProblem?.details}
          />
          {props.applications.length === 0 ? (
            <p data-empty>{tr(view, '該当する申し込みはありません。', 'No applications.')}</p>
          ) : (
            props.applications.map((a) => (
              <article class="card" data-application={a.id} aria-labelledby={`application-${a.id}`}>
                <h3 id={`application-${a.id}`}>
                  {a.businessName}
                  <span class="muted"> {tr(view, `（申込番号 ${a.id}）`, ` (no. ${a.id})`)}</span>
                </h3>
                <p>
                  <ApplicationStatus view={view} status={a.status} />
                  {a.decidedAt ? <span class="muted"> {formatDateTime(view.lang, a.decidedAt)}</span> : null}
                </p>
                <ApplicationFacts view={view} application={a} />
                {a.staffMessage ? (
                  <p>
                    {tr(view, '出店者へのメッセージ：', 'Message to the vendor: ')}
                    {a.staffMessage}
                  </p>
                ) : null}
                {a.status !== 'withdrawn' ? <DecisionForm view={view} event={event} application={a} /> : null}
              </article>
            ))
          )}
        </section>
      ) : null}
    </Layout>
  );
}
