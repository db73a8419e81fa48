"""Run the numbered notebooks, in order or several at once, and publish their figures and reports.

Figures and reports are written to staging folders; only when every notebook
succeeded do they replace the previous ones (see :mod:`.publish`).  A run of every notebook also writes
``tables.xlsx`` beside the reports: each figure's result table as a sheet (:func:`helpers.export.tables`).
When a page has a box a reader types into, the folder ``fonts`` beside the reports holds the font files of the
Chinese characters that are neither on a page nor common (:func:`helpers.fonts.write_slices`).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import warnings
from pathlib import Path

from .. import cache, fonts, memory, parallel
from ..config import FIGURES_DIR, NOTEBOOKS_DIR, REPORTS_DIR, SCHEDULER_ENV
from ..export import tables as export_tables
from ..outputs import write_text
from ..provenance import FOLDERS_ENV
from . import warm
from .execute import KERNEL_ENV, Kernels, Timing, execute
from .export import export_html, index_page, summary, title
from .page import has_text_box
from .parameters import check as check_parameters
from .publish import output_folder, publish, remove_stale_staging, staging_folder, writing_into

TABLES_WORKBOOK = "tables.xlsx"  # every result table of a complete run, beside the reports
DURATIONS_STAGE, DURATIONS_FILE = "report", "durations.json"  # each notebook's last time, kept in the cache


def notebooks(only: list[str] | None = None, folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks of ``folder`` by name, or those whose name starts with an ``only`` prefix.

    Every ``*.ipynb`` counts (hidden ones left out), so a notebook a user adds runs and is exported like the
    numbered ones (``00_…`` to ``04_…``), after them when its name sorts after theirs.
    """
    found = sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))
    if only:
        chosen = [p for p in found if any(p.name.startswith(prefix) for prefix in only)]
        unknown = [o for o in only if not any(p.name.startswith(o) for p in found)]
        if unknown:
            raise SystemExit(f"no notebook matches {', '.join(unknown)} in {folder}")
        return chosen
    return found


def _run_one(path: Path, params: dict, timeout: int | None, progress: bool, env: dict[str, str], server: str | None,
             kernels: Kernels | None = None) -> tuple[str, str, str, Timing]:
    """Execute one notebook and export it: ``(html, title, summary, timing)``."""
    nb, timing = execute(path, params, timeout=timeout, progress=progress, env=env, server=server, kernels=kernels)
    started = time.perf_counter()
    html_text = export_html(nb, name=path.stem)
    timing.export = time.perf_counter() - started
    named, summarised = title(nb) or path.stem, summary(nb)
    del nb
    memory.release()  # the executed notebook and its export, freed: the runner otherwise keeps their pages
    return html_text, named, summarised, timing


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
    timeout: int | None = None,
    progress: bool = True,
    jobs: int = 1,
    log=print,
    scheduler: str | None = None,
) -> list[Timing]:
    """Run ``paths``, each on a fresh kernel; on success move figures and reports into place.

    With ``jobs`` > 1 that many notebooks run at once, longest first (the notebooks are independent: each loads
    the corpus itself).  Raises :class:`NotebookFailed` for the first failing notebook in order; then nothing is
    published.  ``timeout`` is the seconds a cell may run (None: no limit).  The kernels are told the folders
    ``figures_dir`` and ``reports_dir`` (not the staging folders), for the provenance they record.
    ``scheduler`` (default ``$SPEECHES_SCHEDULER``) is where the kernels build a corpus on disk
    (:func:`helpers.parallel.scheduler`); one that cannot be reached is a :class:`ParameterError` before any
    kernel starts.
    """
    checked = check_parameters(parameters or {}, paths)  # before any folder is touched or kernel started
    address = parallel.scheduler(scheduler)
    parallel.check_scheduler(address)
    figures_dir = output_folder(figures_dir, "--figures")
    reports_dir = output_folder(reports_dir, "--reports")
    for folder in {figures_dir, reports_dir}:
        remove_stale_staging(folder)
    stage_figures = stage_reports = None
    try:
        stage_figures = staging_folder(figures_dir, "figures")
        stage_reports = staging_folder(reports_dir, "reports")
        return _run_staged(paths, corpus_dir, figures_dir, reports_dir, stage_figures, stage_reports, checked,
                           timeout, progress, jobs, log, address)
    finally:
        for stage in (stage_figures, stage_reports):
            if stage is not None:
                shutil.rmtree(stage, ignore_errors=True)


