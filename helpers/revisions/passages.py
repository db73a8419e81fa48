"""Text reuse across a corpus: passages of at least ``min_chars`` characters shared by two documents.

Method (as text-reuse detectors such as passim do, exact rather than fuzzy):
each document's text (its paragraphs joined by ``\\n``) is normalised with the
comparison key of :mod:`.alignment` (width-normalised, whitespace removed),
every window of ``min_chars`` characters is hashed (a 64-bit polynomial hash,
vectorised with numpy), windows whose hash occurs in two or more documents are
paired, and runs of pairs on the same diagonal (consecutive positions in both
documents) are joined into maximal passages.  Every passage is checked
character by character, so a hash collision can never report a false passage.
Offsets point into the original text, so ``document_text(...)[start:end]``
is the passage as printed (with its spaces).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..corpus import clean
from ..validate import check_int

__all__ = ["PASSAGE_COLUMNS", "document_text", "matrix", "reuse"]

PASSAGE_COLUMNS = ["doc_a", "doc_b", "text", "n_chars", "start_a", "end_a", "start_b", "end_b", "para_no_a",
                   "para_no_b"]
_BASE = np.uint64(1_000_003)


def document_text(corpus, doc_id: str) -> str:
    """The text of a document as :func:`reuse` counts offsets in it: its paragraphs joined by ``\\n``."""
    paragraphs = corpus.paragraphs
    return "\n".join(paragraphs.loc[paragraphs["doc_id"] == doc_id].sort_values("para_no")["text"])


class _Doc:
    """A document's normalised text with the map back to its original offsets and paragraphs."""

    def __init__(self, doc_id: str, paragraphs: list[str], para_nos: list[int]):
        self.doc_id = doc_id
        text = clean.normalise_width("\n".join(paragraphs))  # maps characters one to one
        self.keep = np.fromiter((i for i, ch in enumerate(text) if not ch.isspace()), dtype=np.int64)
        self.norm = "".join(text[i] for i in self.keep)
        starts = np.cumsum([0] + [len(p) + 1 for p in paragraphs[:-1]]) if paragraphs else np.zeros(0, np.int64)
        self.para_starts, self.para_nos = np.asarray(starts, dtype=np.int64), np.asarray(para_nos)

    def hashes(self, k: int) -> np.ndarray:
        codes = np.frombuffer(self.norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        n = len(codes) - k + 1
        if n <= 0:
            return np.zeros(0, dtype=np.uint64)
        out = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for t in range(k):
                out = out * _BASE + codes[t:t + n]
        return out

    def original(self, start: int, end: int) -> tuple[int, int, int]:
        """Offsets in the original text and paragraph number of a span of the normalised text."""
        a, b = int(self.keep[start]), int(self.keep[end - 1]) + 1
        para = self.para_nos[np.searchsorted(self.para_starts, a, side="right") - 1]
        return a, b, int(para)


def _documents(corpus) -> list[_Doc]:
    docs = []
    paragraphs = corpus.paragraphs.sort_values(["doc_id", "para_no"], kind="stable")
    by_doc = {d: g for d, g in paragraphs.groupby("doc_id", sort=False)}
    for doc_id in corpus.documents["doc_id"]:
        group = by_doc.get(doc_id)
        texts = [] if group is None else list(group["text"])
        nos = [] if group is None else list(group["para_no"])
        docs.append(_Doc(doc_id, texts, nos))
    return docs


def reuse(corpus, min_chars: int = 20) -> pd.DataFrame:
    """Passages of at least ``min_chars`` characters (after normalisation) shared by two documents.

    Returns one row per maximal shared passage: ``doc_a, doc_b`` (``doc_a``
    earlier in the documents table), ``text`` (normalised), ``n_chars``,
    ``start_a, end_a, start_b, end_b`` (offsets in :func:`document_text` of
    each), ``para_no_a, para_no_b`` (paragraph where it starts); longest first.
    A passage repeated inside one document is paired with each of its places in the other.

    Every window of every document is hashed at once, so a corpus on disk is refused: run it on
    ``corpus.sample(stream)`` (documents from every year, read into memory) and say on what share it ran.
    """
    if corpus.storage != "memory":
        raise TypeError("text reuse compares all documents at once: on a corpus on disk run it on "
                        "corpus.sample(stream) and report the share searched (findings.reuse(..., searched=))")
    check_int("min_chars", min_chars, min_value=2)
    docs = _documents(corpus)
    k = int(min_chars)
    hashes, doc_of, pos_of = [], [], []
    for d, doc in enumerate(docs):
        h = doc.hashes(k)
        hashes.append(h)
        doc_of.append(np.full(len(h), d, dtype=np.int32))
        pos_of.append(np.arange(len(h), dtype=np.int64))
    if not hashes or sum(len(h) for h in hashes) == 0:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    h, d, p = np.concatenate(hashes), np.concatenate(doc_of), np.concatenate(pos_of)
    da, pa, db, pb = _pairs(h, d, p)
    rows = [_passage(docs, *run, k) for run in _runs(da, pa, db, pb)]
    out = pd.DataFrame([r for r in rows if r is not None], columns=PASSAGE_COLUMNS)
    return out.sort_values(["n_chars", "doc_a", "doc_b", "start_a"], ascending=[False, True, True, True],
                           kind="stable").reset_index(drop=True)


def _pairs(h, d, p):
    """All pairs of windows with the same hash in two different documents (first document lower)."""
    order = np.lexsort((p, d, h))
    h, d, p = h[order], d[order], p[order]
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    sizes = np.diff(np.r_[starts, len(h)])
    # a group is shared when its first and last window (sorted by document) lie in different documents
    ends = starts + sizes - 1
    shared = d[starts] != d[ends]
    starts, sizes = starts[shared], sizes[shared]
    parts = ([], [], [], [])
    for m in np.unique(sizes):
        first = starts[sizes == m]
        idx = first[:, None] + np.arange(m)[None, :]
        i, j = np.triu_indices(int(m), k=1)
        a, b = idx[:, i].ravel(), idx[:, j].ravel()
        keep = d[a] != d[b]
        a, b = a[keep], b[keep]
        for part, values in zip(parts, (d[a], p[a], d[b], p[b]), strict=True):
            part.append(values)
    return tuple(np.concatenate(part) if part else np.zeros(0, np.int64) for part in parts)


def _runs(da, pa, db, pb):
    """Maximal runs of window pairs on one diagonal: ``(doc_a, start_a, doc_b, start_b, n_windows)``."""
    if len(da) == 0:
        return []
    diag = pb - pa
    order = np.lexsort((pa, diag, db, da))
    da, pa, db, diag = da[order], pa[order], db[order], diag[order]
    new = np.r_[True, (da[1:] != da[:-1]) | (db[1:] != db[:-1]) | (diag[1:] != diag[:-1]) | (pa[1:] != pa[:-1] + 1)]
    first = np.flatnonzero(new)
    length = np.diff(np.r_[first, len(da)])
    return zip(da[first].tolist(), pa[first].tolist(), db[first].tolist(), (pa[first] + diag[first]).tolist(),
               length.tolist(), strict=True)


def _passage(docs, a, start_a, b, start_b, windows, k):
    n = windows + k - 1
    doc_a, doc_b = docs[a], docs[b]
    text = doc_a.norm[start_a:start_a + n]
    if text != doc_b.norm[start_b:start_b + n]:  # a hash collision
        return None
    sa, ea, para_a = doc_a.original(start_a, start_a + n)
    sb, eb, para_b = doc_b.original(start_b, start_b + n)
    return (doc_a.doc_id, doc_b.doc_id, text, n, sa, ea, sb, eb, para_a, para_b)


def matrix(passages: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Document × document reuse: the share of each document's characters found in passages shared with another.

    Returns ``doc_id, other, shared_chars, share`` (``share`` of ``doc_id``'s
    normalised characters; overlapping passages counted once), for every
    ordered pair of documents with at least one shared passage.
    """
    rows = []
    lengths = dict(zip(documents["doc_id"], documents["n_chars"], strict=True))
    for (doc_a, doc_b), group in passages.groupby(["doc_a", "doc_b"], sort=False):
        for doc, other, start, end in ((doc_a, doc_b, "start_a", "end_a"), (doc_b, doc_a, "start_b", "end_b")):
            covered = _covered(sorted(zip(group[start], group[end], strict=True)))
            rows.append((doc, other, covered, covered / lengths[doc] if lengths.get(doc) else np.nan))
    return pd.DataFrame(rows, columns=["doc_id", "other", "shared_chars", "share"])


def _covered(spans) -> int:
    total, end_seen = 0, -1
    for start, end in spans:
        if end <= end_seen:
            continue
        total += end - max(start, end_seen)
        end_seen = end
    return total
