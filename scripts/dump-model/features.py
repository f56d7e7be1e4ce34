"""Per-line features of a text dump (one block of a page per line), as the Swift side computes
them in Sources/Extraction/DumpLineFeatures.swift. Both must agree feature for feature: the
weights trained here are only as good as that agreement (DumpModelTests checks the scores the
weights reach in Swift against the ones this script reports).

Every feature is language-free: lengths in script-aware words (a character of an unspaced
script - Han, kana, Thai - is a word), punctuation of many scripts, the page's own frequent
words as its stopwords, and where a line stands among the others."""
import math
import re
import unicodedata
from pathlib import Path

# TextMeasure.sentenceEnds in Swift: Latin, CJK, Arabic, Urdu, Devanagari, Armenian, Ethiopic,
# Myanmar, Khmer and Tibetan sentence ends.
SENTENCE_ENDS = set(".!?…‼。！？؟۔।॥։።፧။។།｡")
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


def fnv(word):
    """The 64-bit FNV-1a hash of a word's code points: the stopwords' tie-break, because the Swift
    side compares words by this hash rather than keeping a string per word."""
    h = 0xcbf29ce484222325
    for ch in word:
        h = ((h ^ ord(ch)) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def page_stopwords(lines_words):
    """The page's own stopwords: its 20 most frequent words of at most 4 characters in
    lines of 5 words or more (ties broken by the word's fnv hash), lower-cased. Unspaced scripts give
    single characters, which is what their particles are."""
    counts = {}
    for ws in lines_words:
        if len(ws) < 5:
            continue
        for w in ws:
            w = w.lower()
            if len(w) <= 4:
                counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], fnv(kv[0])))
    return set(w for w, c in ranked[:20] if c >= 3)


OWN = ["log_chars", "log_words", "ends_sentence", "sentence_ends", "commas", "capitalised", "digits",
       "separators", "url", "repeated", "position", "stopwords", "title_words", "starts_lower",
       "prose_shape", "heading_shape", "credit", "site_suffix", "prose_before", "in_main_run",
       "run_distance", "relative_length", "ends_colon", "overlaps_neighbour",
       "after_headline", "prose_since_headline", "glued", "run_share", "first_run"]
NEIGHBOUR = ["log_words", "ends_sentence", "prose_shape", "stopwords", "digits", "repeated", "credit", "site_suffix",
             "heading_shape"]
CONTEXT = [-3, -2, -1, 1, 2, 3]
WINDOW = 5
SHORT = math.log1p(12)
MAIN_RUN_GAP = 3


def glued(line):
    """Places where one block's text runs into the next without a space: a lower-case letter or
    a sentence end right before an upper-case letter (`Student-AthleteA 24-year-old`, `Rise?Violence`),
    which is how a teaser card's headline and summary come out of a dump."""
    count = 0
    for a, b in zip(line, line[1:]):
        if b.isupper() and (a.islower() or a in SENTENCE_ENDS):
            count += 1
    return count


def site_suffix(lines, lw):
    """A ` - Site Name` (or `| Site`) ending of at most 5 words that at least two lines share:
    the site's caption and title suffix."""
    counts = {}
    for line in lines:
        for sep in (" - ", " | ", " – "):
            k = line.rfind(sep)
            if k > 0:
                tail = line[k:]
                if 1 <= len(words(tail)) <= 5:
                    counts[tail] = counts.get(tail, 0) + 1
                break
    best = None
    for tail, c in sorted(counts.items()):
        if c >= 2 and (best is None or c > counts[best]):
            best = tail
    return best


def prose_runs(prose, nw):
    """Every run of prose-shaped lines at most MAIN_RUN_GAP other lines apart: (first, last, words)."""
    runs = []
    start, last, weight = -1, -1, 0
    for i, p in enumerate(prose):
        if not p:
            continue
        if last >= 0 and i - last - 1 > MAIN_RUN_GAP:
            runs.append((start, last, weight))
            start, weight = -1, 0
        if start < 0:
            start = i
        last = i
        weight += nw[i]
    if start >= 0:
        runs.append((start, last, weight))
    return runs


def main_run(prose, nw):
    """The span of the run of prose-shaped lines, at most MAIN_RUN_GAP other lines apart, that
    holds the most words: where the body of most dumps is."""
    best, best_weight = (-1, -1), 0
    start, last, weight = -1, -1, 0
    for i, p in enumerate(prose):
        if not p:
            continue
        if last >= 0 and i - last - 1 > MAIN_RUN_GAP:
            if weight > best_weight:
                best, best_weight = (start, last), weight
            start, weight = -1, 0
        if start < 0:
            start = i
        last = i
        weight += nw[i]
    if start >= 0 and weight > best_weight:
        best = (start, last)
    return best


