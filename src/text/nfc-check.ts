// A fast "can NFC change this string?" for the normalizer's hot path. String#normalize('NFC') asks
// ICU, which converts the string and runs its quick check: ~3 ns a character, a tenth of an import's
// parsing thread, for Arabic text that NFC almost never changes. NFC(s) differs from s only if s
// holds a character that NFC changes on its own (singletons, composition exclusions), a combining
// mark (reordering, or composition with what precedes it), a Hangul jamo (algorithmic composition),
// or a surrogate (astral characters are not classified here): with none of them, NFC(s) === s.
// tests/text/nfc-check.test.ts checks that premise against ICU for every BMP character.

let sensitive: Uint8Array | undefined;

/** 1 for the UTF-16 code units that may make NFC change a string. Built on first use (~20 ms). */
export function nfcSensitiveUnits(): Uint8Array {
  if (sensitive !== undefined) return sensitive;
  const t = new Uint8Array(0x10000);
  const mark = /^\p{M}$/u;
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      t[c] = 1;
      continue;
    }
    const s = String.fromCharCode(c);
    if (mark.test(s) || s.normalize('NFC') !== s) t[c] = 1;
  }
  t.fill(1, 0x1100, 0x1200);
  return (sensitive = t);
}

/** False when NFC is sure to leave `s` as it is. */
export function nfcMayChange(s: string): boolean {
  const t = nfcSensitiveUnits();
  for (let i = 0; i < s.length; i++) if (t[s.charCodeAt(i)] === 1) return true;
  return false;
}
