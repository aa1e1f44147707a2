import type { Account } from '../../platform/auth/accounts';
import { UserError } from '../../platform/errors';
import type { MetricRegistry } from './metric-registry';
import { buildPlan, type Plan } from './plan';
import { PlanFileError, readPlanFile } from './plan-file';

const noPlanForMunicipality = new UserError('no_plan_for_municipality', 403, {
  ja: 'このアカウントの自治体の計画はまだ登録されていません。市の担当者にお問い合わせください。',
  en: "Your municipality's plan is not loaded here yet. Ask the city office.",
});

/** The plans this deployment serves, one per municipality; the first is shown to visitors. */
export interface PlanCatalogue {
  plans: Plan[];
  defaultPlan: Plan;
  byMunicipality(code: string): Plan | undefined;
  /** the plan of the account's municipality (refused when none is loaded), or the default one for visitors */
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
    planFor: (account) => {
      if (!account) return defaultPlan;
      const plan = byCode.get(account.municipalityCode);
      // another municipality's progress is not this person's to see
      if (!plan) throw noPlanForMunicipality;
      return plan;
    },
  };
}
