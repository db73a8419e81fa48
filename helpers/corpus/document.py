"""One document: from its raw bytes to rows of paragraphs, sentences, set-aside blocks and list items.

:func:`load_document` decodes (:mod:`~helpers.corpus.textfile`), cleans
(:mod:`~helpers.corpus.clean`), structures (:mod:`~helpers.corpus.structure`,
:mod:`~helpers.corpus.sentences`) and audits one text: every non-whitespace
character of the raw text must end up in the body or in a set-aside block,
or the document is refused.  It runs in worker processes too, so it takes and
returns only plain values.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..config import METADATA_FILE
from ..errors import CorpusError
from ..ingest.script import detect as detect_script
from . import breaks, clean, layout, structure, textfile
from .dates import parse_date
from .metadata import METADATA_COLUMNS, derive_metadata
from .sentences import split_sentences

__all__ = ["Parsed", "audit", "load_document", "parse"]



@dataclass
class Parsed:
    """The rows of one cleaned document, its layout and repairs, and the audit of its characters."""

    layout: str
    paragraphs: list[dict]
    sentences: list[dict]
    set_aside: list[dict]
    list_items: list[dict]
    repairs: list[dict]
    lost: Counter
    added: Counter


def parse(text: str, doc_id: str) -> Parsed:
    """Clean and structure one decoded text into rows (see :class:`Parsed`)."""
    lines = clean.split_lines(text)
    furniture = layout.find_page_furniture(lines)
    shape = layout.detect_layout(lines, skip=furniture)
    joined, repairs = breaks.join_broken(layout.split_paragraphs(lines, shape, skip=furniture))
    blocks = clean.classify(joined)

    def tidy(block: clean.Block) -> str:
        return clean.normalise_width(clean.remove_cjk_spaces(block.text))

    body = [(c.block, tidy(c.block)) for c in blocks if c.kind == "body"]
    set_aside = [
        {"doc_id": doc_id, "kind": c.kind, "text": tidy(c.block), "reason": c.reason,
         "line_start": c.block.line_start, "line_end": c.block.line_end, "start": c.start,
         "end": c.end if c.end is not None else len(c.block.text)}
        for c in blocks if c.kind != "body"
    ]
    set_aside += [
        {"doc_id": doc_id, "kind": kind, "text": clean.normalise_width(clean.remove_cjk_spaces(lines[i])),
         "reason": reason, "line_start": i + 1, "line_end": i + 1, "start": 0, "end": len(lines[i].strip())}
        for i, (kind, reason) in sorted(furniture.items())
    ]
    set_aside.sort(key=lambda row: (row["line_start"], row["start"]))
    labels = structure.label_sections([t for _, t in body])
    paragraphs, sentences, items = [], [], []
    sent_no = 0
    for para_no, ((block, ptext), label) in enumerate(zip(body, labels, strict=True), start=1):
        paragraphs.append({
            "doc_id": doc_id, "para_no": para_no, "section": label.section,
            "heading_level": label.heading_level, "heading_1": label.heading_1,
            "heading_2": label.heading_2, "is_salutation": label.is_salutation,
            "text": ptext, "n_chars": len(ptext),
            "line_start": block.line_start, "line_end": block.line_end,
        })
        for start, end in split_sentences(ptext):
            sent_no += 1
            sentences.append({"doc_id": doc_id, "para_no": para_no, "sent_no": sent_no,
                              "text": ptext[start:end], "start": start, "end": end,
                              "n_chars": end - start})
        for item in structure.find_list_items(ptext):
            items.append({"doc_id": doc_id, "para_no": para_no, "list_no": item.list_no,
                          "item_no": item.item_no, "marker": item.marker,
                          "text": ptext[item.start:item.end], "start": item.start, "end": item.end})
    kept = [p["text"] for p in paragraphs] + [s["text"] for s in set_aside]
    lost, added = audit(text, kept)
    repairs = [{"doc_id": doc_id, **r} for r in repairs]
    return Parsed(shape, paragraphs, sentences, set_aside, items, repairs, lost, added)


def audit(raw: str, kept: list[str]) -> tuple[Counter, Counter]:
    """Characters of ``raw`` missing from ``kept``, and characters in ``kept`` not in ``raw``.

    Whitespace and zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are
    ignored and full-width digits and letters count as their ASCII forms (the
    cleaning steps change nothing else).  Two empty counters
    mean every character is accounted for.
    """
    before = Counter(clean.remove_whitespace(clean.normalise_width(raw)))
    after = Counter(clean.remove_whitespace("".join(kept)))
    return before - after, after - before


def load_document(folder: Path, path: Path, values: dict | None, label: str) -> tuple[dict, Parsed, list[dict]]:
    """One document: its ``documents`` row, its parsed rows and its notes (``doc_id, file, message``)."""
    data = textfile.read_bytes(path, label=label)
    decoded = textfile.decode(data, label=label)
    doc_id = values["doc_id"] if values else path.stem
    parsed = parse(decoded.text, doc_id)
    if parsed.lost or parsed.added:
        raise CorpusError(
            f"{label}: cleaning lost characters {dict(parsed.lost.most_common(10))} "
            f"or invented {dict(parsed.added.most_common(10))}; this is a bug, please report it"
        )
    if not parsed.paragraphs:
        raise CorpusError(f"{label}: no body text found (everything looked like titles or captions)")
    notes = list(decoded.notes)
    rel = path.relative_to(folder.resolve()).as_posix()
    derived = derive_metadata(parsed.set_aside, [p["text"] for p in parsed.paragraphs], name=path.stem)
    year = derived.pop("year", None)
    if values is None:
        values = {"doc_id": doc_id, "file": rel, **{c: "" for c in METADATA_COLUMNS[2:]}}
        values.update({column: value for column, (value, _) in derived.items()})
        origin = "derived"
        if not values["title"]:
            values["title"] = path.stem
        missing = [c for c in METADATA_COLUMNS[2:] if c not in derived and not (c == "date" and year)]
        found = "; ".join(f"{k}={v!r} from {where}" for k, (v, where) in derived.items()) or "nothing"
        if year:
            found += f"; year={year[0]} from {year[1]} (no full date)"
        notes.append(
            f"no row in {METADATA_FILE}; derived from the text: {found}; "
            f"missing: {', '.join(missing) or 'nothing'} (add a row to {folder / METADATA_FILE})"
        )
    else:
        origin = METADATA_FILE
        for column in ("title", "speaker", "date", "occasion"):
            if not values[column] and column in derived:
                value, where = derived[column]
                values[column] = value
                notes.append(f"empty {column} in {METADATA_FILE} filled from the text ({where}): {value!r}")
    body = "".join(p["text"] for p in parsed.paragraphs)
    script = detect_script(body)
    if script == "none":
        notes.append("no Chinese characters in the body text (script = none): the dictionary, stopwords and codebook "
                     "are Chinese, so word counts, themes and comparisons will say little about it")
    elif script != "simplified":
        what = "is in Traditional Chinese" if script == "traditional" else "mixes Simplified and Traditional Chinese"
        notes.append(
            f"the text {what}; the dictionary, stopwords and codebook are Simplified, so segmentation and "
            "counts will be poorer (convert it to Simplified first, for instance with OpenCC)"
        )
    date = parse_date(values["date"]) if values["date"] else None
    doc = {
        **values, "file": rel, "date": date,
        "year": date.year if date else (int(year[0]) if year else _year(values.get("year", ""))),
        "encoding": decoded.encoding, "script": script, "layout": parsed.layout,
        "n_paragraphs": len(parsed.paragraphs), "n_sentences": len(parsed.sentences),
        "n_chars": _visible(p["text"] for p in parsed.paragraphs),
        "n_set_aside": len(parsed.set_aside),
        "n_repairs": len(parsed.repairs),
        "n_chars_raw": _visible([clean.normalise_width(decoded.text)]),
        "n_chars_set_aside": _visible(r["text"] for r in parsed.set_aside),
        "metadata": origin,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return doc, parsed, [{"doc_id": doc_id, "file": rel, "message": m} for m in notes]


def _year(value: str) -> int | None:
    """A year given on its own (a ``year`` metadata column) when there is no full date; None if there is none."""
    value = str(value or "").strip()
    if not value.isdigit() or not 1 <= int(value) <= 9999:
        return None
    return int(value)




def _visible(texts) -> int:
    """Number of non-whitespace characters."""
    return sum(len(clean.remove_whitespace(t)) for t in texts)


