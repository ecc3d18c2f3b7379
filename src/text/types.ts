// The contract of the text pipeline: import (content hashes), training, the classify CLI, the HTTP
// server and the TUI's evidence highlighting all go through these types, and a model's
// metadata.json stores a PipelineConfig so serving can never drift from training.

export interface NormalizeOptions {
  /** Unicode NFC. */
  nfc: boolean;
  /** Remove harakat, tanwin, shadda, sukun, dagger alef. */
  stripDiacritics: boolean;
  stripTatweel: boolean;
  /** إ أ آ ٱ → ا */
  unifyAlef: boolean;
  /** ى → ي */
  alefMaqsura: boolean;
  /** ة → ه */
  taaMarbuta: boolean;
  /** ؤ → و, ئ → ي (hamza on a seat to the bare seat) */
  hamzaSeats: boolean;
  /** Arabic-Indic and Persian digits → ASCII. */
  digits: boolean;
  /** ، ؛ ؟ « » and friends → a canonical ASCII set. */
  punctuation: boolean;
  lowercaseLatin: boolean;
  /** URLs, @mentions, emails, numbers, emoji → typed tokens such as `<url>`. */
  typedTokens: boolean;
  /** Whitespace runs collapsed; LRM, RLM, ZWNJ misuse, BOM and other invisible controls removed. */
  cleanInvisible: boolean;
}

export interface FeatureOptions {
  /** log2 of the number of hash buckets. */
  hashBits: number;
  wordUnigrams: boolean;
  wordBigrams: boolean;
  /** Light-stemmed words as extra features (never replacing the surface token). */
  stems: boolean;
  /** Character n-grams within word boundaries; null disables them. */
  charNgrams: { min: number; max: number } | null;
  /** 1 + log(tf) instead of tf. */
  sublinearTf: boolean;
}

export interface PipelineConfig {
  /** Bumped whenever a change would alter the features of the same text. */
  version: number;
  normalize: NormalizeOptions;
  features: FeatureOptions;
}

/** A sparse vector: `ids` strictly ascending, `values` aligned with them. */
export interface SparseVector {
  ids: Uint32Array;
  values: Float32Array;
}

export type FeatureKind = 'word' | 'bigram' | 'stem' | 'char';

/** One feature of a text with its human-readable form, for explanations and highlighting. */
export interface FeatureTerm {
  term: string;
  kind: FeatureKind;
  id: number;
}

/** A partial configuration as accepted by `resolvePipelineConfig` (e.g. from a CLI flag or a file). */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A word of the raw text (UTF-16 offsets) with the normalized tokens it yields, for highlighting. */
export interface AlignedToken {
  start: number;
  end: number;
  /** Usually one token; none for a word normalization removes, several when it splits (covid-19). */
  tokens: string[];
}
