"""Building a tokens dataset from a corpus on disk, and finding one by its full key: the chunks of the corpus
store segmented in parallel, under a lock, resumed after an interruption."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ... import cache as cache_store
from ... import lexicon, parallel
from ...config import cache_dir
from ...corpus.model import Corpus
from ...corpus.parquet import chunk_file, exclusive, remove_orphans
from ...corpus.store import CorpusStore, StoredTable
from ...corpus.store_build import find_store
from ...validate import check_choice, check_int
from ..tokenizer import BACKENDS
from .chunk import write_chunk
from .files import STAGE, TABLES
from .finish import finish
from .reader import TokenDataset

__all__ = ["build", "dataset_key", "find"]

_CODE = ("helpers.tokens.dataset",)  # the code that makes a dataset: this package and all it imports
_LIBRARIES = ("jieba", "rjieba", "pandas", "pyarrow", "numpy")


def dataset_key(store: CorpusStore, *, backend: str = "rjieba") -> str:
    """The full key of a dataset's contents: the corpus store's own key (the corpus, the loading options, the
    cleaning code) and chunking, the ``backend``, the dictionary file, the code of this package and of every
    workspace module it imports (segmentation, the stopword rule …) and the library versions.

    Stopword lists are not in it: they are applied when the dataset is read.
    """
    check_choice("backend", backend, BACKENDS)
    parts = [store.manifest["key"], str(store.manifest["chunk_bytes"]), backend,
             lexicon.file_hash(lexicon.lexicon("policy_terms.txt"))]
    return cache_store.key(parts, code=_CODE, libraries=_LIBRARIES)


def _scheduler_of(source) -> str | None:
    """The scheduler ``source`` was loaded with (a corpus on disk, or its paragraphs), else None."""
    if isinstance(source, StoredTable):
        return source.scheduler
    if isinstance(source, Corpus) and source.disk is not None:
        return source.disk.scheduler
    return None


def _on_disk(source, *, chunk_bytes: int | None = None, path: Path | None = None, workers: int | None = None,
             progress: bool | None = None, build: bool = True, scheduler: str | None = None) -> CorpusStore | None:
    """The corpus store of ``source``: a corpus on disk (its store, or the one of ``chunk_bytes`` in ``path``,
    built if ``build``), its ``paragraphs`` (a stored table), or a store."""
    if isinstance(source, CorpusStore):
        return source
    if isinstance(source, StoredTable):
        return source.store
    if isinstance(source, Corpus) and source.disk is not None:
        disk = source.disk
        if not build:
            return find_store(disk.listing, disk.options, path=path if path is not None else disk.scratch())
        return disk.store(chunk_bytes=chunk_bytes, path=path, workers=workers, progress=progress, scheduler=scheduler)
    raise TypeError(f"a tokens dataset is built from a corpus on disk (corpus.load(..., stream=True)) or its "
                    f"paragraphs, not from {type(source).__name__}")


def find(source, *, backend: str = "rjieba") -> TokenDataset | None:
    """The finished dataset in the cache folder whose full key (:func:`dataset_key`) is that of the corpus store
    of ``source`` (a corpus on disk: its latest store, of any chunk size) with this ``backend``, the current
    dictionary, code and libraries; None if there is none.  Read with the default stopword lists."""
    store = _on_disk(source, build=False)
    if store is None:
        return None
    where = cache_dir() / STAGE / dataset_key(store, backend=backend)
    return TokenDataset(where) if (where / "complete.json").is_file() else None


def build(
    source,
    *,
    backend: str = "rjieba",
    stopword_lists: Sequence[str] | None = ("general",),
    workers: int | None = None,
    progress: bool | None = None,
    chunk_bytes: int | None = None,
    path: Path | str | None = None,
    scheduler: str | None = None,
) -> TokenDataset:
    """Segment a corpus on disk (or its paragraphs, or a corpus store) into the tokens dataset, or open the
    finished one with the same key.

    The corpus store is built first if it is not there (with ``chunk_bytes`` of raw text per chunk when given);
    then ``workers`` processes (default: every core; :func:`helpers.parallel.map`) segment its chunks, each
    writing its own; ``progress`` shows a bar (default: when there is more than one chunk); an interrupted build
    resumes from the chunks it lacks.  The dataset's folder is named by its full key (:func:`dataset_key`);
    ``path`` puts it (and a store of ``chunk_bytes``) elsewhere than the cache folder, where :func:`find` does
    not look.  ``scheduler`` segments the chunks on a Dask cluster (:func:`helpers.parallel.map`; default: the
    one the corpus was loaded with, else ``$SPEECHES_SCHEDULER``, else this machine's processes): its workers
    write the chunks into the dataset's folder, which they must reach at the same path, and this process writes
    the corpus-wide tables and the manifest; the dataset is the same, file for file, as one built here.
    Returns the :class:`TokenDataset`.
    """
    scheduler = parallel.scheduler(scheduler if scheduler is not None else _scheduler_of(source))
    stopword_lists = tuple(stopword_lists or ())
    for name in stopword_lists:
        check_choice("stopword_lists", name, tuple(lexicon.STOPWORD_LISTS))
    if chunk_bytes is not None:
        check_int("chunk_bytes", chunk_bytes, min_value=1)
    parallel.worker_count(workers)
    path = Path(path) if path is not None else None
    store = _on_disk(source, chunk_bytes=chunk_bytes, path=path, workers=workers, progress=progress,
                     scheduler=scheduler)
    key = dataset_key(store, backend=backend)
    where = (path if path is not None else cache_dir() / STAGE) / key
    if (where / "complete.json").is_file():
        return TokenDataset(where, stopword_lists=stopword_lists)
    # a worker re-running an unguarded script would wait for ever on the lock below: refused before it
    parallel.check_not_bootstrapping()
    where.mkdir(parents=True, exist_ok=True)
    with exclusive(where / ".lock"):  # two notebooks of one report asking at once: the second waits, then reads
        if not (where / "complete.json").is_file():
            _build_chunks(store, where, key, backend=backend, workers=workers, progress=progress, scheduler=scheduler)
    return TokenDataset(where, stopword_lists=stopword_lists)


def _build_chunks(store: CorpusStore, where: Path, key: str, *, backend: str, workers: int | None,
                  progress: bool | None, scheduler: str | None = None) -> None:
    """Segment every chunk the folder lacks, then write the corpus-wide tables and the manifest."""
    chunks = store.manifest["chunks"]
    for table in TABLES:
        (where / table).mkdir(parents=True, exist_ok=True)
    remove_orphans(where)  # left by an interrupted run: its chunk is redone
    pending = [i for i in range(chunks) if not (where / "tokens" / chunk_file(i)).exists()]
    jobs = [(str(store.path), str(where), i, backend) for i in pending]
    sizes = [(store.path / "paragraphs" / chunk_file(i)).stat().st_size for i in pending]
    done = sum((store.path / "paragraphs" / chunk_file(i)).stat().st_size for i in range(chunks)) - sum(sizes)
    show = progress if progress is not None else chunks > 1
    for _ in parallel.map(write_chunk, jobs, workers=workers, progress=show, desc="tokens dataset", unit="B",
                          sizes=sizes, initial=done, scheduler=scheduler):
        pass
    remove_orphans(where)  # of a worker that died writing: its chunk was written again by another
    finish(where, store, backend=backend, key=key)
