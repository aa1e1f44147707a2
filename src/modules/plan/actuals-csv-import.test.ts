import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmUpload, previewNewLines, previewUpload } from '../../../tests/integration/csv-round-trip';
import { type TestDatabaseKind, testDatabaseKinds } from '../../../tests/support/databases';
import { handFiguresPlanFile } from '../../../tests/support/hand-figures-plan';
import { csrfToken, startTestTsunagu, TestClient, type TestInstance } from '../../../tests/support/harness';
import { encodeShiftJis } from '../../../tests/support/shift-jis';
import type { Actor } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { auditLog } from '../../platform/schema';
import { actualsCsvLimits, exportManualActualsCsv, importManualActualsCsv } from './actuals-csv';
import type { Plan } from './plan';
import { manualActuals } from './schema';
import { auditTrail } from './service';

const header = '区分,コード,名称,年度,実績値,基準日,出典,備考';
const csv = (...rows: string[]) => `${[header, ...rows].join('\r\n')}\r\n`;

/** A Tsunagu on a fresh database; on PostgreSQL the end of a dropped database's sockets is not a crash. */
async function start(kind: TestDatabaseKind): Promise<TestInstance> {
  const t = await startTestTsunagu(kind, { planFiles: [handFiguresPlanFile] });
  const pool = (
    t.database.db as unknown as { $client?: { on?: (e: string, f: (x: unknown) => void) => void } }
  ).$client;
  if (kind === 'postgres' && typeof pool?.on === 'function') {
    pool.on('error', (error) => {
      if ((error as { code?: string }).code !== '57P01') throw error;
    });
  }
  return t;
}

function multipart(fields: Record<string, string>, file?: { name: string; content: string | Uint8Array }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new File([file.content], file.name, { type: 'text/csv' }));
  return form;
}

