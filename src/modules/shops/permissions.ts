import { declarePermissions } from '../../platform/auth/roles';

/**
 * The shop map and each shop's page are public. A business keeps its own shop details; the
 * 商工会 and the city (support staff and admins) assemble and print the paper map's editions and
 * record their print runs (decision 029).
 */
export const shopPermissions = declarePermissions({
  'shops.own': ['business'],
  'shops.paper-map': ['staff', 'admin'],
});
