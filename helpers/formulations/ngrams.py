"""Character n-grams of a corpus counted chunk by chunk, with their cohesion and the variety of their neighbours.

The statistics of :func:`helpers.formulations.discover`, written from two papers:

* **cohesion**: pointwise mutual information (Church & Hanks 1990, "Word association norms, mutual information,
  and lexicography", *Computational Linguistics* 16(1)) of the two parts of an n-gram, taken at its weakest
  split: ``min over i of log2(p(g) / (p(g[:i]) p(g[i:])))`` with ``p(x) = count(x) / N`` and ``N`` the
  ideographs of the corpus.  A string that is a unit has no split where its parts are merely neighbours.
* **boundary freedom**: the branching entropy of the characters before and after the n-gram (Jin &
  Tanaka-Ishii 2006, "Unsupervised segmentation of Chinese text by use of branching entropy", COLING/ACL),
  the smaller of the two: a unit occurs among many different neighbours on both sides, a fragment (新质生产 of
  新质生产力) always has the same one.  The start or end of a run of ideographs (punctuation, a digit, the
  paragraph's edge) counts as a different neighbour each time, as Feng et al. (2004, "Accessor variety criteria
  for Chinese word extraction", *Computational Linguistics* 30(1)) count sentence boundaries.

Counting is level-wise (the Apriori property: every part of an n-gram seen ``min_count`` times is seen at least
as often): pass ``k`` reads the paragraphs once, chunk by chunk, and counts only the k-grams whose first or last
k-1 characters are frequent; the k-grams extending a frequent (k-1)-gram on the right (left) are exactly its
right (left) neighbours, so the entropies come from the same counts.  Bounded: one chunk of paragraph texts,
the counts of the frequent n-grams (at most ``max_chars · N / min_count``) and the candidates of the current
length (at most twice the occurrences of the frequent ones).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

import pandas as pd

__all__ = ["IDEOGRAPHS", "Counts", "cohesion", "count", "entropy", "runs"]

# a run of Chinese ideographs (CJK unified ideographs, extension A, compatibility ideographs, 〇)
IDEOGRAPHS = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def runs(texts: Iterable[str]) -> Iterator[str]:
    """The runs of ideographs of ``texts``: an n-gram never spans punctuation, a digit or a paragraph end."""
    for text in texts:
        yield from IDEOGRAPHS.findall(text)


class Counts:
    """The frequent n-grams of a corpus: ``count`` by n-gram, ``total`` ideographs, neighbour entropies."""

    def __init__(self) -> None:
        self.count: dict[str, int] = {}
        self.total = 0
        self.left: dict[str, float] = {}
        self.right: dict[str, float] = {}


def _pass(chunks: Callable[[], Iterator[pd.DataFrame]], k: int, frequent: dict[str, int] | None) -> Counter:
    """The k-grams of every run: all of them (``frequent`` None) or those whose first or last k-1 characters
    are ``frequent``."""
    counts: Counter = Counter()
    for chunk in chunks():
        grams = (run[i:i + k] for run in runs(chunk["text"]) for i in range(len(run) - k + 1))
        counts.update(grams if frequent is None else (g for g in grams if g[:-1] in frequent or g[1:] in frequent))
    return counts


def _branching(counts: Counter, level: dict[str, int], side: str) -> dict[str, float]:
    """Entropy (bits) of the neighbours on ``side`` of each n-gram of ``level``; runs' edges each a new one."""
    seen: dict[str, list[int]] = {}
    for gram, n in counts.items():
        part = gram[:-1] if side == "right" else gram[1:]
        if part in level:
            seen.setdefault(part, []).append(n)
    return {gram: entropy(sorted(seen.get(gram, [])), total) for gram, total in level.items()}


def entropy(neighbours: list[int], total: int) -> float:
    """Entropy in bits of ``total`` occurrences whose neighbours are counted in ``neighbours``; the remainder
    (occurrences at the edge of a run) counted as distinct neighbours, one each."""
    edges = total - sum(neighbours)
    h = -sum(n / total * math.log2(n / total) for n in neighbours if n)
    return h + (edges / total * math.log2(total) if edges > 0 else 0.0)


def count(chunks: Callable[[], Iterator[pd.DataFrame]], *, min_count: int, max_chars: int) -> Counts:
    """The n-grams of 1 to ``max_chars`` ideographs seen at least ``min_count`` times, with the entropies of
    their neighbours (n-grams of 2 characters or more).  ``chunks()`` yields the paragraphs (``text``) anew."""
    out = Counts()
    singles = _pass(chunks, 1, None)
    out.total = sum(singles.values())
    level = {g: n for g, n in singles.items() if n >= min_count}
    out.count.update(level)
    for k in range(2, max_chars + 2):
        if not level:
            break
        counts = _pass(chunks, k, level)
        out.left.update(_branching(counts, level, "left"))
        out.right.update(_branching(counts, level, "right"))
        level = {g: n for g, n in counts.items() if n >= min_count}
        if k <= max_chars:
            out.count.update(level)
    return out


def cohesion(gram: str, counts: Counts) -> float:
    """The smallest pointwise mutual information (bits) between the two parts of ``gram`` over its splits."""
    n = counts.count[gram]
    return min(math.log2(n * counts.total / (counts.count[gram[:i]] * counts.count[gram[i:]]))
               for i in range(1, len(gram)))
