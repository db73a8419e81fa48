"""Run the notebooks and export HTML reports: ``python -m helpers.report``.

Each notebook in ``notebooks/`` runs in order on a fresh kernel (nbclient), with
the cell tagged ``parameters`` followed by an injected cell that sets the
corpus folder, the output folder and any ``--set`` overrides.  Figures go to a
staging folder first and replace the previous ones only when every notebook
succeeded; a failing cell stops the run with the notebook, the cell number and
the exception, exit status 1, and leaves ``figures/`` and ``reports/`` as they
were.  Reports are self-contained HTML (figures embedded), one per notebook,
plus ``index.html``.

Usage::

    python -m helpers.report                      # all notebooks, bundled corpus
    python -m helpers.report --only 01 03         # a subset
    python -m helpers.report --corpus ~/my-corpus --figures /tmp/fig --reports /tmp/rep
    python -m helpers.report --set top_n=50       # override a parameter
    python -m helpers.report --strip              # remove outputs from the notebooks
"""

from __future__ import annotations

import sys

# jsonschema (imported by nbformat) loads an optional URI checker whose grammar
# takes ~0.9 s to build; the runner never validates URIs, so it is kept out.
sys.modules.setdefault("rfc3987_syntax", None)

import argparse  # noqa: E402
import ast  # noqa: E402
import html  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

from .config import FIGURES_DIR, NOTEBOOKS_DIR, REPORT_ENV, REPORTS_DIR, cache_dir  # noqa: E402
from .outputs import atomic_path, write_text  # noqa: E402

OUTPUT_SUFFIXES = {".png", ".csv", ".graphml"}


class NotebookFailed(RuntimeError):
    """A cell raised: names the notebook, the cell and the exception."""


@dataclass
class Timing:
    """Wall time of one notebook: kernel start, each cell, HTML export."""

    notebook: str
    kernel_start: float = 0.0
    cells: list[float] = field(default_factory=list)
    export: float = 0.0

    @property
    def total(self) -> float:
        return self.kernel_start + sum(self.cells) + self.export


def notebooks(only: list[str] | None = None, folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) in order, or those whose name starts with an ``only`` prefix."""
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if only:
        chosen = [p for p in found if any(p.name.startswith(prefix) for prefix in only)]
        unknown = [o for o in only if not any(p.name.startswith(o) for p in found)]
        if unknown:
            raise SystemExit(f"no notebook matches {', '.join(unknown)} in {folder}")
        return chosen
    return found


def _kernel_manager(sockets: Path | None = None):
    """A kernel manager for this very Python, whatever kernelspecs the user has installed.

    With ``sockets`` (POSIX), kernel and client talk over Unix sockets in that
    folder instead of unencrypted TCP on localhost.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec_dir = cache_dir() / "kernels" / "workspace"
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python (workspace)", "language": "python",
            "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1", REPORT_ENV: "1"}}
    write_text(spec_dir / "kernel.json", json.dumps(spec, indent=1))
    manager = KernelManager(kernel_name="workspace",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec_dir.parent)]))
    if sockets is not None:
        manager.transport = "ipc"
        manager.ip = str(sockets / "kernel")
    return manager


def _inject(nb, parameters: dict) -> int:
    """Insert a cell setting ``parameters`` after the cell tagged ``parameters``; return its index."""
    import nbformat

    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    at = tagged[0] + 1 if tagged else 0
    source = "# Parameters injected by helpers.report\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(at, cell)
    return at


