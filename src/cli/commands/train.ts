import type { Command } from 'commander';
import { enumFlag, integerFlag, numberFlag } from '../flags.js';
import { note, print } from '../context.js';
import type { CommandContext } from '../context.js';
import { TRAIN_DEFAULTS, UNLABELED_MODES } from '../../model/train-defaults.js';

interface TrainFlags {
  epochs?: string;
  seed: string;
  buckets?: string;
  folds?: string;
  backend?: string;
  validation: string;
  lr?: string;
  unlabeled?: string;
  json?: boolean;
  curve?: boolean;
  threads?: string;
}

export function registerTrain(program: Command, ctx: CommandContext): void {
  program
    .command('train')
    .description('train a model on the labels in the database; writes <models>/<id>/ and moves <models>/latest')
    .option('--epochs <n>', 'most passes over the training data (early stopping on validation macro-F1 may stop sooner)', String(TRAIN_DEFAULTS.epochs))
    .option('--seed <n>', 'random seed: the same labels and seed give the same model', String(TRAIN_DEFAULTS.seed))
    .option('--buckets <bits>', "log2 of the number of feature hash buckets (default: the pipeline's, 18)")
    .option('--folds <k>', 'k-fold cross-validation for the report; the saved model is then fitted on all labels')
    .option('--validation <fraction>', 'share of the labels held out (stratified) for early stopping and the report', String(TRAIN_DEFAULTS.validationFraction))
    .option('--lr <rate>', 'Adagrad learning rate (default 0.1)')
    .option('--backend <name>', 'TF.js backend for the saved model: node, wasm or cpu (default: the first that loads)')
    .option(
      '--unlabeled <mode>',
      'what the unlabeled articles in the database teach: self (self-training of the topic head), embeddings (experimental, scored lower; cached in <models>/.cache/), off',
      'self',
    )
    .option('--threads <n>', "threads for the SVM heads' classes (default: one per core, at most 8; the model is the same for any number)")
    .option('--json', 'print the report as JSON on stdout')
    .option(
      '--curve',
      'is labeling more worth it? train on 25/50/75/100 % of the labels, score each on one held-out split, print a verdict per head (saves no model)',
    )
    .addHelpText(
      'after',
      `
Labels: one value per article and field (adjudicated > majority > most recent); skipped articles
are not training data; a head (topics, each stance target) trains only on articles labelled for it.

Examples:
  mizan train
  mizan train --folds 5 --seed 7
  mizan train --buckets 20 --epochs 30
  mizan train --unlabeled off          labels alone
  mizan train --curve                  is labeling more worth it?

Unlabeled articles (--unlabeled self, the default; while the topic head has fewer than 5,000
labels, measured level at full size): the topic head is trained, then labels the
articles without a label (near-copies of labeled ones left out); the most confident of them (five
per label, at most 1,500, in equal shares per topic) join the training part and the head is
trained again. Validation articles never take part. See README for the measured gain.
--unlabeled embeddings (experimental: on fold 0 of topics it scored 0.9 macro-F1 below the
labels-only model) learns word and subword embeddings from every article instead, cached in
<models>/.cache/embeddings/ and reused while the corpus changes by less than 10 %.`,
    )
    .action(async (flags: TrainFlags) => {
      const epochs = integerFlag('--epochs', flags.epochs ?? String(TRAIN_DEFAULTS.epochs), 1, 1000);
      const seed = integerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const hashBits = flags.buckets === undefined ? undefined : integerFlag('--buckets', flags.buckets, 8, 24);
      const folds = flags.folds === undefined ? undefined : integerFlag('--folds', flags.folds, 2, 20);
      const validationFraction = numberFlag('--validation', flags.validation, 0, 0.9);
      const learningRate = flags.lr === undefined ? undefined : numberFlag('--lr', flags.lr, 1e-6, 100);
      const backend = flags.backend === undefined ? undefined : enumFlag('--backend', flags.backend, ['node', 'wasm', 'cpu'] as const);
      const unlabeled = enumFlag('--unlabeled', flags.unlabeled ?? 'self', UNLABELED_MODES);
      const threads = flags.threads === undefined ? undefined : integerFlag('--threads', flags.threads, 1, 64);
      const config = ctx.config();
      if (flags.curve === true) {
        const { runCurve } = await import('./train-curve.js');
        return runCurve(ctx, {
          json: flags.json === true,
          train: { seed, epochs, validationFraction, ...(hashBits !== undefined ? { hashBits } : {}), ...(learningRate !== undefined ? { learningRate } : {}) },
        });
      }

      const { runTrainJob } = await import('../../model/train-job.js');
      const { formatTrainReport } = await import('../../model/format.js');

      const db = await ctx.openDb({ mustExist: true });
      const { saved, report } = await runTrainJob({
        db: db.prisma,
        modelsDir: config.modelsDir,
        backend,
        train: {
          seed,
          epochs,
          validationFraction,
          ...(folds !== undefined ? { folds } : {}),
          ...(hashBits !== undefined ? { hashBits } : {}),
          ...(learningRate !== undefined ? { learningRate } : {}),
          ...(threads !== undefined ? { threads } : {}),
        },
        onStart: (info) => note(ctx.io, `training on ${info.examples} labelled articles (codebook v${info.codebookVersion}); TF.js backend: ${info.backend}`),
        unlabeled,
        onEmbedding: (e) =>
          note(
            ctx.io,
            e.reused
              ? `embeddings: reusing the cached table of ${e.articles} articles`
              : `embeddings (${e.articles} articles) epoch ${String(e.epoch).padStart(3)}/${e.epochs}  ${bar(e.epoch!, e.epochs!)}  loss ${e.loss!.toFixed(4)}`,
          ),
        onEpoch: (e) => {
          const phase = `${e.refit === true ? 'all labels ' : e.fold === undefined ? '' : `fold ${e.fold + 1}/${folds} `}${e.selfTraining === true ? 'self-training ' : ''}`;
          const val = e.refit !== true && (validationFraction > 0 || e.fold !== undefined) ? `  validation macro-F1 ${e.validationMacroF1.toFixed(4)}` : '';
          note(ctx.io, `${phase}epoch ${String(e.epoch).padStart(3)}/${epochs}  ${bar(e.epoch, epochs)}  loss ${e.loss.toFixed(4)}${val}`);
        },
      });
      if (flags.json === true) print(ctx.io, JSON.stringify({ model: saved.id, dir: saved.dir, report }, null, 2));
      else print(ctx.io, formatTrainReport(report));
      note(ctx.io, `saved ${saved.dir} (now ${config.modelsDir}/latest)`);
    });
}

function bar(done: number, total: number): string {
  const width = 20;
  const filled = Math.round((width * Math.min(done, total)) / total);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
