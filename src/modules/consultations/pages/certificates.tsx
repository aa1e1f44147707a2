import { formatDate, formatFiscalYear } from '../../../platform/fiscal-year';
import { localise } from '../../../platform/i18n';
import { CsrfField, Layout, type PageView, tr } from '../../../platform/ui/layout';
import { type CertificateRow, certificateNumber, shortOfText } from '../certificate-service';
import type { CertifiedSupportAssessment } from '../certified-support';
import { supportTopics } from '../schema';
import { topicNames } from '../words';

const topicList = (view: PageView, topics: readonly string[]) =>
  topics
    .map((t) => localise(view.lang, topicNames[t as keyof typeof topicNames]))
    .join(view.lang === 'ja' ? '・' : ', ');

/** On a start-up case: the person's support as the rule of 特定創業支援等事業 reads it. */
export function CertifiedSupportSection(props: {
  view: PageView;
  caseId: number;
  assessment: CertifiedSupportAssessment;
  certificate: CertificateRow | undefined;
  canIssue: boolean;
}) {
  const { view, assessment: a, certificate } = props;
  return (
    <section aria-labelledby="certified-support">
      <h2 id="certified-support">{tr(view, '特定創業支援等事業', 'Certified start-up support')}</h2>
      <p class="hint">
        {tr(
          view,
          '1か月以上にわたり4回以上、「経営」「財務」「人材育成」「販路開拓」のすべてを受けた方に、市が証明書を発行します（登録免許税の軽減など）。相談で扱った分野と、創業塾の出席から数えます。',
          'The city certifies people supported over a month or more, in four sessions or more, covering management, finance, human resources and sales channels (lower registration tax). Counted from the areas of consultations and 創業塾 lectures attended.',
        )}
      </p>
      <table>
        <caption>{tr(view, '分野ごとの受講', 'Areas covered')}</caption>
        <tbody>
          {supportTopics.map((t) => (
            <tr data-topic={t}>
              <th scope="row">{localise(view.lang, topicNames[t])}</th>
              <td>
                {a.covered.includes(t) ? tr(view, '受講済み', 'Covered') : tr(view, '未受講', 'Not yet')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {a.sessions.length > 0 ? (
        <ul data-list="support-sessions">
          {a.sessions.map((s) => (
            <li>
              {formatDate(view.lang, s.on)} {s.label.split(' / ')[view.lang === 'ja' ? 0 : 1] ?? s.label}（
              {topicList(view, s.topics)}）
            </li>
          ))}
        </ul>
      ) : null}
      {certificate ? (
        <p data-field="certificate">
          {tr(view, '証明書を発行済み：', 'Certificate issued: ')}
          <a href={`/consultations/certificates/${certificate.id}`}>{certificateNumber(certificate)}</a>
        </p>
      ) : a.eligible ? (
        <>
          <p data-field="eligibility">
            <strong>
              {tr(
                view,
                '証明書の発行の要件を満たしています。',
                'The conditions for the certificate are met.',
              )}
            </strong>
          </p>
          {props.canIssue ? (
            <form method="post" action={`/consultations/cases/${props.caseId}/certificate`}>
              <CsrfField view={view} />
              <button type="submit">{tr(view, '証明書を発行する', 'Issue the certificate')}</button>
            </form>
          ) : (
            <p>{tr(view, '証明書は市（商工観光課）が発行します。', 'The city issues the certificate.')}</p>
          )}
        </>
      ) : (
        <p data-field="eligibility">
          {tr(
            view,
            `まだ要件を満たしていません：${shortOfText(a, 'ja')}`,
            `Not yet: ${shortOfText(a, 'en')}`,
          )}
        </p>
      )}
    </section>
  );
}

/** The certificate as printed on A4 and handed to the person (証明書). */
export function CertificatePage(props: { view: PageView; certificate: CertificateRow; cityName: string }) {
  const { view, certificate: c } = props;
  return (
    <Layout view={view} title={tr(view, '特定創業支援等事業により支援を受けたことの証明書', 'Certificate')}>
      <p class="actions no-print">
        <a href={`/consultations/cases/${c.caseId}`}>{tr(view, '相談案件に戻る', 'Back to the case')}</a>
      </p>
      <article class="certificate" aria-labelledby="certificate-title">
        <p class="certificate-number">{certificateNumber(c)}</p>
        <h1 id="certificate-title">特定創業支援等事業により支援を受けたことの証明書</h1>
        <dl>
          <dt>氏名</dt>
          <dd data-field="person">{c.personName}</dd>
          <dt>支援を受けた期間</dt>
          <dd>
            {formatDate('ja', c.firstOn)}～{formatDate('ja', c.lastOn)}
          </dd>
          <dt>支援の回数</dt>
          <dd>{c.sessions}回</dd>
          <dt>支援を受けた分野</dt>
          <dd>{topicList({ ...view, lang: 'ja' }, c.topics)}</dd>
        </dl>
        <p>
          上記の者は、産業競争力強化法に基づく認定創業支援等事業計画に記載された特定創業支援等事業により、経営、財務、人材育成及び販路開拓に関する知識を習得するための支援を受けたことを証明します。
        </p>
        <p class="certificate-issuer">
          {formatDate('ja', c.issuedOn)}
          <br />
          {props.cityName}長
        </p>
      </article>
    </Layout>
  );
}

/** The register of certificates issued (交付台帳), for the city. */
export function CertificateRegisterPage(props: { view: PageView; certificates: CertificateRow[] }) {
  const { view, certificates } = props;
  const title = tr(view, '特定創業支援等事業 証明書の交付台帳', 'Register of start-up support certificates');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {certificates.length === 0 ? (
        <p data-empty="certificates">
          {tr(
            view,
            'まだ証明書を発行していません。要件を満たした創業相談の案件のページから発行します。',
            'No certificate issued yet. They are issued from the page of a start-up case that meets the conditions.',
          )}
        </p>
      ) : (
        <>
          <p>
            <a href="/consultations/certificates.csv" download>
              {tr(view, 'CSVでダウンロード', 'Download as CSV')}
            </a>
          </p>
          <div class="table-wrap">
            <table>
              <caption>{tr(view, '交付した証明書', 'Certificates issued')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(view, '番号', 'Number')}</th>
                  <th scope="col">{tr(view, '氏名', 'Name')}</th>
                  <th scope="col">{tr(view, '交付日', 'Issued')}</th>
                  <th scope="col">{tr(view, '分野', 'Areas')}</th>
                  <th scope="col">{tr(view, '回数', 'Sessions')}</th>
                  <th scope="col">{tr(view, '期間', 'Period')}</th>
                </tr>
              </thead>
              <tbody>
                {certificates.map((c) => (
                  <tr data-certificate={c.id}>
                    <th scope="row">
                      <a href={`/consultations/certificates/${c.id}`}>{certificateNumber(c)}</a>
                    </th>
                    <td>{c.personName}</td>
                    <td>{formatDate(view.lang, c.issuedOn)}</td>
                    <td>{topicList(view, c.topics)}</td>
                    <td class="num">{c.sessions}</td>
                    <td>
                      {formatDate(view.lang, c.firstOn)}～{formatDate(view.lang, c.lastOn)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}

/** The register as CSV (UTF-8 with BOM), in the columns the city files. */
export function certificateRegisterRows(certificates: CertificateRow[]): (string | number)[][] {
  return [
    ['番号', '年度', '氏名', '交付日', '分野', '回数', '支援開始日', '支援終了日', '交付者'],
    ...certificates.map((c) => [
      certificateNumber(c),
      formatFiscalYear('ja', c.fiscalYear),
      c.personName,
      c.issuedOn,
      c.topics.map((t) => topicNames[t].ja).join('・'),
      c.sessions,
      c.firstOn,
      c.lastOn,
      c.issuedByName,
    ]),
  ];
}
