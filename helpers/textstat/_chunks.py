"""Private: a tokens dataset read chunk by chunk, with paragraph or document columns joined on.

A document never spans two chunks, so any statistic summed over documents (or computed within each
document) is exact when computed per chunk and combined; see :mod:`helpers.textstat.engine`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pandas as pd

PARAGRAPH_COLUMNS = ("section", "heading_level", "heading_1", "heading_2", "is_salutation")


def annotated_chunks(data, columns: Sequence[str] = (), *, table: str = "tokens") -> Iterator[pd.DataFrame]:
    """Each chunk of ``table`` (of the selected documents) with ``columns`` joined on: paragraph columns from the
    paragraphs table (read once, without text), document columns from the documents table."""
    para_cols = [c for c in columns if c in PARAGRAPH_COLUMNS]
    doc_cols = [c for c in columns if c not in para_cols and c != "doc_id"]
    paragraphs = data.table("paragraphs", ["doc_id", "para_no", *para_cols]) if para_cols else None
    documents = data.documents[["doc_id", *doc_cols]] if doc_cols else None
    for chunk in data.chunks(table):
        if paragraphs is not None:
            chunk = chunk.merge(paragraphs, on=["doc_id", "para_no"], how="left")
        if documents is not None:
            chunk = chunk.merge(documents, on="doc_id", how="left")
        yield chunk


def in_corpus_order(data, frame: pd.DataFrame, column: str = "doc_id") -> pd.DataFrame:
    """Rows of several chunks in the corpus' document order (stable within a document)."""
    rank = {doc_id: i for i, doc_id in enumerate(data.documents["doc_id"])}
    order = frame[column].map(rank).to_numpy()
    return frame.iloc[pd.Series(order).argsort(kind="stable").to_numpy()].reset_index(drop=True)


def paragraph_table(paragraphs, columns: Sequence[str], *, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The paragraphs table, or for a tokens dataset or streamed corpus its ``columns`` read from disk (no text),
    of the documents ``doc_ids`` (None = all selected)."""
    from . import engine

    if not engine.is_dataset(paragraphs):
        return paragraphs if doc_ids is None else paragraphs[paragraphs["doc_id"].isin(list(doc_ids))]
    data = engine.as_dataset(paragraphs)
    if doc_ids is not None:
        data = data.subset(doc_id=list(doc_ids))
    return data.table("paragraphs", list(columns))
