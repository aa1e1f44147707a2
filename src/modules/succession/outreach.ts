import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { todayInJapan } from '../../platform/fiscal-year';
import type { Text } from '../../platform/i18n';
import { bilingual, fieldProblem, parseInput, trimmedText, typedDate } from '../../platform/validation';
import type { Plan } from '../plan';
import { citywide, type OutreachRow, outreachKinds, successionOutreach } from './schema';

export const outreachLabels: Record<string, Text> = {
  heldOn: { ja: '実施日', en: 'Held on' },
  area: { ja: '地区', en: 'Area' },
  kind: { ja: '種類', en: 'Kind' },
  reached: { ja: '接触した人数', en: 'People reached' },
  note: { ja: 'メモ', en: 'Note' },
  key: { ja: 'フォーム', en: 'Form' },
};

const reloadPlease = bilingual(
  'ページを読み込み直してから送信してください。',
  'Reload the page and send the form again.',
);

function outreachSchema(areaCodes: readonly string[]) {
  return z.object({
    heldOn: typedDate(),
    area: z
      .string(bilingual('地区を選んでください。', 'Choose an area.'))
      .refine(
        (v) => v === citywide || areaCodes.includes(v),
        bilingual('地区を一覧から選んでください。', 'Choose an area from the list.'),
      ),
    kind: z.enum(outreachKinds, bilingual('種類を一覧から選んでください。', 'Choose a kind from the list.')),
    reached: z.preprocess(
      (v) => {
        if (typeof v !== 'string') return v;
        const s = v.normalize('NFKC').trim();
        return /^\d+$/.test(s) ? Number(s) : s === '' ? undefined : s;
      },
      z
        .number(
          bilingual(
            '接触した人数を0以上の整数で入力してください（例：12）。',
            'Give the people reached as a whole number, 0 or more (e.g. 12).',
          ),
        )
        .int()
        .min(0)
        .max(10000, bilingual('人数は10000人以下にしてください。', 'Give at most 10,000 people.')),
    ),
    note: trimmedText(500),
    key: z.string(reloadPlease).min(8, reloadPlease).max(100, reloadPlease),
  });
}

/**
 * Staff record an outreach (a seminar, a visit …) against an area: when, what, how many owners it
 * reached, a note without names. The same form sent twice is recorded once (its key); bad input is
 * refused with every problem and nothing is written.
 */
export async function recordOutreach(
  db: Db,
  actor: Actor,
  plan: Plan,
  values: Record<string, unknown>,
): Promise<{ outreach: OutreachRow; created: boolean }> {
  const input = parseInput(outreachSchema(plan.file.areas.map((a) => a.code)), values, outreachLabels);
  if (input.heldOn > todayInJapan()) {
    throw fieldProblem('heldOn', outreachLabels.heldOn as Text, {
      ja: '実施日に未来の日付は入力できません。実施した後に記録してください。',
      en: 'The day cannot be in the future. Record an outreach once it is done.',
    });
  }
  if (input.heldOn < '2000-01-01') {
    throw fieldProblem('heldOn', outreachLabels.heldOn as Text, {
      ja: '2000年以降の日付を入力してください。',
      en: 'Give a day in 2000 or later.',
    });
  }
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(successionOutreach)
      .values({
        municipalityCode: actor.municipalityCode,
        area: input.area,
        kind: input.kind,
        heldOn: input.heldOn,
        reached: input.reached,
        note: input.note,
        organisation: actor.organisation ?? 'city',
        recordedBy: actor.accountId,
        idempotencyKey: input.key,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [again] = await tx
        .select()
        .from(successionOutreach)
        .where(
          and(
            eq(successionOutreach.municipalityCode, actor.municipalityCode),
            eq(successionOutreach.idempotencyKey, input.key),
          ),
        );
      if (!again) throw new Error('outreach neither inserted nor found');
      return { outreach: again, created: false };
    }
    await recordAudit(tx, actor, {
      action: 'succession_outreach.record',
      entityType: 'succession_outreach',
      entityKey: String(created.id),
      after: {
        heldOn: created.heldOn,
        area: created.area,
        kind: created.kind,
        reached: created.reached,
        note: created.note,
      },
    });
    return { outreach: created, created: true };
  });
}

/** Every outreach of the municipality, the latest first. */
export async function listOutreach(q: Queryable, municipalityCode: string): Promise<OutreachRow[]> {
  return q
    .select()
    .from(successionOutreach)
    .where(eq(successionOutreach.municipalityCode, municipalityCode))
    .orderBy(desc(successionOutreach.heldOn), desc(successionOutreach.id));
}
