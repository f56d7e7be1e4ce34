#!/usr/bin/env python3
"""Trains the text-dump line model: which lines of a dump are the article's body.

    python3 scripts/dump-model/train.py [--shared ../shared] [--folds 5] [--write]

Reads the dev dump sets in ../shared/corpus/extraction (textdumps-aeb, textdumps-readability:
made by ../shared/eval/text_dump.py from the dev HTML sets), labels each line by whether the
gold body holds it, and fits two logistic regressions (numpy, L2): stage one on each line's
own features and its neighbours', stage two on stage one's probabilities around the line.

Prints the cross-validated token F1 of each set (folds by page: no page is scored by a model
that saw its lines), then fits on every page and, with --write, writes the weights to
Sources/Extraction/DumpLineWeights.swift. Standard library and numpy only."""
import argparse
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import features as F  # noqa: E402

WORD = re.compile(r"\w+", re.UNICODE)
POSITIVE_WEIGHT = 1.5


def tokens(text):
    return WORD.findall(unicodedata.normalize("NFKC", text))


def read_lines(text):
    return [l.strip(" \t\r\f\v") for l in text.split("\n") if l.strip(" \t\r\f\v")]


def label(lines, gold):
    """1 for a line the gold body holds (verbatim, or nearly all its tokens in order nearby)."""
    g = " ".join(gold.split())
    gtok = {}
    for t in tokens(gold):
        gtok[t] = gtok.get(t, 0) + 1
    out = []
    for i, line in enumerate(lines):
        if i == 0:
            out.append(0)  # the <title>: a dump's first line, never body
            continue
        norm = " ".join(line.split())
        if len(norm) >= 2 and norm in g:
            out.append(1)
            continue
        t = tokens(line)
        hit = sum(1 for x in t if gtok.get(x, 0) > 0)
        out.append(1 if t and len(t) >= 4 and hit / len(t) >= 0.9 else 0)
    return out


def load(shared, name):
    root = Path(shared) / "corpus/extraction" / name
    pages = []
    for path in sorted((root / "input").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        gold = (root / "GoldStandard" / path.name).read_text(encoding="utf-8", errors="replace")
        lines = read_lines(text)
        if not lines:
            continue
        pages.append({"id": path.stem, "lines": lines, "gold": gold, "y": label(lines, gold)})
    return pages


def fit(X, y, l2=1.0, steps=400, rate=0.5):
    """Logistic regression by gradient descent on standardised columns; returns weights for the
    raw columns (the standardisation folded in), so that Swift needs only a dot product."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    mean[0], std[0] = 0.0, 1.0  # the bias column stays 1
    std[std == 0] = 1.0
    Z = (X - mean) / std
    w = np.zeros(X.shape[1])
    # Body lines are a minority of a dump's lines; they weigh a little more than their share,
    # not as much as balancing would make them (precision matters more than a lost line).
    weight = np.where(y > 0, POSITIVE_WEIGHT, 1.0)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Z @ w)))
        grad = Z.T @ ((p - y) * weight) / len(y) + l2 * np.r_[0, w[1:]] / len(y)
        w -= rate * grad
    raw = w / std
    raw[0] = w[0] - np.sum(w[1:] * mean[1:] / std[1:])
    return raw


def predict(w, X):
    return 1 / (1 + np.exp(-(np.asarray(X) @ w)))


def stage_inputs(page):
    if "rows" not in page:
        page["rows"] = F.line_features(page["lines"])
        page["x"] = F.with_context(page["rows"])
    return page["rows"], page["x"]


def train(pages):
    X1, y = [], []
    for p in pages:
        _, x = stage_inputs(p)
        X1 += x
        y += p["y"]
    w1 = fit(X1, y)
    X2 = []
    for p in pages:
        rows, x = stage_inputs(p)
        X2 += F.second_stage(rows, list(predict(w1, x)))
    w2 = fit(X2, y)
    return w1, w2


def body(page, w1, w2):
    rows, x = stage_inputs(page)
    p1 = list(predict(w1, x))
    p2 = predict(w2, F.second_stage(rows, p1))
    kept = [line for line, q in zip(page["lines"], p2) if q > 0.5]
    if not kept and len(p2) > 1:
        # Never nothing from a dump with text: its likeliest line beyond the title.
        best = max(range(1, len(p2)), key=lambda i: p2[i])
        kept = [page["lines"][best]]
    return kept


def score(pages, bodies):
    ps, rs, empty = [], [], 0
    for page, kept in zip(pages, bodies):
        g = {}
        for t in tokens(page["gold"]):
            g[t] = g.get(t, 0) + 1
        pt = tokens("\n".join(kept))
        rem = dict(g)
        tp = 0
        for t in pt:
            if rem.get(t, 0) > 0:
                rem[t] -= 1
                tp += 1
        if pt:
            ps.append(tp / len(pt))
        else:
            empty += 1
        gt = sum(g.values())
        if gt:
            rs.append(tp / gt)
    p = sum(ps) / max(len(ps), 1)
    r = sum(rs) / max(len(rs), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0), empty


def swift_array(w):
    return "[" + ", ".join(repr(float(v)) for v in w) + "]"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[3] / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--positive-weight", type=float, default=POSITIVE_WEIGHT)
    args = ap.parse_args()
    globals()["POSITIVE_WEIGHT"] = args.positive_weight
    sets = {name: load(args.shared, name) for name in ("textdumps-aeb", "textdumps-readability")}
    everything = [(name, i) for name, pages in sets.items() for i in range(len(pages))]
    rng = np.random.default_rng(7)
    order = rng.permutation(len(everything))
    folds = [set(order[k::args.folds]) for k in range(args.folds)]
    predicted = {}
    for k, held in enumerate(folds):
        train_pages = [sets[n][i] for j, (n, i) in enumerate(everything) if j not in held]
        w1, w2 = train(train_pages)
        for j in held:
            n, i = everything[j]
            predicted[(n, i)] = body(sets[n][i], w1, w2)
    for name, pages in sets.items():
        p, r, f1, empty = score(pages, [predicted[(name, i)] for i in range(len(pages))])
        print(f"cross-validated ({args.folds} folds by page) {name}: F1 {f1:.3f} (P {p:.3f}, R {r:.3f}), empty {empty}")
    w1, w2 = train([p for pages in sets.values() for p in pages])
    for name, pages in sets.items():
        p, r, f1, empty = score(pages, [body(pg, w1, w2) for pg in pages])
        print(f"fitted on all pages, in-sample {name}: F1 {f1:.3f} (P {p:.3f}, R {r:.3f}), empty {empty}")
    if args.write:
        out = Path(__file__).resolve().parents[2] / "Sources/Extraction/DumpLineWeights.swift"
        out.write_text(
            "// Generated by scripts/dump-model/train.py from the dev dump sets; do not edit.\n"
            "// Retrain with `python3 scripts/dump-model/train.py --write` after changing a feature.\n\n"
            "/// The weights of the text-dump line model's two logistic regressions.\n"
            "enum DumpLineWeights {\n"
            f"    /// Stage one, over ``DumpLineFeatures`` with context ({len(w1)} inputs).\n"
            f"    static let lineStage: [Double] = {swift_array(w1)}\n"
            f"    /// Stage two, over stage one's probabilities around the line ({len(w2)} inputs).\n"
            f"    static let contextStage: [Double] = {swift_array(w2)}\n"

            "}\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