def line_features(lines):
    """The own features of each line (OWN)."""
    lw = [words(l) for l in lines]
    stop = page_stopwords(lw)
    counts = {}
    for l in lines:
        counts[l] = counts.get(l, 0) + 1
    title = set(w.lower() for w in lw[0]) if lines else set()
    suffix = site_suffix(lines, lw)
    n = len(lines)
    rows = []
    prose_flags = []
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
        ended = ends_sentence(line)
        prose = 1.0 if (nw >= 8 and ended) or (nw >= 16 and ends >= 2) else 0.0
        prose_flags.append(prose)
        rows.append([
            math.log1p(chars),
            math.log1p(nw),
            ended,
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
            prose,
            1.0 if 2 <= nw <= 15 and not ended and capitalised >= 0.5 else 0.0,
            1.0 if "©" in line else 0.0,
            1.0 if suffix is not None and line.endswith(suffix) else 0.0,
            0.0, 0.0, 0.0,  # prose_before, in_main_run, run_distance: below
            0.0,  # relative_length: below
            1.0 if line.rstrip().endswith((":", "：")) else 0.0,
            0.0,  # overlaps_neighbour: below
            0.0, 0.0,  # after_headline, prose_since_headline: below
            min(glued(line) / max(nw, 1) * 10, 3.0),
            0.0, 0.0,  # run_share, first_run: below
        ])
    nws = [len(ws) for ws in lw]
    prose_words = sum(nw for nw, p in zip(nws, prose_flags) if p)
    lo, hi = main_run(prose_flags, nws)
    lengths = sorted(nw for nw, p in zip(nws, prose_flags) if p)
    typical = lengths[len(lengths) // 2] if lengths else 10
    headline = next((i for i in range(1, n) if 2 <= nws[i] <= 30 and rows[i][OWN.index("title_words")] >= 0.6), -1)
    first_after = headline if headline >= 0 else 0
    first_seen = False
    for lo_run, hi_run, weight in prose_runs(prose_flags, nws):
        first = not first_seen and lo_run > first_after
        if first:
            first_seen = True
        for i in range(lo_run, hi_run + 1):
            rows[i][OWN.index("run_share")] = weight / prose_words if prose_words else 0.0
            rows[i][OWN.index("first_run")] = 1.0 if first else 0.0
    since = 0
    for i, row in enumerate(rows):
        if headline >= 0 and i > headline:
            row[OWN.index("after_headline")] = 1.0
            row[OWN.index("prose_since_headline")] = since / prose_words if prose_words else 0.0
            if prose_flags[i]:
                since += nws[i]
    before = 0
    for i, row in enumerate(rows):
        row[OWN.index("prose_before")] = before / prose_words if prose_words else 0.0
        if prose_flags[i]:
            before += nws[i]
        row[OWN.index("in_main_run")] = 1.0 if lo <= i <= hi else 0.0
        row[OWN.index("run_distance")] = 0.0 if lo <= i <= hi else min(lo - i if i < lo else i - hi, 20) / 20.0
        if lo < 0:
            row[OWN.index("run_distance")] = 1.0
        row[OWN.index("relative_length")] = math.log1p(nws[i]) - math.log1p(typical)
        line = lines[i]
        if len(line) >= 20:
            for j in range(max(0, i - 2), min(n, i + 3)):
                if j != i and len(lines[j]) >= 20 and (line in lines[j] or lines[j] in line):
                    row[OWN.index("overlaps_neighbour")] = 1.0
                    break
    return rows


def with_context(rows):
    """Own features, a few of each neighbour's (CONTEXT; zeros beyond the ends), the share of
    prose-shaped lines and the mean length around the line, and how far the nearest prose-shaped
    line is above and below."""
    n = len(rows)
    nb = [OWN.index(name) for name in NEIGHBOUR]
    prose_k, words_k = OWN.index("prose_shape"), OWN.index("log_words")
    digits_k, repeated_k = OWN.index("digits"), OWN.index("repeated")
    out = []
    for i, r in enumerate(rows):
        x = list(r)
        for d in CONTEXT:
            j = i + d
            for k in nb:
                x.append(rows[j][k] if 0 <= j < n else 0.0)
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        x.append(sum(rows[j][prose_k] for j in range(lo, hi)) / (hi - lo))
        x.append(sum(rows[j][words_k] for j in range(lo, hi)) / (hi - lo))
        up = next((d for d in range(1, 11) if i - d >= 0 and rows[i - d][prose_k] > 0), 11)
        down = next((d for d in range(1, 11) if i + d < n and rows[i + d][prose_k] > 0), 11)
        x.append(float(up))
        x.append(float(down))
        # Comment threads: prose cut by short dated lines (a name and a time above each reply).
        x.append(sum(1.0 for j in range(lo, hi) if rows[j][digits_k] > 0 and rows[j][prose_k] == 0
                     and rows[j][words_k] <= SHORT) / (hi - lo))
        x.append(sum(rows[j][repeated_k] for j in range(lo, hi)) / (hi - lo))
        out.append(x)
    return out


NAMES = OWN + [f"{name}[{d:+d}]" for d in CONTEXT for name in NEIGHBOUR] + [
    "window_prose", "window_words", "prose_above", "prose_below", "window_dated", "window_repeated"]


# Stage two: the line model's probabilities around each line.
SECOND_CONTEXT = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]
SECOND_WINDOW = 10
SECOND_OWN = ["log_words", "prose_shape", "ends_sentence", "repeated"]
SECOND_NAMES = (["logit"] + [f"logit[{d:+d}]" for d in SECOND_CONTEXT]
                + ["window_probability", "in_region", "region_distance"] + SECOND_OWN)


