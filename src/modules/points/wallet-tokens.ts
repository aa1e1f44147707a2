import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { walletTokens } from './schema';

/** How long a resident's QR works: long enough to hand the phone over, short enough to be useless later. */
export const walletTokenSeconds = 120;

// 32 letters and digits a person can read aloud and type: no 0/O, 1/I/L
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const hashOfWalletCode = (code: string) =>
  createHash('sha256').update(normaliseWalletCode(code)).digest('hex');

/** 「abcd-efgh-jk」 or 「ABCD EFGH JK」 as typed at a till: the code itself. */
export function normaliseWalletCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** The code shown under the QR, in groups of four for reading aloud. */
export function groupedWalletCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * A new short-lived, single-use code for the resident's QR (10 characters, 50 bits). Only its hash
 * is kept: the code itself lives on the resident's screen.
 */
export async function issueWalletToken(
  db: Db,
  actor: Actor,
  now = new Date(),
): Promise<{ code: string; expiresAt: Date }> {
  if (actor.accountId === null) throw new Error('a wallet code needs an account');
  const code = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
  const expiresAt = new Date(now.getTime() + walletTokenSeconds * 1000);
  await db.insert(walletTokens).values({
    municipalityCode: actor.municipalityCode,
    residentAccountId: actor.accountId,
    tokenHash: hashOfWalletCode(code),
    expiresAt,
  });
  return { code, expiresAt };
}

export const walletCodeUsed = () =>
  new UserError('wallet_code_used', 422, {
    ja: 'このQRコードはすでに使われました。お客様に新しいQRコードを表示してもらってください。',
    en: 'This QR code has already been used. Ask the customer to show a new one.',
  });

/**
 * The resident behind a code shown at a till, while the code is unused and unexpired. The code is
 * marked used by the payment's own statement (ledger_post), which refuses it if another payment
 * took it in between: it works once, and a payment that fails leaves it unused.
 */
export async function walletCodeHolder(
  q: Db,
  municipalityCode: string,
  code: string,
  now = new Date(),
): Promise<{ tokenId: number; residentAccountId: number }> {
  const [known] = await q
    .select({
      tokenId: walletTokens.id,
      residentAccountId: walletTokens.residentAccountId,
      usedAt: walletTokens.usedAt,
      expiresAt: walletTokens.expiresAt,
    })
    .from(walletTokens)
    .where(
      and(
        eq(walletTokens.tokenHash, hashOfWalletCode(code)),
        eq(walletTokens.municipalityCode, municipalityCode),
      ),
    );
  if (!known) {
    throw new UserError('unknown_wallet_code', 422, {
      ja: 'このQRコード（コード）は使えません。お客様に新しいQRコードを表示してもらってください。',
      en: 'This QR code is not valid. Ask the customer to show a new one.',
    });
  }
  if (known.usedAt) throw walletCodeUsed();
  if (known.expiresAt <= now) {
    throw new UserError('wallet_code_expired', 422, {
      ja: `このQRコードは有効期限（${walletTokenSeconds / 60}分）が切れました。新しいQRコードを表示してもらってください。`,
      en: `This QR code has expired (it works for ${walletTokenSeconds / 60} minutes). Ask for a new one.`,
    });
  }
  return { tokenId: Number(known.tokenId), residentAccountId: known.residentAccountId };
}
