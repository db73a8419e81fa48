"""Staging folders, and publishing their files only once a whole run has succeeded.

A run writes into a hidden ``.staging-<kind>-<pid>-*`` folder inside each
target folder (the folders given on the command line are the only ones a run
touches); publishing moves each file onto its target with an atomic rename, so
a reader sees either the previous file or the new one.  An interrupted run
removes its staging folders; those left by a killed one are removed by the
next run.  Nothing outside the target folders is ever written or deleted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import ParameterError
from ..outputs import write_text

OUTPUT_SUFFIXES = {".png", ".csv", ".graphml", ".woff2"}


def output_folder(target: Path, option: str) -> Path:
    """``target`` created if need be and checked writable; ParameterError naming ``option`` otherwise."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ParameterError(f"{option} {target} is a file, not a folder; give a folder (it is created if missing)")
    try:
        target.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkstemp(prefix=".write-test-", dir=target)
        os.close(probe[0])
        os.unlink(probe[1])
    except OSError as error:
        reason = error.strerror or str(error)
        raise ParameterError(f"{option} {target}: cannot write there ({reason}); give a folder you can write to"
                             ) from None
    return target


@contextmanager
def writing_into(target: Path, option: str):
    """Writes into the staging folder of ``target``: an ``OSError`` (a full disk, a quota) becomes one
    :class:`ParameterError` naming ``option`` and the folder, before anything is published there."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise ParameterError(f"{option} {target}: cannot write there ({reason}); nothing was published, the "
                             "previous files are unchanged; free some space or give another folder") from None


def staging_folder(target: Path, kind: str) -> Path:
    """A new, empty hidden staging folder inside ``target`` for this process (``kind``: ``figures`` or ``reports``)."""
    return Path(tempfile.mkdtemp(prefix=f".staging-{kind}-{os.getpid()}-", dir=target))


def remove_stale_staging(folder: Path) -> None:
    """Remove staging folders left by a run that was killed (their process no longer exists)."""
    for stage in folder.glob(".staging-*-*-*"):
        try:
            pid = int(stage.name.split("-")[2])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(stage, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


MANIFEST = ".published"  # in each target folder: the names the last complete run published there


def publish(stage: Path, target: Path, *, prune: bool) -> None:
    """Move every file of ``stage`` onto ``target`` (atomic renames); the files of a folder of ``stage`` (one
    level: the reports' ``fonts``) into the folder of that name in ``target``, created if need be.

    A folder of ``target`` that is a link, or a file where a folder is to be, is a :class:`ParameterError`
    before anything moves: publishing never writes outside ``target``.  With ``prune`` (a complete run),
    outputs that an earlier run published into ``target`` (listed in its :data:`MANIFEST`) and this run did not
    remake are removed; files the runner did not publish, such as a user's own files in that folder, and any
    name of the list that would lead out of the folder are never touched.
    """
    moves = []
    for path in sorted(stage.iterdir()):
        if path.is_dir() and not path.is_symlink():
            folder = target / path.name
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                raise ParameterError(f"{folder} is a link or a file, not a folder: the run publishes its "
                                     f"{path.name} there; remove it and run again (nothing was published)")
            moves += [(inner, f"{path.name}/{inner.name}") for inner in sorted(path.iterdir())]
        else:
            moves.append((path, path.name))
    for path, name in moves:
        (target / name).parent.mkdir(exist_ok=True)
        os.replace(path, target / name)
    made = {name for _, name in moves}
    manifest = target / MANIFEST
    before = set(manifest.read_text(encoding="utf-8").splitlines()) if manifest.is_file() and made else set()
    if prune and made:  # a run that made nothing never empties the folder
        for name in sorted(before - made):
            path = target / name
            if _published_name(name) and path.suffix in OUTPUT_SUFFIXES and path.is_file() \
                    and not path.is_symlink() and not path.parent.is_symlink():
                path.unlink()
        write_text(manifest, "".join(f"{name}\n" for name in sorted(made)))
    elif made:
        write_text(manifest, "".join(f"{name}\n" for name in sorted(before | made)))


def _published_name(name: str) -> bool:
    """Whether a line of the manifest names a file :func:`publish` can have made: ``file`` or ``folder/file``,
    no empty, ``.`` or ``..`` part."""
    parts = name.split("/")
    return len(parts) <= 2 and all(part not in ("", ".", "..") for part in parts)