def logit(p):
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def region(p, nw, centre=0.5):
    """The run of lines (first, last) that maximises the sum of (probability - centre) times
    words: the body as one stretch of the dump, its short lines included."""
    best, best_start, best_end = -math.inf, 0, -1
    current, start = 0.0, 0
    for i, q in enumerate(p):
        if current <= 0:
            current, start = 0.0, i
        current += (q - centre) * max(nw[i], 1)
        if current > best:
            best, best_start, best_end = current, start, i
    return best_start, best_end


def second_stage(x, p):
    """Stage two's inputs for each line, from stage one's probabilities p and the lines' own
    features x (rows of NAMES)."""
    n = len(p)
    nw = [round(math.expm1(r[OWN.index("log_words")])) for r in x]
    lo_r, hi_r = region(p, nw)
    own = [OWN.index(name) for name in SECOND_OWN]
    out = []
    for i in range(n):
        row = [logit(p[i])] + [logit(p[i + d]) if 0 <= i + d < n else -6.0 for d in SECOND_CONTEXT]
        lo, hi = max(0, i - SECOND_WINDOW), min(n, i + SECOND_WINDOW + 1)
        row.append(sum(p[lo:hi]) / (hi - lo))
        inside = lo_r <= i <= hi_r
        row.append(1.0 if inside else 0.0)
        row.append(0.0 if inside else min(lo_r - i if i < lo_r else i - hi_r, 20) / 20.0)
        row += [x[i][k] for k in own]
        out.append(row)
    return out


INSIDE, OUTSIDE = 0.4, 0.9


def choose(lines, x, p):
    """The body's lines: in the region, every line the model leans towards; outside it, only
    lines it is sure of; and never a line that merely strings together others kept (a page's
    summary block that repeats the paragraphs)."""
    nw = [round(math.expm1(r[OWN.index("log_words")])) for r in x]
    lo, hi = region(p, nw)
    kept = [i for i, q in enumerate(p) if q > (INSIDE if lo <= i <= hi else OUTSIDE)]
    kept = [i for i in kept if not is_chrome(i, lines, x)]
    encoded = {i: lines[i].encode("utf-8") for i in kept}
    starts = {}
    for i in kept:
        if len(encoded[i]) >= REPEAT_KEY:
            starts.setdefault(encoded[i][:REPEAT_KEY], []).append(i)
    chosen = [i for i in kept if repeated_share(i, encoded, starts) * 2 < len(encoded[i])]
    if not chosen and len(p) > 1:
        # Never nothing from a dump with text: its likeliest line beyond the title.
        chosen = [max(range(1, len(p)), key=lambda i: (p[i], -i))]
    return chosen


REPEAT_KEY = 20


def chrome_prefixes():
    """BoilerplatePatterns.linePrefixes, read from the Swift source so that the list lives in one
    place."""
    source = (Path(__file__).resolve().parents[2] / "Sources/Extraction/BoilerplatePatterns.swift").read_text("utf-8")
    block = re.search(r"static let linePrefixes: \[String\] = \[(.*?)\]", source, re.S).group(1)
    return tuple(re.findall(r'"((?:[^"\\]|\\.)*)"', block))


PREFIXES = chrome_prefixes()
PROMPT_LENGTH = 200


def is_chrome(i, lines, x):
    """The chrome rules that hold whatever the model says: a caption or title carrying the site's
    suffix, a short prompt (`READ MORE: …`, `Subscribe`), a headline right below a caption or
    credit, or below a label of one or two words below one (a related story's card)."""
    own = x[i]
    if own[OWN.index("site_suffix")] > 0:
        return True
    line = lines[i]
    if len(line) < PROMPT_LENGTH and line.lower().startswith(PREFIXES):
        return True
    if own[OWN.index("heading_shape")] > 0:
        # A related story's card: its image caption or credit, perhaps a short section label,
        # then its headline.
        for j in (i - 1, i - 2):
            if j < 0:
                break
            above = x[j]
            if above[OWN.index("site_suffix")] > 0 or above[OWN.index("credit")] > 0:
                return True
            if above[OWN.index("log_words")] > CARD_LABEL:
                break
    return False


CARD_LABEL = math.log1p(2)


def repeated_share(i, encoded, starts):
    """How many of line i's bytes, from its start, are two or more shorter kept lines one after
    another (0 when fewer match: a line that merely begins like another is its own)."""
    line = encoded[i]
    pos, pieces = 0, 0
    while True:
        while pos < len(line) and line[pos] == 0x20:
            pos += 1
        best = 0
        for j in starts.get(line[pos:pos + REPEAT_KEY], []):
            if j != i and best < len(encoded[j]) < len(line) and line.startswith(encoded[j], pos):
                best = len(encoded[j])
        if best == 0:
            return pos if pieces >= 2 else 0
        pos += best
        pieces += 1
