/**
 * The staff's directory (事業者一覧, /businesses/review) as CSV that comes back (decision 038): every
 * business of the municipality with its public profile, never the private fields that only the
 * business reads (担当者, 代表者の年代, 後継者). Staff publish pending profiles by writing 公開中 in
 * 掲載 (approveBusiness), keep the profiles no account keeps (updateUnclaimedBusiness), and register
 * the businesses of a member list as rows without an ID (registerUnclaimedBusiness). A profile a
 * business keeps itself is its own to change: such a row may only be approved.
 */

import { and, asc, eq, or } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import {
  type CsvChoice,
  type CsvColumn,
  choiceCell,
  codeOfChoice,
  normaliseCell,
  unguardFormula,
  wholeNumberCell,
} from '../../platform/csv-import';
import type { CellReading, ListedRow, RoundTripList } from '../../platform/csv-round-trip';
import { UserError } from '../../platform/errors';
import type { Plan } from '../plan';
import { industries } from './industries';
import {
  approveBusiness,
  membershipOrganisations,
  registerUnclaimedBusiness,
  updateUnclaimedBusiness,
} from './profile-service';
import { type BusinessRow, businesses, legalForms } from './schema';

type Key =
  | 'id'
  | 'name'
  | 'kana'
  | 'legalForm'
  | 'corporateNumber'
  | 'industryMajor'
  | 'industryMiddle'
  | 'address'
  | 'area'
  | 'latitude'
  | 'longitude'
  | 'employees'
  | 'foundedYear'
  | 'tags'
  | 'capabilities'
  | 'products'
  | 'description'
  | 'website'
  | 'sns'
  | 'memberships'
  | 'status'
  | 'keeper';

export const directoryCsvColumns: readonly CsvColumn<Key>[] = [
  { key: 'id', header: 'ID', required: true },
  { key: 'name', header: '事業者名', required: true },
  { key: 'kana', header: 'ふりがな', required: true },
  { key: 'legalForm', header: '事業形態', required: true },
  { key: 'corporateNumber', header: '法人番号', required: true },
  { key: 'industryMajor', header: '業種（大分類）', required: true },
  { key: 'industryMiddle', header: '業種（中分類）', required: true },
  { key: 'address', header: '所在地', required: true },
  { key: 'area', header: '地区', required: true },
  { key: 'latitude', header: '緯度', required: true },
  { key: 'longitude', header: '経度', required: true },
  { key: 'employees', header: '従業員数', required: true },
  { key: 'foundedYear', header: '創業年', required: true },
  { key: 'tags', header: 'できること（タグ）', required: true },
  { key: 'capabilities', header: '技術・設備・資格', required: true },
  { key: 'products', header: '製品・サービス', required: true },
  { key: 'description', header: '紹介文', required: true },
  { key: 'website', header: 'ウェブサイト', required: true },
  { key: 'sns', header: 'SNS', required: true },
  { key: 'memberships', header: '所属団体', required: true },
  { key: 'status', header: '掲載', required: true },
  { key: 'keeper', header: '管理', readOnly: true },
];

/** The columns of the profile itself, which only staff keep, for a business no account keeps. */
const profileKeys: Key[] = directoryCsvColumns
  .map((c) => c.key)
  .filter((k) => k !== 'id' && k !== 'status' && k !== 'keeper');

const legalFormNames: Record<(typeof legalForms)[number], string> = {
  corporation: '法人',
  sole: '個人事業主',
};
const statusNames = { pending: '承認待ち', approved: '公開中' } as const;

const keeperOf = (b: BusinessRow) =>
  b.accountId !== null ? '事業者が管理' : b.claimAccountId !== null ? '管理の申請中' : '職員が管理';

/** A decimal as typed or as Excel writes it, read as its shortest form; empty for none. */
function readOptionalDecimal(cell: string): CellReading {
  const s = normaliseCell(unguardFormula(cell)).replaceAll(',', '');
  if (s === '') return '';
  if (/^-?\d+(\.\d+)?$/.test(s)) return String(Number(s));
  return {
    problem: {
      ja: `「${cell.trim()}」は数値として読めません（例：35.7289）。`,
      en: `"${cell.trim()}" is not a number.`,
    },
  };
}

