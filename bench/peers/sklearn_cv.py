"""scikit-learn peer for issue 4: TfidfVectorizer(word 1-2) + TfidfVectorizer(char_wb 2-5), sublinear
tf, min_df 2, then LinearSVC(C=1). Raw text in (sklearn's own lower-casing and \\w+ tokens, no Arabic
normalization) — the peer as people run it.
  cv topics|mawqif   5-fold CV on the shared folds (bench/out/folds): macro-F1 over the 6 topics, or
                     mean F1(Favor, Against) with one model PER TARGET, pooled over targets per fold.
  speed              train on all of topics_train.csv; batch docs/s and single-doc latency.
Usage: /usr/bin/python3 bench/peers/sklearn_cv.py cv topics   (JSON on stdout)"""
import statistics
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC

from common import emit, favor_against_f1, load_stance, load_topics, macro_f1, peak_rss_mb, summary

FOLDS = 5


def make_model():
    return make_pipeline(
        FeatureUnion([
            ('word', TfidfVectorizer(analyzer='word', ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            ('char', TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        ]),
        LinearSVC(C=1.0),
    )


def cv_topics():
    rows = load_topics()
    scores = []
    for f in range(FOLDS):
        train = [r for r in rows if r[3] != f]
        test = [r for r in rows if r[3] == f]
        t0 = time.perf_counter()
        model = make_model().fit([r[1] for r in train], [r[2] for r in train])
        pred = model.predict([r[1] for r in test])
        scores.append(macro_f1([r[2] for r in test], list(pred)))
        print(f'sklearn topics fold {f}: {scores[-1]:.4f} ({time.perf_counter() - t0:.0f} s)', file=sys.stderr)
    return summary(scores)


def cv_stance():
    rows = load_stance()
    scores = []
    for f in range(FOLDS):
        gold, pred = [], []
        for target in sorted({r[2] for r in rows}):
            train = [r for r in rows if r[2] == target and r[4] != f]
            test = [r for r in rows if r[2] == target and r[4] == f]
            model = make_model().fit([r[1] for r in train], [r[3] for r in train])
            gold += [r[3] for r in test]
            pred += list(model.predict([r[1] for r in test]))
        scores.append(favor_against_f1(gold, pred))
        print(f'sklearn mawqif fold {f}: {scores[-1]:.4f}', file=sys.stderr)
    return summary(scores)


def speed():
    rows = load_topics()
    texts = [r[1] for r in rows]
    t0, cpu0 = time.perf_counter(), time.process_time()
    model = make_model().fit(texts, [r[2] for r in rows])
    train_s, train_cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
    batch, batch_cpu = [], []
    for _ in range(3):
        t0, cpu0 = time.perf_counter(), time.process_time()
        model.predict(texts)
        batch.append(len(texts) / (time.perf_counter() - t0))
        batch_cpu.append(len(texts) / (time.process_time() - cpu0))
    single = []
    for t in texts[:300]:
        t0 = time.perf_counter()
        model.predict([t])
        single.append((time.perf_counter() - t0) * 1000)
    return {
        'train_s': train_s,
        'train_cpu_s': train_cpu_s,
        'batch_docs_per_s': statistics.median(batch),
        'batch_docs_per_cpu_s': statistics.median(batch_cpu),
        'single_doc_ms': statistics.median(single),
        'peak_rss_mb': peak_rss_mb(),
        'docs': len(texts),
    }


if __name__ == '__main__':
    mode = sys.argv[1] if len(sys.argv) > 1 else ''
    if mode == 'cv' and sys.argv[2:] == ['topics']:
        emit({'system': 'sklearn', 'task': 'topics', **cv_topics(), 'peak_rss_mb': peak_rss_mb()})
    elif mode == 'cv' and sys.argv[2:] == ['mawqif']:
        emit({'system': 'sklearn', 'task': 'mawqif', **cv_stance(), 'peak_rss_mb': peak_rss_mb()})
    elif mode == 'speed':
        emit({'system': 'sklearn', 'task': 'speed', **speed()})
    else:
        sys.exit('usage: sklearn_cv.py cv topics|mawqif | speed')
