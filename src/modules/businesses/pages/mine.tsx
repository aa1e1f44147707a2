import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import type { PhotoView } from '../../../platform/photos/table';
import {
  CheckboxField,
  InputField,
  MapPositionFields,
  SelectField,
  TextAreaField,
} from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { PhotoSection } from '../../../platform/ui/photos';
import { industries } from '../industries';
import { businessAlbum } from '../photo-service';
import type { BusinessRow } from '../schema';
import { type Area, type Organisation, organisationName, statusNames } from './components';

const ageBands = [
  ['', '回答しない', 'Prefer not to say'],
  ['under-40', '40歳未満', 'Under 40'],
  ['40s', '40代', '40s'],
  ['50s', '50代', '50s'],
  ['60s', '60代', '60s'],
  ['70-plus', '70歳以上', '70 or older'],
] as const;

/** The successor choices, as the 事業承継診断 asks them. */
const successorChoices = [
  ['', '回答しない', 'Prefer not to say'],
  ['decided', '決まっている', 'Decided'],
  ['candidate', '候補はいるが、決まっていない', 'A candidate, not decided'],
  ['none', 'いない', 'No one'],
  ['close-down', '自分の代で廃業するつもり', 'Planning to close the business'],
] as const;

/**
 * A business account's own profile: the form to create or change it, and the profiles nobody keeps
 * yet that it may claim instead of creating a second one.
 */
