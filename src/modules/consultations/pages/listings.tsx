import { formatDate } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { industries } from '../self-check';
import {
  type AnonymousListing,
  type CandidateRow,
  type DisclosedOwner,
  employeesBandNames,
  type InterestRow,
  type ListingRow,
  listingLabels,
  pledgeText,
  salesBandNames,
} from '../succession-listings';
import { caseReference } from '../words';
import { day, PersonalDataNote } from './components';

interface Area {
  code: string;
  name: string;
  nameEn?: string | undefined;
}
const areaName = (view: PageView, areas: readonly Area[], code: string) => {
  const a = areas.find((x) => x.code === code);
  return a ? (view.lang === 'en' && a.nameEn ? a.nameEn : a.name) : code;
};
const named = (view: PageView, names: Record<string, { ja: string; en: string }>, code: string) =>
  names[code] ? localise(view.lang, names[code]) : code;
const label = (view: PageView, field: keyof typeof listingLabels) =>
  localise(view.lang, listingLabels[field]);

/** The anonymous facts of a listing, the same for staff and candidates. */
function ListingFacts(props: {
  view: PageView;
  listing: AnonymousListing | ListingRow;
  areas: readonly Area[];
}) {
  const { view, listing } = props;
  return (
    <dl class="facts" data-listing={listing.id}>
      <dt>{label(view, 'industry')}</dt>
      <dd>{named(view, industries, listing.industry)}</dd>
      <dt>{label(view, 'area')}</dt>
      <dd>{areaName(view, props.areas, listing.area)}</dd>
      <dt>{tr(view, '規模', 'Size')}</dt>
      <dd>
        {named(view, employeesBandNames, listing.employeesBand)}・
        {named(view, salesBandNames, listing.salesBand)}
      </dd>
      <dt>{label(view, 'reason')}</dt>
      <dd>{listing.reason}</dd>
      <dt>{label(view, 'hopes')}</dt>
      <dd>{listing.hopes}</dd>
    </dl>
  );
}

const listingTitle = (view: PageView, id: number) =>
  tr(view, `事業承継の案件 No.${id}`, `Succession listing no. ${id}`);

const anonymityRule = (view: PageView) =>
  tr(
    view,
    '案件情報は匿名です。経営者の氏名・屋号・所在地など特定につながることは載せません。経営者が承認した後継者候補が秘密保持の誓約をした後にだけ、その候補者に経営者の名前を開示します。',
    "Listings are anonymous: nothing that identifies the owner (name, business name, address) is shown. The owner's name is disclosed only to a candidate the owner approved, after that candidate accepts the confidentiality pledge.",
  );

// ----- staff: the listing of a case ------------------------------------------------------------

export interface StaffInterest {
  interest: InterestRow;
  profile: string;
}

