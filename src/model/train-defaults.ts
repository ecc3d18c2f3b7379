// `mizan train`'s defaults, which the labeling screen's background training uses too. A module of
// its own, so that the CLI reads them without loading the trainer.
export const TRAIN_DEFAULTS = { seed: 1, epochs: 20, validationFraction: 0.1 } as const;
