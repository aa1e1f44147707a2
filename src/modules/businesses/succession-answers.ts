import { and, eq, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { businesses } from './schema';

/**
 * The succession answers of the profiles whose business agreed that they are counted (decision 034):
 * area, industry, age band and successor status, and the business's number only so that a
 * self-check the same business took is not counted twice. Never a name.
 */
export async function consentedSuccessionAnswers(q: Queryable, municipalityCode: string) {
  return q
    .select({
      businessId: businesses.id,
      area: businesses.area,
      industryMajor: businesses.industryMajor,
      ownerAgeBand: businesses.ownerAgeBand,
      successorStatus: businesses.successorStatus,
    })
    .from(businesses)
    .where(and(eq(businesses.municipalityCode, municipalityCode), isNotNull(businesses.successionConsentAt)));
}
