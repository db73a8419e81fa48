"""Loading a corpus folder: the entry point :func:`load`.

A corpus folder holds raw files exactly as received: texts (``*.txt`` in any
case, any of UTF-8 with or without BOM, GB18030/GBK, UTF-16/32, Big5,
Windows-1252), PDFs with a text layer, Word ``.docx`` files, saved web pages
(``.html``), and tables with one document per row (``.csv``, ``.tsv``,
``.jsonl``, ``.json``, ``.xlsx``, ``.parquet``), plus a ``metadata.csv`` for
the files that are not tables (see :mod:`helpers.corpus.metadata`).
:func:`load` reads every file through :func:`helpers.corpus.document.load_file`,
in worker processes if asked, and caches the tables (:mod:`helpers.cache`).

A text without a metadata row still loads: title, speaker, date and occasion
are derived from its title line, byline, footnote or header, and a
:class:`CorpusWarning` names what could not be derived.  Files present but
not loaded (other kinds, texts in subfolders that ``metadata.csv`` does not
list, second links to one text) are named in one warning, and in the
``notes`` table with an empty ``doc_id``.  Bad input raises
:class:`CorpusError` naming the file and metadata line; no text is skipped
silently.
"""

from __future__ import annotations

import os
import stat
import warnings
from functools import partial
from pathlib import Path

import pandas as pd

from .. import cache as cache_store
from .. import parallel
from ..config import CORPUS_DIR, METADATA_FILE
from ..errors import CorpusError, CorpusWarning
from ..ingest import KINDS, input_kind
from ..ingest.table import text_column_of
from . import boilerplate as boilerplate_rules
from . import stream as streams
from .document import load_file
from .metadata import read_metadata
from .model import TABLES, Corpus, assemble_tables
from .store_build import DiskTables
from .stream import CorpusStream, key_parts

__all__ = ["SUFFIXES", "key_parts", "load", "text_files"]

# The suffixes load() reads, compared in lower case: the one list of them (helpers.ingest.KINDS: text, PDF,
# Word, HTML and table files).  Files of any other kind in the folder are named in a warning.
SUFFIXES = frozenset(KINDS)
_PROGRESS_CHARS = 2_000_000  # show a progress bar above this much text
_CODE = ("helpers.corpus.loader",)  # the stage's code: this module and all it imports
_LIBRARIES = ("pandas", "pyarrow", "charset-normalizer", "hanzidentifier", "rapidfuzz")
_SHOWN = 8  # files named in one "not loaded" warning


def text_files(folder: Path) -> list[Path]:
    """The text files of a corpus folder (suffixes :data:`SUFFIXES`, any case), resolved and sorted.

    Links that leave the folder, dangling links, link loops and texts that are not regular files
    (a folder or a FIFO named ``x.txt``) raise :class:`CorpusError`; two links to one file count once.
    """
    return _survey(folder)[0]


