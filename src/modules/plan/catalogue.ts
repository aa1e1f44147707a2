import type { Account } from '../../platform/auth/accounts';
import type { MetricRegistry } from './metric-registry';
import { buildPlan, type Plan } from './plan';
import { PlanFileError, readPlanFile } from './plan-file';

/** The plans this deployment serves, one per municipality; the first is shown to visitors. */
export interface PlanCatalogue {
  plans: Plan[];
  defaultPlan: Plan;
  byMunicipality(code: string): Plan | undefined;
  /** the plan of the account's municipality, or the default one for visitors */
  planFor(account: Account | undefined): Plan;
}

export async function loadPlans(files: string[], registry: MetricRegistry): Promise<PlanCatalogue> {
  const plans: Plan[] = [];
  for (const file of files) {
    const plan = buildPlan(await readPlanFile(file));
    const unknown = registry.unknownBindings(plan);
    if (unknown.length > 0) throw new PlanFileError(file, unknown);
    if (plans.some((p) => p.municipalityCode === plan.municipalityCode)) {
      throw new PlanFileError(file, [
        `municipality.code: a plan for ${plan.municipalityCode} is already loaded`,
      ]);
    }
    plans.push(plan);
  }
  const [defaultPlan] = plans;
  if (!defaultPlan) throw new Error('no plan file given (PLAN_FILES)');
  return catalogueOf(plans, defaultPlan);
}

function catalogueOf(plans: Plan[], defaultPlan: Plan): PlanCatalogue {
  const byCode = new Map(plans.map((p) => [p.municipalityCode, p]));
  return {
    plans,
    defaultPlan,
    byMunicipality: (code) => byCode.get(code),
    planFor: (account) => (account && byCode.get(account.municipalityCode)) || defaultPlan,
  };
}
