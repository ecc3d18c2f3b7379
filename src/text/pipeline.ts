// The text pipeline's public surface: import (content hashes), training (features, idf), the
// classify CLI, the HTTP server and the TUI all use these, with the PipelineConfig stored in each
// model's metadata.json.
export { alignTokens, termMatchesToken } from './align.js';
export { DEFAULT_PIPELINE, PIPELINE_VERSION, resolvePipelineConfig } from './config.js';
export { contentHash, hashNormalized, normalizeContent } from './content-hash.js';
export { PipelineConfigError, isPipelineConfigError } from './errors.js';
export { KIND_SEEDS, featureTerms, featurize, featurizeNormalized } from './features.js';
export { bucketOf, hash32 } from './hash.js';
export { applyIdf, fitIdf } from './idf.js';
export { TYPED_TOKENS, normalize } from './normalize.js';
export type { TypedToken } from './normalize.js';
export { lightStem } from './stem.js';
export { tokenize } from './tokenize.js';
export type { AlignedToken, DeepPartial, FeatureKind, FeatureOptions, FeatureTerm, NormalizeOptions, PipelineConfig, SparseVector } from './types.js';