def _survey(folder: Path, text_column: str | None = None,
            ) -> tuple[list[Path], dict[Path, list[str]], list[tuple[str, str]]]:
    """The loadable texts, the names that link to each (``{resolved: [names]}``), and what is not loaded.

    What is not loaded is a list of ``(relative name, reason)``.
    """
    root = folder.resolve()
    files: dict[Path, list[str]] = {}
    skipped: list[tuple[str, str]] = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(".") or name == METADATA_FILE:
            continue
        is_text = path.suffix.lower() in SUFFIXES
        mode = path.lstat().st_mode
        linked = stat.S_ISLNK(mode)
        if linked:
            try:
                resolved = path.resolve(strict=True)
                mode = resolved.stat().st_mode
            except FileNotFoundError:
                if is_text:
                    raise CorpusError(f"{path}: a link to {path.readlink()}, which does not exist; "
                                      "remove the link or restore its target") from None
                skipped.append((name, "a link to a file that does not exist"))
                continue
            except (RuntimeError, OSError) as error:  # a loop of links
                if is_text:
                    raise CorpusError(f"{path}: cannot follow the link ({error}); remove it") from None
                skipped.append((name, "a link that cannot be followed"))
                continue
        else:
            resolved = root / name  # not a link, in the resolved folder: what resolve() gives, without its lstats
        if stat.S_ISDIR(mode):
            inside = _texts_below(resolved, root)
            what = "a folder named like a text" if is_text else "a folder"
            skipped.append((f"{name}/", f"{what}; {_count(inside)} in it"
                            + (f" ({', '.join(inside[:3])}{', …' if len(inside) > 3 else ''}) load only when "
                               f"{METADATA_FILE} lists them (file column {inside[0]})" if inside else "")))
            continue
        if not is_text:
            why = f"suffix {path.suffix or '(none)'!r} is not a kind the loader reads ({', '.join(sorted(SUFFIXES))})"
            skipped.append((name, why))
            continue
        if linked and not resolved.is_relative_to(root):
            raise CorpusError(f"{path}: a link to {resolved}, outside the corpus folder {folder}")
        if not stat.S_ISREG(mode):
            raise CorpusError(f"{path}: not a regular file (a FIFO, socket or device?); a text must be a file")
        if input_kind(path) == "table" and text_column_of(resolved, text_column=text_column, label=str(path)) is None:
            skipped.append((name, "a table without a text column (text, content, body, 正文 …): notes or sources, "
                                  "not documents; if it holds texts, name the column: corpus.load(..., text_column=)"))
            continue
        files.setdefault(resolved, []).append(name)
    return sorted(files), files, skipped


def _texts_below(folder: Path, root: Path) -> list[str]:
    """Text files in ``folder`` and its subfolders, relative to ``root`` (links to folders not followed)."""
    found = []
    for where, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found += [(Path(where) / n).relative_to(root).as_posix() for n in sorted(names)
                  if Path(n).suffix.lower() in SUFFIXES and not n.startswith(".")]
    return found


def _count(names: list[str]) -> str:
    return f"{len(names)} text file{'s' if len(names) != 1 else ''}"


def _not_loaded(folder: Path, described: set[Path], links: dict[Path, list[str]],
                skipped: list[tuple[str, str]], doc_ids: dict[Path, str]) -> list[str]:
    """Notes on the files of ``folder`` that are present but not loaded (or loaded once for several names)."""
    root = folder.resolve()
    below = [p for p in described if p.parent != root]
    reasons = []
    for name, why in skipped:
        if name.endswith("/") and below:  # texts of a subfolder that metadata.csv lists do load
            prefix = name
            listed = sum(1 for p in below if p.relative_to(root).as_posix().startswith(prefix))
            if listed:
                why += f" ({listed} listed in {METADATA_FILE} do load)"
        reasons.append(f"{name} ({why})")
    for target, names in links.items():
        extra = [n for n in names if n != target.name] if target.parent == root else names[1:]
        for name in extra:
            reasons.append(f"{name} (a link to {target.relative_to(root).as_posix()}, loaded once as doc_id "
                           f"{doc_ids.get(target, target.stem)!r})")
    if not reasons:
        return []
    shown = "; ".join(reasons[:_SHOWN]) + (f"; and {len(reasons) - _SHOWN} more" if len(reasons) > _SHOWN else "")
    return [f"{len(reasons)} file(s) present but not loaded: {shown}"]


