import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed';
import {
  approveBusiness,
  contactAboutPost,
  postNeedOrOffer,
  saveOwnProfile,
  sendMessage,
} from '../../src/modules/businesses';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

/**
 * A profile's contact person and phone are private: the other party of a thread sees them once the
 * business has written in it, nobody else ever; the owner's age band is shown to no one else.
 */
describe.each(testDatabaseKinds())('contact details inside a thread (%s)', (kind) => {
  let t: TestInstance;
  const people = {
    maker: { phone: '042-111-0001', person: '連絡 製造担当（架空）', kana: 'れんらくせいぞう' },
    builder: { phone: '042-111-0002', person: '連絡 建設担当（架空）', kana: 'れんらくけんせつ' },
  };
  const actors: Record<string, Actor> = {};
  let threadId = 0;

  const businessOf = async (key: keyof typeof people) => {
    const plan = t.plans.defaultPlan;
    const account = await createAccount(t.database.db, {
      municipalityCode: plan.municipalityCode,
      email: `contact-${key}@demo.tsunagu.example`,
      displayName: `連絡テスト ${key}（架空）`,
      role: 'business',
      password: demoPassword,
    });
    const actor: Actor = {
      accountId: account.id,
      name: account.displayName,
      municipalityCode: plan.municipalityCode,
      role: 'business',
      organisation: null,
    };
    const { business } = await saveOwnProfile(t.database.db, actor, plan, {
      legalForm: 'sole',
      name: `連絡テスト ${key}（架空）`,
      kana: people[key].kana,
      industryMajor: 'E',
      address: 'あきる野市二宮0-0-90（架空）',
      tags: '溶接',
      contactName: people[key].person,
      contactPhone: people[key].phone,
      ownerAgeBand: '70-plus',
    });
    await approveBusiness(t.database.db, await actorOf(t, 'admin'), business.id);
    actors[key] = actor;
  };
  const threadPage = async (key: string) =>
    (
      await (await new TestClient(t.app).logInAs(`contact-${key}`)).get(`/businesses/threads/${threadId}`)
    ).text();

  beforeAll(async () => {
    t = await startInstance(kind);
    await businessOf('maker');
    await businessOf('builder');
    const { post } = await postNeedOrOffer(t.database.db, actors.maker as Actor, {
      kind: 'need',
      title: '連絡テストの発注（架空）',
      body: '溶接の外注先を探しています。',
      tags: '溶接',
      idempotencyKey: 'contact-need',
    });
    const { thread } = await contactAboutPost(t.database.db, actors.builder as Actor, post.id, {
      body: '対応できます。',
      idempotencyKey: 'contact-first',
    });
    threadId = thread.id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('shows the poster the contact of the business that wrote to it', async () => {
    const page = await threadPage('maker');
    expect(page).toContain(people.builder.person);
    expect(page).toContain(`href="tel:${people.builder.phone}"`);
    expect(page).not.toContain('70歳以上');
  });

  it('keeps the poster’s contact from the other until the poster writes, then shows it', async () => {
    const before = await threadPage('builder');
    expect(before).not.toContain(people.maker.phone);
    expect(before).not.toContain(people.maker.person);
    expect(before).toContain('相手がこのやりとりでメッセージを送ると');
    await sendMessage(t.database.db, actors.maker as Actor, threadId, {
      body: 'お見積もりをお願いします。',
      idempotencyKey: 'contact-reply',
    });
    const after = await threadPage('builder');
    expect(after).toContain(people.maker.person);
    expect(after).toContain(people.maker.phone);
  });

  it('shows the contact to nobody outside the thread: the public pages keep it private', async () => {
    const visitor = new TestClient(t.app);
    for (const path of ['/businesses?q=連絡テスト', '/api/v1/businesses?q=連絡テスト', '/businesses/posts']) {
      const body = await (await visitor.get(path)).text();
      expect(body, path).not.toContain(people.maker.phone);
      expect(body, path).not.toContain(people.builder.phone);
    }
    // a business of the demo with a listed profile, party to nothing here
    const outsider = await new TestClient(t.app).logInAs('plastic');
    expect((await outsider.get(`/businesses/threads/${threadId}`)).status).toBe(404);
  });
});
