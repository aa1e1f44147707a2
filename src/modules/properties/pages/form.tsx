import type { Child } from 'hono/jsx';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { InputField, MapPositionFields, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { propertyKinds } from '../schema';
import { kindNames } from '../words';
import { type Area, areaName } from './components';

/** The listing form, to post a property or to change one. */
export function ListingFormPage(props: {
  view: PageView;
  /** the listing being changed; absent for a new one */
  propertyId?: number;
  values: FormValues;
  problem?: FormProblem | undefined;
  areas: readonly Area[];
  municipalityName: string;
  notice?: string | undefined;
  /** on the manage page: the status, photos and inquiries below the form */
  children?: Child;
}) {
  const { view, values, problem } = props;
  const editing = props.propertyId !== undefined;
  const title = editing
    ? tr(view, '空き物件の変更', 'Change the listing')
    : tr(view, '空き物件を掲載する', 'List a property');
  const common = { view, values, problem };
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {editing ? null : (
        <p class="lead">
          {tr(
            view,
            '掲載内容は、商工会・Bi@Sta・市の職員が確認してから公開されます。所有者の名前と連絡先は公開されません。',
            'Staff check a listing before it is public. The owner’s name and contact are never published.',
          )}
        </p>
      )}
      <Notice message={props.notice} />
      {editing ? (
        <p>
          <a href={`/properties/${props.propertyId}`}>{tr(view, '物件のページを見る', 'See the listing')}</a>
        </p>
      ) : null}
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form
        method="post"
        action={editing ? `/properties/${props.propertyId}` : '/properties'}
        class="stack"
        novalidate
      >
        <CsrfField view={view} />
        {editing ? null : <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? ''} />}
        <fieldset>
          <legend>{tr(view, '物件', 'Property')}</legend>
          <SelectField
            {...common}
            name="kind"
            label={tr(view, '物件の種類', 'Kind of property')}
            options={propertyKinds.map((k) => ({ value: k, label: localise(view.lang, kindNames[k]) }))}
          />
          <InputField
            {...common}
            name="title"
            label={tr(view, '物件名', 'Title')}
            hint={tr(view, '例：秋川駅北口 1階の空き店舗', 'e.g. Ground-floor shop north of Akigawa Station')}
            maxlength={100}
          />
          <InputField
            {...common}
            name="floorAreaM2"
            label={tr(view, '面積（㎡）', 'Floor area (m²)')}
            hint={tr(view, '例：42.5', 'e.g. 42.5')}
            inputmode="decimal"
            maxlength={12}
          />
          <SelectField
            {...common}
            name="deal"
            label={tr(view, '賃貸・売買', 'Rent or sale')}
            options={[
              { value: 'rent', label: tr(view, '賃貸', 'For rent') },
              { value: 'sale', label: tr(view, '売買', 'For sale') },
            ]}
          />
          <InputField
            {...common}
            name="priceYen"
            label={tr(view, '賃料（月額）または価格（円）', 'Rent a month, or price (yen)')}
            hint={tr(view, '円単位の整数で。例：85000', 'Whole yen, e.g. 85000')}
            inputmode="numeric"
            maxlength={16}
          />
          <InputField
            {...common}
            name="uses"
            required={false}
            label={tr(view, '使い方（タグ・任意）', 'Uses (tags, optional)')}
            hint={tr(
              view,
              '読点かカンマで区切ります。例：飲食可、住居併用',
              'Separated by commas, e.g. 飲食可、住居併用',
            )}
            maxlength={300}
          />
          <InputField
            {...common}
            name="condition"
            required={false}
            label={tr(view, '状態（任意）', 'Condition (optional)')}
            hint={tr(
              view,
              '例：居抜き（厨房設備あり）、スケルトン',
              'e.g. fitted kitchen left in place, bare shell',
            )}
            maxlength={200}
          />
          <InputField
            {...common}
            name="availableFrom"
            type="date"
            required={false}
            label={tr(view, '入居可能日（任意）', 'Available from (optional)')}
          />
          <TextAreaField
            {...common}
            name="description"
            label={tr(view, '紹介文（任意）', 'Description (optional)')}
            maxlength={2000}
          />
        </fieldset>
        <fieldset>
          <legend>{tr(view, '所在地', 'Location')}</legend>
          <InputField
            {...common}
            name="address"
            label={tr(view, '所在地（市名から）', 'Address (from the city name)')}
            hint={tr(
              view,
              `例：${props.municipalityName}秋川0-0-0`,
              `e.g. ${props.municipalityName}秋川0-0-0`,
            )}
            maxlength={200}
          />
          <SelectField
            {...common}
            name="area"
            required={false}
            label={tr(view, '地区（任意）', 'Area (optional)')}
            options={[
              { value: '', label: tr(view, '選ばない', 'None') },
              ...props.areas.map((a) => ({ value: a.code, label: areaName(view.lang, a.code, props.areas) })),
            ]}
          />
          <MapPositionFields {...common} optional={false} />
        </fieldset>
        <fieldset>
          <legend>{tr(view, '問い合わせと所有者', 'Inquiries and owner')}</legend>
          <InputField
            {...common}
            name="contactRoute"
            required={false}
            label={tr(view, '問い合わせ後の流れ（公開）', 'After an inquiry (public)')}
            hint={tr(
              view,
              '例：商店会事務局が内見の日程を調整します',
              'e.g. The association arranges a viewing',
            )}
            maxlength={200}
          />
          <InputField
            {...common}
            name="ownerName"
            required={false}
            label={tr(view, '所有者名（非公開）', "Owner's name (private)")}
            maxlength={100}
          />
          <InputField
            {...common}
            name="ownerContact"
            required={false}
            label={tr(view, '所有者の連絡先（非公開）', "Owner's contact (private)")}
            hint={tr(view, '掲載者と職員だけが見られます。', 'Only the poster and staff see it.')}
            maxlength={200}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">
            {editing
              ? tr(view, '変更を保存する', 'Save the changes')
              : tr(view, '掲載を申請する', 'Ask to list it')}
          </button>
        </div>
      </form>
      {props.children}
    </Layout>
  );
}
