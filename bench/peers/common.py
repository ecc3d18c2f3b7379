"""Shared by the Python peers: the same data, the same folds (bench/out/folds, written by
bench/make-folds.ts), the same metrics as bench/model-cv.ts, and JSON results on stdout."""
import csv
import json
import os
import resource
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.environ.get('MIZAN_DATA_DIR', os.path.join(HERE, '..', '..', '..', 'shared', 'data'))
FOLDS_DIR = os.environ.get('MIZAN_FOLDS_DIR', os.path.join(HERE, '..', 'out', 'folds'))
STANCE_CLASSES = ['Favor', 'Against', 'None']

csv.field_size_limit(1 << 30)


def read_rows(name):
    with open(os.path.join(DATA_DIR, name), encoding='utf-8', newline='') as f:
        return [r for r in csv.DictReader(f) if r.get('text')]


def read_folds(name):
    path = os.path.join(FOLDS_DIR, name)
    if not os.path.exists(path):
        sys.exit(f'{path}: missing; run `npx tsx bench/make-folds.ts` first')
    with open(path, encoding='utf-8', newline='') as f:
        return {r['id']: int(r['fold']) for r in csv.DictReader(f)}


def load_topics():
    """[(id, text, topic, fold)] — every row must have a fold (same rows as the TS loader)."""
    folds = read_folds('topics.csv')
    rows = [r for r in read_rows('topics_train.csv') if r.get('topic')]
    return [(r['id'], r['text'], r['topic'], folds[r['id']]) for r in rows]


def load_stance():
    """[(id, text, target, stance, fold)]"""
    folds = read_folds('mawqif.csv')
    rows = [r for r in read_rows('mawqif_train.csv') if r.get('stance')]
    return [(r['id'], r['text'], r['target'], r['stance'], folds[r['id']]) for r in rows]


def f1_per_class(gold, pred, classes):
    out = []
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        out.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return out


def macro_f1(gold, pred):
    f1 = f1_per_class(gold, pred, sorted(set(gold)))
    return sum(f1) / len(f1)


def favor_against_f1(gold, pred):
    f1 = f1_per_class(gold, pred, STANCE_CLASSES)
    return (f1[0] + f1[1]) / 2


def summary(scores):
    return {'folds': scores, 'mean': statistics.fmean(scores), 'sd': statistics.pstdev(scores)}


def peak_rss_mb(who=resource.RUSAGE_SELF):
    return resource.getrusage(who).ru_maxrss / 1024


def emit(result):
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write('\n')
