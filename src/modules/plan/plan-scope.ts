import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Plan } from './plan';

/** The rows of one municipality's plan: every query of this module's tables is narrowed by it. */
export function ofPlan(
  table: { municipalityCode: PgColumn; planId: PgColumn },
  plan: Pick<Plan, 'municipalityCode' | 'id'>,
): SQL {
  return and(eq(table.municipalityCode, plan.municipalityCode), eq(table.planId, plan.id)) as SQL;
}

/** The rows of one project's fiscal year in a plan's table (its review, the committee's opinion). */
export function ofProjectYear(
  table: { municipalityCode: PgColumn; planId: PgColumn; projectCode: PgColumn; fiscalYear: PgColumn },
  plan: Pick<Plan, 'municipalityCode' | 'id'>,
  projectCode: string,
  fiscalYear: number,
): SQL {
  return and(
    ofPlan(table, plan),
    eq(table.projectCode, projectCode),
    eq(table.fiscalYear, fiscalYear),
  ) as SQL;
}
