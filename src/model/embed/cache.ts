// The unsupervised part is the slow part and does not depend on the labels: it is cached under
// `<models>/.cache/embeddings/` by the corpus it was learned from and the options. A later training
// run reuses it while the corpus is the same or has changed by less than `growth` (a fraction of
// the cached corpus's articles added or removed: new words still get vectors from their n-grams),
// and learns a new table (replacing the cache) once it has changed more.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hash32 } from '../../text/hash.js';
import type { NormalizeOptions } from '../../text/types.js';
import type { Embedder } from './doc-vectors.js';
import { readEmbedder, writeTable, writeVocabulary } from './store.js';
import { trainEmbedder } from './train-embedder.js';
import type { EmbedderOptions } from './train-embedder.js';

export const CACHE_DIR = join('.cache', 'embeddings');
const META_FILE = 'corpus.json';
const KEYS_FILE = 'keys.bin';

export interface CorpusArticle {
  /** Stable per content (the database's article id). */
  id: string;
  text: string;
}

export interface CachedEmbedder {
  embedder: Embedder;
  reused: boolean;
  corpus: { hash: string; articles: number };
}

export interface EmbedderCacheOptions {
  modelsDir: string;
  articles: readonly CorpusArticle[];
  embed: Omit<EmbedderOptions, 'normalization' | 'onEpoch'>;
  normalization: NormalizeOptions;
  /** Retrain once this fraction of the cached corpus was added or removed (default 0.1). */
  growth?: number;
  onEpoch?: EmbedderOptions['onEpoch'];
}

interface Meta {
  corpusHash: string;
  articles: number;
  optionsHash: string;
}

/** Order-independent hash of the corpus (its article ids, which derive from the content). */
export function corpusHash(articles: readonly CorpusArticle[]): string {
  const h = createHash('sha256');
  for (const id of articles.map((a) => a.id).sort()) h.update(id).update('\n');
  return `sha256:${h.digest('hex')}`;
}

function optionsHash(o: EmbedderCacheOptions): string {
  return createHash('sha256')
    .update(JSON.stringify([o.embed, o.normalization]))
    .digest('hex');
}

function keysOf(articles: readonly CorpusArticle[]): Uint32Array {
  return Uint32Array.from(articles, (a) => hash32(a.id, 0x6b657973)).sort();
}

/** Articles of `now` not in `before`, and of `before` not in `now` (both sorted). */
function difference(before: Uint32Array, now: Uint32Array): { added: number; removed: number } {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < before.length && j < now.length) {
    if (before[i] === now[j]) {
      common++;
      i++;
      j++;
    } else if (before[i]! < now[j]!) i++;
    else j++;
  }
  return { added: now.length - common, removed: before.length - common };
}

export async function cachedEmbedder(o: EmbedderCacheOptions): Promise<CachedEmbedder> {
  const dir = join(o.modelsDir, CACHE_DIR);
  const hash = corpusHash(o.articles);
  const keys = keysOf(o.articles);
  const opts = optionsHash(o);
  const cached = await readMeta(dir);
  if (cached !== null && cached.meta.optionsHash === opts) {
    const { added, removed } = difference(cached.keys, keys);
    const limit = (o.growth ?? 0.1) * cached.meta.articles;
    if (cached.meta.corpusHash === hash || (added < limit && removed < limit)) {
      try {
        const embedder = await readEmbedder(dir, o.normalization);
        return { embedder, reused: true, corpus: { hash: cached.meta.corpusHash, articles: cached.meta.articles } };
      } catch {
        // A damaged cache is relearned below.
      }
    }
  }
  const embedder = trainEmbedder(
    o.articles.map((a) => a.text),
    { ...o.embed, normalization: o.normalization, ...(o.onEpoch !== undefined ? { onEpoch: o.onEpoch } : {}) },
  );
  await writeCache(dir, embedder, { corpusHash: hash, articles: o.articles.length, optionsHash: opts }, keys);
  return { embedder, reused: false, corpus: { hash, articles: o.articles.length } };
}

async function readMeta(dir: string): Promise<{ meta: Meta; keys: Uint32Array } | null> {
  try {
    const meta = JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as Meta;
    const bytes = await readFile(join(dir, KEYS_FILE));
    const keys = new Uint32Array(bytes.byteLength / 4);
    new Uint8Array(keys.buffer).set(bytes);
    if (typeof meta.corpusHash !== 'string' || keys.length !== meta.articles) return null;
    return { meta, keys };
  } catch {
    return null;
  }
}

/** Complete in a temp directory, then swapped in: a crash never leaves a half-written cache. */
async function writeCache(dir: string, e: Embedder, meta: Meta, keys: Uint32Array): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    await writeTable(tmp, e);
    await writeVocabulary(tmp, e);
    await writeFile(join(tmp, KEYS_FILE), new Uint8Array(keys.buffer, keys.byteOffset, keys.byteLength));
    await writeFile(join(tmp, META_FILE), `${JSON.stringify(meta)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  } catch (e2) {
    await rm(tmp, { recursive: true, force: true });
    throw e2;
  }
}
