"""Editions and duplicates: documents whose body text is at least 90 % the same.

Two documents are editions of one work (or duplicates) when the similarity of
their body texts (whitespace removed) is at least :data:`THRESHOLD`: the
normalised indel similarity ``2·LCS / (len a + len b)`` of
:func:`rapidfuzz.fuzz.ratio`.  To stay fast on many documents, pairs are first
screened with a bottom-k sketch (the :data:`_HASHES` smallest hash values of a
document's character 4-grams), which estimates the Jaccard similarity of their
4-gram sets (any pair at 90 % by ratio shares far more than :data:`_SCREEN`
of its 4-grams), and pairs whose lengths differ too much for the threshold are
skipped; only the remaining pairs are compared exactly.  One hash per 4-gram
keeps the sketch linear in the text (a MinHash of 64 hash functions cost a third
of the whole load).

The earlier document (by date, then by the order of the documents table) is
the first edition; a later one names it in ``edition_of``.  Analyses over time
and group comparisons count each work once with :func:`first_editions`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import RANDOM_STATE

__all__ = ["THRESHOLD", "find_editions", "first_editions"]

THRESHOLD = 0.9
_SCREEN = 0.2  # MinHash Jaccard estimate below which a pair cannot reach THRESHOLD
_SHINGLE = 4
_HASHES = 64  # the size k of each bottom-k sketch


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


def find_editions(documents: pd.DataFrame, bodies: dict[str, str]) -> pd.DataFrame:
    """Pairs of documents at least :data:`THRESHOLD` the same: ``doc_id, edition_of, similarity``.

    ``documents`` gives the order (sorted by date, as the Corpus keeps it);
    ``bodies`` maps each ``doc_id`` to its body text.  Each later document is
    paired with the earliest document it matches (or that one's own first
    edition, so a chain of editions names one first edition).
    """
    from rapidfuzz import fuzz

    ids = [d for d in documents["doc_id"] if d in bodies]
    texts = ["".join(bodies[d].split()) for d in ids]
    signatures = [frozenset(_signature(t).tolist()) for t in texts]
    lengths = np.array([len(t) for t in texts])
    first: dict[str, str] = {}
    rows = []
    for j in range(1, len(ids)):
        for i in range(j):
            short, long_ = sorted((lengths[i], lengths[j]))
            if not long_ or 2 * short / (short + long_) < THRESHOLD:
                continue
            if _jaccard(signatures[i], signatures[j]) < _SCREEN:
                continue
            similarity = fuzz.ratio(texts[i], texts[j]) / 100
            if similarity >= THRESHOLD:
                root = first.get(ids[i], ids[i])
                first[ids[j]] = root
                rows.append({"doc_id": ids[j], "edition_of": root, "similarity": round(similarity, 4)})
                break
    return pd.DataFrame(rows, columns=["doc_id", "edition_of", "similarity"])


def first_editions(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents that are no later edition or duplicate of another (``edition_of`` empty).

    Use it wherever each work should count once (trends over time, group
    comparisons): ``docs = corpus.first_editions(c.documents)``, then select
    the paragraphs or tokens of ``docs["doc_id"]``.
    """
    return documents[documents["edition_of"].fillna("") == ""].reset_index(drop=True)
