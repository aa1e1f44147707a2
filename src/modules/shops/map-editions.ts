import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import type { ProblemDetail } from '../../platform/errors';
import { notFound, UserError } from '../../platform/errors';
import type { FormValues } from '../../platform/forms';
import { bilingual, formInvalid, parseInput, requiredText, trimmedText } from '../../platform/validation';
import type { Plan } from '../plan';
import { type MapEditionRow, type MapEntryRow, paperSizes, shopMapEditions, shopMapEntries } from './schema';
import { findShops, noShopFilter, type ShopListing } from './shop-service';

// The paper map (地域マップの作成, plan 3-2): staff of the 商工会 or the city assemble an edition
// (title, fiscal year, area, which shops, a short text for each), print it from an A4 or A3 page
// with a numbered map, legend and QR codes, and record its print run (発行部数) and issue date,
// which `shops.mapCopies` counts in the issue date's fiscal year (decision 029).

export const editionNotFound = notFound({ ja: 'マップの版', en: 'The map edition' });

/** A map holds what a sheet of paper can: more shops make the numbers and codes unreadable. */
export const maxShopsPerEdition = 60;
export const maxBlurbLength = 80;

const editionLabels = {
  title: { ja: '版の名前', en: 'Title' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  area: { ja: '地区', en: 'Area' },
  paper: { ja: '用紙', en: 'Paper' },
  introduction: { ja: 'はじめの言葉', en: 'Introduction' },
  idempotencyKey: { ja: 'フォーム', en: 'Form' },
  printRun: { ja: '発行部数', en: 'Print run' },
  issuedOn: { ja: '発行日', en: 'Issue date' },
};

const EditionSchema = z.object({
  title: requiredText(100, 'マップの名前を入力してください。', 'Enter a title for the map.'),
  fiscalYear: z
    .string(bilingual('年度を入力してください。', 'Enter the fiscal year.'))
    .transform((v) => v.normalize('NFKC').trim())
    .pipe(
      z
        .string()
        .regex(
          /^20\d{2}$/,
          bilingual(
            '年度は西暦の4桁で入力してください（例：2026）。',
            'Give the fiscal year as four digits, e.g. 2026.',
          ),
        ),
    )
    .transform(Number),
  area: z.string().trim().max(100).default(''),
  paper: z.enum(paperSizes, bilingual('A4 か A3 を選んでください。', 'Choose A4 or A3.')).default('A4'),
  introduction: trimmedText(400),
});

const IssueSchema = z.object({
  printRun: z
    .string(bilingual('発行部数を入力してください。', 'Enter the print run.'))
    .transform((v) => v.normalize('NFKC').replace(/[,\s部]/g, ''))
    .pipe(
      z
        .string()
        .regex(
          /^[1-9]\d{0,6}$/,
          bilingual(
            '発行部数は1以上の整数で入力してください（例：28000）。',
            'Give the print run as a whole number, e.g. 28000.',
          ),
        ),
    )
    .transform(Number),
  issuedOn: z
    .string(bilingual('発行日を入力してください。', 'Enter the issue date.'))
    .trim()
    .regex(
      /^\d{4}-\d{2}-\d{2}$/,
      bilingual('発行日を 2026-07-01 のように入力してください。', 'Give the issue date as 2026-07-01.'),
    )
    .refine(
      (v) =>
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      {
        message: bilingual('その日付はありません。', 'That date does not exist.'),
      },
    ),
});

function parseEdition(plan: Plan, values: FormValues) {
  const input = parseInput(EditionSchema, values, editionLabels);
  if (input.area && !plan.file.areas.some((a) => a.code === input.area)) {
    throw formInvalid([
      {
        field: 'area',
        message: { ja: '地区: 一覧から選んでください。', en: 'Area: Choose one from the list.' },
      },
    ]);
  }
  return { ...input, area: input.area || null };
}

function onlyStaff(actor: Actor) {
  if (actor.role !== 'staff' && actor.role !== 'admin') {
    throw new UserError('forbidden', 403, {
      ja: '地域マップの版は、商工会と市の職員が作ります。',
      en: 'Map editions are made by the staff of the chamber of commerce and the city.',
    });
  }
}

/** Staff start an edition: title, fiscal year, area, paper. The same form sent twice makes one. */
export async function createEdition(
  db: Db,
  actor: Actor,
  plan: Plan,
  values: FormValues,
): Promise<{ edition: MapEditionRow; outcome: 'created' | 'repeated' }> {
  onlyStaff(actor);
  const input = parseEdition(plan, values);
  const { idempotencyKey } = parseInput(
    z.object({ idempotencyKey: requiredText(100, 'フォームを開き直してください。', 'Open the form again.') }),
    values,
    editionLabels,
  );
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(shopMapEditions)
      .values({
        ...input,
        municipalityCode: actor.municipalityCode,
        createdBy: actor.accountId,
        idempotencyKey,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [again] = await tx
        .select()
        .from(shopMapEditions)
        .where(
          and(
            eq(shopMapEditions.municipalityCode, actor.municipalityCode),
            eq(shopMapEditions.idempotencyKey, idempotencyKey),
          ),
        );
      return { edition: again as MapEditionRow, outcome: 'repeated' as const };
    }
    await recordAudit(tx, actor, {
      action: 'shop_map.create',
      entityType: 'shop_map',
      entityKey: String(created.id),
      after: {
        title: created.title,
        fiscalYear: created.fiscalYear,
        area: created.area,
        paper: created.paper,
      },
    });
    return { edition: created, outcome: 'created' as const };
  });
}

