"""Text from the text layer of a PDF (pdfplumber), with running headers, footers and page numbers set aside.

Each page's text lines come from pdfplumber with their positions.  From the
positions alone, with no rule for one particular layout:

* a page set in two columns (an empty strip in the middle third of the text's
  width that at most a tenth of the lines cross, with text on both sides of it
  on a third of the lines) is read column by column: between lines that cross
  the strip (titles, running headers, page numbers), the left column's lines
  come before the right column's, and no line mixes the two;
* a paragraph gap (a vertical gap over 1.6 times the document's usual line
  pitch) becomes a blank line, and a line that starts right of the page's usual
  left edge keeps its indent as U+3000 spaces (one per character width), so
  the cleaning finds paragraph starts as in an indented text;
* the first and last :data:`BAND` lines of each page are candidates for page
  furniture: a candidate whose text, with digits masked, recurs at the same end
  (top or bottom) of at least half of the pages (and of two) is a running
  ``header`` or ``footer``; one that is only a page number (``3``, ``- 3 -``,
  ``— 3 —``, ``第3页``, ``3/12``, ``Page 3 of 12``) at the same end of at least
  half of the pages is a ``page_number`` (on a one-page PDF, when a gap
  separates it from the text).

Look-alike characters (Kangxi radicals and the like) are mapped by
:func:`helpers.ingest.characters.map_characters` before anything is compared.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import CorpusError
from ..punctuation import PAGE_NUMBER_DASHES
from .characters import map_characters
from .extracted import Extracted, finish

__all__ = ["BAND", "Extracted", "extract"]

BAND = 2  # lines at each end of a page that may be headers, footers or page numbers
_GAP = 1.6  # a vertical gap over this many line pitches is a paragraph gap
_COLUMN_LINES = 3  # lines with text either side of a gutter, at least, for a page in two columns
_DIGITS = re.compile(r"[0-9０-９]+")
_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(
    rf"^[{PAGE_NUMBER_DASHES}\s]*(?:第\s*)?[0-9０-９]+\s*(?:页)?(?:\s*[/／]\s*[0-9０-９]+)?(?:\s*共\s*[0-9０-９]+\s*页)?"
    rf"[{PAGE_NUMBER_DASHES}\s]*$"
    r"|^(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?$",
    re.IGNORECASE,
)


@dataclass
class _Line:
    page: int
    text: str
    x0: float
    top: float
    bottom: float
    size: float
    chars: tuple = ()  # the visible characters, as pdfplumber gives them


def extract(path: Path, *, label: str | None = None) -> Extracted:
    """Extract the text layer of the PDF at ``path``; see the module docstring.

    Raises :class:`~helpers.errors.CorpusError` naming the file (and page) when
    the PDF cannot be opened, is encrypted, or has no text layer.
    """
    label = label or str(path)
    pages = _read_pages(Path(path), label)
    if not any(pages):
        raise CorpusError(f"{label}: no text layer on any of its {len(pages)} pages "
                          "(a scanned PDF?): run OCR on it first")
    furniture = _furniture(pages)
    pitch = _pitch(pages)
    text_lines = [[line for i, line in enumerate(lines) if (page_no, i) not in furniture]
                  for page_no, lines in enumerate(pages, start=1)]
    whole = _margin([line for lines in text_lines for line in lines])
    raw, page_of, rows, body = [], [], [], []
    for page_no, lines in enumerate(pages, start=1):
        margin = _margin(text_lines[page_no - 1]) or whole or min(line.x0 for line in text_lines[page_no - 1] or lines)
        previous = None
        for index, line in enumerate(lines):
            if previous is not None and line.top - previous.top > _GAP * pitch and (page_no, index) not in furniture:
                raw.append("")
                page_of.append(page_no)
            page_of.append(page_no)
            if (page_no, index) in furniture:
                raw.append(line.text)
                kind, reason = furniture[page_no, index]
                rows.append({"kind": kind, "text": line.text, "reason": reason, "page": page_no,
                             "line_start": len(raw), "line_end": len(raw)})
            else:
                indent = round((line.x0 - margin) / line.size) if line.size else 0
                raw.append("\u3000" * indent + line.text if indent > 0 else line.text)
                body.append(len(raw))
                previous = line
    return finish(raw, body, rows, pages=tuple(page_of))


def _read_pages(path: Path, label: str) -> list[list[_Line]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except OSError as error:
        raise CorpusError(f"{label}: cannot read the file ({error.strerror})") from None
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect):
            raise CorpusError(f"{label}: the PDF is encrypted with a password") from None
        raise CorpusError(f"{label}: not a readable PDF ({cause})") from None
    pages = []
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                pages.append(_page_lines(page, number))
            except Exception as error:  # pdfminer raises many kinds on broken content streams
                raise CorpusError(f"{label}, page {number}: cannot read the text layer ({error})") from None
    return pages


def _lines_of(page, number: int, *, shift: float = 0.0) -> list[_Line]:
    """The text lines of a page (or of a region of one) from top to bottom, ``x0`` moved left by ``shift``."""
    lines = []
    found = page.extract_text_lines(strip=True, return_chars=True)
    for line in sorted(found, key=lambda item: (round(item["top"]), item["x0"])):
        text = line["text"]
        if not text.strip():
            continue
        sizes = [c["size"] for c in line["chars"] if not c["text"].isspace()]
        lines.append(_Line(number, text, line["x0"] - shift, line["top"], line["bottom"],
                           statistics.median(sizes) if sizes else 0.0,
                           tuple(c for c in line["chars"] if not c["text"].isspace())))
    return lines


def _page_lines(page, number: int) -> list[_Line]:
    """A page's lines in reading order: a page set in two columns is read column by column.

    Between lines that cross the gutter (a title, a running header, a page
    number), the left column's lines come before the right column's; a right
    column's lines are shifted left by the distance between the columns' left
    edges, so its indents read as indents.
    """
    lines = _lines_of(page, number)
    gutter = _gutter(page, lines)
    if gutter is None:
        return lines
    low, high = gutter
    x0, _, x1, _ = page.bbox
    out: list[_Line] = []
    band: list[_Line] = []

    def read_band() -> None:
        if not band:
            return
        upper, lower = min(line.top for line in band) - 0.5, max(line.bottom for line in band) + 0.5
        left = _lines_of(page.within_bbox((x0, upper, low, lower)), number)
        right = page.within_bbox((high, upper, x1, lower))
        shift = min((c["x0"] for c in right.chars if not c["text"].isspace()), default=high) - \
            min((line.x0 for line in left), default=x0)
        columns = left + _lines_of(right, number, shift=shift)
        whole = sum(map(len, (line.chars for line in columns))) == sum(map(len, (line.chars for line in band)))
        out.extend(columns if whole else band)  # a character in neither column, or in both: the lines as they are
        band.clear()

    for line in lines:
        if _crosses(line, low, high):
            read_band()
            out.append(line)
        else:
            band.append(line)
    read_band()
    return out


def _crosses(line: _Line, low: float, high: float) -> bool:
    """Whether a character of the line lies in the gutter (a line across both columns)."""
    return any(c["x0"] < high and c["x1"] > low for c in line.chars)


def _gutter(page, lines: list[_Line]) -> tuple[float, float] | None:
    """The empty vertical strip between two columns of text, ``(left, right)`` in points, or None.

    A strip in the middle third of the text's width, at least a character
    wide, that at most a tenth of the lines cross, with text on both sides of
    it on at least :data:`_COLUMN_LINES` lines and on a third of the lines.
    """
    chars = [c for c in page.chars if not c["text"].isspace()]
    if len(lines) < 2 * _COLUMN_LINES or not chars:
        return None
    left = math.floor(min(c["x0"] for c in chars))
    right = math.ceil(max(c["x1"] for c in chars))
    width = right - left
    size = statistics.median(c["size"] for c in chars)
    covered = np.zeros(width + 1, dtype=np.int64)
    both_sides = []
    for line in lines:
        spans = np.zeros(width + 1, dtype=bool)
        for c in line.chars:
            spans[max(0, math.floor(c["x0"]) - left + 1): math.ceil(c["x1"]) - left] = True
        covered += spans
        both_sides.append(spans)
    low, high = left + width // 3, left + 2 * width // 3
    free = covered[low - left: high - left + 1] <= len(lines) / 10
    best = None
    for is_free, run in itertools.groupby(enumerate(free, start=low), key=lambda item: item[1]):
        xs = [x for x, _ in run]
        if is_free and len(xs) >= size and (best is None or len(xs) > best[1] - best[0]):
            best = (xs[0], xs[-1])
    if best is None:
        return None
    a, b = best[0] - left, best[1] - left
    two = sum(bool(s[:a].any() and s[b + 1:].any()) for s in both_sides)
    return (float(best[0]), float(best[1])) if two >= max(_COLUMN_LINES, len(lines) / 3) else None


def _pitch(pages: list[list[_Line]]) -> float:
    """The usual distance between the tops of successive lines of a page."""
    steps = [round(b.top - a.top, 1) for lines in pages for a, b in itertools.pairwise(lines)
             if b.top > a.top]
    return Counter(steps).most_common(1)[0][0] if steps else float("inf")


def _margin(lines: list[_Line]) -> float | None:
    """The usual left edge of ``lines``: the leftmost start shared by a tenth of them (None for under 5 lines)."""
    if len(lines) < 5:
        return None
    starts = Counter(round(line.x0) for line in lines)
    return float(min(x for x, n in starts.items() if n >= len(lines) / 10))


def _key(text: str) -> str:
    """The text compared across pages: look-alikes mapped, spaces dropped, digits masked."""
    return _DIGITS.sub("#", _SPACE.sub("", map_characters(text)[0]))


def _furniture(pages: list[list[_Line]]) -> dict[tuple[int, int], tuple[str, str]]:
    """(page, line index) → (kind, reason) for running headers, footers and page numbers."""
    n_pages = len(pages)
    needed = max(2, (n_pages + 1) // 2)
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for end, kind in (("top", "header"), ("bottom", "footer")):
        candidates = []  # (page, index, line), outermost first
        for page_no, lines in enumerate(pages, start=1):
            indexes = range(min(BAND, len(lines))) if end == "top" else range(len(lines) - 1,
                                                                                max(len(lines) - BAND, 0) - 1, -1)
            candidates += [(page_no, i, lines[i]) for i in indexes]
        pages_with = Counter()
        for key in {(_key(line.text), page) for page, _, line in candidates}:
            pages_with[key[0]] += 1
        numbered = {page for page, _, line in candidates if _PAGE_NUMBER.match(line.text)}
        for page_no, index, line in candidates:
            lines = pages[page_no - 1]
            if not _outermost(lines, index, end, found, page_no):
                continue
            if _PAGE_NUMBER.match(line.text):
                if len(numbered) >= needed or (n_pages == 1 and _apart(lines, index, end)):
                    found[page_no, index] = ("page_number", f"page number at the {end} of "
                                             f"{len(numbered)} of {n_pages} pages")
            elif pages_with[_key(line.text)] >= needed and n_pages > 1:
                found[page_no, index] = (kind, f"repeated at the {end} of {pages_with[_key(line.text)]} "
                                         f"of {n_pages} pages")
    return found


def _outermost(lines: list[_Line], index: int, end: str, found: dict, page_no: int) -> bool:
    """Whether every line between this one and its end of the page is already furniture."""
    between = range(index) if end == "top" else range(index + 1, len(lines))
    return all((page_no, i) in found for i in between)


def _apart(lines: list[_Line], index: int, end: str) -> bool:
    """Whether a gap of more than two line heights separates the line from its neighbour."""
    neighbour = index + 1 if end == "top" else index - 1
    if not 0 <= neighbour < len(lines):
        return False
    line, other = lines[index], lines[neighbour]
    height = max(line.bottom - line.top, other.bottom - other.top, 1.0)
    return abs(other.top - line.top) > 2 * height
