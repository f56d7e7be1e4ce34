"""Per-line features of a text dump (one block of a page per line), as the Swift side computes
them in Sources/Extraction/DumpLineFeatures.swift. Both must agree feature for feature: the
weights trained here are only as good as that agreement (DumpModelTests checks the scores the
weights reach in Swift against the ones this script reports).

Every feature is language-free: lengths in script-aware words (a character of an unspaced
script - Han, kana, Thai - is a word), punctuation of many scripts, the page's own frequent
words as its stopwords, and where a line stands among the others."""
import math
import unicodedata

SENTENCE_ENDS = set(".!?…。！？؟।॥։።｡")
CLOSERS = set("\"”’')）」』»›]")
COMMAS = set(",，、،؛﹐､")
SEPARATORS = set("|›»«·•/\\>–—:")


def unspaced(ch):
    o = ord(ch)
    return (0x0E00 <= o <= 0x0EFF or 0x1000 <= o <= 0x109F or 0x1780 <= o <= 0x17FF or 0x3040 <= o <= 0x30FF
            or 0x31F0 <= o <= 0x31FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x2FA1F)


def word_char(ch):
    if ch.isascii():
        return ch.isalnum()
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat in ("Mn", "Mc")


def words(line):
    """Words as TextMeasure.words makes them: runs of letters, digits and marks; each character
    of an unspaced script a word of its own."""
    out, cur = [], []
    for ch in line:
        if unspaced(ch):
            if cur:
                out.append("".join(cur)); cur = []
            out.append(ch)
        elif word_char(ch):
            cur.append(ch)
        elif cur:
            out.append("".join(cur)); cur = []
    if cur:
        out.append("".join(cur))
    return out


def ends_sentence(line):
    s = line.rstrip()
    while s and s[-1] in CLOSERS:
        s = s[:-1]
    return 1.0 if s and s[-1] in SENTENCE_ENDS else 0.0


def page_stopwords(lines_words):
    """The page's own stopwords: its 20 most frequent words of at most 4 characters in
    lines of 5 words or more (ties broken by the word), lower-cased. Unspaced scripts give
    single characters, which is what their particles are."""
    counts = {}
    for ws in lines_words:
        if len(ws) < 5:
            continue
        for w in ws:
            w = w.lower()
            if len(w) <= 4:
                counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return set(w for w, c in ranked[:20] if c >= 3)


NAMES = ["bias", "log_chars", "log_words", "ends_sentence", "sentence_ends", "commas", "capitalised",
         "digits", "separators", "url", "repeated", "position", "stopwords", "title_words", "starts_lower",
         "long", "very_short", "words_4_7", "words_8_15", "words_16_29", "prose_shape", "heading_shape"]


def line_features(lines):
    """The own features of each line (NAMES), before context."""
    lw = [words(l) for l in lines]
    stop = page_stopwords(lw)
    counts = {}
    for l in lines:
        counts[l] = counts.get(l, 0) + 1
    title = set(w.lower() for w in lw[0]) if lines else set()
    n = len(lines)
    rows = []
    for i, (line, ws) in enumerate(zip(lines, lw)):
        chars = len(line)
        nw = len(ws)
        cased = [w for w in ws if w[0].lower() != w[0].upper()]
        capitalised = sum(1 for w in cased if w[0].isupper()) / len(cased) if cased else 0.0
        digits = sum(1 for ch in line if ch.isdigit() and ch.isascii()) / chars if chars else 0.0
        seps = sum(1 for ch in line if ch in SEPARATORS)
        ends = sum(1 for ch in line if ch in SENTENCE_ENDS)
        commas = sum(1 for ch in line if ch in COMMAS)
        lower = line.lower()
        url = 1.0 if ("http://" in lower or "https://" in lower or "www." in lower or ("@" in line and "." in line and nw <= 6)) else 0.0
        stopshare = sum(1 for w in ws if w.lower() in stop) / nw if nw else 0.0
        titleshare = sum(1 for w in ws if w.lower() in title) / nw if nw and i > 0 else 0.0
        first = line[0] if line else " "
        rows.append([
            1.0,
            math.log1p(chars),
            math.log1p(nw),
            ends_sentence(line),
            min(ends / max(nw, 1) * 10, 3.0),
            min(commas / max(nw, 1) * 10, 3.0),
            capitalised,
            digits,
            min(seps / max(nw, 1), 1.0),
            url,
            1.0 if counts[line] > 1 else 0.0,
            i / max(n - 1, 1),
            stopshare,
            titleshare,
            1.0 if first.islower() else 0.0,
            1.0 if nw >= 30 else 0.0,
            1.0 if nw <= 3 else 0.0,
            1.0 if 4 <= nw <= 7 else 0.0,
            1.0 if 8 <= nw <= 15 else 0.0,
            1.0 if 16 <= nw <= 29 else 0.0,
            # A sentence: long enough and ended, or long with sentence ends inside.
            1.0 if (nw >= 8 and ends_sentence(line)) or (nw >= 16 and ends >= 2) else 0.0,
            # A heading: a few capitalised words, no sentence end.
            1.0 if 2 <= nw <= 15 and not ends_sentence(line) and capitalised >= 0.5 else 0.0,
        ])
    return rows


CONTEXT = [-2, -1, 1, 2]
CONTEXT_FEATURES = [1, 2, 3, 12]  # log_chars, log_words, ends_sentence, stopwords of neighbours


def with_context(rows):
    """Own features plus a few of each neighbour's (zeros beyond the ends)."""
    n = len(rows)
    out = []
    for i, r in enumerate(rows):
        x = list(r)
        for d in CONTEXT:
            j = i + d
            for k in CONTEXT_FEATURES:
                x.append(rows[j][k] if 0 <= j < n else 0.0)
        out.append(x)
    return out


SMOOTH = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]


def second_stage(rows, p):
    """Stage two: stage one's probabilities of the line and its neighbours, the share of likely
    body lines in a wider window, and the line's own length."""
    n = len(p)
    heaviest = heaviest_run(rows, p)
    out = []
    for i in range(n):
        x = [1.0, logit(p[i])]
        for d in SMOOTH:
            j = i + d
            x.append(logit(p[j]) if 0 <= j < n else -4.0)
        lo, hi = max(0, i - 10), min(n, i + 11)
        x.append(sum(1.0 for j in range(lo, hi) if p[j] > 0.5) / (hi - lo))
        x.append(1.0 if heaviest[0] <= i <= heaviest[1] else 0.0)
        x.append(rows[i][2])
        x.append(rows[i][3])
        x.append(rows[i][20])
        x.append(rows[i][21])
        x.append(rows[i][10])
        out.append(x)
    return out


GAP = 3


def heaviest_run(rows, p):
    """The span (first, last line) of the run of likely body lines, at most GAP other lines
    apart, that holds the most words: the body of most pages is one such run."""
    best, best_weight = (-1, -1), 0.0
    start, last, weight = None, None, 0.0
    for i, q in enumerate(p):
        if q <= 0.5:
            continue
        if last is not None and i - last - 1 > GAP:
            if weight > best_weight:
                best, best_weight = (start, last), weight
            start, weight = None, 0.0
        if start is None:
            start = i
        last = i
        weight += rows[i][2]
    if start is not None and weight > best_weight:
        best = (start, last)
    return best


def logit(p):
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))
