// Which text encoding a file is in. `auto` decides in this order: a byte-order mark; valid UTF-8;
// an HTML page's own declaration (<meta charset> / http-equiv); Arabic single-byte text
// (windows-1256 vs ISO-8859-6, told apart by which reading gives Arabic words). Node's TextDecoder
// (full ICU) decodes all of them.
import { isUtf8 } from 'node:buffer';
import { Parser } from 'htmlparser2';

export const ENCODINGS = ['utf-8', 'windows-1256', 'iso-8859-6', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export type EncodingChoice = 'auto' | Encoding;

/** How the encoding was decided: given by the user, a BOM, valid UTF-8, the page's declaration, or guessed from the bytes. */
export type EncodingReason = 'given' | 'bom' | 'utf-8' | 'declared' | 'detected';

export interface DecidedEncoding {
  encoding: Encoding;
  reason: EncodingReason;
  /** Bytes at the start to skip (the BOM). */
  skip: number;
}

export function bomOf(bytes: Uint8Array): DecidedEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', reason: 'bom', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', reason: 'bom', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', reason: 'bom', skip: 2 };
  return undefined;
}

export interface DecideOptions {
  /** The sample is the whole file (else its end may cut a UTF-8 character). */
  whole: boolean;
  /** The file is an HTML page: its declaration counts. */
  html?: boolean;
}

/**
 * The encoding of a file from its first bytes (`sample`), or undefined when it is none of them
 * (the caller then reports the file as invalid UTF-8, naming the line).
 */
export function decideEncoding(choice: EncodingChoice, sample: Uint8Array, opts: DecideOptions): DecidedEncoding | undefined {
  const bom = bomOf(sample);
  if (choice !== 'auto') {
    const skip = bom !== undefined && bom.encoding === choice ? bom.skip : 0;
    return { encoding: choice, reason: 'given', skip };
  }
  if (bom !== undefined) return bom;
  if (isUtf8(opts.whole ? sample : sample.subarray(0, completeUtf8Length(sample)))) return { encoding: 'utf-8', reason: 'utf-8', skip: 0 };
  if (opts.html === true) {
    const declared = declaredCharset(sample);
    if (declared !== undefined) return { encoding: declared, reason: 'declared', skip: 0 };
  }
  const guessed = guessArabicSingleByte(sample);
  return guessed === undefined ? undefined : { encoding: guessed, reason: 'detected', skip: 0 };
}

/** Labels of the encodings we decode, as pages declare them (WHATWG names and common aliases). */
const LABELS: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'windows-1256': 'windows-1256',
  cp1256: 'windows-1256',
  'x-cp1256': 'windows-1256',
  'iso-8859-6': 'iso-8859-6',
  'iso8859-6': 'iso-8859-6',
  'iso_8859-6': 'iso-8859-6',
  arabic: 'iso-8859-6',
  'asmo-708': 'iso-8859-6',
  'iso-ir-127': 'iso-8859-6',
  'ecma-114': 'iso-8859-6',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** The charset an HTML page declares in its head (<meta charset> or http-equiv Content-Type). */
export function declaredCharset(bytes: Uint8Array): Encoding | undefined {
  // The declaration is ASCII; reading the head as Latin-1 keeps every byte one character.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('latin1');
  let found: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (found !== undefined || name !== 'meta') return;
        if (attrs.charset !== undefined) found = attrs.charset;
        else if (attrs['http-equiv']?.toLowerCase() === 'content-type' && attrs.content !== undefined) {
          const at = attrs.content.toLowerCase().indexOf('charset=');
          if (at !== -1)
            found = attrs.content
              .slice(at + 8)
              .split(';')[0]!
              .replace(/["']/g, '');
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(head);
  parser.end();
  return found === undefined ? undefined : LABELS[found.trim().toLowerCase()];
}

/**
 * windows-1256 or ISO-8859-6, by which reading of the bytes looks like Arabic: the article "ال",
 * Arabic letters, and no characters a text in that encoding cannot hold (unassigned bytes, C1
 * controls). Undefined when neither reading is mostly Arabic.
 */
export function guessArabicSingleByte(bytes: Uint8Array): 'windows-1256' | 'iso-8859-6' | undefined {
  let high = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) high++;
  if (high === 0) return undefined;
  let best: { encoding: 'windows-1256' | 'iso-8859-6'; score: number } | undefined;
  for (const encoding of ['windows-1256', 'iso-8859-6'] as const) {
    const text = new TextDecoder(encoding).decode(bytes);
    const score = arabicScore(text, high);
    // A few accented Latin letters can read as Arabic ones: a text must have Arabic words.
    if (score > 0.8 && text.includes('\u0627\u0644') && (best === undefined || score > best.score)) best = { encoding, score };
  }
  return best?.encoding;
}

/** Per high byte: Arabic letters count 1, "ال" 2 more, impossible characters −5. */
function arabicScore(text: string, high: number): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0621 && c <= 0x064a) {
      score++;
      if (c === 0x0627 && text.charCodeAt(i + 1) === 0x0644) score += 2;
    } else if (c === 0xfffd || (c >= 0x80 && c <= 0x9f)) score -= 5;
  }
  return score / high;
}

/** Length of `bytes` up to the last complete UTF-8 character (a cut one is left for later). */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 1;
    return i + len > n ? i : n;
  }
  return n;
}

/** How the summary names a decision, e.g. "windows-1256 (detected)". */
export function describeEncoding(d: Pick<DecidedEncoding, 'encoding' | 'reason'>): string {
  const why = { given: 'as given', bom: 'byte-order mark', 'utf-8': 'valid UTF-8', declared: 'declared by the page', detected: 'detected' }[d.reason];
  return `${d.encoding} (${why})`;
}
