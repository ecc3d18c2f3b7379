import { PipelineConfigError } from './errors.js';
import type { DeepPartial, FeatureOptions, NormalizeOptions, PipelineConfig } from './types.js';

/**
 * Bumped whenever a change to the code would give different features for the same text and config
 * (hash function, seeds, normalization tables, tokenization, stemming rules). A model records the
 * version it was trained with; serving refuses another one rather than silently drift.
 */
export const PIPELINE_VERSION = 1;

export const HASH_BITS_MIN = 8;
export const HASH_BITS_MAX = 26;
export const CHAR_NGRAM_MAX = 8;

// Defaults follow bench/text-ablation.ts and the check with the final model (bench/RESULTS.md,
// "Text pipeline"): a step stays on only when it did not measurably hurt either task; switching the
// neutral normalization steps off together cost 0.16 topic macro-F1 with the final model.
export const DEFAULT_PIPELINE: PipelineConfig = deepFreeze({
  version: PIPELINE_VERSION,
  normalize: {
    nfc: true,
    stripDiacritics: true,
    stripTatweel: true,
    unifyAlef: true,
    alefMaqsura: true,
    taaMarbuta: false,
    hamzaSeats: true,
    digits: true,
    punctuation: true,
    lowercaseLatin: true,
    typedTokens: true,
    cleanInvisible: true,
  },
  features: {
    hashBits: 18,
    wordUnigrams: true,
    wordBigrams: true,
    stems: true,
    charNgrams: { min: 2, max: 5 },
    sublinearTf: true,
  },
});

const NORMALIZE_KEYS = Object.keys(DEFAULT_PIPELINE.normalize) as (keyof NormalizeOptions)[];
const FEATURE_BOOL_KEYS = ['wordUnigrams', 'wordBigrams', 'stems', 'sublinearTf'] as const satisfies readonly (keyof FeatureOptions)[];
const FEATURE_KEYS: readonly string[] = [...FEATURE_BOOL_KEYS, 'hashBits', 'charNgrams'];

/**
 * Merges `partial` over DEFAULT_PIPELINE and validates the result. Unknown fields, wrong types, values
 * out of range and another pipeline version all throw a PipelineConfigError naming the field.
 * The result is a fresh, frozen object.
 */
export function resolvePipelineConfig(partial: DeepPartial<PipelineConfig> = {}): PipelineConfig {
  if (!isRecord(partial)) throw new PipelineConfigError('(config)', partial, 'must be an object');
  checkKnownKeys(partial, ['version', 'normalize', 'features'], '');

  const version = partial.version ?? PIPELINE_VERSION;
  if (version !== PIPELINE_VERSION) {
    throw new PipelineConfigError('version', version, `is not supported: this build implements text pipeline version ${PIPELINE_VERSION}; retrain the model`);
  }

  const n = partial.normalize ?? {};
  if (!isRecord(n)) throw new PipelineConfigError('normalize', n, 'must be an object');
  checkKnownKeys(n, NORMALIZE_KEYS, 'normalize.');
  const normalize = { ...DEFAULT_PIPELINE.normalize };
  for (const key of NORMALIZE_KEYS) {
    const v = n[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new PipelineConfigError(`normalize.${key}`, v, 'must be true or false');
    normalize[key] = v;
  }

  const f = partial.features ?? {};
  if (!isRecord(f)) throw new PipelineConfigError('features', f, 'must be an object');
  checkKnownKeys(f, FEATURE_KEYS, 'features.');
  const d = DEFAULT_PIPELINE.features;
  const features: FeatureOptions = {
    hashBits: d.hashBits,
    wordUnigrams: d.wordUnigrams,
    wordBigrams: d.wordBigrams,
    stems: d.stems,
    charNgrams: d.charNgrams === null ? null : { ...d.charNgrams },
    sublinearTf: d.sublinearTf,
  };
  for (const key of FEATURE_BOOL_KEYS) {
    const v = f[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new PipelineConfigError(`features.${key}`, v, 'must be true or false');
    features[key] = v;
  }
  if (f.hashBits !== undefined) {
    const b = f.hashBits;
    if (typeof b !== 'number' || !Number.isInteger(b) || b < HASH_BITS_MIN || b > HASH_BITS_MAX) {
      throw new PipelineConfigError(
        'features.hashBits',
        b,
        `must be an integer from ${HASH_BITS_MIN} to ${HASH_BITS_MAX} (2^${HASH_BITS_MIN}..2^${HASH_BITS_MAX} buckets)`,
      );
    }
    features.hashBits = b;
  }
  if (f.charNgrams !== undefined) {
    const c = f.charNgrams;
    if (c === null) {
      features.charNgrams = null;
    } else {
      if (!isRecord(c)) throw new PipelineConfigError('features.charNgrams', c, 'must be {min, max} or null');
      checkKnownKeys(c, ['min', 'max'], 'features.charNgrams.');
      const min = c.min ?? features.charNgrams?.min ?? 2;
      const max = c.max ?? features.charNgrams?.max ?? Math.max(min, 5);
      for (const [key, v] of [
        ['min', min],
        ['max', max],
      ] as const) {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > CHAR_NGRAM_MAX) {
          throw new PipelineConfigError(`features.charNgrams.${key}`, v, `must be an integer from 1 to ${CHAR_NGRAM_MAX}`);
        }
      }
      if (min > max) {
        throw new PipelineConfigError('features.charNgrams', { min, max }, 'min must not exceed max');
      }
      features.charNgrams = { min, max };
    }
  }
  return deepFreeze({ version: PIPELINE_VERSION, normalize, features });
}

function checkKnownKeys(obj: object, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      throw new PipelineConfigError(`${prefix}${key}`, (obj as Record<string, unknown>)[key], 'is not a known setting');
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
