"""Markdown table of bench/out/peers/<system>-<task>.json (written by bench/model-peers.sh).
Usage: /usr/bin/python3 bench/peers/table.py [dir]"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', 'out', 'peers')
SYSTEMS = [('mizan', 'Mizan (trainModel/predict)'), ('sklearn', 'scikit-learn TF-IDF + LinearSVC'),
           ('fasttext', 'fastText supervised (CLI)')]


def load(system, task):
    path = os.path.join(DIR, f'{system}-{task}.json')
    if not os.path.exists(path) or os.path.getsize(path) == 0:  # missing, or still being written
        return None
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def cv_cell(r):
    if r is None:
        return '—'
    partial = '' if len(r['folds']) == 5 else f" (folds 0–{len(r['folds']) - 1} only)"
    return f"{100 * r['mean']:.2f} ± {100 * r['sd']:.2f}{partial}"


def num(r, key, fmt):
    return '—' if r is None or key not in r else fmt.format(r[key])


print('| system | topics macro-F1 (5-fold, mean ± sd) | mawqif mean F1(Favor,Against) | train all topics, wall s (CPU s) '
      '| batch docs/s wall (per CPU-s) | single doc (ms) | peak RSS, speed run (MB) |')
print('|---|---|---|---|---|---|---|')
for system, name in SYSTEMS:
    t, m, s = load(system, 'topics'), load(system, 'mawqif'), load(system, 'speed')
    print(f"| {name} | {cv_cell(t)} | {cv_cell(m)} | {num(s, 'train_s', '{:.1f}')} ({num(s, 'train_cpu_s', '{:.1f}')}) | "
          f"{num(s, 'batch_docs_per_s', '{:,.0f}')} ({num(s, 'batch_docs_per_cpu_s', '{:,.0f}')}) | {num(s, 'single_doc_ms', '{:.2f}')} | {num(s, 'peak_rss_mb', '{:,.0f}')} |")

# Paired per-fold comparison: same folds, so the fold-by-fold difference is the honest one.
print()
for task, label in [('topics', 'topics macro-F1'), ('mawqif', 'mawqif F1(Favor,Against)')]:
    mizan = load('mizan', task)
    if mizan is None:
        continue
    for peer in ['sklearn', 'fasttext']:
        r = load(peer, task)
        if r is None:
            continue
        diffs = [a - b for a, b in zip(mizan['folds'], r['folds'])]
        wins = sum(1 for d in diffs if d > 0)
        on = '' if len(diffs) == 5 else f' on folds 0–{len(diffs) - 1}'
        print(f"- {label}: Mizan − {peer} = {100 * sum(diffs) / len(diffs):+.2f} points{on} "
              f"(Mizan ahead on {wins}/{len(diffs)} folds)")
