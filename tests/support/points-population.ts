import type { Db } from '../../src/db/connection';
import { businesses } from '../../src/modules/businesses/schema';
import { executeLedgerRequest } from '../../src/modules/points/ledger';
import { ledgerAccounts, pointsShops } from '../../src/modules/points/schema';
import type { Shop } from '../../src/modules/points/shops';
import { pointsUnitOf } from '../../src/modules/points/units';
import { createAccount } from '../../src/platform/auth/accounts';
import { accounts } from '../../src/platform/schema';

export const populationMunicipality = '132284';
export const populationPassword = 'points-population-2026';

export interface Population {
  /** every resident, those who can log in first */
  residentIds: number[];
  /** the e-mail addresses of the residents who can log in (with `populationPassword`) */
  loginEmails: string[];
  shops: Shop[];
}

/**
 * Residents holding points and approved shops, written in bulk, for the ledger's benchmark and
 * fault test: `residents` residents of whom the first `withLogin` can log in, `shops` shops
 * of fictitious businesses, every resident granted `points` points by one request.
 */
export async function populateLedger(
  db: Db,
  options: { residents: number; withLogin: number; shops: number; points: number; label: string },
): Promise<Population> {
  const { label } = options;
  const loginEmails = Array.from({ length: options.withLogin }, (_, i) => `${label}-login-${i}@example.test`);
  const residentIds: number[] = [];
  for (const email of loginEmails) {
    const account = await createAccount(db, {
      municipalityCode: populationMunicipality,
      email,
      displayName: `${label}利用者（ログイン）`,
      role: 'resident',
      password: populationPassword,
    });
    residentIds.push(account.id);
  }
  for (let from = options.withLogin; from < options.residents; from += 1000) {
    const rows = await db
      .insert(accounts)
      .values(
        Array.from({ length: Math.min(1000, options.residents - from) }, (_, i) => ({
          municipalityCode: populationMunicipality,
          email: `${label}-${from + i}@example.test`,
          displayName: `${label}利用者${from + i}`,
          role: 'resident',
          // no password can match: these residents only pay through the service layer
          passwordHash: 'no-login',
        })),
      )
      .returning({ id: accounts.id });
    residentIds.push(...rows.map((r) => r.id));
  }
  const owners = await db
    .insert(businesses)
    .values(
      Array.from({ length: options.shops }, (_, i) => ({
        municipalityCode: populationMunicipality,
        status: 'approved' as const,
        name: `${label}商店${i}（架空）`,
        kana: `しょうてん${i}`,
        legalForm: 'sole' as const,
        industryMajor: 'I',
        address: `あきる野市二宮${i}`,
      })),
    )
    .returning({ id: businesses.id });
  const shops = (await db
    .insert(pointsShops)
    .values(
      owners.map((b, i) => ({
        municipalityCode: populationMunicipality,
        businessId: b.id,
        businessName: `${label}商店${i}（架空）`,
        status: 'approved' as const,
        shopCode: `${label.toUpperCase()}${String(i).padStart(3, '0')}`,
        approvedAt: new Date(),
      })),
    )
    .returning()) as Shop[];
  const unitId = await pointsUnitOf(db, populationMunicipality);
  for (let from = 0; from < residentIds.length; from += 1000) {
    await db
      .insert(ledgerAccounts)
      .values(
        residentIds
          .slice(from, from + 1000)
          .map((holderId) => ({ unitId, holder: 'resident' as const, holderId })),
      )
      .onConflictDoNothing();
  }
  await db.insert(ledgerAccounts).values({ unitId, holder: 'issuer' }).onConflictDoNothing();
  const held = await db.select({ id: ledgerAccounts.id, holder: ledgerAccounts.holder }).from(ledgerAccounts);
  const issuer = held.find((a) => a.holder === 'issuer')?.id as number;
  await executeLedgerRequest(
    db,
    {
      municipalityCode: populationMunicipality,
      idempotencyKey: `${label}-grant`,
      kind: 'grant',
      fingerprint: `${label}-grant`,
    },
    async () =>
      held
        .filter((a) => a.holder === 'resident')
        .map((a) => ({ unitId, debitAccountId: issuer, creditAccountId: a.id, amount: options.points })),
  );
  return { residentIds, loginEmails, shops };
}
