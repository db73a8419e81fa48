"""Dispersion: where terms, or the hits of a KWIC table, lie along each document.

Positions are character offsets in the document body (paragraphs laid end to
end) and the same as shares of the body length (0 = start, 1 = end).
:func:`dispersion_view` pools the documents by year (or decade) for a figure when there are too many
to give each a row, and then counts the hits in equal parts of the text instead of drawing each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import engine
from ..errors import ParameterError
from ._common import _strings_at
from .sections import body_offsets, section_bounds
from .trends import document_years
from .works import later_editions

MAX_DOCUMENT_ROWS = 40  # documents drawn one row each in a dispersion figure; beyond, rows are years (or decades)
POSITION_BINS = 50  # a pooled row counts its hits in this many equal parts of the text (2 % each)
BIN_COLUMNS = ["doc_id", "term", "bin", "start", "end", "hits", "share"]
HIT_COLUMNS = ["doc_id", "term", "section", "para_no", "offset", "position", "counted_as"]


def dispersion(
    paragraphs: pd.DataFrame, terms: Sequence[str], *, tokens: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Where each term occurs along each document.

    Returns ``doc_id, term, section, para_no, offset, position, counted_as``: ``offset`` is
    the character offset in the document body (paragraphs laid end to end) and
    ``position`` the same as a share of the body length (0 = start, 1 = end).
    String mode by default (the paragraphs read chunk by chunk, ``counted_as="text"``); token mode with
    ``tokens`` (the hits found by :func:`kwic`, then only the paragraph lengths of their documents read,
    ``counted_as="token"``), where a term the segmenter never keeps whole (国家安全 is 国家 + 安全) is found in
    the text instead (``counted_as="text"``), so no term that occurs is missing.
    """
    terms = list(terms)
    for term in terms:
        if not isinstance(term, str) or not term:
            raise ParameterError(f"terms: {term!r} is not a non-empty string (dispersion looks for each)")
    source = engine.wrap(paragraphs)
    if tokens is None:
        return _string_hits(source, terms).assign(counted_as="text")[HIT_COLUMNS]
    words = engine.wrap(tokens)
    rows = []
    for term in terms:  # no token hit: a term the segmenter never keeps whole, looked for in the text
        found = positions(words.token_contexts(term, 0, source), source).assign(term=term, counted_as="token")
        rows.append(found if len(found) else _string_hits(source, [term]).assign(counted_as="text"))
    rows = [r[HIT_COLUMNS] for r in rows if not r.empty]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=HIT_COLUMNS)


def _string_hits(source: engine.Source, terms: list[str]) -> pd.DataFrame:
    """String-mode dispersion: the paragraphs read one chunk at a time (a document never spans two chunks, so its
    body length and each paragraph's offset in it are known within the chunk), each hit kept as four integers and
    a share, the table built once at the end."""
    rank: dict[str, int] = {doc_id: i for i, doc_id in enumerate(source.documents["doc_id"])}
    sections = source.sections()
    patterns = [re.compile(re.escape(term)) for term in terms]
    parts: list[tuple[np.ndarray, ...]] = []  # per chunk and term: term, document, section, paragraph, offset, share
    for frame in source.chunks("paragraphs", ["doc_id", "para_no", "section", "text", "n_chars"]):
        codes, ids = pd.factorize(frame["doc_id"].to_numpy(dtype=object))  # once per document of the chunk
        for doc_id in ids:  # documents not in a documents table: in the order they come
            rank.setdefault(doc_id, len(rank))
        ranks = np.array([rank[doc_id] for doc_id in ids], dtype=np.int64)[codes]
        frame = frame.assign(_rank=ranks).sort_values(["_rank", "para_no"], kind="stable")
        doc_start, length = body_offsets(frame["_rank"], frame["n_chars"])
        docs, paras = frame["_rank"].to_numpy(dtype=np.int64), frame["para_no"].to_numpy(dtype=np.int64)
        codes = pd.Categorical(frame["section"], categories=sections).codes.astype(np.int64)
        texts = frame["text"].tolist()
        for k, (term, pattern) in enumerate(zip(terms, patterns, strict=True)):
            rows, starts = [], []
            for row, text in enumerate(texts):
                if term in text:
                    for m in pattern.finditer(text):
                        rows.append(row)
                        starts.append(m.start())
            if rows:
                at = np.asarray(rows, dtype=np.int64)
                offset = doc_start[at] + np.asarray(starts, dtype=np.int64)
                parts.append((np.full(len(at), k, dtype=np.int32), docs[at].astype(np.int32),
                              codes[at].astype(np.int16), paras[at], offset, offset / length[at]))
    if not parts:
        return pd.DataFrame(columns=HIT_COLUMNS[:-1])
    # each column concatenated, put in order and its pieces let go before the next (8 M hits at 979 M characters)
    pieces = dict(zip(["term", "doc", "section", "para_no", "offset", "position"], map(list, zip(*parts, strict=True)),
                      strict=True))
    del parts
    term, doc, offset = (np.concatenate(pieces.pop(name)) for name in ("term", "doc", "offset"))
    keep = np.lexsort((offset, doc, term))  # the terms' order, then the text's: documents in the corpus' order
    out = {"doc_id": _strings_at(list(rank), doc[keep]), "term": _strings_at(terms, term[keep])}
    del term, doc
    out["section"] = pd.Categorical.from_codes(np.concatenate(pieces.pop("section"))[keep], categories=sections,
                                               ordered=True)
    out["para_no"] = np.concatenate(pieces.pop("para_no"))[keep]
    out["offset"] = offset[keep]
    del offset
    out["position"] = np.concatenate(pieces.pop("position"))[keep]
    return pd.DataFrame(out, copy=False)  # the arrays as they are, not copied into blocks