describe.each(testDatabaseKinds())('importing and exporting manual actuals as CSV on %s', (kind) => {
  let t: TestInstance;
  let plan: Plan;
  let admin: Actor;

  const figures = async () =>
    t.database.db
      .select({
        kind: manualActuals.subjectKind,
        code: manualActuals.subjectCode,
        fy: manualActuals.fiscalYear,
        asOf: manualActuals.asOf,
        value: manualActuals.value,
        source: manualActuals.source,
        note: manualActuals.note,
      })
      .from(manualActuals)
      .orderBy(asc(manualActuals.id));
  const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;
  const figureOf = async (code: string, fy: number, asOf: string) =>
    (await figures()).find((f) => f.code === code && f.fy === fy && f.asOf === asOf);

  beforeAll(async () => {
    t = await start(kind);
    plan = t.plans.defaultPlan;
    const account = await t.database.db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, 'admin@demo.tsunagu.example'),
    });
    if (!account) throw new Error('no demo admin');
    admin = { accountId: account.id, name: account.displayName, municipalityCode: account.municipalityCode };
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('the service', () => {
    it('writes nothing when one row among good ones is wrong, and names that line', async () => {
      const before = await figures();
      const audits = await auditCount();
      const file = csv(
        '実施事業,industry-academia,,2026,1,2026-05-01,集計,',
        '実施事業,area-map,,2026,20,2026-05-01,報告書,',
        '成果目標,employees,,2026,abc,2026-05-01,経済センサス,',
        '実施事業,runocard,,2026,50,2026-05-01,加盟店名簿,',
      );
      const error = await importManualActualsCsv(t.database.db, plan, admin, file).catch((e) => e);
      expect(error).toBeInstanceOf(UserError);
      expect(error.code).toBe('csv_invalid');
      expect(error.details.map((d: { line: number }) => d.line)).toEqual([4]);
      expect(await figures()).toEqual(before);
      expect(await auditCount()).toBe(audits);
    });

    it('writes every row of a good file, and importing it again changes nothing', async () => {
      const file = csv(
        '実施事業,industry-academia,産学連携の支援,2026,1,2026/6/1,集計,春の部',
        '実施事業,runocard,るのかーど,令和8年度,20,2026-06-01,加盟店名簿,',
        '成果目標,shokokai-membership-rate,,R8,61.5,2026-06-01,商工会 会員名簿,',
      );
      const first = await importManualActualsCsv(t.database.db, plan, admin, file);
      expect(first).toEqual({ imported: 3, created: 3, updated: 0, unchanged: 0, skipped: 0 });
      expect(await figureOf('shokokai-membership-rate', 2026, '2026-06-01')).toMatchObject({
        kind: 'kpi',
        value: 61.5,
        source: '商工会 会員名簿',
      });

      const before = await figures();
      const audits = await auditCount();
      const again = await importManualActualsCsv(t.database.db, plan, admin, file);
      expect(again).toEqual({ imported: 3, created: 0, updated: 0, unchanged: 3, skipped: 0 });
      expect(await figures()).toEqual(before);
      expect(await auditCount()).toBe(audits);
    });

    it('gives back the same data when an export is imported again', async () => {
      const before = await figures();
      const exported = await exportManualActualsCsv(t.database.db, plan);
      expect(exported.startsWith(`\uFEFF${header}\r\n`)).toBe(true);
      expect(exported.slice(1).trimEnd().split('\r\n')).toHaveLength(before.length + 1);
      const summary = await importManualActualsCsv(t.database.db, plan, admin, exported);
      expect(summary).toMatchObject({
        imported: before.length,
        created: 0,
        updated: 0,
        unchanged: before.length,
      });
      expect(await figures()).toEqual(before);
    });

    it('keeps a note that looks like a formula through export and import, without letting Excel run it', async () => {
      await importManualActualsCsv(
        t.database.db,
        plan,
        admin,
        csv('実施事業,area-map,,2026,5,2026-06-02,"=HYPERLINK(""http://x"")",-3人は欠席'),
      );
      const exported = await exportManualActualsCsv(t.database.db, plan, 2026);
      const row = exported.split('\r\n').find((line) => line.includes('area-map'));
      expect(row).toBe(
        `実施事業,area-map,地域マップの作成（発行部数・部）,2026,5,2026-06-02,"'=HYPERLINK(""http://x"")",'-3人は欠席`,
      );
      const summary = await importManualActualsCsv(t.database.db, plan, admin, exported);
      expect(summary.created + summary.updated).toBe(0);
      expect(await figureOf('area-map', 2026, '2026-06-02')).toMatchObject({
        source: '=HYPERLINK("http://x")',
        note: '-3人は欠席',
      });
    });

    it('updates exactly the figure changed in the exported file, and the audit log shows it', async () => {
      const exported = await exportManualActualsCsv(t.database.db, plan, 2025);
      const lines = exported.split('\r\n');
      const index = lines.findIndex((l) => l.startsWith('実施事業,area-map,'));
      const cells = (lines[index] as string).split(',');
      const oldValue = Number(cells[4]);
      cells[4] = String(oldValue + 1);
      cells[5] = (cells[5] as string).replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1/$2/$3'); // as Excel saves it
      lines[index] = cells.join(',');
      const before = await figures();

      const summary = await importManualActualsCsv(t.database.db, plan, admin, lines.join('\r\n'));
      expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: summary.imported - 1 });

      const after = await figures();
      const changed = after.filter((f, i) => JSON.stringify(f) !== JSON.stringify(before[i]));
      expect(changed).toEqual([expect.objectContaining({ code: 'area-map', fy: 2025, value: oldValue + 1 })]);
      const [latest] = await auditTrail(t.database.db, plan, 'project', 'area-map');
      expect(latest).toMatchObject({
        action: 'manual_actual.update',
        entityKey: `${plan.id}/area-map/2025`,
        actorName: admin.name,
        before: expect.objectContaining({ value: oldValue }),
        after: expect.objectContaining({ value: oldValue + 1 }),
      });
    });

    it('exports one year only when asked, and leaves out no current figure of it', async () => {
      const exported = await exportManualActualsCsv(t.database.db, plan, 2025);
      const rows = exported.slice(1).trimEnd().split('\r\n').slice(1);
      const stored = (await figures()).filter((f) => f.fy === 2025);
      expect(rows).toHaveLength(stored.length);
      expect(rows.every((r) => r.split(',')[3] === '2025')).toBe(true);
    });
  });

  describe('over HTTP', () => {
    let admin: TestClient;
    beforeAll(async () => {
      admin = await new TestClient(t.app).logInAs('admin');
    });

    it('shows the import form on the actuals page, with a label, a hint and the template link', async () => {
      const html = await (await admin.get('/plan/actuals?fy=2026')).text();
      expect(html).toContain('enctype="multipart/form-data"');
      expect(html).toContain('action="/plan/actuals/import?fy=2026#import"');
      expect(html).toMatch(/<label for="csv-file">/);
      expect(html).toMatch(
        /<input id="csv-file" name="file" type="file" accept=".csv,text\/csv" required="" aria-describedby="csv-file-hint"/,
      );
      expect(html).toContain('href="/plan/actuals-template.csv?fy=2026"');
      expect(html).not.toContain('style=');
    });

    it('previews an uploaded file sent with the CSRF token, and writes it once confirmed', async () => {
      const form = multipart(
        { _csrf: csrfToken },
        { name: '実績.csv', content: csv('実施事業,industry-academia,,2026,7,2026-07-01,参加者名簿,') },
      );
      const response = await admin.request('/plan/actuals/import?fy=2026', { method: 'POST', body: form });
      expect(response.status).toBe(303);
      const location = response.headers.get('location') ?? '';
      expect(location).toMatch(/^\/plan\/actuals\/import\/[A-Za-z0-9_-]{32}$/);
      const preview = await (await admin.get(location)).text();
      expect(previewNewLines(preview)).toEqual([2]);
      expect(preview).toContain('industry-academia');
      // the preview writes nothing
      expect(await figureOf('industry-academia', 2026, '2026-07-01')).toBeUndefined();

      const confirmed = await confirmUpload(admin, location);
      expect(confirmed.status).toBe(303);
      const page = await (await admin.get(confirmed.headers.get('location') ?? '')).text();
      expect(page).toContain('取り込みました：変更 0行・新規 1行・変更なし 0行');
      expect(await figureOf('industry-academia', 2026, '2026-07-01')).toMatchObject({ value: 7 });
    });

    it('reads a Shift_JIS upload, as Excel saves "CSV (コンマ区切り)"', async () => {
      const content = encodeShiftJis(
        csv('実施事業,area-map,あきる野まち歩きマップ,令和8年度,3000,2026/7/2,印刷会社の納品書,'),
      );
      const preview = await previewUpload(admin, '/plan/actuals', content);
      expect(preview.added).toEqual([2]);
      expect((await confirmUpload(admin, preview.location)).status).toBe(303);
      expect(await figureOf('area-map', 2026, '2026-07-02')).toMatchObject({
        value: 3000,
        source: '印刷会社の納品書',
      });
    });

    it('refuses an upload without the CSRF token and writes nothing', async () => {
      const before = await figures();
      const form = multipart(
        {},
        { name: 'a.csv', content: csv('実施事業,industry-academia,,2026,8,2026-07-03,名簿,') },
      );
      const response = await admin.request('/plan/actuals/import?fy=2026', { method: 'POST', body: form });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('フォームの有効期限が切れたか');
      expect(await figures()).toEqual(before);
    });

    it('lists every bad line when a file is refused, and writes nothing', async () => {
      const before = await figures();
      const form = multipart(
        { _csrf: csrfToken },
        {
          name: 'a.csv',
          content: csv(
            '実施事業,industry-academia,,2026,9,2026-07-04,名簿,',
            '実施事業,industry-academia,,2026,x,2026-07-05,名簿,',
            '実施事業,nothing,,2026,9,2026-07-04,名簿,',
          ),
        },
      );
      const response = await admin.request('/plan/actuals/import?fy=2026', { method: 'POST', body: form });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain('何も取り込みませんでした（2件）');
      expect(html).toContain('3行目: 実績値「x」');
      expect(html).toContain('4行目: コード「nothing」');
      expect(html).not.toContain('2行目');
      expect(await figures()).toEqual(before);
    });

    it('asks for a file when none was chosen', async () => {
      const form = multipart({ _csrf: csrfToken }, { name: '', content: '' });
      const response = await admin.request('/plan/actuals/import?fy=2026', { method: 'POST', body: form });
      expect(response.status).toBe(422);
      expect(await response.text()).toContain('CSVファイルを選んでから');
    });

    it('refuses a file over 2 MB', async () => {
      const content = new Uint8Array(actualsCsvLimits.maxBytes + 1).fill(0x2c);
      const form = multipart({ _csrf: csrfToken }, { name: 'big.csv', content });
      const response = await admin.request('/plan/actuals/import?fy=2026', { method: 'POST', body: form });
      expect(response.status).toBe(422);
      expect(await response.text()).toContain('ファイルが大きすぎます（上限 2MB）');
    });

    it('downloads the export and the template as UTF-8 CSV with a BOM', async () => {
      const exported = await admin.get('/plan/actuals.csv?fy=2025');
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(exported.headers.get('content-disposition')).toContain(
        'attachment; filename="actuals-2025.csv"',
      );
      const bytes = new Uint8Array(await exported.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
        await exportManualActualsCsv(t.database.db, plan, 2025),
      );

      const template = await admin.get('/plan/actuals-template.csv?fy=2026');
      expect(template.status).toBe(200);
      expect(await template.text()).toContain(
        '実施事業,industry-academia,産学連携の支援（支援件数・件）,2026,,',
      );
      expect((await admin.get('/plan/actuals.csv?fy=1999')).status).toBe(422);
    });

    it('downloads the export in Shift_JIS on request, which imports back unchanged', async () => {
      const exported = await admin.get('/plan/actuals.csv?fy=2025&encoding=shift_jis');
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
      const bytes = new Uint8Array(await exported.arrayBuffer());
      expect(new TextDecoder('shift_jis').decode(bytes)).toBe(
        (await exportManualActualsCsv(t.database.db, plan, 2025)).slice(1),
      );
      const before = await figures();
      const form = multipart({ _csrf: csrfToken }, { name: '実績.csv', content: bytes });
      const response = await admin.request('/plan/actuals/import?fy=2025', { method: 'POST', body: form });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('には変更がありません');
      expect(await figures()).toEqual(before);
      expect((await admin.get('/plan/actuals.csv?encoding=ebcdic')).status).toBe(400);
    });

    it('lets nobody but city staff import or download', async () => {
      const readOnly = await new TestClient(t.app).logInAs('shokokai');
      const form = multipart(
        { _csrf: csrfToken },
        { name: 'a.csv', content: csv('実施事業,industry-academia,,2026,9,2026-07-06,名簿,') },
      );
      expect(
        (await readOnly.request('/plan/actuals/import?fy=2026', { method: 'POST', body: form })).status,
      ).toBe(403);
      expect((await readOnly.get('/plan/actuals.csv')).status).toBe(403);
      expect((await readOnly.get('/plan/actuals-template.csv')).status).toBe(403);
      expect((await readOnly.postJson('/api/v1/plan/actuals/import', { csv: csv() })).status).toBe(403);
      const visitor = new TestClient(t.app);
      expect((await visitor.get('/plan/actuals.csv')).status).toBe(401);
      expect((await visitor.postJson('/api/v1/plan/actuals/import', { csv: csv() })).status).toBe(401);
      expect(await figureOf('industry-academia', 2026, '2026-07-06')).toBeUndefined();
    });
  });

  describe('the API', () => {
    let client: TestClient;
    beforeAll(async () => {
      client = await new TestClient(t.app).logInAs('admin');
    });

    it('imports {"csv": "..."} and answers with the counts', async () => {
      const body = { csv: csv('実施事業,area-map,,2026,4,2026-08-01,商工会,') };
      const first = await client.postJson('/api/v1/plan/actuals/import', body);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ imported: 1, created: 1, updated: 0, unchanged: 0, skipped: 0 });
      const again = await client.postJson('/api/v1/plan/actuals/import', body);
      expect(await again.json()).toEqual({ imported: 1, created: 0, updated: 0, unchanged: 1, skipped: 0 });
    });

    it('answers 422 with every problem and its line when a row is wrong', async () => {
      const response = await client.postJson('/api/v1/plan/actuals/import?lang=en', {
        csv: csv('実施事業,area-map,,2026,4,2026-08-02,商工会,', '実施事業,area-map,,2026,4,,商工会,'),
      });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { code: string; details: unknown[] } };
      expect(body.error.code).toBe('csv_invalid');
      expect(body.error.details).toEqual([{ line: 3, message: expect.stringContaining('As-of date ""') }]);
      expect(await figureOf('area-map', 2026, '2026-08-02')).toBeUndefined();
    });

    it('answers 422 for a body without csv', async () => {
      const response = await client.postJson('/api/v1/plan/actuals/import', { file: 'x' });
      expect(response.status).toBe(422);
    });

    it('is described in the OpenAPI document', async () => {
      // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read as plain JSON
      const doc = (await (await client.get('/api/v1/openapi.json')).json()) as any;
      const operation = doc.paths['/api/v1/plan/actuals/import'].post;
      expect(operation.requestBody.content['application/json'].schema.properties.csv.type).toBe('string');
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '403', '422']));
    });
  });
});
