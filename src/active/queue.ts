// The ActiveQueue (types.ts): every candidate scored by the latest model, in slices between which
// the event loop runs, and the order cached until the next model. `next` walks that order, mixing
// in a seeded share of random picks and skipping near-duplicates of the picks made since the last
// model. Before any model, a diverse and representative cold-start sample comes first.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LoadedModel } from '../model/io.js';
import { inferenceModel, predictWith } from '../model/predict.js';
import { mulberry32 } from '../model/train.js';
import { coldStartOrder } from './cold-start.js';
import { NEAR_DUPLICATE, signature, similarity } from './near-duplicate.js';
import type { ActiveQueue, Candidate, CandidateSource, HeadSelection, PickKind, QueueStatus, Strategy } from './types.js';
import { uncertainty } from './uncertainty.js';

export interface ActiveQueueOptions {
  source: CandidateSource;
  strategy: Strategy;
  heads: HeadSelection;
  /** Share of picks drawn at random from the candidates (0–1), so the labels stay representative. */
  explore: number;
  seed: number;
  /** Estimated shingle Jaccard from which a pick is a near-duplicate of one in the batch (1: never). */
  nearDuplicate?: number;
  /** Cold start: how many picks, chosen among how many sampled candidates. */
  coldStart?: { picks: number; sample: number };
  /** Longest stretch of scoring before the event loop gets a turn, in ms. */
  sliceMs?: number;
  /**
   * A model trained on fewer labels than this does not rank yet: its uncertainty is too unreliable,
   * and the diverse cold-start sample goes on (default 0).
   */
  warmup?: number;
}

/** How far down the order `next` looks for a pick that is no near-duplicate before taking any. */
const DUPLICATE_LOOKAHEAD = 200;

export function createActiveQueue(opts: ActiveQueueOptions): ActiveQueue {
  const rng = mulberry32(opts.seed);
  const sliceMs = opts.sliceMs ?? 8;
  const threshold = opts.nearDuplicate ?? NEAR_DUPLICATE;
  let candidates: Candidate[] = [];
  let random: Int32Array = new Int32Array(0);
  let loading: Promise<void> | null = null;
  let cold: number[] | null = null;
  let ranked: Int32Array | null = null;
  let scoredBy: string | null = null;
  let generation = 0;
  let scoring = false;
  const served = new Set<string>();
  const signatures = new Map<number, Uint32Array>();
  let batch: Uint32Array[] = [];
  const picks: Record<PickKind, number> = { ranked: 0, explore: 0, 'cold-start': 0 };
  let made = 0;

  const load = (): Promise<void> => {
    loading ??= opts.source.load().then((c) => {
      candidates = c;
      random = Int32Array.from(c.keys());
      for (let i = random.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [random[i], random[j]] = [random[j]!, random[i]!];
      }
    });
    return loading;
  };

  const coldOrder = async (): Promise<number[]> => {
    if (cold !== null) return cold;
    const { picks: n, sample } = opts.coldStart ?? { picks: 100, sample: 2000 };
    const pool = Array.from(random.subarray(0, Math.min(sample, random.length)));
    const order = await coldStartOrder(
      pool.map((i) => candidates[i]!.text),
      { picks: n, seed: opts.seed, pause: () => yieldToLoop() },
    );
    cold = order.map((k) => pool[k]!);
    return cold;
  };

  const sig = (i: number): Uint32Array => {
    let s = signatures.get(i);
    if (s === undefined) signatures.set(i, (s = signature(candidates[i]!.text)));
    return s;
  };
  const duplicate = (i: number): boolean => threshold < 1 && batch.some((b) => similarity(b, sig(i)) >= threshold);

  async function walk(order: ArrayLike<number>, accept: (id: string) => boolean | Promise<boolean>, avoidDuplicates: boolean): Promise<number | null> {
    let looked = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const id = candidates[i]!.id;
      if (served.has(id)) continue;
      if (avoidDuplicates && looked++ < DUPLICATE_LOOKAHEAD && duplicate(i)) continue;
      if (await accept(id)) return i;
    }
    return null;
  }

  return {
    async rescore(model: LoadedModel): Promise<void> {
      const mine = ++generation;
      if (opts.strategy === 'random' || model.metadata.trainingSize < (opts.warmup ?? 0)) {
        scoredBy = model.id;
        return;
      }
      scoring = true;
      try {
        await load();
        const im = inferenceModel(model);
        const scores = new Float64Array(candidates.length);
        let started = performance.now();
        for (let i = 0; i < candidates.length; i += 4) {
          const chunk = candidates.slice(i, i + 4);
          predictWith(
            im,
            chunk.map((c) => c.text),
          ).forEach((p, k) => {
            scores[i + k] = uncertainty(p, {
              strategy: opts.strategy as Exclude<Strategy, 'random'>,
              heads: opts.heads,
              modelHeads: model.heads,
              targets: chunk[k]!.targets,
            });
          });
          if (performance.now() - started > sliceMs) {
            await yieldToLoop();
            if (mine !== generation) return;
            started = performance.now();
          }
        }
        if (mine !== generation) return;
        const tie = new Int32Array(candidates.length);
        random.forEach((i, rank) => (tie[i] = rank));
        ranked = Int32Array.from(candidates.keys()).sort((a, b) => scores[b]! - scores[a]! || tie[a]! - tie[b]!);
        scoredBy = model.id;
        batch = [];
      } finally {
        if (mine === generation) scoring = false;
      }
    },

    async next(accept) {
      await load();
      // Exactly `explore` of the picks are random: pick number m is one when ⌊(m+1)·e⌋ > ⌊m·e⌋.
      const explore = opts.strategy !== 'random' && Math.floor((made + 1) * opts.explore) > Math.floor(made * opts.explore);
      let kind: PickKind;
      let order: ArrayLike<number>;
      if (opts.strategy === 'random' || explore) [kind, order] = ['explore', random];
      else if (ranked !== null) [kind, order] = ['ranked', ranked];
      else [kind, order] = ['cold-start', await coldOrder()];
      const avoid = kind !== 'explore';
      let i = await walk(order, accept, avoid);
      if (i === null && avoid) i = await walk(order, accept, false);
      // The cold-start sample can run out before a model exists: the random order goes on.
      if (i === null && kind === 'cold-start') [kind, i] = ['explore', await walk(random, accept, false)];
      if (i === null) return null;
      served.add(candidates[i]!.id);
      if (kind !== 'explore') batch.push(sig(i));
      picks[kind]++;
      made++;
      return candidates[i]!.id;
    },

    status(): QueueStatus {
      return { candidates: candidates.length, scoredBy, scoring, picks: { ...picks } };
    },
  };
}

/** Candidates held in memory (the benchmark, tests). */
export function memorySource(candidates: readonly Candidate[]): CandidateSource {
  return { load: async () => [...candidates] };
}
