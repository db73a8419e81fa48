"""helpers.dictionary: YAML, LIWC and CSV dictionaries read and written back, bad lines named, the validation
sample drawn from the bundled speech and its precision read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import dictionary
from helpers.config import lexicon
from helpers.errors import CorpusError, ParameterError

YAML = """\
科技:
  基础研究:
    - 基础研究
    - 原始 创新
  强国: [科技强国, 世界科技强国]
安全:
  - 国家 安全
  - 安全
"""

LIWC = """\
%
1\t科技
2\t安全
03\t合作
%
科技强国\t1
国家 安全\t2
开放 合作\t3\t1
安全*\t2
"""


def _table(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["category", "term"], dtype=object)


def test_yaml_nested_and_multiword_entries(tmp_path: Path):
    path = tmp_path / "d.yml"
    path.write_text(YAML, encoding="utf-8")
    expected = _table([("科技.基础研究", "基础研究"), ("科技.基础研究", "原始 创新"), ("科技.强国", "科技强国"),
                       ("科技.强国", "世界科技强国"), ("安全", "国家 安全"), ("安全", "安全")])
    assert_frame_equal(dictionary.read(path), expected)


def test_liwc_header_categories_multiword_and_several_categories(tmp_path: Path):
    path = tmp_path / "d.dic"
    path.write_text(LIWC, encoding="utf-8")
    expected = _table([("科技", "科技强国"), ("科技", "开放 合作"), ("安全", "国家 安全"), ("安全", "安全*"),
                       ("合作", "开放 合作")])
    assert_frame_equal(dictionary.read(path), expected)


@pytest.mark.parametrize("suffix", ["yml", "yaml", "dic", "csv"])
@pytest.mark.parametrize("source", ["yaml", "liwc", "codebook"])
def test_every_format_reads_back_what_it_wrote(tmp_path: Path, suffix: str, source: str):
    if source == "codebook":
        path = lexicon("themes.csv")
    else:
        path = tmp_path / ("in.yml" if source == "yaml" else "in.dic")
        path.write_text(YAML if source == "yaml" else LIWC, encoding="utf-8")
    table = dictionary.read(path)
    written = dictionary.write(table, tmp_path / f"out.{suffix}")
    assert_frame_equal(dictionary.read(written), table)


def test_the_codebook_is_one_dictionary_among_others():
    book = dictionary.read(lexicon("themes.csv"))
    raw = pd.read_csv(lexicon("themes.csv"))
    assert list(book.columns) == ["category", "term"] and len(book) == len(raw.drop_duplicates(["theme", "term"]))
    assert list(dict.fromkeys(book["category"])) == list(dict.fromkeys(raw["theme"]))


@pytest.mark.parametrize(("name", "text", "line"), [
    ("bad.dic", "%\n1\t科技\n%\n科技强国\t1\n国家安全\t7\n", 5),       # a category number not in the header
    ("bad.dic", "%\n1\t科技\nx 科技\n%\n科技强国\t1\n", 3),            # a header line without its number
    ("bad.dic", "%\n1\t科技\n%\n科技强国\n", 4),                       # a term without a category
    ("bad.csv", "category,term\n科技,科技强国\n安全\n", 3),            # a row without its term
    ("bad.csv", "类别,词\n科技,科技强国\n", 1),                        # an unknown header
    ("bad.yml", "科技:\n  - 科技强国\n安全:\n  - [国家, 安全]\n", 4),  # a list where a term should be
    ("bad.yml", "科技:\n  - 科技强国\n 安全: [\n", 3),                 # not YAML
])
def test_a_bad_line_is_named(tmp_path: Path, name: str, text: str, line: int):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"{name}, line {line}:"):
        dictionary.read(path)


def test_an_unknown_suffix_and_a_missing_file_are_parameter_errors(tmp_path: Path):
    with pytest.raises(ParameterError, match="suffix"):
        dictionary.read(tmp_path / "d.txt")
    with pytest.raises(ParameterError, match="no such"):
        dictionary.read(tmp_path / "d.csv")


def test_yaml_cannot_hold_a_category_with_terms_and_subcategories(tmp_path: Path):
    with pytest.raises(ParameterError, match="科技"):
        dictionary.write(_table([("科技", "科技"), ("科技.强国", "科技强国")]), tmp_path / "d.yml")


def test_validation_sample_is_drawn_from_the_text_and_deterministic(seed, tmp_path: Path):
    book = dictionary.read(lexicon("themes.csv"))
    first = dictionary.validation_sample(seed, book, n=5, random_state=7, folder=tmp_path / "a")
    again = dictionary.validation_sample(seed, book, n=5, random_state=7, folder=tmp_path / "b")
    other = dictionary.validation_sample(seed, book, n=5, random_state=8, folder=tmp_path / "c")
    assert_frame_equal(first, again)
    assert not first.equals(other)
    assert list(first.columns) == dictionary.SAMPLE_COLUMNS and (first["relevant"] == "").all()
    assert first.groupby("category").size().max() == 5
    text = seed.paragraphs.set_index("doc_id")["text"].groupby(level=0).agg("".join)
    for row in first.itertuples():
        assert row.left + row.match + row.right in text[row.doc_id]
        assert row.match == row.term.replace(" ", "")
        assert row.term in set(book.loc[book["category"] == row.category, "term"])
    assert (tmp_path / "a" / "dictionary_validation.csv").is_file()
    assert (tmp_path / "a" / "dictionary_validation.xlsx").is_file()


def test_precision_reads_the_coded_sample_back(seed, tmp_path: Path):
    book = dictionary.read(lexicon("themes.csv"))
    sample = dictionary.validation_sample(seed, book, n=4, random_state=3, folder=tmp_path)
    first = sample["category"].iloc[0]
    rows = np.flatnonzero(sample["category"] == first)
    assert len(rows) == 4
    coded = sample.copy()
    coded.loc[rows[:3], "relevant"] = ["1", "是", "0"]  # the fourth left blank: uncoded
    for path in (tmp_path / "coded.csv", tmp_path / "coded.xlsx"):
        if path.suffix == ".csv":
            coded.to_csv(path, index=False, encoding="utf-8-sig")
        else:
            coded.to_excel(path, index=False)
        result = dictionary.precision(path).set_index("category")
        assert result.loc[first, "n_coded"] == 3 and result.loc[first, "n_uncoded"] == 1
        assert result.loc[first, "precision"] == pytest.approx(2 / 3)
        # Wilson 95 % of 2 out of 3 (R: prop.test(2, 3, correct = FALSE)$conf.int)
        assert result.loc[first, "lower"] == pytest.approx(0.2076598, abs=1e-6)
        assert result.loc[first, "upper"] == pytest.approx(0.9385081, abs=1e-6)
        untouched = result.drop(index=first)
        assert (untouched["n_coded"] == 0).all() and untouched["precision"].isna().all()


def test_precision_names_the_line_of_a_bad_code(tmp_path: Path):
    coded = pd.DataFrame({"category": ["科技", "科技", "科技"], "relevant": ["1", "", "maybe"]})
    path = tmp_path / "coded.csv"
    coded.to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"coded\.csv, line 4"):
        dictionary.precision(path)
