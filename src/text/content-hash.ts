import { createHash } from 'node:crypto';
import { normalize } from './normalize.js';
import type { NormalizeOptions } from './types.js';

// Content hashes become article ids in every database: they must never change, so they use their own
// frozen normalization, not DEFAULT_PIPELINE (whose defaults follow the ablation and may move).
// Every presentational step is on; typed tokens are off on purpose — with them "7 killed" and
// "12 killed", or two different source URLs, would hash the same and one article be dropped as a
// duplicate of the other.
const CONTENT_NORMALIZATION: NormalizeOptions = Object.freeze({
  nfc: true,
  stripDiacritics: true,
  stripTatweel: true,
  unifyAlef: true,
  alefMaqsura: true,
  taaMarbuta: true,
  hamzaSeats: true,
  digits: true,
  punctuation: true,
  lowercaseLatin: true,
  typedTokens: false,
  cleanInvisible: true,
});

/** Hex sha-256 of `text` normalized for duplicate detection (whitespace collapsed). */
export function contentHash(text: string): string {
  return hashNormalized(normalizeContent(text));
}

/** `text` as the content hash normalizes it (also the words near-duplicate fingerprints are made of). */
export function normalizeContent(text: string): string {
  return normalize(text, CONTENT_NORMALIZATION);
}

export function hashNormalized(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
