// resolveArticle: the value training uses per article and field (adjudication > majority > latest),
// with how many annotators agreed. Pure, so hand-made label sets pin every rule down.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveArticle } from '../../src/labels/resolve.js';
import type { ArticleLabel } from '../../src/labels/resolve.js';

let clock = Date.parse('2024-01-01T00:00:00Z');
function label(annotator: string, over: Partial<ArticleLabel> = {}): ArticleLabel {
  clock += 60_000;
  return { annotator, kind: 'annotation', topics: null, stance: {}, skipped: false, confirmed: true, updatedAt: new Date(clock), ...over };
}

describe('resolveArticle', () => {
  it('majority per field, with how many agreed and how many judged', () => {
    const r = resolveArticle([
      label('a', { topics: ['diplomacy', 'algeria_morocco'], stance: { algeria: 'favor', morocco: 'against' } }),
      label('b', { topics: ['algeria_morocco', 'diplomacy'], stance: { algeria: 'favor' } }),
      label('c', { topics: ['diplomacy'], stance: { algeria: 'against' } }),
    ]);
    expect(r.annotators).toBe(3);
    // Topic sets compare as sets: the order annotators clicked them in does not matter.
    expect(r.topics).toEqual({ value: ['algeria_morocco', 'diplomacy'], agreed: 2, of: 3, by: 'majority' });
    expect(r.stance).toEqual({
      algeria: { value: 'favor', agreed: 2, of: 3, by: 'majority' },
      morocco: { value: 'against', agreed: 1, of: 1, by: 'majority' },
    });
  });

  it('an adjudication wins even against the majority; agreed counts the annotations that match it', () => {
    const r = resolveArticle([
      label('a', { stance: { algeria: 'favor' }, topics: ['diplomacy'] }),
      label('b', { stance: { algeria: 'favor' }, topics: ['diplomacy'] }),
      label('c', { stance: { algeria: 'against' } }),
      label('rev', { kind: 'adjudication', stance: { algeria: 'against' } }),
    ]);
    expect(r.stance['algeria']).toEqual({ value: 'against', agreed: 1, of: 3, by: 'adjudication' });
    // The adjudication did not judge topics: the annotators' majority stands.
    expect(r.topics).toEqual({ value: ['diplomacy'], agreed: 2, of: 2, by: 'majority' });
    // Reviewers are not counted as annotators.
    expect(r.annotators).toBe(3);
  });

  it('the latest adjudication wins over an older one', () => {
    const r = resolveArticle([
      label('rev1', { kind: 'adjudication', stance: { morocco: 'neutral' } }),
      label('rev2', { kind: 'adjudication', stance: { morocco: 'favor' } }),
    ]);
    expect(r.stance['morocco']).toEqual({ value: 'favor', agreed: 0, of: 0, by: 'adjudication' });
    expect(r.annotators).toBe(0);
    // Two reviewers at the same instant (found by the property below): the value that sorts first,
    // whatever the order the labels come in.
    const t = new Date('2024-05-05T00:00:00Z');
    const x = label('rev1', { kind: 'adjudication', stance: { morocco: 'neutral' }, updatedAt: t });
    const y = label('rev2', { kind: 'adjudication', stance: { morocco: 'favor' }, updatedAt: t });
    expect(resolveArticle([x, y]).stance['morocco']?.value).toBe('favor');
    expect(resolveArticle([y, x]).stance['morocco']?.value).toBe('favor');
  });

  it('a tie goes to the most recently updated label among the tied values', () => {
    const older = label('a', { stance: { algeria: 'favor' } });
    const newer = label('b', { stance: { algeria: 'against' } });
    expect(resolveArticle([older, newer]).stance['algeria']).toEqual({ value: 'against', agreed: 1, of: 2, by: 'latest' });
    expect(resolveArticle([newer, older]).stance['algeria']?.value).toBe('against');
    // Equal times: the value that sorts first, so input order never matters.
    const t = new Date('2024-05-05T00:00:00Z');
    const x = label('x', { stance: { algeria: 'neutral' }, updatedAt: t });
    const y = label('y', { stance: { algeria: 'against' }, updatedAt: t });
    expect(resolveArticle([x, y]).stance['algeria']?.value).toBe('against');
    expect(resolveArticle([y, x]).stance['algeria']?.value).toBe('against');
  });

  it('drafts and skipped labels do not count; "no topic" is a judgement, "not judged" is not', () => {
    const r = resolveArticle([
      label('draft', { confirmed: false, topics: ['diplomacy'], stance: { algeria: 'favor' } }),
      label('skip', { skipped: true, topics: ['diplomacy'], stance: { algeria: 'favor' } }),
      label('none', { topics: [] }),
      label('stance-only', { topics: null, stance: { algeria: 'against' } }),
    ]);
    expect(r.annotators).toBe(2);
    expect(r.topics).toEqual({ value: [], agreed: 1, of: 1, by: 'majority' });
    expect(r.stance).toEqual({ algeria: { value: 'against', agreed: 1, of: 1, by: 'majority' } });
    expect(resolveArticle([label('d', { confirmed: false, topics: ['x'] })])).toEqual({ annotators: 0, topics: null, stance: {} });
  });

  it('properties: the result does not depend on label order; agreed ≤ of; a majority value has the most votes', () => {
    const VALUES = ['favor', 'against', 'neutral'];
    const arb = fc.array(
      fc.record({
        annotator: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        kind: fc.constantFrom('annotation' as const, 'annotation' as const, 'adjudication' as const),
        topics: fc.option(fc.subarray(['t1', 't2', 't3']), { nil: null }),
        stance: fc.dictionary(fc.constantFrom('algeria', 'morocco'), fc.constantFrom(...VALUES)),
        skipped: fc.boolean(),
        confirmed: fc.boolean(),
        updatedAt: fc.integer({ min: 0, max: 20 }).map((m) => new Date(Date.UTC(2024, 0, 1, 0, m))),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, fc.nat(), (labels, seed) => {
        const r = resolveArticle(labels);
        const shuffled = [...labels].sort((p, q) => ((labels.indexOf(p) * 7919 + seed) % 13) - ((labels.indexOf(q) * 7919 + seed) % 13));
        expect(resolveArticle(shuffled)).toEqual(r);
        for (const f of [r.topics, ...Object.values(r.stance)]) {
          if (f === null) continue;
          expect(f.agreed).toBeLessThanOrEqual(f.of);
          if (f.by !== 'adjudication') expect(f.agreed).toBeGreaterThan(0);
        }
        for (const [target, f] of Object.entries(r.stance)) {
          if (f.by === 'adjudication') continue;
          const votes = labels.filter((l) => l.kind === 'annotation' && l.confirmed && !l.skipped && l.stance[target] !== undefined);
          for (const v of VALUES) expect(votes.filter((l) => l.stance[target] === v).length).toBeLessThanOrEqual(f.agreed);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
