"""helpers.textstat.kwic: keyword in context, string and token modes, on real text."""

from __future__ import annotations

import pytest

from helpers import textstat, tokens


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs)


def test_kwic_string_and_token_modes(seed, words):
    hits = textstat.kwic(seed.paragraphs, "自立自强")
    assert len(hits) == 5
    assert list(hits.columns) == ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
    text = seed.paragraphs.set_index("para_no")["text"]
    for row in hits.itertuples():
        assert text[row.para_no][row.start:row.end] == "自立自强"
        assert text[row.para_no][:row.start].endswith(row.left)
    token_hits = textstat.kwic(seed.paragraphs, "科技自立自强", tokens=words)
    assert len(token_hits) == 1 and token_hits.iloc[0]["section"] == "opening"
    regex = textstat.kwic(seed.paragraphs, r"第[一二三四五]，", regex=True)
    assert regex["match"].tolist() == ["第一，", "第二，", "第三，", "第四，", "第五，"]
    assert textstat.kwic(seed.paragraphs, "不存在的词").empty
