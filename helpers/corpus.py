"""The corpus: raw texts and their metadata, loaded into DataFrames.

A corpus folder holds raw texts exactly as received (``*.txt``, any of UTF-8
with or without BOM, GB18030/GBK, UTF-16/32, Big5) and a ``metadata.csv`` with
one row per document and the columns ``doc_id, file, title, speaker, date,
occasion, genre, source`` (further columns are kept).  :func:`load` decodes,
cleans (see :mod:`helpers.clean`) and structures (see :mod:`helpers.structure`)
every text and audits that no character was lost.

A text without a metadata row still loads: title, speaker, date and occasion
are derived from its title line, byline, footnote or header, and a
:class:`CorpusWarning` names what could not be derived.  Bad input raises
:class:`CorpusError` naming the file and metadata line; nothing is skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import re
import shutil
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import clean, structure, textfile
from .config import CORPUS_DIR, METADATA_FILE
from .errors import CorpusError, CorpusWarning

__all__ = ["METADATA_COLUMNS", "Corpus", "CorpusError", "CorpusWarning", "assemble", "load"]

METADATA_COLUMNS = ["doc_id", "file", "title", "speaker", "date", "occasion", "genre", "source"]
_DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_OCCASION = re.compile(r"在(.{4,80}?)上(?:的讲话|发表|作)?")
_SPEAKER_NOTE = re.compile(r"这是([\u4e00-\u9fff]{2,4}?)(?:同志|总书记|主席|总理|委员长)")
_TITLE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,4}[：:]")
_PROGRESS_CHARS = 2_000_000  # show a progress bar above this much text


@dataclass(frozen=True)
class Corpus:
    """The DataFrames of a loaded corpus.

    ``documents``
        one row per document: ``doc_id, file, title, speaker, date, year,
        occasion, genre, source`` (plus any further metadata columns),
        ``encoding, script, layout, n_paragraphs, n_sentences, n_chars,
        n_set_aside, n_chars_raw, n_chars_set_aside, metadata, sha256``.
        ``metadata`` says where the metadata came from (``metadata.csv`` or
        ``derived``); the ``n_chars*`` columns count non-whitespace characters
        of the body, the raw text and the set-aside blocks.
    ``paragraphs``
        ``doc_id, para_no, section, heading_level, heading_1, heading_2,
        is_salutation, text, n_chars, line_start, line_end`` (raw line numbers);
        ``section`` is an ordered categorical (opening, the parts in order, closing).
    ``sentences``
        ``doc_id, para_no, sent_no, text, start, end, n_chars``; ``sent_no``
        counts from 1 through the document, ``start``/``end`` are character
        offsets into the paragraph text.
    ``set_aside``
        ``doc_id, kind, text, reason, line_start, line_end``: titles, bylines,
        news headers, subtitles, date lines, photo captions and footnotes.
    ``list_items``
        ``doc_id, para_no, list_no, item_no, marker, text, start, end``:
        enumerations (``一是…二是…``, ``首先…其次…最后``) inside paragraphs.
    ``notes``
        ``doc_id, file, message``: every warning issued while loading.
    """

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    set_aside: pd.DataFrame
    list_items: pd.DataFrame
    notes: pd.DataFrame
    folder: Path = field(default=CORPUS_DIR)

    def __repr__(self) -> str:
        return (
            f"Corpus({self.folder}: {len(self.documents)} documents, "
            f"{len(self.paragraphs)} paragraphs, {len(self.sentences)} sentences, "
            f"{int(self.documents['n_chars'].sum()):,} characters)"
        )


# --- metadata ------------------------------------------------------------------------


@dataclass(frozen=True)
class _MetaRow:
    line: int
    values: dict[str, str]
    path: Path


def parse_date(value: str) -> dt.date | None:
    """A date from ``2024-06-24``, ``2024/6/24`` or ``2024年6月24日``; None if there is none."""
    match = _DATE_ISO.fullmatch(value.strip()) or _DATE_CN.fullmatch(value.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _resolve(folder: Path, value: str, where: str) -> Path:
    if not value.strip():
        raise CorpusError(f"{where}: the 'file' column is empty")
    raw = Path(value.strip())
    if raw.is_absolute():
        raise CorpusError(f"{where}: file {value!r} is an absolute path; give it relative to {folder}")
    path = (folder / raw).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise CorpusError(f"{where}: file {value!r} resolves to {path}, outside the corpus folder {folder}")
    if not path.is_file():
        raise CorpusError(f"{where}: file {value!r} does not exist in {folder}")
    return path


def _read_metadata(folder: Path) -> list[_MetaRow]:
    meta_path = folder / METADATA_FILE
    if not meta_path.exists():
        return []
    decoded = textfile.read(meta_path, label=str(meta_path))
    reader = csv.DictReader(io.StringIO(decoded.text))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in METADATA_COLUMNS if c not in columns]
    if missing:
        raise CorpusError(f"{meta_path}: missing required column(s): {', '.join(missing)}")
    rows: list[_MetaRow] = []
    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    seen_files: dict[Path, int] = {}
    for record in reader:
        line = reader.line_num
        values = {(k or "").strip(): (v or "").strip() for k, v in record.items() if k is not None}
        if None in record:
            problems.append(f"{meta_path}, line {line}: more fields than columns")
            continue
        doc_id = values["doc_id"]
        where = f"{meta_path}, line {line} (doc_id {doc_id!r})"
        try:
            if not doc_id:
                raise CorpusError(f"{where}: doc_id is empty")
            if doc_id in seen_ids:
                raise CorpusError(f"{where}: duplicate doc_id, already used on line {seen_ids[doc_id]}")
            if values["date"] and parse_date(values["date"]) is None:
                raise CorpusError(f"{where}: unparsable date {values['date']!r}; write it as YYYY-MM-DD")
            path = _resolve(folder, values["file"], where)
            if path in seen_files:
                raise CorpusError(f"{where}: file {values['file']!r} is already described on line {seen_files[path]}")
        except CorpusError as error:
            problems.append(str(error))
            continue
        seen_ids[doc_id] = line
        seen_files[path] = line
        rows.append(_MetaRow(line, values, path))
    if problems:
        raise CorpusError("\n".join(problems))
    return rows


# --- one document --------------------------------------------------------------------


@dataclass
class _Parsed:
    layout: str
    paragraphs: list[dict]
    sentences: list[dict]
    set_aside: list[dict]
    list_items: list[dict]
    derived: dict[str, str]
    lost: Counter
    added: Counter


def _parse(text: str, doc_id: str) -> _Parsed:
    lines = clean.split_lines(text)
    layout = clean.detect_layout(lines)
    blocks = clean.classify(clean.split_paragraphs(lines, layout))

    def tidy(block: clean.Block) -> str:
        return clean.normalise_width(clean.remove_cjk_spaces(block.text))

    body = [(c.block, tidy(c.block)) for c in blocks if c.kind == "body"]
    set_aside = [
        {"doc_id": doc_id, "kind": c.kind, "text": tidy(c.block), "reason": c.reason,
         "line_start": c.block.line_start, "line_end": c.block.line_end}
        for c in blocks if c.kind != "body"
    ]
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
        for start, end in structure.split_sentences(ptext):
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
    return _Parsed(layout, paragraphs, sentences, set_aside, items,
                   derive_metadata(set_aside), lost, added)


def audit(raw: str, kept: list[str]) -> tuple[Counter, Counter]:
    """Characters of ``raw`` missing from ``kept``, and characters in ``kept`` not in ``raw``.

    Whitespace is ignored and full-width digits and letters count as their
    ASCII forms (the cleaning steps change nothing else).  Two empty counters
    mean every character is accounted for.
    """
    before = Counter(re.sub(r"\s+", "", clean.normalise_width(raw)))
    after = Counter(re.sub(r"\s+", "", "".join(kept)))
    return before - after, after - before


def derive_metadata(set_aside: list[dict]) -> dict[str, str]:
    """Title, speaker, date and occasion as far as a text's front matter and footnotes give them."""
    by_kind: dict[str, list[str]] = {}
    for row in set_aside:
        by_kind.setdefault(row["kind"], []).append(row["text"])
    derived: dict[str, str] = {}
    titles = by_kind.get("title", [])
    if titles:
        derived["title"] = _TITLE_PREFIX.sub("", titles[-1].replace("※", "")).strip()
    names = [b for b in by_kind.get("byline", []) if 2 <= len(b) <= 4]
    notes = by_kind.get("footnote", [])
    if names:
        derived["speaker"] = names[-1]
    else:
        for note in notes:
            if match := _SPEAKER_NOTE.search(note):
                derived["speaker"] = match.group(1)
                break
    for kind in ("footnote", "dateline", "subtitle", "header"):
        for text in by_kind.get(kind, []):
            date = _DATE_CN.search(text) or _DATE_ISO.search(text)
            if date and "date" not in derived:
                derived["date"] = dt.date(*(int(g) for g in date.groups())).isoformat()
            occasion = _OCCASION.search(text) if kind in ("footnote", "subtitle") else None
            if occasion and "occasion" not in derived:
                derived["occasion"] = occasion.group(1)
    return derived


