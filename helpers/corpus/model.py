"""The Corpus: the DataFrames of a loaded corpus, and how rows of dicts become them.

See :class:`Corpus` for every table and its columns.  This module only holds
the container and the assembly of its tables in a stable order; reading and
cleaning live in :mod:`helpers.corpus.loader` and :mod:`helpers.corpus.document`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..config import CORPUS_DIR
from ..errors import CorpusError
from .editions import describe, find_editions
from .structure import section_order

__all__ = ["SENTENCE_COLUMNS", "TABLES", "Corpus", "accounting", "assemble_tables", "documents_table"]

TABLES = ("documents", "paragraphs", "sentences", "set_aside", "list_items", "repairs", "notes")
SENTENCE_COLUMNS = ("doc_id", "para_no", "sent_no", "start", "end", "n_chars")  # a parsed sentence row's tuple


class Corpus:
    """The tables of a loaded corpus, in memory or on disk (:attr:`storage`), with the same names at any size.

    In memory every table is a DataFrame.  On disk (a large corpus, or ``corpus.load(..., stream=True)``)
    the tables are read from the corpus store (:mod:`helpers.corpus.store`), built the first time one is asked
    for: ``documents`` and the small tables as DataFrames, ``paragraphs`` and ``sentences`` as
    :class:`~helpers.corpus.store.StoredTable` (the verbs read them on disk; ``.to_pandas(columns)`` reads
    them); :meth:`select` reads some documents into memory.

    ``documents``
        one row per document: ``doc_id, file, title, speaker, date, year,
        occasion, genre, source`` (plus any further metadata columns),
        ``encoding, script, layout, n_paragraphs, n_sentences, n_chars,
        n_set_aside, n_chars_raw, n_chars_set_aside, n_repairs, metadata, sha256,
        edition_of, is_first_edition``.
        ``metadata`` says where the metadata came from (``metadata.csv`` or
        ``derived``); the ``n_chars*`` columns count non-whitespace characters
        of the body, the raw text and the set-aside blocks.  ``script`` is
        ``simplified``, ``traditional``, ``mixed`` or ``none`` (no Chinese
        character).  ``layout`` is ``wrapped``, ``blank_lines``, ``indented``,
        ``line_per_paragraph`` or ``mixed`` (see :mod:`helpers.corpus.layout`).
        ``edition_of`` names the earlier document whose body is at least 90 %
        the same (empty otherwise; see :mod:`helpers.corpus.editions`), and
        ``is_first_edition`` is its negation: count each work once with
        ``documents[documents["is_first_edition"]]`` or
        :func:`helpers.corpus.first_editions`.  ``date`` holds
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
        ``doc_id, kind, text, reason, line_start, line_end, start, end``: titles,
        bylines, news headers, subtitles, date lines, photo captions, footnotes,
        page numbers and running headers (``page_number``, ``page_header``).
        ``start``/``end`` are character offsets in the (space-tidied) text of
        the raw block: a front-matter line that ran several things together is
        split into pieces at these offsets.
    ``list_items``
        ``doc_id, para_no, list_no, item_no, marker, text, start, end``:
        enumerations (``一是…二是…``, ``首先…其次…最后``) inside paragraphs.
    ``repairs``
        ``doc_id, line_start, line_end, before, after, kind``: every break
        inside a sentence that was joined (:mod:`helpers.corpus.breaks`):
        the raw line numbers either side of the break, the text either side as
        it was (with the line break) and as joined, and what the break was
        (``blank_line``, ``line_break``, ``indent``, ``page_break``).
    ``notes``
        ``doc_id, file, message``: every warning issued while loading; a note on
        the folder (``metadata.csv`` decoded with a guess, files present but not
        loaded) has an empty ``doc_id``.
    """

    def __init__(self, documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame,
                 set_aside: pd.DataFrame, list_items: pd.DataFrame, repairs: pd.DataFrame, notes: pd.DataFrame,
                 folder: Path = CORPUS_DIR) -> None:
        self.folder = Path(folder)
        self._tables = {"documents": documents, "paragraphs": paragraphs, "sentences": sentences,
                        "set_aside": set_aside, "list_items": list_items, "repairs": repairs, "notes": notes}
        self._disk = None

    @classmethod
    def on_disk(cls, tables, folder: Path) -> Corpus:
        """A corpus whose tables come from ``tables`` (:class:`~helpers.corpus.store_build.DiskTables`)."""
        corpus = cls.__new__(cls)
        corpus.folder, corpus._tables, corpus._disk = Path(folder), {}, tables
        return corpus

    def _table(self, name: str):
        if self._disk is None:
            return self._tables[name]
        if name not in self._tables:  # read once; documents and the small tables are DataFrames
            self._tables[name] = self._disk.table(name)
        return self._tables[name]

    documents = property(lambda self: self._table("documents"), doc="one row per document (see the class)")
    paragraphs = property(lambda self: self._table("paragraphs"), doc="one row per paragraph (see the class)")
    sentences = property(lambda self: self._table("sentences"), doc="one row per sentence (see the class)")
    set_aside = property(lambda self: self._table("set_aside"), doc="front matter set aside (see the class)")
    list_items = property(lambda self: self._table("list_items"), doc="enumerations (see the class)")
    repairs = property(lambda self: self._table("repairs"), doc="joined breaks (see the class)")
    notes = property(lambda self: self._table("notes"), doc="warnings issued while loading (see the class)")

    @property
    def storage(self) -> str:
        """Where the tables are: ``memory`` or ``disk``."""
        return "memory" if self._disk is None else "disk"

    @property
    def disk(self):
        """The tables on disk (:class:`~helpers.corpus.store_build.DiskTables`), None in memory."""
        return self._disk

    def __repr__(self) -> str:
        if self._disk is not None:
            return f"Corpus({self.folder}: {self._disk.describe()})"
        return (
            f"Corpus({self.folder}: {len(self.documents)} documents, "
            f"{len(self.paragraphs)} paragraphs, {len(self.sentences)} sentences, "
            f"{int(self.documents['n_chars'].sum()):,} characters, in memory)"
        )

    def replace(self, **tables: pd.DataFrame) -> Corpus:
        """The same corpus in memory with some tables replaced."""
        return Corpus(**{**{name: self._table(name) for name in TABLES}, **tables}, folder=self.folder)

    def select(self, doc_ids) -> Corpus:
        """The tables of some documents (``doc_ids``: one or several) in memory, in corpus order; the notes
        about the folder are kept.  Raises :class:`~helpers.errors.CorpusError` naming a doc_id not in it."""
        if self._disk is not None:
            return self._disk.select(doc_ids)
        keep = {doc_ids} if isinstance(doc_ids, str) else set(doc_ids)
        unknown = keep - set(self.documents["doc_id"])
        if unknown:
            raise CorpusError(f"{self.folder}: no document {', '.join(sorted(unknown))} in this corpus")

        def rows(table: pd.DataFrame, *, folder_notes: bool = False) -> pd.DataFrame:
            chosen = table["doc_id"].isin(keep) | (table["doc_id"].isna() if folder_notes else False)
            return table[chosen].reset_index(drop=True)

        return self.replace(**{name: rows(self._table(name), folder_notes=name == "notes") for name in TABLES})


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


def bodies_of(paragraphs: list[dict] | pd.DataFrame) -> dict[str, str]:
    """Each document's body: its paragraph texts joined, in order (what editions are compared on).

    ``paragraphs`` is a list of rows or a paragraphs table (read by column: no rows are built).
    """
    pairs = (zip(paragraphs["doc_id"], paragraphs["text"], strict=True) if isinstance(paragraphs, pd.DataFrame)
             else ((row["doc_id"], row["text"]) for row in paragraphs))
    bodies: dict[str, list[str]] = {}
    for doc_id, text in pairs:
        bodies.setdefault(doc_id, []).append(text)
    return {d: "".join(t) for d, t in bodies.items()}


def mark_editions(documents: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with ``edition_of`` and ``is_first_edition`` from :func:`find_editions`' pairs."""
    of = dict(zip(found["doc_id"], found["edition_of"], strict=True))
    edition_of = [of.get(doc_id, "") for doc_id in documents["doc_id"]]
    return documents.assign(edition_of=edition_of, is_first_edition=[e == "" for e in edition_of])


