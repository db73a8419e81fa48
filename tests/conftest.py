"""Shared fixtures: the bundled corpus, the development corpus, temporary corpus folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers import config, corpus, devcorpus

SEED = config.CORPUS_DIR / "2024-06-24_xi_kejiqiangguo_qiushi.txt"
_CACHE = None


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


@pytest.fixture
def markup_dir(corpus_dir):
    """Two tiny documents, one with a script tag in its text and one with markup in its genre (explore tests)."""
    (corpus_dir / "a.txt").write_text("科技创新是核心。我们要发展科技，<script>alert(1)</script>创新驱动发展。\n\n"
                                      "人才是第一资源，科技人才很重要。\n", encoding="utf-8")
    (corpus_dir / "b.txt").write_text("改革开放推动发展。科技进步带来变化，人才培养是基础，科技发展。\n", encoding="utf-8")
    write_metadata(corpus_dir, "a,a.txt,甲,某人,2020-01-01,,speech,test",
                   'b,b.txt,乙,某人,2021-01-01,,"<i>report</i>",test')
    return corpus_dir