def _run_staged(paths, corpus_dir, figures_dir: Path, reports_dir: Path, stage_figures: Path,
                stage_reports: Path, parameters: dict, timeout: int, progress: bool, jobs: int,
                log, scheduler: str | None = None) -> list[Timing]:
    """Run into the staging folders, then publish (the caller removes the staging folders)."""
    params = {**parameters, "corpus_dir": str(corpus_dir) if corpus_dir else None,
              "figures_dir": str(stage_figures)}
    env = {FOLDERS_ENV: json.dumps({"figures_dir": str(figures_dir.resolve()),
                                    "reports_dir": str(reports_dir.resolve())}),
           **({SCHEDULER_ENV: scheduler} if scheduler else {})}
    jobs = max(1, min(jobs, len(paths)))
    results: dict[int, tuple[str, str, str, Timing]] = {}
    with warm.kernel_server(KERNEL_ENV) as server:  # every kernel of the run forked from one that has imported
        if jobs == 1:
            for k, path in enumerate(paths):
                log(f"[{k + 1}/{len(paths)}] {path.name} ...")
                results[k] = _run_one(path, params, timeout, progress, env, server)
                log(f"      done in {results[k][3].total:.1f} s (kernel start {results[k][3].kernel_start:.1f} s)")
        else:
            _run_parallel(paths, params, timeout, jobs, env, server, results, log)
    entries = []
    complete = bool(paths) and {p.resolve() for p in paths} == {p.resolve() for p in notebooks(folder=paths[0].parent)}
    with writing_into(reports_dir, "--reports"):  # every report and the index staged before anything is published
        for k, path in enumerate(paths):
            html_text, heading, first_paragraph, timing = results[k]
            write_text(stage_reports / f"{path.stem}.html", html_text)
            entries.append((f"{path.stem}.html", heading, first_paragraph, timing.total))
        if any(has_text_box(results[k][0]) for k in results):  # the fonts of rare typed characters, beside them
            fonts.write_slices(stage_reports / fonts.SLICE_FOLDER)
        if complete:
            write_text(stage_reports / "index.html", index_page(entries, corpus_dir))
            if any(stage_figures.glob("*.csv")):  # every result table of the run in one workbook, for Excel
                export_tables(stage_figures, out=stage_reports / TABLES_WORKBOOK)
    remember_durations({path: results[k][3].total for k, path in enumerate(paths)})
    publish(stage_figures, figures_dir, prune=complete)
    publish(stage_reports, reports_dir, prune=False)
    return [results[k][3] for k in range(len(paths))]


def _run_parallel(paths, params, timeout, jobs, env, server, results, log) -> None:
    log(f"running {len(paths)} notebooks, {jobs} at a time ...")
    # threads of the runner, not processes: each waits on its kernel, and a process per notebook would hold a
    # second copy of nbclient, nbconvert and pandas (about 180 MB each at 98 M characters, measured); a stopped
    # run (an error, Ctrl-C, SIGTERM) kills the running kernels, so their threads end too
    # longest first (by the last run's times), so that no long notebook starts last while a core idles
    kernels = Kernels()
    work = [(k, paths[k], params, timeout, env, server, kernels) for k in longest_first(paths)]
    for k, result in parallel.map(_run_indexed, work, workers=jobs, ordered=False, threads=True, stop=kernels.stop):
        results[k] = result
        log(f"[{k + 1}/{len(paths)}] {paths[k].name} done in {result[3].total:.1f} s "
            f"(kernel start {result[3].kernel_start:.1f} s)")


def longest_first(paths: list[Path]) -> list[int]:
    """Indices of ``paths``, longest notebook first by the durations of earlier runs (:func:`remember_durations`);
    notebooks never timed come first, in their order (the order does not change any result)."""
    known = _durations()
    return sorted(range(len(paths)), key=lambda k: -known.get(str(paths[k].resolve()), float("inf")))


def remember_durations(durations: dict[Path, float]) -> None:
    """Keep each notebook's time for the next run's order (:func:`longest_first`)."""
    known = _durations()
    known.update({str(path.resolve()): round(seconds, 2) for path, seconds in durations.items()})
    cache.keep(DURATIONS_STAGE, DURATIONS_FILE, json.dumps(known, indent=1, sort_keys=True).encode())


def _durations() -> dict[str, float]:
    """The times kept by :func:`remember_durations`; a damaged record is said (a cache warning) and read as none."""
    data = cache.kept(DURATIONS_STAGE, DURATIONS_FILE) or b"{}"
    try:
        known = json.loads(data)
        if isinstance(known, dict) and all(isinstance(v, int | float) for v in known.values()):
            return known
    except ValueError:
        pass
    warnings.warn(f"the notebooks' last times ({DURATIONS_STAGE}/{DURATIONS_FILE} in the cache) could not be "
                  "read; they are replaced after this run", cache.CacheWarning, stacklevel=3)
    return {}


def _run_indexed(job) -> tuple[int, tuple[str, str, str, Timing]]:
    """``(k, _run_one(...))`` of one notebook (in a thread of the runner)."""
    k, path, params, timeout, env, server, kernels = job
    return k, _run_one(path, params, timeout, False, env, server, kernels)


def stop_on_signals() -> None:
    """Turn SIGTERM into KeyboardInterrupt in this process (call it only in a process of the runner's own).

    Then a terminated run unwinds like one interrupted with Ctrl-C: each kernel is shut down by the code
    that started it and each staging folder is removed.
    """
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)
