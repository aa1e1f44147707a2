import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';

/**
 * City staff open an account for a new member of a shopping-street association; the new person logs
 * in with the password shown once and makes it their own. Every page on the way passes axe-core.
 */
describe('account administration in the browser', () => {
  let journeys: Journeys;
  let admin: Page;
  const email = 'new-member@shotenkai.example';
  let issuedPassword = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    admin = await journeys.loggedInAs('admin');
  });
  afterAll(async () => {
    await journeys?.close();
  });

  async function expectAccessible(page: Page, path: string) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(await accessibilityViolations(page), `axe violations on ${path}`).toEqual([]);
  }

  it('the list of accounts is in the menu of city staff and passes axe', async () => {
    await admin.goto('/');
    await submit(admin, admin.locator('.site-header').getByRole('link', { name: 'アカウント管理' }));
    expect(new URL(admin.url()).pathname).toBe('/admin/accounts');
    expect(await admin.locator('tr[data-account]').count()).toBeGreaterThanOrEqual(7);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await expectAccessible(admin, '/admin/accounts?role=staff&q=%E5%95%86%E5%B7%A5%E4%BC%9A');
    expect(await admin.locator('tr[data-account]').count()).toBe(1);
  });

  it('a wrong form is shown again with its problems, in Japanese, and passes axe', async () => {
    await admin.goto('/admin/accounts/new');
    // the browser takes this address (no dot needed); the server asks for a real one
    await admin.locator('#email').fill('new-member@shotenkai');
    await admin.locator('#displayName').fill('新しい会員');
    await admin.locator('#role').selectOption('association');
    await admin.locator('#passwordChoice-set').check();
    await admin.locator('#password').fill('short');
    await submit(admin, admin.getByRole('button', { name: '作成する' }));
    const alert = admin.getByRole('alert');
    expect(await alert.count()).toBe(1);
    const text = await textOf(alert);
    expect(text).toContain('入力内容に誤りがあります');
    expect(text).toContain('メールアドレス: メールアドレスの形で入力してください');
    expect(text).toContain('初期パスワード: 10文字以上にしてください');
    expect(await admin.locator('#email').getAttribute('aria-invalid')).toBe('true');
    // what was typed stays, except the password
    expect(await admin.locator('#displayName').inputValue()).toBe('新しい会員');
    expect(await admin.locator('#password').inputValue()).toBe('');
    expect(await accessibilityViolations(admin)).toEqual([]);
  });

  it('city staff create the account with a generated password, shown once', async () => {
    await admin.goto('/admin/accounts/new');
    await admin.locator('#email').fill(email);
    await admin.locator('#displayName').fill('商店会 新会員（架空）');
    await admin.locator('#role').selectOption('association');
    await admin.locator('#organisation').selectOption('shotenkai');
    await admin.locator('#passwordChoice-generate').check();
    await submit(admin, admin.getByRole('button', { name: '作成する' }));
    expect(await textOf(admin.locator('h1'))).toBe('アカウントを作成しました');
    issuedPassword = await textOf(admin.locator('[data-generated-password]'));
    expect(issuedPassword).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    expect(await accessibilityViolations(admin)).toEqual([]);

    // sending the same form again makes no second account and says what to do
    await admin.goBack();
    await admin.waitForLoadState('load');
    if ((await admin.locator('#email').inputValue()) === '') await admin.locator('#email').fill(email);
    await admin.locator('#displayName').fill('商店会 新会員（架空）');
    await admin.locator('#role').selectOption('association');
    await admin.locator('#organisation').selectOption('shotenkai');
    await submit(admin, admin.getByRole('button', { name: '作成する' }));
    expect(await textOf(admin.getByRole('alert'))).toContain('すでにあります');
    await admin.goto(`/admin/accounts?q=${encodeURIComponent(email)}`);
    expect(await admin.locator('tr[data-account]').count()).toBe(1);
  });

  it('the new person logs in and changes the password; the old one then stops working', async () => {
    const person = await journeys.visitor();
    await person.goto('/login');
    await person.locator('#email').fill(email);
    await person.locator('#password').fill(issuedPassword);
    await submit(person, person.getByRole('button', { name: 'ログイン' }));
    expect(await textOf(person.locator('.site-header .who'))).toContain('商店会 新会員（架空）');

    await submit(person, person.locator('.site-header').getByRole('link', { name: 'パスワード変更' }));
    expect(await accessibilityViolations(person)).toEqual([]);

    // two different new passwords: refused, with the problem named, and the page still passes axe
    await person.locator('#currentPassword').fill(issuedPassword);
    await person.locator('#newPassword').fill('machizemi-spring-2027');
    await person.locator('#newPasswordAgain').fill('machizemi-autumn-2027');
    await submit(person, person.getByRole('button', { name: 'パスワードを変更する' }));
    expect(await textOf(person.getByRole('alert'))).toContain('同じパスワードを2回入力してください');
    expect(await accessibilityViolations(person)).toEqual([]);

    await person.locator('#currentPassword').fill(issuedPassword);
    await person.locator('#newPassword').fill('machizemi-spring-2027');
    await person.locator('#newPasswordAgain').fill('machizemi-spring-2027');
    await submit(person, person.getByRole('button', { name: 'パスワードを変更する' }));
    expect(await textOf(person.getByRole('status'))).toContain('パスワードを変更しました');

    await submit(person, person.getByRole('button', { name: 'ログアウト' }));
    await person.goto('/login');
    await person.locator('#email').fill(email);
    await person.locator('#password').fill(issuedPassword);
    await submit(person, person.getByRole('button', { name: 'ログイン' }));
    expect(await textOf(person.getByRole('alert'))).toContain('メールアドレスまたはパスワードが違います');
    await person.locator('#password').fill('machizemi-spring-2027');
    await submit(person, person.getByRole('button', { name: 'ログイン' }));
    expect(await textOf(person.locator('.site-header .who'))).toContain('商店会 新会員（架空）');
    // personal data of others stays out of reach
    const response = await person.goto('/admin/accounts');
    expect(response?.status()).toBe(403);
  });

  it('the account page and the audit log show what happened, and pass axe', async () => {
    await admin.goto(`/admin/accounts?q=${encodeURIComponent(email)}`);
    await submit(admin, admin.getByRole('link', { name: '商店会 新会員（架空）' }));
    expect(await accessibilityViolations(admin)).toEqual([]);
    expect(await textOf(admin.locator('dl.facts'))).toContain('商店会');

    await submit(admin, admin.locator('.site-header').getByRole('link', { name: '操作履歴' }));
    expect(await accessibilityViolations(admin)).toEqual([]);
    const actions = await admin
      .locator('tr[data-audit]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-audit')));
    expect(actions.slice(0, 2)).toEqual(['account.password_change', 'account.create']);
    await admin.locator('#filter-entityType').selectOption('account');
    await submit(admin, admin.getByRole('button', { name: '絞り込む' }));
    expect(await admin.locator('tr[data-audit]').count()).toBe(2);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await expectAccessible(admin, '/admin/audit?lang=en');
  });

  it('a wrong date range on the audit log says what to choose and passes axe', async () => {
    await admin.goto('/admin/audit?lang=ja');
    await admin.locator('#filter-from').fill('2026-05-01');
    await admin.locator('#filter-to').fill('2026-04-01');
    await submit(admin, admin.getByRole('button', { name: '絞り込む' }));
    expect(await textOf(admin.getByRole('alert'))).toContain('開始日より後の日付にしてください');
    expect(await accessibilityViolations(admin)).toEqual([]);
  });
});