export function MyBusinessPage(props: {
  view: PageView;
  business: BusinessRow | undefined;
  values: FormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
  areas: readonly Area[];
  organisations: readonly Organisation[];
  claimable: { id: number; name: string; address: string }[];
  claimPending: boolean;
  photos: PhotoView[];
}) {
  const { view, values, problem, business } = props;
  const title = tr(view, '自社の事業者情報', 'Your business profile');
  const common = { view, values, problem };
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      {business ? (
        <p data-status={business.status}>
          {tr(view, '状態：', 'Status: ')}
          <strong>{localise(view.lang, statusNames[business.status])}</strong>{' '}
          <a href={`/businesses/${business.id}`}>{tr(view, '公開ページを見る', 'See the public page')}</a>{' '}
          <a href="/shops/mine">
            {tr(view, 'お店としてお店マップに載せる（営業時間）', 'Put it on the shop map (opening hours)')}
          </a>
        </p>
      ) : (
        <p class="lead">
          {tr(
            view,
            '登録した内容は、商工会・市の職員が確認してから事業者一覧に公開されます。',
            'Staff of the chamber of commerce or the city check a new profile before it is listed.',
          )}
        </p>
      )}
      {!business && props.claimable.length > 0 ? (
        <details class="card">
          <summary>
            {tr(view, 'すでに登録されている自社を申請する', 'Claim your business if it is already listed')}
          </summary>
          {props.claimPending ? (
            <p role="status">{tr(view, '管理の申請は職員の確認待ちです。', 'Your claim awaits staff.')}</p>
          ) : null}
          <ul class="stack">
            {props.claimable.map((b) => (
              <li>
                <form method="post" action={`/businesses/${b.id}/claim`}>
                  <CsrfField view={view} />
                  {b.name}（{b.address}）{' '}
                  <button type="submit" class="button-secondary">
                    {tr(view, 'この事業者の担当として申請', 'Claim this business')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <form method="post" action="/businesses/mine" class="stack" novalidate>
        <CsrfField view={view} />
        <fieldset>
          <legend>{tr(view, '基本情報', 'Basics')}</legend>
          <SelectField
            {...common}
            name="legalForm"
            label={tr(view, '事業形態', 'Legal form')}
            options={[
              { value: 'corporation', label: tr(view, '法人', 'Corporation') },
              { value: 'sole', label: tr(view, '個人事業主', 'Sole proprietor') },
            ]}
          />
          <InputField
            {...common}
            name="name"
            label={tr(view, '事業者名（屋号・会社名）', 'Business name')}
            maxlength={100}
          />
          <InputField {...common} name="kana" label={tr(view, 'ふりがな', 'Name in kana')} maxlength={100} />
          <InputField
            {...common}
            name="corporateNumber"
            label={tr(view, '法人番号（法人のみ・13桁）', 'Corporate number (corporations, 13 digits)')}
            hint={tr(
              view,
              '国税庁法人番号公表サイトで確かめられます。個人事業主の方は空欄で構いません。',
              'Shown on the National Tax Agency site. Sole proprietors leave it empty.',
            )}
            inputmode="numeric"
            maxlength={20}
            required={false}
          />
          <SelectField
            {...common}
            name="industryMajor"
            label={tr(view, '業種（日本標準産業分類の大分類）', 'Industry (division of JSIC)')}
            options={industries.map((i) => ({
              value: i.code,
              label: `${i.code} ${view.lang === 'en' ? i.nameEn : i.name}`,
            }))}
          />
          <SelectField
            {...common}
            name="industryMiddle"
            required={false}
            label={tr(view, '業種（中分類・任意）', 'Industry (major group, optional)')}
            hint={tr(view, '大分類に含まれるものを選んでください。', 'Choose one of the chosen division.')}
            options={[
              { value: '', label: tr(view, '選ばない', 'None') },
              ...industries.flatMap((i) =>
                i.middle.map((m) => ({
                  value: m.code,
                  label: `${i.code} ${m.code} ${view.lang === 'en' ? m.nameEn : m.name}`,
                })),
              ),
            ]}
          />
          <InputField
            {...common}
            name="employees"
            label={tr(view, '従業員数（任意）', 'Employees (optional)')}
            inputmode="numeric"
            required={false}
            maxlength={6}
          />
          <InputField
            {...common}
            name="foundedYear"
            label={tr(view, '創業年（西暦・任意）', 'Year founded (optional)')}
            inputmode="numeric"
            required={false}
            maxlength={4}
          />
        </fieldset>
        <fieldset>
          <legend>{tr(view, '所在地', 'Location')}</legend>
          <InputField
            {...common}
            name="address"
            label={tr(view, '所在地（市名から）', 'Address (from the city name)')}
            maxlength={200}
            autocomplete="street-address"
          />
          <SelectField
            {...common}
            name="area"
            required={false}
            label={tr(view, '地区（任意）', 'Area (optional)')}
            options={[
              { value: '', label: tr(view, '選ばない', 'None') },
              ...props.areas.map((a) => ({
                value: a.code,
                label: view.lang === 'en' && a.nameEn ? a.nameEn : a.name,
              })),
            ]}
          />
          <MapPositionFields {...common} optional />
        </fieldset>
        <fieldset>
          <legend>{tr(view, 'できること・製品', 'Capabilities and products')}</legend>
          <InputField
            {...common}
            name="tags"
            label={tr(view, 'できること（タグ）', 'Capabilities (tags)')}
            hint={tr(
              view,
              '「、」か「,」で区切ります。例：切削加工、アルミ、試作',
              'Separate with commas, e.g. 切削加工、アルミ、試作',
            )}
            required={false}
            maxlength={800}
          />
          <TextAreaField
            {...common}
            name="capabilities"
            label={tr(view, '技術・設備・資格（任意）', 'Technologies, equipment, certifications (optional)')}
            maxlength={2000}
          />
          <TextAreaField
            {...common}
            name="products"
            label={tr(view, '製品・サービス（任意）', 'Products and services (optional)')}
            maxlength={2000}
          />
          <TextAreaField
            {...common}
            name="description"
            label={tr(view, '紹介文（任意）', 'Description (optional)')}
            maxlength={2000}
          />
          <InputField
            {...common}
            name="website"
            type="url"
            label={tr(view, 'ウェブサイト（任意）', 'Web site (optional)')}
            required={false}
            maxlength={300}
          />
          <TextAreaField
            {...common}
            name="sns"
            label={tr(
              view,
              'SNSのアドレス（1行に1つ・任意）',
              'Social media addresses (one a line, optional)',
            )}
            maxlength={1600}
            rows={2}
          />
        </fieldset>
        <fieldset>
          <legend>{tr(view, '所属団体', 'Memberships')}</legend>
          {props.organisations.map((o) => (
            <CheckboxField
              name={`membership-${o.code}`}
              label={organisationName(view.lang, o.code, props.organisations)}
              values={values}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>
            {tr(view, '非公開の情報（自社だけが見られます）', 'Private (only your business sees this)')}
          </legend>
          <InputField
            {...common}
            name="contactName"
            label={tr(view, '担当者名（任意）', 'Contact person (optional)')}
            required={false}
            maxlength={100}
          />
          <InputField
            {...common}
            name="contactPhone"
            type="tel"
            label={tr(view, '担当者の電話番号（任意）', "Contact person's phone (optional)")}
            inputmode="tel"
            required={false}
            maxlength={20}
          />
        </fieldset>
        <fieldset data-section="succession">
          <legend>
            {tr(view, '事業承継の支援のために（任意・非公開）', 'For succession support (optional, private)')}
          </legend>
          <p class="hint" id="succession-hint">
            {tr(
              view,
              '代表者の年代と後継者の状況は公開されず、自社だけが見られます。下の同意にチェックを入れた場合に限り、商工会と市が、後継者の決まっていない60歳以上の経営者の数を地区・業種ごとに数え、事業承継セミナーや訪問の計画に使います。事業者名は使わず、5件未満の数は「5未満」と表示して数を出しません。同意はいつでもここでチェックを外して取り消せます。',
              "The owner's age band and the successor status are never published; only your business sees them. Only if you tick the consent below, the chamber of commerce and the city count owners aged 60 or over without a decided successor by area and industry, to plan succession seminars and visits. Your business's name is never used, and fewer than 5 is shown as 'fewer than 5', never as a number. Untick the box here at any time to withdraw.",
            )}
          </p>
          <SelectField
            {...common}
            name="ownerAgeBand"
            required={false}
            label={tr(view, '代表者の年代（任意）', "Owner's age band (optional)")}
            options={ageBands.map(([value, ja, en]) => ({ value, label: tr(view, ja, en) }))}
          />
          <SelectField
            {...common}
            name="successorStatus"
            required={false}
            label={tr(view, '後継者の状況（任意）', 'Successor (optional)')}
            options={successorChoices.map(([value, ja, en]) => ({ value, label: tr(view, ja, en) }))}
          />
          <div class="choice">
            <input
              type="checkbox"
              id="successionConsent"
              name="successionConsent"
              value="on"
              checked={Boolean(values.successionConsent)}
              aria-describedby="succession-hint"
            />
            <label for="successionConsent">
              {tr(
                view,
                '代表者の年代と後継者の状況を、事業者名を伏せた地区・業種ごとの件数として、商工会と市が事業承継の支援（セミナー・訪問）の計画に使うことに同意します。',
                "I agree that the chamber of commerce and the city use the owner's age band and the successor status, as counts by area and industry without our name, to plan succession support (seminars, visits).",
              )}
            </label>
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit">
            {business
              ? tr(view, '変更を保存する', 'Save changes')
              : tr(view, '登録を申請する', 'Submit for approval')}
          </button>
        </div>
      </form>
      {business ? (
        <PhotoSection
          view={view}
          base={`/businesses/${business.id}`}
          max={businessAlbum.max}
          photos={props.photos}
        />
      ) : null}
    </Layout>
  );
}
