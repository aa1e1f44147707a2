import { formatDate, formatDateTime } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { InputField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { BodyKind, JoinRequestStatus } from '../schema';
import { kindNames, requestStatusNames } from '../words';

export interface ListedBody {
  id: number;
  kind: BodyKind;
  name: string;
  area: string | null;
  acceptsRequests: boolean;
  members: number;
  kept: boolean;
}

export interface OwnRequest {
  id: number;
  bodyName: string;
  status: JoinRequestStatus;
  reason: string;
  createdAt: Date;
}

/** Anyone: the 商工会 and the 商店会 with their members today; a business asks to join from here. */
export function BodiesPage(props: {
  view: PageView;
  bodies: ListedBody[];
  areaName: (code: string | null) => string;
  today: string;
  canJoin: boolean;
  ownRequests: OwnRequest[];
  notice?: string | undefined;
}) {
  const { view } = props;
  const title = tr(view, '商店会・商工会', 'Associations and the chamber of commerce');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <p class="lead">
        {tr(
          view,
          `市内の商店会と商工会、${formatDate(view.lang, props.today)}現在の会員数です。事業者の方はここから入会を申し込めます。`,
          `The city's shopping-street associations and chamber of commerce, with their members as of ${formatDate(view.lang, props.today)}. Businesses can ask to join here.`,
        )}
      </p>
      {props.ownRequests.length > 0 ? (
        <section aria-labelledby="own-heading">
          <h2 id="own-heading">{tr(view, 'あなたの入会申し込み', 'Your requests to join')}</h2>
          <ul data-list="own-requests">
            {props.ownRequests.map((r) => (
              <li data-status={r.status}>
                <strong>{r.bodyName}</strong>：{localise(view.lang, requestStatusNames[r.status])}（
                {formatDateTime(view.lang, r.createdAt)}）
                {r.status === 'declined' && r.reason ? (
                  <p class="muted">{tr(view, `理由：${r.reason}`, `Reason: ${r.reason}`)}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.bodies.length === 0 ? (
        <p data-empty="bodies">
          {tr(view, 'まだ登録されている会はありません。', 'No association is registered yet.')}
        </p>
      ) : (
        <ul class="cards" data-list="bodies">
          {props.bodies.map((b) => (
            <li data-body={b.id}>
              <h2>{b.name}</h2>
              <p class="muted">
                {localise(view.lang, kindNames[b.kind])}
                {b.area ? `・${props.areaName(b.area)}` : ''}
              </p>
              <p data-members={b.members}>{tr(view, `会員 ${b.members}`, `${b.members} members`)}</p>
              <p class="actions">
                {props.canJoin && b.acceptsRequests ? (
                  <a class="button" href={`/memberships/${b.id}/join`}>
                    {tr(view, `${b.name}に入会を申し込む`, `Ask to join ${b.name}`)}
                  </a>
                ) : null}
                {b.kept ? (
                  <a class="button" href={`/memberships/${b.id}`}>
                    {tr(view, `${b.name}の名簿`, `Members of ${b.name}`)}
                  </a>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** A business asks to join: who represents it, a phone, a word to the association. */
export function JoinPage(props: {
  view: PageView;
  body: { id: number; name: string };
  businessName: string | undefined;
  values: FormValues;
  problem?: FormProblem | undefined;
}) {
  const { view, values, problem } = props;
  const title = tr(view, `${props.body.name}への入会申し込み`, `Ask to join ${props.body.name}`);
  const common = { view, values, problem };
  return (
    <Layout view={view} title={title}>
      <p class="muted">
        <a href="/memberships">{tr(view, '← 商店会・商工会', '← Associations')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      {props.businessName ? (
        <form method="post" action={`/memberships/${props.body.id}/join`} class="stack">
          <CsrfField view={view} />
          <p>{tr(view, `申し込む事業者：${props.businessName}`, `Business: ${props.businessName}`)}</p>
          <InputField
            {...common}
            name="representative"
            label={tr(view, '代表者名', 'Representative')}
            maxlength={100}
          />
          <InputField
            {...common}
            name="phone"
            type="tel"
            inputmode="tel"
            required={false}
            label={tr(
              view,
              '電話番号（任意・会だけが見ます）',
              'Phone (optional, only the association sees it)',
            )}
            maxlength={20}
          />
          <TextAreaField
            {...common}
            name="message"
            required={false}
            label={tr(view, 'ひとこと（任意）', 'Message (optional)')}
            maxlength={1000}
          />
          <div class="actions">
            <button type="submit">{tr(view, '入会を申し込む', 'Send the request')}</button>
          </div>
        </form>
      ) : (
        <p data-empty="profile">
          {tr(
            view,
            '入会を申し込むには、先に「自社の事業者情報」を登録してください。',
            'Register your business profile first, then ask to join.',
          )}{' '}
          <a href="/businesses/mine">{tr(view, '事業者情報を登録する', 'Register your business')}</a>
        </p>
      )}
    </Layout>
  );
}
