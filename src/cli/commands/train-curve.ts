// `mizan train --curve`: the learning curve of the current labels (src/active/curve.ts).
import { loadCodebook } from '../../codebook/store.js';
import { learningCurve } from '../../active/curve.js';
import { formatCurve } from '../../active/curve-format.js';
import { saveCurveVerdict } from '../../active/curve-store.js';
import { codebookSpec, loadTrainingExamples } from '../../model/dataset.js';
import { planHeads } from '../../model/heads.js';
import type { TrainOptions } from '../../model/types.js';
import { note, print } from '../context.js';
import type { CommandContext } from '../context.js';

export async function runCurve(ctx: CommandContext, opts: { json: boolean; train: Omit<TrainOptions, 'onEpoch' | 'folds'> }): Promise<void> {
  const db = await ctx.openDb({ mustExist: true });
  const spec = codebookSpec(await loadCodebook(db.prisma));
  const examples = await loadTrainingExamples(db.prisma);
  // No head trainable on all labels: the same clear error as `mizan train`.
  planHeads(examples, spec);
  const report = await learningCurve(examples, spec, {
    train: opts.train,
    onStep: (s) => note(ctx.io, `training on ${Math.round(s.fraction * 100)} % (${s.labels} labels)`),
  });
  // The labeling screen's header shows the last verdict.
  saveCurveVerdict(ctx.config().modelsDir, report);
  print(ctx.io, opts.json ? JSON.stringify(report, null, 2) : formatCurve(report));
}
