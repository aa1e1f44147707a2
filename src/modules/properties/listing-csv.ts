/**
 * A poster's listings (/properties/mine) as CSV that comes back (decision 038): a 商店会 or an
 * estate agent keeps its vacant shops in Excel, changes rents, sizes, availability or contacts and
 * brings the file back; each changed row goes through editListing, each row without an ID is a new
 * listing through postListing, waiting for staff's approval like any other. Approval and 募集状況
 * (募集中 → 商談中 → 成約) are for reading: they change on their own pages, with what they ask.
 */

import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import {
  type CsvChoice,
  type CsvColumn,
  choiceCell,
  codeOfChoice,
  dateCell,
  normaliseCell,
  unguardFormula,
  wholeNumberCell,
} from '../../platform/csv-import';
import type { CellReading, ListedRow, RoundTripList } from '../../platform/csv-round-trip';
import type { Plan } from '../plan';
import { editListing, ownListings, postListing } from './listing-service';
import { splitTags } from './property-input';
import { type PropertyRow, properties, propertyDeals, propertyKinds } from './schema';
import { dealNames, kindNames, stageNames } from './words';

type Key =
  | 'id'
  | 'title'
  | 'kind'
  | 'deal'
  | 'priceYen'
  | 'floorAreaM2'
  | 'address'
  | 'area'
  | 'latitude'
  | 'longitude'
  | 'uses'
  | 'condition'
  | 'description'
  | 'availableFrom'
  | 'contactRoute'
  | 'ownerName'
  | 'ownerContact'
  | 'approval'
  | 'stage';

export const listingCsvColumns: readonly CsvColumn<Key>[] = [
  { key: 'id', header: 'ID', required: true },
  { key: 'title', header: '物件名', required: true },
  { key: 'kind', header: '物件の種類', required: true },
  { key: 'deal', header: '賃貸・売買', required: true },
  { key: 'priceYen', header: '賃料（月額）・価格（円）', required: true },
  { key: 'floorAreaM2', header: '面積（㎡）', required: true },
  { key: 'address', header: '所在地', required: true },
  { key: 'area', header: '地区', required: true },
  { key: 'latitude', header: '緯度', required: true },
  { key: 'longitude', header: '経度', required: true },
  { key: 'uses', header: '使い方（タグ）', required: true },
  { key: 'condition', header: '物件の状態', required: true },
  { key: 'description', header: '紹介文', required: true },
  { key: 'availableFrom', header: '入居可能日', required: true },
  { key: 'contactRoute', header: '問い合わせ後の流れ', required: true },
  { key: 'ownerName', header: '所有者名（非公開）', required: true },
  { key: 'ownerContact', header: '所有者の連絡先（非公開）', required: true },
  { key: 'approval', header: '掲載', readOnly: true },
  { key: 'stage', header: '募集状況', readOnly: true },
];

const approvalWords = (p: PropertyRow) =>
  p.approval === 'pending' ? '承認待ち' : p.hiddenAt ? '非公開（確認待ち）' : '公開中';

/** A decimal as typed or as Excel writes it (42.5, ４２．５, 1,200.5), read as its shortest form. */
export function readDecimalCell(cell: string): CellReading {
  const s = normaliseCell(unguardFormula(cell)).replaceAll(',', '');
  if (/^-?\d+(\.\d+)?$/.test(s)) return String(Number(s));
  return {
    problem: {
      ja: `「${cell.trim()}」は数値として読めません（例：42.5）。`,
      en: `"${cell.trim()}" is not a number (e.g. 42.5).`,
    },
  };
}

/** Tags separated by 、 or commas, as the form takes them, written back with 、. */
const readTags = (cell: string): CellReading => splitTags(unguardFormula(cell)).join('、');

/** The listings of a poster as a RoundTripList, checked against the plan's city and areas. */
export function listingListCsv(actor: Actor, plan: Plan): RoundTripList {
  const kinds: CsvChoice[] = propertyKinds.map((k) => ({
    code: k,
    name: kindNames[k].ja,
    aliases: [kindNames[k].en],
  }));
  const deals: CsvChoice[] = propertyDeals.map((d) => ({
    code: d,
    name: dealNames[d].ja,
    aliases: [dealNames[d].en],
  }));
  const areas: CsvChoice[] = plan.file.areas.map((a) => ({
    code: a.code,
    name: a.name,
    aliases: [a.nameEn],
  }));

  const valuesOf = (cells: Record<string, string>) => ({
    title: cells.title,
    kind: codeOfChoice(kinds, cells.kind ?? ''),
    deal: codeOfChoice(deals, cells.deal ?? ''),
    priceYen: cells.priceYen,
    floorAreaM2: cells.floorAreaM2,
    address: cells.address,
    area: cells.area ? codeOfChoice(areas, cells.area) : '',
    latitude: cells.latitude,
    longitude: cells.longitude,
    uses: cells.uses,
    condition: cells.condition,
    description: cells.description,
    availableFrom: cells.availableFrom,
    contactRoute: cells.contactRoute,
    ownerName: cells.ownerName,
    ownerContact: cells.ownerContact,
  });

  return {
    scope: 'properties/mine',
    format: { columns: listingCsvColumns, rowsAre: { ja: '物件', en: 'properties' } },
    idKey: 'id',
    async rows(q: Queryable, { lock }): Promise<ListedRow[]> {
      if (lock) {
        await q
          .select({ id: properties.id })
          .from(properties)
          .where(
            and(
              eq(properties.municipalityCode, actor.municipalityCode),
              eq(properties.posterAccountId, actor.accountId ?? -1),
            ),
          )
          .for('update');
      }
      return (await ownListings(q, actor)).map((p) => ({
        id: String(p.id),
        label: p.title,
        cells: {
          id: String(p.id),
          title: p.title,
          kind: kindNames[p.kind].ja,
          deal: dealNames[p.deal].ja,
          priceYen: String(p.priceYen),
          floorAreaM2: String(p.floorAreaM2),
          address: p.address,
          area: p.area ? (areas.find((a) => a.code === p.area)?.name ?? p.area) : '',
          latitude: String(p.latitude),
          longitude: String(p.longitude),
          uses: p.uses.join('、'),
          condition: p.condition,
          description: p.description,
          availableFrom: p.availableFrom ?? '',
          contactRoute: p.contactRoute,
          ownerName: p.ownerName,
          ownerContact: p.ownerContact,
          approval: approvalWords(p),
          stage: stageNames[p.stage].ja,
        },
      }));
    },
    read: {
      kind: choiceCell(kinds),
      deal: choiceCell(deals),
      area: choiceCell(areas, { optional: true }),
      priceYen: wholeNumberCell(),
      floorAreaM2: readDecimalCell,
      latitude: readDecimalCell,
      longitude: readDecimalCell,
      uses: readTags,
      availableFrom: dateCell({ optional: true }),
    },
    async update(db, row) {
      await editListing(db, actor, plan, Number(row.id), valuesOf(row.cells));
    },
    async create(db, row) {
      await postListing(db, actor, plan, { ...valuesOf(row.cells), idempotencyKey: row.idempotencyKey });
    },
  };
}
