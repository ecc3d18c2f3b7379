import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/text/pipeline.js';

describe('contentHash', () => {
  it('is the hex sha-256 of the fully normalized text', () => {
    const h = contentHash('المغرب');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(createHash('sha256').update('المغرب', 'utf8').digest('hex'));
  });

  it('is equal for presentational variants of the same article', () => {
    const a = 'أعلنت وزارةُ الداخليّة المغربيّة، يوم ١٥ مارس، عن تفكيك خلية إرهابية.';
    const b = '\u200Fاعلنت  وزارة الداخلية المغربية, يوم 15 مارس,\n عن تفكيك خليه ارهابيه.';
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash('SAHEL  Security')).toBe(contentHash('sahel security'));
  });

  it('differs when the content differs, numbers and links included', () => {
    expect(contentHash('قتل 7 أشخاص')).not.toBe(contentHash('قتل 12 شخصا'));
    expect(contentHash('قتل 7 أشخاص')).not.toBe(contentHash('قتل 12 أشخاص'));
    expect(contentHash('المصدر https://a.ma/1')).not.toBe(contentHash('المصدر https://a.ma/2'));
  });

  it('is frozen: golden value (article ids in every database depend on it)', () => {
    expect(contentHash('  الأمنُ في الساحل ')).toBe(createHash('sha256').update('الامن في الساحل', 'utf8').digest('hex'));
    expect(contentHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
