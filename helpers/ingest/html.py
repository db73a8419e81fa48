"""Main text of a saved web page (trafilatura decides, lxml parses), the rest set aside as boilerplate.

The page is parsed with lxml and read as its sequence of text blocks (one per
paragraph, heading, list item, table cell …; scripts and styles dropped).
trafilatura picks the page's main text; the body is the run of blocks from the
first to the last block other than the ``h1`` that trafilatura kept, so a
paragraph it drops inside the article (it drops repeats such as a salutation
said twice) stays, and the page's ``h1`` heading, when it comes before that
run, is kept as the first line (the cleaning sets titles aside) while a share
bar or date line between it and the first paragraph is not.  Every other
block — menus, breadcrumbs, share buttons, related-article lists, footers —
is set aside with kind ``boilerplate``.  Body blocks are separated by blank
lines.  A byte-order mark inside the page (two pages joined) is a boundary:
each part is read on its own, the mark kept at the start of the next body line.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from ..errors import CorpusError
from .extracted import Extracted, finish
from .textfile import read

__all__ = ["Extracted", "blocks", "extract", "parse"]

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "br",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_SPACE = re.compile(r"\s+")
_FONT = re.compile(r"</?font\b[^>]*>", re.IGNORECASE)  # presentation only, and often never closed
_HIDDEN = re.compile(r"<!--.*?-->|<(script|style|noscript|template|head|svg|iframe|object)\b.*?</\1\s*>",
                     re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_PARSER_DEPTH = 2000  # libxml2 reads about 2,048 levels with huge_tree, and silently stops there


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def parse(page: str):
    """The page parsed by lxml, ``<font>`` tags removed and libxml2's nesting limit raised: old pages nest
    unclosed ``<font>`` tags hundreds deep, and past 255 levels the default parser drops the rest."""
    import lxml.html

    return lxml.html.document_fromstring(_FONT.sub("", page), parser=lxml.html.HTMLParser(huge_tree=True))


def blocks(page: str) -> list[tuple[str, str]]:
    """The text blocks of an HTML page in document order: ``(tag, text)`` with whitespace collapsed."""
    return _blocks(parse(page))


def _blocks(root) -> list[tuple[str, str]]:
    """The text blocks under ``root``, walked with a stack of its own (no recursion: any depth)."""
    found: list[tuple[str, str]] = []
    parts: list[str] = []
    current = ["body"]

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(parts)).strip()
        if text:
            found.append((current[0], text))
        parts.clear()

    stack: list[tuple] = [("enter", root)]
    while stack:
        step = stack.pop()
        if step[0] == "text":
            parts.append(step[1])
            continue
        if step[0] == "leave":
            flush()
            current[0] = step[1]
            continue
        element = step[1]
        tag = element.tag if isinstance(element.tag, str) else ""
        if element.tail and element is not root:
            stack.append(("text", element.tail))
        if tag in _SKIP_TAGS or not tag:
            continue
        if tag in _BLOCK_TAGS:
            flush()
            stack.append(("leave", current[0]))
            current[0] = tag
        stack.extend(("enter", child) for child in reversed(element))
        if element.text:
            stack.append(("text", element.text))
    flush()
    return found


def extract(path: Path, *, label: str | None = None) -> Extracted:
    """Extract the main text of the saved page at ``path``; see the module docstring.

    A byte-order mark inside the page (two saved pages joined) is a boundary:
    each part is parsed and read on its own, and the first body line after a
    mark starts with it so the cleaning never joins across it.

    Raises :class:`~helpers.errors.CorpusError` naming the file when it cannot
    be decoded or parsed, or when no main text is found.
    """
    label = label or str(path)
    page = read(Path(path), label=label).text
    parts = [part for part in page.lstrip("\ufeff").split("\ufeff") if part.strip()] or [page]
    raw: list[str] = []
    body: list[int] = []
    rows: list[dict] = []
    notes: list[str] = []
    found = False
    for number, part in enumerate(parts):
        found |= _read_part(part, label, raw, body, rows, notes, boundary=number > 0)
    if not found:
        raise CorpusError(f"{label}: no main text found in the HTML page")
    return finish(raw, body, rows, notes=tuple(notes))


def _read_part(page: str, label: str, raw: list[str], body: list[int], rows: list[dict], notes: list[str], *,
               boundary: bool) -> bool:
    """Append the blocks of one page (or part of a page between byte-order marks) to ``raw``, ``body`` and
    ``rows``; whether trafilatura found main text in it (when not, every block is set aside)."""
    import trafilatura

    try:
        root = parse(page)
    except Exception as error:  # lxml's parser errors (empty document, broken markup)
        if boundary:  # a part after a byte-order mark that holds no markup lxml reads (whitespace, a comment)
            return False
        raise CorpusError(f"{label}: not a readable HTML page ({error})") from None
    page_blocks = _blocks(root)
    # trafilatura gets the tree parsed without the nesting limit (from the text it would parse with the limit)
    main = trafilatura.extract(root, output_format="txt", include_tables=True, deduplicate=False) or ""
    kept = {_key(line) for line in main.splitlines() if line.strip()}
    hits = [i for i, (_, text) in enumerate(page_blocks) if _key(text) in kept]
    # the h1 is found below, not here: a share bar or date line between it and the first paragraph stays outside
    hits = [i for i in hits if page_blocks[i][0] != "h1"] or hits
    first, last = (hits[0], hits[-1]) if hits else (len(page_blocks), -1)
    heading = next((i for i, (tag, _) in enumerate(page_blocks[:first]) if tag == "h1"), None) if hits else None
    for i, (_, text) in enumerate(page_blocks):
        if first <= i <= last or i == heading:
            if raw and raw[-1] != "":
                raw.append("")
            raw.append("\ufeff" + text if boundary else text)
            boundary = False
            body.append(len(raw))
            raw.append("")
        else:
            raw.append(text)
            where = "before" if i < first else "after"
            rows.append({"kind": "boilerplate", "text": text, "page": None, "line_start": len(raw),
                         "line_end": len(raw), "reason": f"outside the main text ({where} it)"})
    if (unread := _unread(page, root, page_blocks)) is not None:
        line, text = unread
        raw.append(text)
        reason = (f"nested deeper than the HTML parser reads ({_PARSER_DEPTH:,}+ levels): the page's text from "
                  f"its line {line} on is not in the body")
        rows.append({"kind": "unread", "text": text, "page": None, "line_start": len(raw), "line_end": len(raw),
                     "reason": reason})
        notes.append(f"{reason} ({len(_key(text)):,} characters set aside as 'unread')")
    return bool(hits)


def _depth(root) -> int:
    """The deepest nesting level under ``root``."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        element, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in element)
    return deepest


def _unread(page: str, root, page_blocks: list[tuple[str, str]]) -> tuple[int, str] | None:
    """``(line, text)``: the page's text from the first source line the parser did not read, when the tree
    reaches the parser's nesting limit (the text after it is dropped without an error); else None."""
    if _depth(root) < _PARSER_DEPTH:
        return None
    read_text = "".join(_key(text) for _, text in page_blocks)
    at = 0
    lines = _HIDDEN.sub(lambda m: "\n" * m.group(0).count("\n"), _FONT.sub("", page)).split("\n")
    for number, line in enumerate(lines, start=1):
        text = _key(htmllib.unescape(_TAG.sub("", line)))
        found = read_text.find(text, at) if text else at
        if found < 0:
            rest = [htmllib.unescape(_TAG.sub("", x)).strip() for x in lines[number - 1:]]
            return number, " ".join(x for x in rest if x)
        at = found + len(text)
    return None
