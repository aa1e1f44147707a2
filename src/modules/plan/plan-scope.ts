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
