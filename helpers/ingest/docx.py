"""Text from a Word ``.docx`` file (python-docx opens it, its XML is read here), the rest set aside.

The body's paragraphs and table cells come in document order (content
controls included; a merged cell once), each paragraph followed by a blank
line (so the cleaning sees blank-line-separated paragraphs); a line break
inside a paragraph stays a line break.  Tracked changes are accepted: the
text is the final version, insertions (``w:ins``, ``w:moveTo``) kept in their
paragraphs and deletions (``w:del``, ``w:moveFrom``) left out of the body and
set aside as ``deletion``, with a note saying how many of each.  Footnotes
and endnotes are set aside as ``footnote`` and ``endnote``; the text of each
section's headers and footers (first-page, even-page and default ones, each
distinct text once) as ``header`` or ``footer``.  Raw lines: headers, body,
footnotes, endnotes, deletions, footers.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import CorpusError
from .extracted import Extracted, finish

__all__ = ["Extracted", "extract"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DELETED = {f"{_W}del", f"{_W}moveFrom"}
_INSERTED = {f"{_W}ins", f"{_W}moveTo"}
_UNREAD = {f"{_W}txbxContent", f"{_MC}AlternateContent", f"{_W}instrText", f"{_W}delInstrText",
           f"{_W}pPr", f"{_W}rPr"}  # text boxes (as python-docx), field codes, formatting (and its changes)
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_NOTE_KINDS = ("footnote", "endnote")


def extract(path: Path, *, label: str | None = None) -> Extracted:
    """Extract the text of the ``.docx`` at ``path``; see the module docstring.

    Raises :class:`~helpers.errors.CorpusError` naming the file when it is not
    a readable ``.docx`` (an old binary ``.doc`` renamed, a broken archive, XML
    beyond the parser's limits) or has no text.
    """
    label = label or str(path)
    document = _open(Path(path), label)
    changes = {"insertions": 0, "deletions": []}
    headers = _furniture(document, "header", changes)
    footers = _furniture(document, "footer", changes)
    raw: list[str] = []
    rows: list[dict] = []
    _add_parts(raw, rows, "header", [[t] for t in headers], "page header of the Word document")
    body: list[int] = []
    for text in _blocks(document.element.body, changes):
        for line in text.split("\n"):
            raw.append(line)
            if line.strip():
                body.append(len(raw))
        raw.append("")
    if not body:
        raise CorpusError(f"{label}: the document has no text")
    for kind in _NOTE_KINDS:
        _add_parts(raw, rows, kind, _notes(document, kind, changes, label), f"{kind} of the Word document")
    deletions = changes["deletions"]
    _add_parts(raw, rows, "deletion", [[t] for t in deletions],
               "tracked deletion (changes accepted: not in the final text)")
    _add_parts(raw, rows, "footer", [[t] for t in footers], "page footer of the Word document")
    notes = []
    if changes["insertions"] or deletions:
        notes.append(f"tracked changes accepted as the final text: {changes['insertions']} insertion(s) kept, "
                     f"{len(deletions)} deletion(s) left out of the body (set aside as 'deletion')")
    return finish(raw, body, rows, notes=tuple(notes))


def _open(path: Path, label: str):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except PackageNotFoundError:
        with open(path, "rb") as handle:
            head = handle.read(8)
        hint = " (an old binary .doc? save it as .docx)" if head.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise CorpusError(f"{label}: not a readable .docx file{hint}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError) as error:  # a broken archive
        raise CorpusError(f"{label}: not a readable .docx file (a broken archive: {error})") from None
    except etree.XMLSyntaxError as error:  # malformed XML, or beyond lxml's limits (depth, text node size)
        raise CorpusError(f"{label}: not a readable .docx file (its XML cannot be parsed: {error})") from None


def _text(paragraph, changes: dict) -> str:
    """A paragraph's final text: insertions kept, deletions collected in ``changes['deletions']``."""
    parts: list[str] = []
    stack = list(reversed(paragraph))
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag in _DELETED:
            deleted = "".join(element.itertext()).strip()
            if deleted:
                changes["deletions"].append(deleted)
            continue
        if tag in _UNREAD or not isinstance(tag, str):
            continue
        if tag in _INSERTED:
            changes["insertions"] += 1
        if tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag in _CHARACTERS:
            parts.append(_CHARACTERS[tag])
        stack.extend(reversed(element))
    return "".join(parts)


def _blocks(container, changes: dict) -> list[str]:
    """Paragraph texts under ``container`` in document order: paragraphs, table cells (each merged cell
    once, nested tables included), content controls."""
    texts: list[str] = []
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            text = _text(child, changes)
            if text.strip():
                texts.append(text)
        elif tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):
                    texts += _blocks(cell, changes)
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent", *_INSERTED):
            texts += _blocks(child, changes)
    return texts


def _notes(document, kind: str, changes: dict, label: str) -> list[list[str]]:
    """The paragraphs of each footnote (or endnote) of the document, separators left out."""
    parts = [rel.target_part for rel in document.part.rels.values()
             if not rel.is_external and rel.reltype.endswith(f"/{kind}s")]
    found = []
    for part in parts:
        try:
            root = etree.fromstring(part.blob, parser=etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError as error:
            raise CorpusError(f"{label}: not a readable .docx file (its {kind}s cannot be parsed: {error})") from None
        for note in root.iterchildren(f"{_W}{kind}"):
            if note.get(f"{_W}type") not in (None, "normal"):
                continue
            lines = [line for text in _blocks(note, changes) for line in text.split("\n") if line.strip()]
            if lines:
                found.append(lines)
    return found


def _furniture(document, kind: str, changes: dict) -> list[str]:
    """Distinct header (or footer) paragraph texts of every section, in order."""
    seen: list[str] = []
    for section in document.sections:
        for attribute in (f"first_page_{kind}", f"even_page_{kind}", kind):
            part = getattr(section, attribute)
            if part.is_linked_to_previous and attribute != kind:
                continue
            for paragraph in part.paragraphs:
                text = _text(paragraph._p, changes).strip()
                if text and text not in seen:
                    seen.append(text)
    return seen


def _add_parts(raw: list[str], rows: list[dict], kind: str, parts: list[list[str]], reason: str) -> None:
    """Append each part (its lines) to ``raw`` and a set-aside row of ``kind`` spanning them."""
    for lines in parts:
        start = len(raw) + 1
        raw.extend(lines)
        rows.append({"kind": kind, "text": "\n".join(lines), "reason": reason, "page": None,
                     "line_start": start, "line_end": len(raw)})
