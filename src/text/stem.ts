// Arabic light stemming: strip one proclitic group and one suffix, never down to fewer than 2–3
// letters. The stem is always a substring of the token, so the featurizer hashes it in place; it is
// an extra feature beside the surface word, never a replacement (light stemmers over-strip, e.g.
// وصل "he arrived" → صل; the surface word keeps the exact form available to the model).
//
// The rules see normalized text, so they accept both spellings a normalization step may leave:
// ة or ه for taa marbuta, and alef forms (the article and و/ف are plain letters either way).

const ALEF = 0x0627;
const LAM = 0x0644;
const WAW = 0x0648;
const FAA = 0x0641;
const BAA = 0x0628;
const KAF = 0x0643;

/** Suffixes, longest first (checked against the token's end). */
const SUFFIXES = ['تمون', 'كما', 'هما', 'تان', 'تين', 'ها', 'هم', 'هن', 'كم', 'كن', 'نا', 'ون', 'ين', 'ات', 'ان', 'ية', 'يه', 'تم', 'وا', 'ة', 'ه', 'ي'].map(
  (x) => Array.from(x, (ch) => ch.charCodeAt(0)),
);

/** Is every code unit of s[start, end) an Arabic letter? (Only those words get stems.) */
export function isArabicWord(s: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x0621 || c > 0x064a || c === 0x0640) {
      if (c < 0x0671 || c > 0x06d3) return false;
    }
  }
  return true;
}

/** Length of the article group at s[i]: ال, لل (ل + ال), or بال كال لال (preposition + ال); else 0. */
function articleAt(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  if (a === ALEF && b === LAM) return 2;
  if (a === LAM && b === LAM) return 2;
  if ((a === BAA || a === KAF || a === LAM) && b === ALEF && s.charCodeAt(i + 2) === LAM) return 3;
  return 0;
}

/**
 * Start of the stem of the Arabic word s[start, end) after removing proclitics: an optional
 * conjunction و/ف, then an optional article group. A bare ب ك ل is left alone (لبنان, بريطانيا and
 * كتاب start with them); a conjunction goes before an article group (والعراق) or
 * 5+ letters (وأعلنت → أعلنت), so that وزير, وزارة, فيلم and وقالت stay whole.
 */
function stripPrefix(s: string, start: number, end: number): number {
  let i = start;
  const c0 = s.charCodeAt(i);
  if ((c0 === WAW || c0 === FAA) && (end - i - 1 >= 5 || (articleAt(s, i + 1) > 0 && end - i - 1 >= 4))) i++;
  const art = articleAt(s, i);
  if (art > 0 && end - i - art >= 2) i += art;
  return i;
}

/** Suffixes indexed by their last letter (offset from U+0600), longest first. */
const BY_LAST: (number[][] | undefined)[] = [];
for (const suf of SUFFIXES) {
  const last = suf[suf.length - 1]! - 0x0600;
  (BY_LAST[last] ??= []).push(suf);
}

/** End of the stem of s[start, end) after removing one suffix (the stem keeps ≥ 3 letters). */
function stripSuffix(s: string, start: number, end: number): number {
  const candidates = BY_LAST[s.charCodeAt(end - 1) - 0x0600];
  if (candidates === undefined) return end;
  for (const suf of candidates) {
    const len = suf.length;
    if (end - start - len < 3) continue;
    let match = true;
    for (let j = 0; j < len - 1; j++) {
      if (s.charCodeAt(end - len + j) !== suf[j]) {
        match = false;
        break;
      }
    }
    if (match) return end - len;
  }
  return end;
}

/**
 * Writes the stem range of the Arabic word s[start, end) to `range` (no allocation on the hot path).
 * Returns false when the word gets no stem feature (not an Arabic word of 2+ letters).
 */
export function stemRange(s: string, start: number, end: number, range: Int32Array): boolean {
  if (!isArabicWord(s, start, end)) return false;
  const a = stripPrefix(s, start, end);
  const b = stripSuffix(s, a, end);
  range[0] = a;
  range[1] = b;
  return true;
}

/** The light stem of one Arabic word (the word itself when nothing applies or it is not Arabic). */
export function lightStem(word: string): string {
  const r = new Int32Array(2);
  return stemRange(word, 0, word.length, r) ? word.slice(r[0], r[1]) : word;
}
