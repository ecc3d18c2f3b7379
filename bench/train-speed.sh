#!/usr/bin/env bash
# Issue 16's time budget, one run: `mizan train` on all of topics_train.csv with the 17,784 articles of
# topics_unlabeled.csv in the database too (both imported into a fresh SQLite database first,
# untimed; the default `--unlabeled self` self-trains over them) against fastText supervised with one thread on the same texts:
# the peer's settings of bench/peers/fasttext_cv.py (word bigrams, char 2-5, 25 epochs) with
# -thread 1, and plain word bigrams (-wordNgrams 2, fastText's other defaults). Wall and CPU
# seconds from /usr/bin/time, alternating systems for ROUNDS rounds (default 1).
# Usage: MIZAN_DATA_DIR=/work/shared/data [PEER_SETTINGS=0] bash bench/train-speed.sh [ROUNDS] [extra mizan train flags]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-1}
shift || true
DATA=${MIZAN_DATA_DIR:-../shared/data}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
M=(node bin/mizan.js --db "file:$T/m.db" --models "$T/models")
"${M[@]}" import "$DATA/topics_train.csv" --text-col text --id-col id --topic-col topic --extend-codebook > /dev/null
"${M[@]}" import "$DATA/topics_unlabeled.csv" --text-col text --id-col id > /dev/null
(cd bench/peers && MIZAN_DATA_DIR="$DATA" /usr/bin/python3 -c "
from common import load_topics
from fasttext_cv import write_lines
rows = load_topics()
write_lines('$T/ft.txt', [r[1] for r in rows], [r[2] for r in rows])")
FT=${FASTTEXT:-/usr/bin/fasttext}
PEER=(-wordNgrams 2 -minn 2 -maxn 5 -dim 100 -epoch 25 -lr 0.5 -loss softmax -thread 1 -seed 1 -verbose 0)
PLAIN=(-wordNgrams 2 -thread 1 -seed 1 -verbose 0)
echo "uptime before: $(uptime)"
for r in $(seq "$ROUNDS"); do
  /usr/bin/time -f "mizan train: wall %e s, cpu %U+%S s, rss %M KB" "${M[@]}" train "$@" > /dev/null
  # PEER_SETTINGS=0 skips the peer's heavy settings (> 500 CPU-s here); the issue's peer is the plain one.
  if [ "${PEER_SETTINGS:-1}" != 0 ]; then
    /usr/bin/time -f "fasttext peer settings -thread 1: wall %e s, cpu %U+%S s, rss %M KB" "$FT" supervised -input "$T/ft.txt" -output "$T/ft-peer" "${PEER[@]}"
  fi
  /usr/bin/time -f "fasttext -wordNgrams 2 -thread 1: wall %e s, cpu %U+%S s, rss %M KB" "$FT" supervised -input "$T/ft.txt" -output "$T/ft-plain" "${PLAIN[@]}"
done
echo "uptime after: $(uptime)"