def load(folder: Path | str | None = None, *, progress: bool | None = None, cache: bool = True,
         workers: int | None = None, simplify: bool = True, text_column: str | None = None,
         stream: bool | None = None, boilerplate: bool = True, scheduler: str | None = None) -> Corpus:
    """Load, clean and structure every text of a corpus folder (default: the workspace's ``corpus/``).

    Returns a :class:`Corpus`, in memory, or on disk when the folder holds more than
    :data:`~helpers.corpus.stream.STREAM_BYTES` of files or a table file of more than
    :data:`~helpers.corpus.stream.STREAM_TABLE_BYTES` (``stream=True``/``False`` forces it): then its tables
    are read from a corpus store (:mod:`helpers.corpus.store`) built chunk by chunk the first time one is asked
    for.  Raises :class:`CorpusError` naming the file (and metadata line) for bad input; warns with
    :class:`CorpusWarning` about documents whose metadata had to be derived or that are not in Simplified
    Chinese (on disk: they are in its ``notes`` table).  ``progress`` shows a progress bar (default: when the
    corpus is large).  With ``cache`` the tables are kept under the cache folder, keyed by the folder, the
    bytes of every file, the metadata, the options, the source of the cleaning code and the library versions,
    so an unchanged corpus reloads from there (on disk without ``cache``: in a temporary folder).
    ``workers`` processes clean the documents (default: one in memory, every core on disk).  With
    ``simplify`` (default) Traditional and mixed texts are analysed in Simplified characters (OpenCC; the files
    are unchanged, the conversion is noted and counted in ``documents.converted_chars``).  ``text_column``
    names the text column of tables when it is not ``text``, ``content``, ``body`` or ``正文``.  Text the
    source added at the start or end of documents (licence notices, source and editor lines, site furniture) is
    found over the whole corpus and set aside as ``boilerplate`` (:mod:`helpers.corpus.boilerplate`); with
    ``boilerplate=False`` it stays in the body.

    ``scheduler`` runs the work of ``workers`` on a Dask cluster instead: the address of its scheduler
    (``"tcp://host:8786"``) or ``"local"`` (a cluster of this machine started for each build); default
    ``$SPEECHES_SCHEDULER``, else this machine's processes (:func:`helpers.parallel.scheduler`).  On disk the
    corpus store and the tokens dataset are then built by the cluster's workers, which must reach the corpus
    folder and the cache folder (or the dataset's ``path``) at the same paths.  A scheduler that cannot be
    reached is a :class:`ParameterError` naming it, before anything is read.
    """
    scheduler = parallel.scheduler(scheduler)
    parallel.check_scheduler(scheduler)
    folder = Path(folder) if folder is not None else CORPUS_DIR
    if not folder.is_dir():
        raise CorpusError(f"{folder}: corpus folder not found")
    meta_rows, meta_notes = read_metadata(folder)
    described = {row.path for row in meta_rows}
    found, links, skipped = _survey(folder, text_column)
    extra = [p for p in found if p not in described]
    if not meta_rows and not extra:
        kinds = ", ".join(f"*{s}" for s in sorted(SUFFIXES))
        raise CorpusError(f"{folder}: no texts ({kinds}) found" + "".join(
            f"\n  {note}" for note in _not_loaded(folder, described, links, skipped, {})))
    _check_doc_ids(folder, meta_rows, [p for p in extra if input_kind(p) != "table"])
    doc_ids = {row.path: row.values["doc_id"] for row in meta_rows}
    folder_notes = [{"doc_id": None, "file": METADATA_FILE, "message": note} for note in meta_notes]
    folder_notes += [{"doc_id": None, "file": "", "message": note}
                     for note in _not_loaded(folder, described, links, skipped, doc_ids)]
    jobs = [(row.path, row.values, f"{row.path} (metadata line {row.line})") for row in meta_rows]
    jobs += [(path, None, str(path)) for path in extra]
    options = {"simplify": bool(simplify), "text_column": text_column, "boilerplate": bool(boilerplate)}
    sizes = tuple(p.stat().st_size for p, _, _ in jobs)
    if stream or (stream is None and _large(jobs, sizes)):
        tables = DiskTables(CorpusStream(folder, tuple(jobs), sizes), options, workers=workers, progress=progress,
                            cache=cache, notes=folder_notes, scheduler=scheduler)
        loaded = Corpus.on_disk(tables, folder)
        notes = pd.DataFrame(folder_notes, columns=["doc_id", "file", "message"])
    else:
        key = _cache_key(folder, jobs, options) if cache else None
        tables = cache_store.read("corpus", key, TABLES) if key is not None else None
        if tables is not None:
            loaded = Corpus(**tables, folder=folder)
        else:
            reading = {name: value for name, value in options.items() if name != "boilerplate"}
            loaded = _load(folder, jobs, progress, 1 if workers is None else workers, reading, scheduler)
            loaded = boilerplate_rules.apply(loaded) if boilerplate else loaded
            if key is not None:
                cache_store.write("corpus", key, {name: getattr(loaded, name) for name in TABLES})
        if folder_notes:
            notes = pd.DataFrame(folder_notes, columns=loaded.notes.columns)
            loaded = loaded.replace(notes=pd.concat([notes, loaded.notes], ignore_index=True))
        notes = loaded.notes
    for note in notes.itertuples():
        where = folder / note.file if note.doc_id is None or pd.isna(note.doc_id) else note.file
        warnings.warn(f"{where}: {note.message}", CorpusWarning, stacklevel=2)
    return loaded


