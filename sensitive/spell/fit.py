#!/usr/bin/env python3
"""Fit the weights of score.go by L2-regularised logistic regression.

Input: the JSON lines TestTune writes (SHENFA_TUNE_OUT). Label 1 = candidate
at a planted typo, 0 = candidate elsewhere (clean drafts, even-numbered
held-out corpus files), -1 = candidate in the odd-numbered held-out corpus
files, used only to choose the threshold. Prints the weights as Go and the
recall (5-fold cross-validated on the positives) against false alarms on the
measuring files per threshold. Pure Python: no numpy here.
"""
import json, math, random, sys

def load(path):
    rows = [json.loads(l) for l in open(path, encoding='utf-8')]
    return rows

def fit(rows, lam=1.0, iters=1500, pos_weight=None):
    n = len(rows[0]['x'])
    w = [0.0] * n
    xs = [r['x'] for r in rows]; ys = [r['label'] for r in rows]
    npos = sum(ys); nneg = len(ys) - npos
    pw = pos_weight or nneg / max(npos, 1)
    lr = 0.5
    for it in range(iters):
        g = [0.0] * n
        tot = 0.0
        for x, y in zip(xs, ys):
            z = sum(a * b for a, b in zip(w, x))
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            c = (p - y) * (pw if y == 1 else 1.0)
            for k in range(n):
                g[k] += c * x[k]
            tot += pw if y == 1 else 1.0
        for k in range(n):
            reg = lam * w[k] if k > 0 else 0
            w[k] -= lr * (g[k] / tot + reg / tot)
    return w

def score(w, x):
    return sum(a * b for a, b in zip(w, x))

def main():
    rows = load(sys.argv[1])
    train = [r for r in rows if r['label'] >= 0]
    meas = [r for r in rows if r['label'] == -1]
    w = fit(train)
    # cross-validated scores of the positives
    pos = [r for r in train if r['label'] == 1]
    neg = [r for r in train if r['label'] == 0]
    random.seed(1)
    random.shuffle(pos)
    cv = []
    for k in range(5):
        test = pos[k::5]
        tr = [p for i, p in enumerate(pos) if i % 5 != k] + neg
        wk = fit(tr)
        cv += [score(wk, r['x']) for r in test]
    ms = sorted((score(w, r['x']) for r in meas), reverse=True)
    print('weights:', ', '.join('%.3f' % v for v in w))
    for th in [x / 2 for x in range(-16, 12)]:
        rec = sum(1 for s in cv if s >= th)
        fp = sum(1 for s in ms if s >= th)
        print('threshold %5.1f: cv recall %d/%d, false alarms on measuring files %d' % (th, rec, len(pos), fp))
    if len(sys.argv) > 2:
        th = float(sys.argv[2])
        for r in meas:
            if score(w, r['x']) >= th:
                print('fa', r['src'], r['text'], '→', r['fix'], '%.2f' % score(w, r['x']))

if __name__ == '__main__':
    main()
