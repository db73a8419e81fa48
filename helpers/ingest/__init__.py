"""Inputs beyond ``.txt``: PDF, Word and HTML files turned into text lines, corpus tables into documents.

One module per job; ``corpus.load`` needs only the four calls below.

``input_kind(path) -> str``
    ``txt``, ``pdf``, ``docx``, ``html`` or ``table`` from the file name
    (:data:`KINDS`), None for a file that is none of these.
``extract(path, *, label=None) -> Extracted``
    for ``pdf`` (:mod:`.pdf`, pdfplumber), ``docx`` (:mod:`.docx`,
    python-docx) and ``html`` (:mod:`.html`, trafilatura + lxml).  An
    :class:`Extracted` has ``raw_lines`` (every extracted line; what the audit
    counts against), ``line_no`` (raw line numbers of the body lines),
    ``lines`` / ``text`` (the body, for the cleaning: hard-wrapped lines with
    indents as U+3000 for PDF, blank-line-separated paragraphs for DOCX and
    HTML), ``set_aside`` (``kind, text, reason, page, line_start, line_end``;
    kinds ``header``, ``footer``, ``page_number``, ``boilerplate``;
    ``footnote``, ``endnote`` and ``deletion`` (a tracked deletion) from
    Word; ``unread`` for the text of a page past the HTML parser's nesting
    limit), ``characters`` (``character, codepoint, replacement, count,
    reason``: the look-alike characters mapped), ``pages`` (page of each raw
    line, PDF) and ``notes`` (what the reader has to say about the file, one
    sentence each: tracked changes accepted, a nesting limit met …; the
    corpus adds them to ``Corpus.notes``).
``read_table(path, *, text_column=None, label=None) -> DataFrame``
    (:mod:`.table`) one row per document: ``doc_id, file, row, title, speaker,
    date, year, occasion, genre, source, text`` and the table's other
    columns, the cells as they are (the corpus completes genre and year:
    :func:`helpers.corpus.metadata.complete_rows`); a workbook of several
    sheets reads each one and adds a ``sheet`` column (``row`` counts within
    its sheet).  ``attrs["notes"]`` says what the reader decided: the text
    column chosen when names compete, each sheet skipped with its reason,
    merged cells filled (the corpus adds them to ``Corpus.notes``).
``map_characters(text) -> (text, DataFrame)`` (:mod:`.characters`), and
``detect_script(text) -> str`` / ``to_simplified(text) -> (text, DataFrame)``
(:mod:`.script`: ``simplified``, ``traditional``, ``mixed`` or ``none``;
OpenCC ``t2s`` with a table ``original, converted, count``) apply to text of
any input kind.

Every failure is a :class:`~helpers.errors.CorpusError` naming the file (and
page, row or line).  ``label`` replaces the path in messages.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError
from . import docx, html, pdf
from .characters import map_characters
from .extracted import SET_ASIDE_COLUMNS, Extracted
from .script import detect as detect_script
from .script import to_simplified
from .table import TABLE_SUFFIXES, read_table

__all__ = ["KINDS", "SET_ASIDE_COLUMNS", "Extracted", "detect_script", "extract", "input_kind",
           "map_characters", "read_table", "to_simplified"]

KINDS = {
    ".txt": "txt", ".text": "txt",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    **dict.fromkeys(TABLE_SUFFIXES, "table"),
}


def input_kind(path: Path | str) -> str | None:
    """The input kind of a file from its suffix: ``txt``, ``pdf``, ``docx``, ``html``, ``table`` or None."""
    return KINDS.get(Path(path).suffix.lower())


def extract(path: Path | str, *, label: str | None = None) -> Extracted:
    """Text lines and set-aside parts of a PDF, DOCX or HTML file (see the package docstring)."""
    path = Path(path)
    kind = input_kind(path)
    readers = {"pdf": pdf.extract, "docx": docx.extract, "html": html.extract}
    if kind not in readers:
        raise CorpusError(f"{label or path}: {kind or 'unknown'} files are not extracted as text "
                          "(use read_table for tables, textfile.read for .txt)")
    return readers[kind](path, label=label)