def execute(path: Path, parameters: dict, *, timeout: int = 600, progress: bool = True):
    """Run one notebook on a fresh kernel; return the executed notebook and its timing."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    injected = _inject(nb, parameters)
    timing = Timing(path.name)
    sockets = Path(tempfile.mkdtemp(prefix="kernel-")) if os.name == "posix" else None
    manager = _kernel_manager(sockets)
    client = NotebookClient(nb, km=manager, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        return _execute_cells(client, nb, path, injected, timing, start, progress)
    finally:
        if manager.has_kernel:  # nbclient leaves a kernel it did not create running
            manager.shutdown_kernel(now=True)
        if sockets is not None:
            shutil.rmtree(sockets, ignore_errors=True)


def _execute_cells(client, nb, path: Path, injected: int, timing: Timing, start: float, progress: bool):
    from nbclient.exceptions import CellExecutionError

    with client.setup_kernel():
        timing.kernel_start = time.perf_counter() - start
        cells = list(enumerate(nb.cells))
        bar = _bar(len(cells), path.stem, progress)
        for index, cell in cells:
            started = time.perf_counter()
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                number = index + 1 - (index > injected)  # as the user counts cells, without the injected one
                first = (cell.source.strip().splitlines() or [""])[0]
                lines = [line for line in str(error).strip().splitlines() if line.strip()]
                what = f"{error.ename}: {error.evalue}" if error.ename else (lines[-1] if lines else "error")
                raise NotebookFailed(f"{path.name}, cell {number} ({first!r}): {what}") from None
            finally:
                if bar is not None:
                    bar.update()
            timing.cells.append(time.perf_counter() - started)
        if bar is not None:
            bar.close()
    return nb, timing


def _bar(total: int, name: str, show: bool):
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=f"  {name}", unit="cell", leave=False, file=sys.stderr)


def export_html(nb, path: Path) -> str:
    """Self-contained HTML of an executed notebook (figures embedded as data URIs)."""
    from nbconvert import HTMLExporter

    # No sanitize_html: nbconvert's sanitizer escapes the <thead>/<th>/<style> of every pandas table into
    # visible text. Corpus text reaches the report only through pandas tables and explorer fallbacks,
    # both of which escape it (tests/test_report.py checks a <script> in the corpus stays text).
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": _title(nb) or path.stem}})
    return body


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def _summary(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paragraphs = [p for p in cell.source.split("\n\n") if p.strip() and not p.startswith("#")]
            if paragraphs:
                return " ".join(paragraphs[0].split())
    return ""


def _index(entries: list[tuple[str, str, str, float]], corpus_dir: Path | None) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(title)}</a> '
        f'<span class="t">({seconds:.1f} s)</span><br><span class="s">{html.escape(summary)}</span></li>'
        for name, title, summary, seconds in entries
    )
    corpus = html.escape(str(corpus_dir or "corpus/ (bundled)"))
    stamp = time.strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Reports: Chinese policy speeches</title>
<style>body{{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:52rem;margin:2rem auto;line-height:1.5}}
li{{margin:.8rem 0}} .t{{color:#666}} .s{{color:#333;font-size:.95em}}</style></head>
<body><h1>Reports: Chinese policy speeches</h1>
<p>Notebooks run on {html.escape(stamp)} against <code>{corpus}</code>. Each report ends with its provenance
(library versions, corpus and word-list hashes, parameters).</p>
<ol>
{items}
</ol></body></html>
"""


def _run_one(path: Path, params: dict, timeout: int, progress: bool) -> tuple[str, str, str, Timing]:
    """Execute one notebook and export it: ``(html, title, summary, timing)`` (runs in a worker process)."""
    nb, timing = execute(path, params, timeout=timeout, progress=progress)
    started = time.perf_counter()
    html_text = export_html(nb, path)
    timing.export = time.perf_counter() - started
    return html_text, _title(nb) or path.stem, _summary(nb), timing


def default_jobs() -> int:
    """Notebooks run at once by default: two where there are two cores (each notebook uses about one)."""
    return max(1, min(2, os.cpu_count() or 1))