def positions(hits: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Where the hits of a :func:`kwic` table lie along their documents.

    ``paragraphs`` are all paragraphs of the documents (positions are shares of
    the whole body), or a corpus on disk or its tokens dataset.  Returns ``doc_id, term, section, para_no,
    offset, position`` with ``term`` the matched text, ``offset`` the character offset
    in the body (paragraphs laid end to end) and ``position`` that offset as a
    share of the body length (0 = start, 1 = end).
    """
    base = engine.wrap(paragraphs).table("paragraphs", ["doc_id", "para_no", "n_chars"],
                                         doc_ids=list(dict.fromkeys(hits["doc_id"])))
    doc_start, length = body_offsets(base["doc_id"], base["n_chars"])
    out = hits.merge(base[["doc_id", "para_no"]].assign(doc_start=doc_start, length=length), on=["doc_id", "para_no"])
    out["term"] = out["match"]
    out["offset"] = out["doc_start"] + out["start"]
    out["position"] = out["offset"] / out["length"]
    return out[["doc_id", "term", "section", "para_no", "offset", "position"]].reset_index(drop=True)


def dispersion_view(hits: pd.DataFrame, paragraphs, documents: pd.DataFrame, *,
                    max_documents: int = MAX_DOCUMENT_ROWS,
                    bins: int = POSITION_BINS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a dispersion figure draws: ``(hits, bounds)`` for :func:`helpers.textplot.dispersion`.

    Up to ``max_documents`` documents: the hits as they are and :func:`section_bounds` of ``paragraphs``.  More:
    the documents pooled by year (by decade beyond ``max_documents`` years) and the hits of each row and term
    counted in ``bins`` equal parts of the text: ``doc_id, term, bin, start, end, hits, share`` with ``doc_id``
    the row (``"2017 (12 documents)"``), ``start``–``end`` the part as shares of each document's length and
    ``share`` its part of the row's hits of that term (a table of rows × terms × bins at most, whatever the
    number of hits); ``bounds`` lists the rows in time order, without sections (``doc_id, section, start, end``,
    section empty).  Pooled, each work counts once: a later edition (:func:`helpers.textstat.works.later_editions`)
    is left out of its row.
    """
    if len(documents) <= max_documents:
        return hits, section_bounds(paragraphs)
    documents = documents[~later_editions(documents)]
    hits = hits[hits["doc_id"].isin(documents["doc_id"])]
    years = document_years(documents)
    if years.nunique() > max_documents:
        years = years // 10 * 10
        unit = "s"
    else:
        unit = ""
    sizes = years.value_counts()
    name = {y: f"{y}{unit} ({n:,} document{'s' if n != 1 else ''})" for y, n in sizes.items() if not pd.isna(y)}
    order = [name[y] for y in sorted(name)]
    if years.isna().any():
        order.append(f"no year ({int(years.isna().sum()):,} documents)")
    row = years.map(lambda y: order[-1] if pd.isna(y) else name[y])
    pooled = hits.assign(doc_id=hits["doc_id"].map(row),
                         bin=(hits["position"].to_numpy() * bins).clip(0, bins - 1).astype(int))
    binned = pooled.groupby(["doc_id", "term", "bin"], sort=False).size().rename("hits").reset_index()
    binned["start"], binned["end"] = binned["bin"] / bins, (binned["bin"] + 1) / bins
    binned["share"] = binned["hits"] / binned.groupby(["doc_id", "term"])["hits"].transform("sum")
    rank = {r: i for i, r in enumerate(order)}
    binned = binned.sort_values(["doc_id", "term", "bin"], key=lambda c: c.map(rank) if c.name == "doc_id" else c,
                                kind="stable").reset_index(drop=True)
    bounds = pd.DataFrame({"doc_id": order, "section": "", "start": 0.0, "end": 1.0})
    return binned[BIN_COLUMNS], bounds
