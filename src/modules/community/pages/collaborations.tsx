import { formatFiscalYear } from '../../../platform/fiscal-year';
import type { FormProblem, FormValues } from '../../../platform/forms';
import { invalidIf } from '../../../platform/forms';
import { localise } from '../../../platform/i18n';
import { FiscalYearLinks } from '../../../platform/ui/fiscal-year-links';
import { InputField, SelectField, TextAreaField } from '../../../platform/ui/form-fields';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { Plan } from '../../plan';
import { type CollaborationRow, collaborationKinds } from '../schema';
import { collaborationKindNames } from '../words';

/** The 産学連携 of a fiscal year (each one 支援件数) and the form to record one. */
export function CollaborationsPage(props: {
  view: PageView;
  plan: Plan;
  fiscalYear: number;
  collaborations: CollaborationRow[];
  shops: Map<number, string>;
  values: FormValues;
  partners: string[];
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const { view, plan, values, problem } = props;
  const title = tr(view, '産学連携の記録', 'Industry–academia collaborations');
  const years = [...new Set([plan.baselineYear, ...plan.fiscalYears])].sort();
  const organisationName = (code: string | null) =>
    plan.file.organisations.find((o) => o.code === code)?.name ?? '';
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <p class="lead">
        {tr(
          view,
          '商品開発・事業化・情報発信など、取組ごとに1件を産学連携の支援件数として数えます。',
          'Each effort (product development, commercialisation, publicity) counts as one collaboration.',
        )}
      </p>
      <FiscalYearLinks
        view={view}
        years={years}
        selected={props.fiscalYear}
        href={(fy) => `/collaborations?fy=${fy}`}
      />
      <h2>
        {formatFiscalYear(view.lang, props.fiscalYear)}
        {tr(view, `：${props.collaborations.length}件`, `: ${props.collaborations.length}`)}
      </h2>
      {props.collaborations.length === 0 ? (
        <p data-empty="collaborations">
          {tr(view, 'この年度の記録はありません。', 'None recorded for this year.')}
        </p>
      ) : (
        <ul class="stack" data-list="collaborations">
          {props.collaborations.map((c) => (
            <li class="card" id={`collaboration-${c.id}`} data-collaboration={c.id} data-kind={c.kind}>
              <h3>{c.title}</h3>
              <p>
                <span class="badge">{localise(view.lang, collaborationKindNames[c.kind])}</span>{' '}
                {organisationName(c.university)}
              </p>
              <p>
                {tr(view, '連携先', 'Partners')}:{' '}
                {[
                  ...c.partnerBusinessIds.map((id) => (
                    <a href={`/businesses/${id}`}>{props.shops.get(id) ?? `#${id}`}</a>
                  )),
                  ...(c.partnersText ? [c.partnersText] : []),
                ].flatMap((p, i) => (i === 0 ? [p] : ['、', p]))}
              </p>
              {c.outcome ? <p>{c.outcome}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <h2 id="record">{tr(view, '産学連携を記録する', 'Record a collaboration')}</h2>
      <ErrorSummary view={view} message={problem?.message} details={problem?.details} />
      <form method="post" action="/collaborations" class="stack">
        <CsrfField view={view} />
        <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? ''} />
        <SelectField
          view={view}
          name="kind"
          label={tr(view, '種類', 'Kind')}
          values={values}
          problem={problem}
          options={collaborationKinds.map((k) => ({
            value: k,
            label: localise(view.lang, collaborationKindNames[k]),
          }))}
        />
        <InputField
          view={view}
          name="title"
          label={tr(view, '取組の名前', 'Name of the effort')}
          values={values}
          problem={problem}
          maxlength={100}
        />
        <SelectField
          view={view}
          name="fiscalYear"
          label={tr(view, '年度', 'Fiscal year')}
          values={values}
          problem={problem}
          options={years.map((fy) => ({ value: String(fy), label: formatFiscalYear(view.lang, fy) }))}
        />
        <SelectField
          view={view}
          name="university"
          label={tr(view, '大学', 'University')}
          values={values}
          problem={problem}
          required={false}
          options={[
            { value: '', label: tr(view, '（なし）', '(none)') },
            ...plan.file.organisations.map((o) => ({
              value: o.code,
              label: view.lang === 'en' && o.nameEn ? o.nameEn : o.name,
            })),
          ]}
        />
        <div>
          <label for="partnerBusinessIds">
            {tr(view, '連携した事業者', 'Partner businesses')}
            <span class="hint" id="partnerBusinessIds-hint">
              {tr(view, '複数選べます（Ctrl・⌘を押しながら）', 'Choose several with Ctrl or ⌘')}
            </span>
          </label>
          <select
            id="partnerBusinessIds"
            name="partnerBusinessIds"
            multiple
            size={6}
            aria-describedby="partnerBusinessIds-hint"
            {...invalidIf(problem, 'partnerBusinessIds')}
          >
            {[...props.shops].map(([id, name]) => (
              <option value={String(id)} selected={props.partners.includes(String(id))}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <InputField
          view={view}
          name="partnersText"
          label={tr(view, 'その他の連携先', 'Other partners')}
          hint={tr(view, '一覧にない事業者・団体など', 'Businesses or groups not in the directory')}
          values={values}
          problem={problem}
          required={false}
          maxlength={200}
        />
        <TextAreaField
          view={view}
          name="outcome"
          label={tr(view, '成果', 'Outcome')}
          values={values}
          problem={problem}
          maxlength={1000}
        />
        <p>
          <button type="submit">{tr(view, '記録する', 'Record')}</button>
        </p>
      </form>
    </Layout>
  );
}
