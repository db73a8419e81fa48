"""Shared fixtures: the bundled corpus, a multi-document corpus built here, the development corpus, one report run.

``multi_dir`` is built by the tests themselves from the bundled speech, so the
multi-document paths (years, genres, editions, series) are covered on any
clone: the speech itself, a later edition of it with edits, and four reports
in the layout of government work reports (title, date line, salutation,
numbered parts, closing) whose paragraphs are the speech's sentences regrouped
differently each year, for 2019 and 2021–2023 (2020 is missing on purpose).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pytest

from helpers import config, corpus, textstat, tokens
from helpers.corpus import devcorpus
from helpers.tokens import dataset

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
    "04_revisions": ["revisions-status"],  # one document: the only figure with rows (the others say why not)
    "05_models": ["models-dictionary"],  # one document: no model is fitted, each figure says why; the dictionary counts
    "06_concepts": ["concepts-entities"],  # one speech: its entities; embeddings need many documents (they say so)
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


MULTI_DOCUMENTS = 6


def _report(paragraphs: list[str], year: int) -> str:
    """A work-report layout around real paragraphs: title, date line, salutation, parts 一、二、三, closing."""
    rotate = year % len(paragraphs)
    body = paragraphs[rotate:] + paragraphs[:rotate]
    keep = body[: 9 + (year % 4)]
    parts = ["一、过去一年工作回顾", "二、今年工作总体部署", "三、今年政府工作任务"]
    lines = ["政府工作报告", "", f"（{year}年3月5日）", "", "各位代表：", ""]
    per_part = -(-len(keep) // 3)
    for k, heading in enumerate(parts):
        lines += [heading, ""]
        for text in keep[k * per_part:(k + 1) * per_part]:
            lines += [f"\u3000\u3000{text}", ""]
    lines += [f"各位代表！{paragraphs[-1]}", ""]
    return "\n".join(lines)


def build_multi_corpus(dest: Path) -> Path:
    """Write the multi-document fixture corpus (texts + metadata.csv) into the new folder ``dest``."""
    dest.mkdir(parents=True)
    seed = corpus.load()
    texts = [t for t in seed.paragraphs["text"] if len(t) > 40]
    shutil.copyfile(SEED, dest / "2024-06-24_speech.txt")
    edition = [t.replace("量子科技", "量子技术", 1) for t in texts[:-1]]  # a changed word; last paragraph dropped
    edition[2] = edition[2] + "我们要坚定信心，奋勇前进。"
    (dest / "2024-07-01_speech-edition.txt").write_text(
        "朝着建成科技强国的宏伟目标奋勇前进\n\n习近平\n\n" + "\n\n".join(edition) + "\n", encoding="utf-8")
    rows = [
        "2024-06-24_speech,2024-06-24_speech.txt,朝着建成科技强国的宏伟目标奋勇前进,习近平,2024-06-24,全国科技大会,"
        "speech,bundled corpus",
        "2024-07-01_speech-edition,2024-07-01_speech-edition.txt,朝着建成科技强国的宏伟目标奋勇前进,习近平,2024-07-01,"
        "全国科技大会,speech,test edition",
    ]
    for year in (2019, 2021, 2022, 2023):
        name = f"{year}-03-05_report"
        (dest / f"{name}.txt").write_text(_report(texts, year), encoding="utf-8")
        rows.append(f"{name},{name}.txt,政府工作报告,国务院总理,{year}-03-05,全国人民代表大会,"
                    "government work report,test report")
    write_metadata(dest, *rows)
    return dest


@pytest.fixture(scope="session")
def multi_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus folder of six documents built from the bundled speech (see the module docstring)."""
    return build_multi_corpus(tmp_path_factory.mktemp("multi") / "corpus")


@pytest.fixture(scope="session")
def multi(multi_dir: Path) -> corpus.Corpus:
    return corpus.load(multi_dir)


@pytest.fixture(scope="session")
def extra_dir() -> Path:
    """The development corpus ../shared/corpus-extra (read in place, never copied into the project)."""
    folder = config.extra_corpus_dir()
    if folder is None:
        pytest.skip("development corpus not found: set SPEECHES_EXTRA_CORPUS to ../shared/corpus-extra")
    return folder


@pytest.fixture(scope="session")
def tables() -> Path:
    """The development corpus tables ../shared/corpus-tables (read in place, never copied into the project)."""
    folder = config.tables_dir()
    if folder is None:
        pytest.skip("development corpus tables not found: set SPEECHES_TABLES to ../shared/corpus-tables")
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


def png_strict(fig) -> bytes:
    """A figure's PNG bytes, with warnings as errors (a missing glyph, drawn as a box, warns)."""
    import io
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def in_a_fresh_process(script: str, hash_seed: str, out: Path):
    """Run ``script`` (which pickles its result to the path in ``sys.argv[1]``) under ``PYTHONHASHSEED``; load it."""
    import pickle
    import subprocess
    import sys

    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True, text=True, env=env,
                   cwd=config.ROOT, timeout=300, check=True)
    with open(out, "rb") as file:
        return pickle.load(file)


@pytest.fixture(scope="session")
def words(seed):
    """The bundled corpus segmented with both stopword lists, tokens annotated with their section (a test module
    that needs other tokens defines its own ``words``)."""
    from helpers import textstat, tokens

    return textstat.annotate(tokens.segment(seed.paragraphs, stopword_lists=("general", "policy")), seed, ["section"])


@pytest.fixture(scope="session")
def extended_words(extended):
    """The extended corpus segmented with both stopword lists, tokens annotated with their section."""
    from helpers import textstat, tokens

    return textstat.annotate(tokens.segment(extended.paragraphs, stopword_lists=("general", "policy")), extended,
                             ["section"])


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


