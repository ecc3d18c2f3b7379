"""fastText peer for issue 4, driving the apt-installed CLI (/usr/bin/fasttext; no Python binding here).
Supervised, softmax loss, -wordNgrams 2 -minn 2 -maxn 5 -dim 100 -epoch 25 -lr 0.5, default 2M buckets,
-thread 2 (all cores of the machine). Text is lower-cased, whitespace collapsed and punctuation split
off words (the usual fastText preprocessing); no Arabic normalization.
  cv topics|mawqif   5-fold CV on the shared folds (bench/out/folds): macro-F1 over the 6 topics, or
                     mean F1(Favor, Against) with one model PER TARGET, pooled over targets per fold.
  speed              train on all of topics_train.csv (wall time of `fasttext supervised`, including
                     writing the model, and its CPU time: robust when the machine is shared); batch docs/s of `fasttext predict` over all documents with
                     the model-loading time (a 1-document run) subtracted; single-doc latency through
                     a long-running `fasttext predict model.bin -`; peak RSS of the children.
Usage: /usr/bin/python3 bench/peers/fasttext_cv.py cv topics   (JSON on stdout)"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from common import (emit, favor_against_f1, load_stance, load_topics, macro_f1, peak_rss_mb, resource,
                    summary)

FASTTEXT = os.environ.get('FASTTEXT', '/usr/bin/fasttext')
FOLDS = 5
PARAMS = ['-wordNgrams', '2', '-minn', '2', '-maxn', '5', '-dim', '100', '-epoch', '25', '-lr', '0.5',
          '-loss', 'softmax', '-thread', '2', '-seed', '1', '-verbose', '0']
PUNCT = re.compile(r'([^\w\s])')
SPACE = re.compile(r'\s+')


def clean(text):
    return SPACE.sub(' ', PUNCT.sub(r' \1 ', text.lower())).strip()


def write_lines(path, texts, labels=None):
    with open(path, 'w', encoding='utf-8') as f:
        for i, t in enumerate(texts):
            prefix = f'__label__{labels[i].replace(" ", "_")} ' if labels else ''
            f.write(prefix + clean(t) + '\n')


def train(workdir, texts, labels, name='model'):
    data = os.path.join(workdir, f'{name}.train.txt')
    write_lines(data, texts, labels)
    out = os.path.join(workdir, name)
    t0 = time.perf_counter()
    subprocess.run([FASTTEXT, 'supervised', '-input', data, '-output', out, *PARAMS], check=True)
    return out + '.bin', time.perf_counter() - t0


def children_cpu_s():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def predict(workdir, model, texts):
    data = os.path.join(workdir, 'test.txt')
    write_lines(data, texts)
    t0 = time.perf_counter()
    out = subprocess.run([FASTTEXT, 'predict', model, data], check=True, capture_output=True, text=True).stdout
    elapsed = time.perf_counter() - t0
    labels = [line.strip().removeprefix('__label__').replace('_', ' ') for line in out.splitlines()]
    assert len(labels) == len(texts), (len(labels), len(texts))
    return labels, elapsed


def cv_topics(workdir):
    rows = load_topics()
    scores = []
    for f in range(FOLDS):
        train_rows = [r for r in rows if r[3] != f]
        test = [r for r in rows if r[3] == f]
        model, secs = train(workdir, [r[1] for r in train_rows], [r[2] for r in train_rows])
        pred, _ = predict(workdir, model, [r[1] for r in test])
        scores.append(macro_f1([r[2] for r in test], pred))
        print(f'fasttext topics fold {f}: {scores[-1]:.4f} (train {secs:.0f} s)', file=sys.stderr)
    return summary(scores)


def cv_stance(workdir):
    rows = load_stance()
    scores = []
    for f in range(FOLDS):
        gold, pred = [], []
        for target in sorted({r[2] for r in rows}):
            train_rows = [r for r in rows if r[2] == target and r[4] != f]
            test = [r for r in rows if r[2] == target and r[4] == f]
            model, _ = train(workdir, [r[1] for r in train_rows], [r[3] for r in train_rows])
            gold += [r[3] for r in test]
            pred += predict(workdir, model, [r[1] for r in test])[0]
        scores.append(favor_against_f1(gold, pred))
        print(f'fasttext mawqif fold {f}: {scores[-1]:.4f}', file=sys.stderr)
    return summary(scores)


def single_doc_latency(model, texts):
    """Milliseconds per document through one long-running predictor reading stdin line by line."""
    proc = subprocess.Popen([FASTTEXT, 'predict', model, '-'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, bufsize=1)
    proc.stdin.write(clean(texts[0]) + '\n')  # waits for the model to load
    proc.stdin.flush()
    proc.stdout.readline()
    times = []
    for t in texts[1:301]:
        t0 = time.perf_counter()
        proc.stdin.write(clean(t) + '\n')
        proc.stdin.flush()
        proc.stdout.readline()
        times.append((time.perf_counter() - t0) * 1000)
    proc.stdin.close()
    proc.wait()
    return statistics.median(times)


def speed(workdir):
    rows = load_topics()
    texts = [r[1] for r in rows]
    cpu0 = children_cpu_s()
    model, train_s = train(workdir, texts, [r[2] for r in rows])
    train_cpu_s = children_cpu_s() - cpu0
    load = min(predict(workdir, model, texts[:1])[1] for _ in range(3))
    cpu0 = children_cpu_s()
    predict(workdir, model, texts[:1])
    load_cpu = children_cpu_s() - cpu0
    batch, batch_cpu = [], []
    for _ in range(3):
        cpu0 = children_cpu_s()
        wall = predict(workdir, model, texts)[1]
        batch.append(len(texts) / (wall - load))
        batch_cpu.append(len(texts) / (children_cpu_s() - cpu0 - load_cpu))
    return {
        'train_s': train_s,
        'train_cpu_s': train_cpu_s,
        'batch_docs_per_s': statistics.median(batch),
        'batch_docs_per_cpu_s': statistics.median(batch_cpu),
        'model_load_s': load,
        'single_doc_ms': single_doc_latency(model, texts),
        'peak_rss_mb': peak_rss_mb(resource.RUSAGE_CHILDREN),
        'model_mb': os.path.getsize(model) / 1e6,
        'docs': len(texts),
    }


if __name__ == '__main__':
    mode = sys.argv[1] if len(sys.argv) > 1 else ''
    workdir = tempfile.mkdtemp(prefix='mizan-fasttext-')
    try:
        if mode == 'cv' and sys.argv[2:] == ['topics']:
            emit({'system': 'fasttext', 'task': 'topics', **cv_topics(workdir)})
        elif mode == 'cv' and sys.argv[2:] == ['mawqif']:
            emit({'system': 'fasttext', 'task': 'mawqif', **cv_stance(workdir)})
        elif mode == 'speed':
            emit({'system': 'fasttext', 'task': 'speed', **speed(workdir)})
        else:
            sys.exit('usage: fasttext_cv.py cv topics|mawqif | speed')
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
