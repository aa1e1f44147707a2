import type { AppContext } from '../../platform/http';
import type { Plan, Project } from '../plan';
import type { PlanCatalogue } from '../plan/catalogue';
import type { Area, Category, Organiser } from './pages/components';

/** The metrics of this module that a plan binds to a project, by the kind of event (`category`). */
const eventMetricKeys = new Set(['events.participants', 'events.held', 'events.courses']);

/**
 * The projects of a plan whose actual an event of the category counts for: those bound to one of
 * this module's metrics with that category. Staff see them on the event's page, so that the plan
 * being data is visible where the work is done.
 */
export function projectsCountingEventsOf(plan: Plan, category: string): Project[] {
  return plan.projects.filter(
    (p) => eventMetricKeys.has(p.metric.key) && p.metric.params.category === category,
  );
}

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
    /** The plan's projects an event of the category counts for (projectsCountingEventsOf). */
    projectsCountingOf: (municipalityCode: string, category: string): Project[] => {
      const plan = plans.byMunicipality(municipalityCode);
      return plan ? projectsCountingEventsOf(plan, category) : [];
    },
    /** A visitor sees the events of the default plan's municipality; an account those of its own. */
    municipalityCodeOf: (c: AppContext) =>
      c.get('account')?.municipalityCode ?? plans.defaultPlan.municipalityCode,
  };
}
