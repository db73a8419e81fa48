"""Loading a corpus folder: the entry point :func:`load`.

A corpus folder holds raw texts exactly as received (``*.txt``, any of UTF-8
with or without BOM, GB18030/GBK, UTF-16/32, Big5) and a ``metadata.csv`` (see
:mod:`helpers.corpus.metadata`).  :func:`load` reads every text through
:func:`helpers.corpus.document.load_document`, in worker processes if asked,
and caches the tables (:mod:`helpers.cache`).

A text without a metadata row still loads: title, speaker, date and occasion
are derived from its title line, byline, footnote or header, and a
:class:`CorpusWarning` names what could not be derived.  Bad input raises
:class:`CorpusError` naming the file and metadata line; nothing is skipped.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

from .. import cache as cache_store
from ..config import CORPUS_DIR, METADATA_FILE
from ..errors import CorpusError, CorpusWarning
from .document import load_document
from .metadata import read_metadata
from .model import TABLES, Corpus, assemble_tables

__all__ = ["load", "text_files"]

_PROGRESS_CHARS = 2_000_000  # show a progress bar above this much text
_CODE = ("helpers.corpus.loader",)  # the stage's code: this module and all it imports
_LIBRARIES = ("pandas", "pyarrow", "charset-normalizer", "hanzidentifier")


def text_files(folder: Path) -> list[Path]:
    """The text files of a corpus folder, sorted (links that leave the folder are an error)."""
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
         workers: int = 1, stream: bool | None = None) -> Corpus:
    """Load, clean and structure every text of a corpus folder (default: the workspace's ``corpus/``).

    Returns a :class:`Corpus`.  Raises :class:`CorpusError` naming the file
    (and metadata line) for bad input; warns with :class:`CorpusWarning` about
    documents whose metadata had to be derived or that are not in Simplified
    Chinese.  ``progress`` shows a progress bar (default: when the corpus is
    large).  With ``cache`` the tables are kept as parquet under
    ``.cache/corpus/``, keyed by the folder, the bytes of every file, the metadata,
    the source of the cleaning code and the library versions, so an unchanged corpus reloads from there.
    ``workers`` > 1 cleans the documents in that many processes.  ``stream`` returns a
    :class:`~helpers.corpus.stream.CorpusStream` instead, read chunk by chunk later (default: when the folder
    holds more than :data:`~helpers.corpus.stream.STREAM_BYTES` of text).
    """
    from . import stream as streaming

    if stream or (stream is None and streaming.is_large(folder)):
        return streaming.open_stream(folder)
    folder = Path(folder) if folder is not None else CORPUS_DIR
    if not folder.is_dir():
        raise CorpusError(f"{folder}: corpus folder not found")
    meta_rows = read_metadata(folder)
    described = {row.path for row in meta_rows}
    extra = [p for p in text_files(folder) if p not in described]
    if not meta_rows and not extra:
        raise CorpusError(f"{folder}: no texts (*.txt) found")
    jobs = [(row.path, row.values, f"{row.path} (metadata line {row.line})") for row in meta_rows]
    jobs += [(path, None, str(path)) for path in extra]

    key = _cache_key(folder, jobs) if cache else None
    if key is not None and (tables := cache_store.read("corpus", key, TABLES)) is not None:
        cached = Corpus(**tables, folder=folder)
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
    loaded = assemble_tables(folder, docs, paragraphs, sentences, set_aside, items, notes)
    if key is not None:
        cache_store.write("corpus", key, {name: getattr(loaded, name) for name in TABLES})
    return loaded


def _cache_key(folder: Path, jobs) -> str:
    """Key of a folder's tables: its path (messages name it), metadata, every file's path and bytes."""
    meta = folder / METADATA_FILE
    parts = [str(folder.resolve()), meta.read_bytes() if meta.exists() else b"-"]
    for path, values, _ in jobs:
        parts.append(str(path.relative_to(folder.resolve())))
        parts.append(hashlib.sha256(path.read_bytes()).digest())
        parts.append(repr(sorted((values or {}).items())))
    return cache_store.key(parts, code=_CODE, libraries=_LIBRARIES)


def _documents(folder: Path, jobs, sizes, show: bool, workers: int):
    """Each document loaded, in order; in ``workers`` processes when more than one."""
    if workers <= 1 or len(jobs) < 2:
        for path, values, label in _progress(jobs, show, sum(sizes), sizes):
            yield load_document(folder, path, values, label)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        args = [(folder, *job) for job in jobs]
        results = pool.map(load_document, *zip(*args, strict=True), chunksize=max(1, len(jobs) // (8 * workers)))
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


