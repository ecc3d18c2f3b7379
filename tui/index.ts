// The labeling screen's one entry point: what src/cli uses of tui/.
export { runLabeling } from './run.js';
export type { LabelingOptions } from './run.js';
export { modelSuggester } from './suggest.js';
export { codebookView } from './state/init.js';
export type { ModelParts } from './engine/model-slot.js';
export type { TrainingDeps } from './engine/training.js';
