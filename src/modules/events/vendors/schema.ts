import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/** A call for vendors (出店募集) for one event, such as a マルシェ day: booths, deadline, conditions, fee. */
export const vendorCalls = pgTable('vendor_calls', {
  id: serial('id').primaryKey(),
  municipalityCode: text('municipality_code').notNull(),
  eventId: integer('event_id').notNull().unique(),
  booths: integer('booths').notNull(),
  /** the last day (Japan time) on which vendors may apply */
  applicationsCloseOn: date('applications_close_on', { mode: 'string' }).notNull(),
  conditions: text('conditions').notNull().default(''),
  /** yen per booth */
  boothFeeYen: integer('booth_fee_yen').notNull().default(0),
  /** set when staff stop taking applications before the deadline; null while the call is open */
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A vendor's application (出店申込), from a business account or a guest. */
export const vendorApplications = pgTable(
  'vendor_applications',
  {
    id: serial('id').primaryKey(),
    callId: integer('call_id').notNull(),
    /** the business account that applied; null for a guest */
    accountId: integer('account_id'),
    businessName: text('business_name').notNull(),
    contactName: text('contact_name').notNull(),
    contactKana: text('contact_kana').notNull(),
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    /** codes of what they sell (vendorGoods) */
    goods: jsonb('goods').$type<string[]>().notNull().default([]),
    goodsNote: text('goods_note').notNull().default(''),
    needsPower: boolean('needs_power').notNull().default(false),
    needsTent: boolean('needs_tent').notNull().default(false),
    booths: integer('booths').notNull(),
    /** the food business permit (営業許可) of a vendor of food */
    foodPermit: text('food_permit').notNull().default(''),
    message: text('message').notNull().default(''),
    /** 'applied' | 'accepted' | 'declined' | 'withdrawn' (by the vendor, before a decision) */
    status: text('status').notNull().default('applied'),
    staffMessage: text('staff_message').notNull().default(''),
    /** the secret of the guest's status link */
    statusToken: text('status_token').notNull().unique(),
    idempotencyKey: text('idempotency_key').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
  },
  (t) => [
    unique('vendor_applications_one_per_form').on(t.callId, t.idempotencyKey),
    index('vendor_applications_call_idx').on(t.callId, t.status),
    index('vendor_applications_account_idx').on(t.accountId),
  ],
);
