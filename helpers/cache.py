"""The one cache of derived tables: keyed by inputs, code and library versions; written atomically.

A cached stage (the loaded corpus, the tokens table …) is stored as parquet
files in ``<cache folder>/<stage>/<key>/``.  The key is a hash of

- the stage's inputs (bytes and parameters, given by the caller),
- the source of the workspace modules that compute the stage *and of every
  workspace module they import*, found by reading their import statements
  (so editing the sentence stops in ``helpers/punctuation.py`` changes the key
  of the tokens stage, which imports ``helpers/corpus/sentences.py``, which
  imports it), and
- the versions of the libraries the stage names.

An entry is written into a temporary folder and renamed into place, so a
reader never sees half of one; a failure to write (a full disk, a read-only
folder) is reported as a :class:`CacheWarning`, and the result is returned
anyway.  A damaged entry is rebuilt, with a warning.
"""

from __future__ import annotations

import ast
import hashlib
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

import pandas as pd

from .config import cache_dir
from .errors import ParameterError

__all__ = ["CacheWarning", "code_hash", "digest", "key", "read", "remembered", "write"]

_PACKAGE = "helpers"
_ROOT = Path(__file__).resolve().parent


class CacheWarning(UserWarning):
    """A cache entry could not be written or read; the result was computed instead."""


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != _PACKAGE:
        return None
    base = _ROOT.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


# a line that starts an import statement (at any indentation, so imports inside functions count too); the
# statement runs to its closing parenthesis when it opens one
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import\b[^\n]*|import[ \t]+[\w.][^\n]*)", re.M)


def _import_statements(source: str) -> list[ast.stmt]:
    """The import statements of ``source``, parsed one by one (a full ``ast.walk`` of every module took 0.7 s of
    each notebook's start).  A line in a string that reads like an import may count too: that only widens the hash."""
    found = []
    for match in _IMPORT_LINE.finditer(source):
        text = match.group(0).strip()
        if "(" in text and ")" not in text:
            end = source.find(")", match.end())
            text = source[match.start():end + 1].strip() if end != -1 else text
        try:
            found += ast.parse(text.split("#", 1)[0] if "(" not in text else text).body
        except SyntaxError:
            continue
    return [node for node in found if isinstance(node, ast.Import | ast.ImportFrom)]


def _imports(name: str, path: Path) -> set[str]:
    """Workspace modules that the module ``name`` (file ``path``) imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_statements(path.read_text(encoding="utf-8")):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        else:
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return {m for m in found if _module_file(m) is not None}


@cache
def code_hash(*modules: str) -> str:
    """SHA-256 over the source of ``modules`` and every workspace module they import, transitively."""
    seen: dict[str, Path] = {}
    pending = list(modules)
    while pending:
        name = pending.pop()
        path = _module_file(name)
        if path is None:
            raise ParameterError(f"modules: {name!r} is not a module of the workspace")
        if name in seen:
            continue
        seen[name] = path
        pending += sorted(_imports(name, path) - set(seen))
    digest = hashlib.sha256()
    for name in sorted(seen):
        digest.update(name.encode() + b"\0" + seen[name].read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def _versions(libraries: tuple[str, ...]) -> str:
    return ",".join(f"{name}={metadata.version(name)}" for name in sorted(libraries))


def _hashed(parts: Iterable[bytes | str]):
    """A SHA-256 object fed ``parts``, each prefixed with its length (``["ab", "c"]`` differs from ``["a", "bc"]``)."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else bytes(part)
        hashed.update(len(data).to_bytes(8, "little") + data)
    return hashed


def digest(parts: Iterable[bytes | str]) -> str:
    """SHA-256 (hex) over input ``parts`` alone, hashed as :func:`key` hashes them (a corpus' identity, say)."""
    return _hashed(parts).hexdigest()


def key(parts: Iterable[bytes | str], *, code: Sequence[str], libraries: Sequence[str]) -> str:
    """The cache key of a stage: its input ``parts``, the ``code`` modules that compute it, the ``libraries``."""
    hashed = _hashed(parts)
    hashed.update(code_hash(*code).encode())
    hashed.update(_versions(tuple(libraries)).encode())
    return hashed.hexdigest()[:32]


def _entry(stage: str, entry_key: str) -> Path:
    return cache_dir() / stage / entry_key


def read(stage: str, entry_key: str, names: Sequence[str]) -> dict[str, pd.DataFrame] | None:
    """The tables ``names`` of a stored entry, or None when there is none (or it is damaged: then warned)."""
    import pyarrow.parquet as pq

    where = _entry(stage, entry_key)
    if not where.is_dir():
        return None
    try:
        return {name: pq.read_table(where / f"{name}.parquet").to_pandas() for name in names}
    except Exception as error:  # any unreadable entry is rebuilt, and said
        warnings.warn(f"cache entry {where} could not be read ({error}); rebuilding it", CacheWarning, stacklevel=3)
        shutil.rmtree(where, ignore_errors=True)
        return None


def write(stage: str, entry_key: str, tables: dict[str, pd.DataFrame]) -> None:
    """Store ``tables`` as one entry, atomically; a failure is warned about, never raised nor hidden."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    where = _entry(stage, entry_key)
    staging = None
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{entry_key}-", dir=where.parent))
        for name, table in tables.items():
            arrow = table if isinstance(table, pa.Table) else pa.Table.from_pandas(table, preserve_index=False)
            pq.write_table(arrow, staging / f"{name}.parquet", compression="zstd")
        staging.rename(where)
    except OSError as error:
        if not where.is_dir():  # not a lost race with another run that stored the same entry first
            warnings.warn(f"could not write the cache entry {where}: {error}", CacheWarning, stacklevel=3)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def remembered(stage: str, parts: Iterable[bytes | str], make: Callable[[], bytes]) -> bytes:
    """The bytes ``make()`` returns for the input ``parts``, computed once and then read from the cache (the
    entry keyed by :func:`digest` of ``parts``; the caller puts in ``parts`` whatever the result depends on).
    A cache that cannot be written or read is warned about and the bytes computed."""
    where = _entry(stage, digest(parts))
    try:
        if where.is_file():
            return where.read_bytes()
    except OSError as error:
        warnings.warn(f"cache entry {where} could not be read ({error}); computing it", CacheWarning, stacklevel=2)
    data = make()
    _store(where, data)
    return data


def kept(stage: str, name: str) -> bytes | None:
    """What :func:`keep` last stored as ``name`` (a record of an earlier run, not a computed result), or None."""
    where = _entry(stage, name)
    try:
        return where.read_bytes() if where.is_file() else None
    except OSError as error:
        warnings.warn(f"cache entry {where} could not be read ({error})", CacheWarning, stacklevel=2)
        return None


def keep(stage: str, name: str, data: bytes) -> None:
    """Store ``data`` as ``name``, replacing what was kept before (atomically; a failure is warned about)."""
    _store(_entry(stage, name), data)


def _store(where: Path, data: bytes) -> None:
    """Write ``data`` to the file ``where`` atomically; a failure is warned about, never raised."""
    staging = None
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{where.name}-", dir=where.parent)
        staging = Path(name)
        with open(fd, "wb") as handle:
            handle.write(data)
        staging.replace(where)
        staging = None
    except OSError as error:
        warnings.warn(f"could not write the cache entry {where}: {error}", CacheWarning, stacklevel=3)
    finally:
        if staging is not None:
            staging.unlink(missing_ok=True)
