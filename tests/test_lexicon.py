"""helpers.lexicon: the editable word lists load, and malformed lines are named."""

from __future__ import annotations

import pytest

from helpers import lexicon
from helpers.errors import ParameterError


def test_policy_terms_defaults():
    terms = lexicon.policy_terms()
    assert terms["term"].is_unique and len(terms) > 150
    row = terms.set_index("term").loc["新质生产力"]
    assert (row["freq"], row["tag"]) == (lexicon.DEFAULT_FREQ, "nz")
    assert not terms["term"].str.contains(r"\s").any()


def test_policy_terms_parse_freq_and_tag(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("# comment\n科技强国\n新质生产力 500\n双创 300 v\n一带一路 l\n\n", encoding="utf-8")
    terms = lexicon.policy_terms(path)
    assert terms[["term", "freq", "tag", "line"]].values.tolist() == [
        ["科技强国", 20000, "nz", 2], ["新质生产力", 500, "nz", 3], ["双创", 300, "v", 4], ["一带一路", 20000, "l", 5]]


@pytest.mark.parametrize("line, message", [("科技强国 5 nz extra", "expected 'term"), ("科技强国 NZ", "expected"),
                                           ("科技强国\n科技强国", "already on line 1")])
def test_policy_terms_errors_name_the_line(tmp_path, line, message):
    path = tmp_path / "terms.txt"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=message) as info:
        lexicon.policy_terms(path)
    assert str(path) in str(info.value) and "line" in str(info.value)


def test_stopword_lists():
    general, policy = lexicon.stopwords("general"), lexicon.stopwords("policy")
    assert {"的", "了", "和"} <= general and "要" not in general
    assert {"要", "加强", "推进", "坚持"} <= policy
    assert lexicon.stopwords("general", "policy") == general | policy
    assert not any(all(not ch.isalnum() for ch in w) for w in general)  # punctuation is left to rules
    with pytest.raises(ParameterError, match=r"unknown stopword_lists 'english'.*choose from 'general', 'policy'"):
        lexicon.stopwords("english")
    with pytest.raises(ParameterError, match=r"stopword_lists 'polcy' \(did you mean 'policy'\?\)"):
        lexicon.stopword_file("polcy")


def test_file_hash_changes_with_content(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("甲", encoding="utf-8")
    first = lexicon.file_hash(path)
    path.write_text("乙", encoding="utf-8")
    assert lexicon.file_hash(path) != first and len(first) == 64


def test_policy_terms_are_handed_out_as_copies():
    first = lexicon.policy_terms()
    first.loc[0, "term"] = "被改掉的词"
    assert "被改掉的词" not in set(lexicon.policy_terms()["term"])


def test_read_table_names_file_and_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("# comment\nformulation,variant\n甲,乙\n丙,\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=r"t.csv, line 4: variant must not be empty"):
        lexicon.read_table(path, columns=["formulation", "variant"], required=["formulation", "variant"])
    path.write_text("formulation\n甲\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match="missing column"):
        lexicon.read_table(path, columns=["formulation", "variant"], required=["formulation", "variant"])
