// The trained model as the labeling screen uses it: a pre-selection for the article on screen (with
// its confidence and the terms behind it) and a confidence for ordering the `uncertain` queue.
// Prediction is synchronous and takes a millisecond or two per article, so it runs on load.
import type { LoadedModel } from '../src/model/io.js';
import { articleText } from '../src/model/dataset.js';
import { predict } from '../src/model/predict.js';
import type { Prediction } from '../src/model/types.js';
import type { ConfidenceRanker } from '../src/labels/queue.js';
import type { ArticleView } from '../src/labels/session.js';
import type { FeatureKind } from '../src/text/types.js';
import type { CodebookView, Suggestion } from './state/types.js';
import { evidenceSpans } from './view/evidence.js';
import type { Highlighter } from './view/layout.js';

/** Evidence terms shown per article (the strongest first). */
const EVIDENCE_SHOWN = 12;
const TOPIC_THRESHOLD = 0.5;

/** Evidence terms do not say their kind: a space means a bigram; otherwise try word, stem and n-gram. */
function evidenceTerms(p: Prediction): { term: string; kind: FeatureKind }[] {
  const out: { term: string; kind: FeatureKind }[] = [];
  const seen = new Set<string>();
  for (const e of [...(p.evidence ?? [])].sort((a, b) => b.weight - a.weight)) {
    if (seen.has(e.term) || e.term === '') continue;
    seen.add(e.term);
    if (e.term.includes(' ')) out.push({ term: e.term, kind: 'bigram' });
    else {
      out.push({ term: e.term, kind: 'word' }, { term: e.term, kind: 'stem' });
      if ([...e.term].length >= 4) out.push({ term: e.term, kind: 'char' });
    }
    if (seen.size >= EVIDENCE_SHOWN) break;
  }
  return out;
}

export function toSuggestion(p: Prediction, codebook: CodebookView, modelId: string): Suggestion {
  const topicKeys = new Set(codebook.topics.map((t) => t.key));
  const ranked = p.topics.filter((t) => topicKeys.has(t.label));
  const chosen = codebook.multiLabel ? ranked.filter((t) => t.score >= TOPIC_THRESHOLD) : ranked.slice(0, 1);
  const values = new Set(codebook.values.map((v) => v.key));
  const stance: Suggestion['stance'] = {};
  for (const t of codebook.targets) {
    const s = p.stance[t.key];
    if (s !== undefined && values.has(s.label)) stance[t.key] = { value: s.label, score: s.score };
  }
  return { topics: chosen.map((t) => ({ key: t.label, score: t.score })), stance, evidence: evidenceTerms(p), model: modelId };
}

/** How sure the model is about an article: its least certain decision (0.5 = a coin flip). */
export function confidence(p: Prediction): number {
  let c = 1;
  for (const t of p.topics) c = Math.min(c, Math.max(t.score, 1 - t.score));
  for (const s of Object.values(p.stance)) c = Math.min(c, s.score);
  return c;
}

export function modelSuggester(
  model: LoadedModel,
  codebook: CodebookView,
): {
  suggest: (a: ArticleView) => Promise<Suggestion | null>;
  ranker: ConfidenceRanker;
  highlight: Highlighter;
  model: LoadedModel;
} {
  return {
    model,
    // Evidence terms are normalized as the model's pipeline normalizes.
    highlight: (text, evidence) => evidenceSpans(text, evidence, model.pipeline.normalize),
    suggest: async (a) => {
      const [p] = predict(model, [articleText(a.title, a.body)], { explain: true });
      return p === undefined ? null : toSuggestion(p, codebook, model.id);
    },
    ranker: async (rows) => {
      const ps = predict(
        model,
        rows.map((r) => articleText(r.title, r.body)),
      );
      return new Map(rows.map((r, i) => [r.id, confidence(ps[i]!)]));
    },
  };
}