# --- the corpus ----------------------------------------------------------------------


def _text_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.glob("*.txt")):
        if path.name.startswith("."):
            continue
        resolved = path.resolve()
        if not resolved.is_relative_to(folder.resolve()):
            raise CorpusError(f"{path}: a link to {resolved}, outside the corpus folder {folder}")
        files.append(resolved)
    return files


def load(folder: Path | str | None = None, *, progress: bool | None = None, cache: bool = True,
         workers: int = 1) -> Corpus:
    """Load, clean and structure every text of a corpus folder (default: the workspace's ``corpus/``).

    Returns a :class:`Corpus`.  Raises :class:`CorpusError` naming the file
    (and metadata line) for bad input; warns with :class:`CorpusWarning` about
    documents whose metadata had to be derived or that are not in Simplified
    Chinese.  ``progress`` shows a progress bar (default: when the corpus is
    large).  With ``cache`` the tables are kept as parquet under
    ``.cache/corpus/``, keyed by the bytes of every file, the metadata and the
    source of the cleaning code, so an unchanged corpus reloads from there.
    ``workers`` > 1 cleans the documents in that many processes.
    """
    folder = Path(folder) if folder is not None else CORPUS_DIR
    if not folder.is_dir():
        raise CorpusError(f"{folder}: corpus folder not found")
    meta_rows = _read_metadata(folder)
    described = {row.path for row in meta_rows}
    extra = [p for p in _text_files(folder) if p not in described]
    if not meta_rows and not extra:
        raise CorpusError(f"{folder}: no texts (*.txt) found")
    jobs = [(row.path, row.values, f"{row.path} (metadata line {row.line})") for row in meta_rows]
    jobs += [(path, None, str(path)) for path in extra]

    key = _cache_key(folder, jobs) if cache else None
    if key is not None and (cached := _read_cache(key, folder)) is not None:
        for note in cached.notes.itertuples():
            warnings.warn(f"{note.file}: {note.message}", CorpusWarning, stacklevel=2)
        return cached
    sizes = [p.stat().st_size for p, _, _ in jobs]
    show = progress if progress is not None else sum(sizes) > 3 * _PROGRESS_CHARS
    docs, paragraphs, sentences, set_aside, items, notes = [], [], [], [], [], []
    for doc, parts, doc_notes in _documents(folder, jobs, sizes, show, workers):
        docs.append(doc)
        paragraphs += parts.paragraphs
        sentences += parts.sentences
        set_aside += parts.set_aside
        items += parts.list_items
        notes += doc_notes
    for note in notes:
        warnings.warn(f"{note['file']}: {note['message']}", CorpusWarning, stacklevel=2)
    loaded = _frames(folder, docs, paragraphs, sentences, set_aside, items, notes)
    if key is not None:
        _write_cache(key, loaded)
    return loaded


