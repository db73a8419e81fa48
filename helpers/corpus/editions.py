"""Editions and duplicates: documents whose body text is at least 90 % the same.

Two documents are editions of one work (or duplicates) when the similarity of
their body texts (whitespace removed) is at least :data:`THRESHOLD`: the
normalised indel similarity ``2·LCS / (len a + len b)`` of
:func:`rapidfuzz.fuzz.ratio`.  To stay fast on many documents, pairs are first
screened with a bottom-k sketch (the :data:`_HASHES` smallest hash values of a
document's character 4-grams), which estimates the Jaccard similarity of their
4-gram sets (any pair at 90 % by ratio shares far more than :data:`_SCREEN`
of its 4-grams), and pairs whose lengths differ too much for the threshold are
skipped; only the remaining pairs are compared exactly.  Candidates are found
without looking at every pair (see :func:`match`), so a corpus on disk of tens
of thousands of documents is screened as a whole, from the sketches its chunks
wrote (:func:`sketches`).  One hash per 4-gram
keeps the sketch linear in the text (a MinHash of 64 hash functions cost a third
of the whole load).

The earlier document (by date, then by the order of the documents table) is
the first edition; a later one names it in ``edition_of``.  Analyses over time
and group comparisons count each work once with :func:`first_editions`.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..config import RANDOM_STATE

__all__ = ["THRESHOLD", "describe", "find_editions", "first_editions", "later_editions", "match", "sketches"]

THRESHOLD = 0.9
_SCREEN = 0.2  # MinHash Jaccard estimate below which a pair cannot reach THRESHOLD
_SHINGLE = 4
_HASHES = 64  # the size k of each bottom-k sketch
_SHARED = 0.5  # the share of sketch hashes two documents must have in common to be compared
_BLOCK = 256  # candidates screened at a time
_KEPT = 4  # candidates that passed the screens, earliest first, compared before the search goes on


def _mix(values: np.ndarray, seed: int) -> np.ndarray:
    """A 64-bit hash of each value (the splitmix64 finaliser, salted with ``seed``): well spread, deterministic."""
    with np.errstate(over="ignore"):
        z = values + np.uint64((seed * 0x9E3779B97F4A7C15) % (1 << 64))
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def _signature(text: str) -> np.ndarray:
    """The bottom-k sketch of a text: the :data:`_HASHES` smallest hashes of its distinct 4-grams, sorted."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < _SHINGLE:
        codes = np.pad(codes, (0, _SHINGLE - len(codes)))
    shingles = np.zeros(len(codes) - _SHINGLE + 1, dtype=np.uint64)
    for k in range(_SHINGLE):  # a 4-gram as one 64-bit number (code points are below 2**21)
        shingles = shingles * np.uint64(1 << 16) ^ codes[k:len(codes) - _SHINGLE + 1 + k]
    return _smallest_distinct(_mix(shingles, RANDOM_STATE), _HASHES)


