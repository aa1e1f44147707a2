import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { gradeScaleOf } from './in-year';
import { buildPlan, kpiAccrual, kpiAim, kpiTargetValue } from './plan';
import { PlanFileError, parsePlanFile, readPlanFile } from './plan-file';

describe('the Akiruno plan file', async () => {
  const plan = buildPlan(await readPlanFile('plans/akiruno.yaml'));

  it('holds 3 directions, 7 measures with 3 priority measures, and 14 projects', () => {
    expect(plan.file.directions).toHaveLength(3);
    const measures = plan.file.directions.flatMap((d) => d.measures);
    expect(measures.map((m) => m.code)).toEqual(['1-1', '1-2', '1-3', '2-1', '2-2', '3-1', '3-2']);
    expect(measures.filter((m) => m.priority).map((m) => m.code)).toEqual(['1-1', '2-1', '3-1']);
    expect(plan.projects).toHaveLength(14);
  });

  it('has exactly the annual targets of the seed for FY2023–2026', () => {
    const targets = Object.fromEntries(plan.projects.map((p) => [p.title, [...p.targets.values()]]));
    expect(targets).toEqual({
      事業承継セミナー: [20, 30, 45, 65],
      事業承継相談: [10, 15, 23, 33],
      創業塾: [16, 19, 22, 25],
      創業相談: [100, 105, 110, 115],
      制度融資: [90, 90, 100, 100],
      経営支援セミナー: [20, 25, 30, 35],
      '（仮称）あきる野マルシェ': [1, 1, 2, 2],
      まちゼミ: [40, 40, 42, 42],
      るのかーど普及事業: [100, 105, 110, 115],
      デジタル化促進セミナー: [20, 25, 30, 35],
      創業者交流会: [26, 29, 32, 35],
      事業者連携交流会: [40, 50, 60, 70],
      地域マップの作成: [28000, 28000, 30000, 30000],
      産学連携の支援: [3, 3, 5, 5],
    });
    expect(plan.fiscalYears).toEqual([2023, 2024, 2025, 2026]);
    expect(plan.baselineYear).toBe(2020);
  });

  it('has the 4 outcome KPIs with their 令和2年度 figures and 令和8年度 targets', () => {
    expect(
      plan.kpis.map((k) => [k.title, k.baseline.value, k.unit, k.target.kind, kpiTargetValue(k)]),
    ).toEqual([
      ['市内事業所の従業者数', 21510, '人', 'keep', 21510],
      ['商店会の会員数', 330, '人', 'keep', 330],
      ['商工会の加入率', 62, '%', 'keep', 62],
      ['Bi@Sta 利用者の創業件数（開設以降の累計値）', 69, '件', 'value', 150],
    ]);
    expect(plan.kpis.find((k) => k.code === 'bista-startups')?.cumulative).toBe(true);
  });

  it('names SDGs 8, 9 and 17 and the organisations of 第5章', () => {
    expect(plan.file.sdgs.map((g) => g.goal)).toEqual([8, 9, 17]);
    expect(plan.file.organisations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['東京都', '東京都中小企業振興公社', 'あきる野商工会', 'Bi@Sta', '商店会']),
    );
    expect(plan.municipalityCode).toBe('132284');
  });
});

describe('a second municipality', () => {
  it('loads from its own file with other directions, projects and years', async () => {
    const plan = buildPlan(await readPlanFile('tests/fixtures/midori-town.yaml'));
    expect(plan.municipalityCode).toBe('999991');
    expect(plan.fiscalYears).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(plan.projects.map((p) => p.code)).toEqual(['woodwork-class']);
    expect(plan.kpis[0]?.target).toEqual({ kind: 'lower', value: 8 });
  });
});