/** The editions of a municipality, newest year first. */
export function listEditions(q: Queryable, municipalityCode: string): Promise<MapEditionRow[]> {
  return q
    .select()
    .from(shopMapEditions)
    .where(eq(shopMapEditions.municipalityCode, municipalityCode))
    .orderBy(desc(shopMapEditions.fiscalYear), desc(shopMapEditions.id));
}

/** A shop of an edition: its number, its short text and the shop as residents find it now. */
export interface EditionEntry {
  entry: MapEntryRow;
  listing: ShopListing | undefined;
}

/** An edition with its shops by number. A shop no longer listed keeps its number and text. */
export async function readEdition(q: Queryable, plan: Plan, editionId: number, now: Date = new Date()) {
  const [edition] = await q
    .select()
    .from(shopMapEditions)
    .where(
      and(eq(shopMapEditions.id, editionId), eq(shopMapEditions.municipalityCode, plan.municipalityCode)),
    );
  if (!edition) throw editionNotFound;
  const entries = await q
    .select()
    .from(shopMapEntries)
    .where(eq(shopMapEntries.editionId, edition.id))
    .orderBy(asc(shopMapEntries.number));
  const listings = await findShops(
    q,
    plan,
    noShopFilter,
    now,
    entries.map((e) => e.businessId),
  );
  const byId = new Map(listings.map((l) => [l.business.id, l]));
  return {
    edition,
    entries: entries.map((entry): EditionEntry => ({ entry, listing: byId.get(entry.businessId) })),
  };
}

/** The shops staff may put in an edition: those of its area (all, for the whole city). */
export async function shopsForEdition(q: Queryable, plan: Plan, edition: MapEditionRow) {
  return findShops(q, plan, { ...noShopFilter, area: edition.area ?? '' });
}

const issuedAlready = new UserError('edition_issued', 409, {
  ja: 'この版は発行済みのため、載せるお店や文章は変えられません。新しい版を作ってください（発行部数の訂正はできます）。',
  en: 'This edition has been issued: its shops and texts cannot change. Make a new edition (the print run can still be corrected).',
});

/**
 * Staff change an edition's details and its shops (ticked `shop-ID`, short text `blurb-ID`). The
 * shops are numbered along the line, by the plan's order of areas, then in kana order. A bad form
 * changes nothing; an issued edition's shops do not change.
 */
