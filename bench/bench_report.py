"""The main job end to end: every notebook and its HTML report, per notebook and per phase.

    .venv/bin/python bench/bench_report.py [--bundled-only]

On 1, 8 and 84 documents: the bundled corpus, and (if the development texts and tables are present)
the extended corpus and the extended corpus plus every row of the two tables. For each, a cold run
(empty cache), then a warm run (caches filled) with the default two notebooks at a time; for the
bundled corpus also a warm run one notebook at a time. Per notebook: kernel start, the import cell,
the other cells (the work) and the HTML export. Outputs go to temporary folders; figures/ and
reports/ are not touched.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import pandas as pd
from common import report

from helpers import config
from helpers import report as runner
from helpers.corpus import devcorpus
from helpers.report.execute import keep_uri_checker_out


def import_cell(path: Path) -> int:
    """Index of the import cell once the runner has injected its parameters cell."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    index = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith("from helpers import"))
    return index + 1


def one_run(label: str, corpus_dir: Path | None, jobs: int, cache: Path, work: Path) -> list[tuple]:
    os.environ["SPEECHES_CACHE"] = str(cache)
    out = Path(tempfile.mkdtemp(dir=work))
    paths = runner.notebooks()
    started = time.perf_counter()
    timings = runner.run(paths, corpus_dir=corpus_dir, figures_dir=out / "figures", reports_dir=out / "reports",
                         jobs=jobs, progress=False, log=lambda *_: None)
    wall = time.perf_counter() - started
    rows = []
    for path, timing in zip(paths, timings, strict=True):
        k = import_cell(path)
        imports = timing.cells[k]
        work_s = sum(timing.cells) - imports
        rows.append((label, jobs, path.stem, round(timing.kernel_start, 2), round(imports, 2), round(work_s, 2),
                     round(timing.export, 2), round(timing.total, 2)))
    rows.append((label, jobs, "ALL (wall clock)", None, None, None, None, round(wall, 2)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundled-only", action="store_true", help="the bundled corpus alone (about a minute)")
    args = parser.parse_args()
    keep_uri_checker_out()  # as the command line does
    work = Path(tempfile.mkdtemp(prefix="bench-report-"))
    corpora = [("1 document (bundled)", None)]
    if config.extra_corpus_dir() is not None and not args.bundled_only:
        corpora.append(("8 documents (extended)", devcorpus.extended(work / "extended")))
        if config.tables_dir() is not None:
            corpora.append(("84 documents (extended + tables)", devcorpus.large(work / "large")))
    rows = []
    for k, (name, folder) in enumerate(corpora):
        cache = work / f"cache-{k}"
        rows += one_run(f"{name}, cold", folder, runner.default_jobs(), cache, work)
        rows += one_run(f"{name}, warm", folder, runner.default_jobs(), cache, work)
        if folder is None:
            rows += one_run(f"{name}, warm", folder, 1, cache, work)
    table = pd.DataFrame(rows, columns=["run", "jobs", "notebook", "kernel_start_s", "imports_s", "work_s",
                                       "export_s", "total_s"])
    report(table, "report_bundled" if args.bundled_only else "report",
           "The main job (targets, warm: 1 document <= 15 s, 84 documents <= 90 s)")


if __name__ == "__main__":
    main()
