"""Main text of a saved web page (trafilatura decides, lxml parses), the rest set aside as boilerplate.

The page is parsed with lxml and read as its sequence of text blocks (one per
paragraph, heading, list item, table cell …; scripts and styles dropped).
trafilatura picks the page's main text; the body is the run of blocks from the
first to the last block that trafilatura kept, so a paragraph it drops inside
the article (it drops repeats such as a salutation said twice) stays, and the
page's ``h1`` heading, when it comes before that run, is kept as the first
line (the cleaning sets titles aside).  Every other block — menus,
breadcrumbs, share buttons, related-article lists, footers — is set aside
with kind ``boilerplate``.  Body blocks are separated by blank lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorpusError
from .extracted import Extracted, finish
from .textfile import read

__all__ = ["Extracted", "blocks", "extract"]

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "br",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def blocks(page: str) -> list[tuple[str, str]]:
    """The text blocks of an HTML page in document order: ``(tag, text)`` with whitespace collapsed."""
    import lxml.html

    root = lxml.html.document_fromstring(page)
    found: list[tuple[str, str]] = []
    parts: list[str] = []
    current = ["body"]

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(parts)).strip()
        if text:
            found.append((current[0], text))
        parts.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:
            if element.tail:
                parts.append(element.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
            outer, current[0] = current[0], tag
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
            current[0] = outer
        if element.tail:
            parts.append(element.tail)

    walk(root)
    flush()
    return found


def extract(path: Path, *, label: str | None = None) -> Extracted:
    """Extract the main text of the saved page at ``path``; see the module docstring.

    Raises :class:`~helpers.errors.CorpusError` naming the file when it cannot
    be decoded or parsed, or when no main text is found.
    """
    import trafilatura

    label = label or str(path)
    page = read(Path(path), label=label).text
    try:
        page_blocks = blocks(page)
    except Exception as error:  # lxml's parser errors (empty document, broken markup)
        raise CorpusError(f"{label}: not a readable HTML page ({error})") from None
    main = trafilatura.extract(page, output_format="txt", include_tables=True, deduplicate=False) or ""
    kept = {_key(line) for line in main.splitlines() if line.strip()}
    hits = [i for i, (_, text) in enumerate(page_blocks) if _key(text) in kept]
    if not hits:
        raise CorpusError(f"{label}: no main text found in the HTML page")
    first, last = hits[0], hits[-1]
    heading = next((i for i, (tag, _) in enumerate(page_blocks[:first]) if tag == "h1"), None)
    raw: list[str] = []
    body: list[int] = []
    rows: list[dict] = []
    for i, (_, text) in enumerate(page_blocks):
        if first <= i <= last or i == heading:
            if raw and raw[-1] != "":
                raw.append("")
            raw.append(text)
            body.append(len(raw))
            raw.append("")
        else:
            raw.append(text)
            where = "before" if i < first else "after"
            rows.append({"kind": "boilerplate", "text": text, "page": None, "line_start": len(raw),
                         "line_end": len(raw), "reason": f"outside the main text ({where} it)"})
    return finish(raw, body, rows)
