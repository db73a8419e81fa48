"""The command line of the report runner: ``python -m helpers.report [options]``.

Usage::

    python -m helpers.report                      # all notebooks, bundled corpus
    python -m helpers.report --only 01 03         # a subset
    python -m helpers.report --corpus ~/my-corpus --figures /tmp/fig --reports /tmp/rep
    python -m helpers.report --set top_n=50       # override a parameter
    python -m helpers.report --strip              # remove outputs from the notebooks
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from pathlib import Path

from ..config import FIGURES_DIR, REPORTS_DIR
from .execute import NotebookFailed
from .runner import default_jobs, notebooks, run
from .strip import strip

DESCRIPTION = "Run the notebooks and export HTML reports: ``python -m helpers.report``."


def _parse_value(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run (or strip) the notebooks; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=DESCRIPTION)
    parser.add_argument("--only", nargs="+", metavar="PREFIX", help="run only notebooks whose name starts so")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: the bundled corpus/)")
    parser.add_argument("--figures", type=Path, default=FIGURES_DIR, help="figures folder (default: figures/)")
    parser.add_argument("--reports", type=Path, default=REPORTS_DIR, help="reports folder (default: reports/)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a notebook parameter, e.g. --set top_n=50")
    parser.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help=f"notebooks run at once (default {default_jobs()}; 1 = strictly one after another)")
    parser.add_argument("--strip", action="store_true", help="strip outputs from the notebooks and exit")
    args = parser.parse_args(argv)
    paths = notebooks(args.only)
    if args.strip:
        for path in strip(paths):
            print(f"stripped {path}")
        return 0
    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            parser.error(f"--set expects NAME=VALUE, got {item!r}")
        overrides[name] = _parse_value(value)
    if args.corpus is not None and not args.corpus.is_dir():
        parser.error(f"corpus folder {args.corpus} not found")
    started = time.perf_counter()
    try:
        run(paths, corpus_dir=args.corpus.resolve() if args.corpus else None, figures_dir=args.figures,
            reports_dir=args.reports, parameters=overrides, timeout=args.timeout, progress=sys.stderr.isatty(),
            jobs=args.jobs)
    except NotebookFailed as error:
        print(f"\nFAILED: {error}\nNothing was changed in {args.figures} or {args.reports}.", file=sys.stderr)
        return 1
    print(f"All {len(paths)} notebooks ran in {time.perf_counter() - started:.1f} s; "
          f"figures in {args.figures}, reports in {args.reports}"
          + (f" (open {args.reports / 'index.html'})" if len(paths) == len(notebooks()) else ""))
    return 0
