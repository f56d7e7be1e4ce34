"""Gradient-boosted decision trees for a binary label (logistic loss), numpy only, small enough
to read: features are cut into at most 32 bins by quantiles, each tree is grown level by level
to a fixed depth from gradient histograms, and a tree is stored as flat arrays that the Swift
side walks (DumpLineModel)."""
import numpy as np

BINS = 32
SUBSAMPLE = 0.5


def cut_points(X):
    """Per feature, the sorted distinct thresholds (a split sends x <= t left)."""
    cuts = []
    for k in range(X.shape[1]):
        col = X[:, k]
        qs = np.unique(np.quantile(col, np.linspace(0, 1, BINS + 1)[1:-1]))
        cuts.append(qs)
    return cuts


def binned(X, cuts):
    B = np.zeros(X.shape, dtype=np.int32)
    for k, c in enumerate(cuts):
        B[:, k] = np.searchsorted(c, X[:, k], side="left")
    return B


class Tree:
    """A full binary tree of `depth` levels: node i has children 2i+1, 2i+2; the leaves hold
    values. feature -1 marks a node that does not split (both children repeat its value)."""

    def __init__(self, depth):
        n = 2 ** depth - 1
        self.depth = depth
        self.feature = np.full(n, -1, dtype=np.int32)
        self.threshold = np.zeros(n)
        self.leaf = np.zeros(2 ** depth)

    def predict(self, X):
        node = np.zeros(len(X), dtype=np.int64)
        for _ in range(self.depth):
            f = self.feature[node]
            t = self.threshold[node]
            x = X[np.arange(len(X)), np.maximum(f, 0)]
            go_right = (f >= 0) & (x > t)
            node = 2 * node + 1 + go_right
        return self.leaf[node - (2 ** self.depth - 1)]


def fit(X, y, weight=None, trees=150, depth=4, rate=0.1, l2=1.0, min_hess=5.0, subsample=None, seed=11):
    """Each tree is grown on a random half of the rows (stochastic boosting: less overfitting to
    one page's lines, and half the work); its leaves are then fitted on every row."""
    rng = np.random.default_rng(seed)
    subsample = SUBSAMPLE if subsample is None else subsample
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    weight = np.ones(len(y)) if weight is None else weight
    cuts = cut_points(X)
    B = binned(X, cuts)
    nf = X.shape[1]
    ncuts = np.array([len(c) for c in cuts])
    prior = np.sum(weight * y) / np.sum(weight)
    base = float(np.log(prior / (1 - prior)))
    f = np.full(len(y), base)
    model = []
    for _ in range(trees):
        p = 1 / (1 + np.exp(-f))
        g = (p - y) * weight
        h = np.maximum(p * (1 - p), 1e-6) * weight
        tree = Tree(depth)
        rows = np.nonzero(rng.random(len(y)) < subsample)[0]
        node = np.zeros(len(y), dtype=np.int64)
        for level in range(depth):
            first = 2 ** level - 1
            count = 2 ** level
            local = node - first
            offset = B + np.arange(nf, dtype=np.int32) * BINS
            for j in range(count):
                idx = rows[local[rows] == j]
                if len(idx) == 0:
                    continue
                gi, hi = g[idx], h[idx]
                G, H = gi.sum(), hi.sum()
                flat = offset[idx].ravel()
                gh = np.bincount(flat, np.repeat(gi, nf), minlength=nf * BINS).reshape(nf, BINS)
                hh = np.bincount(flat, np.repeat(hi, nf), minlength=nf * BINS).reshape(nf, BINS)
                GL = np.cumsum(gh, axis=1)[:, :-1]
                HL = np.cumsum(hh, axis=1)[:, :-1]
                GR, HR = G - GL, H - HL
                gain = GL ** 2 / (HL + l2) + GR ** 2 / (HR + l2) - G ** 2 / (H + l2)
                valid = (HL >= min_hess) & (HR >= min_hess) & (np.arange(BINS - 1)[None, :] < ncuts[:, None])
                gain[~valid] = 0
                k, s = np.unravel_index(int(np.argmax(gain)), gain.shape)
                if gain[k, s] > 0:
                    tree.feature[first + j] = k
                    tree.threshold[first + j] = cuts[k][s]
            # route every row one level down
            fk = tree.feature[node]
            x = X[np.arange(len(X)), np.maximum(fk, 0)]
            node = 2 * node + 1 + ((fk >= 0) & (x > tree.threshold[node]))
        leaf = node - (2 ** depth - 1)
        G = np.bincount(leaf, g, minlength=2 ** depth)
        H = np.bincount(leaf, h, minlength=2 ** depth)
        tree.leaf = -rate * G / (H + l2)
        f += tree.leaf[leaf]
        model.append(tree)
    return base, model


def margin(model, X):
    base, trees = model
    X = np.asarray(X, dtype=np.float64)
    f = np.full(len(X), base)
    for t in trees:
        f += t.predict(X)
    return f


def predict(model, X):
    return 1 / (1 + np.exp(-margin(model, X)))
