import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { accruals, judgingModes } from './in-year';
import { directions } from './progress';

/**
 * The format of a plan file (plans/*.yaml or .json). A municipality's whole plan is data:
 * any number of directions, measures, projects, KPIs and fiscal years.
 */
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"');
const localisedTitle = { title: z.string().min(1), titleEn: z.string().min(1).optional() };
const metricBinding = z.union([
  z.literal('manual'),
  z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'a metric key such as "events.participants"'),
  z.strictObject({
    key: z.string().min(1),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  }),
]);
const fiscalYear = z.coerce.number().int().min(1989).max(2200);
/** how the figure grows within a fiscal year, for in-year judging (decision 033) */
const accrual = z.enum(accruals);

const ProjectSchema = z.strictObject({
  code,
  ...localisedTitle,
  /** what is counted, e.g. 参加者数 */
  indicator: z.string().min(1),
  unit: z.string().min(1),
  isNew: z.boolean().default(false),
  metric: metricBinding,
  /**
   * What the target aims at: higher (more is better), lower (less is better) or keep (維持: hold the
   * year's target). Not `direction`, which is the 基本的方向性 a project belongs to.
   */
  aim: z.enum(directions).default('higher'),
  /** a yearly count unless the plan says otherwise (decision 033) */
  accrual: accrual.default('count'),
  targets: z.record(z.string().regex(/^\d{4}$/, 'a fiscal year such as 2026'), z.number().nonnegative()),
  notes: z.array(z.string()).default([]),
});

const MeasureSchema = z.strictObject({
  code,
  ...localisedTitle,
  priority: z.boolean().default(false),
  projects: z.array(ProjectSchema).min(1),
});

const DirectionSchema = z.strictObject({
  code,
  ...localisedTitle,
  measures: z.array(MeasureSchema).min(1),
});

const KpiSchema = z.strictObject({
  code,
  ...localisedTitle,
  unit: z.string().min(1),
  cumulative: z.boolean().default(false),
  /** in-year judging: a level (default), or cumulative for a running total; see decision 033 */
  accrual: accrual.optional(),
  baseline: z.strictObject({ value: z.number().nonnegative(), note: z.string().optional() }),
  /** keep (維持): the target is the baseline; value: a figure to reach; lower: at most the value */
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('keep') }),
    z.strictObject({ kind: z.literal('value'), value: z.number().nonnegative() }),
    z.strictObject({ kind: z.literal('lower'), value: z.number().nonnegative() }),
  ]),
  metric: metricBinding,
});