@pytest.fixture(scope="session")
def bundled_run(tmp_path_factory):
    """All notebooks run once on the bundled corpus, into temporary folders."""
    from helpers import report

    figures = tmp_path_factory.mktemp("figures")
    reports = tmp_path_factory.mktemp("reports")
    timings = report.run(report.notebooks(), figures_dir=figures, reports_dir=reports, progress=False,
                         log=lambda *_: None)
    return figures, reports, timings


# ---------------------------------------------------------------------------------------------------------------
# One corpus in either storage: the tests of the analysis verbs run once in memory and once on disk

SPEECH = "2024-06-24_speech"  # the bundled speech in the multi-document corpus
LISTS = ("general", "policy")  # both stopword lists
STORAGES = ("memory", "disk")


@dataclass(frozen=True)
class Store:
    """One corpus in one storage, under the same names whichever it is.

    ``corpus``: a :class:`~helpers.corpus.Corpus`, or on disk the streamed corpus (a selection: its tokens
    dataset); ``paragraphs``: what ``kwic``, ``dispersion`` and ``sections`` take (the paragraphs table, or the
    stream's ``paragraphs``); ``tokens``: the tokens table, or the tokens dataset; ``documents``: the documents
    table (in memory for both); ``memory``: the same corpus in memory, a reference to compare with.
    """

    storage: str
    corpus: object
    paragraphs: object
    tokens: object
    documents: pd.DataFrame
    reference: Store | None = None

    def __repr__(self) -> str:
        return f"Store({self.storage}: {len(self.documents)} documents)"

    @property
    def memory(self) -> Store:
        """The same corpus, selection and stopwords in memory (this store itself if it is in memory)."""
        return self.reference or self

    def against_memory(self, compute) -> tuple:
        """``(compute(self), compute(self.memory))``: a verb's result on this storage and the in-memory reference
        (in memory the result is its own reference, computed once)."""
        got = compute(self)
        return got, got if self.reference is None else compute(self.reference)

    def annotate(self, columns) -> object:
        """The tokens with paragraph or document ``columns`` to group by (``textstat.annotate``)."""
        return textstat.annotate(self.tokens, self.corpus, list(columns))

    def select(self, doc_ids) -> Store:
        """The documents ``doc_ids`` only (one or several), in corpus order: ``Corpus.select`` in memory, the
        dataset's ``subset`` on disk."""
        ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        if self.reference is None:
            chosen = self.corpus.select(ids)
            return Store(self.storage, chosen, chosen.paragraphs, tokens.of_documents(self.tokens, ids),
                         chosen.documents)
        data = self.tokens.subset(doc_id=ids)
        return Store(self.storage, data, data, data, data.documents, self.reference.select(ids))

    def with_stopwords(self, stopword_lists) -> Store:
        """The same tokens with ``is_stop`` marked by other stopword lists."""
        if self.reference is None:
            return replace(self, tokens=tokens.mark_stopwords(self.tokens, stopword_lists=stopword_lists))
        return replace(self, tokens=self.tokens.with_stopwords(stopword_lists),
                       reference=self.reference.with_stopwords(stopword_lists))


def in_memory(loaded: corpus.Corpus) -> Store:
    """A corpus in memory and its tokens (default options)."""
    return Store("memory", loaded, loaded.paragraphs, tokens.segment(loaded.paragraphs), loaded.documents)


def on_disk(folder: Path, reference: Store, *, chunk_bytes: int) -> Store:
    """The corpus of ``folder`` streamed, its tokens dataset built (default options) in several chunks into the
    tests' cache folder, where the stream finds it."""
    stream = corpus.load(folder, stream=True)
    data = dataset.build(stream, workers=1, chunk_bytes=chunk_bytes, progress=False)
    assert data.manifest["chunks"] >= 3
    assert dataset.find(stream).path == data.path
    return Store("disk", stream, stream.paragraphs, data, stream.documents, reference)


@pytest.fixture(scope="session")
def multi_memory(multi) -> Store:
    return in_memory(multi)


@pytest.fixture(scope="session")
def multi_disk(multi_dir, multi_memory) -> Store:
    return on_disk(multi_dir, multi_memory, chunk_bytes=15_000)


@pytest.fixture(scope="session")
def extended_memory(extended) -> Store:
    return in_memory(extended)


@pytest.fixture(scope="session")
def extended_disk(extended_dir, extended_memory) -> Store:
    return on_disk(extended_dir, extended_memory, chunk_bytes=60_000)


@pytest.fixture(scope="session", params=STORAGES)
def store(request) -> Store:
    """The multi-document corpus in memory, then on disk."""
    return request.getfixturevalue(f"multi_{request.param}")


@pytest.fixture(scope="session", params=STORAGES)
def extended_store(request) -> Store:
    """The extended development corpus in memory, then on disk."""
    return request.getfixturevalue(f"extended_{request.param}")


@pytest.fixture(scope="session", params=[f"{name}_{storage}" for name in ("multi", "extended") for storage in STORAGES])
def every_store(request) -> Store:
    """Both corpora, each in memory and on disk."""
    return request.getfixturevalue(request.param)


def reports_with_a_copy(tables: Path, folder: Path, year: str) -> corpus.Corpus:
    """The 61 work reports of the development tables and a second copy of the ``year`` report (one phrase
    dropped, so an edition, not an exact copy), loaded from ``folder``."""
    path = tables / "government_work_reports_1954-2019.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    report = next(r for r in rows if r["year"] == year)
    copy = {**report, "url": report["url"] + "?copy", "content": report["content"].replace("请予审议，", "", 1)}
    folder.mkdir()
    (folder / "reports.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [*rows, copy]) + "\n",
                                          encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return corpus.load(folder, cache=False)
