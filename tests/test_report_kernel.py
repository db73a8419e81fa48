"""The table data a report kernel embeds (every row of a small table, a bounded part of a large one), and the
memory it gives back after each cell."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from helpers.report import cells, kernel


def _embedded_bytes(data: dict) -> int:
    return len(json.dumps(data["rows"], ensure_ascii=False, separators=(",", ":"), default=str).encode())


def test_a_small_table_is_embedded_whole(seed):
    data = kernel.table_data(seed.documents)
    assert data["n_rows"] == len(seed.documents) == len(data["rows"])
    assert data["columns"][0] == "doc_id" and data["rows"][0][0] == seed.documents["doc_id"].iloc[0]


def test_a_large_table_keeps_its_first_rows_within_the_byte_budget(seed):
    # the bundled speech's paragraphs repeated 200 times: about 2.5 MB of JSON, far over the budget
    many = pd.concat([seed.paragraphs.astype({"section": str})] * 200, ignore_index=True)
    whole = kernel.table_data(many, max_bytes=10**9)
    assert _embedded_bytes(whole) > 5 * kernel.MAX_TABLE_BYTES
    data = kernel.table_data(many)
    kept = len(data["rows"])
    assert data["n_rows"] == len(many) and 0 < kept < len(many)
    assert data["rows"] == whole["rows"][:kept]  # the leading rows, in order, unchanged
    sizes = [len(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode()) + 1 for r in whole["rows"]]
    assert sum(sizes[:kept]) <= kernel.MAX_TABLE_BYTES < sum(sizes[:kept + 1])  # as many as fit, not fewer
    assert _embedded_bytes(data) <= kernel.MAX_TABLE_BYTES + 1  # the brackets of the list


def test_one_row_larger_than_the_budget_is_still_shown(seed):
    longest = seed.paragraphs.loc[[seed.paragraphs["n_chars"].idxmax()]].astype({"section": str})
    data = kernel.table_data(longest, max_bytes=10)
    assert len(data["rows"]) == 1 and data["n_rows"] == 1


def test_the_csv_link_says_when_it_holds_only_the_first_rows(seed):
    many = pd.concat([seed.paragraphs.astype({"section": str})] * 200, ignore_index=True)
    link = cells._csv_link(kernel.table_data(many), "paragraphs")
    shown = len(kernel.table_data(many)["rows"])
    assert f"the first {shown:,} rows of {len(many):,}" in link
    assert "the full table" in cells._csv_link(kernel.table_data(seed.documents), "documents")


RELEASE_PROBE = """
import sys
from IPython.core.interactiveshell import InteractiveShell
from helpers.report import kernel
shell = InteractiveShell.instance()
kernel.install(shell)
def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
shell.run_cell("import numpy as np, pandas as pd, pyarrow as pa")
base = rss()
shell.run_cell("xs = [pa.array(np.arange(i, i + 100_000)) for i in range(1000)]")
shell.run_cell("ys = [pd.Series(np.arange(i, i + 50_000)).astype(str) for i in range(200)]")
held = rss()
shell.run_cell("del xs, ys")
print(base, held, rss())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the resident size from /proc")
def test_a_report_kernel_gives_the_memory_a_cell_freed_back_to_the_system():
    # 1,200 Arrow and string arrays of under a megabyte each: pyarrow's pool and glibc's heap keep such pages
    # for reuse, so without the kernel's hook the process stays as large as its largest cell
    out = subprocess.run([sys.executable, "-c", RELEASE_PROBE], capture_output=True, text=True, check=True,
                         timeout=120)
    base, held, after = map(int, out.stdout.split()[-3:])
    assert held - base > 300, (base, held, after)
    assert after - base < 0.1 * (held - base), (base, held, after)