def _large(jobs, sizes: tuple) -> bool:
    """Whether a corpus is loaded on disk: more than :data:`~helpers.corpus.stream.STREAM_BYTES` of files, or a
    table of more than :data:`~helpers.corpus.stream.STREAM_TABLE_BYTES` (its rows are read in slices)."""
    return sum(sizes) > streams.STREAM_BYTES or any(size > streams.STREAM_TABLE_BYTES and input_kind(path) == "table"
                                                    for (path, _, _), size in zip(jobs, sizes, strict=True))


def _load(folder: Path, jobs, progress: bool | None, workers: int, options: dict,
          scheduler: str | None = None) -> Corpus:
    """Read, clean and structure every document (no cache); refuse two documents with one doc_id."""
    sizes = [p.stat().st_size for p, _, _ in jobs]
    show = progress if progress is not None else sum(sizes) > 3 * _PROGRESS_CHARS
    docs, paragraphs, sentences, set_aside, items, repairs, notes = [], [], [], [], [], [], []
    seen: dict[str, str] = {}
    for doc, parts, doc_notes in _documents(folder, jobs, sizes, show, workers, options, scheduler):
        if doc["doc_id"] in seen:
            raise CorpusError(f"{folder / doc['file']}: doc_id {doc['doc_id']!r} is also the doc_id of a document "
                              f"of {seen[doc['doc_id']]}; doc_ids must be unique (rename one)")
        seen[doc["doc_id"]] = doc["file"]
        docs.append(doc)
        paragraphs += parts.paragraphs
        sentences += parts.sentences
        set_aside += parts.set_aside
        items += parts.list_items
        repairs += parts.repairs
        notes += doc_notes
    return assemble_tables(folder, docs, paragraphs, sentences, set_aside, items, repairs, notes)


def _check_doc_ids(folder: Path, meta_rows, extra: list[Path]) -> None:
    """A text without a metadata row takes its file name as doc_id: refuse one that is already taken."""
    taken = {row.values["doc_id"]: f"{folder / METADATA_FILE}, line {row.line}" for row in meta_rows}
    problems = []
    for path in extra:
        doc_id = path.stem
        if doc_id in taken:
            problems.append(f"{path}: no row in {METADATA_FILE}, so its doc_id would be its name {doc_id!r}, "
                            f"which is already used by {taken[doc_id]}; add a row for it with another doc_id "
                            "(or rename the file)")
        else:
            taken[doc_id] = str(path)
    if problems:
        raise CorpusError("\n".join(problems))


def _cache_key(folder: Path, jobs, options: dict) -> str:
    """Key of a folder's tables: :func:`key_parts`, the options, the cleaning code, the library versions."""
    parts = [*key_parts(folder, jobs), repr(sorted(options.items()))]
    return cache_store.key(parts, code=_CODE, libraries=_LIBRARIES)


def _documents(folder: Path, jobs, sizes, show: bool, workers: int, options: dict, scheduler: str | None):
    """Each document loaded, in order (a table gives several); in ``workers`` processes when more than one."""
    chunksize = max(1, len(jobs) // (8 * parallel.worker_count(workers)))  # a bad count: ParameterError
    loaded = parallel.map(partial(_load_job, folder=folder, options=options), jobs, workers=workers, progress=show,
                          desc="loading corpus", unit="B", sizes=sizes, chunksize=chunksize, scheduler=scheduler)
    for documents in loaded:
        yield from documents


def _load_job(job, *, folder: Path, options: dict) -> list:
    """The documents of one job ``(path, metadata values, label)`` (in a worker process when there are several)."""
    path, values, label = job
    return load_file(folder, path, values, label, **options)
