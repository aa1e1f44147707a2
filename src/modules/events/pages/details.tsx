import { InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { EventRow } from '../event-service';
import { type Area, areaName, EventPublicDetails, type FormProblem, type FormValues } from './components';

/**
 * The fields of what the public reads about an event, all optional: on the form that creates an
 * event, and on the page that changes them later.
 */
export function EventDetailsFields(props: {
  view: PageView;
  values: FormValues;
  problem: FormProblem | undefined;
  areas: Area[];
}) {
  const { view } = props;
  const common = { view, values: props.values, problem: props.problem, required: false };
  return (
    <>
      <InputField
        {...common}
        name="titleKana"
        label={tr(view, 'イベント名（カナ・任意）', 'Title in katakana (optional)')}
        hint={tr(view, 'ひらがなで入力するとカタカナに直します', 'Hiragana is turned into katakana')}
        maxlength={200}
      />
      <InputField
        {...common}
        name="titleEn"
        label={tr(view, 'イベント名（英語・任意）', 'Title in English (optional)')}
        maxlength={200}
      />
      {props.areas.length > 0 ? (
        <SelectField
          {...common}
          name="area"
          label={tr(view, '地区（任意）', 'Area (optional)')}
          options={[
            { value: '', label: tr(view, '指定しない', 'None') },
            ...props.areas.map((a) => ({ value: a.code, label: areaName(view.lang, a.code, props.areas) })),
          ]}
        />
      ) : (
        <InputField
          {...common}
          name="area"
          label={tr(view, '地区（任意）', 'Area (optional)')}
          maxlength={100}
        />
      )}
      <InputField
        {...common}
        name="address"
        label={tr(view, '会場の住所（任意）', 'Address of the place (optional)')}
        hint={tr(view, '例：東京都あきる野市二宮350', 'e.g. 東京都あきる野市二宮350')}
        maxlength={200}
      />
      <InputField
        {...common}
        name="latitude"
        label={tr(view, '緯度（任意）', 'Latitude (optional)')}
        hint={tr(
          view,
          '地図で会場を示すときに。地理院地図などで調べた値（例：35.7289）',
          'To show the place on a map, e.g. 35.7289',
        )}
        inputmode="decimal"
      />
      <InputField
        {...common}
        name="longitude"
        label={tr(view, '経度（任意）', 'Longitude (optional)')}
        hint={tr(view, '例：139.2942', 'e.g. 139.2942')}
        inputmode="decimal"
      />
      <TextAreaField
        {...common}
        name="access"
        label={tr(view, 'アクセス方法（任意）', 'Getting there (optional)')}
        hint={tr(view, '例：JR五日市線 秋川駅から徒歩10分', 'e.g. 10 minutes on foot from Akigawa Station')}
        maxlength={1000}
        rows={3}
      />
      <TextAreaField
        {...common}
        name="parking"
        label={tr(view, '駐車場（任意）', 'Parking (optional)')}
        maxlength={1000}
        rows={2}
      />
      <TextAreaField
        {...common}
        name="feeDetails"
        label={tr(view, '料金の詳細（任意）', 'Fee details (optional)')}
        hint={tr(view, '例：資料代を含みます', 'e.g. Includes the handouts')}
        maxlength={1000}
        rows={2}
      />
      <InputField
        {...common}
        name="contactName"
        label={tr(view, '問い合わせ先（任意）', 'Contact (optional)')}
        maxlength={100}
      />
      <InputField
        {...common}
        name="contactPhone"
        type="tel"
        label={tr(view, '問い合わせ先の電話番号（任意）', 'Contact phone (optional)')}
        hint={tr(view, '例：042-558-1111', 'e.g. 042-558-1111')}
        autocomplete="off"
      />
      <InputField
        {...common}
        name="registrationClosesAt"
        type="datetime-local"
        label={tr(view, '申込締切（任意）', 'Registration deadline (optional)')}
        hint={tr(
          view,
          '空欄のときは開始時刻まで受け付けます。開始より後にはできません',
          'Empty: registrations are taken until the start. It cannot be after the start',
        )}
      />
      <TextAreaField
        {...common}
        name="notes"
        label={tr(view, '備考（任意）', 'Notes (optional)')}
        maxlength={2000}
        rows={3}
      />
    </>
  );
}

/** The organisers' page that changes what the public reads about an event. */
export function EventDetailsPage(props: {
  view: PageView;
  event: EventRow;
  areas: Area[];
  values: FormValues;
  /** the version of the event the form is filled from (event-details.ts) */
  version: string;
  problem?: FormProblem | undefined;
}) {
  const { view, event } = props;
  const title = tr(view, `公開情報の編集：${event.title}`, `Public details: ${event.title}`);
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={`/events/manage/${event.id}`}>
          {tr(view, 'イベントの管理ページへ戻る', 'Back to the event')}
        </a>
      </p>
      <h1>{title}</h1>
      <p>
        {tr(
          view,
          'イベントのページ、カレンダー配信、オープンデータに載る情報です。すべて任意です。',
          'What the event page, the calendar feeds and the open data show. Everything is optional.',
        )}
      </p>
      <ErrorSummary view={view} message={props.problem?.message} details={props.problem?.details} />
      <section aria-labelledby="current-heading">
        <h2 id="current-heading">{tr(view, 'いま公開している情報', 'As the public sees it now')}</h2>
        <EventPublicDetails
          view={view}
          event={event}
          areas={props.areas}
          whenEmpty={<p>{tr(view, 'まだありません。', 'Nothing yet.')}</p>}
        />
      </section>
      <h2 id="form-heading">{tr(view, '変更する', 'Change them')}</h2>
      <form
        method="post"
        action={`/events/manage/${event.id}/details`}
        class="stack card"
        aria-labelledby="form-heading"
      >
        <CsrfField view={view} />
        <input type="hidden" name="version" value={props.version} />
        <EventDetailsFields view={view} values={props.values} problem={props.problem} areas={props.areas} />
        <div>
          <button type="submit">{tr(view, '保存する', 'Save')}</button>
        </div>
      </form>
    </Layout>
  );
}
