"""The sections of each document, where each lies along the body, and the sizes of paragraphs and sentences.

Each function takes the paragraphs table (or the corpus) in memory or on disk, through :mod:`helpers.engine`:
on disk the paragraphs and sentences tables are read without their text (one row per paragraph), or counted by
DuckDB (sections, sentence lengths), and the result equals that of the corpus in memory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from .. import engine
from ._common import _strings_at
from .trends import distinct_documents, document_years

__all__ = [
    "BOX_COLUMNS",
    "MAX_LENGTH_ROWS",
    "paragraph_length_boxes",
    "paragraph_length_view",
    "paragraph_sizes",
    "section_bounds",
    "section_labels",
    "sections",
    "sentence_lengths",
]

MAX_LENGTH_ROWS = 60  # documents a paragraph-length figure draws one box each; beyond, one box per year
BOX_COLUMNS = ["year", "n_documents", "n_paragraphs", "min", "whislo", "q1", "med", "q3", "whishi", "max", "mean"]

SIZE_COLUMNS = ["doc_id", "para_no", "section", "heading_level", "heading_1", "heading_2", "is_salutation",
                "n_chars", "line_start", "line_end"]


def paragraph_sizes(paragraphs) -> pd.DataFrame:
    """The paragraphs table without its text: ``doc_id, para_no, section, heading_level, heading_1, heading_2,
    is_salutation, n_chars, line_start, line_end`` (one row per paragraph, in corpus order).

    Compact, as a table of every paragraph of an archive must be: ``section`` and the headings are categoricals
    (``section`` ordered in reading order, the headings with sorted categories), the counts ``int32``, ``doc_id`` a
    string.  Built chunk by chunk from a corpus on disk, so the table is never held in a wider form.
    """
    source = engine.wrap(paragraphs)
    sections = list(source.sections())
    parts = [_compact(chunk, sections) for chunk in source.chunks("paragraphs", SIZE_COLUMNS)]
    if not parts:
        empty = pd.DataFrame({c: pd.Series(dtype="int64" if c in _COUNTS else "str") for c in SIZE_COLUMNS})
        return _compact(empty, sections).astype({"doc_id": "str"})
    frame = pd.DataFrame({column: _joined([part[column] for part in parts]) for column in SIZE_COLUMNS}, copy=False)
    del parts
    frame = source.order(frame)  # corpus order, each document's paragraphs as read (a chunk holds whole documents)
    # a string like the documents' doc_id (a categorical is smaller, but "prefix" + doc_id would fail)
    frame["doc_id"] = _strings_at(frame["doc_id"].cat.categories.tolist(), frame["doc_id"].cat.codes.to_numpy())
    return frame


_COUNTS = ["para_no", "heading_level", "n_chars", "line_start", "line_end"]
_LABELS = ["doc_id", "heading_1", "heading_2"]


def _compact(chunk: pd.DataFrame, sections: list[str]) -> pd.DataFrame:
    """``chunk``'s size columns as :func:`paragraph_sizes` returns them (categoricals, ``int32`` counts)."""
    out = chunk[SIZE_COLUMNS].copy()
    for column in _LABELS:
        out[column] = out[column].astype("category")
    out["section"] = pd.Categorical(out["section"].astype("str"), categories=sections, ordered=True)
    out[_COUNTS] = out[_COUNTS].astype("int32")
    out["is_salutation"] = out["is_salutation"].astype(bool)
    return out


def _joined(columns: list[pd.Series]) -> pd.Series:
    """One column from its chunks' pieces: categoricals united (sorted categories unless ordered), else
    concatenated."""
    first = columns[0]
    if isinstance(first.dtype, pd.CategoricalDtype) and not first.cat.ordered:
        return pd.Series(union_categoricals(columns, sort_categories=True, ignore_order=False), name=first.name)
    return pd.concat(columns, ignore_index=True)


def paragraph_length_boxes(paragraphs: pd.DataFrame, years: pd.Series) -> pd.DataFrame:
    """Box statistics of paragraph lengths per year: ``year, n_documents, n_paragraphs, min, whislo, q1, med, q3,
    whishi, max, mean`` (characters; whiskers at 1.5 IQR as matplotlib draws them; ``year`` a string, the
    undated last as ``undated``).  ``years`` maps each ``doc_id`` to its year (:func:`helpers.textstat.document_years`).
    """
    from matplotlib import cbook

    year = paragraphs["doc_id"].map(years).astype("Int64").astype("string").fillna("undated")
    groups = paragraphs.groupby(year.to_numpy(), sort=True)
    rows = []
    for label in sorted(groups.groups, key=lambda y: (y == "undated", y)):
        part = groups.get_group(label)
        lengths = part["n_chars"].to_numpy()
        stats = cbook.boxplot_stats(lengths, whis=1.5)[0]
        rows.append({"year": label, "n_documents": part["doc_id"].nunique(), "n_paragraphs": len(part),
                     "min": int(lengths.min()), "whislo": float(stats["whislo"]), "q1": float(stats["q1"]),
                     "med": float(stats["med"]), "q3": float(stats["q3"]), "whishi": float(stats["whishi"]),
                     "max": int(lengths.max()), "mean": float(stats["mean"])})
    return pd.DataFrame(rows, columns=BOX_COLUMNS)


