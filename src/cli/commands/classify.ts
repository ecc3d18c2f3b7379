import { resolve } from 'node:path';
import type { Command } from 'commander';
import { enumFlag, integerFlag } from '../flags.js';
import { note } from '../context.js';
import type { CommandContext } from '../context.js';

export interface TableFlags {
  in: string;
  out?: string;
  textCol: string;
  idCol?: string;
  targetCol?: string;
  model?: string;
  format?: string;
  explain?: boolean;
}

export function tableFormat(value: string | undefined): 'csv' | 'jsonl' | undefined {
  return value === undefined ? undefined : enumFlag('--format', value, ['csv', 'jsonl'] as const);
}

/** Shared by classify and eval: loads --model DIR or <models>/latest. */
export async function loadChosenModel(ctx: CommandContext, model: string | undefined) {
  const { loadModel } = await import('../../model/io.js');
  const config = ctx.config();
  const dir = model === undefined ? resolve(config.modelsDir, 'latest') : resolve(ctx.io.cwd, model);
  return loadModel(dir);
}

export function addTableOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--in <file>', 'CSV or JSONL file to classify (by extension; - for stdin)')
    .option('--text-col <name>', 'column with the article text', 'text')
    .option('--id-col <name>', 'column with an id to copy to the output (default: the row number)')
    .option('--target-col <name>', "column naming each row's stance target (by key, name or alias)")
    .option('--model <dir>', 'model directory (default: <models>/latest)')
    .option('--format <format>', 'csv or jsonl for - (stdin/stdout); files go by their extension (.jsonl/.ndjson, else CSV)');
}

export function registerClassify(program: Command, ctx: CommandContext): void {
  addTableOptions(program.command('classify').description('classify a CSV or JSONL file with a trained model'))
    .requiredOption('--out <file>', 'where to write the predictions (CSV or JSONL by extension; - for stdout)')
    .option('--explain', 'add an evidence column: the n-grams behind each prediction, with weights')
    .option('--threads <n>', 'prediction threads (default: one per core, at most 8; 1 predicts on the main thread)')
    .addHelpText(
      'after',
      `
Output columns: id, topic, topic_score; with --target-col also target, stance, stance_score for
the target named on each row; without it stance:<target> and stance_score:<target> per target.

Examples:
  mizan classify --in new.csv --text-col text --id-col id --out preds.csv
  mizan classify --in mawqif_test.csv --text-col text --id-col id --target-col target --out preds.csv
  cat new.jsonl | mizan classify --in - --format jsonl --out - --explain`,
    )
    .action(async (flags: TableFlags & { out: string; threads?: string }) => {
      const format = tableFormat(flags.format);
      const threads = flags.threads === undefined ? undefined : integerFlag('--threads', flags.threads, 1, 64);
      const model = await loadChosenModel(ctx, flags.model);
      const { classifyTable } = await import('../../model/classify-table.js');
      const started = performance.now();
      const n = await classifyTable(model, {
        input: flags.in === '-' ? '-' : resolve(ctx.io.cwd, flags.in),
        output: flags.out === '-' ? '-' : resolve(ctx.io.cwd, flags.out),
        textCol: flags.textCol,
        ...(flags.idCol !== undefined ? { idCol: flags.idCol } : {}),
        ...(flags.targetCol !== undefined ? { targetCol: flags.targetCol } : {}),
        ...(format !== undefined ? { format } : {}),
        explain: flags.explain === true,
        ...(threads !== undefined ? { threads } : {}),
        stdin: ctx.io.stdin,
        stdout: ctx.io.stdout,
      });
      const s = (performance.now() - started) / 1000;
      note(ctx.io, `classified ${n} rows with model ${model.id} in ${s.toFixed(1)} s (${Math.round(n / Math.max(s, 1e-3))} rows/s)`);
    });
}
