/**
 * Small-group suppression of a table of counts (decision 034): a count below the minimum group size
 * is never shown ("5未満"), and where the totals beside it would let it be worked out by subtraction,
 * a further count is hidden too ("非表示", 二次秘匿), until no count below the minimum can be found
 * from what the table shows.
 */

export const minimumGroup = 5;

/** How one count of a table is shown. */
export type Shown =
  /** the count itself: always `minimumGroup` or more */
  | { kind: 'count'; value: number }
  /** below the minimum group size (0 included): "5未満" */
  | { kind: 'fewer' }
  /** the minimum or more, hidden so that a count below it cannot be worked out: "非表示" */
  | { kind: 'hidden' };

export interface SuppressedTable {
  /** by row, then column */
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

type Status = 'count' | 'fewer' | 'hidden';

/** One equation of the table: the counts of a row (or column) less its total make zero. */
interface Line {
  /** the entries of the line, with +1 for a part and -1 for the whole */
  terms: { entry: number; sign: 1 | -1 }[];
}

/**
 * The table of `counts` (rows × columns) with its row totals, column totals and grand total, as it
 * may be shown. Every count is a whole number of 0 or more.
 */
export function suppressSmallGroups(counts: readonly (readonly number[])[]): SuppressedTable {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== columns) throw new Error('every row of the table has the same number of columns');
    for (const n of row) if (!Number.isInteger(n) || n < 0) throw new Error(`not a count: ${n}`);
  }
  // the entries: cells by row, then the row totals, the column totals and the grand total
  const cell = (r: number, c: number) => r * columns + c;
  const rowTotal = (r: number) => rows * columns + r;
  const columnTotal = (c: number) => rows * columns + rows + c;
  const grandTotal = rows * columns + rows + columns;
  const values: number[] = new Array(grandTotal + 1).fill(0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const n = counts[r]?.[c] ?? 0;
      values[cell(r, c)] = n;
      values[rowTotal(r)] = (values[rowTotal(r)] ?? 0) + n;
      values[columnTotal(c)] = (values[columnTotal(c)] ?? 0) + n;
      values[grandTotal] = (values[grandTotal] ?? 0) + n;
    }
  }
  // the order in which counts are hidden to protect others: cells, column totals, the grand total,
  // and the row totals (the areas on the map) last
  const kindOf = (entry: number) =>
    entry < rows * columns ? 0 : entry < rows * columns + rows ? 3 : entry < grandTotal ? 1 : 2;

  const lines: Line[] = [];
  for (let r = 0; r < rows; r++) {
    lines.push({
      terms: [
        ...Array.from({ length: columns }, (_, c) => ({ entry: cell(r, c), sign: 1 as const })),
        { entry: rowTotal(r), sign: -1 },
      ],
    });
  }
  for (let c = 0; c < columns; c++) {
    lines.push({
      terms: [
        ...Array.from({ length: rows }, (_, r) => ({ entry: cell(r, c), sign: 1 as const })),
        { entry: columnTotal(c), sign: -1 },
      ],
    });
  }
  if (rows > 0 && columns > 0) {
    lines.push({
      terms: [
        ...Array.from({ length: rows }, (_, r) => ({ entry: rowTotal(r), sign: 1 as const })),
        { entry: grandTotal, sign: -1 },
      ],
    });
    lines.push({
      terms: [
        ...Array.from({ length: columns }, (_, c) => ({ entry: columnTotal(c), sign: 1 as const })),
        { entry: grandTotal, sign: -1 },
      ],
    });
  }
  const linesOf = values.map((_, entry) => lines.filter((l) => l.terms.some((t) => t.entry === entry)));

  // every count below the minimum is hidden first (primary suppression); 0 too, so that "5未満"
  // never tells that a group has someone in it
  const status: Status[] = values.map((v) => (v < minimumGroup ? 'fewer' : 'count'));

  for (;;) {
    const exposed = exposedSmallCount(values, status, lines);
    if (exposed === undefined) break;
    const complement = complementFor(exposed, values, status, lines, linesOf, kindOf);
    // nothing left to hide around it: every entry of its lines is hidden already
    if (complement === undefined) break;
    status[complement] = 'hidden';
  }

  const shown = (entry: number): Shown => {
    const s = status[entry];
    if (s === 'count') return { kind: 'count', value: values[entry] ?? 0 };
    return s === 'fewer' ? { kind: 'fewer' } : { kind: 'hidden' };
  };
  return {
    cells: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => shown(cell(r, c))),
    ),
    rowTotals: Array.from({ length: rows }, (_, r) => shown(rowTotal(r))),
    columnTotals: Array.from({ length: columns }, (_, c) => shown(columnTotal(c))),
    total: shown(grandTotal),
  };
}

/**
 * What a reader can work out of each entry from the table as shown: a shown count is itself, "5未満"
 * is 0 to 4, "非表示" is 5 or more; each line's sum then narrows its hidden entries (bounds
 * propagation, repeated until nothing narrows). Returns the bounds of every entry.
 */
