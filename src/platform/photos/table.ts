import { type AnyPgColumn, customType, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * The photos of one kind of record (a listing, a business): the same columns for every kind, with
 * `ownerId` the record they belong to, deleted with it. The bytes are an image as `acceptImage` keeps
 * it (src/platform/images.ts).
 */
export function photoTable(name: string, ownerColumn: string, owner: () => AnyPgColumn) {
  return pgTable(name, {
    id: serial('id').primaryKey(),
    ownerId: integer(ownerColumn).notNull().references(owner, { onDelete: 'cascade' }),
    contentType: text('content_type').notNull(),
    data: bytea('data').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    caption: text('caption').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  });
}

export type PhotoTable = ReturnType<typeof photoTable>;

/** A photo as pages show it, without its bytes. */
export interface PhotoView {
  id: number;
  width: number;
  height: number;
  caption: string;
}
