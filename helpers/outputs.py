"""Writing results: figures and their tables, atomically and deterministically.

Every file is written to a temporary name in the target folder and renamed
into place, so an interrupted run or two runs at once never leave a truncated
file.  PNGs carry no software version or timestamp, so the same figure gives
the same bytes on every run.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .config import FIGURES_DIR

DPI = 150


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for everyone to read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> Path:
    """Write a UTF-8 text file atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


CSV_FLOAT_FORMAT = "%.12g"  # 12 significant digits: the last bits of a float differ between CPUs (SIMD paths)


def save_table(table: pd.DataFrame, name: str, folder: Path | str | None = None) -> Path:
    """Write ``table`` as ``<folder>/<name>.csv`` (UTF-8 with BOM, so Excel reads the Chinese; floats to
    :data:`CSV_FLOAT_FORMAT`, so the same analysis writes the same bytes on any machine)."""
    path = Path(folder or FIGURES_DIR) / f"{name}.csv"
    with atomic_path(path) as tmp:
        table.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n", float_format=CSV_FLOAT_FORMAT)
    return path


def png_bytes(figure) -> bytes:
    """The figure as PNG: fixed resolution, tight box, no software version or timestamp.

    The bytes are kept on the figure until it changes (matplotlib marks it
    stale), so saving a figure and then showing it renders it once.
    """
    cached = getattr(figure, "_workspace_png", None)
    if cached is not None and not figure.stale:
        return cached
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    # savefig leaves the figure marked stale (it puts back the size, resolution and colours it changed while
    # printing), which would render it again when the notebook shows it; the PNG is of the figure as it is now,
    # and any later change to it marks it stale again
    figure.stale = False
    figure._workspace_png = buffer.getvalue()
    return figure._workspace_png


def save_figure(figure, name: str, folder: Path | str | None = None) -> Path:
    """Write a matplotlib figure as ``<folder>/<name>.png`` (the bytes of :func:`png_bytes`)."""
    path = Path(folder or FIGURES_DIR) / f"{name}.png"
    data = png_bytes(figure)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def save(figure, table: pd.DataFrame | None, name: str, folder: Path | str | None = None):
    """Save a figure and the table it draws under one content name; return the figure for display."""
    save_figure(figure, name, folder)
    if table is not None:
        save_table(table, name, folder)
    return figure


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable_zip(path: Path) -> Path:
    """Rewrite the zip file ``path`` (an ``.xlsx`` workbook) so that the same content gives the same bytes: every
    entry dated 1980-01-01 and the workbook's created/modified stamps fixed, in place of the time of writing
    (openpyxl stamps both), so a regenerated workbook does not show as changed."""
    path = Path(path)
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            archive.writestr(fixed, data)
    return path