export const PlanFileSchema = z
  .strictObject({
    id: code,
    municipality: z.strictObject({
      code: z.string().regex(/^\d{6}$/, '6-digit 全国地方公共団体コード'),
      name: z.string().min(1),
      nameEn: z.string().optional(),
      prefecture: z.string().min(1),
    }),
    ...localisedTitle,
    period: z.strictObject({ from: fiscalYear, to: fiscalYear }),
    baselineYear: fiscalYear,
    vision: z.strictObject({ ...localisedTitle, summary: z.string().optional() }),
    sdgs: z.array(z.strictObject({ goal: z.number().int().min(1).max(17), ...localisedTitle })).default([]),
    evaluation: z.strictObject({
      achievedPercent: z.number().positive(),
      nearlyAchievedPercent: z.number().positive(),
      /**
       * The grades of the CHECK, best first. With `minPercent` on every grade they are also the
       * scale of the in-year grade (e.g. S ≥ 110, A ≥ 100, B ≥ 80, C ≥ 0); without, the in-year
       * grade is 達成 / 概ね達成 / 未達 at the two percents above.
       */
      grades: z
        .array(
          z.strictObject({
            code,
            label: z.string(),
            labelEn: z.string().optional(),
            minPercent: z.number().nonnegative().optional(),
          }),
        )
        .min(1),
      /** in-year judging: by the days of the fiscal year gone (pro-rata) or by completed quarters */
      inYear: z
        .strictObject({ mode: z.enum(judgingModes).default('pro-rata') })
        .default({ mode: 'pro-rata' }),
    }),
    kpis: z.array(KpiSchema).default([]),
    directions: z.array(DirectionSchema).min(1),
    organisations: z
      .array(
        z.strictObject({
          code,
          name: z.string().min(1),
          nameEn: z.string().optional(),
          roles: z.array(z.string()),
        }),
      )
      .default([]),
    /** the kinds of event the municipality holds, named by the modules that count them (events.*) */
    eventCategories: z.array(z.strictObject({ code, ...localisedTitle })).default([]),
    /** the areas of the municipality (地区, station areas) that events are found by; none: no area filter */
    areas: z
      .array(
        z.strictObject({
          code,
          name: z.string().min(1),
          nameEn: z.string().min(1).optional(),
          /** where the area is found on a map (its station): a shop without an area is placed in the nearest */
          center: z
            .strictObject({ latitude: z.number().min(20).max(46), longitude: z.number().min(122).max(154) })
            .optional(),
        }),
      )
      .default([]),
    /**
     * The municipality's extent on the map (a box of latitude and longitude in degrees): a business's
     * map position must fall inside it. None: any position in Japan.
     */
    bounds: z
      .strictObject({
        south: z.number().min(20).max(46),
        west: z.number().min(122).max(154),
        north: z.number().min(20).max(46),
        east: z.number().min(122).max(154),
      })
      .optional(),
  })
  .superRefine((plan, ctx) => {
    if (plan.period.to < plan.period.from) {
      ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: 'must not be before period.from' });
    }
    if (plan.baselineYear >= plan.period.from) {
      ctx.addIssue({ code: 'custom', path: ['baselineYear'], message: 'must be before period.from' });
    }
    if (plan.evaluation.nearlyAchievedPercent > plan.evaluation.achievedPercent) {
      ctx.addIssue({
        code: 'custom',
        path: ['evaluation', 'nearlyAchievedPercent'],
        message: 'must not exceed achievedPercent',
      });
    }
    const grades = plan.evaluation.grades;
    const withThresholds = grades.filter((g) => g.minPercent !== undefined);
    if (withThresholds.length > 0 && withThresholds.length < grades.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['evaluation', 'grades'],
        message: 'give minPercent to every grade or to none',
      });
    } else if (withThresholds.length > 0) {
      grades.forEach((g, i) => {
        const before = grades[i - 1]?.minPercent;
        if (before !== undefined && (g.minPercent ?? 0) >= before) {
          ctx.addIssue({
            code: 'custom',
            path: ['evaluation', 'grades', i, 'minPercent'],
            message: 'grades go from the best down: each minPercent must be below the one before',
          });
        }
      });
      if (grades.at(-1)?.minPercent !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['evaluation', 'grades', grades.length - 1, 'minPercent'],
          message: 'the last grade must start at 0, so that every figure has a grade',
        });
      }
    }
    plan.kpis.forEach((k, i) => {
      if (k.accrual === 'cumulative' && !k.cumulative) {
        ctx.addIssue({
          code: 'custom',
          path: ['kpis', i, 'accrual'],
          message: 'a cumulative KPI says so with cumulative: true',
        });
      }
      if (k.cumulative && k.accrual !== undefined && k.accrual !== 'cumulative') {
        ctx.addIssue({
          code: 'custom',
          path: ['kpis', i, 'accrual'],
          message: 'a KPI with cumulative: true is a running total; leave accrual out',
        });
      }
    });
    const categories = new Set(plan.eventCategories.map((c) => c.code));
    const checkCategory = (metric: z.infer<typeof metricBinding>, path: (string | number)[]) => {
      const category = typeof metric === 'object' ? metric.params.category : undefined;
      if (category !== undefined && !categories.has(String(category))) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'metric', 'params', 'category'],
          message: `"${category}" is not one of eventCategories (${[...categories].join(', ') || 'none declared'})`,
        });
      }
    };
    const seen = new Map<string, string>();
    const claim = (kind: string, value: string, path: (string | number)[]) => {
      const key = `${kind}:${value}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path, message: `duplicate ${kind} code "${value}"` });
      }
      seen.set(key, path.join('.'));
    };
    plan.kpis.forEach((k, i) => {
      claim('kpi', k.code, ['kpis', i, 'code']);
      checkCategory(k.metric, ['kpis', i]);
    });
    plan.eventCategories.forEach((c, i) => {
      claim('event category', c.code, ['eventCategories', i, 'code']);
    });
    plan.areas.forEach((a, i) => {
      claim('area', a.code, ['areas', i, 'code']);
    });
    plan.directions.forEach((d, di) => {
      claim('direction', d.code, ['directions', di, 'code']);
      d.measures.forEach((m, mi) => {
        claim('measure', m.code, ['directions', di, 'measures', mi, 'code']);
        m.projects.forEach((p, pi) => {
          const path = ['directions', di, 'measures', mi, 'projects', pi];
          claim('project', p.code, [...path, 'code']);
          checkCategory(p.metric, path);
          for (const year of Object.keys(p.targets)) {
            const fy = Number(year);
            if (fy < plan.period.from || fy > plan.period.to) {
              ctx.addIssue({
                code: 'custom',
                path: [...path, 'targets', year],
                message: `fiscal year ${year} is outside the plan period ${plan.period.from}–${plan.period.to}`,
              });
            }
          }
        });
      });
    });
  });

export type PlanFile = z.infer<typeof PlanFileSchema>;

export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `計画ファイル ${file} を読み込めません (cannot load plan file):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'PlanFileError';
  }
}

/** Parses and validates the text of a plan file; the error names the file, the path inside it and the problem. */
export function parsePlanFile(file: string, text: string): PlanFile {
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new PlanFileError(file, [
      `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    ]);
  }
  const parsed = PlanFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PlanFileError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

export async function readPlanFile(file: string): Promise<PlanFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PlanFileError(file, [
      `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? error}`,
    ]);
  }
  return parsePlanFile(file, text);
}
