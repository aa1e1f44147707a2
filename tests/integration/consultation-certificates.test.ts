import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../src/modules/consultations/certificate-service';
import { certifiedSupportCertificates } from '../../src/modules/consultations/schema';
import { type ConsultationInput, recordConsultation } from '../../src/modules/consultations/service';
import { checkIn, createEvent, publishEvent, registerForEvent } from '../../src/modules/events';
import type { Actor } from '../../src/platform/audit';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

type Topic = 'management' | 'finance' | 'human-resources' | 'sales-channels';
const daysAgo = (days: number) => todayInJapan(new Date(Date.now() - days * 86_400_000));

/** Issue 9: 特定創業支援等事業 — coverage from consultations and 創業塾, the rule, numbered certificates. */
describe.each(testDatabaseKinds())('certified start-up support (%s)', (kind) => {
  let t: TestInstance;
  let bista: Actor;
  let admin: Actor;
  let keys = 0;
  const consult = async (person: string, heldOn: string, topics: Topic[], caseId?: number) =>
    (
      await recordConsultation(
        t.database.db,
        bista,
        {
          ...(caseId === undefined
            ? {
                person: 'new',
                name: `${person}（架空）`,
                kana: 'そうぎょう',
                contact: `${person}@example.jp`,
                kind: 'startup',
              }
            : { caseId: String(caseId) }),
          heldOn,
          discussed: topics.join('、') || '雑談',
          supportTopics: topics,
          idempotencyKey: `certificate-test-${++keys}`,
        } as ConsultationInput,
        { organisations: t.plans.defaultPlan.file.organisations },
      )
    ).caseRow.id;
  const issued = async () =>
    (await t.database.db.select({ n: count() }).from(certifiedSupportCertificates))[0]?.n;

  beforeAll(async () => {
    t = await startInstance(kind);
    bista = await actorOf(t, 'bista');
    admin = await actorOf(t, 'admin');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('tells the counsellor what is missing, and refuses a certificate until the rule is met (29 days)', async () => {
    const id = await consult('sogyo-a', '2025-04-01', ['management']);
    await consult('', '2025-04-10', ['finance'], id);
    await consult('', '2025-04-20', ['human-resources'], id);
    const counsellor = await new TestClient(t.app).logInAs('bista');
    const three = await (await counsellor.get(`/consultations/cases/${id}`)).text();
    expect(three).toContain('販路開拓が未受講');
    expect(three).toContain('あと1回');
    await consult('', '2025-04-30', ['sales-channels'], id);
    const month = await (await counsellor.get(`/consultations/cases/${id}`)).text();
    expect(month).toContain('支援の期間が1か月に満たない');
    const before = await issued();
    const refused = await refusal(issueCertificate(t.database.db, admin, id));
    expect(refused.status).toBe(422);
    expect(refused.userMessage.ja).toContain('1か月に満たない');
    expect(await issued()).toBe(before);
    // a consultation without an area does not count
    await consult('', '2025-05-01', [], id);
    expect((await refusal(issueCertificate(t.database.db, admin, id))).status).toBe(422);
    await consult('', '2025-05-02', ['sales-channels'], id);
    const ready = await (await counsellor.get(`/consultations/cases/${id}`)).text();
    expect(ready).toContain('証明書の発行の要件を満たしています。');
    // counsellors see it; the city issues it
    expect(ready).not.toContain('証明書を発行する</button>');
    expect((await counsellor.postForm(`/consultations/cases/${id}/certificate`, {})).status).toBe(403);
  });

  it('counts a 創業塾 lecture the person attended, known by the e-mail address given at the desk', async () => {
    const id = await consult('sogyo-b', daysAgo(60), ['management']);
    await consult('', daysAgo(50), ['finance'], id);
    await consult('', daysAgo(40), ['human-resources'], id);
    const plan = t.plans.defaultPlan;
    const event = await createEvent(
      t.database.db,
      bista,
      {
        category: 'startup-school',
        title: '創業塾 販路開拓の回（架空）',
        date: todayInJapan(),
        startTime: '23:00',
        endTime: '23:59',
        place: 'Bi@Sta',
        capacity: 20,
        organiser: 'bista',
        sessions: [
          {
            date: todayInJapan(),
            startTime: '23:00',
            endTime: '23:59',
            title: '販路開拓',
            topic: 'sales-channels',
          },
        ],
      } as never,
      { organisations: plan.file.organisations, categories: plan.file.eventCategories },
    );
    await publishEvent(t.database.db, bista, event.id);
    // registered in the morning of the lecture's day, whatever the hour the test runs at
    const { registration } = await registerForEvent(
      t.database.db,
      event.id,
      {
        name: 'sogyo-b（架空）',
        kana: 'そうぎょう',
        email: 'SOGYO-B@example.jp',
        idempotencyKey: 'certificate-lecture',
      },
      { now: new Date(`${todayInJapan()}T08:00:00+09:00`) },
    );
    await checkIn(t.database.db, bista, event.id, { registrationId: registration.id });
    const page = await (
      await new TestClient(t.app).logInAs('bista').then((c) => c.get(`/consultations/cases/${id}`))
    ).text();
    expect(page).toContain('創業塾 販路開拓の回（架空） 第1回');
    expect(page).toContain('証明書の発行の要件を満たしています。');
  });

  it('issues numbered certificates once per case, at once without sharing a number, with a register for the city', async () => {
    const [first, second] = await Promise.all(
      ['sogyo-c', 'sogyo-d'].map(async (person) => {
        const id = await consult(person, '2025-06-01', ['management', 'finance']);
        await consult('', '2025-06-15', ['human-resources'], id);
        await consult('', '2025-06-30', ['sales-channels'], id);
        await consult('', '2025-07-01', ['sales-channels'], id);
        return id;
      }),
    );
    const results = await Promise.all([
      issueCertificate(t.database.db, admin, first as number),
      issueCertificate(t.database.db, admin, second as number),
      issueCertificate(t.database.db, admin, first as number),
    ]);
    const mine = results.filter((r) => r.certificate.caseId === first);
    expect(new Set(mine.map((r) => r.certificate.id)).size).toBe(1);
    const serials = [results[0]?.certificate.serial, results[1]?.certificate.serial].sort();
    expect(new Set(serials).size).toBe(2);
    const rows = await t.database.db
      .select()
      .from(certifiedSupportCertificates)
      .where(eq(certifiedSupportCertificates.caseId, first as number));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sessions: 4, firstOn: '2025-06-01', lastOn: '2025-07-01' });
    expect(rows[0]?.topics).toEqual(['management', 'finance', 'human-resources', 'sales-channels']);

    const city = await new TestClient(t.app).logInAs('admin');
    const response = await city.postForm(`/consultations/cases/${first}/certificate`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/consultations/certificates/${rows[0]?.id}`);
    const certificate = await (await city.get(`/consultations/certificates/${rows[0]?.id}`)).text();
    expect(certificate).toMatch(/第20\d\d-00[12]号/);
    expect(certificate).toContain('sogyo-c（架空）');
    expect(certificate).toContain('特定創業支援等事業により支援を受けたことの証明書');
    const register = await (await city.get('/consultations/certificates')).text();
    expect(register).toContain('sogyo-d（架空）');
    const csv = await (await city.get('/consultations/certificates.csv')).text();
    expect(csv.split('\r\n')[0]).toBe('番号,年度,氏名,交付日,分野,回数,支援開始日,支援終了日,交付者');
    expect(csv).toContain('経営・財務・人材育成・販路開拓,4,2025-06-01,2025-07-01');
    // the case's counsellors read it; another organisation's do not
    expect(
      (await (await new TestClient(t.app).logInAs('bista')).get(`/consultations/certificates/${rows[0]?.id}`))
        .status,
    ).toBe(200);
    expect([403, 404]).toContain(
      (
        await (
          await new TestClient(t.app).logInAs('shokokai')
        ).get(`/consultations/certificates/${rows[0]?.id}`)
      ).status,
    );
    expect(
      (await (await new TestClient(t.app).logInAs('bista')).get('/consultations/certificates')).status,
    ).toBe(403);
  });
});
