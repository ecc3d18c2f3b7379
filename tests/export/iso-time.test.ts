import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isoUtc } from '../../src/export/iso-time.js';

it('isoUtc writes exactly what Date#toISOString writes, for any valid date', () => {
  for (const d of ['1000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '0999-12-31T23:59:59.999Z', '2024-02-29T07:08:09.010Z']) {
    expect(isoUtc(new Date(d))).toBe(d);
  }
  expect(isoUtc(new Date(Date.UTC(10000, 0, 1)))).toBe('+010000-01-01T00:00:00.000Z');
  fc.assert(
    fc.property(fc.date({ noInvalidDate: true }), (d) => {
      expect(isoUtc(d)).toBe(d.toISOString());
    }),
    { numRuns: 2000 },
  );
});
