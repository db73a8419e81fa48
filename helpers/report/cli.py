"""The command line of the report runner: ``python -m helpers.report [options]``.

Usage::

    python -m helpers.report                      # all notebooks, bundled corpus
    python -m helpers.report --only 01 03         # a subset
    python -m helpers.report --corpus ~/my-corpus --figures /tmp/fig --reports /tmp/rep
    python -m helpers.report --set top_n=50       # override a parameter (checked before any notebook runs)
    python -m helpers.report --set key_terms=科技,创新   # a list parameter
    python -m helpers.report --scheduler tcp://host:8786 --corpus ~/archive   # the corpus built on a Dask cluster
    python -m helpers.report --strip              # remove outputs from the notebooks
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..config import FIGURES_DIR, REPORTS_DIR
from ..errors import ParameterError
from .execute import NotebookFailed
from .parameters import declared, parse
from .runner import default_jobs, notebooks, run
from .strip import strip

DESCRIPTION = "Run the notebooks and export HTML reports: ``python -m helpers.report``."


def _overrides(items: list[str], paths: list[Path], parser: argparse.ArgumentParser) -> dict:
    """``--set NAME=VALUE`` items as typed values (by the type of each parameter in the notebooks run)."""
    kinds = {}
    for path in paths:
        for name, parameter in declared(path).items():
            kinds.setdefault(name, parameter.kind)
    overrides = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            parser.error(f"--set expects NAME=VALUE, got {item!r}")
        overrides[name] = parse(value, kinds.get(name, "str"))
    return overrides


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run (or strip) the notebooks; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=DESCRIPTION)
    parser.add_argument("--only", nargs="+", metavar="PREFIX", help="run only notebooks whose name starts so")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: the bundled corpus/)")
    parser.add_argument("--figures", type=Path, default=FIGURES_DIR, help="figures folder (default: figures/)")
    parser.add_argument("--reports", type=Path, default=REPORTS_DIR, help="reports folder (default: reports/)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a notebook parameter, e.g. --set top_n=50")
    parser.add_argument("--timeout", type=int, help="seconds a cell may run (default: no limit; a cell of a "
                        "10⁹-character archive can take an hour)")
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help=f"notebooks run at once (default {default_jobs()}; 1 = strictly one after another)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="build the corpus store and tokens dataset on this Dask scheduler (tcp://host:8786, or "
                             "'local'; default $SPEECHES_SCHEDULER, else this machine's processes)")
    parser.add_argument("--strip", action="store_true", help="strip outputs from the notebooks and exit")
    args = parser.parse_args(argv)
    if args.timeout is not None and args.timeout < 1:
        parser.error(f"--timeout: {args.timeout} is not a number of seconds (give 1 or more, or leave it out)")
    paths = notebooks(args.only)
    if args.strip:
        for path in strip(paths):
            print(f"stripped {path}")
        return 0
    overrides = _overrides(args.set, paths, parser)
    if args.corpus is not None and not args.corpus.is_dir():
        parser.error(f"corpus folder {args.corpus} not found")
    started = time.perf_counter()
    try:
        run(paths, corpus_dir=args.corpus.resolve() if args.corpus else None, figures_dir=args.figures,
            reports_dir=args.reports, parameters=overrides, timeout=args.timeout, progress=sys.stderr.isatty(),
            jobs=args.jobs, scheduler=args.scheduler)
    except ParameterError as error:
        parser.error(str(error))  # exit status 2, before any notebook ran
    except NotebookFailed as error:
        print(f"\nFAILED: {error}\nNothing was changed in {args.figures} or {args.reports}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\nINTERRUPTED: the kernels were stopped and the staging folders removed; nothing was changed "
              f"in {args.figures} or {args.reports}.", file=sys.stderr)
        return 130
    print(f"All {len(paths)} notebooks ran in {time.perf_counter() - started:.1f} s; "
          f"figures in {args.figures}, reports in {args.reports}"
          + (f" (open {args.reports / 'index.html'})" if len(paths) == len(notebooks()) else ""))
    return 0
