"""Shared bits of the benchmark scripts: timing, tables, where results go."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

import pandas as pd

RESULTS = Path(__file__).resolve().parent / "results"


def best_of(function, repeat: int = 3) -> float:
    """Smallest wall time of ``repeat`` calls (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            total_kb = int(handle.readline().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def report(table: pd.DataFrame, name: str, title: str) -> Path:
    """Print ``table`` and write it as ``bench/results/<name>.csv``."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.csv"
    table.to_csv(path, index=False)
    print(f"\n{title}  [{machine()}, {time.strftime('%Y-%m-%d')}]")
    print(table.to_string(index=False))
    print(f"-> {path}")
    return path