def run(
    paths: list[Path],
    *,
    corpus_dir: Path | None = None,
    figures_dir: Path = FIGURES_DIR,
    reports_dir: Path = REPORTS_DIR,
    parameters: dict | None = None,
    timeout: int = 600,
    progress: bool = True,
    jobs: int = 1,
    log=print,
) -> list[Timing]:
    """Run ``paths``, each on a fresh kernel; on success move figures and reports into place.

    With ``jobs`` > 1 that many notebooks run at once, started in order (the
    notebooks are independent: each loads the corpus itself).  Raises
    :class:`NotebookFailed` for the first failing notebook in order; then
    nothing is published.
    """
    figures_dir, reports_dir = Path(figures_dir), Path(reports_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    reports_dir.mkdir(parents=True, exist_ok=True)
    for folder in {figures_dir.parent, reports_dir.parent}:
        _remove_stale_staging(folder)
    stage_figures = Path(tempfile.mkdtemp(prefix=f".staging-figures-{os.getpid()}-", dir=figures_dir.parent))
    stage_reports = Path(tempfile.mkdtemp(prefix=f".staging-reports-{os.getpid()}-", dir=reports_dir.parent))
    params = {"corpus_dir": str(corpus_dir) if corpus_dir else None, "figures_dir": str(stage_figures),
              **(parameters or {})}
    jobs = max(1, min(jobs, len(paths)))
    results: dict[int, tuple[str, str, str, Timing]] = {}
    try:
        if jobs == 1:
            for k, path in enumerate(paths):
                log(f"[{k + 1}/{len(paths)}] {path.name} ...")
                results[k] = _run_one(path, params, timeout, progress)
                log(f"      done in {results[k][3].total:.1f} s (kernel start {results[k][3].kernel_start:.1f} s)")
        else:
            _run_parallel(paths, params, timeout, jobs, results, log)
        entries = []
        for k, path in enumerate(paths):
            html_text, title, summary, timing = results[k]
            write_text(stage_reports / f"{path.stem}.html", html_text)
            entries.append((f"{path.stem}.html", title, summary, timing.total))
        complete = len(paths) == len(notebooks())
        _publish(stage_figures, figures_dir, prune=complete)
        _publish(stage_reports, reports_dir, prune=False)
        if complete:
            write_text(reports_dir / "index.html", _index(entries, corpus_dir))
    finally:
        shutil.rmtree(stage_figures, ignore_errors=True)
        shutil.rmtree(stage_reports, ignore_errors=True)
    return [results[k][3] for k in range(len(paths))]


def _run_parallel(paths, params, timeout, jobs, results, log) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait

    log(f"running {len(paths)} notebooks, {jobs} at a time ...")
    # spawn, not fork: a process that has run kernels holds threads, and a forked child can deadlock on their locks
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_run_one, path, params, timeout, False): k for k, path in enumerate(paths)}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in sorted(done, key=futures.get):
                k = futures[future]
                if future.exception() is not None:
                    for other in pending:
                        other.cancel()
                    failures = [futures[f] for f in done | pending if f.done() and f.exception()]
                    raise next(f.exception() for f in futures if futures[f] == min(failures))
                results[k] = future.result()
                log(f"[{k + 1}/{len(paths)}] {paths[k].name} done in {results[k][3].total:.1f} s "
                    f"(kernel start {results[k][3].kernel_start:.1f} s)")


def _remove_stale_staging(folder: Path) -> None:
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


def _publish(stage: Path, target: Path, *, prune: bool) -> None:
    """Move every file of ``stage`` onto ``target`` (atomic renames); with ``prune`` drop outputs not remade."""
    made = set()
    for path in sorted(stage.iterdir()):
        os.replace(path, target / path.name)
        made.add(path.name)
    if prune:
        for path in target.iterdir():
            if path.suffix in OUTPUT_SUFFIXES and path.name not in made:
                path.unlink()


def strip(paths: list[Path]) -> list[Path]:
    """Remove outputs, execution counts and run metadata from notebooks; return those changed."""
    import nbformat

    changed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
            cell.metadata.pop("execution", None)
        nb.metadata.pop("widgets", None)
        after = nbformat.writes(nb)
        if after != before:
            with atomic_path(path) as tmp:
                tmp.write_text(after, encoding="utf-8")
            changed.append(path)
    return changed


def _parse_value(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__.split("\n\n")[0])
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


if __name__ == "__main__":
    sys.exit(main())
