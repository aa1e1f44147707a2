import type { FormProblem, FormValues } from '../../../platform/forms';
import { InputField, SelectField } from '../../../platform/ui/form-fields';
import { CsrfField, type PageView, tr } from '../../../platform/ui/layout';

export type StartupBusiness = {
  linked: { id: number; name: string } | undefined;
  candidates: { id: number; name: string }[];
  search: string;
};

/**
 * On a started case: the business it became in the directory, with its page, or a search of the
 * directory (by the 屋号 recorded, until the counsellor types another) to link one.
 */
export function StartupBusinessLink(props: {
  view: PageView;
  caseId: number;
  business: StartupBusiness;
  values: FormValues;
  problem: FormProblem | undefined;
}) {
  const { view, business } = props;
  const action = `/consultations/cases/${props.caseId}/business`;
  if (business.linked)
    return (
      <form method="post" action={action} class="stack" data-linked-business={business.linked.id}>
        <CsrfField view={view} />
        <p>
          {tr(view, 'ディレクトリの事業者：', 'In the directory: ')}
          <a href={`/businesses/${business.linked.id}`}>{business.linked.name}</a>
        </p>
        <input type="hidden" name="businessId" value="" />
        <div class="actions">
          <button type="submit" class="secondary">
            {tr(view, '結びつきを外す', 'Remove the link')}
          </button>
        </div>
      </form>
    );
  return (
    <div class="stack">
      <form method="get" action={`/consultations/cases/${props.caseId}#business`} class="stack">
        <InputField
          view={view}
          name="bq"
          type="search"
          label={tr(view, 'ディレクトリで事業者を探す', 'Find the business in the directory')}
          values={{ bq: business.search }}
          problem={undefined}
          required={false}
          maxlength={100}
        />
        <div class="actions">
          <button type="submit" class="secondary">
            {tr(view, '探す', 'Search')}
          </button>
        </div>
      </form>
      {business.candidates.length === 0 ? (
        <p class="muted">
          {tr(
            view,
            'ディレクトリに見つかりません。事業者が登録し、承認されると結びつけられます。',
            'Not found in the directory. Once the business registers and is approved, it can be linked.',
          )}
        </p>
      ) : (
        <form method="post" action={action} class="stack">
          <CsrfField view={view} />
          <SelectField
            view={view}
            name="businessId"
            label={tr(view, 'この創業の事業者', 'The business this start-up became')}
            values={props.values}
            problem={props.problem}
            options={business.candidates.map((b) => ({ value: String(b.id), label: b.name }))}
          />
          <div class="actions">
            <button type="submit">{tr(view, 'ディレクトリの事業者と結びつける', 'Link the business')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
