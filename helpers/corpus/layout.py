"""Layouts: how a text marks its paragraphs, and its lines grouped into paragraph blocks.

The values of ``documents.layout``, one per document:

``wrapped``
    hard line breaks inside paragraphs (a PDF extraction or a printout), with
    or without a blank line after every line; a paragraph starts at an
    indented line (or, without indents, after a short line ending a
    sentence); page numbers and the running headers next to them are set aside;
``blank_lines``
    paragraphs separated by blank lines; a single line break inside a block is
    not a paragraph break (web copies break lines at links);
``indented``
    one paragraph per line, paragraph starts indented (U+3000, U+2003, a tab,
    two or more spaces), nothing between the lines;
``line_per_paragraph``
    one paragraph per line, nothing between the lines and no indents;
``mixed``
    a front block (title, date line, byline) shaped one way, the body another
    (say, front lines separated by blank lines, then one paragraph per line).

Whatever the layout, an indented line, a news-header line and a bullet item
start a new block, a byte-order mark inside the text (two files joined) starts
one that is never joined to the one before, and :mod:`helpers.corpus.breaks`
afterwards joins blocks broken inside a sentence.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from ..punctuation import PAGE_NUMBER_DASHES, PROSE_ENDS
from .clean import Block, ends_prose, is_bullet, is_header_line, starts_with_salutation
from .sentences import ends_sentence
from .structure import is_heading_start

__all__ = ["LAYOUTS", "detect_layout", "find_page_furniture", "is_blank", "is_indented", "split_paragraphs"]

LAYOUTS = ("wrapped", "blank_lines", "indented", "line_per_paragraph", "mixed")

_INDENT = re.compile(r"^(?:[\u2003\u3000\t]|\u0020{2,}|\u00a0)")
_PAGE_NUMBER = re.compile(
    rf"^[{PAGE_NUMBER_DASHES}\s]*(?:第\s*)?(\d{{1,4}})(?:\s*页)?(?:\s*/\s*\d{{1,4}}|\s*共\s*\d{{1,4}}\s*页)?"
    rf"[{PAGE_NUMBER_DASHES}\s]*$")
_INVISIBLE = " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
_MIN_PAGE_LINES = 3  # page numbers are at least this many lines apart (a last page may be short)
_MAX_HEADER = 40  # a running header is shorter than this
_WRAP_SHARE = 0.75  # a line this share of the wrap width or wider may be a wrapped line
_BOUNDARY = "\ufeff"  # a byte-order mark inside a text: two files joined (helpers.ingest.textfile)


def is_blank(line: str) -> bool:
    """Whether a line holds nothing visible (whitespace and zero-width characters only)."""
    return not line.strip(_INVISIBLE)


def is_indented(line: str) -> bool:
    """Whether a line starts with a paragraph indent (em/ideographic space, tab, 2+ spaces)."""
    return bool(_INDENT.match(line.lstrip("\f"))) and not is_blank(line)


def find_page_furniture(lines: list[str]) -> dict[int, tuple[str, str]]:
    """Page numbers and running headers: ``{line index: (kind, reason)}``.

    Page numbers are lines holding only a number (``3``, ``- 3 -``, ``第3页``,
    ``3/12``) that count up by one, at least :data:`_MIN_PAGE_LINES` lines
    apart, two or more of them (a lone ``2`` of ``M2`` broken across lines is
    not one).  A running header is a short line repeated next to two or more
    page breaks (a page number or a form feed).
    """
    found: dict[int, tuple[str, str]] = {}
    numbers = [(i, int(m.group(1))) for i, line in enumerate(lines)
               if not is_blank(line) and (m := _PAGE_NUMBER.match(line.strip()))]
    chain: dict[int, list[int]] = {}  # the longest run of page numbers ending at a candidate
    for k, (i, n) in enumerate(numbers):
        best: list[int] = []
        for j, m in numbers[:k]:
            if m == n - 1 and i - j >= _MIN_PAGE_LINES and len(chain[j]) > len(best):
                best = chain[j]
        chain[i] = [*best, i]
    run = max(chain.values(), key=len, default=[])
    if len(run) >= 2:
        for i in run:
            found[i] = ("page_number", "a page number (numbers counting up, one per page)")
    breaks = [*run, *(i for i, line in enumerate(lines) if "\f" in line)]
    after: dict[str, list[int]] = {}
    for b in sorted(set(breaks)):
        start = b if "\f" in lines[b] and b not in found else b + 1
        nxt = next((i for i in range(start, len(lines)) if not is_blank(lines[i]) and i not in found), None)
        if nxt is not None and len(lines[nxt].strip()) <= _MAX_HEADER:
            after.setdefault(lines[nxt].strip(), []).append(nxt)
    for text, where in after.items():
        if len(where) >= 2 and not ends_sentence(text):
            for i in where:
                found[i] = ("page_header", "a running header repeated after page breaks")
    return found


def _transitions(lines: list[str], skip) -> list[tuple[int, int, bool]]:
    """Consecutive kept non-blank lines ``(i, j, blank line between)``."""
    blank = [is_blank(line) for line in lines]
    kept = [i for i, b in enumerate(blank) if not b and i not in skip]
    return [(i, j, any(blank[i + 1:j])) for i, j in itertools.pairwise(kept)]


def _width(line: str) -> int:
    """The display width of a line: two columns for a wide (Chinese) character, one for others."""
    text = line.strip()
    return len(text) + sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)


def _wrap_width(widths: list[int]) -> float:
    """The width a hard-wrapped text wraps at: the width most lines reach (the upper quintile's lower bound)."""
    ordered = sorted(widths)
    return ordered[int(len(ordered) * 0.8)] if ordered else 0.0


def _body_like(line: str) -> bool:
    text = line.strip()
    return len(text) > 80 or "。" in text or starts_with_salutation(text) or is_heading_start(text)


def detect_layout(lines: list[str], *, skip=frozenset()) -> str:
    """The layout of a text (see the module docstring); lines in ``skip`` (page furniture) are ignored.

    ``wrapped`` when most lines are followed by another although they end in
    the middle of a sentence (a Chinese or an English one) and run to the
    text's wrap width (a short line ending without punctuation is a heading, a
    title or a paragraph ending in a link, not a wrapped line); else ``blank_lines`` when most paragraph ends
    are blank lines, ``indented`` or ``line_per_paragraph`` otherwise;
    ``mixed`` when the front block before the first line of body text is
    separated differently (blank lines or not) from the body.
    """
    steps = _transitions(lines, skip)
    widths = {i: _width(lines[i]) for i, _, _ in steps}
    full = _WRAP_SHARE * _wrap_width(list(widths.values()))
    broken = [widths[i] >= full and not ends_prose(lines[i]) for i, _, _ in steps]
    if len(broken) >= 3 and sum(broken) > len(broken) / 2:
        return "wrapped"
    front, base = _shape(lines, steps, skip)
    if front and (sum(front) > len(front) / 2) != (base == "blank_lines") and len(steps) > len(front):
        return "mixed"
    return base


def _shape(lines: list[str], steps, skip) -> tuple[list[bool], str]:
    """The front block's transitions (blank line or not) and the layout of the body after it."""
    front = []
    for i, _, b in steps:
        if _body_like(lines[i]):
            break
        front.append(b)
    body = steps[len(front):] or steps
    ends = [(i, j, b) for i, j, b in body if ends_prose(lines[i])] or body  # the paragraph ends, where known
    blank = sum(b for _, _, b in ends)
    if blank >= len(ends) - blank:
        return front, "blank_lines"
    kept = [line for i, line in enumerate(lines) if not is_blank(line) and i not in skip]
    return front, "indented" if sum(map(is_indented, kept)) > len(kept) / 2 else "line_per_paragraph"


def split_paragraphs(lines: list[str], layout: str, *, skip=frozenset()) -> list[Block]:
    """Group raw lines into paragraph blocks (lines in ``skip``, the page furniture, are left out).

    In ``wrapped`` layout blank lines and page breaks are layout, not
    structure: a paragraph starts at an indented line, and before the first
    indented line (title, byline) each blank-separated line is its own block;
    if a wrapped text has no indents at all, a short line ending a sentence,
    or a numbered heading after a sentence end, ends its paragraph.  In the
    other layouts a blank line ends a paragraph, and so does every line break
    where most paragraph ends are line breaks (``indented``,
    ``line_per_paragraph``, or a ``mixed`` body of that kind).  An indented
    line, a news-header line (``发表时间：…``) or a bullet item (``* …``,
    ``• …``) always starts a block, and so
    does a line after a byte-order mark (two files joined: ``before`` is
    ``file_boundary``, a break :mod:`helpers.corpus.breaks` never repairs).
    Each block says in ``before`` what separated it from the block before.
    """
    steps = _transitions(lines, skip)
    wrapped = layout == "wrapped"
    single = layout in ("indented", "line_per_paragraph") or (
        layout == "mixed" and _shape(lines, steps, skip)[1] != "blank_lines")
    has_indent = any(is_indented(line) for i, line in enumerate(lines) if i not in skip)
    typical = 0.0  # the median line length: only a wrapped text without indents needs it
    if wrapped and not has_indent:
        typical = _typical_length([line for i, line in enumerate(lines) if i not in skip])
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    seen_indent = False
    gap, before = "", ""
    for number, line in enumerate(lines, start=1):
        if number - 1 in skip:
            gap = "page_break"
            continue
        if _BOUNDARY in line:
            gap = "file_boundary"
        if is_blank(line):
            gap = gap or "blank_line"
            continue
        boundary = ""
        if current:
            previous = current[-1][1].strip()
            if gap == "file_boundary":
                boundary = gap
            elif is_indented(line):
                boundary = "indent"
            elif is_header_line(line) or is_bullet(line):
                boundary = gap or "line_break"
            elif wrapped:
                if gap and has_indent and not seen_indent:
                    boundary = gap
                elif not has_indent and (previous[-1] in PROSE_ENDS or _english_end(previous)) and (
                        len(previous) < 0.8 * typical or is_heading_start(line)):
                    boundary = gap or "line_break"
            elif gap or single:
                boundary = gap or "line_break"
        if boundary:
            blocks.append(_block(current, before))
            current, before = [], boundary
        seen_indent = seen_indent or is_indented(line)
        current.append((number, line))
        gap = ""
    if current:
        blocks.append(_block(current, before))
    return blocks


def _english_end(text: str) -> bool:
    """Whether a line ends an English sentence (``… the road.``), not a Chinese one."""
    return ends_prose(text) and not ends_sentence(text)


def _block(current: list[tuple[int, str]], before: str) -> Block:
    return Block(tuple(text for _, text in current), current[0][0], current[-1][0], before)


def _typical_length(lines: list[str]) -> float:
    lengths = sorted(len(line.strip()) for line in lines if not is_blank(line))
    return lengths[len(lengths) // 2] if lengths else 0.0
