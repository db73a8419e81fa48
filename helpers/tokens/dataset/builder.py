"""Building a tokens dataset, and finding one by its full key: the chunks written in parallel, under a lock,
resumed after an interruption."""

from __future__ import annotations

import fcntl
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from ... import cache as cache_store
from ... import lexicon, parallel
from ...config import cache_dir
from ...corpus.stream import CorpusStream, chunk_ranges
from ...validate import check_choice, check_int
from ..tokenizer import BACKENDS
from .chunk import write_chunk
from .files import CHUNK_BYTES, STAGE, TABLES, chunk_file
from .finish import finish
from .reader import TokenDataset

__all__ = ["build", "dataset_key", "find"]

_CODE = ("helpers.tokens.dataset",)  # the code that makes a dataset: this package and all it imports
_LIBRARIES = ("jieba", "rjieba", "pandas", "pyarrow", "numpy", "charset-normalizer", "hanzidentifier")


def dataset_key(stream: CorpusStream, *, backend: str = "rjieba") -> str:
    """The full key of a dataset's contents: the corpus (folder, metadata, every file's bytes), the ``backend``,
    the dictionary file, the code of this package and of every workspace module it imports (cleaning,
    segmentation, the stopword rules …) and the library versions.

    Stopword lists are not in it: they are applied when the dataset is read.
    """
    check_choice("backend", backend, BACKENDS)
    parts = [stream.digest, backend, lexicon.file_hash(lexicon.lexicon("policy_terms.txt"))]
    return cache_store.key(parts, code=_CODE, libraries=_LIBRARIES)


def folder_name(key: str, chunk_bytes: int) -> str:
    """The folder of a dataset: its key, then its chunk size (two chunkings never write into one folder)."""
    return f"{key}-{chunk_bytes}"


def find(stream: CorpusStream, *, backend: str = "rjieba") -> TokenDataset | None:
    """The most recently finished dataset in the cache folder whose full key (:func:`dataset_key`) is this
    corpus' with this ``backend``, the current dictionary, code and libraries (any chunk size), or None.

    Read with the default stopword lists.
    """
    key = dataset_key(stream, backend=backend)
    found = [(manifest.stat().st_mtime_ns, manifest.parent)
             for manifest in (cache_dir() / STAGE).glob(f"{folder_name(key, '*')}/complete.json")]
    return TokenDataset(max(found)[1]) if found else None


def build(
    stream: CorpusStream,
    *,
    backend: str = "rjieba",
    stopword_lists: Sequence[str] | None = ("general",),
    workers: int | None = None,
    progress: bool | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    path: Path | str | None = None,
) -> TokenDataset:
    """Segment a streamed corpus into the tokens dataset, or open the finished one with the same key.

    ``workers`` processes (default: every core; :func:`helpers.parallel.map`) read, clean and segment chunks of
    whole documents, each writing its chunk; ``progress`` shows a bar with the time left (default: when there
    is more than one chunk); an interrupted build resumes from the chunks it lacks.  The dataset's folder is
    named by its full key (:func:`dataset_key`) and ``chunk_bytes``; ``path`` puts it elsewhere than the cache
    folder (``path/<key>-<chunk_bytes>``, where :func:`find` does not look).  Returns the :class:`TokenDataset`.
    """
    stopword_lists = tuple(stopword_lists or ())
    for name in stopword_lists:
        check_choice("stopword_lists", name, tuple(lexicon.STOPWORD_LISTS))
    check_int("chunk_bytes", chunk_bytes, min_value=1)
    parallel.worker_count(workers)
    key = dataset_key(stream, backend=backend)
    where = (Path(path) if path is not None else cache_dir() / STAGE) / folder_name(key, chunk_bytes)
    if (where / "complete.json").is_file():
        return TokenDataset(where, stopword_lists=stopword_lists)
    # a worker re-running an unguarded script would wait for ever on the lock below: refused before it
    parallel.check_not_bootstrapping()
    where.mkdir(parents=True, exist_ok=True)
    with _exclusive(where / ".lock"):  # two notebooks of one report asking at once: the second waits, then reads
        if not (where / "complete.json").is_file():
            _build_chunks(stream, where, key, backend=backend, workers=workers, progress=progress,
                          chunk_bytes=chunk_bytes)
    return TokenDataset(where, stopword_lists=stopword_lists)


@contextmanager
def _exclusive(lock: Path):
    """Hold an exclusive lock on the file ``lock`` (released when the process ends, even if it is killed)."""
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_chunks(stream: CorpusStream, where: Path, key: str, *, backend: str, workers: int | None,
                  progress: bool | None, chunk_bytes: int) -> None:
    """Write every chunk the folder lacks, then the corpus-wide tables and the manifest."""
    ranges = chunk_ranges(stream.sizes, chunk_bytes)
    for table in TABLES:
        (where / table).mkdir(parents=True, exist_ok=True)
    for stale in where.glob("*/.part-*.tmp"):  # left by an interrupted run: its chunk is redone
        stale.unlink()
    pending = [i for i in range(len(ranges)) if not (where / "tokens" / chunk_file(i)).exists()]
    jobs = [(stream.folder, [stream.jobs[j] for j in ranges[i]], str(where), i, backend) for i in pending]
    sizes = [sum(stream.sizes[j] for j in ranges[i]) for i in pending]
    show = progress if progress is not None else len(ranges) > 1
    for _ in parallel.map(write_chunk, jobs, workers=workers, progress=show, desc="tokens dataset", unit="B",
                          sizes=sizes, initial=sum(stream.sizes) - sum(sizes)):
        pass
    finish(where, len(ranges), stream, backend=backend, key=key, chunk_bytes=chunk_bytes)