export async function saveEdition(
  db: Db,
  actor: Actor,
  plan: Plan,
  editionId: number,
  values: FormValues,
): Promise<'updated' | 'unchanged'> {
  onlyStaff(actor);
  const input = parseEdition(plan, values);
  return db.transaction(async (tx) => {
    const { edition, entries } = await readEdition(tx, plan, editionId);
    if (edition.issuedOn) throw issuedAlready;
    const candidates = await findShops(tx, plan, { ...noShopFilter, area: input.area ?? '' });
    const problems: ProblemDetail[] = [];
    const chosen = candidates.filter((s) => values[`shop-${s.business.id}`] === 'on');
    if (chosen.length > maxShopsPerEdition) {
      problems.push({
        field: 'shops',
        message: {
          ja: `お店: 1枚に載せられるのは${maxShopsPerEdition}店までです（${chosen.length}店が選ばれています）。`,
          en: `Shops: one sheet holds ${maxShopsPerEdition} shops at most (${chosen.length} are ticked).`,
        },
      });
    }
    const blurbs = new Map<number, string>();
    for (const s of chosen) {
      const blurb = (values[`blurb-${s.business.id}`] ?? '').trim();
      if (blurb.length > maxBlurbLength) {
        problems.push({
          field: `blurb-${s.business.id}`,
          message: {
            ja: `${s.business.name}の紹介文: ${maxBlurbLength}文字以内にしてください。`,
            en: `Text for ${s.business.name}: use at most ${maxBlurbLength} characters.`,
          },
        });
      }
      blurbs.set(s.business.id, blurb);
    }
    if (problems.length > 0) throw formInvalid(problems);
    const areaOrder = new Map(plan.file.areas.map((a, i) => [a.code, i]));
    const ordered = [...chosen].sort(
      (a, b) =>
        (areaOrder.get(a.area ?? '') ?? 99) - (areaOrder.get(b.area ?? '') ?? 99) ||
        a.business.kana.localeCompare(b.business.kana, 'ja') ||
        a.business.id - b.business.id,
    );
    const next = ordered.map((s, i) => ({
      businessId: s.business.id,
      number: i + 1,
      blurb: blurbs.get(s.business.id) ?? '',
    }));
    const before = {
      title: edition.title,
      fiscalYear: edition.fiscalYear,
      area: edition.area,
      paper: edition.paper,
      introduction: edition.introduction,
      shops: entries.map((e) => ({
        businessId: e.entry.businessId,
        number: e.entry.number,
        blurb: e.entry.blurb,
      })),
    };
    const after = { ...input, shops: next };
    if (JSON.stringify(before) === JSON.stringify(after)) return 'unchanged' as const;
    await tx
      .update(shopMapEditions)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(shopMapEditions.id, edition.id));
    await tx.delete(shopMapEntries).where(eq(shopMapEntries.editionId, edition.id));
    if (next.length > 0)
      await tx.insert(shopMapEntries).values(next.map((e) => ({ ...e, editionId: edition.id })));
    await recordAudit(tx, actor, {
      action: 'shop_map.update',
      entityType: 'shop_map',
      entityKey: String(edition.id),
      before: { ...before, shops: before.shops.length },
      after: { ...after, shops: next.length },
    });
    return 'updated' as const;
  });
}

/**
 * Staff record that an edition was printed: its print run (発行部数) and issue date (発行日). Sending
 * the same again changes nothing; a correction replaces the figures, and both are audited.
 */
export async function recordPrintRun(
  db: Db,
  actor: Actor,
  plan: Plan,
  editionId: number,
  values: FormValues,
): Promise<'recorded' | 'unchanged'> {
  onlyStaff(actor);
  const input = parseInput(IssueSchema, values, editionLabels);
  return db.transaction(async (tx) => {
    const { edition, entries } = await readEdition(tx, plan, editionId);
    if (entries.length === 0) {
      throw new UserError('edition_empty', 422, {
        ja: 'お店が1つも載っていない版は発行できません。先にお店を選んでください。',
        en: 'An edition without shops cannot be issued. Choose its shops first.',
      });
    }
    if (edition.printRun === input.printRun && edition.issuedOn === input.issuedOn)
      return 'unchanged' as const;
    await tx
      .update(shopMapEditions)
      .set({ printRun: input.printRun, issuedOn: input.issuedOn, updatedAt: new Date() })
      .where(eq(shopMapEditions.id, edition.id));
    await recordAudit(tx, actor, {
      action: 'shop_map.issue',
      entityType: 'shop_map',
      entityKey: String(edition.id),
      before: { printRun: edition.printRun, issuedOn: edition.issuedOn },
      after: input,
    });
    return 'recorded' as const;
  });
}