function readerBounds(values: readonly number[], status: readonly Status[], lines: readonly Line[]) {
  const lo = values.map((v, i) => (status[i] === 'count' ? v : status[i] === 'fewer' ? 0 : minimumGroup));
  const hi = values.map((v, i) =>
    status[i] === 'count' ? v : status[i] === 'fewer' ? minimumGroup - 1 : Number.POSITIVE_INFINITY,
  );
  // a term's least and greatest contribution to its line's sum
  const least = (t: Line['terms'][number]) => (t.sign > 0 ? (lo[t.entry] ?? 0) : -(hi[t.entry] ?? 0));
  const most = (t: Line['terms'][number]) => (t.sign > 0 ? (hi[t.entry] ?? 0) : -(lo[t.entry] ?? 0));
  for (let pass = 0; pass < 200; pass++) {
    let narrowed = false;
    for (const line of lines) {
      if (line.terms.every((t) => status[t.entry] === 'count')) continue;
      // sums of the finite contributions, and how many terms are unbounded (never ∞ − ∞)
      let leastSum = 0;
      let leastUnbounded = 0;
      let mostSum = 0;
      let mostUnbounded = 0;
      for (const t of line.terms) {
        const l = least(t);
        const m = most(t);
        if (Number.isFinite(l)) leastSum += l;
        else leastUnbounded++;
        if (Number.isFinite(m)) mostSum += m;
        else mostUnbounded++;
      }
      for (const t of line.terms) {
        if (status[t.entry] === 'count') continue;
        const l = least(t);
        const m = most(t);
        const othersLeast =
          leastUnbounded - (Number.isFinite(l) ? 0 : 1) > 0
            ? Number.NEGATIVE_INFINITY
            : leastSum - (Number.isFinite(l) ? l : 0);
        const othersMost =
          mostUnbounded - (Number.isFinite(m) ? 0 : 1) > 0
            ? Number.POSITIVE_INFINITY
            : mostSum - (Number.isFinite(m) ? m : 0);
        // sign·x + others = 0
        const [from, to] = t.sign > 0 ? [-othersMost, -othersLeast] : [othersLeast, othersMost];
        if (from > (lo[t.entry] ?? 0)) {
          lo[t.entry] = from;
          narrowed = true;
        }
        if (to < (hi[t.entry] ?? 0)) {
          hi[t.entry] = to;
          narrowed = true;
        }
      }
    }
    if (!narrowed) break;
  }
  return { lo, hi };
}

/** A count below the minimum (not 0) that a reader pins to one value, if any. */
function exposedSmallCount(
  values: readonly number[],
  status: readonly Status[],
  lines: readonly Line[],
): number | undefined {
  const { lo, hi } = readerBounds(values, status, lines);
  const pinned = values.findIndex((v, i) => status[i] === 'fewer' && v > 0 && lo[i] === hi[i]);
  return pinned >= 0 ? pinned : undefined;
}

/**
 * The shown count to hide next to protect `exposed`. The candidates are the shown counts of the
 * lines around it, then of the lines around their hidden entries, and so on outwards (a hidden
 * neighbour pinned by its own column gives the count away as surely). They are tried by kind: cells
 * first, then the column totals, the grand total, and the row totals last (the rows are the areas,
 * whose totals the map shows); within a kind, the first whose hiding leaves `exposed` with more than
 * one possible value, nearer before farther and the smallest first (the least lost). When no count of
 * the first kind at hand does it alone, its first is hidden all the same: the next one then needs less.
 */
function complementFor(
  exposed: number,
  values: readonly number[],
  status: readonly Status[],
  lines: readonly Line[],
  linesOf: readonly Line[][],
  kindOf: (entry: number) => number,
): number | undefined {
  const distance = new Map<number, number>();
  const seenLines = new Set<Line>();
  const seenEntries = new Set<number>([exposed]);
  let frontier = [exposed];
  for (let level = 0; frontier.length > 0; level++) {
    const next: number[] = [];
    for (const line of frontier.flatMap((e) => linesOf[e] ?? [])) {
      if (seenLines.has(line)) continue;
      seenLines.add(line);
      for (const { entry } of line.terms) {
        if (status[entry] === 'count') {
          if (!distance.has(entry)) distance.set(entry, level);
        } else if (!seenEntries.has(entry)) {
          seenEntries.add(entry);
          next.push(entry);
        }
      }
    }
    frontier = next;
  }
  const candidates = [...distance.keys()].sort(
    (a, b) =>
      kindOf(a) - kindOf(b) ||
      (distance.get(a) ?? 0) - (distance.get(b) ?? 0) ||
      (values[a] ?? 0) - (values[b] ?? 0) ||
      a - b,
  );
  const first = candidates[0];
  if (first === undefined) return undefined;
  const ofFirstKind = candidates.filter((c) => kindOf(c) === kindOf(first));
  for (const candidate of ofFirstKind) {
    const trial = [...status];
    trial[candidate] = 'hidden';
    const { lo, hi } = readerBounds(values, trial, lines);
    if (lo[exposed] !== hi[exposed]) return candidate;
  }
  return first;
}
