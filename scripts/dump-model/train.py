#!/usr/bin/env python3
"""Trains the text-dump line model: which lines of a dump are the article's body.

    python3 scripts/dump-model/train.py [--shared ../shared] [--folds 5] [--write]

Reads the dev dump sets in ../shared/corpus/extraction (textdumps-aeb, textdumps-readability:
made by ../shared/eval/text_dump.py from the dev HTML sets), labels each line by whether the
gold body holds it, and fits two gradient-boosted tree ensembles (gbdt.py, numpy only): stage
one on each line's own features and its neighbours' (features.py), stage two on stage one's
probabilities around the line - trained on out-of-fold probabilities, so that it learns how far
to trust stage one on lines stage one has not seen. features.choose then picks the lines.

Prints the cross-validated token F1 of each set (folds by page: no page is scored by a model
that saw its lines), then fits on every page and, with --write, writes both ensembles to
Sources/Extraction/DumpLineModel.swift. Standard library and numpy only."""
import argparse
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import features as F  # noqa: E402
import gbdt as G  # noqa: E402

WORD = re.compile(r"\w+", re.UNICODE)
# Body lines weigh as much as chrome lines: precision matters as much as a lost line.
POSITIVE_WEIGHT = 1.0
LINE_TREES, LINE_DEPTH = 200, 4
CONTEXT_TREES, CONTEXT_DEPTH = 100, 3
INNER_FOLDS = 3


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


def features_of(page):
    if "x" not in page:
        page["x"] = np.asarray(F.with_context(F.line_features(page["lines"])))
    return page["x"]


def fit_stage(rows, labels, trees, depth):
    X = np.vstack(rows)
    y = np.concatenate(labels).astype(np.float64)
    return G.fit(X, y, np.where(y > 0, POSITIVE_WEIGHT, 1.0), trees=trees, depth=depth)


def fit_lines(pages):
    return fit_stage([features_of(p) for p in pages], [p["y"] for p in pages], LINE_TREES, LINE_DEPTH)


def train(pages):
    """Both stages; stage two learns from stage one's out-of-fold probabilities."""
    out_of_fold = {}
    for k in range(INNER_FOLDS):
        held = set(range(k, len(pages), INNER_FOLDS))
        model = fit_lines([p for i, p in enumerate(pages) if i not in held])
        for i in held:
            out_of_fold[i] = list(G.predict(model, features_of(pages[i])))
    second = fit_stage([np.asarray(F.second_stage(features_of(p), out_of_fold[i])) for i, p in enumerate(pages)],
                       [p["y"] for p in pages], CONTEXT_TREES, CONTEXT_DEPTH)
    return fit_lines(pages), second


def body(page, model):
    first, second = model
    x = features_of(page)
    p1 = list(G.predict(first, x))
    p2 = list(G.predict(second, np.asarray(F.second_stage(x, p1))))
    page["p2"] = p2
    return [page["lines"][i] for i in F.choose(page["lines"], x, p2)]


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


def model_text(model):
    """An ensemble as DumpLineModel's text: a header, then one tree per line (split features,
    thresholds, leaves). Thresholds keep every digit: a row must fall on the same side in Swift."""
    base, trees = model
    depth = trees[0].depth
    lines = [f"model {len(trees)} {depth} {NFEATURES[0]} {base!r}"]
    for t in trees:
        lines.append(" ".join(str(int(f)) for f in t.feature) + ";"
                     + " ".join(repr(float(v)) for v in t.threshold) + ";"
                     + " ".join(f"{float(v):.9g}" for v in t.leaf))
    return "\n".join(lines)


NFEATURES = [0]


def cross_validate(sets, folds, save=None):
    """Scores each page with a model fitted on the other folds' pages, and prints each set's F1."""
    everything = [(name, i) for name, pages in sets.items() for i in range(len(pages))]
    rng = np.random.default_rng(7)
    order = rng.permutation(len(everything))
    count = folds
    folds = [set(order[k::count]) for k in range(count)]
    predicted = {}
    probabilities = {}
    for k, held in enumerate(folds):
        train_pages = [sets[n][i] for j, (n, i) in enumerate(everything) if j not in held]
        model = train(train_pages)
        for j in held:
            n, i = everything[j]
            predicted[(n, i)] = body(sets[n][i], model)
            probabilities[(n, i)] = sets[n][i].get("p2")
    for name, pages in sets.items():
        p, r, f1, empty = score(pages, [predicted[(name, i)] for i in range(len(pages))])
        print(f"cross-validated ({count} folds by page) {name}: F1 {f1:.3f} (P {p:.3f}, R {r:.3f}), empty {empty}")
    if save:
        import pickle
        with open(save, "wb") as f:
            pickle.dump({key: (sets[key[0]][key[1]]["lines"], probabilities[key]) for key in probabilities}, f)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[3] / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cv-only", action="store_true", help="stop after the cross-validated scores")
    ap.add_argument("--line-trees", type=int, default=LINE_TREES)
    ap.add_argument("--line-depth", type=int, default=LINE_DEPTH)
    ap.add_argument("--subsample", type=float, default=G.SUBSAMPLE)
    ap.add_argument("--save-cv", help="write the cross-validated probabilities to this pickle (for analysis)")
    ap.add_argument("--positive-weight", type=float, default=POSITIVE_WEIGHT)
    args = ap.parse_args()
    globals()["POSITIVE_WEIGHT"] = args.positive_weight
    globals()["LINE_TREES"], globals()["LINE_DEPTH"] = args.line_trees, args.line_depth
    G.SUBSAMPLE = args.subsample
    sets = {name: load(args.shared, name) for name in ("textdumps-aeb", "textdumps-readability")}
    if args.folds:
        cross_validate(sets, args.folds, args.save_cv)
    if args.cv_only:
        return
    model = train([p for pages in sets.values() for p in pages])
    in_sample = {}
    for name, pages in sets.items():
        p, r, f1, empty = score(pages, [body(pg, model) for pg in pages])
        in_sample[name] = f1
        print(f"fitted on all pages, in-sample {name}: F1 {f1:.3f} (P {p:.3f}, R {r:.3f}), empty {empty}")
    if args.write:
        out = Path(__file__).resolve().parents[2] / "Sources/Extraction/DumpLineModel.swift"
        NFEATURES[0] = len(F.NAMES)
        first = model_text(model[0])
        NFEATURES[0] = len(F.SECOND_NAMES)
        second = model_text(model[1])
        out.write_text(
            "// Generated by scripts/dump-model/train.py from the dev dump sets; do not edit.\n"
            "// Retrain with `python3 scripts/dump-model/train.py --write` after changing a feature.\n\n"
            "/// The text-dump line model's two tree ensembles, as text that ``BoostedTrees`` reads.\n"
            "enum DumpLineModel {\n"
            f"    /// Stage one, over ``DumpLineFeatures`` ({len(F.NAMES)} inputs).\n"
            f"    static let lineStage = \"\"\"\n{first}\n\"\"\"\n"
            f"    /// Stage two, over stage one's probabilities around the line ({len(F.SECOND_NAMES)} inputs).\n"
            f"    static let contextStage = \"\"\"\n{second}\n\"\"\"\n"
            "    /// The token F1 train.py measured with these weights on the sets they were fitted on\n"
            "    /// (not an estimate of unseen dumps: that is the cross-validated score in the README).\n"
            "    static let trainedScores: [(String, Double)] = ["
            + ", ".join(f'("{name}", {f1:.4f})' for name, f1 in in_sample.items()) + "]\n"
            "}\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
