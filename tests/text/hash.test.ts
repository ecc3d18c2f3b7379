import { describe, expect, it } from 'vitest';
import { bucketOf, hash32 } from '../../src/text/pipeline.js';

// Golden values computed with an independent MurmurHash3_x86_32 (Python, over bytes) of each string's
// UTF-16 code units widened to 4-byte little-endian words; the same implementation gives the
// published vectors murmur3("", 1) = 0x514e28b7 and murmur3("hello", 0) = 0x248bfa47.
const GOLDEN: [string, number, number][] = [
  ['', 0, 0],
  ['a', 0, 1455541201],
  ['abc', 0, 2616614272],
  ['المغرب', 0, 602804102],
  ['الجزائر', 42, 2967172944],
  ['<url>', 0, 2663832464],
  ['Bonjour', 0x9747b28c, 1847916229],
  ['😀', 0, 2344682225],
];

/** Reference murmur3_32 over bytes (block + tail), to check hash32 beyond the golden table. */
function murmur3Bytes(data: Uint8Array, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = Math.floor(data.length / 4);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < blocks; i++) {
    let k = view.getUint32(i * 4, true);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  for (let i = data.length & 3; i > 0; i--) k = (k << 8) | data[blocks * 4 + i - 1]!;
  if ((data.length & 3) !== 0) {
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function widened(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 4);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i * 4] = c & 0xff;
    out[i * 4 + 1] = c >>> 8;
  }
  return out;
}

describe('hash32', () => {
  it.each(GOLDEN)('hash32(%j, %i) = %i', (s, seed, expected) => {
    expect(hash32(s, seed)).toBe(expected);
  });

  it('is the reference murmur3 on published vectors', () => {
    expect(murmur3Bytes(new Uint8Array(0), 1)).toBe(0x514e28b7);
    expect(murmur3Bytes(new TextEncoder().encode('hello'), 0)).toBe(0x248bfa47);
  });

  it('matches murmur3 over widened code units, lone surrogates included', () => {
    for (const s of ['الحدود المغربية الجزائرية', 'x\uD800y', '\uDC00', 'Sécurité — Sahel', '٢٠٢٣']) {
      for (const seed of [0, 1, 0x5eed]) expect(hash32(s, seed)).toBe(murmur3Bytes(widened(s), seed));
    }
  });

  it('returns an unsigned 32-bit integer and depends on the seed', () => {
    const h = hash32('تونس', 1);
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    expect(hash32('تونس', 2)).not.toBe(h);
  });

  it('bucketOf keeps the top bits', () => {
    expect(bucketOf(0xffffffff, 18)).toBe(2 ** 18 - 1);
    expect(bucketOf(0x80000000, 1)).toBe(1);
    expect(bucketOf(0x7fffffff, 8)).toBe(127);
  });
});
