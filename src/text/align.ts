import { normalize } from './normalize.js';
import { lightStem } from './stem.js';
import { TokenSpans, scanTokens, tokenize } from './tokenize.js';
import type { AlignedToken, FeatureTerm, NormalizeOptions } from './types.js';

/**
 * The words of the raw `text` with their offsets and normalized tokens, so a UI can highlight the
 * raw words behind a model's features (normalization changes lengths, so offsets into the normalized
 * text would not do). Raw words are Intl.Segmenter words of the raw text; a URL or e-mail is split
 * into pieces here and so does not map to its typed token.
 */
export function alignTokens(text: string, opts: NormalizeOptions): AlignedToken[] {
  const spans = new TokenSpans();
  scanTokens(text, spans);
  const out: AlignedToken[] = [];
  for (let i = 0; i < spans.count; i++) {
    const start = spans.starts[i]!;
    const end = spans.ends[i]!;
    out.push({ start, end, tokens: tokenize(normalize(text.slice(start, end), opts)) });
  }
  return out;
}

/**
 * Does a feature involve this normalized token? Words and stems compare whole, character n-grams by
 * containment in " token ", and a bigram matches either of its words.
 */
export function termMatchesToken(term: FeatureTerm, token: string): boolean {
  switch (term.kind) {
    case 'word':
      return term.term === token;
    case 'stem':
      return lightStem(token) === term.term;
    case 'char':
      return ` ${token} `.includes(term.term);
    case 'bigram': {
      const space = term.term.indexOf(' ');
      return term.term.slice(0, space) === token || term.term.slice(space + 1) === token;
    }
  }
}
