"""The DuckDB connection every query of a tokens dataset runs on."""

from __future__ import annotations

import os

__all__ = ["MEMORY_LIMIT", "duckdb_connection"]

MEMORY_LIMIT = "2GB"  # DuckDB's working memory (it spills to disk beyond it); its default is 80% of the RAM


def duckdb_connection():
    """A DuckDB connection on every core, with bounded memory (spilling to the system's temporary folder) and
    without DuckDB's own progress bar (it writes to standard output, so into a notebook's output or a pipe)."""
    import duckdb  # imported when a dataset is queried, not with the workspace

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("SET enable_progress_bar_print = false")
    con.execute(f"SET threads TO {os.cpu_count() or 1}")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    return con