def edition_notes(found: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One note per later edition: ``doc_id, file, message``."""
    files = dict(zip(documents["doc_id"], documents["file"], strict=True))
    return pd.DataFrame([
        {"doc_id": row.doc_id, "file": files[row.doc_id],
         "message": f"close to {row.edition_of} ({files[row.edition_of]}), "
                    f"{describe(row.similarity, getattr(row, 'differing', 0))}: flagged as an edition or duplicate of "
                    "it (documents.edition_of)"}
        for row in found.itertuples()], columns=["doc_id", "file", "message"])


def documents_table(docs: list[dict]) -> pd.DataFrame:
    """The documents table of the documents' rows, in corpus order (year, date, doc_id), ``year`` as ``Int64``;
    ``edition_of`` and ``is_first_edition`` are not there yet (:func:`mark_editions`)."""
    documents = pd.DataFrame(docs)
    documents["date"] = documents["date"].astype(object).where(documents["date"].notna(), None)
    documents = documents.sort_values(["year", "date", "doc_id"], na_position="last", key=_sortable)
    return documents.reset_index(drop=True).astype({"year": "Int64"})


def _with_text(sentences: pd.DataFrame, paragraphs: list[dict]) -> pd.DataFrame:
    """The sentences table with ``text`` (its paragraph's ``text[start:end]``) after ``sent_no``."""
    texts = {(row["doc_id"], row["para_no"]): row["text"] for row in paragraphs}
    text = [texts[d, p][a:b] for d, p, a, b in zip(sentences["doc_id"], sentences["para_no"], sentences["start"],
                                                    sentences["end"], strict=True)]
    return sentences.assign(text=pd.Series(text, index=sentences.index, dtype=str))[
        ["doc_id", "para_no", "sent_no", "text", "start", "end", "n_chars"]]


def assemble_tables(folder: Path, docs: list[dict], paragraphs: list[dict], sentences: list[tuple],
                    set_aside: list[dict], items: list[dict], repairs: list[dict], notes: list[dict], *,
                    editions: bool = True) -> Corpus:
    """The Corpus of rows collected document by document, each table sorted by year, date, document and position.

    Editions are found here (:func:`helpers.corpus.editions.find_editions`; not with ``editions=False``,
    as in a chunk of a corpus on disk, whose editions are found over the whole corpus at the end);
    each later edition adds a note.
    """
    documents = documents_table(docs)
    found = find_editions(documents, bodies_of(paragraphs)) if editions else pd.DataFrame(
        columns=["doc_id", "edition_of", "similarity", "differing"])
    documents = mark_editions(documents, found)
    notes = list(notes) + edition_notes(found, documents).to_dict("records")
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
        sentences=_with_text(frame(sentences, list(SENTENCE_COLUMNS), ["doc_id", "sent_no"]), paragraphs),
        set_aside=frame(set_aside, ["doc_id", "kind", "text", "reason", "line_start", "line_end", "start", "end"],
                        ["doc_id", "line_start", "start"]),
        list_items=frame(items, ["doc_id", "para_no", "list_no", "item_no", "marker", "text",
                                 "start", "end"], ["doc_id", "para_no", "list_no", "item_no"]),
        repairs=frame(repairs, ["doc_id", "line_start", "line_end", "before", "after", "kind"],
                      ["doc_id", "line_start"]),
        notes=pd.DataFrame(notes, columns=["doc_id", "file", "message"]),
        folder=folder,
    )


