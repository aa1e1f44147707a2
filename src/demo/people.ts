import { inArray } from 'drizzle-orm';
import type { Db } from '../db/connection';
import type { Plan } from '../modules/plan';
import type { Actor } from '../platform/audit';
import type { Account } from '../platform/auth/accounts';
import type { Role } from '../platform/auth/roles';
import { accounts } from '../platform/schema';
import { demoEmail } from './seed';

/** The demo's people: its staff and business accounts, and the fictional names of everyone else. */

const families = [
  ['佐藤', 'さとう'],
  ['鈴木', 'すずき'],
  ['高橋', 'たかはし'],
  ['田中', 'たなか'],
  ['伊藤', 'いとう'],
  ['渡辺', 'わたなべ'],
  ['山本', 'やまもと'],
  ['中村', 'なかむら'],
  ['小林', 'こばやし'],
  ['加藤', 'かとう'],
  ['吉田', 'よしだ'],
  ['山田', 'やまだ'],
  ['森', 'もり'],
  ['石井', 'いしい'],
  ['清水', 'しみず'],
  ['野口', 'のぐち'],
  ['内田', 'うちだ'],
] as const;
const givens = [
  ['翔太', 'しょうた'],
  ['陽子', 'ようこ'],
  ['健一', 'けんいち'],
  ['美咲', 'みさき'],
  ['大輔', 'だいすけ'],
  ['恵', 'めぐみ'],
  ['誠', 'まこと'],
  ['由美', 'ゆみ'],
  ['拓也', 'たくや'],
  ['真理子', 'まりこ'],
  ['浩二', 'こうじ'],
  ['彩', 'あや'],
  ['修', 'おさむ'],
] as const;

/** The demo's people get addresses of the reserved .invalid domain: no mail is ever sent to them. */
const participantDomain = 'participants.tsunagu-demo.invalid';

/**
 * The n-th fictional name (17 × 13, all different; the 222nd is the first again), with its reading:
 * the same n is the same person wherever the demo meets them (an event, a consultation).
 */
export function fictionalName(n: number): { index: number; name: string; kana: string; email: string } {
  const index = n % (families.length * givens.length);
  const [family, familyKana] = families[index % families.length] as readonly [string, string];
  const [given, givenKana] = givens[Math.floor(index / families.length) % givens.length] as readonly [
    string,
    string,
  ];
  return {
    index,
    name: `${family} ${given}（架空）`,
    kana: `${familyKana} ${givenKana}`,
    email: `person${index + 1}@${participantDomain}`,
  };
}

export interface DemoActors {
  byOrganisation: Map<string, Actor>;
  admin: Actor;
  business: Account;
}

const staffNames = ['admin', 'shokokai', 'bista', 'shotenkai', 'business'] as const;

/** The demo's staff and business accounts as actors; undefined when the database is not a demo's. */
export async function demoActors(db: Db, plan: Plan): Promise<DemoActors | undefined> {
  const rows = await db
    .select()
    .from(accounts)
    .where(
      inArray(
        accounts.email,
        staffNames.map((n) => demoEmail(n)),
      ),
    );
  const byName = new Map(rows.map((r) => [r.email.split('@')[0] ?? '', r]));
  if (staffNames.some((n) => byName.get(n)?.municipalityCode !== plan.municipalityCode)) return undefined;
  const actor = (name: string): Actor => {
    const r = byName.get(name) as (typeof rows)[number];
    return {
      accountId: r.id,
      name: r.displayName,
      municipalityCode: r.municipalityCode,
      role: r.role as Role,
      organisation: r.organisation,
    };
  };
  const admin = actor('admin');
  const byOrganisation = new Map<string, Actor>([
    ['city', admin],
    ['shokokai', actor('shokokai')],
    ['bista', actor('bista')],
    ['shotenkai', actor('shotenkai')],
  ]);
  const b = byName.get('business') as (typeof rows)[number];
  const business: Account = {
    id: b.id,
    municipalityCode: b.municipalityCode,
    email: b.email,
    displayName: b.displayName,
    role: b.role as Role,
    organisation: b.organisation,
  };
  return { byOrganisation, admin, business };
}
