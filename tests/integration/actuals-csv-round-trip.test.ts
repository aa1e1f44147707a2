import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importManualActualsCsv } from '../../src/modules/plan/actuals-csv';
import type { Plan } from '../../src/modules/plan/plan';
import { manualActuals } from '../../src/modules/plan/schema';
import type { Actor } from '../../src/platform/audit';
import { testDatabaseKinds } from '../support/databases';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { TestClient, type TestInstance } from '../support/harness';
import {
  type CsvEncoding,
  confirmUpload,
  downloadCsv,
  listedProblems,
  previewUpload,
  savedAs,
  uploadCsv,
} from './csv-round-trip';
import { actorOf, startInstance } from './helpers';

const header = '区分,コード,名称,年度,実績値,基準日,出典,備考';
const csv = (...rows: string[]) => `${[header, ...rows].join('\r\n')}\r\n`;
const base = '/plan/actuals';

/** A cell as a CSV file holds it. */
const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * Issue 9 for the plan's actuals (decision 038): a figure has no id, so a row is matched by its
 * subject, fiscal year and 基準日 as the export writes them; the file comes back through a preview.
 */
describe.each(testDatabaseKinds())('manual actuals exported, edited and imported back on %s', (kind) => {
  let t: TestInstance;
  let plan: Plan;
  let admin: Actor;
  let staff: TestClient;

  const figures = async () =>
    (
      await t.database.db
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
        .orderBy(asc(manualActuals.id))
    ).filter(Boolean);

  /** The exported file with some cells changed: rows found by code and year, columns by header. */
  const edited = (
    exported: { header: string[]; rows: string[][] },
    edits: { code: string; fy: string; column: string; value: string }[],
  ) => {
    const column = (name: string) => exported.header.indexOf(name);
    const rows = exported.rows.map((row) => {
      const copy = [...row];
      for (const e of edits) if (row[1] === e.code && row[3] === e.fy) copy[column(e.column)] = e.value;
      return copy;
    });
    return `${[exported.header, ...rows].map((r) => r.map(quoted).join(',')).join('\r\n')}\r\n`;
  };

  beforeAll(async () => {
    t = await startInstance(kind, { planFiles: [handFiguresPlanFile] });
    plan = t.plans.defaultPlan;
    admin = await actorOf(t, 'admin');
    staff = await new TestClient(t.app).logInAs('admin');
    await importManualActualsCsv(
      t.database.db,
      plan,
      admin,
      csv(
        '実施事業,industry-academia,,2025,12,2026-03-31,受付名簿,',
        '実施事業,area-map,,2025,2000,2026-03-31,納品書,',
        '実施事業,runocard,,2025,40,2026-03-31,加盟店名簿,',
        '成果目標,shokokai-membership-rate,,2025,55.5,2026-03-31,商工会 会員名簿,',
      ),
    );
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.for<CsvEncoding>(['utf-8', 'shift_jis'])(
    'changes exactly the two edited figures of a file saved as %s, after a preview of those cells',
    async (encoding) => {
      const exported = await downloadCsv(staff, `${base}.csv`, encoding);
      const before = await figures();
      const value = encoding === 'utf-8' ? '15' : '17';
      const source = encoding === 'utf-8' ? '印刷会社の請求書' : '印刷会社の納品書（再版）';
      const lineOf = (code: string) => 2 + exported.rows.findIndex((r) => r[1] === code && r[3] === '2025');
      const beforeOf = (code: string) => before.find((f) => f.code === code && f.fy === 2025);
      const file = edited(exported, [
        { code: 'industry-academia', fy: '2025', column: '実績値', value },
        { code: 'area-map', fy: '2025', column: '出典', value: source },
      ]);

      const preview = await previewUpload(staff, base, savedAs(file, encoding));
      expect(preview.changes.map(({ id: _, ...c }) => c)).toEqual(
        [
          {
            line: lineOf('industry-academia'),
            column: '実績値',
            before: String(beforeOf('industry-academia')?.value),
            after: value,
          },
          { line: lineOf('area-map'), column: '出典', before: beforeOf('area-map')?.source, after: source },
        ].sort((a, b) => a.line - b.line),
      );
      expect(preview.added).toEqual([]);
      // the preview names the figure: its subject and fiscal year
      expect(preview.html).toContain('industry-academia');
      expect(preview.html).toContain('2025年度');
      expect(preview.html).toContain(`変更 2行（2項目）・新規 0行・変更なし ${exported.rows.length - 2}行`);
      expect(await figures()).toEqual(before);

      const confirmed = await confirmUpload(staff, preview.location);
      expect(confirmed.status).toBe(303);
      const result = await (await staff.get(confirmed.headers.get('location') ?? '')).text();
      expect(result).toContain(`取り込みました：変更 2行・新規 0行・変更なし ${exported.rows.length - 2}行`);

      const after = await figures();
      expect(after).toHaveLength(before.length);
      for (const figure of before) {
        const now = after.find((f) => f.code === figure.code && f.fy === figure.fy && f.asOf === figure.asOf);
        if (figure.code === 'industry-academia' && figure.fy === 2025)
          expect(now).toEqual({ ...figure, value: Number(value) });
        else if (figure.code === 'area-map' && figure.fy === 2025) expect(now).toEqual({ ...figure, source });
        else expect(now).toEqual(figure);
      }

      // confirming again writes nothing more
      const again = await confirmUpload(staff, preview.location);
      expect(again.headers.get('location')).toContain('?again=1');
      expect(await figures()).toEqual(after);
    },
  );

  it('shows a new figure as new, and writes it on confirmation', async () => {
    const exported = await downloadCsv(staff, `${base}.csv?fy=2025`);
    const file = `${edited(exported, [])}実施事業,runocard,,2025,44,2026-01-31,加盟店名簿,\r\n`;
    const preview = await previewUpload(staff, base, file);
    expect(preview.changes).toEqual([]);
    expect(preview.added).toEqual([exported.rows.length + 2]);
    expect((await confirmUpload(staff, preview.location)).status).toBe(303);
    expect((await figures()).find((f) => f.code === 'runocard' && f.asOf === '2026-01-31')).toMatchObject({
      value: 44,
      fy: 2025,
    });
  });

  it('refuses a file with a wrong row, naming its line, and writes nothing', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const before = await figures();
    const file = edited(exported, [
      { code: 'industry-academia', fy: '2025', column: '実績値', value: '99' },
      { code: 'area-map', fy: '2025', column: '実績値', value: 'たくさん' },
    ]);
    const response = await uploadCsv(staff, base, file);
    expect(response.status).toBe(422);
    const line = 2 + exported.rows.findIndex((r) => r[1] === 'area-map' && r[3] === '2025');
    expect(listedProblems(await response.text())).toEqual([
      expect.stringMatching(new RegExp(`^${line}行目: 実績値「たくさん」は使えません`)),
    ]);
    expect(await figures()).toEqual(before);
  });

  it('refuses the same figure twice in one file', async () => {
    const response = await uploadCsv(
      staff,
      base,
      csv(
        '実施事業,runocard,,2025,41,2026-03-31,加盟店名簿,',
        '実施事業,runocard,,2025,42,2026/3/31,加盟店名簿,',
      ),
    );
    expect(response.status).toBe(422);
    expect(listedProblems(await response.text())).toEqual([
      '3行目: 2行目と同じ項目・年度・基準日です。どちらか1行にしてください。',
    ]);
  });

  it('applies nothing (409) when the actuals changed after the preview', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const preview = await previewUpload(
      staff,
      base,
      edited(exported, [{ code: 'runocard', fy: '2025', column: '実績値', value: '45' }]),
    );
    // someone else corrects another figure of the file meanwhile
    await importManualActualsCsv(
      t.database.db,
      plan,
      admin,
      csv('成果目標,shokokai-membership-rate,,2025,56,2026-03-31,商工会 会員名簿,'),
    );
    const before = await figures();
    const refused = await confirmUpload(staff, preview.location);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('プレビューの後に一覧が変更されたため、何も取り込みませんでした');
    expect(await figures()).toEqual(before);
  });
});
