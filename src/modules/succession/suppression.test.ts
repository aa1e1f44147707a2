import { describe, expect, it } from 'vitest';
import { type Shown, type SuppressedTable, suppressSmallGroups } from './suppression';

const count = (value: number): Shown => ({ kind: 'count', value });
const fewer: Shown = { kind: 'fewer' };
const hidden: Shown = { kind: 'hidden' };

/** A table as a person reads it: numbers, 「5未満」 and 「非表示」, each row ending with its total. */
function asRead(t: SuppressedTable): string[][] {
  const word = (s: Shown) => (s.kind === 'count' ? String(s.value) : s.kind === 'fewer' ? '5未満' : '非表示');
  return [
    ...t.cells.map((row, r) => [...row.map(word), word(t.rowTotals[r] as Shown)]),
    [...t.columnTotals.map(word), word(t.total)],
  ];
}

/**
 * Everything a reader can work out: every table of counts (hidden ones up to `max`) that shows the
 * same, and for each count the values it can still have. A count below 5 (not 0) that can have one
 * value only has been given away.
 */
function whatAReaderFinds(shown: SuppressedTable, max = 20): Map<string, Set<number>> {
  const rows = shown.cells.length;
  const columns = shown.cells[0]?.length ?? 0;
  const unknown: [number, number][] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) if (shown.cells[r]?.[c]?.kind !== 'count') unknown.push([r, c]);
  const possible = new Map<string, Set<number>>();
  const note = (key: string, value: number) => {
    const set = possible.get(key) ?? new Set<number>();
    set.add(value);
    possible.set(key, set);
  };
  const fits = (s: Shown, v: number) =>
    s.kind === 'count' ? s.value === v : s.kind === 'fewer' ? v < 5 : v >= 5;
  const table = shown.cells.map((row) => row.map((s) => (s.kind === 'count' ? s.value : 0)));
  const visit = (i: number) => {
    if (i === unknown.length) {
      const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
      const columnSums = Array.from({ length: columns }, (_, c) =>
        table.reduce((a, row) => a + (row[c] ?? 0), 0),
      );
      const all = rowSums.reduce((a, b) => a + b, 0);
      if (!rowSums.every((v, r) => fits(shown.rowTotals[r] as Shown, v))) return;
      if (!columnSums.every((v, c) => fits(shown.columnTotals[c] as Shown, v))) return;
      if (!fits(shown.total, all)) return;
      for (const [r, c] of unknown) note(`cell ${r},${c}`, table[r]?.[c] ?? 0);
      rowSums.forEach((v, r) => {
        note(`row ${r}`, v);
      });
      columnSums.forEach((v, c) => {
        note(`column ${c}`, v);
      });
      note('total', all);
      return;
    }
    const [r, c] = unknown[i] as [number, number];
    const [from, to] = shown.cells[r]?.[c]?.kind === 'fewer' ? [0, 4] : [5, max];
    for (let v = from; v <= to; v++) {
      (table[r] as number[])[c] = v;
      visit(i + 1);
    }
  };
  visit(0);
  return possible;
}

/** The counts below 5 (not 0) of `counts` that a reader of its suppressed table can work out. */
function givenAway(counts: number[][], max = 20): string[] {
  const shown = suppressSmallGroups(counts);
  const found = whatAReaderFinds(shown, max);
  const truth = new Map<string, number>();
  counts.forEach((row, r) => {
    row.forEach((v, c) => {
      truth.set(`cell ${r},${c}`, v);
    });
    truth.set(
      `row ${r}`,
      row.reduce((a, b) => a + b, 0),
    );
  });
  counts[0]?.forEach((_, c) => {
    truth.set(
      `column ${c}`,
      counts.reduce((a, row) => a + (row[c] ?? 0), 0),
    );
  });
  truth.set(
    'total',
    counts.flat().reduce((a, b) => a + b, 0),
  );
  return [...truth]
    .filter(([key, v]) => v > 0 && v < 5 && found.get(key)?.size === 1)
    .map(([key, v]) => `${key} = ${v}`);
}

