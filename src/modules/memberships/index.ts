// The memberships module keeps the member lists of the 商店会 and the 商工会 (plan 2-1, 第5章): members
// with their fees per fiscal year, join requests sent online by businesses, and the two outcome KPIs
// 商店会の会員数 and 商工会の加入率, whose denominator staff enter with its source (decision 032).
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import { addNavigation } from '../../platform/ui/navigation';
import type { MetricRegistry } from '../plan';
import { membershipMetrics } from './metrics';
import { membershipPermissions } from './permissions';
import { membershipRoutes } from './routes';
import { describeMembershipAuditEntries } from './words';

export { addBody } from './bodies';
export { enterDenominator } from './counts';
export { decideRequest, requestToJoin } from './join-service';
export { addMember, recordFee, recordLeaving } from './member-service';
export { membershipPermissions } from './permissions';

export function registerMembershipMetrics(registry: MetricRegistry): void {
  for (const metric of membershipMetrics) registry.register(metric);
}

export function membershipsModule(deps: AppDependencies) {
  const app = new Hono<AppEnv>();
  describeMembershipAuditEntries();
  addNavigation(
    { href: '/memberships', label: { ja: '商店会・商工会', en: 'Associations' } },
    {
      href: '/memberships/statistics',
      label: { ja: '会員数と加入率', en: 'Members and rate' },
      permission: membershipPermissions['memberships.oversee'],
    },
  );
  app.route('/', membershipRoutes({ db: deps.database.db, plans: deps.plans }));
  return app;
}
