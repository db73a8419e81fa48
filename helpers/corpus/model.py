"""The Corpus: the DataFrames of a loaded corpus, and how rows of dicts become them.

See :class:`Corpus` for every table and its columns.  This module only holds
the container and the assembly of its tables in a stable order; reading and
cleaning live in :mod:`helpers.corpus.loader` and :mod:`helpers.corpus.document`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..config import CORPUS_DIR
from .structure import section_order

__all__ = ["TABLES", "Corpus", "accounting", "assemble_tables"]

TABLES = ("documents", "paragraphs", "sentences", "set_aside", "list_items", "notes")


@dataclass(frozen=True)
class Corpus:
    """The DataFrames of a loaded corpus.

    ``documents``
        one row per document: ``doc_id, file, title, speaker, date, year,
        occasion, genre, source`` (plus any further metadata columns),
        ``encoding, script, layout, n_paragraphs, n_sentences, n_chars,
        n_set_aside, n_chars_raw, n_chars_set_aside, metadata, sha256``.
        ``metadata`` says where the metadata came from (``metadata.csv`` or
        ``derived``); the ``n_chars*`` columns count non-whitespace characters
        of the body, the raw text and the set-aside blocks.  ``date`` holds
        :class:`datetime.date` values (object dtype; None when undated), so any
        year from 1 to 9999 is represented (pandas timestamps stop at 1677);
        ``year`` is ``Int64``, from the date or from a ``year`` column.
    ``paragraphs``
        ``doc_id, para_no, section, heading_level, heading_1, heading_2,
        is_salutation, text, n_chars, line_start, line_end`` (raw line numbers);
        ``section`` is an ordered categorical (opening, the parts in order, closing).
    ``sentences``
        ``doc_id, para_no, sent_no, text, start, end, n_chars``; ``sent_no``
        counts from 1 through the document, ``start``/``end`` are character
        offsets into the paragraph text.
    ``set_aside``
        ``doc_id, kind, text, reason, line_start, line_end``: titles, bylines,
        news headers, subtitles, date lines, photo captions and footnotes.
    ``list_items``
        ``doc_id, para_no, list_no, item_no, marker, text, start, end``:
        enumerations (``一是…二是…``, ``首先…其次…最后``) inside paragraphs.
    ``notes``
        ``doc_id, file, message``: every warning issued while loading; a note on
        the folder (``metadata.csv`` decoded with a guess, files present but not
        loaded) has an empty ``doc_id``.
    """

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    set_aside: pd.DataFrame
    list_items: pd.DataFrame
    notes: pd.DataFrame
    folder: Path = field(default=CORPUS_DIR)

    def __repr__(self) -> str:
        return (
            f"Corpus({self.folder}: {len(self.documents)} documents, "
            f"{len(self.paragraphs)} paragraphs, {len(self.sentences)} sentences, "
            f"{int(self.documents['n_chars'].sum()):,} characters)"
        )



def accounting(corpus: Corpus) -> pd.DataFrame:
    """Where every character went: ``doc_id, raw, body, set_aside, unaccounted`` (non-whitespace counts).

    ``unaccounted`` is always 0: :func:`load` refuses a document otherwise.
    """
    docs = corpus.documents
    return pd.DataFrame({
        "doc_id": docs["doc_id"],
        "raw": docs["n_chars_raw"],
        "body": docs["n_chars"],
        "set_aside": docs["n_chars_set_aside"],
        "unaccounted": docs["n_chars_raw"] - docs["n_chars"] - docs["n_chars_set_aside"],
    })


def _sortable(column: pd.Series) -> pd.Series:
    """Dates as ISO strings for sorting (Python dates and None do not compare); other columns as they are."""
    if column.name != "date":
        return column
    return column.map(lambda d: d.isoformat() if d is not None else None)


def assemble_tables(folder: Path, docs: list[dict], paragraphs: list[dict], sentences: list[dict],
                    set_aside: list[dict], items: list[dict], notes: list[dict]) -> Corpus:
    """The Corpus of rows collected document by document, each table sorted by date, document and position."""
    documents = pd.DataFrame(docs)
    documents["date"] = documents["date"].astype(object).where(documents["date"].notna(), None)
    documents = documents.sort_values(["date", "doc_id"], na_position="last", key=_sortable)
    documents = documents.reset_index(drop=True).astype({"year": "Int64"})
    rank = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}

    def frame(rows: list[dict], columns: list[str], keys: list[str]) -> pd.DataFrame:
        df = pd.DataFrame(rows, columns=columns)
        if df.empty:
            return df
        df = df.sort_values(keys, key=lambda s: s.map(rank) if s.name == "doc_id" else s, kind="stable")
        return df.reset_index(drop=True)

    paragraph_table = frame(paragraphs, ["doc_id", "para_no", "section", "heading_level", "heading_1",
                                         "heading_2", "is_salutation", "text", "n_chars", "line_start",
                                         "line_end"], ["doc_id", "para_no"])
    paragraph_table["section"] = pd.Categorical(
        paragraph_table["section"], categories=section_order(paragraph_table["section"]), ordered=True)
    return Corpus(
        documents=documents,
        paragraphs=paragraph_table,
        sentences=frame(sentences, ["doc_id", "para_no", "sent_no", "text", "start", "end",
                                    "n_chars"], ["doc_id", "sent_no"]),
        set_aside=frame(set_aside, ["doc_id", "kind", "text", "reason", "line_start", "line_end"],
                        ["doc_id", "line_start"]),
        list_items=frame(items, ["doc_id", "para_no", "list_no", "item_no", "marker", "text",
                                 "start", "end"], ["doc_id", "para_no", "list_no", "item_no"]),
        notes=pd.DataFrame(notes, columns=["doc_id", "file", "message"]),
        folder=folder,
    )


