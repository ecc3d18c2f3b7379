// Matching folds spelling variants (أبريل/ابريل/إبريل, مساءً/مساء, ٢٠١٦/2016) onto one form, but callers
// need the text as it was found: the fold keeps, for every folded character, its index in the original.

export interface Folded {
  /** The folded text. */
  text: string;
  /** `index[i]` is the original index of `text[i]`; `index[text.length]` is the original length. */
  index: number[];
}

const DROP = /[\u064B-\u065F\u0670\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

const MARK = /[\u064B-\u065F\u0670\u0640]/u;

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  switch (ch) {
    case 'أ':
    case 'إ':
    case 'آ':
    case 'ٱ':
      return 'ا';
    case 'ى':
      return 'ي';
    case 'ة':
      return 'ه';
    case 'ؤ':
      return 'و';
    case 'ئ':
      return 'ي';
    case '\u00A0':
    case '\u2009':
    case '\u202F':
      return ' ';
    case '،':
      return ',';
    case '\u2013':
    case '\u2014':
    case '\u2212':
      return '-';
    default: {
      const lower = ch.toLowerCase();
      return lower.length === 1 ? lower : ch;
    }
  }
}

/** Fold for matching: alef/ya/ta marbuta/hamza seats unified, harakat and tatweel dropped, digits ASCII, Latin lower case. */
export function fold(original: string): Folded {
  let text = '';
  const index: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]!;
    if (DROP.test(ch)) continue;
    text += foldChar(ch);
    index.push(i);
  }
  index.push(original.length);
  return { text, index };
}

/** The original text behind the folded span [start, end). */
export function originalSpan(original: string, f: Folded, start: number, end: number): string {
  if (end <= start) return '';
  // Marks dropped by the fold right after the span (the tanwin of مساءً) still belong to it.
  let stop = f.index[end - 1]! + 1;
  while (stop < original.length && MARK.test(original[stop]!)) stop++;
  return original.slice(f.index[start], stop);
}

/** Fold without the index, for comparing strings. */
export function foldKey(s: string): string {
  return fold(s).text;
}
