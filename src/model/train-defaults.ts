// `mizan train`'s defaults, which the labeling screen's background training uses too. A module of
// its own, so that the CLI reads them without loading the trainer.
export const TRAIN_DEFAULTS = { seed: 1, epochs: 20, validationFraction: 0.1 } as const;

/** What the unlabeled articles teach a training run (train-job.ts); the first is the default. */
export const UNLABELED_MODES = ['self', 'embeddings', 'off'] as const;
export type UnlabeledMode = (typeof UNLABELED_MODES)[number];
