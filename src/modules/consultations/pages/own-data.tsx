import { localise } from '../../../platform/i18n';
import { Layout, type PageView, tr } from '../../../platform/ui/layout';
import type { DataHeldOn } from '../own-data';
import { kindName, type Organisation, organisationName, programmeNames, stageNames } from '../words';
import { day } from './components';

/** What the counselling organisations hold on the signed-in person, as a page they can read and print. */
export function OwnDataPage(props: {
  view: PageView;
  data: DataHeldOn;
  organisations: readonly Organisation[];
}) {
  const { view, data } = props;
  const title = tr(view, '相談窓口で記録しているあなたの情報', 'What the consultation desks hold on you');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {tr(
          view,
          'Bi@Sta・商工会の相談窓口が、あなたのアカウントに結びつけて記録している情報のすべてです。内容の訂正や利用の停止を希望する場合は、記録した機関にお申し出ください。',
          'This is everything the consultation desks of Bi@Sta and the chamber of commerce hold linked to your account. To correct it or stop its use, ask the organisation that recorded it.',
        )}
      </p>
      <p>
        <a href="/consultations/my.json" download>
          {tr(view, 'JSON形式でダウンロード', 'Download as JSON')}
        </a>
      </p>
      {data.records.length === 0 ? (
        <p data-empty="own-data">{tr(view, '記録されている情報はありません。', 'Nothing is held on you.')}</p>
      ) : (
        data.records.map((r, i) => (
          <section class="card" aria-labelledby={`org-${i}`} data-organisation={r.organisation}>
            <h2 id={`org-${i}`}>{organisationName(view.lang, r.organisation, props.organisations)}</h2>
            <dl class="facts">
              <dt>{tr(view, 'お名前', 'Name')}</dt>
              <dd>{r.name}</dd>
              <dt>{tr(view, 'ふりがな', 'Reading')}</dt>
              <dd>{r.kana || '—'}</dd>
              <dt>{tr(view, '連絡先', 'Contact')}</dt>
              <dd>{r.contact || '—'}</dd>
            </dl>
            {r.cases.map((c) => (
              <>
                <h3>
                  {tr(view, `${kindName('ja', c.kind)}の相談`, `${kindName('en', c.kind)} consultations`)}
                </h3>
                {c.startedOn ? (
                  <p>
                    {tr(
                      view,
                      `創業：${day(view, c.startedOn)} ${c.businessName}`,
                      `Started: ${day(view, c.startedOn)} ${c.businessName}`,
                    )}
                  </p>
                ) : null}
                {c.successionStage ? (
                  <p>
                    {tr(view, '事業承継の段階：', 'Succession stage: ')}
                    {localise(
                      view.lang,
                      stageNames[c.successionStage] ?? { ja: c.successionStage, en: c.successionStage },
                    )}
                  </p>
                ) : null}
                <ol>
                  {c.consultations.map((x) => (
                    <li>
                      {day(view, x.heldOn)}（{x.counsellor}）: {x.discussed}
                      {x.nextStep ? ` — ${tr(view, '次の対応', 'Next step')}: ${x.nextStep}` : ''}
                    </li>
                  ))}
                </ol>
                {c.loanUses.length > 0 ? (
                  <ul>
                    {c.loanUses.map((l) => (
                      <li>
                        {day(view, l.usedOn)}{' '}
                        {localise(
                          view.lang,
                          programmeNames[l.programme] ?? { ja: l.programme, en: l.programme },
                        )}{' '}
                        {tr(
                          view,
                          `${l.amountYen.toLocaleString('ja-JP')}円`,
                          `¥${l.amountYen.toLocaleString('en-GB')}`,
                        )}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            ))}
          </section>
        ))
      )}
    </Layout>
  );
}
