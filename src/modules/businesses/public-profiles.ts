import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { type BusinessRow, businesses } from './schema';

// What other modules read of the directory (the shop map, its paper edition): the approved
// businesses' public fields, the same as their public page shows. Never the private fields
// (contact person, phone, owner's age band) or the search columns.

const publicColumns = {
  id: businesses.id,
  accountId: businesses.accountId,
  name: businesses.name,
  kana: businesses.kana,
  industryMajor: businesses.industryMajor,
  industryMiddle: businesses.industryMiddle,
  address: businesses.address,
  area: businesses.area,
  latitude: businesses.latitude,
  longitude: businesses.longitude,
  tags: businesses.tags,
  products: businesses.products,
  description: businesses.description,
  website: businesses.website,
  sns: businesses.sns,
};

/** An approved business as the public reads it; `accountId` (the account keeping it) is for joins, not for display. */
export type PublicBusiness = Pick<BusinessRow, keyof typeof publicColumns>;

/**
 * The approved businesses of a municipality (those of `ids` only, when given), in kana order, with
 * their public fields.
 */
export async function publicBusinesses(
  q: Queryable,
  municipalityCode: string,
  ids?: readonly number[],
): Promise<PublicBusiness[]> {
  if (ids && ids.length === 0) return [];
  return q
    .select(publicColumns)
    .from(businesses)
    .where(
      and(
        eq(businesses.municipalityCode, municipalityCode),
        eq(businesses.status, 'approved'),
        ids ? inArray(businesses.id, [...ids]) : undefined,
      ),
    )
    .orderBy(asc(businesses.kana), asc(businesses.id));
}
