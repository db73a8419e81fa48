"""The one result type of the PDF, DOCX and HTML readers: text lines plus what was set aside."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .characters import MAPPING_COLUMNS, map_characters

SET_ASIDE_COLUMNS = ["kind", "text", "reason", "page", "line_start", "line_end"]


@dataclass(frozen=True)
class Extracted:
    """Text extracted from one PDF, DOCX or HTML file.

    ``raw_lines``
        every extracted line in reading order (1-based line ``n`` is
        ``raw_lines[n - 1]``), look-alike characters already mapped: what the
        audit counts against.  A blank line stands for a paragraph gap (PDF: a
        vertical gap; DOCX, HTML: between block elements); an indented paragraph
        start is kept as leading U+3000 spaces.
    ``line_no``
        the raw line number of each body line, ascending.
    ``set_aside``
        ``kind, text, reason, page, line_start, line_end``: running headers and
        footers and page numbers (PDF), headers and footers (DOCX), boilerplate
        (HTML); ``page`` is 1-based for PDF and missing otherwise, lines are raw
        line numbers.
    ``characters``
        ``character, codepoint, replacement, count, reason``: look-alike code
        points mapped (see :mod:`helpers.ingest.characters`).
    ``pages``
        the page of each raw line (PDF), else empty.
    ``notes``
        what the reader has to say about the file (tracked changes accepted,
        a nesting limit met …), one sentence each.
    """

    raw_lines: tuple[str, ...]
    line_no: tuple[int, ...]
    set_aside: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SET_ASIDE_COLUMNS))
    characters: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MAPPING_COLUMNS))
    pages: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def lines(self) -> list[str]:
        """The body lines (raw lines less the set-aside ones), for the cleaning."""
        return [self.raw_lines[n - 1] for n in self.line_no]

    @property
    def text(self) -> str:
        """The body lines joined by newlines."""
        return "\n".join(self.lines)

    @property
    def raw(self) -> str:
        """Every raw line joined by newlines."""
        return "\n".join(self.raw_lines)


def set_aside_frame(rows: list[dict]) -> pd.DataFrame:
    """A set-aside table with the standard columns (``page`` as nullable integers)."""
    frame = pd.DataFrame(rows, columns=SET_ASIDE_COLUMNS)
    return frame.astype({"page": "Int64", "line_start": "int64", "line_end": "int64"})


def finish(raw: list[str], body: list[int], rows: list[dict], *, pages: tuple[int, ...] = (),
           notes: tuple[str, ...] = ()) -> Extracted:
    """Map look-alike characters over all ``raw`` lines and build the :class:`Extracted`.

    ``body`` lists the raw line numbers of body lines, ``rows`` the set-aside
    rows (their ``text`` is replaced by the mapped raw line(s) they point at),
    ``notes`` the reader's notes.
    """
    mapped, table = map_characters("\n".join(raw))
    raw_lines = tuple(mapped.split("\n"))
    for row in rows:
        row["text"] = "\n".join(raw_lines[row["line_start"] - 1: row["line_end"]])
    return Extracted(raw_lines=raw_lines, line_no=tuple(body), set_aside=set_aside_frame(rows),
                     characters=table, pages=pages, notes=tuple(notes))