describe('a bad plan file', () => {
  const valid = () => readFile('tests/fixtures/midori-town.yaml', 'utf8');

  it('names the file, the path inside it and the problem', async () => {
    const text = (await valid()).replace('{ 2024: 10,', '{ 2024: -10,');
    try {
      parsePlanFile('plans/broken.yaml', text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanFileError);
      expect((error as Error).message).toContain('plans/broken.yaml');
      expect((error as Error).message).toContain('directions.0.measures.0.projects.0.targets.2024');
    }
  });

  it('refuses a target outside the plan period', async () => {
    const text = (await valid()).replace('2028: 18 }', '2028: 18, 2031: 20 }');
    expect(() => parsePlanFile('x.yaml', text)).toThrow(/2031 is outside the plan period 2024–2028/);
  });

  it('refuses keys the format does not know', async () => {
    const duplicated = (await valid()).replace('code: A-1', 'code: A-1\n        colour: red');
    expect(() => parsePlanFile('x.yaml', duplicated)).toThrow(/colour/);
  });

  it('refuses text that is not YAML', () => {
    expect(() => parsePlanFile('x.yaml', 'id: [unclosed')).toThrow(/not valid YAML/);
  });
});

describe('event categories', () => {
  it('are declared by the plan, and a binding may only name a declared one', async () => {
    const text = await readFile('tests/fixtures/midori-town.yaml', 'utf8');
    const bound = text.replace(
      'metric: manual\n            targets: { 2024: 10',
      'metric: { key: events.participants, params: { category: woodwork } }\n            targets: { 2024: 10',
    );
    expect(() => parsePlanFile('x.yaml', bound)).toThrow(
      /"woodwork" is not one of eventCategories \(none declared\)/,
    );
    const declared = `${bound}\neventCategories:\n  - { code: woodwork, title: 木工教室 }\n`;
    expect(parsePlanFile('x.yaml', declared).eventCategories.map((c) => c.code)).toEqual(['woodwork']);
  });

  it('list the kinds of event Akiruno holds', async () => {
    const plan = await readPlanFile('plans/akiruno.yaml');
    expect(plan.eventCategories.map((c) => c.code)).toContain('succession-seminar');
  });
});

describe('areas', () => {
  it('are optional, and a code may be declared once', async () => {
    const text = await readFile('tests/fixtures/midori-town.yaml', 'utf8');
    expect(parsePlanFile('x.yaml', text).areas).toEqual([]);
    const twice = `${text}\nareas:\n  - { code: north, name: 北地区 }\n  - { code: north, name: 北部 }\n`;
    expect(() => parsePlanFile('x.yaml', twice)).toThrow(/areas\.1\.code: duplicate area code "north"/);
  });

  it('name the station areas of Akiruno, with the three of its 活性化委員会', async () => {
    const plan = await readPlanFile('plans/akiruno.yaml');
    expect(plan.areas.map((a) => a.code)).toEqual([
      'higashi-akiru',
      'akigawa',
      'musashi-hikida',
      'musashi-masuko',
      'itsukaichi',
      'yozawa',
    ]);
    expect(plan.areas.map((a) => a.name)).toEqual(
      expect.arrayContaining(['秋川駅周辺', '五日市（武蔵五日市駅周辺）', '養沢']),
    );
    expect(plan.areas.every((a) => a.nameEn)).toBe(true);
  });
});

