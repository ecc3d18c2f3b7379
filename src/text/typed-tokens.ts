// The typed tokens of normalization (<url>, <email>, <user>, <num>, <emoji>): the context-dependent
// replacements that run after normalize.ts's per-character pass, on what that pass saw in its output.

/** The typed tokens normalization produces; the tokenizer keeps them whole. */
export const TYPED_TOKENS = ['<url>', '<email>', '<user>', '<num>', '<emoji>'] as const;
export type TypedToken = (typeof TYPED_TOKENS)[number];

/** Flags normalize.ts's map pass sets on what it wrote: the passes below run only where they can match. */
export const HAS_DIGIT = 1;
export const HAS_AT = 2;
export const HAS_EMOJI = 4;

// Typed tokens. Separate passes, each skipped when a cheap check says it cannot match, rather than
// one combined regex that every text pays for in full: most texts have no URL, address or emoji. URLs, mentions and numbers
// must not start inside a word and numbers must be whole (the "19" of "covid19" stays), or replacing
// one token could expose another and normalization would not be idempotent; the passes also repeat
// until nothing changes, for the rare chains such as "a@b.com@c".
const URL_RE = /(?<![\p{L}\p{N}_])(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?'()[\]{}]/giu;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const MENTION_RE = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
const MAY_HAVE_URL = /http|www\./i;
const EMOJI_RE =
  // The keycap mark (U+20E3) combines with the character before it: that is the sequence matched.
  // eslint-disable-next-line no-misleading-character-class
  /(?:(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}|\p{Regional_Indicator}{1,2})(?:[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3]|\u200D\p{Extended_Pictographic}?)*/gu;

/**
 * The number rule, as a regex (tests check replaceNumbers against it; the hand-written scanner is
 * ~8x faster): digits with . , ٫ ٬ between groups, not touching a letter, digit, '_' or (after) '@'.
 */
export const NUMBER_RULE = /(?<![\p{L}\p{N}_])[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)*(?![\p{L}\p{N}_@])/gu;

const WORDISH_RE = /^[\p{L}\p{N}_]$/u;
/** 1 where a BMP code unit is [\p{L}\p{N}_]; surrogates are decided per code point. */
const WORDISH = buildWordish();

function buildWordish(): Uint8Array {
  const w = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (WORDISH_RE.test(String.fromCharCode(c))) w[c] = 1;
  }
  return w;
}

function isDigitUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9);
}

/** Is the code point ending just before index i a letter, digit or '_'? */
function wordishBefore(s: string, i: number): boolean {
  if (i === 0) return false;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return WORDISH_RE.test(s.slice(i - 2, i));
  }
  return WORDISH[c] === 1;
}

/** Is the code point starting at index i a letter, digit, '_' or '@'? */
function blocksNumberAfter(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c === 0x40) return true;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORDISH_RE.test(s.slice(i, i + 2));
  }
  return WORDISH[c] === 1;
}

function isGroupSeparator(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x066b || c === 0x066c;
}

/** s.replace(NUMBER_RULE, ' <num> '), with the regex's backtracking written out. */
export function replaceNumbers(s: string): string {
  const n = s.length;
  let out = '';
  let last = 0;
  let i = 0;
  while (i < n) {
    if (!isDigitUnit(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < n && isDigitUnit(s.charCodeAt(runEnd))) runEnd++;
    if (wordishBefore(s, i)) {
      i = runEnd; // no digit of this run can start a number
      continue;
    }
    // Longest match first, then shorter ones ending after a whole group (what the regex backtracks to).
    let end = runEnd;
    let best = blocksNumberAfter(s, end) ? -1 : end;
    while (end + 1 < n && isGroupSeparator(s.charCodeAt(end)) && isDigitUnit(s.charCodeAt(end + 1))) {
      end += 2;
      while (end < n && isDigitUnit(s.charCodeAt(end))) end++;
      if (!blocksNumberAfter(s, end)) best = end;
    }
    if (best < 0) {
      i = runEnd;
      continue;
    }
    out += s.slice(last, i) + ' <num> ';
    last = best;
    i = best;
  }
  return last === 0 ? s : out + s.slice(last);
}

export function replaceTyped(s: string, collapse: boolean, flags: number): string {
  let any = false;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    let other = false;
    const sub = (re: RegExp, token: string) => {
      const r = s.replace(re, token);
      if (r !== s) {
        s = r;
        changed = true;
        return true;
      }
      return false;
    };
    if (MAY_HAVE_URL.test(s) && sub(URL_RE, ' <url> ')) other = true;
    if ((flags & HAS_AT) !== 0 && s.includes('@')) {
      if (sub(EMAIL_RE, ' <email> ')) other = true;
      if (sub(MENTION_RE, ' <user> ')) other = true;
    }
    if ((flags & HAS_DIGIT) !== 0) {
      const r = replaceNumbers(s);
      if (r !== s) {
        s = r;
        changed = true;
      }
    }
    if ((flags & HAS_EMOJI) !== 0 && sub(EMOJI_RE, ' <emoji> ')) other = true;
    if (changed) any = true;
    // A number's neighbours are never letters, digits or '@' (see NUMBER_RULE), so replacing numbers
    // alone cannot expose a new token: only the other kinds need another round.
    if (!other) break;
  }
  if (!any) return s;
  return collapse ? s.replace(/ {2,}/g, ' ').trim() : s;
}
