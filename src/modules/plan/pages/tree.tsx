import { formatFiscalYear } from '../../../platform/fiscal-year';
import { titleIn } from '../../../platform/i18n';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { Plan } from '../plan';
import { formatValue, NewBadge, PriorityBadge } from './components';

/** 将来像 → 基本的方向性 → 個別施策 → 実施事業, with SDGs, outcome KPIs and 推進体制. Public. */
export function PlanTreePage(props: { view: PageView; plan: Plan; canReadProgress: boolean }) {
  const { view, plan } = props;
  const file = plan.file;
  const title = tr(view, '計画の体系', 'The plan');
  const years = `${formatFiscalYear(view.lang, plan.fiscalYears[0] ?? 0)} – ${formatFiscalYear(view.lang, plan.fiscalYears.at(-1) ?? 0)}`;
  return (
    <Layout view={view} title={title}>
      <h1>{titleIn(view.lang, file)}</h1>
      <p class="lead">
        {file.municipality.prefecture}{' '}
        {view.lang === 'en' && file.municipality.nameEn ? file.municipality.nameEn : file.municipality.name}
        {tr(view, '　計画期間：', ' · Period: ')}
        {years}
      </p>
      <section class="card" aria-labelledby="vision">
        <h2 id="vision">{tr(view, '目指すべき将来像', 'Vision')}</h2>
        <p class="kpi-value">{titleIn(view.lang, file.vision)}</p>
        {file.vision.summary && view.lang === 'ja' ? <p>{file.vision.summary}</p> : null}
      </section>

      <h2 id="structure">{tr(view, '施策体系', 'Structure of measures')}</h2>
      <ul class="tree card" aria-labelledby="structure">
        {file.directions.map((direction) => (
          <li>
            <strong>
              （{direction.code}）{titleIn(view.lang, direction)}
            </strong>
            <ul>
              {direction.measures.map((measure) => (
                <li>
                  {measure.code} {titleIn(view.lang, measure)}
                  {measure.priority ? <PriorityBadge view={view} /> : null}
                  <ul>
                    {plan.projects
                      .filter((p) => p.measure.code === measure.code)
                      .map((project) => (
                        <li>
                          {props.canReadProgress ? (
                            <a href={`/plan/projects/${project.code}`}>{titleIn(view.lang, project)}</a>
                          ) : (
                            titleIn(view.lang, project)
                          )}
                          {project.isNew ? <NewBadge view={view} /> : null}
                          <span class="muted">
                            {' '}
                            （{project.indicator}：
                            {plan.fiscalYears
                              .map((fy) => formatValue(view.lang, project.targets.get(fy), project.unit))
                              .join(' → ')}
                            ）
                          </span>
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>

      <h2 id="kpis">{tr(view, '成果目標', 'Outcome KPIs')}</h2>
      <div class="table-wrap">
        <table aria-labelledby="kpis">
          <thead>
            <tr>
              <th scope="col">{tr(view, '項目', 'KPI')}</th>
              <th scope="col" class="num">
                {tr(
                  view,
                  `実績値（${formatFiscalYear('ja', plan.baselineYear)}）`,
                  `Baseline (FY${plan.baselineYear})`,
                )}
              </th>
              <th scope="col" class="num">
                {tr(
                  view,
                  `目標値（${formatFiscalYear('ja', plan.fiscalYears.at(-1) ?? 0)}）`,
                  `Target (FY${plan.fiscalYears.at(-1)})`,
                )}
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.kpis.map((kpi) => (
              <tr>
                <th scope="row">
                  {titleIn(view.lang, kpi)}
                  {kpi.baseline.note ? <span class="hint">※{kpi.baseline.note}</span> : null}
                </th>
                <td class="num">{formatValue(view.lang, kpi.baseline.value, kpi.unit)}</td>
                <td class="num">
                  {kpi.target.kind === 'keep'
                    ? tr(view, '維持', 'Keep')
                    : formatValue(view.lang, kpi.target.value, kpi.unit)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {file.sdgs.length > 0 ? (
        <>
          <h2 id="sdgs">{tr(view, '関連するSDGs', 'Related SDGs')}</h2>
          <ul aria-labelledby="sdgs">
            {file.sdgs.map((goal) => (
              <li>
                {tr(view, `目標${goal.goal}`, `Goal ${goal.goal}`)} {titleIn(view.lang, goal)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {file.organisations.length > 0 ? (
        <>
          <h2 id="organisations">{tr(view, '推進体制（各機関の役割）', 'Organisations and their roles')}</h2>
          <div class="table-wrap">
            <table aria-labelledby="organisations">
              <thead>
                <tr>
                  <th scope="col">{tr(view, '機関', 'Organisation')}</th>
                  <th scope="col">{tr(view, '主な役割', 'Main roles')}</th>
                </tr>
              </thead>
              <tbody>
                {file.organisations.map((org) => (
                  <tr>
                    <th scope="row">{view.lang === 'en' && org.nameEn ? org.nameEn : org.name}</th>
                    <td>
                      <ul>
                        {org.roles.map((role) => (
                          <li>{role}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Layout>
  );
}

/** What a visitor without a progress role sees at the top: the vision and where to go. */
export function HomePage(props: { view: PageView; plan: Plan }) {
  const { view, plan } = props;
  return (
    <Layout view={view} title={tr(view, 'ホーム', 'Home')}>
      <h1>{titleIn(view.lang, plan.file)}</h1>
      <section class="card">
        <p class="kpi-value">{titleIn(view.lang, plan.file.vision)}</p>
        <p>
          {tr(
            view,
            'つなぐは、ひと・みせ・ものを繋ぐ商工業振興プランの取組と進捗をひとつにまとめる場所です。',
            'Tsunagu brings together the work and progress of the commerce and industry promotion plan.',
          )}
        </p>
        <p class="actions">
          <a class="button" href="/plan">
            {tr(view, '計画の体系を見る', 'See the plan')}
          </a>
          {view.account ? null : (
            <a class="button button-secondary" href="/login?next=%2F">
              {tr(view, '職員・関係機関の方はログイン', 'Staff and partners: log in')}
            </a>
          )}
        </p>
      </section>
    </Layout>
  );
}
