import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/modules/points';
import type { Wallet } from '../../src/modules/points/wallet';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { startInstance } from './helpers';

const today = todayInJapan();

interface ApiError {
  error: { code: string };
}

/** The wallet, the terminal and the office through HTTP, as a phone and a till use them. */
describe.each(testDatabaseKinds())('るのかーど through HTTP (%s)', (kind) => {
  let t: TestInstance;
  let office: TestClient;
  let resident: TestClient;
  let shop: TestClient;
  let issuePath = '';

  beforeAll(async () => {
    t = await startInstance(kind);
    office = await new TestClient(t.app).logInAs('shokokai');
    resident = await new TestClient(t.app).logInAs('resident');
    shop = await new TestClient(t.app).logInAs('seiko');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const walletCode = async () => {
    const page = await (await resident.postForm('/points/wallet/code', {})).text();
    const code = /data-field="wallet-code">([A-Z0-9-]+)</.exec(page)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/);
    return code as string;
  };
  const terminal = (json: unknown) => shop.postJson('/api/v1/points/terminal', json);

  it('lets a shop join, and the 商工会 approve it, but not Bi@Sta', async () => {
    expect((await shop.get('/points/shop')).status).toBe(200);
    expect((await shop.postForm('/points/shop/join', {})).status).toBe(303);
    const page = await (await office.get('/points/manage')).text();
    const shopId = /action="\/points\/manage\/shops\/(\d+)\/approve"/.exec(page)?.[1];
    const bista = await new TestClient(t.app).logInAs('bista');
    expect((await bista.postForm(`/points/manage/shops/${shopId}/approve`, {})).status).toBe(403);
    expect((await office.postForm(`/points/manage/shops/${shopId}/approve`, {})).status).toBe(303);
    expect(await (await shop.get('/points/shop')).text()).toContain('るのかーど端末');
  });

  it('sells a certificate at the counter: refuses a bad form with what to fix, then credits 13,000円', async () => {
    const refused = await office.postForm('/points/manage/issues', {
      name: '',
      priceYen: '10000',
      faceValueYen: '9000',
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('入力内容に誤りがあります');
    const created = await office.postForm('/points/manage/issues', {
      name: 'HTTPテスト商品券（架空）',
      priceYen: '10,000',
      faceValueYen: '１３０００',
      salesFrom: today,
      salesUntil: today,
      validUntil: today,
      perPersonLimit: '2',
      totalSets: '100',
    });
    expect(created.status).toBe(303);
    issuePath = (created.headers.get('location') ?? '').split('?')[0] as string;
    const sale = {
      email: 'resident@demo.tsunagu.example',
      sets: '1',
      paymentMethod: 'cash',
      idempotencyKey: 'http-test-sale-0001',
    };
    expect((await office.postForm(`${issuePath}/sales`, sale)).status).toBe(303);
    // the same form sent again (a double tap): one sale
    expect((await office.postForm(`${issuePath}/sales`, sale)).status).toBe(303);
    const wallet = (await (await resident.get('/api/v1/points/wallet')).json()) as Wallet;
    expect(wallet.gifts).toEqual([
      expect.objectContaining({ name: 'HTTPテスト商品券（架空）', balance: 13_000 }),
    ]);
  });

  it('charges by the resident’s QR code through the API; refusals say why with a code and move nothing', async () => {
    const code = await walletCode();
    const bad = await terminal({ walletCode: code, amount: 0, idempotencyKey: 'http-test-pay-0000' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ApiError).error.code).toBe('invalid_amount');
    const tooMuch = await terminal({
      walletCode: code,
      amount: 13_001,
      idempotencyKey: 'http-test-pay-0001',
    });
    expect(((await tooMuch.json()) as ApiError).error.code).toBe('insufficient_balance');
    const paid = await terminal({ walletCode: code, amount: 3_000, idempotencyKey: 'http-test-pay-0002' });
    expect(paid.status).toBe(201);
    const first = (await paid.json()) as object;
    const retried = await (
      await terminal({ walletCode: code, amount: 3_000, idempotencyKey: 'http-test-pay-0002' })
    ).json();
    expect(retried).toEqual({ ...first, replayed: true });
    const reused = await terminal({ walletCode: code, amount: 1, idempotencyKey: 'http-test-pay-0003' });
    expect(((await reused.json()) as ApiError).error.code).toBe('wallet_code_used');
    const otherRequest = await terminal({
      walletCode: code,
      amount: 2_999,
      idempotencyKey: 'http-test-pay-0002',
    });
    expect(otherRequest.status).toBe(409);
    expect(((await otherRequest.json()) as ApiError).error.code).toBe('idempotency_key_reused');
    const wallet = (await (await resident.get('/api/v1/points/wallet')).json()) as Wallet;
    expect(wallet.gifts[0]?.balance).toBe(10_000);
  });

  it('takes a payment and awards points on the terminal page, and refunds from today’s list', async () => {
    const charged = await shop.postForm('/points/shop/terminal', {
      operation: 'payment',
      amount: '1,000',
      walletCode: (await walletCode()).toLowerCase(),
      idempotencyKey: 'http-test-form-0001',
    });
    expect(charged.status).toBe(303);
    const page = await (await shop.get(charged.headers.get('location') as string)).text();
    expect(page).toContain('1,000円を受け取りました。');
    const awarded = await shop.postForm('/points/shop/terminal', {
      operation: 'award',
      amount: '1000',
      walletCode: await walletCode(),
      idempotencyKey: 'http-test-form-0002',
    });
    expect(await (await shop.get(awarded.headers.get('location') as string)).text()).toContain(
      '10ポイントを付与しました。',
    );
    const requestId = /name="requestId" value="(\d+)"/.exec(page)?.[1];
    const refunded = await shop.postForm('/points/shop/refunds', {
      requestId: requestId as string,
      idempotencyKey: `refund-${requestId}`,
    });
    expect(refunded.status).toBe(303);
    const again = await shop.postForm('/points/shop/refunds', {
      requestId: requestId as string,
      idempotencyKey: 'refund-other-key',
    });
    expect(again.status).toBe(409);
    const wallet = (await (await resident.get('/api/v1/points/wallet')).json()) as Wallet;
    expect(wallet).toMatchObject({ points: 10, gifts: [expect.objectContaining({ balance: 10_000 })] });
  });

  it('gives the shop a monthly statement, and the office a settlement, that match the journal', async () => {
    const csv = await (await shop.get(`/points/shop/statement.csv?month=${today.slice(0, 7)}`)).text();
    const total = csv.split('\r\n').find((line) => line.startsWith('合計'));
    // 3,000 + 1,000 taken, 1,000 refunded; 10 points awarded
    expect(total).toBe('合計,,,3000,0,10,,');
    const history = await (
      await office.get('/points/manage/residents?email=resident@demo.tsunagu.example')
    ).text();
    expect(history).toContain('返金済み');
    expect(await checkLedger(t.database.db)).toEqual([]);
    const outstanding = await (await office.get(`/points/manage/outstanding?date=${today}`)).text();
    expect(outstanding).toContain('未使用残高の合計：10,000円');
  });
});
