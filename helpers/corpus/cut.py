"""Pieces of paragraphs moved from a corpus' body to ``set_aside``, every count kept true.

:func:`cut_out` is how :mod:`helpers.corpus.boilerplate` sets aside what it finds: a paragraph cut whole is dropped,
one cut at its start or end keeps the rest of its text, and its sentences and list items follow the cut.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..validate import check_columns
from .clean import remove_whitespace

__all__ = ["PIECE_COLUMNS", "cut_out"]

PIECE_COLUMNS = ["doc_id", "para_no", "start", "end", "text", "kind", "reason"]
_ASIDE_COLUMNS = ["doc_id", "kind", "text", "reason", "line_start", "line_end", "start", "end"]


def cut_out(tables, pieces: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables ``documents, paragraphs, sentences, set_aside, list_items`` with ``pieces`` moved from the body
    to ``set_aside``.

    ``tables``: a :class:`~helpers.corpus.model.Corpus` in memory, or a mapping of those tables (a chunk of whole
    documents on disk).  ``pieces``: ``doc_id, para_no, start, end, text, kind, reason``, each a part of a
    paragraph's text (``start``/``end``: its offsets in it) that is the whole paragraph, its opening or its close.
    A paragraph cut whole is dropped; one cut keeps the rest of its text (the whitespace at the cut goes too), its
    sentences and list items trimmed to it (their offsets moved when its opening was cut); ``para_no`` and
    ``sent_no`` keep their values.  Each piece becomes a ``set_aside`` row with the paragraph's raw lines and the
    piece's offsets in its text.  ``documents`` gets new ``n_paragraphs, n_sentences, n_chars, n_set_aside,
    n_chars_set_aside``, so :func:`~helpers.corpus.model.accounting` still adds up.
    """
    check_columns("pieces", pieces, PIECE_COLUMNS)
    out = {name: tables[name] if isinstance(tables, Mapping) else getattr(tables, name)
           for name in ("documents", "paragraphs", "sentences", "set_aside", "list_items")}
    if pieces.empty:
        return out
    documents, paragraphs = out["documents"], out["paragraphs"]
    wanted = set(zip(pieces["doc_id"], pieces["para_no"], strict=True))
    para = {(d, n): (t, a, b) for d, n, t, a, b in zip(paragraphs["doc_id"], paragraphs["para_no"], paragraphs["text"],
                                                       paragraphs["line_start"], paragraphs["line_end"], strict=True)
            if (d, n) in wanted}
    keep: dict[tuple, tuple[int, int]] = {}
    new_rows = []
    for row in pieces.itertuples(index=False):
        where = (row.doc_id, row.para_no)
        text, line_start, line_end = para[where]
        lo, hi = keep.get(where, (0, len(text)))  # the part of the paragraph kept
        lo, hi = max(lo, row.end) if row.start == 0 else lo, min(hi, row.start) if row.end == len(text) else hi
        keep[where] = (lo, max(lo, hi))
        new_rows.append({"doc_id": row.doc_id, "kind": row.kind, "text": row.text, "reason": row.reason,
                         "line_start": line_start, "line_end": line_end, "start": row.start, "end": row.end})
    for where, (lo, hi) in keep.items():  # whitespace at a cut goes too (it is counted nowhere)
        part = para[where][0][lo:hi]
        keep[where] = (lo + len(part) - len(part.lstrip()), hi - len(part) + len(part.rstrip()))
    out["paragraphs"] = _cut_paragraphs(paragraphs, keep)
    texts = dict(zip(zip(out["paragraphs"]["doc_id"], out["paragraphs"]["para_no"], strict=True),
                     out["paragraphs"]["text"], strict=True))
    out["sentences"] = _trim(out["sentences"], keep, texts, count="n_chars")
    out["list_items"] = _trim(out["list_items"], keep, texts)
    added = pd.DataFrame(new_rows, columns=_ASIDE_COLUMNS)
    rank = {d: i for i, d in enumerate(documents["doc_id"])}
    merged = pd.concat([out["set_aside"], added], ignore_index=True) if len(out["set_aside"]) else added
    out["set_aside"] = merged.sort_values(["doc_id", "line_start", "start"], kind="stable",
                                          key=lambda s: s.map(rank) if s.name == "doc_id" else s
                                          ).reset_index(drop=True)
    out["documents"] = _recount(documents, out, added)
    return out


def _cut_paragraphs(paragraphs: pd.DataFrame, keep: dict) -> pd.DataFrame:
    """The paragraphs without those kept empty, the others cut to ``keep``."""
    keys = list(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True))
    texts = paragraphs["text"].tolist()
    new_text, dropped = [], []
    for i, (where, text) in enumerate(zip(keys, texts, strict=True)):
        lo, hi = keep.get(where, (0, len(text)))
        new_text.append(text[lo:hi])
        if hi <= lo:
            dropped.append(i)
    cut = paragraphs.assign(text=pd.Series(new_text, index=paragraphs.index, dtype=paragraphs["text"].dtype))
    cut["n_chars"] = cut["text"].str.len().astype(paragraphs["n_chars"].dtype)
    return cut.drop(index=paragraphs.index[dropped]).reset_index(drop=True)


def _trim(table: pd.DataFrame, keep: dict, texts: dict, *, count: str | None = None) -> pd.DataFrame:
    """Sentences or list items of cut paragraphs: those outside the kept part dropped, the others trimmed to it
    and their offsets moved to the kept text; ``text`` (if the table has it; not on disk) and ``count`` made again."""
    if table.empty:
        return table
    starts, ends, dropped = table["start"].tolist(), table["end"].tolist(), []
    for i, where in enumerate(zip(table["doc_id"], table["para_no"], strict=True)):
        if where in keep:
            lo, hi = keep[where]
            starts[i], ends[i] = max(starts[i], lo) - lo, min(ends[i], hi) - lo
            dropped += [i] if ends[i] <= starts[i] or where not in texts else []
    out = table.assign(start=pd.Series(starts, index=table.index, dtype=table["start"].dtype),
                       end=pd.Series(ends, index=table.index, dtype=table["end"].dtype))
    out = out.drop(index=table.index[dropped])
    if "text" in table:
        out["text"] = [texts[w][a:b] if w in keep else t for w, a, b, t in zip(
            zip(out["doc_id"], out["para_no"], strict=True), out["start"], out["end"], out["text"], strict=True)]
        out["text"] = out["text"].astype(table["text"].dtype)
    if count is not None:
        out[count] = (out["end"] - out["start"]).astype(table[count].dtype)
    return out.reset_index(drop=True)


def _recount(documents: pd.DataFrame, tables: dict, added: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with the counts of the new body and set-aside rows."""
    visible = lambda texts: len(remove_whitespace("".join(texts)))  # noqa: E731
    para = tables["paragraphs"].groupby("doc_id")
    new = {"n_paragraphs": para.size(), "n_sentences": tables["sentences"].groupby("doc_id").size(),
           "n_chars": para["text"].agg(visible)}
    more = {"n_set_aside": added.groupby("doc_id").size(), "n_chars_set_aside": added.groupby("doc_id")["text"].agg(
        visible)}
    out = documents.copy()
    for column in (c for c in [*new, *more] if c in out):
        values = documents["doc_id"].map(new.get(column, more.get(column))).fillna(0).to_numpy()
        out[column] = (values if column in new else out[column].to_numpy() + values).astype(documents[column].dtype)
    return out
