// The points module owns るのかーど and デジタル商品券 (2-2 キャッシュレス決済の普及): a double-entry
// ledger of points and gift-certificate yen in which every movement is an idempotent request of
// transfers, balances are kept by the database and never go below zero (decision 024); the shops
// that take them, residents' wallets with single-use QR codes, issues, settlement and reports.
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { addNavigation } from '../../platform/ui/navigation';
import type { MetricRegistry } from '../plan';
import { pointsApi } from './api';
import { describePointsAuditEntries } from './audit-words';
import { pointsManageRoutes } from './manage-routes';
import { activeMerchantsMetric, activeUsersMetric, cashlessPaymentsMetric } from './metrics';
import { pointsPermissions } from './permissions';
import { pointsRoutes } from './routes';

export { createGiftCertificateIssue, expireGiftCertificates, recordPurchase } from './issues';
export { checkAmount, type LedgerResult } from './ledger';
export { checkLedger } from './ledger-check';
export { approveShop, enrolShop, withdrawShop } from './participation';
export { awardPoints, chargeAtShop } from './payments';
export { pointsPermissions } from './permissions';
export { programmeRulesOf, setProgrammeRules } from './programme';
export { settleShops } from './settlement';
export { acceptingBusinessIds, joinProgramme } from './shops';
export { reverseRequest, transfer } from './transfers';
export { pointsUnitOf } from './units';
export { walletOf } from './wallet';
export { issueWalletToken } from './wallet-tokens';

export function registerPointsMetrics(registry: MetricRegistry): void {
  registry.register(activeMerchantsMetric);
  registry.register(cashlessPaymentsMetric);
  registry.register(activeUsersMetric);
}

export function pointsModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  describePointsAuditEntries();
  addNavigation(
    {
      href: '/points/wallet',
      label: { ja: 'るのかーど', en: 'るのかーど wallet' },
      permission: pointsPermissions['points.wallet.own'],
    },
    {
      href: '/points/shop',
      label: { ja: 'るのかーど端末', en: 'るのかーど terminal' },
      permission: pointsPermissions['points.shop'],
    },
    {
      href: '/points/manage',
      label: { ja: 'るのかーど事務局', en: 'るのかーど office' },
      permission: pointsPermissions['points.manage'],
    },
  );
  app.route('/', pointsRoutes({ db: deps.database.db }));
  app.route('/', pointsManageRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', pointsApi({ db: deps.database.db, api: deps.api }));
  return app;
}