export function CaseListingPage(props: {
  view: PageView;
  caseId: number;
  listing: ListingRow | undefined;
  interests: StaffInterest[];
  areas: readonly Area[];
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, listing } = props;
  // what every field of the form takes
  const fields = { view, values: props.values, problem: props.problem };
  const base = `/consultations/cases/${props.caseId}/listing`;
  const published = listing?.status === 'published';
  const opts = (names: Record<string, { ja: string; en: string }>) =>
    Object.entries(names).map(([value, text]) => ({ value, label: localise(view.lang, text) }));
  return (
    <Layout view={view} title={tr(view, '事業承継の案件情報', 'Succession listing')}>
      <p>
        <a href={`/consultations/cases/${props.caseId}`}>
          {tr(view, '相談案件へ戻る', 'Back to the case')}（{localise(view.lang, caseReference(props.caseId))}
          ）
        </a>
      </p>
      <h1>{tr(view, '事業承継の案件情報（匿名）', 'Succession listing (anonymous)')}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <PersonalDataNote view={view} />
      <p class="hint">{anonymityRule(view)}</p>
      {listing && published ? (
        <>
          <p data-status="published">
            {tr(view, '公開中', 'Published')}：{listingTitle(view, listing.id)}
            {tr(
              view,
              `（経営者の同意 ${formatDate('ja', listing.consentOn)}、確認した相談員 ${listing.consentCounsellorName}）`,
              ` (owner's consent ${formatDate('en', listing.consentOn)}, taken by ${listing.consentCounsellorName})`,
            )}
          </p>
          <ListingFacts view={view} listing={listing} areas={props.areas} />
          <form method="post" action={`${base}/withdraw`}>
            <CsrfField view={view} />
            <button type="submit" class="secondary">
              {tr(view, '案件情報を取り下げる', 'Withdraw the listing')}
            </button>
          </form>
        </>
      ) : (
        <form method="post" action={base} class="stack">
          <CsrfField view={view} />
          {listing ? (
            <p data-status="withdrawn">
              {tr(view, 'この案件情報は取り下げ済みです。', 'This listing was withdrawn.')}
            </p>
          ) : null}
          <SelectField
            {...fields}
            name="industry"
            label={label(view, 'industry')}
            options={opts(industries)}
          />
          <SelectField
            {...fields}
            name="area"
            label={label(view, 'area')}
            options={props.areas.map((a) => ({ value: a.code, label: areaName(view, props.areas, a.code) }))}
          />
          <SelectField
            {...fields}
            name="employeesBand"
            label={label(view, 'employeesBand')}
            options={opts(employeesBandNames)}
          />
          <SelectField
            {...fields}
            name="salesBand"
            label={label(view, 'salesBand')}
            options={opts(salesBandNames)}
          />
          <TextAreaField
            {...fields}
            name="reason"
            label={label(view, 'reason')}
            hint={tr(
              view,
              '氏名・屋号・所在地は書かないでください。',
              'Do not write names, business names or addresses.',
            )}
            required
            maxlength={500}
          />
          <TextAreaField {...fields} name="hopes" label={label(view, 'hopes')} required maxlength={500} />
          <InputField {...fields} name="consentOn" type="date" label={label(view, 'consentOn')} />
          <InputField
            {...fields}
            name="consentCounsellorName"
            label={label(view, 'consentCounsellorName')}
            maxlength={100}
            initial={view.account?.displayName ?? ''}
          />
          <InputField
            {...fields}
            name="ownerBusinessName"
            label={label(view, 'ownerBusinessName')}
            required={false}
            maxlength={200}
          />
          <button type="submit">
            {tr(view, '経営者の同意を得て公開する', "Publish with the owner's consent")}
          </button>
        </form>
      )}
      {listing ? (
        <section aria-labelledby="interests">
          <h2 id="interests">
            {tr(
              view,
              `関心を寄せた後継者候補（${props.interests.length}）`,
              `Interested candidates (${props.interests.length})`,
            )}
          </h2>
          {props.interests.length === 0 ? (
            <p data-empty="interests">{tr(view, 'まだありません。', 'None yet.')}</p>
          ) : (
            <ul class="stack" data-list="interests">
              {props.interests.map(({ interest, profile }) => (
                <li data-interest={interest.id}>
                  <p>
                    {tr(view, `候補者 No.${interest.candidateId}`, `Candidate no. ${interest.candidateId}`)}：
                    {profile}
                  </p>
                  <p>
                    {label(view, 'message')}：{interest.message}
                  </p>
                  {interest.ownerApprovedAt ? (
                    <p data-approved="true">
                      {tr(view, '経営者の承認を記録済み', "Owner's approval recorded")}（
                      {day(view, interest.ownerApprovedAt.toISOString().slice(0, 10))}、
                      {interest.ownerApprovedByName}）・
                      {interest.pledgeAcceptedAt
                        ? tr(view, '秘密保持の誓約済み（開示済み）', 'Pledge accepted (disclosed)')
                        : tr(view, '秘密保持の誓約待ち', 'Waiting for the pledge')}
                    </p>
                  ) : published ? (
                    <form method="post" action={`${base}/interests/${interest.id}/approve`}>
                      <CsrfField view={view} />
                      <button type="submit">
                        {tr(
                          view,
                          'この候補者への開示を経営者が承認した',
                          'The owner approved this candidate',
                        )}
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

// ----- candidates ------------------------------------------------------------------------------

export function ListingsPage(props: {
  view: PageView;
  candidate: CandidateRow | undefined;
  listings: AnonymousListing[];
  areas: readonly Area[];
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view } = props;
  return (
    <Layout view={view} title={tr(view, '事業承継の案件情報', 'Business succession listings')}>
      <h1>{tr(view, '事業承継の案件情報', 'Business succession listings')}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <p class="hint">{anonymityRule(view)}</p>
      <section aria-labelledby="candidate">
        <h2 id="candidate">{tr(view, '後継者候補の登録', 'Your registration as a candidate')}</h2>
        <form method="post" action="/consultations/listings/candidate" class="stack">
          <CsrfField view={view} />
          <TextAreaField
            view={view}
            name="profile"
            label={label(view, 'profile')}
            hint={tr(
              view,
              '経歴や、引き継ぎたい事業など（1000文字以内）',
              'Your background and what you would like to take over (up to 1000 characters)',
            )}
            values={props.values}
            problem={props.problem}
            initial={props.candidate?.profile ?? ''}
            required
            maxlength={1000}
          />
          <button type="submit">
            {props.candidate
              ? tr(view, '自己紹介を更新する', 'Update your profile')
              : tr(view, '後継者候補として登録する', 'Register as a candidate')}
          </button>
        </form>
      </section>
      {props.candidate ? (
        <section aria-labelledby="listings">
          <h2 id="listings">
            {tr(view, `公開中の案件（${props.listings.length}）`, `Open listings (${props.listings.length})`)}
          </h2>
          {props.listings.length === 0 ? (
            <p data-empty="listings">
              {tr(view, '公開中の案件はありません。', 'There are no open listings.')}
            </p>
          ) : (
            <ul class="stack" data-list="listings">
              {props.listings.map((l) => (
                <li>
                  <a href={`/consultations/listings/${l.id}`}>{listingTitle(view, l.id)}</a>
                  <ListingFacts view={view} listing={l} areas={props.areas} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

export function ListingPage(props: {
  view: PageView;
  listing: AnonymousListing;
  withdrawn: boolean;
  interest: InterestRow | undefined;
  owner: DisclosedOwner | undefined;
  areas: readonly Area[];
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, listing, interest } = props;
  const base = `/consultations/listings/${listing.id}`;
  return (
    <Layout view={view} title={listingTitle(view, listing.id)}>
      <p>
        <a href="/consultations/listings">{tr(view, '案件情報の一覧へ戻る', 'Back to the listings')}</a>
      </p>
      <h1>{listingTitle(view, listing.id)}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      {props.withdrawn ? (
        <p>{tr(view, 'この案件情報は取り下げられました。', 'This listing has been withdrawn.')}</p>
      ) : null}
      <ListingFacts view={view} listing={listing} areas={props.areas} />
      {props.owner ? (
        <section aria-labelledby="owner" data-disclosed="true">
          <h2 id="owner">{tr(view, '開示された経営者', 'The owner, disclosed to you')}</h2>
          <dl class="facts">
            <dt>{tr(view, '経営者', 'Owner')}</dt>
            <dd data-owner="name">{props.owner.name}</dd>
            <dt>{tr(view, '屋号・会社名', 'Business name')}</dt>
            <dd>{props.owner.businessName || '—'}</dd>
          </dl>
          <p class="hint">
            {tr(
              view,
              '秘密保持の誓約に従って扱ってください。今後のやり取りは相談員が仲介します。',
              'Keep to your confidentiality pledge. The counsellor will arrange what comes next.',
            )}
          </p>
        </section>
      ) : !interest ? (
        <form method="post" action={`${base}/interest`} class="stack">
          <CsrfField view={view} />
          <TextAreaField
            view={view}
            name="message"
            label={label(view, 'message')}
            hint={tr(
              view,
              '相談員を通じて経営者に伝えます（1000文字以内）',
              'The counsellor passes it on to the owner (up to 1000 characters)',
            )}
            values={props.values}
            problem={props.problem}
            required
            maxlength={1000}
          />
          <button type="submit">{tr(view, '関心を伝える', 'Express interest')}</button>
        </form>
      ) : !interest.ownerApprovedAt ? (
        <p data-state="interested">
          {tr(
            view,
            '関心を伝えました。経営者の承認を相談員が記録すると、秘密保持の誓約のうえ経営者が開示されます。',
            "Your interest was sent. Once the counsellor records the owner's approval, you can accept the confidentiality pledge and the owner is disclosed to you.",
          )}
        </p>
      ) : (
        <form method="post" action={`${base}/pledge`} class="stack">
          <CsrfField view={view} />
          <h2>{label(view, 'pledge')}</h2>
          <p>{tr(view, '経営者があなたへの開示を承認しました。', 'The owner approved disclosure to you.')}</p>
          <blockquote>{localise(view.lang, pledgeText)}</blockquote>
          <div>
            <input type="checkbox" id="pledge" name="pledge" value="yes" />{' '}
            <label for="pledge">{tr(view, '上の内容を誓約します', 'I accept the pledge above')}</label>
          </div>
          <button type="submit">
            {tr(view, '誓約して経営者の開示を受ける', 'Accept and see who the owner is')}
          </button>
        </form>
      )}
    </Layout>
  );
}
