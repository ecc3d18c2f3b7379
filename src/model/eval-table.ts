// `mizan eval`: predictions on a labelled file scored against its gold columns, with the same
// metrics as `mizan train` reports. Gold values are matched to the model's codebook by key, name or
// alias; an unknown one is an error naming the row. Rows with an empty gold cell are not scored.
import { InputError } from '../input-error.js';
import { emptyPairs, headReport, pooledStanceMeanF1 } from './evaluate.js';
import type { LoadedModel } from './io.js';
import { matchEntry } from './match.js';
import { chosenTopics, predictedBatches } from './classify-table.js';
import type { TableOptions } from './classify-table.js';
import { cellString } from '../table/table-io.js';
import type { HeadReport } from './types.js';

export interface EvalOptions extends TableOptions {
  topicCol?: string;
  stanceCol?: string;
}

export interface EvalReport {
  model: string;
  rows: number;
  heads: HeadReport[];
  topicMacroF1?: number;
  stanceMeanF1?: number;
}

export async function evaluateTable(model: LoadedModel, opts: EvalOptions): Promise<EvalReport> {
  const file = opts.input === '-' ? '(stdin)' : opts.input;
  const pairs = emptyPairs(model.heads);
  const byField = new Map(model.heads.map((h, i) => [h.field, i]));
  const cb = model.metadata.codebook;
  const values = cb.values ?? [...new Set(cb.targets.flatMap((t) => t.values))].map((key) => ({ key }));
  const singleTarget = cb.targets.length === 1 ? cb.targets[0]!.key : undefined;
  let rows = 0;
  for await (const { rows: batch, predictions } of predictedBatches(model, opts)) {
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!;
      const p = predictions[i]!;
      rows++;
      const f = row.record.fields;
      if (opts.topicCol !== undefined) {
        if (!(opts.topicCol in f)) throw new InputError(file, `has no column "${opts.topicCol}" (--topic-col)`, { row: row.record.row, field: opts.topicCol });
        const h = byField.get('topics');
        const raw = cellString(f[opts.topicCol]).trim();
        if (h !== undefined && raw !== '') {
          const gold = raw.split('|').map((t) => {
            const key = matchEntry(cb.topics, t);
            if (key === undefined)
              throw new InputError(file, `topic "${t.trim()}" is not in the model's codebook`, { row: row.record.row, field: opts.topicCol });
            return key;
          });
          const head = model.heads[h]!;
          const predicted = chosenTopics(model, p).labels;
          if (head.kind === 'softmax') {
            pairs[h]!.truth.push(head.labels.indexOf(gold[0]!));
            pairs[h]!.predicted.push(head.labels.indexOf(predicted[0]!));
          } else {
            pairs[h]!.truthSets.push(Uint8Array.from(head.labels, (l) => (gold.includes(l) ? 1 : 0)));
            pairs[h]!.predictedSets.push(Uint8Array.from(head.labels, (l) => (predicted.includes(l) ? 1 : 0)));
          }
        }
      }
      if (opts.stanceCol !== undefined) {
        if (!(opts.stanceCol in f))
          throw new InputError(file, `has no column "${opts.stanceCol}" (--stance-col)`, { row: row.record.row, field: opts.stanceCol });
        const raw = cellString(f[opts.stanceCol]).trim();
        const target = row.target ?? singleTarget;
        if (target === undefined)
          throw new InputError(file, "the model has several stance targets: name each row's with --target-col", { row: row.record.row });
        const h = byField.get(`stance:${target}`);
        if (h !== undefined && raw !== '') {
          const value = matchEntry(values, raw);
          const head = model.heads[h]!;
          const j = value === undefined ? -1 : head.labels.indexOf(value);
          if (j < 0) throw new InputError(file, `stance "${raw}" is not a value of target ${target}`, { row: row.record.row, field: opts.stanceCol });
          pairs[h]!.truth.push(j);
          pairs[h]!.predicted.push(head.labels.indexOf(p.stance[target]!.label));
        }
      }
    }
  }
  const heads = pairs.map(headReport).filter((r) => r.size > 0);
  const topic = heads.find((r) => r.field === 'topics');
  const stance = pooledStanceMeanF1(pairs);
  return {
    model: model.id,
    rows,
    heads,
    ...(topic !== undefined ? { topicMacroF1: topic.macroF1 } : {}),
    ...(stance !== undefined ? { stanceMeanF1: stance } : {}),
  };
}
