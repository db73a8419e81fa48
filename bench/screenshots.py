"""Full-page screenshots of every report on the development corpora, to look at as a reader would.

    .venv/bin/python bench/screenshots.py [OUT] [--corpora extended tables] [--only 04]

Builds the development corpora in a temporary folder (``extended``: the bundled speech plus the development texts,
8 documents; ``tables``: the 76 rows of ../shared/corpus-tables; ``large``: both, 84 documents), runs the notebooks
on each with the report runner into temporary figures and reports folders (never figures/ or reports/), then opens
each report in headless Chromium (the system package) at 1280 px width, every request but the page's own file
blocked, and saves a full-page screenshot in ``OUT/<corpus>/`` (default /tmp/screenshots). A page taller than
``SLICE`` pixels is saved in slices (``name-1.png``, ``name-2.png`` …), since Chromium cannot draw one image that
tall. Prints one line per page: its height, slices, console errors and blocked requests. The images are not for git.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from helpers import report as runner
from helpers.corpus import devcorpus
from helpers.report.execute import keep_uri_checker_out

WIDTH, HEIGHT = 1280, 800
SLICE = 8000  # pixels of page per image
BUILDERS = {"extended": devcorpus.extended, "tables": devcorpus.from_tables, "large": devcorpus.large}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def build_reports(name: str, work: Path, only: list[str] | None) -> Path:
    """Run the notebooks on corpus ``name`` into ``work``; returns the reports folder.

    The runner publishes nothing when a notebook fails, so a failing notebook is named, left out, and the
    others are run again: the pages that can be built are still looked at.
    """
    folder = BUILDERS[name](work / name / "corpus")
    paths = runner.notebooks(only)
    reports = work / name / "reports"
    started = time.perf_counter()
    while paths:
        try:
            runner.run(paths, corpus_dir=folder, figures_dir=work / name / "figures", reports_dir=reports,
                       jobs=runner.default_jobs(), progress=False, log=lambda *_: None)
            break
        except runner.NotebookFailed as error:
            failed = next((p for p in paths if str(error).startswith(p.name)), None)
            print(f"{name}: FAILED {error}")
            if failed is None:
                raise
            paths = [p for p in paths if p != failed]
    print(f"{name}: {len(paths)} notebooks run in {time.perf_counter() - started:.1f} s")
    return reports


def shoot(reports: Path, out: Path, chromium: str) -> None:
    """A full-page screenshot (in slices) of each HTML page of ``reports`` into ``out``."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            for page_file in sorted(reports.glob("*.html")):
                page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
                errors, blocked = [], []
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                page.route("**/*", lambda route, blocked=blocked: route.continue_() if route.request.url.startswith(
                    "file:") else (blocked.append(route.request.url), route.abort()))
                page.goto(page_file.as_uri(), wait_until="load")
                page.evaluate("document.fonts.ready")
                page.wait_for_timeout(300)
                height = page.evaluate("document.documentElement.scrollHeight")
                slices = max(1, -(-height // SLICE))
                for k in range(slices):
                    top = k * SLICE
                    target = out / (f"{page_file.stem}.png" if slices == 1 else f"{page_file.stem}-{k + 1}.png")
                    page.screenshot(path=str(target), full_page=True,
                                    clip={"x": 0, "y": top, "width": WIDTH, "height": min(SLICE, height - top)})
                print(f"  {page_file.name}: {height:,} px, {slices} image(s), {len(errors)} console errors, "
                      f"{len(blocked)} blocked requests" + (f"; first error: {errors[0][:120]}" if errors else ""))
                page.close()
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default="/tmp/screenshots", help="folder for the images")
    parser.add_argument("--corpora", nargs="+", choices=list(BUILDERS), default=["extended", "tables"])
    parser.add_argument("--only", nargs="+", metavar="PREFIX", help="only the notebooks whose name starts so")
    args = parser.parse_args()
    chromium = next((c for c in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
                     if c), None)
    if chromium is None:
        raise SystemExit("Chromium not found: install the system package `chromium`")
    keep_uri_checker_out()  # as the command line does
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        for name in args.corpora:
            reports = build_reports(name, Path(tmp), args.only)
            shoot(reports, out / name, chromium)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
