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
as often): the paragraphs are read once, chunk by chunk, into a temporary file of their runs of ideographs; pass
``k`` reads that file and counts only the k-grams whose first or last k-1 characters are frequent; the k-grams
extending a frequent (k-1)-gram on the right (left) are exactly its right (left) neighbours, so the entropies come
from the same counts.  A k-gram is counted as one number (the id of its frequent prefix and its last character,
or its first character and the id of its frequent suffix), with NumPy; the ids of the frequent k-grams at each
position go to a file for the next pass.  Bounded: one slice of the file, the counted k-grams of the current
length (at most twice the occurrences of the frequent ones), the frequent n-grams (at most
``max_chars · N / min_count``); on disk up to 10 bytes a character (the units, the ids of two lengths).
"""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from ..engine.fold import FOLD_ROWS

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


def _codes(texts: Iterable[str]) -> np.ndarray:
    """The runs of ideographs of ``texts`` as UTF-16 code units (all of them are in the Basic Multilingual
    Plane: one unit each), each run followed by a 0."""
    found = IDEOGRAPHS.findall("\n".join(texts))
    joined = "\x00".join(found) + "\x00" if found else ""
    return np.frombuffer(joined.encode("utf-16-le"), dtype=np.uint16)


def _read(path: Path, dtype, sizes: list[int]) -> Iterator[np.ndarray]:
    """The slices of ``sizes`` elements of a file written slice by slice."""
    with open(path, "rb") as handle:
        for size in sizes:
            yield np.fromfile(handle, dtype=dtype, count=size)


def _before(units: Path, sizes: list[int], table: np.ndarray, ids_file: Path | None) -> Iterator[np.ndarray]:
    """Slice by slice, the id of the frequent (k-1)-gram at each position (-1 if none): read from ``ids_file``,
    or for single characters (``ids_file`` None) looked up in ``table``."""
    if ids_file is not None:
        yield from _read(ids_file, np.int32, sizes)
    else:
        yield from (table[codes] for codes in _read(units, np.uint16, sizes))


def _grams(codes: np.ndarray, before: np.ndarray, k: int, n_before: int) -> tuple[np.ndarray, ...]:
    """The k-grams of a slice whose first or last k-1 characters are frequent, as numbers, with the id of their
    frequent suffix (-1 if none) and where they start.  ``before``: the id of the frequent (k-1)-gram starting at
    each position, -1 if none.  A k-gram with a frequent prefix ``p`` is ``p · 2**16 + its last unit``; one with
    only a frequent suffix ``q`` is ``2**62 + its first unit · n_before + q``: one number per string either way."""
    m = max(len(codes) - k + 1, 0)
    prefix, suffix, first, last = before[:m], before[1:m + 1], codes[:m], codes[k - 1:k - 1 + m]
    by_prefix = (prefix >= 0) & (last != 0)
    where = np.flatnonzero(by_prefix | ((suffix >= 0) & (first != 0)))
    after = suffix[where].astype(np.int64)
    keys = np.where(by_prefix[where], (prefix[where].astype(np.int64) << 16) | last[where],
                    (1 << 62) + first[where].astype(np.int64) * n_before + after)
    return keys, after, where


def _ids(codes: np.ndarray, before: np.ndarray, k: int, n_before: int, frequent: pd.Index) -> np.ndarray:
    """The id of the frequent k-gram (its place in ``frequent``) starting at each position, or -1."""
    out = np.full(len(codes), -1, dtype=np.int32)
    keys, _, where = _grams(codes, before, k, n_before)
    found = frequent.get_indexer(keys)
    out[where[found >= 0]] = found[found >= 0]
    return out


def _summed(key: np.ndarray, count: np.ndarray, suffix: np.ndarray) -> tuple[np.ndarray, ...]:
    """Each distinct key once (in the order first seen), its counts summed, and its suffix id."""
    codes, distinct = pd.factorize(key)
    suffix_of = np.empty(len(distinct), dtype=np.int64)
    suffix_of[codes] = suffix  # the same for every copy of a key (a property of the string)
    summed = np.bincount(codes, weights=count, minlength=len(distinct)).astype(np.int64)
    return np.asarray(distinct, dtype=np.int64), summed, suffix_of


def _neighbours(owner: np.ndarray, counts: np.ndarray, level: list[str], totals: np.ndarray) -> dict[str, float]:
    """Entropy (bits) of the neighbours of each n-gram of ``level`` (``owner``: the level id each counted gram
    extends on that side, -1 for none)."""
    kept = owner >= 0
    owner, counts = owner[kept], counts[kept]
    order = np.lexsort((counts, owner))
    owner, counts = owner[order].tolist(), counts[order].tolist()
    seen: dict[int, list[int]] = {}
    for gram, n in zip(owner, counts, strict=True):
        seen.setdefault(gram, []).append(n)
    return {gram: entropy(seen.get(i, []), int(totals[i])) for i, gram in enumerate(level)}


def entropy(neighbours: list[int], total: int) -> float:
    """Entropy in bits of ``total`` occurrences whose neighbours are counted in ``neighbours``; the remainder
    (occurrences at the edge of a run) counted as distinct neighbours, one each."""
    edges = total - sum(neighbours)
    h = -sum(n / total * math.log2(n / total) for n in neighbours if n)
    return h + (edges / total * math.log2(total) if edges > 0 else 0.0)


def count(chunks: Callable[[], Iterator[pd.DataFrame]], *, min_count: int, max_chars: int) -> Counts:
    """The n-grams of 1 to ``max_chars`` ideographs seen at least ``min_count`` times, with the entropies of
    their neighbours (n-grams of 2 characters or more).  ``chunks()`` yields the paragraphs (``text``).

    The paragraphs are read once: their runs of ideographs go to a temporary file as UTF-16 code units; each
    length ``k`` then reads it slice by slice with the ids of the frequent (k-1)-grams at each position (a file
    written by the pass before), counts the k-grams extending one of them as numbers (NumPy), and writes the ids
    of the frequent k-grams.  Memory: one slice, the counted k-grams of one length, the frequent n-grams.
    """
    out = Counts()
    with tempfile.TemporaryDirectory(prefix="speeches-ngrams-") as folder:
        units, sizes, singles = Path(folder) / "units", [], np.zeros(1 << 16, dtype=np.int64)
        with open(units, "wb") as handle:
            for chunk in chunks():
                codes = _codes(chunk["text"])
                codes.tofile(handle)
                sizes.append(len(codes))
                singles += np.bincount(codes, minlength=1 << 16)
        singles[0] = 0
        out.total = int(singles.sum())
        kept = np.flatnonzero(singles >= min_count)
        level, totals = [chr(c) for c in kept], singles[kept]
        out.count.update(zip(level, totals.tolist(), strict=True))
        table = np.full(1 << 16, -1, dtype=np.int32)
        table[kept] = np.arange(len(kept), dtype=np.int32)
        ids_file = None  # the ids of the frequent (k-1)-grams: of single characters from the table
        for k in range(2, max_chars + 2):
            if not level:
                break
            held, added = [], 0  # counted slices, folded when they outgrow what is folded (engine.summed's rule)
            for codes, ids in zip(_read(units, np.uint16, sizes), _before(units, sizes, table, ids_file), strict=True):
                keys, suffixes, _ = _grams(codes, ids, k, len(level))
                held.append(_summed(keys, np.ones(len(keys), dtype=np.int64), suffixes))
                added += len(held[-1][0])
                if len(held) > 1 and added > max(FOLD_ROWS, len(held[0][0])):
                    held, added = [_summed(*map(np.concatenate, zip(*held, strict=True)))], 0
            key, n, suffix = _summed(*map(np.concatenate, zip(*held, strict=True)))
            prefix = np.where(key < (1 << 62), key >> 16, -1)
            out.right.update(_neighbours(prefix, n, level, totals))
            out.left.update(_neighbours(suffix, n, level, totals))
            frequent = np.flatnonzero(n >= min_count)  # all with a frequent prefix (every part of them is)
            names = [level[p] + chr(c) for p, c in zip((key[frequent] >> 16).tolist(),
                                                         (key[frequent] & 0xFFFF).tolist(), strict=True)]
            if k <= max_chars:
                out.count.update(zip(names, n[frequent].tolist(), strict=True))
                written, found = Path(folder) / f"ids-{k}", pd.Index(key[frequent])
                with open(written, "wb") as handle:
                    for codes, ids in zip(_read(units, np.uint16, sizes), _before(units, sizes, table, ids_file),
                                          strict=True):
                        _ids(codes, ids, k, len(level), found).tofile(handle)
                if ids_file is not None:
                    ids_file.unlink()  # a level's ids take 4 bytes a character
                ids_file = written
            level, totals = names, n[frequent]
    return out


def cohesion(gram: str, counts: Counts) -> float:
    """The smallest pointwise mutual information (bits) between the two parts of ``gram`` over its splits."""
    n = counts.count[gram]
    return min(math.log2(n * counts.total / (counts.count[gram[:i]] * counts.count[gram[i:]]))
               for i in range(1, len(gram)))
