// Evidence highlighting: the raw words of an article whose normalized tokens match a model's
// evidence terms. It needs the text pipeline (normalization tables, tokenizer), tens of milliseconds
// to load, and matters only with a model's suggestion, so it loads with the model (tui/suggest.ts
// hands it to the screen as `highlight`), not with the screen.
import type { Span } from '../../src/display/render.js';
import { alignTokens, termMatchesToken } from '../../src/text/align.js';
import { DEFAULT_PIPELINE } from '../../src/text/pipeline.js';
import type { FeatureKind, NormalizeOptions } from '../../src/text/types.js';

/** Splits `text` into spans, highlighting the raw words whose normalized tokens match an evidence term. */
export function evidenceSpans(
  text: string,
  evidence: readonly { term: string; kind: FeatureKind }[],
  opts: NormalizeOptions = DEFAULT_PIPELINE.normalize,
): Span[] {
  if (evidence.length === 0) return [{ text }];
  const terms = evidence.map((e, id) => ({ term: e.term, kind: e.kind, id }));
  const spans: Span[] = [];
  let at = 0;
  for (const w of alignTokens(text, opts)) {
    if (!w.tokens.some((tok) => terms.some((t) => termMatchesToken(t, tok)))) continue;
    if (w.start > at) spans.push({ text: text.slice(at, w.start) });
    spans.push({ text: text.slice(w.start, w.end), highlight: true });
    at = w.end;
  }
  if (at < text.length) spans.push({ text: text.slice(at) });
  return spans;
}
