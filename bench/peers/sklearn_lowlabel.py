"""LinearSVC (the sklearn_cv.py peer, unchanged) on the low-label subsets that bench/low-label.ts
wrote (bench/out/lowlabel/subsets-<task>.csv): train on each subset, score on its fold's test part.
Mawqif: one model per target, as in sklearn_cv.py; a target whose subset has one class predicts it.
Usage: /usr/bin/python3 bench/peers/sklearn_lowlabel.py topics|mawqif [--sizes 100,300,1000,full]
       [--seeds 3] [--folds 0,1,2,3,4]   (JSON on stdout)"""
import csv
import os
import sys
import time

from common import FOLDS_DIR, emit, favor_against_f1, load_stance, load_topics, macro_f1
from sklearn_cv import make_model


def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def subsets(task):
    path = os.path.join(os.path.dirname(FOLDS_DIR), 'lowlabel', f'subsets-{task}.csv')
    out = {}
    with open(path, encoding='utf-8', newline='') as f:
        for r in csv.DictReader(f):
            out.setdefault((int(r['fold']), r['size'], int(r['seed'])), []).append(r['id'])
    return out


def fit_predict(train_texts, train_labels, test_texts):
    if len(set(train_labels)) < 2:
        return [train_labels[0]] * len(test_texts)
    return list(make_model().fit(train_texts, train_labels).predict(test_texts))


def main():
    task = sys.argv[1]
    sizes = option('--sizes', '100,300,1000,full').split(',')
    seeds = int(option('--seeds', '3'))
    folds = [int(x) for x in option('--folds', '0,1,2,3,4').split(',')]
    if task == 'topics':
        rows = {r[0]: r for r in load_topics()}  # id, text, topic, fold
        fold_of, gold_of, target_of = (lambda r: r[3]), (lambda r: r[2]), (lambda r: '')
    else:
        rows = {r[0]: r for r in load_stance()}  # id, text, target, stance, fold
        fold_of, gold_of, target_of = (lambda r: r[4]), (lambda r: r[3]), (lambda r: r[2])
    results = []
    for (fold, size, seed), ids in sorted(subsets(task).items()):
        if fold not in folds or size not in sizes or seed > seeds:
            continue
        t0 = time.perf_counter()
        train = [rows[i] for i in ids]
        test = [r for r in rows.values() if fold_of(r) == fold]
        gold, pred = [], []
        for target in sorted({target_of(r) for r in test}):
            tr = [r for r in train if target_of(r) == target]
            te = [r for r in test if target_of(r) == target]
            gold += [gold_of(r) for r in te]
            pred += fit_predict([r[1] for r in tr], [gold_of(r) for r in tr], [r[1] for r in te]) if tr else ['None'] * len(te)
        score = macro_f1(gold, pred) if task == 'topics' else favor_against_f1(gold, pred)
        results.append({'fold': fold, 'size': size, 'seed': seed, 'score': score, 'seconds': time.perf_counter() - t0})
        print(f'sklearn {task} fold {fold} size {size} seed {seed}: {score:.4f}', file=sys.stderr)
    curve = {}
    for r in results:
        curve.setdefault(r['size'], []).append(r['score'])
    emit({'system': 'sklearn', 'task': task, 'curve': {k: {'mean': sum(v) / len(v), 'runs': len(v)} for k, v in curve.items()},
          'results': results})


if __name__ == '__main__':
    main()
