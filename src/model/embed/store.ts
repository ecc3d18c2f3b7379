// An embedder on disk: vocab.json (words, counts, subword and SIF settings) and, for the cache,
// table.bin (the float32 table, little-endian). A saved model keeps only vocab.json: its table is
// a layer of the TF.js model (weights.bin).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NormalizeOptions } from '../../text/types.js';
import type { Embedder } from './doc-vectors.js';
import type { SubwordOptions, Vocabulary } from './vocab.js';

export const VOCAB_FILE = 'vocab.json';
export const TABLE_FILE = 'table.bin';

interface VocabJson {
  dim: number;
  sif: number;
  subwords: SubwordOptions;
  words: string[];
  counts: number[];
}

export async function writeVocabulary(dir: string, e: Embedder): Promise<void> {
  const json: VocabJson = { dim: e.dim, sif: e.sif, subwords: e.vocab.subwords, words: e.vocab.words, counts: Array.from(e.vocab.counts) };
  await writeFile(join(dir, VOCAB_FILE), JSON.stringify(json));
}

export async function writeTable(dir: string, e: Embedder): Promise<void> {
  await writeFile(join(dir, TABLE_FILE), new Uint8Array(e.table.buffer, e.table.byteOffset, e.table.byteLength));
}

/** The vocabulary file parsed; throws a plain Error naming what is wrong (callers wrap it). */
export async function readVocabulary(dir: string): Promise<{ vocab: Vocabulary; dim: number; sif: number }> {
  const j = JSON.parse(await readFile(join(dir, VOCAB_FILE), 'utf8')) as Partial<VocabJson>;
  if (!Array.isArray(j.words) || !Array.isArray(j.counts) || j.words.length !== j.counts.length)
    throw new Error('words and counts must be arrays of the same length');
  if (typeof j.dim !== 'number' || typeof j.sif !== 'number' || typeof j.subwords?.bucketBits !== 'number')
    throw new Error('dim, sif and subwords are required');
  const vocab: Vocabulary = {
    words: j.words,
    index: new Map(j.words.map((w, i) => [w, i])),
    counts: Float64Array.from(j.counts),
    subwords: j.subwords,
    rows: j.words.length + 2 ** j.subwords.bucketBits,
  };
  return { vocab, dim: j.dim, sif: j.sif };
}

export async function readEmbedder(dir: string, normalization: NormalizeOptions): Promise<Embedder> {
  const { vocab, dim, sif } = await readVocabulary(dir);
  const bytes = await readFile(join(dir, TABLE_FILE));
  if (bytes.byteLength !== vocab.rows * dim * 4) throw new Error(`${TABLE_FILE} has ${bytes.byteLength} bytes, expected ${vocab.rows * dim * 4}`);
  const table = new Float32Array(vocab.rows * dim);
  new Uint8Array(table.buffer).set(bytes);
  return { vocab, dim, table, sif, normalization };
}
