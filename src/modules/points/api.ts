import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { type AppEnv, actorOf, requirePermission } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { parseInput } from '../../platform/validation';
import type { LedgerResult } from './ledger';
import { awardPoints, chargeAtShop } from './payments';
import { pointsPermissions as can_ } from './permissions';
import { approvedShopOf } from './shops';
import { walletOf } from './wallet';
import { normaliseWalletCode } from './wallet-tokens';

const TerminalRequest = z.object({
  operation: z.enum(['payment', 'award']).default('payment'),
  walletCode: z.string(),
  amount: z.unknown(),
  idempotencyKey: z.string(),
});

const resultJson = (result: LedgerResult) => ({
  requestId: result.requestId,
  kind: result.kind,
  amount: result.amount,
  replayed: result.replayed,
  createdAt: result.createdAt.toISOString(),
  transfers: result.transfers.map((t) => ({ unitId: t.unitId, amount: t.amount })),
});

/**
 * The terminal and the wallet for programs (a shop's till, the benchmark): the same services as the
 * pages. Refusals answer 4xx with a machine-readable `error.code` (invalid_amount,
 * insufficient_balance, wallet_code_used, wallet_code_expired, unknown_wallet_code,
 * idempotency_key_reused…) and move nothing; ledger_busy (503) asks to retry with the same key.
 */
export function pointsApi({ db, api }: { db: Db; api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  api.add(
    {
      method: 'post',
      path: '/api/v1/points/terminal',
      tag: 'points',
      summary:
        'A shop takes a payment (gift-certificate yen first, then points) or awards points, by the code of the resident’s single-use QR; a retry with the same idempotencyKey returns the first result',
      body: TerminalRequest,
      responses: {
        201: 'The request and its transfers (replayed: true for a retry)',
        403: 'The account’s shop is not approved',
        409: 'The idempotency key was used for another request',
        422: 'A bad amount, a used, expired or unknown code, or too little balance',
      },
    },
    {
      method: 'get',
      path: '/api/v1/points/wallet',
      tag: 'points',
      summary: 'The resident’s own points, gift-certificate balances by issue and history',
      responses: { 200: 'The wallet' },
    },
  );

  app.post('/api/v1/points/terminal', requirePermission(can_['points.shop']), async (c) => {
    const body = parseInput(TerminalRequest, await c.req.json().catch(() => ({})));
    const actor = actorOf(c);
    const shop = await approvedShopOf(db, actor);
    const request = {
      shop,
      payer: { walletCode: normaliseWalletCode(body.walletCode) },
      amount: body.amount,
      idempotencyKey: body.idempotencyKey,
      actor,
    };
    const result =
      body.operation === 'award' ? await awardPoints(db, request) : await chargeAtShop(db, request);
    return c.json(resultJson(result), 201);
  });

  app.get('/api/v1/points/wallet', requirePermission(can_['points.wallet.own']), async (c) => {
    const actor = actorOf(c);
    c.header('cache-control', 'private, no-store');
    return c.json(await walletOf(db, actor.municipalityCode, actor.accountId as number));
  });

  return app;
}
