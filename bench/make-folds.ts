// Writes the shared 5-fold assignment (bench/out/folds/{topics,mawqif}.csv, columns id,fold) that
// bench/model-cv.ts and the peers in bench/peers/ all read. Usage: npx tsx bench/make-folds.ts
import { STANCE_FOLDS_FILE, TOPIC_FOLDS_FILE, stanceFolds, topicFolds, writeFolds } from './lib/folds.js';
import { loadStance, loadTopics } from './lib/text-data.js';

const topics = loadTopics();
const stance = loadStance();
writeFolds(
  TOPIC_FOLDS_FILE,
  topics.map((r) => r.id),
  topicFolds(topics),
);
writeFolds(
  STANCE_FOLDS_FILE,
  stance.map((r) => r.id),
  stanceFolds(stance),
);
console.log(`${TOPIC_FOLDS_FILE}: ${topics.length} rows; ${STANCE_FOLDS_FILE}: ${stance.length} rows`);
