import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection';
import { ledgerUnits } from './schema';

/** The municipality's unit of points (るのかーど), created the first time it is needed. */
export async function pointsUnitOf(q: Db | Tx, municipalityCode: string): Promise<number> {
  const find = () =>
    q
      .select({ id: ledgerUnits.id })
      .from(ledgerUnits)
      .where(and(eq(ledgerUnits.municipalityCode, municipalityCode), eq(ledgerUnits.kind, 'points')));
  const [found] = await find();
  if (found) return found.id;
  await q
    .insert(ledgerUnits)
    .values({ municipalityCode, kind: 'points', name: 'るのかーど ポイント' })
    .onConflictDoNothing();
  const [created] = await find();
  if (!created) throw new Error(`points unit of ${municipalityCode} could not be created`);
  return created.id;
}

/** A new unit of yen for one gift-certificate issue. */
export async function createGiftUnit(tx: Tx, municipalityCode: string, name: string): Promise<number> {
  const [unit] = await tx
    .insert(ledgerUnits)
    .values({ municipalityCode, kind: 'gift', name })
    .returning({ id: ledgerUnits.id });
  if (!unit) throw new Error('gift unit not created');
  return unit.id;
}