describe('small-group suppression of the needs table', () => {
  it('shows a group of 5 as it is', () => {
    const t = suppressSmallGroups([
      [5, 6],
      [7, 8],
    ]);
    expect(t.cells[0]?.[0]).toEqual(count(5));
  });

  it('hides a group of 4 as 「5未満」, and a group of no one too', () => {
    const t = suppressSmallGroups([
      [4, 0, 9],
      [6, 7, 8],
    ]);
    expect(t.cells[0]?.[0]).toEqual(fewer);
    // 「5未満」 never tells that someone is there
    expect(t.cells[0]?.[1]).toEqual(fewer);
    expect(
      givenAway([
        [4, 0, 9],
        [6, 7, 8],
      ]),
    ).toEqual([]);
  });

  it('shows every count when no group is below 5', () => {
    expect(
      asRead(
        suppressSmallGroups([
          [5, 6],
          [7, 12],
        ]),
      ),
    ).toEqual([
      ['5', '6', '11'],
      ['7', '12', '19'],
      ['12', '18', '30'],
    ]);
  });

  it('hides a second count in the row and the column of a lone small group, so that subtraction finds nothing', () => {
    // with only the 3 hidden, 8 − 5 in its row (or 9 − 6 in its column) would give it away
    const counts = [
      [5, 3, 7],
      [6, 6, 9],
    ];
    const t = suppressSmallGroups(counts);
    expect(t.cells[0]?.[1]).toEqual(fewer);
    const rowHidden = t.cells[0]?.filter((s) => s.kind !== 'count').length ?? 0;
    const columnHidden = t.cells.filter((row) => row[1]?.kind !== 'count').length;
    expect(rowHidden).toBeGreaterThanOrEqual(2);
    expect(columnHidden).toBeGreaterThanOrEqual(2);
    expect(t.cells.flat()).toContainEqual(hidden);
    // and the hidden ones are never labelled as below 5: a complement is 5 or more
    t.cells.forEach((row, r) => {
      row.forEach((s, c) => {
        if (s.kind === 'hidden') expect(counts[r]?.[c]).toBeGreaterThanOrEqual(5);
      });
    });
    expect(givenAway(counts)).toEqual([]);
  });

  it('keeps the totals (the map) shown when hiding cells is enough', () => {
    const t = suppressSmallGroups([
      [5, 3, 7],
      [6, 6, 9],
    ]);
    expect(t.rowTotals).toEqual([count(15), count(21)]);
    expect(t.total).toEqual(count(36));
  });

  it('hides an area total of 4 as 「5未満」, and what would give it away from the grand total', () => {
    const counts = [
      [2, 2],
      [10, 20],
    ];
    expect(suppressSmallGroups(counts).rowTotals[0]).toEqual(fewer);
    expect(givenAway(counts)).toEqual([]);
  });

  it('gives no group below 5 away by subtraction, whatever the table', () => {
    const tables = [
      [[5, 4]],
      [[1], [9]],
      [
        [4, 0],
        [0, 9],
      ],
      [
        [4, 4, 4],
        [5, 5, 5],
      ],
      [
        [1, 8],
        [8, 0],
      ],
      [
        [3, 12, 0],
        [0, 6, 2],
      ],
      [
        [1, 5, 9],
        [5, 1, 6],
      ],
      [
        [4, 30, 6],
        [7, 8, 3],
      ],
    ];
    for (const counts of tables) expect(givenAway(counts), JSON.stringify(counts)).toEqual([]);
  });

  it('gives none away in any of 40 small tables drawn at random', () => {
    let seed = 20261126;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 40; n++) {
      const counts = [0, 1].map(() => [0, 1, 2].map(() => Math.floor(next() * 10)));
      expect(givenAway(counts, 14), JSON.stringify(counts)).toEqual([]);
    }
  });

  it('reads a table of no rows as an empty total', () => {
    expect(suppressSmallGroups([]).total).toEqual(fewer);
  });
});
