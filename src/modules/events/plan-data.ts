import type { AppContext } from '../../platform/http';
import type { PlanCatalogue } from '../plan/catalogue';
import type { Area, Category, Organiser } from './pages/components';

/** What a municipality's plan file says about its events, as the routes of this module read it. */
export function eventPlanData(plans: PlanCatalogue) {
  const fileOf = (municipalityCode: string) => plans.byMunicipality(municipalityCode)?.file;
  return {
    /** The organisations of 第5章 in a municipality's plan, which organise its events. */
    organisersOf: (municipalityCode: string): Organiser[] => fileOf(municipalityCode)?.organisations ?? [],
    /** The kinds of event a municipality's plan declares (`eventCategories`). */
    categoriesOf: (municipalityCode: string): Category[] => fileOf(municipalityCode)?.eventCategories ?? [],
    /** The areas of the municipality its plan names (`areas`), by which events are found. */
    areasOf: (municipalityCode: string): Area[] => fileOf(municipalityCode)?.areas ?? [],
    /** The municipality as its plan names it: code, name, prefecture. */
    municipalityOf: (municipalityCode: string) => fileOf(municipalityCode)?.municipality,
    /** A visitor sees the events of the default plan's municipality; an account those of its own. */
    municipalityCodeOf: (c: AppContext) =>
      c.get('account')?.municipalityCode ?? plans.defaultPlan.municipalityCode,
  };
}
