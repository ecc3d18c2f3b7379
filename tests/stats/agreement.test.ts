// Agreement coefficients checked against worked examples from the literature.
import { describe, expect, it } from 'vitest';
import { AlphaAccumulator, cohensKappa, krippendorffAlpha } from '../../src/stats/agreement.js';

/** Expands a 2×2 table (rows: annotator A yes/no; columns: annotator B yes/no) into pairs. */
function fromTable(yy: number, yn: number, ny: number, nn: number): [string, string][] {
  const rep = (n: number, pair: [string, string]) => Array.from({ length: n }, () => pair);
  return [...rep(yy, ['yes', 'yes']), ...rep(yn, ['yes', 'no']), ...rep(ny, ['no', 'yes']), ...rep(nn, ['no', 'no'])];
}

describe("Cohen's kappa", () => {
  it('the 50-item yes/no table (p_o = 0.70, p_e = 0.50, κ = 0.40)', () => {
    // Wikipedia "Cohen's kappa", simple example: 20 both yes, 5 A yes/B no, 10 A no/B yes, 15 both no.
    const r = cohensKappa(fromTable(20, 5, 10, 15));
    expect(r.items).toBe(50);
    expect(r.agreement).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });

  it('same observed agreement, different kappa (the two 100-item tables: κ = 0.1304 and 0.2593)', () => {
    const a = cohensKappa(fromTable(45, 15, 25, 15));
    const b = cohensKappa(fromTable(25, 35, 5, 35));
    expect(a.agreement).toBeCloseTo(0.6, 12);
    expect(b.agreement).toBeCloseTo(0.6, 12);
    expect(a.kappa).toBeCloseTo(0.1304, 4);
    expect(b.kappa).toBeCloseTo(0.2593, 4);
  });

  it('perfect agreement is 1, systematic disagreement negative, one constant shared value undefined', () => {
    expect(
      cohensKappa([
        ['x', 'x'],
        ['y', 'y'],
        ['z', 'z'],
      ]).kappa,
    ).toBe(1);
    expect(
      cohensKappa([
        ['x', 'y'],
        ['y', 'x'],
      ]).kappa,
    ).toBe(-1);
    const constant = cohensKappa([
      ['x', 'x'],
      ['x', 'x'],
    ]);
    expect(constant.kappa).toBeNull();
    expect(constant.agreement).toBe(1);
    expect(cohensKappa([]).kappa).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it('Krippendorff (2011) A: binary data, two observers, no missing data → α = 0.095', () => {
    const r = krippendorffAlpha([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(r.items).toBe(10);
    expect(r.values).toBe(20);
    expect(r.alpha).toBeCloseTo(0.095, 3);
    // Same data through Cohen: p_o = 0.6, p_e = 0.2·0.4 + 0.8·0.6 = 0.56.
    const k = cohensKappa(
      [
        [0, 1],
        [1, 1],
        [0, 1],
        [0, 0],
        [0, 0],
        [0, 1],
        [0, 0],
        [0, 0],
        [1, 0],
        [0, 0],
      ].map(([a, b]) => [String(a), String(b)] as [string, string]),
    );
    expect(k.kappa).toBeCloseTo(0.04 / 0.44, 12);
  });

  it('Krippendorff (2011) B: nominal data, two observers, no missing data → α = 0.692', () => {
    const r = krippendorffAlpha([
      ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'],
      ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'],
    ]);
    expect(r.items).toBe(12);
    expect(r.alpha).toBeCloseTo(0.692, 3);
  });

  it('Krippendorff (2011) C: nominal data, four observers, missing values → α = 0.743 over 40 pairable values', () => {
    const _ = null;
    const r = krippendorffAlpha([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ]);
    // Unit 12 has a single value and does not count.
    expect(r.items).toBe(11);
    expect(r.values).toBe(40);
    expect(r.alpha).toBeCloseTo(0.743, 3);
  });

  it('perfect agreement is 1; no variation or nothing pairable is undefined; item order does not matter', () => {
    expect(
      krippendorffAlpha([
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
      ]).alpha,
    ).toBe(1);
    expect(
      krippendorffAlpha([
        ['a', 'a'],
        ['a', 'a'],
      ]).alpha,
    ).toBeNull();
    expect(
      krippendorffAlpha([
        ['a', null],
        [null, 'b'],
      ]).alpha,
    ).toBeNull();
    const items = [
      ['1', '1', '2'],
      ['2', '3'],
      ['3', '3', '3', '1'],
      ['1', '2'],
    ];
    const forward = new AlphaAccumulator();
    const backward = new AlphaAccumulator();
    for (const it of items) forward.addItem(it);
    for (const it of [...items].reverse()) backward.addItem([...it].reverse());
    expect(backward.result().alpha).toBeCloseTo(forward.result().alpha!, 12);
  });
});
