import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import { localise, titleIn } from '../../../platform/i18n';
import type { auditLog } from '../../../platform/schema';
import { AuditTable } from '../../../platform/ui/audit-changes';
import { CsrfField, ErrorSummary, Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import type { GradeStep, InYearJudgement } from '../in-year';
import type { Plan, Project } from '../plan';
import type { improvementActions, pdcaCommitteeOpinions, pdcaReviews } from '../schema';
import { actionStatuses, actionStatusLabels, type ProjectProgress } from '../service';
import { formatPercent, InYearLine, NewBadge, PriorityBadge, StatusBadge } from './components';
import { YearHistory } from './history';

/** A review as the person typed it, shown again when it was refused (e.g. someone saved first). */
export interface ReviewDraft {
  grade: string;
  departmentComment: string;
}

export interface ProjectPageProps {
  view: PageView;
  plan: Plan;
  project: Project;
  history: { fiscalYear: number; progress: ProjectProgress }[];
  fiscalYear: number;
  review: typeof pdcaReviews.$inferSelect | undefined;
  /** 委員会の意見 of the year, apart from the department's review */
  opinion: typeof pdcaCommitteeOpinions.$inferSelect | undefined;
  actions: (typeof improvementActions.$inferSelect)[];
  audit: (typeof auditLog.$inferSelect)[] | undefined;
  /** the department (所管課): its evaluation and the improvement actions */
  canWrite: boolean;
  /** a committee member: the committee's opinion */
  canWriteOpinion: boolean;
  /** the year's in-year judgement while it runs */
  inYear?: { judgement: InYearJudgement; scale: GradeStep[] } | undefined;
  idempotencyKey: string;
  notice?: string | undefined;
  error?: { message: string; details: string[] } | undefined;
  reviewDraft?: ReviewDraft | undefined;
  /** what a committee member typed into a refused opinion */
  opinionDraft?: string | undefined;
}

export function ProjectPage(props: ProjectPageProps) {
  const { view, plan, project, fiscalYear } = props;
  const title = titleIn(view.lang, project);
  const selected = props.history.find((h) => h.fiscalYear === fiscalYear)?.progress;
  const isPlanYear = plan.fiscalYears.includes(fiscalYear);
  return (
    <Layout view={view} title={title}>
      <p class="muted">
        <a href={`/?fy=${fiscalYear}`}>{tr(view, 'ダッシュボード', 'Dashboard')}</a> ›{' '}
        {project.direction.code}. {titleIn(view.lang, project.direction)} › {project.measure.code}{' '}
        {titleIn(view.lang, project.measure)}
        {project.measure.priority ? <PriorityBadge view={view} /> : null}
      </p>
      <h1>
        {title}
        {project.isNew ? <NewBadge view={view} /> : null}
      </h1>
      <Notice message={props.notice} />
      <ErrorSummary view={view} message={props.error?.message} details={props.error?.details} />
      <dl class="facts card">
        <dt>{tr(view, '指標', 'Indicator')}</dt>
        <dd>
          {project.indicator}（{tr(view, '単位', 'unit')}：{project.unit}）
        </dd>
        <dt>{tr(view, '実績の集計元', 'Measured by')}</dt>
        <dd>
          {project.metric.key === 'manual'
            ? tr(view, '職員による手入力', 'Entered by staff')
            : project.metric.key}
        </dd>
        {project.notes.map((note) => (
          <>
            <dt>{tr(view, '備考', 'Note')}</dt>
            <dd>※{note}</dd>
          </>
        ))}
      </dl>

      <YearHistory
        view={view}
        plan={plan}
        subjectTitle={title}
        unit={project.unit}
        history={props.history}
        selectedYear={fiscalYear}
        showTargetColumn
        hrefFor={(fy) => `/plan/projects/${project.code}?fy=${fy}`}
      />

      {isPlanYear ? <ReviewSection {...props} progress={selected} /> : null}
      {isPlanYear ? <ActionsSection {...props} /> : null}
      {props.audit ? <AuditSection view={view} audit={props.audit} /> : null}
    </Layout>
  );
}

function ReviewSection(props: ProjectPageProps & { progress: ProjectProgress | undefined }) {
  const { view, plan, project, fiscalYear, review } = props;
  const grades = plan.file.evaluation.grades;
  const gradeLabel = (code: string | null | undefined) => {
    const g = grades.find((x) => x.code === code);
    return g ? `${g.code}：${view.lang === 'en' && g.labelEn ? g.labelEn : g.label}` : '—';
  };
  // after a refused save the form keeps what was typed; the saved review is shown beside it
  const shown: ReviewDraft = props.reviewDraft ?? {
    grade: review?.grade ?? '',
    departmentComment: review?.departmentComment ?? '',
  };
  const savedReview = (
    <dl class="facts card">
      <dt>{tr(view, '評価', 'Grade')}</dt>
      <dd>{gradeLabel(review?.grade)}</dd>
      <dt>{tr(view, '所管課の評価コメント', "Department's comment")}</dt>
      <dd data-field="department-comment">{review?.departmentComment || '—'}</dd>
    </dl>
  );
  return (
    <section aria-labelledby="check">
      <h2 id="check">{tr(view, 'CHECK（評価）', 'CHECK (evaluation)')}</h2>
      <p>
        {tr(view, '達成率（自動計算）：', 'Achievement (computed): ')}
        <strong>{formatPercent(view.lang, props.progress?.achievementPercent ?? null)}</strong>{' '}
        {props.progress ? <StatusBadge lang={view.lang} status={props.progress.status} /> : null}
      </p>
      {props.inYear && props.progress ? (
        <InYearLine
          view={view}
          unit={project.unit}
          judgement={props.inYear.judgement}
          scale={props.inYear.scale}
        />
      ) : null}
      <section aria-labelledby="department">
        <h3 id="department">{tr(view, '所管課の評価', "The department's evaluation")}</h3>
        {props.canWrite && props.reviewDraft && review ? (
          <>
            <h4>{tr(view, '現在保存されている評価', 'The review as saved now')}</h4>
            {savedReview}
            <h4>{tr(view, 'あなたの入力（まだ保存されていません）', 'Your input (not saved yet)')}</h4>
          </>
        ) : null}
        {props.canWrite ? (
          <form method="post" action={`/plan/projects/${project.code}/review`} class="stack card">
            <CsrfField view={view} />
            <input type="hidden" name="fiscalYear" value={String(fiscalYear)} />
            <input type="hidden" name="version" value={String(review?.version ?? 0)} />
            <div>
              <label for="grade">{tr(view, '評価', 'Grade')}</label>
              <select id="grade" name="grade">
                <option value="">{tr(view, '（未評価）', '(not graded)')}</option>
                {grades.map((g) => (
                  <option value={g.code} selected={shown.grade === g.code}>
                    {gradeLabel(g.code)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="departmentComment">
                {tr(view, '所管課の評価コメント', "Department's comment")}
              </label>
              <textarea id="departmentComment" name="departmentComment">
                {shown.departmentComment}
              </textarea>
            </div>
            <div>
              <button type="submit">{tr(view, '評価を保存', 'Save evaluation')}</button>
            </div>
          </form>
        ) : (
          savedReview
        )}
        {review ? (
          <p class="muted">
            {tr(view, '最終更新：', 'Last updated: ')}
            {formatDate(view.lang, review.updatedAt)} {review.updatedByName}
          </p>
        ) : null}
      </section>
      <CommitteeOpinionSection {...props} />
    </section>
  );
}

/** 委員会の意見: written by committee members only, shown to every reader apart from the department's. */
function CommitteeOpinionSection(props: ProjectPageProps) {
  const { view, project, fiscalYear, opinion } = props;
  const text = props.opinionDraft ?? opinion?.opinion ?? '';
  return (
    <section aria-labelledby="committee">
      <h3 id="committee">{tr(view, '委員会の意見', "The committee's opinion")}</h3>
      <p class="hint">
        {tr(
          view,
          '識見者（策定委員会）の意見です。所管課の評価とは分けて、委員が記録します。',
          "The opinion of the plan's committee of experts, recorded by its members apart from the department's evaluation.",
        )}
      </p>
      {props.canWriteOpinion ? (
        <form method="post" action={`/plan/projects/${project.code}/committee-opinion`} class="stack card">
          <CsrfField view={view} />
          <input type="hidden" name="fiscalYear" value={String(fiscalYear)} />
          <input type="hidden" name="version" value={String(opinion?.version ?? 0)} />
          {props.opinionDraft !== undefined && opinion ? (
            <div>
              <p>{tr(view, '現在保存されている意見：', 'The opinion as saved now:')}</p>
              <p class="description" data-field="saved-opinion">
                {opinion.opinion}
              </p>
            </div>
          ) : null}
          <div>
            <label for="opinion">{tr(view, '委員会の意見', "Committee's opinion")}</label>
            <textarea id="opinion" name="opinion" required maxlength={4000}>
              {text}
            </textarea>
          </div>
          <div>
            <button type="submit">{tr(view, '意見を保存', 'Save opinion')}</button>
          </div>
        </form>
      ) : (
        <p class="card description" data-field="committee-opinion">
          {opinion?.opinion || tr(view, '（まだありません）', '(none yet)')}
        </p>
      )}
      {opinion ? (
        <p class="muted">
          {tr(view, '最終更新：', 'Last updated: ')}
          {formatDate(view.lang, opinion.updatedAt)} {opinion.writtenByName}
        </p>
      ) : null}
    </section>
  );
}

function ActionsSection(props: ProjectPageProps) {
  const { view, plan, project, fiscalYear } = props;
  const orgName = (code: string) => {
    const org = plan.file.organisations.find((o) => o.code === code);
    return org ? (view.lang === 'en' && org.nameEn ? org.nameEn : org.name) : code;
  };
  const actions = props.actions.filter((a) => a.fiscalYear === fiscalYear);
  const earlier = props.actions.filter((a) => a.fiscalYear !== fiscalYear);
  return (
    <section aria-labelledby="act">
      <h2 id="act">{tr(view, 'ACTION（改善）', 'ACT (improvement)')}</h2>
      {actions.length === 0 ? (
        <p class="muted">
          {tr(view, 'この年度の改善項目はまだありません。', 'No improvement actions for this year yet.')}
        </p>
      ) : (
        <ActionsTable
          view={view}
          actions={actions}
          orgName={orgName}
          canWrite={props.canWrite}
          projectCode={project.code}
        />
      )}
      {props.canWrite ? (
        <form method="post" action={`/plan/projects/${project.code}/actions`} class="stack card">
          <h3>{tr(view, '改善項目を追加', 'Add an improvement action')}</h3>
          <CsrfField view={view} />
          <input type="hidden" name="fiscalYear" value={String(fiscalYear)} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <div>
            <label for="description">{tr(view, '改善内容', 'Improvement')}</label>
            <textarea id="description" name="description" required />
          </div>
          <div>
            <label for="ownerOrganisation">{tr(view, '担当機関', 'Owner organisation')}</label>
            {plan.file.organisations.length > 0 ? (
              <select id="ownerOrganisation" name="ownerOrganisation" required>
                {plan.file.organisations.map((o) => (
                  <option value={o.code}>{orgName(o.code)}</option>
                ))}
              </select>
            ) : (
              <input id="ownerOrganisation" name="ownerOrganisation" required maxlength={100} />
            )}
          </div>
          <div>
            <label for="dueDate">{tr(view, '期限', 'Due date')}</label>
            <input id="dueDate" name="dueDate" type="date" />
          </div>
          <div>
            <button type="submit">{tr(view, '追加', 'Add')}</button>
          </div>
        </form>
      ) : null}
      {earlier.length > 0 ? (
        <>
          <h3>{tr(view, '他の年度の改善項目', 'Improvement actions of other years')}</h3>
          <ActionsTable
            view={view}
            actions={earlier}
            orgName={orgName}
            canWrite={false}
            projectCode={project.code}
          />
        </>
      ) : null}
    </section>
  );
}

function ActionsTable(props: {
  view: PageView;
  actions: (typeof improvementActions.$inferSelect)[];
  orgName: (code: string) => string;
  canWrite: boolean;
  projectCode: string;
}) {
  const { view } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{tr(view, '年度', 'FY')}</th>
            <th scope="col">{tr(view, '改善内容', 'Improvement')}</th>
            <th scope="col">{tr(view, '担当機関', 'Owner')}</th>
            <th scope="col">{tr(view, '期限', 'Due')}</th>
            <th scope="col">{tr(view, '状況', 'Status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.actions.map((a) => (
            <tr data-action={a.id}>
              <td>{formatFiscalYear(view.lang, a.fiscalYear)}</td>
              <td>{a.description}</td>
              <td>{props.orgName(a.ownerOrganisation)}</td>
              <td>{a.dueDate ? formatDate(view.lang, a.dueDate) : '—'}</td>
              <td>
                {props.canWrite ? (
                  <form
                    method="post"
                    action={`/plan/projects/${props.projectCode}/actions/${a.id}/status`}
                    class="actions"
                  >
                    <CsrfField view={view} />
                    <label for={`status-${a.id}`} class="hint">
                      {tr(view, '状況', 'Status')}
                    </label>
                    <select id={`status-${a.id}`} name="status">
                      {actionStatuses.map((s) => (
                        <option value={s} selected={a.status === s}>
                          {localise(view.lang, actionStatusLabels[s])}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="button-secondary">
                      {tr(view, '更新', 'Update')}
                    </button>
                  </form>
                ) : (
                  localise(view.lang, actionStatusLabels[a.status as (typeof actionStatuses)[number]])
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditSection(props: { view: PageView; audit: (typeof auditLog.$inferSelect)[] }) {
  const { view } = props;
  return (
    <section aria-labelledby="audit">
      <h2 id="audit">{tr(view, '変更履歴', 'Change history')}</h2>
      {props.audit.length === 0 ? (
        <p class="muted">{tr(view, '変更履歴はまだありません。', 'No changes yet.')}</p>
      ) : (
        <AuditTable view={view} entries={props.audit} labelledBy="audit" />
      )}
    </section>
  );
}
