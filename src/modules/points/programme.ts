import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import type { FormValues } from '../../platform/forms';
import { isIssuerStaff } from './issuer';
import { pointsProgrammes } from './schema';
import { notIssuerStaff } from './shops';

export interface ProgrammeRules {
  /** 1 point per this many yen spent */
  yenPerPoint: number;
  /** points pay at a shop (1 point = 1 yen) after gift-certificate value */
  pointsPay: boolean;
  /** the organisation whose staff run the programme with the city's admins */
  issuerOrganisation: string;
}

export async function programmeRulesOf(q: Queryable, municipalityCode: string): Promise<ProgrammeRules> {
  const [row] = await q
    .select()
    .from(pointsProgrammes)
    .where(eq(pointsProgrammes.municipalityCode, municipalityCode));
  return {
    yenPerPoint: row?.yenPerPoint ?? 100,
    pointsPay: row?.pointsPay ?? true,
    issuerOrganisation: row?.issuerOrganisation ?? 'shokokai',
  };
}

const yenPerPointLimits = { min: 1, max: 100_000 };

/**
 * The issuer's staff set the programme's rules: how many yen earn one point, and whether points
 * pay at a shop. A value that is not a whole number in range is refused and nothing changes; the
 * change is audited, and applies to the next purchase.
 */
export async function setProgrammeRules(db: Db, actor: Actor, input: FormValues): Promise<ProgrammeRules> {
  if (!(await isIssuerStaff(db, actor))) throw notIssuerStaff();
  const typed = (input.yenPerPoint ?? '').normalize('NFKC').replace(/[,円\s]/g, '');
  const yenPerPoint = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
  if (!(yenPerPoint >= yenPerPointLimits.min && yenPerPoint <= yenPerPointLimits.max)) {
    throw new UserError('invalid_points_rate', 422, {
      ja: `付与率は「何円ごとに1ポイント」かを${yenPerPointLimits.min}〜${yenPerPointLimits.max.toLocaleString('ja-JP')}の整数で入力してください（例：100）。`,
      en: `Enter how many yen earn one point as a whole number from ${yenPerPointLimits.min} to ${yenPerPointLimits.max.toLocaleString('en')} (e.g. 100).`,
    });
  }
  const pointsPay = input.pointsPay === 'on';
  const before = await programmeRulesOf(db, actor.municipalityCode);
  const values = { yenPerPoint, pointsPay, updatedBy: actor.accountId, updatedAt: new Date() };
  await db.transaction(async (tx) => {
    await tx
      .insert(pointsProgrammes)
      .values({ municipalityCode: actor.municipalityCode, ...values })
      .onConflictDoUpdate({ target: pointsProgrammes.municipalityCode, set: values });
    await recordAudit(tx, actor, {
      action: 'points_programme.update',
      entityType: 'points_programme',
      entityKey: actor.municipalityCode,
      before: { yenPerPoint: before.yenPerPoint, pointsPay: before.pointsPay },
      after: { yenPerPoint, pointsPay },
    });
  });
  return programmeRulesOf(db, actor.municipalityCode);
}
