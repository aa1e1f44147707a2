import { formatFiscalYear } from '../../../platform/fiscal-year';
import { localise } from '../../../platform/i18n';
import { Layout, Notice, type PageView, tr } from '../../../platform/ui/layout';
import { fiscalYearOfDay } from '../new-clients';
import { consultationKinds } from '../schema';
import { resultTexts, type SelfCheckRow } from '../self-check';
import type { followUpsDue, listConsultations } from '../service';
import { kindName } from '../words';
import { day, KindBadge, NewClientBadge, NewClientRule, PersonalDataNote } from './components';

type Listed = Awaited<ReturnType<typeof listConsultations>>[number];
type FollowUp = Awaited<ReturnType<typeof followUpsDue>>[number];

/**
 * The counsellor's page: follow-ups due this week, then the consultations of a fiscal year that the
 * counsellor's organisation holds, with the new clients among them.
 */
export function ConsultationsHomePage(props: {
  view: PageView;
  today: string;
  followUps: FollowUp[];
  rows: Listed[];
  fiscalYear: number;
  years: number[];
  kind: string | undefined;
  notice?: string | undefined;
  /** people who took the 事業承継診断 and asked to be contacted */
  leads: SelfCheckRow[];
}) {
  const { view, fiscalYear } = props;
  const title = tr(view, '相談記録', 'Consultations');
  const query = `fy=${fiscalYear}${props.kind ? `&kind=${props.kind}` : ''}`;
  const newCount = props.rows.filter((r) => r.isNewClient).length;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <PersonalDataNote view={view} />
      <p class="actions">
        <a class="button" href="/consultations/new">
          {tr(view, '相談を記録する', 'Record a consultation')}
        </a>{' '}
        <a href={`/consultations/seminars?fy=${fiscalYear}`}>
          {tr(view, 'セミナーから相談へ（件数）', 'From seminars to consultations (counts)')}
        </a>
      </p>

      <section aria-labelledby="follow-ups">
        <h2 id="follow-ups">{tr(view, '今週までのフォローアップ', 'Follow-ups due this week')}</h2>
        {props.followUps.length === 0 ? (
          <p data-empty="follow-ups">
            {tr(view, '今週までに予定しているフォローアップはありません。', 'No follow-ups due this week.')}
          </p>
        ) : (
          <ul class="stack" data-list="follow-ups">
            {props.followUps.map((f) => (
              <li class="card" data-follow-up={f.consultation.id}>
                <p>
                  <strong>{day(view, f.consultation.followUpOn)}</strong>{' '}
                  {f.consultation.followUpOn && f.consultation.followUpOn < props.today ? (
                    <span class="status status-missed">{tr(view, '期限切れ', 'Overdue')}</span>
                  ) : null}{' '}
                  <KindBadge view={view} kind={f.caseRow.kind} />
                </p>
                <p>
                  <a href={`/consultations/cases/${f.caseRow.id}`}>{f.client.name}</a>
                  {f.consultation.nextStep ? ` — ${f.consultation.nextStep}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {props.leads.length > 0 ? (
        <section aria-labelledby="leads">
          <h2 id="leads">{tr(view, '事業承継診断からの相談希望', 'Leads from the succession self-check')}</h2>
          <ul class="stack" data-list="leads">
            {props.leads.map((l) => (
              <li class="card" data-lead={l.id}>
                <p>
                  <strong>{l.name}</strong>
                  {l.businessName ? `（${l.businessName}）` : ''}{' '}
                  <span class="badge">{localise(view.lang, resultTexts[l.result].title)}</span>
                </p>
                <p>
                  {l.caseId ? (
                    <a href={`/consultations/cases/${l.caseId}`}>{tr(view, '相談案件あり', 'Has a case')}</a>
                  ) : (
                    <a href={`/consultations/new?lead=${l.id}`}>
                      {tr(view, `相談を記録する（${l.name}）`, `Record a consultation (${l.name})`)}
                    </a>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="list">
        <h2 id="list">
          {tr(
            view,
            `${formatFiscalYear('ja', fiscalYear)}の相談（${props.rows.length}件・新規相談者 ${newCount}人）`,
            `Consultations in ${formatFiscalYear('en', fiscalYear)} (${props.rows.length}, ${newCount} new clients)`,
          )}
        </h2>
        <form method="get" action="/consultations" class="inline-list">
          <div>
            <label for="fy">{tr(view, '年度', 'Fiscal year')}</label>
            <select id="fy" name="fy">
              {props.years.map((y) => (
                <option value={String(y)} selected={y === fiscalYear}>
                  {formatFiscalYear(view.lang, y)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="kind">{tr(view, '種類', 'Kind')}</label>
            <select id="kind" name="kind">
              <option value="">{tr(view, 'すべて', 'All')}</option>
              {consultationKinds.map((k) => (
                <option value={k} selected={props.kind === k}>
                  {kindName(view.lang, k)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" class="button-secondary">
              {tr(view, '表示', 'Show')}
            </button>
          </div>
        </form>
        <NewClientRule view={view} />
        <p>
          <a href={`/consultations.csv?${query}`} download>
            {tr(view, 'この一覧をCSVでダウンロード', 'Download this list as CSV')}
          </a>
        </p>
        {props.rows.length === 0 ? (
          <p data-empty="consultations">
            {tr(view, 'この年度の相談記録はありません。', 'No consultations in this year.')}
          </p>
        ) : (
          <section class="table-wrap" tabindex={0} aria-labelledby="list">
            <table>
              <thead>
                <tr>
                  <th scope="col">{tr(view, '相談日', 'Date')}</th>
                  <th scope="col">{tr(view, '相談者', 'Person')}</th>
                  <th scope="col">{tr(view, '種類', 'Kind')}</th>
                  <th scope="col">{tr(view, '新規・継続', 'New or continuing')}</th>
                  <th scope="col">{tr(view, '相談員', 'Counsellor')}</th>
                  <th scope="col">{tr(view, 'フォローアップ', 'Follow-up')}</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr data-consultation={r.consultation.id}>
                    <td>{day(view, r.consultation.heldOn)}</td>
                    <td>
                      <a href={`/consultations/cases/${r.caseRow.id}`}>{r.client.name}</a>
                    </td>
                    <td>{kindName(view.lang, r.caseRow.kind)}</td>
                    <td>
                      <NewClientBadge
                        view={view}
                        isNew={r.isNewClient}
                        fiscalYear={fiscalYearOfDay(r.consultation.heldOn)}
                      />
                    </td>
                    <td>{r.consultation.counsellorName}</td>
                    <td>{day(view, r.consultation.followUpOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </Layout>
  );
}
