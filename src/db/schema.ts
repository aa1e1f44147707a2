// Every table, gathered for the query builder. Each module owns its own tables in its schema.ts.
export * from '../modules/businesses/matching-schema';
export * from '../modules/businesses/schema';
export * from '../modules/community/schema';
export * from '../modules/consultations/schema';
export * from '../modules/events/campaigns/schema';
export * from '../modules/events/questions/schema';
export * from '../modules/events/schema';
export * from '../modules/events/vendors/schema';
export * from '../modules/memberships/schema';
export * from '../modules/plan/schema';
export * from '../modules/points/schema';
export * from '../modules/properties/schema';
export * from '../modules/shops/schema';
export * from '../modules/succession/schema';
export * from '../platform/mail/schema';
export * from '../platform/schema';
