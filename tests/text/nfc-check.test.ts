// The normalizer skips String#normalize('NFC') when nfcMayChange says NFC cannot change the string:
// that premise is checked here against ICU, character by character, for the whole BMP.
import { describe, expect, it } from 'vitest';
import { nfcMayChange, nfcSensitiveUnits } from '../../src/text/nfc-check.js';

const t = nfcSensitiveUnits();
const plain: string[] = [];
for (let c = 0; c < 0x10000; c++) if (t[c] === 0) plain.push(String.fromCharCode(c));

describe('nfcMayChange', () => {
  it('every character it lets through is left alone by NFC, is not a combining character (it reorders nothing), and composes with nothing', () => {
    for (const c of plain) {
      expect(c.normalize('NFC'), c.codePointAt(0)!.toString(16)).toBe(c);
      // A combining class above 0 would reorder against U+0334 (class 1) after it or U+0345 (class 240) before it.
      expect((c + '\u0334').normalize('NFC'), c.codePointAt(0)!.toString(16)).toBe(c + '\u0334');
      expect(('\u0345' + c).normalize('NFC'), c.codePointAt(0)!.toString(16)).toBe('\u0345' + c);
    }
    // Every canonical composition pairs a first character with others that are all flagged.
    for (let x = 0; x < 0x10000; x++) {
      if (x >= 0xd800 && x <= 0xdfff) continue;
      const parts = [...String.fromCharCode(x).normalize('NFD')];
      for (const p of parts.slice(1)) expect(nfcMayChange(p), `${x.toString(16)} → ${p.codePointAt(0)!.toString(16)}`).toBe(true);
    }
  });

  it('on random text: whenever it says no, NFC agrees; Arabic news without marks is a no', () => {
    const pool = [
      ...'الجزائر والمغرب تعاون أمني إرهاب ليبيا ١٢٣ abc é',
      '\u064b',
      '\u0650',
      '\u0651',
      '\u0653',
      '\u0654',
      '\u0655',
      '\u0640',
      '\u200c',
      '\u200d',
      '\ufeb3',
      '\ufefb',
      'e\u0301',
      '\u2126',
      '\u212b',
      '\u0958',
      '\uf900',
      '\u1100',
      '\u1161',
      '\u11a8',
      '\uac00',
      '😀',
      '\u0344',
      '\u0374',
    ];
    let state = 11;
    const pick = () => pool[(state = (state * 1103515245 + 12345) >>> 0) % pool.length]!;
    let no = 0;
    for (let n = 0; n < 20_000; n++) {
      const s = Array.from({ length: 1 + (n % 17) }, pick).join('');
      if (!nfcMayChange(s)) {
        no++;
        expect(s.normalize('NFC'), JSON.stringify(s)).toBe(s);
      }
    }
    expect(no).toBeGreaterThan(1_000);
    expect(nfcMayChange('أعلنت وزارة الدفاع الجزائرية تفكيك خلية إرهابية قرب الحدود مع مالي.')).toBe(false);
    expect(nfcMayChange('شكراً')).toBe(true);
  });
});
