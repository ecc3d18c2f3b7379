import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { utf8ToString } from '../../src/text-file/utf8-string.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every scalar value from `from` to `to` (surrogates excluded), as one string. */
function range(from: number, to: number, step = 1): string {
  const out: string[] = [];
  for (let c = from; c <= to; c += step) if (c < 0xd800 || c > 0xdfff) out.push(String.fromCodePoint(c));
  return out.join('');
}

describe('utf8ToString (valid UTF-8 to a string, the import hot path)', () => {
  it('equals Buffer#toString for every code point of the BMP and a spread of the astral planes', () => {
    for (const text of [range(0, 0xffff), range(0x10000, 0x10ffff, 97), '😀👍🏽 ﷺ ﻻ é ß']) {
      const bytes = Buffer.from(text, 'utf8');
      expect(utf8ToString(bytes)).toBe(text);
      expect(utf8ToString(bytes)).toBe(bytes.toString('utf8'));
    }
  });

  it('equals Buffer#toString on the seeds and on random mixes, from any offset of a larger buffer', () => {
    const seed = readFileSync(`${ROOT}seeds/000_94658338be4f55b9.txt`);
    expect(utf8ToString(seed)).toBe(seed.toString('utf8'));
    const pieces = ['a', 'é', 'ع', 'ـ', '€', '😀', '\n', '"', ',', 'ٌ', '한'];
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) % pieces.length;
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: n * 13 }, () => pieces[random()]).join('');
      const framed = Buffer.concat([Buffer.from('xx'), Buffer.from(text, 'utf8'), Buffer.from('yy')]);
      const view = framed.subarray(2, framed.length - 2);
      expect(utf8ToString(view)).toBe(text);
    }
  });

  it('pure-ASCII text; and a result never aliases the scratch buffer the next call reuses', () => {
    expect(utf8ToString(Buffer.from('plain,ascii\n'))).toBe('plain,ascii\n');
    const first = utf8ToString(Buffer.from('الأول', 'utf8'));
    utf8ToString(Buffer.from('الثاني والثالث', 'utf8'));
    expect(first).toBe('الأول');
  });
});
