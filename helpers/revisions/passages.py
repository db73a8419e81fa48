"""Text reuse across a corpus: passages of at least ``min_chars`` characters shared by two documents, verbatim
or with small edits.

Method (as text-reuse detectors such as passim do: exact seeds, aligned into passages).
Each document's text (its paragraphs joined by ``\\n``) is normalised with the
comparison key of :mod:`.alignment` (width-normalised, whitespace removed).

1. **Exact passages**: every window of ``min_chars`` characters is hashed (a 64-bit
   polynomial hash, vectorised with numpy), windows whose hash occurs in two or more
   documents are paired, and runs of pairs on the same diagonal (consecutive positions
   in both documents) are joined into maximal passages.
2. **Near-verbatim passages** (``max_gap`` > 0): the same with short seeds of
   :data:`SEED_CHARS` characters, leaving out seeds that stand more than
   :data:`MAX_SEED_COPIES` times in the corpus (stock phrases such as 中国特色社会主义
   say nothing about reuse and would pair every place with every other); then the
   exact passages and seed runs of a pair of documents are chained in reading order
   when the next one starts at most ``max_gap`` characters after the previous one
   ends in *both* documents (an insertion, deletion or substitution of up to
   ``max_gap`` characters: 毫不动摇地鼓励 / 毫不动摇鼓励, 二零一零 / 二0一0); a chain
   then grows at either end over equal characters and over an edit of up to ``max_gap``
   characters followed by :data:`ANCHOR_CHARS` equal ones (so 毫不动摇, shorter than a
   seed, still joins), and a chain inside another of the same pair is dropped.  A
   chain spanning at least ``min_chars`` characters in both documents is a passage;
   its ``similarity`` is the normalised Indel similarity of the two spans (RapidFuzz
   ``fuzz.ratio``), 1 for a verbatim passage.

Every exact run is checked character by character, so a hash collision can never
report a false passage.  Offsets point into the original text, so
``document_text(...)[start:end]`` is the passage as printed (with its spaces).
With ``max_gap=0`` only verbatim passages are reported, as before near-verbatim
passages were searched.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from ..corpus import clean
from ..validate import check_int

__all__ = ["PASSAGE_COLUMNS", "document_text", "matrix", "reuse"]

PASSAGE_COLUMNS = ["doc_a", "doc_b", "text", "n_chars", "start_a", "end_a", "start_b", "end_b", "para_no_a",
                   "para_no_b", "text_b", "similarity"]
MAX_GAP = 5  # characters of an edit between two shared stretches of a near-verbatim passage
SEED_CHARS = 8  # the shortest shared stretch a near-verbatim passage is built from
MAX_SEED_COPIES = 50  # a seed standing more often than this in the corpus is a stock phrase, not a seed
ANCHOR_CHARS = 4  # characters that must agree after an edit for a passage to grow past it at either end
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


def reuse(corpus, min_chars: int = 20, *, max_gap: int = MAX_GAP) -> pd.DataFrame:
    """Passages of at least ``min_chars`` characters (after normalisation) shared by two documents, verbatim or
    with edits of up to ``max_gap`` characters between shared stretches (``max_gap=0``: verbatim only).

    Returns one row per maximal shared passage: ``doc_a, doc_b`` (``doc_a``
    earlier in the documents table), ``text`` (normalised, as in ``doc_a``), ``n_chars`` (its length),
    ``start_a, end_a, start_b, end_b`` (offsets in :func:`document_text` of
    each), ``para_no_a, para_no_b`` (paragraph where it starts), ``text_b`` (normalised, as in ``doc_b``:
    ``text`` itself for a verbatim passage) and ``similarity`` (0–1, 1 for a verbatim passage); longest first.
    A passage repeated inside one document is paired with each of its places in the other.

    Every window of every document is hashed at once, so a corpus on disk is refused: run it on
    ``corpus.sample(stream)`` (documents from every year, read into memory) and say on what share it ran.
    """
    if corpus.storage != "memory":
        raise TypeError("text reuse compares all documents at once: on a corpus on disk run it on "
                        "corpus.sample(stream) and report the share searched (findings.reuse(..., searched=))")
    k = check_int("min_chars", min_chars, min_value=2)
    gap = check_int("max_gap", max_gap, min_value=0)
    docs = _documents(corpus)
    runs = _exact(docs, k)
    if gap:
        runs = _chain(runs + _exact(docs, min(SEED_CHARS, k), max_copies=MAX_SEED_COPIES), gap)
        runs = _outermost([_extend(docs[r[0]].norm, docs[r[3]].norm, r, gap) for r in runs])
    rows = [_passage(docs, *run) for run in runs if min(run[2] - run[1], run[5] - run[4]) >= k]
    out = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    return out.sort_values(["n_chars", "doc_a", "doc_b", "start_a", "start_b"],
                           ascending=[False, True, True, True, True], kind="stable").reset_index(drop=True)


def _exact(docs: list[_Doc], k: int, *, max_copies: int | None = None) -> list[tuple[int, int, int, int, int, int]]:
    """Maximal verbatim runs of at least ``k`` characters shared by two documents, checked character by
    character: ``(doc_a, start_a, end_a, doc_b, start_b, end_b)`` in normalised offsets."""
    hashes, doc_of, pos_of = [], [], []
    for d, doc in enumerate(docs):
        h = doc.hashes(k)
        hashes.append(h)
        doc_of.append(np.full(len(h), d, dtype=np.int32))
        pos_of.append(np.arange(len(h), dtype=np.int64))
    if not hashes or sum(len(h) for h in hashes) == 0:
        return []
    h, d, p = np.concatenate(hashes), np.concatenate(doc_of), np.concatenate(pos_of)
    out = []
    for a, start_a, b, start_b, windows in _runs(*_pairs(h, d, p, max_copies)):
        n = windows + k - 1
        if docs[a].norm[start_a:start_a + n] == docs[b].norm[start_b:start_b + n]:  # else a hash collision
            out.append((a, start_a, start_a + n, b, start_b, start_b + n))
    return out


def _chain(runs, gap: int) -> list[tuple[int, int, int, int, int, int]]:
    """Runs of a pair of documents joined in reading order where the next starts at most ``gap`` characters
    after the previous ends in both documents (overlapping runs join too); a run inside a chain is absorbed."""
    by_pair: dict[tuple[int, int], list] = {}
    for a, sa, ea, b, sb, eb in sorted(set(runs)):
        by_pair.setdefault((a, b), []).append([sa, ea, sb, eb])
    out = []
    for (a, b), pieces in by_pair.items():
        open_chains: list[list[int]] = []
        done: list[list[int]] = []
        for sa, ea, sb, eb in pieces:  # sorted by start in doc_a, then in doc_b
            still = []
            for chain in open_chains:
                (still if chain[1] + gap >= sa else done).append(chain)
            open_chains = still
            best = None
            for chain in open_chains:
                if chain[0] <= sa and ea <= chain[1] and chain[2] <= sb and eb <= chain[3]:
                    best = ("inside", chain)
                    break
                fits = (chain[0] <= sa and chain[2] <= sb and sa - chain[1] <= gap and sb - chain[3] <= gap
                        and ea > chain[1] and eb > chain[3])
                shift = abs((sb - sa) - (chain[3] - chain[1]))
                if fits and shift <= gap and (best is None or shift < best[0]):
                    best = (shift, chain)
            if best is None:
                open_chains.append([sa, ea, sb, eb])
            elif best[0] != "inside":
                best[1][1], best[1][3] = ea, eb
        out += [(a, c[0], c[1], b, c[2], c[3]) for c in done + open_chains]
    return out


def _extend(text_a: str, text_b: str, run, gap: int):
    """A chain grown at both ends: over equal characters, and over an edit of up to ``gap`` characters (both
    sides together) followed by :data:`ANCHOR_CHARS` equal characters (毫不动摇 + 地 + 鼓励…)."""
    a, sa, ea, b, sb, eb = run
    while True:  # to the right
        while ea < len(text_a) and eb < len(text_b) and text_a[ea] == text_b[eb]:
            ea, eb = ea + 1, eb + 1
        step = next(((ea + i, eb + t - i) for t in range(1, gap + 1) for i in range(t + 1)
                     if len(text_a[ea + i:ea + i + ANCHOR_CHARS]) == ANCHOR_CHARS
                     and text_a[ea + i:ea + i + ANCHOR_CHARS] == text_b[eb + t - i:eb + t - i + ANCHOR_CHARS]), None)
        if step is None:
            break
        ea, eb = step
    while True:  # to the left
        while sa > 0 and sb > 0 and text_a[sa - 1] == text_b[sb - 1]:
            sa, sb = sa - 1, sb - 1
        step = next(((sa - i, sb - t + i) for t in range(1, gap + 1) for i in range(t + 1)
                     if sa - i >= ANCHOR_CHARS and sb - t + i >= ANCHOR_CHARS
                     and text_a[sa - i - ANCHOR_CHARS:sa - i] == text_b[sb - t + i - ANCHOR_CHARS:sb - t + i]), None)
        if step is None:
            break
        sa, sb = step
    return (a, sa, ea, b, sb, eb)


def _outermost(runs):
    """The runs not inside another run of the same pair of documents (on both sides), each once."""
    kept: dict[tuple[int, int], list] = {}
    for run in sorted(set(runs), key=lambda r: (-(r[2] - r[1]), -(r[5] - r[4]), r)):
        a, sa, ea, b, sb, eb = run
        same = kept.setdefault((a, b), [])
        if not any(k[1] <= sa and ea <= k[2] and k[4] <= sb and eb <= k[5] for k in same):
            same.append(run)
    return [run for runs_of_pair in kept.values() for run in runs_of_pair]


def _pairs(h, d, p, max_copies: int | None = None):
    """All pairs of windows with the same hash in two different documents (first document lower); with
    ``max_copies``, hashes standing more often than that are left out."""
    order = np.lexsort((p, d, h))
    h, d, p = h[order], d[order], p[order]
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    sizes = np.diff(np.r_[starts, len(h)])
    # a group is shared when its first and last window (sorted by document) lie in different documents
    ends = starts + sizes - 1
    shared = d[starts] != d[ends]
    if max_copies is not None:
        shared &= sizes <= max_copies
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


def _passage(docs, a, start_a, end_a, b, start_b, end_b):
    doc_a, doc_b = docs[a], docs[b]
    text, text_b = doc_a.norm[start_a:end_a], doc_b.norm[start_b:end_b]
    sa, ea, para_a = doc_a.original(start_a, end_a)
    sb, eb, para_b = doc_b.original(start_b, end_b)
    similarity = 1.0 if text == text_b else fuzz.ratio(text, text_b) / 100
    return (doc_a.doc_id, doc_b.doc_id, text, len(text), sa, ea, sb, eb, para_a, para_b, text_b, similarity)


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
