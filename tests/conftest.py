"""Shared fixtures: the bundled corpus, the development corpus, temporary corpus folders, one report run."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers import config, corpus, devcorpus

SEED = config.CORPUS_DIR / "2024-06-24_xi_kejiqiangguo_qiushi.txt"
_CACHE = None

# the figures each notebook writes (tests/test_report_*.py)
EXPECTED = {
    "00_corpus_overview": ["corpus-paragraph-lengths", "corpus-sentence-lengths"],
    "01_frequency": ["frequency-top-terms", "frequency-wordcloud", "frequency-top-terms-by-section",
                     "frequency-section-term-heatmap", "frequency-collocations", "frequency-dispersion"],
    "02_themes": ["themes-section-heatmap", "themes-profile", "themes-drivers", "themes-keywords-by-section",
                  "themes-cooccurrence-network", "themes-topic-words", "themes-topic-paragraphs"],
    "03_comparison": ["comparison-keyness-sections", "comparison-keyness-documents", "comparison-fightin-words",
                      "comparison-wordcloud", "comparison-keyness-general", "comparison-similarity",
                      "comparison-formulations-presence", "comparison-formulation-trends", "comparison-term-trends",
                      "comparison-style"],
}


def pytest_sessionstart(session):
    """Tests use a cache folder of their own (kernels started by the tests inherit it), removed at the end."""
    global _CACHE
    if "SPEECHES_CACHE" not in os.environ:
        _CACHE = tempfile.mkdtemp(prefix="speeches-test-cache-")
        os.environ["SPEECHES_CACHE"] = _CACHE


def pytest_sessionfinish(session, exitstatus):
    if _CACHE:
        shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def seed() -> corpus.Corpus:
    """The bundled corpus (the 2024 speech), loaded once."""
    return corpus.load()


@pytest.fixture(scope="session")
def extra_dir() -> Path:
    """The development corpus ../shared/corpus-extra (read in place, never copied into the project)."""
    folder = config.extra_corpus_dir()
    if folder is None:
        pytest.skip("development corpus not found: set SPEECHES_EXTRA_CORPUS to ../shared/corpus-extra")
    return folder


@pytest.fixture(scope="session")
def extended_dir(extra_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary corpus folder: corpus/ plus the development texts, with metadata."""
    return devcorpus.extended(tmp_path_factory.mktemp("extended") / "corpus", extra=extra_dir)


@pytest.fixture(scope="session")
def extended(extended_dir: Path) -> corpus.Corpus:
    return corpus.load(extended_dir)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """An empty temporary corpus folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def write_metadata(folder: Path, *rows: str, header: str = ",".join(corpus.METADATA_COLUMNS)) -> Path:
    """Write a metadata.csv with the given header and data lines."""
    path = folder / "metadata.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def copy_seed(folder: Path, name: str = SEED.name) -> Path:
    return Path(shutil.copyfile(SEED, folder / name))


@pytest.fixture(scope="session")
def bundled_run(tmp_path_factory):
    """All notebooks run once on the bundled corpus, into temporary folders."""
    from helpers import report

    figures = tmp_path_factory.mktemp("figures")
    reports = tmp_path_factory.mktemp("reports")
    timings = report.run(report.notebooks(), figures_dir=figures, reports_dir=reports, progress=False,
                         log=lambda *_: None)
    return figures, reports, timings