def paragraph_length_view(paragraphs: pd.DataFrame, documents: pd.DataFrame, *,
                          max_documents: int = MAX_LENGTH_ROWS) -> pd.DataFrame:
    """What a paragraph-length figure draws (:func:`helpers.textplot.paragraph_lengths`), and its table.

    Up to ``max_documents`` documents: ``paragraphs`` as they are (one row per paragraph).  More: one row of
    box statistics per year (:func:`paragraph_length_boxes`), a table of a few dozen rows whatever the size
    of the corpus, each work once: a later edition's paragraphs are left out of its year's box
    (:func:`helpers.textstat.distinct_documents`).
    """
    if paragraphs["doc_id"].nunique() <= max_documents:
        return paragraphs
    works = distinct_documents(documents)
    return paragraph_length_boxes(paragraphs[paragraphs["doc_id"].isin(works["doc_id"])], document_years(works))


def sections(paragraphs) -> pd.DataFrame:
    """One row per section of each document: ``doc_id, section, heading, n_paragraphs, n_chars, first_para,
    last_para``; ``heading`` is the level-1 heading that opens the section (empty for opening and closing).
    A corpus on disk or its tokens dataset is counted by DuckDB (one row per section comes back, not per paragraph)."""
    source = engine.wrap(paragraphs)
    out = source.query("SELECT p.doc_id, p.section::VARCHAR AS section, first(p.heading_1 ORDER BY p.para_no) "
                       "FILTER (WHERE p.heading_1 IS NOT NULL) AS heading, count(*)::BIGINT AS n_paragraphs, "
                       "sum(p.n_chars)::BIGINT AS n_chars, min(p.para_no)::BIGINT AS first_para, "
                       "max(p.para_no)::BIGINT AS last_para "
                       "FROM paragraphs p GROUP BY p.doc_id, p.section ORDER BY p.doc_id, first_para")
    out["section"] = pd.Categorical(out["section"], categories=source.sections(), ordered=True)
    return out


def body_offsets(doc_ids, n_chars) -> tuple[np.ndarray, np.ndarray]:
    """Where each paragraph starts in its document's body (paragraphs laid end to end, in text order) and the
    length of that body, one value per paragraph: ``(doc_start, body_length)`` as integer arrays."""
    frame = pd.DataFrame({"doc": np.asarray(doc_ids), "n": np.asarray(n_chars, dtype=np.int64)})
    grouped = frame.groupby("doc", sort=False)["n"]
    return ((grouped.cumsum() - frame["n"]).to_numpy(dtype=np.int64),
            grouped.transform("sum").to_numpy(dtype=np.int64))


def section_bounds(paragraphs) -> pd.DataFrame:
    """Where each section starts and ends in each document.

    Returns ``doc_id, section, start, end`` (shares of the body length, as in
    :func:`dispersion`), one row per run of paragraphs with the same section.
    """
    paragraphs = engine.wrap(paragraphs).table("paragraphs", ["doc_id", "para_no", "section", "n_chars"])
    doc_start, total = body_offsets(paragraphs["doc_id"], paragraphs["n_chars"])
    df = paragraphs.assign(doc_start=doc_start)
    df = df.assign(lo=df["doc_start"] / total, hi=(df["doc_start"] + df["n_chars"]) / total)
    run = ((df["section"] != df["section"].shift()) | (df["doc_id"] != df["doc_id"].shift())).cumsum()
    out = df.groupby(run).agg(doc_id=("doc_id", "first"), section=("section", "first"), start=("lo", "min"),
                              end=("hi", "max"))
    return out.reset_index(drop=True)


LENGTH_COLUMNS = ["section", "n_chars", "n_sentences", "doc_id", "para_no", "sent_no"]


def sentence_lengths(corpus) -> pd.DataFrame:
    """How many sentences of each length each section has: a histogram that holds every sentence.

    Returns ``section, n_chars, n_sentences, doc_id, para_no, sent_no``: one row per section and sentence
    length (characters) that occurs, ordered by section and length; ``doc_id, para_no, sent_no`` locate the
    first sentence of that length and section in corpus order.  ``corpus`` is a
    :class:`~helpers.corpus.Corpus`, a corpus on disk or its tokens dataset (counted by DuckDB from the
    sentences table, which has no text, so 10^7 sentences come back as a few thousand rows).
    """
    source = engine.wrap(corpus)
    documents = source.documents
    ranks = pd.DataFrame({"doc_id": documents["doc_id"], "doc_rank": np.arange(len(documents), dtype="int64")})
    # corpus order: the document's place in the documents table, then its sentence number
    out = source.query(
        "SELECT p.section::VARCHAR AS section, s.n_chars, count(*) AS n_sentences, "
        "arg_min(s.doc_id, (r.doc_rank, s.sent_no)) AS doc_id, arg_min(s.para_no, (r.doc_rank, s.sent_no)) AS para_no, "
        "arg_min(s.sent_no, (r.doc_rank, s.sent_no)) AS sent_no "
        "FROM sentences s JOIN (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::BIGINT[]) AS doc_rank) r "
        "USING (doc_id) JOIN paragraphs p ON p.doc_id = s.doc_id AND p.para_no = s.para_no "
        "GROUP BY p.section, s.n_chars", [ranks["doc_id"].tolist(), ranks["doc_rank"].tolist()])
    out["section"] = pd.Categorical(out["section"], categories=source.sections(), ordered=True)
    out = out.sort_values(["section", "n_chars"], kind="stable").reset_index(drop=True)
    return out[LENGTH_COLUMNS].astype({"n_chars": "int64", "n_sentences": "int64", "para_no": "int64",
                                       "sent_no": "int64"})


def section_labels(corpus) -> list[str]:
    """The section labels of a corpus (in memory or streamed) in reading order: the categories of
    ``corpus.paragraphs["section"]``."""
    return engine.wrap(corpus).sections()
