"""Bad tables of the JSON Lines, JSON and Parquet readers: each a CorpusError naming the file (and line), or a
note on the file not loaded; never a traceback, never a document lost without a word."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import corpus
from helpers.errors import CorpusError


def _load(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return corpus.load(folder, cache=False)


def test_a_jsonl_with_one_bad_line_is_refused_naming_the_line(tmp_path):
    (tmp_path / "reports.jsonl").write_text('{"title": "一", "content": "科技强则国家强。"}\n'
                                           '{"title": "二", "content": 坏}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"reports\.jsonl, line 2: not valid JSON"):
        _load(tmp_path)


def test_a_truncated_json_file_is_refused_naming_it(tmp_path):
    (tmp_path / "reports.json").write_text('{"content": [1, 2', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"reports\.json: not valid JSON"):
        _load(tmp_path)


def test_a_corrupt_parquet_file_is_refused_naming_it(tmp_path):
    (tmp_path / "reports.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 4)
    with pytest.raises(CorpusError, match=r"reports\.parquet: cannot read the table"):
        _load(tmp_path)


def test_a_jsonl_without_a_text_column_is_named_as_not_loaded(tmp_path):
    (tmp_path / "sources.jsonl").write_text('{"title": "一", "url": "https://example.org"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"sources\.jsonl \(a table without a text column"):
        _load(tmp_path)


def test_a_parquet_table_loads_every_row(tmp_path):
    rows = pd.DataFrame({"title": ["一", "二", "三"], "content": ["科技强则国家强。", "人才是第一资源。", "创新是第一动力。"]})
    rows.to_parquet(tmp_path / "reports.parquet")
    loaded = _load(tmp_path)
    assert loaded.paragraphs["text"].tolist() == rows["content"].tolist()
