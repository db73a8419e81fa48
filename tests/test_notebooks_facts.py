"""The reports state each corpus's own facts: the notebooks run on two corpora and their findings are compared.

The findings cells (tagged ``findings``) print sentences generated from the result tables; run on the bundled
speech and on the six-document fixture, each report must give its own corpus's numbers and none of the other's.
"""

from __future__ import annotations

import html
import re

import pytest

from helpers import corpus, report

NOTEBOOKS = report.notebooks()


def _findings_text(page: str) -> str:
    """The plain text of every findings cell's output in an exported report (cells marked ``tag-findings``)."""
    cells = re.split(r'(?=<div class="cell[ "])', page)
    chosen = [c for c in cells if c.startswith('<div class="cell') and "tag-findings" in c.split(">", 1)[0]]
    outputs = [m for c in chosen for m in re.findall(r'<pre class="stream">(.*?)</pre>', c, flags=re.S)]
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(outputs)))


@pytest.fixture(scope="module")
def runs(multi_dir, tmp_path_factory):
    """All notebooks run on the bundled corpus and on the multi-document fixture: ``{name: (corpus, pages)}``."""
    out = {}
    for name, folder in (("bundled", None), ("multi", multi_dir)):
        figures, reports = tmp_path_factory.mktemp(f"{name}-fig"), tmp_path_factory.mktemp(f"{name}-rep")
        report.run(NOTEBOOKS, corpus_dir=folder, figures_dir=figures, reports_dir=reports, progress=False,
                   log=lambda *_: None)
        pages = {p.stem: (reports / f"{p.stem}.html").read_text(encoding="utf-8") for p in NOTEBOOKS}
        out[name] = (corpus.load(folder), pages, (reports / "index.html").read_text(encoding="utf-8"))
    return out


@pytest.mark.slow
def test_every_findings_cell_prints_sentences(runs):
    for name, (_, pages, _) in runs.items():
        for stem, page in pages.items():
            tagged = len(re.findall(r'<div class="cell[^"]*tag-findings', page))
            assert tagged >= 3, (name, stem)
            text = _findings_text(page)
            assert len([line for line in text.splitlines() if line.strip().endswith(".")]) >= tagged, (name, stem)


@pytest.mark.slow
def test_each_report_states_its_own_corpus(runs):
    for name, (loaded, pages, _) in runs.items():
        n_docs, n_paragraphs = len(loaded.documents), len(loaded.paragraphs)
        overview = _findings_text(pages["00_corpus_overview"])
        documents = "one document" if n_docs == 1 else f"{n_docs} documents"
        assert f"The corpus holds {documents}" in overview, name
        assert f"{n_paragraphs:,} paragraphs" in overview, name
        assert f"{len(loaded.sentences):,} sentences" in overview, name
        topics = _findings_text(pages["02_themes"])
        works = corpus.sample(loaded)  # the topic model counts each work once (later editions left out)
        assert f"The model learns from {len(works.paragraphs):,} paragraphs of {len(works.documents)} document" \
            in topics, name


@pytest.mark.slow
def test_no_report_carries_the_bundled_speech_facts_into_another_corpus(runs):
    bundled, _, _ = runs["bundled"]
    multi, pages, _ = runs["multi"]
    assert len(multi.paragraphs) != len(bundled.paragraphs)
    everything = "\n".join(pages.values())
    for stale in (f"{len(bundled.paragraphs)} paragraphs", "the four one-line bars", "In the 2024 speech",
                  "about 4,500 characters", "coloured points lie beyond", "one document, 朝着"):
        assert stale not in everything, stale
    overview = _findings_text(pages["00_corpus_overview"])
    years = sorted(multi.documents["year"].dropna().astype(int).unique())
    assert f"They date from {years[0]} to {years[-1]}" in overview


@pytest.mark.slow
def test_the_index_names_the_corpus_folder_used(runs, multi_dir):
    assert str(multi_dir) in runs["multi"][2]
    assert "corpus/ (bundled)" in runs["bundled"][2]


@pytest.fixture(scope="module")
def streamed(multi_dir, tmp_path_factory):
    """All notebooks run on the multi-document fixture streamed (tokens dataset on disk): ``(pages, figures)``."""
    figures, reports = tmp_path_factory.mktemp("stream-fig"), tmp_path_factory.mktemp("stream-rep")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPEECHES_CACHE", str(tmp_path_factory.mktemp("stream-cache")))
        report.run(NOTEBOOKS, corpus_dir=multi_dir, figures_dir=figures, reports_dir=reports,
                   parameters={"stream": True}, progress=False, log=lambda *_: None)
    return {p.stem: (reports / f"{p.stem}.html").read_text(encoding="utf-8") for p in NOTEBOOKS}, figures


@pytest.mark.slow
def test_the_notebooks_state_the_same_facts_when_the_corpus_is_streamed(runs, streamed):
    """Every notebook runs on the streamed corpus, and its findings are those of the same corpus in memory,
    sentence for sentence."""
    _, in_memory, _ = runs["multi"]
    pages, figures = streamed
    for stem, page in pages.items():
        assert _findings_text(page) == _findings_text(in_memory[stem]), stem
        assert "Traceback" not in page, stem
    assert len(list(figures.glob("*.png"))) >= 25
