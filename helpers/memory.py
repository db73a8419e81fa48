"""The one home of giving freed memory back to the system.

pyarrow's memory pool (mimalloc) keeps the pages it freed for reuse, and so does glibc's heap (the blocks of
the many small and middle-sized arrays a pandas step allocates): a process that read a large table keeps its
size after the table is gone, and a long loop over chunks grows by what its chunks leave scattered between
live blocks.  :func:`release` returns those pages; the report kernels call it after every cell, the runner
after each notebook's export, and the disk engine between the chunks it yields.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["release"]


def release(*_) -> None:
    """Give the memory this process freed back to the system (pyarrow's pool, if pyarrow is imported, and
    glibc's heap on Linux); a few milliseconds.  Accepts and ignores arguments, so that it can be registered as
    an event callback."""
    arrow = sys.modules.get("pyarrow")  # only if something used it: importing it here would cost what it saves
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's (musl has none)
        if trim is not None:
            trim(0)
