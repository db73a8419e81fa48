"""Text from a Word ``.docx`` file (python-docx), its page headers and footers set aside.

The body's paragraphs and table cells come in document order, each paragraph
followed by a blank line (so the cleaning sees blank-line-separated
paragraphs); a line break inside a paragraph stays a line break.  The text of
each section's headers and footers (first-page, even-page and default ones,
each distinct text once) is set aside as ``header`` or ``footer``; it comes
first (headers) and last (footers) among the raw lines.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import CorpusError
from .extracted import Extracted, finish

__all__ = ["Extracted", "extract"]


def extract(path: Path, *, label: str | None = None) -> Extracted:
    """Extract the text of the ``.docx`` at ``path``; see the module docstring.

    Raises :class:`~helpers.errors.CorpusError` naming the file when it is not
    a readable ``.docx`` (e.g. an old binary ``.doc`` renamed) or has no text.
    """
    label = label or str(path)
    document = _open(Path(path), label)
    headers = _furniture(document, "header")
    footers = _furniture(document, "footer")
    raw: list[str] = []
    rows: list[dict] = []
    _add_furniture(raw, rows, "header", headers)
    body: list[int] = []
    for text in _blocks(document):
        for line in text.split("\n"):
            raw.append(line)
            if line.strip():
                body.append(len(raw))
        raw.append("")
    if not body:
        raise CorpusError(f"{label}: the document has no text")
    _add_furniture(raw, rows, "footer", footers)
    return finish(raw, body, rows)


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
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CorpusError(f"{label}: not a readable .docx file ({error})") from None


def _blocks(document) -> list[str]:
    """Paragraph texts of the body in document order, table cells included (each cell's paragraphs)."""
    from docx.table import Table

    texts = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    texts += [p.text for p in cell.paragraphs if p.text.strip()]
        elif item.text.strip():
            texts.append(item.text)
    return texts


def _furniture(document, kind: str) -> list[str]:
    """Distinct header (or footer) paragraph texts of every section, in order."""
    seen: list[str] = []
    for section in document.sections:
        for attribute in (f"first_page_{kind}", f"even_page_{kind}", kind):
            part = getattr(section, attribute)
            if part.is_linked_to_previous and attribute != kind:
                continue
            for paragraph in part.paragraphs:
                text = paragraph.text.strip()
                if text and text not in seen:
                    seen.append(text)
    return seen


def _add_furniture(raw: list[str], rows: list[dict], kind: str, texts: list[str]) -> None:
    for text in texts:
        raw.append(text)
        rows.append({"kind": kind, "text": text, "reason": f"page {kind} of the Word document",
                     "page": None, "line_start": len(raw), "line_end": len(raw)})