/** A list in one cell, each item once, as the profile form takes it. */
const listCell =
  (separators: RegExp, joiner: string) =>
  (cell: string): CellReading => {
    const seen = new Set<string>();
    for (const part of unguardFormula(cell).normalize('NFKC').split(separators)) {
      const item = part.trim();
      if (item) seen.add(item);
    }
    return [...seen].join(joiner);
  };

const keptByItsBusiness = new UserError('kept_by_business', 409, {
  ja: 'この事業者は事業者自身が管理しています（または管理を申請中です）。この行で変えられるのは掲載（承認）だけです。',
  en: 'The business keeps this profile itself (or has claimed it). This row can only approve it.',
});

const cannotUnpublish = new UserError('invalid_input', 422, {
  ja: '掲載: 承認待ちの事業者を公開するときは「公開中」にします。公開中の事業者を承認待ちに戻すことはできません。',
  en: 'Listing: write 公開中 to publish a business awaiting approval. A published one cannot go back to awaiting approval.',
});

const registeredPublished = new UserError('invalid_input', 422, {
  ja: '掲載: 職員が登録する事業者はすぐに公開されます。掲載は空欄か「公開中」にしてください。',
  en: 'Listing: a business staff register is published at once. Leave it empty or write 公開中.',
});

/** The directory of the actor's municipality as a RoundTripList. */
export function directoryListCsv(actor: Actor, plan: Plan): RoundTripList {
  const forms: CsvChoice[] = legalForms.map((f) => ({ code: f, name: legalFormNames[f] }));
  const majors: CsvChoice[] = industries.map((i) => ({ code: i.code, name: i.name, aliases: [i.nameEn] }));
  const middles: CsvChoice[] = industries.flatMap((i) =>
    i.middle.map((m) => ({
      code: m.code,
      name: `${m.code} ${m.name}`,
      // Excel turns 09 into 9
      aliases: [m.name, m.nameEn, String(Number(m.code))],
    })),
  );
  const areas: CsvChoice[] = plan.file.areas.map((a) => ({
    code: a.code,
    name: a.name,
    aliases: [a.nameEn],
  }));
  const organisations: CsvChoice[] = membershipOrganisations(plan).map((o) => ({
    code: o.code,
    name: o.name,
    aliases: [o.nameEn],
  }));
  const statuses: CsvChoice[] = [
    { code: 'pending', name: statusNames.pending },
    { code: 'approved', name: statusNames.approved },
  ];
  const readOrganisation = choiceCell(organisations);
  const readMemberships = (cell: string): CellReading => {
    const names: string[] = [];
    for (const part of unguardFormula(cell).split(/[,、，\n]/)) {
      if (!part.trim()) continue;
      const read = readOrganisation(part);
      if (typeof read !== 'string') return read;
      if (!names.includes(read)) names.push(read);
    }
    return names.join('、');
  };
  const nameOf = (choices: CsvChoice[], code: string | null) =>
    code ? (choices.find((c) => c.code === code)?.name ?? code) : '';

  /** The row's profile as the profile form gives it. */
  const formValuesOf = (cells: Record<string, string>) => ({
    name: cells.name,
    kana: cells.kana,
    legalForm: codeOfChoice(forms, cells.legalForm ?? ''),
    corporateNumber: cells.corporateNumber,
    industryMajor: codeOfChoice(majors, cells.industryMajor ?? ''),
    industryMiddle: cells.industryMiddle ? codeOfChoice(middles, cells.industryMiddle) : '',
    address: cells.address,
    area: cells.area ? codeOfChoice(areas, cells.area) : '',
    latitude: cells.latitude,
    longitude: cells.longitude,
    employees: cells.employees,
    foundedYear: cells.foundedYear,
    tags: cells.tags,
    capabilities: cells.capabilities,
    products: cells.products,
    description: cells.description,
    website: cells.website,
    sns: cells.sns,
    memberships: (cells.memberships ?? '')
      .split('、')
      .filter(Boolean)
      .map((name) => codeOfChoice(organisations, name)),
  });

  const read = async (q: Queryable, id: number) => {
    const [row] = await q
      .select()
      .from(businesses)
      .where(and(eq(businesses.id, id), eq(businesses.municipalityCode, actor.municipalityCode)));
    return row;
  };

  return {
    scope: 'businesses/directory',
    format: { columns: directoryCsvColumns, rowsAre: { ja: '事業者', en: 'businesses' } },
    idKey: 'id',
    async rows(q: Queryable, { lock }): Promise<ListedRow[]> {
      const query = q
        .select()
        .from(businesses)
        .where(eq(businesses.municipalityCode, actor.municipalityCode))
        .orderBy(asc(businesses.id));
      const rows = lock ? await query.for('update') : await query;
      return rows.map((b) => ({
        id: String(b.id),
        label: b.name,
        cells: {
          id: String(b.id),
          name: b.name,
          kana: b.kana,
          legalForm: legalFormNames[b.legalForm] ?? b.legalForm,
          corporateNumber: b.corporateNumber ?? '',
          industryMajor: nameOf(majors, b.industryMajor),
          industryMiddle: nameOf(middles, b.industryMiddle),
          address: b.address,
          area: nameOf(areas, b.area),
          latitude: b.latitude === null ? '' : String(b.latitude),
          longitude: b.longitude === null ? '' : String(b.longitude),
          employees: b.employees === null ? '' : String(b.employees),
          foundedYear: b.foundedYear === null ? '' : String(b.foundedYear),
          tags: b.tags.join('、'),
          capabilities: b.capabilities,
          products: b.products,
          description: b.description,
          website: b.website,
          sns: b.sns.join(' '),
          memberships: b.memberships.map((m) => nameOf(organisations, m)).join('、'),
          status: statusNames[b.status],
          keeper: keeperOf(b),
        },
      }));
    },
    read: {
      legalForm: choiceCell(forms),
      corporateNumber: (cell) => normaliseCell(unguardFormula(cell)).replace(/[\s-]/g, ''),
      industryMajor: choiceCell(majors),
      industryMiddle: choiceCell(middles, { optional: true }),
      area: choiceCell(areas, { optional: true }),
      latitude: readOptionalDecimal,
      longitude: readOptionalDecimal,
      employees: wholeNumberCell({ optional: true }),
      foundedYear: wholeNumberCell({ optional: true }),
      tags: listCell(/[,、，\n]/, '、'),
      sns: listCell(/\s+/, ' '),
      memberships: readMemberships,
      status: choiceCell(statuses, { optional: true }),
    },
    async update(db, row) {
      const id = Number(row.id);
      const profileChanged = row.changed.some((k) => (profileKeys as string[]).includes(k));
      if (profileChanged) {
        const current = await read(db, id);
        if (current && (current.accountId !== null || current.claimAccountId !== null))
          throw keptByItsBusiness;
        await updateUnclaimedBusiness(db, actor, plan, id, formValuesOf(row.cells));
      }
      if (row.changed.includes('status')) {
        if (row.cells.status !== statusNames.approved) throw cannotUnpublish;
        await approveBusiness(db, actor, id);
      }
    },
    async create(db, row) {
      if (row.cells.status && row.cells.status !== statusNames.approved) throw registeredPublished;
      const values = formValuesOf(row.cells);
      // registering a business already in the directory would quietly give the one there
      const number = normaliseCell(values.corporateNumber ?? '');
      const [existing] = await db
        .select({ id: businesses.id })
        .from(businesses)
        .where(
          and(
            eq(businesses.municipalityCode, actor.municipalityCode),
            number
              ? or(eq(businesses.corporateNumber, number), eq(businesses.name, values.name ?? ''))
              : eq(businesses.name, values.name ?? ''),
          ),
        );
      if (existing) {
        throw new UserError('already_registered', 409, {
          ja: `同じ法人番号か名前の事業者が、すでに登録されています（ID ${existing.id}）。その行を直すか、この行を消してください。`,
          en: `A business with this corporate number or name is already registered (ID ${existing.id}). Change that row, or remove this one.`,
        });
      }
      await registerUnclaimedBusiness(db, actor, plan, values);
    },
  };
}
