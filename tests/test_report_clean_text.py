"""The reports of the bundled corpus say nothing stale and leak nothing: no staging or temporary path, no Python
repr, no ISO timestamp, no label cut inside a word, no stale text, no table index column.

Each check is a function over a page's text; the first test shows that each one finds what it names.  The page's
text is what a reader can see or copy: the markup with its folded code, styles, scripts (DataTables, the page's
own) and data: addresses left out, HTML entities and JSON escapes decoded, tables' data included.
Checks that the reports still fail are marked ``xfail(strict=True)`` with the file that must change: once it is
fixed, the test passes, strict turns that into a failure, and the mark is to be removed.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from helpers import corpus
from helpers.tokens.tokenizer import tokenizer

REPRS = re.compile(r"\b(?:Contrast|DataFrame|Series|PosixPath|WindowsPath|Corpus|Figure)\([^)]{0,40}|"
                   r"<[\w.]+ object at 0x[0-9a-f]+>")
TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?")
PATH = re.compile(r"(?:/tmp|/var/folders|/private/var)/[^\s'\"<>)\],]+")
STALE = ("first of four notebooks", "cannot run the explorer", "can't run the explorer")
INDEX_COLUMNS = ("index", "level_0", "Unnamed: 0")
CUT = re.compile(r"([\u4e00-\u9fff]+)…")


def page_text(page: str) -> str:
    """What a reader of ``page`` can see or copy (see the module)."""
    for pattern in (r"<style[^>]*>.*?</style>", r'<script type="text/plain" id="datatables-module".*?</script>',
                    r'<script type="module">.*?</script>', r'<details class="code">.*?</details>'):
        page = re.sub(pattern, " ", page, flags=re.S)
    page = re.sub(r"data:[^\"')\s]+", " ", page)
    page = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)
    return html.unescape(page)


def leaked_paths(text: str, allowed: tuple[Path, ...] = ()) -> list[str]:
    """Temporary paths (a staging folder always) other than ``allowed`` folders (and what is in them)."""
    found = set(PATH.findall(text)) | set(re.findall(r"[^\s'\"<>]*\.staging-[^\s'\"<>]*", text))
    return sorted(p for p in found if ".staging-" in p
                  or not any(p.rstrip("/") == str(a) or p.startswith(f"{a}/") for a in allowed))


def reprs(text: str) -> list[str]:
    return sorted(set(REPRS.findall(text)))


def timestamps(text: str) -> list[str]:
    return sorted(set(TIMESTAMP.findall(text)))


def stale(text: str) -> list[str]:
    return [s for s in STALE if s in text.lower()]


def index_columns(text: str) -> list[str]:
    """Tables whose first column is a DataFrame index (``index``, ``level_0``, ``Unnamed: 0``)."""
    found = []
    for block in re.findall(r'<script type="application/json" class="table-data"[^>]*>(.*?)</script>', text, re.S):
        columns = json.loads(block)["columns"]
        if columns and columns[0] in INDEX_COLUMNS:
            found.append(", ".join(columns[:4]))
    return found


def cut_labels(text: str, titles: list[str]) -> list[str]:
    """Labels ending in "…" that cut a title inside a word (the workspace's segmenter says where words end)."""
    cut = []
    for run in set(CUT.findall(text)):
        for title in titles:
            start = next((k for k in range(len(run)) if title.startswith(run[k:]) and len(run) - k >= 2), None)
            if start is None or len(run) - start >= len(title):
                continue
            shown = run[start:]
            ends = {0}
            for word in tokenizer().cut(title):
                ends.add(max(ends) + len(word))
            if len(shown) not in ends:
                cut.append(f"{shown}… ({title})")
    return sorted(set(cut))


def test_the_checks_catch_what_they_name(tmp_path):
    assert leaked_paths("PosixPath('/tmp/x/figures/.staging-figures-1-ab/net.graphml')", (Path("/tmp/x/figures"),))
    assert leaked_paths("saved in /tmp/other/f.csv", (Path("/tmp/x"),)) == ["/tmp/other/f.csv"]
    assert leaked_paths("figures_dir '/tmp/x/figures'", (Path("/tmp/x/figures"),)) == []
    assert reprs("Contrast(target=('a',), reference=())") and reprs("<helpers.x.Thing object at 0x7f3a>")
    assert timestamps('"2024-06-24T00:00:00.000"') == ["2024-06-24T00:00:00"] and timestamps("2024-06-24") == []
    assert stale("This is the first of four notebooks") and not stale("the first of the notebooks")
    table = '<script type="application/json" class="table-data" data-for="t">{"columns":["index","doc_id"]}</script>'
    assert index_columns(table) == ["index, doc_id"]
    title = "朝着建成科技强国的宏伟目标奋勇前进"
    assert cut_labels("目标: 朝着建成科技强国的宏伟目标奋勇前… 2024", [title])  # inside 奋勇前进
    assert cut_labels("目标: 朝着建成科技强国的宏伟目标… 2024", [title]) == []  # between words


@pytest.fixture(scope="module")
def pages(bundled_run) -> dict[str, str]:
    """The text of every report of the bundled corpus and of the index, by file name."""
    _, reports, _ = bundled_run
    found = {p.name: page_text(p.read_text(encoding="utf-8")) for p in sorted(Path(reports).glob("*.html"))}
    assert "index.html" in found and len(found) >= 6
    return found


def _all(pages: dict[str, str], check) -> dict[str, list[str]]:
    return {name: hits for name, text in pages.items() if (hits := check(text))}


@pytest.mark.slow
def test_no_staging_or_temporary_path(pages, bundled_run):
    figures, reports, _ = bundled_run
    assert _all(pages, lambda t: leaked_paths(t, (Path(figures), Path(reports)))) == {}


@pytest.mark.slow
def test_no_python_repr(pages):
    assert _all(pages, reprs) == {}


@pytest.mark.slow
def test_no_iso_timestamp(pages):
    assert _all(pages, timestamps) == {}


@pytest.mark.slow
def test_no_table_index_column(pages):
    assert _all(pages, index_columns) == {}


@pytest.mark.slow
def test_no_label_cut_inside_a_word(pages):
    titles = [str(t) for t in corpus.load().documents["title"].dropna()]
    assert _all(pages, lambda t: cut_labels(t, titles)) == {}


@pytest.mark.slow
def test_no_stale_text(pages):
    assert _all(pages, stale) == {}
