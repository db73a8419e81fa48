"""Freed memory given back to the system (:mod:`helpers.memory`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
import numpy as np, pandas as pd, pyarrow as pa
from helpers import memory
def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
base = rss()
xs = [pa.array(np.arange(i, i + 100_000)) for i in range(1000)]
ys = [pd.Series(np.arange(i, i + 50_000)).astype(str) for i in range(200)]
held = rss()
del xs, ys
freed = rss()
if sys.argv[1] == "release":
    memory.release()
print(base, held, freed, rss())
"""


def _sizes(mode: str) -> tuple[int, int, int, int]:
    out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True, timeout=120)
    return tuple(map(int, out.stdout.split()[-4:]))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the resident size from /proc")
def test_release_gives_back_what_arrow_and_the_heap_kept():
    base, held, _, after = _sizes("release")
    assert held - base > 300, (base, held, after)
    assert after - base < 0.1 * (held - base), (base, held, after)
    # without it, freeing the arrays leaves a good part of their pages with the process: what the call is for
    base_kept, held_kept, _, kept = _sizes("keep")
    assert kept - base_kept > 100 and kept - base_kept > 2 * (after - base), (base_kept, held_kept, kept, after)


def test_release_without_pyarrow_imported_does_not_import_it():
    code = "import sys; from helpers import memory; memory.release(); print('pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
