#!/usr/bin/env bash
# Issue 4 side by side, one run: the shared folds, then Mizan, scikit-learn and fastText on them
# (5-fold CV on topics and mawqif, then the speed run on all of topics_train.csv), one after the
# other so they do not compete for the 2 cores. JSON per system/task in bench/out/peers/, table on
# stdout. Extra arguments go to bench/model-cv.ts (e.g. --hash-bits 20).
# Usage: bash bench/model-peers.sh [model-cv options] | tee bench/out/peers/table.md
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3 # Debian's python3 with python3-sklearn
OUT=bench/out/peers
mkdir -p "$OUT"
npx tsx bench/make-folds.ts >&2
for task in topics mawqif; do
  npx tsx bench/model-cv.ts cv "$task" "$@" > "$OUT/mizan-$task.json"
  (cd bench/peers && "$PY" sklearn_cv.py cv "$task") > "$OUT/sklearn-$task.json"
  (cd bench/peers && "$PY" fasttext_cv.py cv "$task") > "$OUT/fasttext-$task.json"
done
npx tsx bench/model-cv.ts speed "$@" > "$OUT/mizan-speed.json"
(cd bench/peers && "$PY" sklearn_cv.py speed) > "$OUT/sklearn-speed.json"
(cd bench/peers && "$PY" fasttext_cv.py speed) > "$OUT/fasttext-speed.json"
"$PY" bench/peers/table.py "$OUT"
