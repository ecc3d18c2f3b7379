// The one prediction function: the classify CLI, `mizan eval`, the HTTP server and the TUI's
// suggestions all call it. Synchronous and allocation-light: features → tf-idf → sparse dot
// product with the kernel rows of the document's features (the same numbers as the saved TF.js
// layers model; tests/model check they agree). The first call with a model builds its packed
// inference layout (packed.ts), kept for as long as the model's weights object lives: weights must
// not be changed in place after they were used to predict (training makes new objects).
import { featureTerms } from '../text/features.js';
import { addEmbeddingLogits, embeddingInference } from './embed/part.js';
import type { EmbeddingInference } from './embed/part.js';
import type { PipelineConfig, SparseVector } from '../text/types.js';
import type { LoadedModel } from './io.js';
import { activate, logits } from './linear.js';
import type { LinearWeights } from './linear.js';
import { kernelAt, packLayout, score } from './packed.js';
import type { PackedLayout } from './packed.js';
import type { HeadSpec, Prediction } from './types.js';
import { vectorizer, weigh } from './vectorize.js';
import type { FeatureBlocks } from './vectorize.js';

export interface PredictOptions {
  /** Add the n-grams that pushed each head towards its prediction. */
  explain?: boolean;
  /** Evidence terms per head (default 10). */
  topEvidence?: number;
}

type Model = Pick<LoadedModel, 'heads' | 'weights' | 'idf' | 'pipeline' | 'featureBlocks'> & Partial<Pick<LoadedModel, 'embedding'>>;

/** What prediction needs of a model: the packed layout, or (when too large to pack) the plain weights. */
export interface InferenceModel {
  heads: HeadSpec[];
  pipeline: PipelineConfig;
  featureBlocks: FeatureBlocks;
  layout: PackedLayout | null;
  /** Only without a layout. */
  plain: { weights: LinearWeights; idf: Float32Array } | null;
  /** The embedding part's logits, added to the linear ones (absent: a labels-only model). */
  embedding: EmbeddingInference | null;
}

const built = new WeakMap<LinearWeights, { idf: Float32Array; layout: PackedLayout | null }>();

/** The model's inference form, its layout built on first use and cached per weights object. */
export function inferenceModel(model: Model): InferenceModel {
  let entry = built.get(model.weights);
  if (entry === undefined || entry.idf !== model.idf) {
    entry = { idf: model.idf, layout: packLayout(model.weights, model.idf) };
    built.set(model.weights, entry);
  }
  return {
    heads: model.heads,
    pipeline: model.pipeline,
    featureBlocks: model.featureBlocks,
    layout: entry.layout,
    plain: entry.layout === null ? { weights: model.weights, idf: model.idf } : null,
    embedding: model.embedding === undefined ? null : embeddingInference(model.embedding),
  };
}

export function predict(model: Model, texts: readonly string[], opts: PredictOptions = {}): Prediction[] {
  return predictWith(inferenceModel(model), texts, opts);
}

/** predict() for a model already in inference form (prediction threads get it this way). */
export function predictWith(model: InferenceModel, texts: readonly string[], opts: PredictOptions = {}): Prediction[] {
  const layout = model.layout;
  const outputs = layout?.outputs ?? model.plain!.weights.outputs;
  const out = new Array<Prediction>(texts.length);
  const z = new Float64Array(outputs);
  const p = new Float64Array(outputs);
  const vec = vectorizer(model.pipeline, model.featureBlocks);
  const explain = opts.explain === true;
  for (let i = 0; i < texts.length; i++) {
    const raw = vec.raw(texts[i]!);
    let x: SparseVector | null;
    if (layout !== null) x = score(layout, raw, z, explain);
    else {
      x = weigh(raw, model.plain!.idf);
      logits(model.plain!.weights, x, z);
    }
    if (model.embedding !== null) addEmbeddingLogits(model.embedding, texts[i]!, z);
    const prediction: Prediction = { topics: [], stance: {} };
    const chosen: { head: HeadSpec; index: number }[] = [];
    for (const head of model.heads) {
      activate(head, z, p);
      if (head.field === 'topics') {
        prediction.topics = head.labels
          .map((label, j) => ({ label, score: p[head.offset + j]! }))
          .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1));
        chosen.push({ head, index: head.labels.indexOf(prediction.topics[0]!.label) });
      } else {
        let best = 0;
        const scores: Record<string, number> = {};
        head.labels.forEach((label, j) => {
          scores[label] = p[head.offset + j]!;
          if (p[head.offset + j]! > p[head.offset + best]!) best = j;
        });
        prediction.stance[head.field.slice('stance:'.length)] = { label: head.labels[best]!, score: p[head.offset + best]!, scores };
        chosen.push({ head, index: best });
      }
    }
    if (explain) prediction.evidence = evidence(model, texts[i]!, x!, chosen, opts.topEvidence ?? 10);
    out[i] = prediction;
  }
  return out;
}

/**
 * Per head, the terms whose weight for the predicted class exceeds their mean weight over the head's
 * classes the most, times the term's tf-idf value: what moved the decision towards that class.
 */
function evidence(
  model: InferenceModel,
  text: string,
  x: SparseVector,
  chosen: readonly { head: HeadSpec; index: number }[],
  top: number,
): NonNullable<Prediction['evidence']> {
  const value = new Map<number, number>();
  for (let i = 0; i < x.ids.length; i++) value.set(x.ids[i]!, x.values[i]!);
  const terms = featureTerms(text, model.pipeline);
  const layout = model.layout;
  const plain = model.plain;
  const weight =
    layout !== null
      ? (bucket: number, j: number) => kernelAt(layout, bucket, j)
      : (bucket: number, j: number) => plain!.weights.kernel[bucket * plain!.weights.outputs + j]!;
  const out: NonNullable<Prediction['evidence']> = [];
  for (const { head, index } of chosen) {
    const k = head.labels.length;
    const seen = new Set<number>();
    const shown = new Set<string>();
    const scored: { term: string; weight: number; field: string }[] = [];
    for (const t of terms) {
      if (seen.has(t.id)) continue; // hash collisions within a text: the first term speaks for the bucket
      seen.add(t.id);
      const v = value.get(t.id);
      if (v === undefined) continue;
      let mean = 0;
      for (let j = 0; j < k; j++) mean += weight(t.id, head.offset + j);
      mean /= k;
      const w = v * (weight(t.id, head.offset + index) - (head.kind === 'sigmoid' ? 0 : mean));
      // Char n-grams carry word boundaries as spaces; " لية" and "لية " read the same, show one.
      const term = t.term.trim();
      if (w > 0 && !shown.has(term)) {
        shown.add(term);
        scored.push({ term, weight: w, field: head.field });
      }
    }
    scored.sort((a, b) => b.weight - a.weight);
    out.push(...scored.slice(0, top));
  }
  return out;
}
