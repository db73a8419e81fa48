"""One document: from its raw bytes to rows of paragraphs, sentences, set-aside blocks and list items.

:func:`load_file` reads one file of the corpus folder into one document (a
text, PDF, Word or HTML file) or many (a table: one document per row).  The
text is decoded (:mod:`~helpers.ingest.textfile`) or extracted
(:mod:`helpers.ingest`: PDF text layers, Word paragraphs, the main text of a
web page, with page headers, page numbers and boilerplate set aside and
look-alike characters mapped), converted to Simplified characters when asked
(OpenCC, recorded), then cleaned (:mod:`~helpers.corpus.clean`), structured
(:mod:`~helpers.corpus.structure`, :mod:`~helpers.corpus.sentences`) and
audited: every non-whitespace character of the decoded or extracted text must
end up in the body or in a set-aside block, or the document is refused.  It
runs in worker processes too, so it takes and returns only plain values.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .. import ingest
from ..config import METADATA_FILE
from ..errors import CorpusError
from ..ingest import textfile
from ..ingest.script import detect as detect_script
from ..ingest.script import to_simplified
from ..ingest.table import values_of
from ..punctuation import FULL_STOPS
from . import breaks, clean, layout, structure
from .dates import parse_date
from .metadata import METADATA_COLUMNS, complete_rows, derive_metadata
from .sentences import split_sentences

__all__ = ["MIN_BODY_CHARS", "Parsed", "Source", "audit", "load_document", "load_file", "parse", "read_source",
           "row_documents",
           "row_label", "stub_notes", "table_notes"]

MIN_BODY_CHARS = 200  # a body shorter than this is a stub (the shortest resolution of the tables has 259)
_FULL_STOP = re.compile(f"[{FULL_STOPS}]")

@dataclass
class Parsed:
    """The rows of one cleaned document, its layout and repairs, and the audit of its characters.

    Sentence rows, the most numerous, are tuples in the order of :data:`~helpers.corpus.model.SENTENCE_COLUMNS`
    and hold no text: it is the paragraph's ``text[start:end]``, added when the sentences table is assembled
    (the tokens dataset never stores it).
    """

    layout: str
    paragraphs: list[dict]
    sentences: list[tuple]
    set_aside: list[dict]
    list_items: list[dict]
    repairs: list[dict]
    lost: Counter
    added: Counter
    notes: tuple[str, ...] = ()  # what the cleaning and structuring have to say (a closing found by its topics)


def parse(text: str, doc_id: str) -> Parsed:
    """Clean and structure one decoded text into rows (see :class:`Parsed`)."""
    lines = clean.split_lines(text)
    furniture = layout.find_page_furniture(lines)
    shape = layout.detect_layout(lines, skip=furniture)
    joined, repairs = breaks.join_broken(layout.split_paragraphs(lines, shape, skip=furniture),
                                              layout=shape)
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
    found: list[tuple[int, structure.ListItem]] = []
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
            sentences.append((doc_id, para_no, sent_no, start, end, end - start))  # SENTENCE_COLUMNS
        found += [(para_no, item) for item in structure.find_list_items(ptext)]
    for para_no, item in structure.number_lists(found):
        ptext = paragraphs[para_no - 1]["text"]
        items.append({"doc_id": doc_id, "para_no": para_no, "list_no": item.list_no, "item_no": item.item_no,
                      "marker": item.marker, "text": ptext[item.start:item.end], "start": item.start,
                      "end": item.end})
    kept = [p["text"] for p in paragraphs] + [s["text"] for s in set_aside]
    lost, added = audit(text, kept)
    repairs = [{"doc_id": doc_id, **r} for r in repairs]
    said = structure.closing_note([t for _, t in body])
    return Parsed(shape, paragraphs, sentences, set_aside, items, repairs, lost, added, (said,) if said else ())


def audit(raw: str, kept: list[str]) -> tuple[Counter, Counter]:
    """Characters of ``raw`` missing from ``kept``, and characters in ``kept`` not in ``raw``.

    Whitespace and zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are
    ignored and full-width digits and letters count as their ASCII forms (the
    cleaning steps change nothing else).  Two empty counters
    mean every character is accounted for.
    """
    before_text = clean.remove_whitespace(clean.normalise_width(raw))
    after_text = clean.remove_whitespace("".join(kept))
    if _same_characters(before_text, after_text):  # the usual case, proved by sorting code points
        return Counter(), Counter()
    before, after = Counter(before_text), Counter(after_text)
    return before - after, after - before


def _same_characters(a: str, b: str) -> bool:
    """Whether two texts hold the same characters, each as often (their sorted code points are equal)."""
    if len(a) != len(b):
        return False
    codes = [np.sort(np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)) for t in (a, b)]
    return bool(np.array_equal(*codes))


@dataclass(frozen=True)
class Source:
    """One document's text as read, before cleaning.

    ``text`` is what the cleaning reads; ``raw`` what the character audit
    counts against (the decoded text, or every extracted line); ``line_no``
    maps line ``n`` of ``text`` to its raw line (None when they are the same);
    ``set_aside`` holds rows set aside while reading (page headers and numbers,
    boilerplate), ``notes`` what the reader had to say.
    """

    text: str
    raw: str
    encoding: str
    input_kind: str
    sha256: str
    notes: tuple[str, ...] = ()
    set_aside: tuple[dict, ...] = ()
    line_no: tuple[int, ...] | None = None
    converted: int = 0
    script: str = ""  # of the text as read (before any conversion to Simplified)


def read_source(path: Path, label: str, *, simplify: bool = True) -> Source:
    """Decode a text file, or extract the text of a PDF, Word or HTML file (see the module docstring)."""
    kind = ingest.input_kind(path) or "txt"
    data = textfile.read_bytes(path, label=label)
    digest = hashlib.sha256(data).hexdigest()
    if kind == "txt":
        decoded = textfile.decode(data, label=label)
        source = Source(decoded.text, decoded.text, decoded.encoding, "txt", digest, tuple(decoded.notes))
    else:
        extracted = ingest.extract(path, label=label)
        notes = [*extracted.notes, *([_mapping_note(extracted.characters)] if len(extracted.characters) else [])]
        rows = tuple({"kind": r.kind, "text": r.text, "reason": r.reason, "line_start": int(r.line_start),
                      "line_end": int(r.line_end)} for r in extracted.set_aside.itertuples())
        source = Source(extracted.text, extracted.raw, f"{kind} text", kind, digest, tuple(notes), rows,
                        tuple(extracted.line_no))
    source = replace(source, script=detect_script(source.text))
    return _simplified(source) if simplify else source


def _mapping_note(characters) -> str:
    shown = ", ".join(f"{r.character}→{r.replacement} ×{r.count}" for r in characters.head(12).itertuples())
    more = f" and {len(characters) - 12} more" if len(characters) > 12 else ""
    return (f"mapped {int(characters['count'].sum()):,} look-alike character(s) of the text layer to ordinary "
            f"ones (Kangxi radicals, compatibility ideographs, controls): {shown}{more}")


def _simplified(source: Source) -> Source:
    """The source in Simplified characters (OpenCC t2s) when it is Traditional or mixed; the change recorded."""
    if source.script not in ("traditional", "mixed"):
        return source
    raw, table = to_simplified(source.raw)
    if table.empty:
        return source
    raw_lines = raw.split("\n")
    if source.line_no is None:
        text = raw
    else:
        text = "\n".join(raw_lines[n - 1] for n in source.line_no)
    rows = tuple({**row, "text": "\n".join(raw_lines[row["line_start"] - 1:row["line_end"]])}
                 for row in source.set_aside)
    count = int(table["count"].sum())
    shown = ", ".join(f"{r.original}→{r.converted} ×{r.count}" for r in table.head(8).itertuples())
    note = (f"converted {count:,} Traditional character(s) to Simplified for analysis (OpenCC t2s; the file is "
            f"unchanged): {shown}{' …' if len(table) > 8 else ''}")
    return Source(text, raw, source.encoding, source.input_kind, source.sha256, (*source.notes, note), rows,
                  source.line_no, count, source.script)


def load_file(folder: Path, path: Path, values: dict | None, label: str, *, simplify: bool = True,
              text_column: str | None = None) -> list[tuple[dict, Parsed, list[dict]]]:
    """The documents of one file: one for a text, PDF, Word or HTML file, one per row for a table."""
    if ingest.input_kind(path) != "table":
        return [load_document(folder, path, values, label, simplify=simplify)]
    if values is not None:
        raise CorpusError(f"{label}: a table describes its own documents (one per row, its columns are their "
                          f"metadata); remove its row from {METADATA_FILE}")
    digest = hashlib.sha256(textfile.read_bytes(path, label=label)).hexdigest()
    table = ingest.read_table(path, text_column=text_column, label=label)
    rows = complete_rows(table)
    rel = path.relative_to(folder.resolve()).as_posix()
    return row_documents(folder, rel, rows, digest, label, table_notes(table, rows), simplify=simplify)


def row_documents(folder: Path, rel: str, rows: pd.DataFrame, digest: str, label: str, said: Sequence[str], *,
                  simplify: bool = True) -> list[tuple[dict, Parsed, list[dict]]]:
    """One document per row of a table (``rows``: completed by :func:`~helpers.corpus.metadata.complete_rows`,
    all of the file ``rel`` or a slice of it), ``said`` (:func:`table_notes`) noted with the first row."""
    out = []
    names = list(rows.columns)
    for cells in zip(*(values_of(rows[name]) for name in names), strict=True):  # to_dict("records"), faster
        record = dict(zip(names, cells, strict=True))
        text, notes = textfile.remove_garbage(record["text"])
        source = Source(text, text, "table text", "table", digest, tuple(notes), script=detect_script(text))
        source = _simplified(source) if simplify else source
        values = {**{c: "" if record.get(c) is None else str(record[c]) for c in METADATA_COLUMNS},
                  **{k: v for k, v in record.items() if k not in (*METADATA_COLUMNS, "text", "derived", "file")}}
        values["file"] = rel
        values["year"] = None if pd.isna(record["year"]) else int(record["year"])
        if values["year"] is not None and not values["date"]:
            values["year"] = str(values["year"])
        if said and not out:  # said once per table, with its first row
            source = replace(source, notes=(*said, *source.notes))
        out.append(build_document(folder, rel, values, source, row_label(label, record),
                                  name=str(record["doc_id"]), origin="table"))
    return out


def table_notes(table: pd.DataFrame, rows: pd.DataFrame) -> list[str]:
    """What is said once about a table: its reader's notes (``table.attrs["notes"]``, from
    :func:`helpers.ingest.read_table`: the text column chosen, sheets skipped, merged cells filled) and what
    :func:`~helpers.corpus.metadata.complete_rows` derived for its ``rows``."""
    notes = [*table.attrs.get("notes", [])]
    derived = rows["derived"].str.split("; ").explode().replace("", None).dropna().value_counts()
    if len(derived):
        notes.append(f"{len(rows)} row(s) read as documents; derived: "
                     + ", ".join(f"{what} ({n})" for what, n in derived.items()))
    return notes


def row_label(label: str, record: dict) -> str:
    """The name of a table row in messages: ``<file>, row n``, or ``<file>, sheet S, row n`` for a workbook of
    several sheets (``row`` counts within its sheet)."""
    sheet = record.get("sheet")
    return f"{label}, row {record['row']}" if sheet is None else f"{label}, sheet {sheet}, row {record['row']}"


def load_document(folder: Path, path: Path, values: dict | None, label: str, *,
                  simplify: bool = True) -> tuple[dict, Parsed, list[dict]]:
    """One document of a text, PDF, Word or HTML file: its ``documents`` row, parsed rows and notes."""
    source = read_source(path, label, simplify=simplify)
    rel = path.relative_to(folder.resolve()).as_posix()
    return build_document(folder, rel, values, source, label, name=path.stem)


def _parse_source(source: Source, doc_id: str) -> Parsed:
    """:func:`parse` on the source's text, with raw line numbers and the reader's set-aside rows, audited."""
    parsed = parse(source.text, doc_id)
    if source.line_no is None and not source.set_aside:
        return parsed
    raw_line = (lambda n: n) if source.line_no is None else (lambda n: source.line_no[n - 1])
    for row in [*parsed.paragraphs, *parsed.set_aside, *parsed.repairs]:
        for column in ("line_start", "line_end"):
            if isinstance(row.get(column), int) and row[column] >= 1:
                row[column] = raw_line(row[column])
    read_aside = [{"doc_id": doc_id, **row, "start": 0, "end": len(row["text"])} for row in source.set_aside]
    set_aside = sorted([*parsed.set_aside, *read_aside], key=lambda row: (row["line_start"], row["start"]))
    kept = [p["text"] for p in parsed.paragraphs] + [r["text"] for r in set_aside]
    lost, added = audit(source.raw, kept)
    return Parsed(parsed.layout, parsed.paragraphs, parsed.sentences, set_aside, parsed.list_items,
                  parsed.repairs, lost, added, parsed.notes)


def build_document(folder: Path, rel: str, values: dict | None, source: Source, label: str, *, name: str,
                   origin: str = METADATA_FILE) -> tuple[dict, Parsed, list[dict]]:
    """The ``documents`` row, parsed rows and notes of one source (``name`` is its doc_id without metadata)."""
    doc_id = values["doc_id"] if values else name
    parsed = _parse_source(source, doc_id)
    if parsed.lost or parsed.added:
        raise CorpusError(
            f"{label}: cleaning lost characters {dict(parsed.lost.most_common(10))} "
            f"or invented {dict(parsed.added.most_common(10))}; this is a bug, please report it"
        )
    if not parsed.paragraphs:
        raise CorpusError(f"{label}: no body text found (everything looked like titles or captions)")
    notes = [*source.notes, *parsed.notes, *stub_notes([p["text"] for p in parsed.paragraphs], doc_id)]
    derived = derive_metadata(parsed.set_aside, [p["text"] for p in parsed.paragraphs], name=name)
    year = derived.pop("year", None)
    if values is None:
        values = {"doc_id": doc_id, "file": rel, **{c: "" for c in METADATA_COLUMNS[2:]}}
        values.update({column: value for column, (value, _) in derived.items()})
        origin = "derived"
        if not values["title"]:
            values["title"] = name
        missing = [c for c in METADATA_COLUMNS[2:] if c not in derived and not (c == "date" and year)]
        found = "; ".join(f"{k}={v!r} from {where}" for k, (v, where) in derived.items()) or "nothing"
        if year:
            found += f"; year={year[0]} from {year[1]} (no full date)"
        notes.append(
            f"no row in {METADATA_FILE}; derived from the text: {found}; "
            f"missing: {', '.join(missing) or 'nothing'} (add a row to {folder / METADATA_FILE})"
        )
    else:
        for column in ("title", "speaker", "date", "occasion"):
            if not values[column] and column in derived:
                value, where = derived[column]
                values[column] = value
                notes.append(f"empty {column} in {origin} filled from the text ({where}): {value!r}")
    script = source.script or detect_script("".join(p["text"] for p in parsed.paragraphs))
    if script == "none":
        notes.append("no Chinese characters in the body text (script = none): the dictionary, stopwords and codebook "
                     "are Chinese, so word counts, themes and comparisons will say little about it")
    elif script != "simplified":
        what = "is in Traditional Chinese" if script == "traditional" else "mixes Simplified and Traditional Chinese"
        if source.converted:
            notes.append(f"the text {what}; it is analysed in Simplified characters "
                         f"({source.converted:,} converted, see documents.converted_chars)")
        else:
            notes.append(
                f"the text {what}; the dictionary, stopwords and codebook are Simplified, so segmentation and "
                "counts will be poorer (load with simplify=True to analyse it in Simplified characters)"
            )
    date = parse_date(values["date"]) if values["date"] else None
    doc = {
        **values, "file": rel, "date": date,
        "year": date.year if date else (int(year[0]) if year else _year(values.get("year", ""))),
        "input_kind": source.input_kind, "encoding": source.encoding, "script": script,
        "converted_chars": source.converted, "layout": parsed.layout,
        "n_paragraphs": len(parsed.paragraphs), "n_sentences": len(parsed.sentences),
        "n_chars": _visible(p["text"] for p in parsed.paragraphs),
        "n_set_aside": len(parsed.set_aside),
        "n_repairs": len(parsed.repairs),
        "n_chars_raw": _visible([clean.normalise_width(source.raw)]),
        "n_chars_set_aside": _visible(r["text"] for r in parsed.set_aside),
        "metadata": origin,
        "sha256": source.sha256,
    }
    return doc, parsed, [{"doc_id": doc_id, "file": rel, "message": m} for m in notes]


def stub_notes(paragraphs: list[str], doc_id: str) -> list[str]:
    """What to say of a document that is no full text: a body under :data:`MIN_BODY_CHARS` characters
    (whitespace removed), or one without a single sentence whose paragraphs are a list (a page that lists
    other pages, such as a disambiguation page).  Each note names the document; none for a full text."""
    n = _visible(paragraphs)
    notes = []
    if n < MIN_BODY_CHARS:
        notes.append(f"{doc_id}: body text of {n} characters, under MIN_BODY_CHARS = {MIN_BODY_CHARS} "
                     "(helpers.corpus.document): a stub rather than a full document; check it before counting it")
    if len(paragraphs) > 1 and not any(_FULL_STOP.search(text) for text in paragraphs):
        notes.append(f"{doc_id}: {len(paragraphs)} paragraphs and not one sentence: a page that lists other pages "
                     "(a disambiguation or contents page), not a text; remove it or replace it by the page it lists")
    return notes


def _year(value: str) -> int | None:
    """A year given on its own (a ``year`` metadata column) when there is no full date; None if there is none."""
    value = str(value or "").strip()
    if not value.isdigit() or not 1 <= int(value) <= 9999:
        return None
    return int(value)




def _visible(texts) -> int:
    """Number of non-whitespace characters (of the texts joined: one pass instead of one per text)."""
    return len(clean.remove_whitespace("".join(texts)))