describe('in-year judging settings (decision 033)', () => {
  const midori = () => readFile('tests/fixtures/midori-town.yaml', 'utf8');
  const withGrades = (text: string, grades: string) =>
    text.replace(/ {2}grades:\n(?: {4}- .*\n)+/, `  grades:\n${grades}`);

  it('judge pro rata, on 達成 / 概ね達成 / 未達, every project a count aimed higher, unless the plan says otherwise', async () => {
    const plan = buildPlan(parsePlanFile('x.yaml', await midori()));
    expect(plan.file.evaluation.inYear).toEqual({ mode: 'pro-rata' });
    expect(gradeScaleOf(plan.file.evaluation).map((g) => [g.code, g.minPercent])).toEqual([
      ['achieved', 95],
      ['nearly', 70],
      ['missed', 0],
    ]);
    expect(plan.projects.map((p) => [p.aim, p.accrual])).toEqual([['higher', 'count']]);
    // a KPI is a level unless it is a running total; its aim follows its target
    expect(plan.kpis.map((k) => [kpiAim(k), kpiAccrual(k)])).toEqual([['lower', 'level']]);
  });

  it("take a quarterly mode, graded S/A/B/C by the plan's thresholds, and a project's aim and accrual", async () => {
    const text = withGrades(
      await midori(),
      [
        '    - { code: S, label: 大きく上回る, minPercent: 110 }',
        '    - { code: A, label: 達成, minPercent: 100 }',
        '    - { code: B, label: 概ね達成, minPercent: 80 }',
        '    - { code: C, label: 未達, minPercent: 0 }',
        '  inYear: { mode: quarterly }',
        '',
      ].join('\n'),
    ).replace(
      'metric: manual\n            targets',
      'metric: manual\n            aim: keep\n            accrual: level\n            targets',
    );
    const plan = buildPlan(parsePlanFile('x.yaml', text));
    expect(plan.file.evaluation.inYear.mode).toBe('quarterly');
    expect(gradeScaleOf(plan.file.evaluation).map((g) => [g.code, g.minPercent])).toEqual([
      ['S', 110],
      ['A', 100],
      ['B', 80],
      ['C', 0],
    ]);
    expect(plan.projects.map((p) => [p.aim, p.accrual])).toEqual([['keep', 'level']]);
  });

  it('refuses thresholds on some grades only, out of order, or not reaching 0', async () => {
    const text = await midori();
    const some = withGrades(
      text,
      '    - { code: A, label: 達成, minPercent: 100 }\n    - { code: B, label: 未達 }\n',
    );
    expect(() => parsePlanFile('x.yaml', some)).toThrow(
      /evaluation\.grades: give minPercent to every grade or to none/,
    );
    const unordered = withGrades(
      text,
      '    - { code: A, label: 達成, minPercent: 80 }\n    - { code: B, label: 概ね, minPercent: 90 }\n    - { code: C, label: 未達, minPercent: 0 }\n',
    );
    expect(() => parsePlanFile('x.yaml', unordered)).toThrow(
      /evaluation\.grades\.1\.minPercent: grades go from the best down/,
    );
    const noFloor = withGrades(
      text,
      '    - { code: A, label: 達成, minPercent: 100 }\n    - { code: B, label: 概ね, minPercent: 50 }\n',
    );
    expect(() => parsePlanFile('x.yaml', noFloor)).toThrow(
      /evaluation\.grades\.1\.minPercent: the last grade must start at 0/,
    );
  });

  it('refuses a judging mode, an aim or an accrual it does not know, and a KPI whose accrual contradicts cumulative', async () => {
    const text = await midori();
    expect(() =>
      parsePlanFile('x.yaml', text.replace('  grades:\n', '  inYear: { mode: monthly }\n  grades:\n')),
    ).toThrow(/evaluation\.inYear\.mode/);
    expect(() =>
      parsePlanFile(
        'x.yaml',
        text.replace(
          'metric: manual\n            targets',
          'metric: manual\n            aim: up\n            targets',
        ),
      ),
    ).toThrow(/aim/);
    expect(() =>
      parsePlanFile(
        'x.yaml',
        text.replace(
          'metric: manual\n            targets',
          'metric: manual\n            accrual: weekly\n            targets',
        ),
      ),
    ).toThrow(/accrual/);
    expect(() =>
      parsePlanFile(
        'x.yaml',
        text.replace(
          '    metric: manual\ndirections',
          '    accrual: cumulative\n    metric: manual\ndirections',
        ),
      ),
    ).toThrow(/kpis\.0\.accrual: a cumulative KPI says so with cumulative: true/);
  });

  it("set Akiruno's plan to pro rata, with るのかーど's shops a level and the map's print run once a year", async () => {
    const plan = buildPlan(await readPlanFile('plans/akiruno.yaml'));
    expect(plan.file.evaluation.inYear.mode).toBe('pro-rata');
    const accrualOf = (code: string) => plan.projects.find((p) => p.code === code)?.accrual;
    expect(accrualOf('runocard')).toBe('level');
    expect(accrualOf('area-map')).toBe('once');
    expect(accrualOf('succession-seminar')).toBe('count');
    expect(plan.kpis.map((k) => [k.code, kpiAim(k), kpiAccrual(k)])).toEqual([
      ['employees', 'keep', 'level'],
      ['shotenkai-members', 'keep', 'level'],
      ['shokokai-membership-rate', 'keep', 'level'],
      ['bista-startups', 'higher', 'cumulative'],
    ]);
  });
});
