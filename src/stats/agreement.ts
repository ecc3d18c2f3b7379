// Inter-annotator agreement for nominal data: Cohen's kappa for a pair of annotators and
// Krippendorff's alpha for any number of annotators with missing values. Both are accumulators
// fed one item at a time, so a corpus is streamed rather than held in memory; memory is one small
// contingency table per field (and per pair). Pure: no database.
//
// Definitions follow Cohen (1960), "A coefficient of agreement for nominal scales", and
// Krippendorff (2011), "Computing Krippendorff's alpha-reliability" (coincidence matrices).

export interface KappaResult {
  /** Null when chance agreement is 1 (both annotators used one and the same value throughout). */
  kappa: number | null;
  /** Observed agreement: share of items with the same value. */
  agreement: number;
  /** Expected (chance) agreement from each annotator's own value distribution. */
  expected: number;
  /** Items both annotators judged. */
  items: number;
}

export interface AlphaResult {
  /** Null when there is no variation at all (every pairable value is the same), or no pairable item. */
  alpha: number | null;
  /** Items (units) with at least two values, i.e. the ones that count. */
  items: number;
  /** Pairable values: the n of Krippendorff's formulas. */
  values: number;
  /** Observed and expected disagreement (alpha = 1 − observed / expected). */
  observed: number;
  expected: number;
}

/** A square contingency table over values, sparse. */
class Table {
  readonly cells = new Map<string, Map<string, number>>();
  add(a: string, b: string, weight: number): void {
    let row = this.cells.get(a);
    if (row === undefined) this.cells.set(a, (row = new Map<string, number>()));
    row.set(b, (row.get(b) ?? 0) + weight);
  }
}

/** Cohen's kappa over items both annotators judged: add each item's pair of values. */
export class KappaAccumulator {
  readonly #table = new Table();
  readonly #rows = new Map<string, number>();
  readonly #cols = new Map<string, number>();
  #items = 0;
  #same = 0;

  add(a: string, b: string): void {
    this.#table.add(a, b, 1);
    this.#rows.set(a, (this.#rows.get(a) ?? 0) + 1);
    this.#cols.set(b, (this.#cols.get(b) ?? 0) + 1);
    this.#items++;
    if (a === b) this.#same++;
  }

  get items(): number {
    return this.#items;
  }

  result(): KappaResult {
    const n = this.#items;
    if (n === 0) return { kappa: null, agreement: 0, expected: 0, items: 0 };
    const agreement = this.#same / n;
    let expected = 0;
    for (const [value, count] of this.#rows) expected += (count / n) * ((this.#cols.get(value) ?? 0) / n);
    // Round-off can leave 1 − 1e-16; a distribution concentrated on one shared value means "undefined".
    const kappa = expected >= 1 - 1e-12 ? null : (agreement - expected) / (1 - expected);
    return { kappa, agreement, expected, items: n };
  }
}

/** Cohen's kappa from a list of (annotator A, annotator B) value pairs. */
export function cohensKappa(pairs: Iterable<readonly [string, string]>): KappaResult {
  const acc = new KappaAccumulator();
  for (const [a, b] of pairs) acc.add(a, b);
  return acc.result();
}

/** Krippendorff's alpha (nominal): add each item's values, one per annotator who judged it. */
export class AlphaAccumulator {
  readonly #coincidences = new Table();
  #items = 0;

  /** `values`: the values the annotators gave this item (missing ones left out). */
  addItem(values: readonly string[]): void {
    const m = values.length;
    if (m < 2) return; // a lone value cannot be paired: it does not count
    this.#items++;
    const weight = 1 / (m - 1);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) if (i !== j) this.#coincidences.add(values[i]!, values[j]!, weight);
    }
  }

  get items(): number {
    return this.#items;
  }

  result(): AlphaResult {
    const totals = new Map<string, number>();
    let n = 0;
    let disagreeing = 0;
    for (const [c, row] of this.#coincidences.cells) {
      for (const [k, o] of row) {
        totals.set(c, (totals.get(c) ?? 0) + o);
        n += o;
        if (c !== k) disagreeing += o;
      }
    }
    // Σ_{c≠k} n_c·n_k = n² − Σ_c n_c²
    let squares = 0;
    for (const t of totals.values()) squares += t * t;
    const chance = n * n - squares;
    const observed = n === 0 ? 0 : disagreeing / n;
    const expected = n <= 1 ? 0 : chance / (n * (n - 1));
    const values = Math.round(n * 1e9) / 1e9;
    if (this.#items === 0 || chance <= 1e-9) return { alpha: null, items: this.#items, values, observed, expected };
    return { alpha: 1 - ((n - 1) * disagreeing) / chance, items: this.#items, values, observed, expected };
  }
}

/**
 * Krippendorff's alpha (nominal) from a reliability data matrix: one row per annotator, one column
 * per item, null where the annotator did not judge the item.
 */
export function krippendorffAlpha(matrix: readonly (readonly (string | number | null)[])[]): AlphaResult {
  const acc = new AlphaAccumulator();
  const width = Math.max(0, ...matrix.map((row) => row.length));
  for (let u = 0; u < width; u++) {
    const values: string[] = [];
    for (const row of matrix) {
      const v = row[u];
      if (v !== null && v !== undefined) values.push(String(v));
    }
    acc.addItem(values);
  }
  return acc.result();
}