_TABLES = ("documents", "paragraphs", "sentences", "set_aside", "list_items", "notes")


def _cache_key(folder: Path, jobs) -> str:
    digest = hashlib.sha256()
    meta = folder / METADATA_FILE
    digest.update(meta.read_bytes() if meta.exists() else b"-")
    for path, values, _ in jobs:
        digest.update(str(path.relative_to(folder.resolve())).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
        digest.update(repr(sorted((values or {}).items())).encode())
    digest.update(_code_version().encode())
    return digest.hexdigest()[:32]


@functools.cache
def _code_version() -> str:
    """The cleaning code and the libraries it depends on (fixed for the life of the process)."""
    import inspect
    from importlib import metadata

    from . import textfile as textfile_module

    parts = [inspect.getsource(m) for m in (clean, structure, textfile_module, inspect.getmodule(_code_version))]
    parts += [metadata.version(p) for p in ("pandas", "pyarrow", "charset-normalizer", "hanzidentifier")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _read_cache(key: str, folder: Path) -> Corpus | None:
    import pyarrow.parquet as pq

    from .config import cache_dir

    where = cache_dir() / "corpus" / key
    if not all((where / f"{name}.parquet").exists() for name in _TABLES):
        return None
    tables = {name: pq.read_table(where / f"{name}.parquet").to_pandas() for name in _TABLES}
    return Corpus(**tables, folder=folder)


def _write_cache(key: str, loaded: Corpus) -> None:
    """Write the tables into a temporary folder and rename it into place (a reader never sees half of it)."""
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    from .config import cache_dir

    base = cache_dir() / "corpus"
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=base))
    try:
        for name in _TABLES:
            pq.write_table(pa.Table.from_pandas(getattr(loaded, name), preserve_index=False),
                           staging / f"{name}.parquet", compression="zstd")
        staging.rename(base / key)
    except OSError:  # another run stored the same corpus first
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _documents(folder: Path, jobs, sizes, show: bool, workers: int):
    """Each document loaded, in order; in ``workers`` processes when more than one."""
    if workers <= 1 or len(jobs) < 2:
        for path, values, label in _progress(jobs, show, sum(sizes), sizes):
            yield _load_document(folder, path, values, label)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        args = [(folder, *job) for job in jobs]
        results = pool.map(_load_document, *zip(*args, strict=True), chunksize=max(1, len(jobs) // (8 * workers)))
        yield from _progress(results, show, sum(sizes), sizes)


def _progress(jobs, show, total, sizes):
    if not show:
        yield from jobs
        return
    from tqdm.auto import tqdm

    with tqdm(total=total, unit="B", unit_scale=True, desc="loading corpus") as bar:
        for job, size in zip(jobs, sizes, strict=True):
            yield job
            bar.update(size)


def _load_document(folder: Path, path: Path, values: dict | None, label: str):
    data = path.read_bytes()
    decoded = textfile.decode(data, label=label)
    doc_id = values["doc_id"] if values else path.stem
    parsed = _parse(decoded.text, doc_id)
    if parsed.lost or parsed.added:
        raise CorpusError(
            f"{label}: cleaning lost characters {dict(parsed.lost.most_common(10))} "
            f"or invented {dict(parsed.added.most_common(10))}; this is a bug, please report it"
        )
    if not parsed.paragraphs:
        raise CorpusError(f"{label}: no body text found (everything looked like titles or captions)")
    notes = []
    rel = path.relative_to(folder.resolve()).as_posix()
    if values is None:
        values = {"doc_id": doc_id, "file": rel, **{c: "" for c in METADATA_COLUMNS[2:]}}
        values.update(parsed.derived)
        origin = "derived"
        if "date" not in parsed.derived and (date := parse_date(path.stem[:10])):
            values["date"] = date.isoformat()
            notes.append("date taken from the file name")
        if not values["title"]:
            values["title"] = path.stem
        missing = [c for c in METADATA_COLUMNS[2:] if c not in parsed.derived]
        found = ", ".join(f"{k}={v!r}" for k, v in parsed.derived.items()) or "nothing"
        notes.append(
            f"no row in {METADATA_FILE}; derived from the text: {found}; "
            f"missing: {', '.join(missing)} (add a row to {folder / METADATA_FILE})"
        )
    else:
        origin = METADATA_FILE
        for column in ("title", "speaker", "date", "occasion"):
            if not values[column] and parsed.derived.get(column):
                values[column] = parsed.derived[column]
                notes.append(f"empty {column} in {METADATA_FILE} filled from the text: {values[column]!r}")
    body = "".join(p["text"] for p in parsed.paragraphs)
    script = _script(body)
    if script != "simplified":
        what = "is in Traditional Chinese" if script == "traditional" else "mixes Simplified and Traditional Chinese"
        notes.append(
            f"the text {what}; the dictionary, stopwords and codebook are Simplified, so segmentation and "
            "counts will be poorer (convert it to Simplified first, for instance with OpenCC)"
        )
    date = parse_date(values["date"]) if values["date"] else None
    doc = {
        **values, "file": rel, "date": pd.Timestamp(date) if date else pd.NaT,
        "year": date.year if date else pd.NA,
        "encoding": decoded.encoding, "script": script, "layout": parsed.layout,
        "n_paragraphs": len(parsed.paragraphs), "n_sentences": len(parsed.sentences),
        "n_chars": _visible(p["text"] for p in parsed.paragraphs),
        "n_set_aside": len(parsed.set_aside),
        "n_chars_raw": _visible([clean.normalise_width(decoded.text)]),
        "n_chars_set_aside": _visible(r["text"] for r in parsed.set_aside),
        "metadata": origin,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return doc, parsed, [{"doc_id": doc_id, "file": rel, "message": m} for m in notes]


def _visible(texts) -> int:
    """Number of non-whitespace characters."""
    return sum(len("".join(t.split())) for t in texts)


def accounting(corpus: Corpus) -> pd.DataFrame:
    """Where every character went: ``doc_id, raw, body, set_aside, unaccounted`` (non-whitespace counts).

    ``unaccounted`` is always 0: :func:`load` refuses a document otherwise.
    """
    docs = corpus.documents
    return pd.DataFrame({
        "doc_id": docs["doc_id"],
        "raw": docs["n_chars_raw"],
        "body": docs["n_chars"],
        "set_aside": docs["n_chars_set_aside"],
        "unaccounted": docs["n_chars_raw"] - docs["n_chars"] - docs["n_chars_set_aside"],
    })


def _script(text: str) -> str:
    import hanzidentifier

    kind = hanzidentifier.identify(text)
    if kind == hanzidentifier.TRADITIONAL:
        return "traditional"
    if kind == hanzidentifier.MIXED:
        return "mixed"
    return "simplified"


def _frames(folder, docs, paragraphs, sentences, set_aside, items, notes) -> Corpus:
    documents = pd.DataFrame(docs).sort_values(["date", "doc_id"], na_position="last")
    documents = documents.reset_index(drop=True).astype({"year": "Int64", "date": "datetime64[ns]"})
    rank = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}

    def frame(rows: list[dict], columns: list[str], keys: list[str]) -> pd.DataFrame:
        df = pd.DataFrame(rows, columns=columns)
        if df.empty:
            return df
        df = df.sort_values(keys, key=lambda s: s.map(rank) if s.name == "doc_id" else s, kind="stable")
        return df.reset_index(drop=True)

    paragraph_table = frame(paragraphs, ["doc_id", "para_no", "section", "heading_level", "heading_1",
                                         "heading_2", "is_salutation", "text", "n_chars", "line_start",
                                         "line_end"], ["doc_id", "para_no"])
    paragraph_table["section"] = pd.Categorical(
        paragraph_table["section"], categories=structure.section_order(paragraph_table["section"]), ordered=True)
    return Corpus(
        documents=documents,
        paragraphs=paragraph_table,
        sentences=frame(sentences, ["doc_id", "para_no", "sent_no", "text", "start", "end",
                                    "n_chars"], ["doc_id", "sent_no"]),
        set_aside=frame(set_aside, ["doc_id", "kind", "text", "reason", "line_start", "line_end"],
                        ["doc_id", "line_start"]),
        list_items=frame(items, ["doc_id", "para_no", "list_no", "item_no", "marker", "text",
                                 "start", "end"], ["doc_id", "para_no", "list_no", "item_no"]),
        notes=pd.DataFrame(notes, columns=["doc_id", "file", "message"]),
        folder=folder,
    )


def assemble(folders: list[Path | str], dest: Path | str) -> Path:
    """Combine several corpus folders into a new folder ``dest`` (created; must not exist).

    Texts are copied byte for byte; the metadata rows of all folders are merged
    into one ``metadata.csv`` (texts without a row get none, and load with
    derived metadata).  File names must not collide.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=False)
    rows: list[dict[str, str]] = []
    columns = list(METADATA_COLUMNS)
    for folder in map(Path, folders):
        meta = {row.path: row for row in _read_metadata(folder)}
        for path in sorted(set(meta) | set(_text_files(folder))):
            target = dest / path.name
            if target.exists():
                raise CorpusError(f"{path}: a file named {path.name} is already in {dest}")
            shutil.copyfile(path, target)
            if path in meta:
                values = dict(meta[path].values, file=path.name)
                columns += [c for c in values if c not in columns]
                rows.append(values)
    if rows:
        with open(dest / METADATA_FILE, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return dest