def _smallest_distinct(values: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` smallest distinct values, sorted: ``np.unique(values)[:k]`` without sorting them all."""
    if len(values) > 4 * k:  # the 4k + 1 smallest first (linear): enough distinct values among them?
        candidates = np.unique(np.partition(values, 4 * k)[:4 * k + 1])
        if len(candidates) >= k:  # every value up to the largest of them is among them
            return candidates[:k]
    return np.unique(values)[:k]


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """The bottom-k estimate of the Jaccard similarity of two 4-gram sets from their sketches (as sets: the
    sketches are small, and Python sets of 64 numbers beat numpy's set routines, called once per pair)."""
    union = sorted(a | b)[:_HASHES]
    if not union:
        return 1.0
    both = a & b
    return sum(value in both for value in union) / len(union)


def sketches(bodies: dict[str, str]) -> pd.DataFrame:
    """What the edition screen needs of each document: ``doc_id, length, digest, sketch``.

    ``length`` and ``digest`` (SHA-1) are those of the body with whitespace removed; ``sketch`` its bottom-k
    sketch.  Written per chunk in a tokens dataset, so editions are found across a whole corpus on disk.
    """
    rows = []
    for doc_id, body in bodies.items():
        text = "".join(body.split())
        rows.append((doc_id, len(text), hashlib.sha1(text.encode()).hexdigest(), _signature(text)))
    return pd.DataFrame(rows, columns=["doc_id", "length", "digest", "sketch"])


def _ascending(lists: list[list[int]]):
    """The distinct values of sorted ``lists``, ascending (lazily)."""
    last = None
    for value in heapq.merge(*lists):
        if value != last:
            yield value
            last = value


def _blocks(values, size: int):
    """``values`` in lists of up to ``size``."""
    block = []
    for value in values:
        block.append(value)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def _prefix(size: int) -> int:
    """How many of a sketch's rarest hashes must be indexed so that two sketches sharing :data:`_SHARED` of
    their hashes share one of them."""
    return size - math.ceil(_SHARED * size) + 1


def find_editions(documents: pd.DataFrame, bodies: dict[str, str]) -> pd.DataFrame:
    """Pairs of documents at least :data:`THRESHOLD` the same: ``doc_id, edition_of, similarity, differing``.

    ``differing`` is the number of characters that differ (the Levenshtein distance of the two whitespace-free
    bodies: a character replaced, inserted or deleted counts once), 0 for an exact copy; a similarity that
    rounds to 100 % can hide a changed word (:func:`describe` says both).

    ``documents`` gives the order (sorted by date, as the Corpus keeps it);
    ``bodies`` maps each ``doc_id`` to its body text.  Each later document is
    paired with the earliest document it matches (or that one's own first
    edition, so a chain of editions names one first edition).
    """
    ids = [d for d in documents["doc_id"] if d in bodies]
    table = sketches({d: bodies[d] for d in ids})
    return match(table, lambda wanted: {d: "".join(bodies[d].split()) for d in wanted})


def match(table: pd.DataFrame, texts: Callable[[list[str]], dict[str, str]]) -> pd.DataFrame:
    """:func:`find_editions` from :func:`sketches` (rows in corpus order) and ``texts``, which returns the
    whitespace-free bodies of the documents asked for (only candidates are asked for).

    Each later document is compared with every earlier one, in order, but only pairs that can be editions
    are compared exactly: exact copies (same digest) through the first of them, and pairs whose sketches
    share at least :data:`_SHARED` of their hashes (editions 90 % the same share far more; found with a
    prefix filter, so the work does not grow with the square of the corpus) and pass :data:`_SCREEN`.
    """
    ids = table["doc_id"].tolist()
    lengths = table["length"].to_numpy()
    signatures = list(table["sketch"])
    first_copy: dict[str, int] = {}
    copy_of = np.full(len(ids), -1)
    for j, digest in enumerate(table["digest"]):
        if lengths[j]:  # empty bodies match nothing
            copy_of[j] = first_copy.setdefault(digest, j)
    originals = [j for j in range(len(ids)) if copy_of[j] == j]
    # prefix filter: two sketches sharing at least half their hashes share one of the rarer half of each
    held = Counter(value for j in originals for value in signatures[j].tolist())
    prefixes = {j: sorted(signatures[j].tolist(), key=lambda v: (held[v], v))[:_prefix(len(signatures[j]))]
                for j in originals}
    sizes = np.array([len(v) for v in signatures])
    padded = np.zeros((len(ids), _HASHES), dtype=np.uint64)  # sketches as rows, a short one padded
    for j, values in enumerate(signatures):
        padded[j, :len(values)] = values
    in_sketch = np.arange(_HASHES) < sizes[:, None]  # which cells of a row are hashes, not padding
    sets = {j: frozenset(signatures[j].tolist()) for j in originals}
    holders: dict[int, list[int]] = {}

    def screened(j: int, candidates: np.ndarray) -> list[int]:
        """The ``candidates`` (earlier than ``j``) that pass the length rule and both screens, in order."""
        short, long_ = np.minimum(lengths[candidates], lengths[j]), np.maximum(lengths[candidates], lengths[j])
        candidates = candidates[2 * short / (short + long_) >= THRESHOLD]
        both = (np.isin(padded[candidates], signatures[j]) & in_sketch[candidates]).sum(axis=1)
        candidates = candidates[both >= _SHARED * np.maximum(sizes[candidates], sizes[j])]
        return [int(i) for i in candidates if _jaccard(sets[i], sets[j]) >= _SCREEN]

    # the candidates of j earlier than j in order, a block at a time, until _KEPT pass the screens: only the
    # earliest that is an edition counts, so near-copies (each a candidate of all before it) cost no square
    pairs: list[tuple[int, int]] = []
    cut: dict[int, int] = {}  # j -> the last candidate looked at, where the search stopped early
    for j in originals:
        kept = 0
        for block in _blocks(_ascending([holders.get(value, []) for value in prefixes[j]]), _BLOCK):
            passed = screened(j, np.array(block, dtype=int))
            pairs += [(j, i) for i in passed]
            kept += len(passed)
            if kept >= _KEPT:
                cut[j] = block[-1]
                break
        for value in prefixes[j]:
            holders.setdefault(value, []).append(j)
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    body: dict[str, str] = {}
    found: dict[int, tuple[int, float, int]] = {}  # j -> (earliest i it matches, similarity, differing)

    def compare(pairs: list[tuple[int, int]]) -> None:
        body.update(texts(sorted({ids[k] for pair in pairs for k in pair} - body.keys())))
        for j, i in pairs:
            if j not in found:
                similarity = fuzz.ratio(body[ids[i]], body[ids[j]]) / 100
                if similarity >= THRESHOLD:
                    found[j] = (i, similarity, Levenshtein.distance(body[ids[i]], body[ids[j]]))

    compare(pairs)
    # where the search stopped early and none of the first ones was an edition: the rest, in order
    rest = [(j, i) for j, last in cut.items() if j not in found
            for i in screened(j, np.array(sorted({i for value in prefixes[j] for i in holders.get(value, ())
                                                  if last < i < j}), dtype=int))]
    compare(rest)
    first: dict[int, int] = {}
    rows = []
    for j in range(len(ids)):
        original = copy_of[j]
        if original < 0:
            continue
        if original == j and j not in found:
            continue
        # a copy matches what its original matched, or else the original itself
        i, similarity, differing = found[original] if original in found else (original, 1.0, 0)
        root = first.get(i, i)
        first[j] = root
        rows.append({"doc_id": ids[j], "edition_of": ids[root], "similarity": round(similarity, 4),
                     "differing": int(differing)})
    return pd.DataFrame(rows, columns=["doc_id", "edition_of", "similarity", "differing"])


def describe(similarity: float, differing: int) -> str:
    """How a later edition differs from the document it is an edition of, in words for a note: the number of
    differing characters first (``body text differs from it by 1 character (similarity 99.99%)``), or
    ``body text identical to it``; never a rounded "100 % the same" for a text that differs."""
    if not differing:
        return "body text identical to it"
    return (f"body text differs from it by {differing:,} character{'s' if differing != 1 else ''} "
            f"(similarity {similarity:.2%})")


def later_editions(documents: pd.DataFrame) -> pd.Series:
    """The one rule of "each work once": a boolean Series over ``documents``, True for a later edition or
    duplicate whose work (``edition_of``) is among ``documents`` too.  An edition whose original is not among
    them stands for its work and is kept; without an ``edition_of`` column nothing is a later edition."""
    if "edition_of" not in documents.columns or documents.empty:
        return pd.Series(False, index=documents.index)
    ids = set(documents["doc_id"].tolist())  # a set lookup: pandas' isin took 20 ms for 6,011 string doc_ids
    edition_of = documents["edition_of"].fillna("").astype(str).str.strip().tolist()
    return pd.Series([e != "" and e in ids for e in edition_of], index=documents.index, dtype=bool)


def first_editions(documents: pd.DataFrame) -> pd.DataFrame:
    """``documents`` without their later editions (:func:`later_editions`): each work once.

    Use it wherever each work should count once (trends over time, group
    comparisons): ``docs = corpus.first_editions(c.documents)``, then select
    the paragraphs or tokens of ``docs["doc_id"]``.
    """
    return documents[~later_editions(documents)].reset_index(drop=True)
