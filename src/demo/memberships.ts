import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { addBody, addMember, enterDenominator, recordLeaving } from '../modules/memberships';
import { memberBodies, members } from '../modules/memberships/schema';
import type { Plan } from '../modules/plan';
import { plusDays } from './days';
import { demoActors, fictionalName } from './people';
import { demoSource } from './seed';

/** The demo's 商店会, one by station, each with its share of the plan's 330 members. */
const associations = [
  { name: '秋川駅前通り商店会（架空）', area: 'akigawa' },
  { name: '東秋留駅南口商店会（架空）', area: 'higashi-akiru' },
  { name: '武蔵引田駅前商店会（架空）', area: 'musashi-hikida' },
  { name: '武蔵増戸駅通り商店会（架空）', area: 'musashi-masuko' },
  { name: '五日市中央通り商店会（架空）', area: 'itsukaichi' },
];
/** Per 商店会: 66 members before 令和2年度 ended, 6 who joined since; every eleventh older one left. */
const perAssociation = 72;
const joinedBefore = 66;
/** The 商工会 at a tenth of a city's scale: 140 members of 226 businesses (62 %), both fictional. */
const chamberMembers = 140;
const chamberDenominator = {
  value: '226',
  asOf: '2021-06-01',
  source: `${demoSource}（経済センサスの代わり・1/10の規模）`,
};

const joinedOn = (i: number) =>
  i < joinedBefore
    ? plusDays('2000-04-01', (i * 97) % 7300)
    : plusDays('2021-04-15', (i - joinedBefore) * 290);

/**
 * The demo's member lists (decision 032): five 商店会 kept by the demo association account and the
 * 商工会 kept by its staff, with members who joined and left over the years, written through the
 * module so that 商店会の会員数 and 商工会の加入率 come from them. Idempotent: a body is added once and
 * filled up to its size on the next start if interrupted.
 */
export async function seedDemoMemberships(db: Db, plan: Plan, options: { stopped?: () => boolean } = {}) {
  const actors = await demoActors(db, plan);
  if (!actors) return 0;
  const keeper = actors.byOrganisation.get('shotenkai');
  const chamberStaff = actors.byOrganisation.get('shokokai');
  if (!keeper || !chamberStaff) return 0;
  const bodies = [
    ...associations.map((a) => ({ ...a, kind: 'shotenkai' as const, size: perAssociation, actor: keeper })),
    {
      name: 'あきる野商工会（架空の名簿）',
      area: '',
      kind: 'shokokai' as const,
      size: chamberMembers,
      actor: chamberStaff,
    },
  ];
  let written = 0;
  for (const [b, body] of bodies.entries()) {
    const [existing] = await db.select().from(memberBodies).where(eq(memberBodies.name, body.name));
    const row =
      existing ??
      (await addBody(db, actors.admin, plan, body.kind, {
        bodyName: body.name,
        area: body.area,
        keeper: body.kind === 'shotenkai' ? String(keeper.accountId) : '',
      }));
    const [held] = await db.select({ n: count() }).from(members).where(eq(members.bodyId, row.id));
    for (let i = held?.n ?? 0; i < body.size; i++) {
      if (options.stopped?.()) return written;
      const person = fictionalName(b * 200 + i);
      const on = body.kind === 'shokokai' ? plusDays('2005-04-01', (i * 53) % 5800) : joinedOn(i);
      const member = await addMember(db, body.actor, row.id, {
        name: `${person.name.replace('（架空）', '')}商店（架空）`,
        representative: person.name,
        joinedOn: on,
      });
      if (body.kind === 'shotenkai' && i < joinedBefore && i % 11 === 5) {
        await recordLeaving(db, body.actor, row.id, member.id, {
          leftOn: plusDays('2021-05-01', (i * 37) % 2000),
        });
      }
      written++;
    }
  }
  await enterDenominator(db, chamberStaff, 'shokokai', chamberDenominator);
  return written;
}
