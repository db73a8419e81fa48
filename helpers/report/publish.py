"""Staging folders, and publishing their files only once a whole run has succeeded.

A run writes into ``.staging-<kind>-<pid>-*`` folders next to the target
folders; publishing moves each file onto its target with an atomic rename, so a
reader sees either the previous file or the new one.  Staging folders left by a
killed run are removed by the next run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

OUTPUT_SUFFIXES = {".png", ".csv", ".graphml"}


def staging_folder(target: Path, kind: str) -> Path:
    """A new, empty staging folder next to ``target`` for this process (``kind``: ``figures`` or ``reports``)."""
    return Path(tempfile.mkdtemp(prefix=f".staging-{kind}-{os.getpid()}-", dir=target.parent))


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


def publish(stage: Path, target: Path, *, prune: bool) -> None:
    """Move every file of ``stage`` onto ``target`` (atomic renames); with ``prune`` drop outputs not remade."""
    made = set()
    for path in sorted(stage.iterdir()):
        os.replace(path, target / path.name)
        made.add(path.name)
    if prune:
        for path in target.iterdir():
            if path.suffix in OUTPUT_SUFFIXES and path.name not in made:
                path.unlink()
