"""Genres: one rule decides a document's genre from its title (and opening), for every reader."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.corpus import genres
from helpers.corpus.metadata import complete_rows, derive_metadata
from helpers.ingest import read_table


@pytest.mark.parametrize(("title", "genre"), [
    ("第十三届全国人民代表大会第二次会议关于政府工作报告的决议", "resolution"),
    ("關於政府工作報告的決議", "resolution"),
    ("2019年政府工作报告", "government work report"),
    ("政府工作報告", "government work report"),  # Traditional: the text reader said nothing
    ("在中国共产党第十九次全国代表大会上的报告", "party congress report"),
    ("在中国共产党第十一次全国代表大会上的政治报告", "party congress report"),
    ("在中國共產黨第十九次全國代表大會上的報告", "party congress report"),
    ("在全国科技大会上的发言", "speech"),  # the table reader said nothing
    ("在全國科技大會上的發言", "speech"),
    ("在科学大会上的讲话", "speech"),
    ("在庆祝大会上的重要講話", "speech"),
    ("新年贺词致辞", "speech"),
    ("为建设世界科技强国而奋斗", ""),
    ("学习讲话精神的通知", ""),  # 讲话 inside a title is not a speech
])
def test_genre_of_a_title(title, genre):
    assert genres.genre_of(title) == genre


def test_genre_of_an_opening_when_the_title_says_nothing():
    assert genres.genre_of("", "第十三届全国人民代表大会第二次会议听取和审议了李克强总理所作的政府工作报告。") == "resolution"
    assert genres.genre_of("", "各位代表：现在，我代表国务院，向大会报告政府工作，请予审议。") == "government work report"
    assert genres.genre_of("", "现在，我代表第十八届中央委员会向大会作报告。") == "party congress report"
    assert genres.genre_of("", "同志们：今天我们召开大会。") == ""


def test_genre_name_spells_a_table_value_the_workspace_way():
    assert genres.genre_name("gwr") == "government work report"
    assert genres.genre_name("cpc_congress_report") == "party congress report"
    assert genres.genre_name("press_conference") == "press conference"
    assert genres.genre_name("") == ""


def _text_genre(title: str) -> str:
    rows = [{"kind": "title", "text": title, "line_start": 1, "line_end": 1}]
    return derive_metadata(rows, ["正文第一段。"]).get("genre", ("", ""))[0]


def test_the_text_reader_and_the_table_reader_agree(tmp_path):
    titles = ["在全国科技大会上的发言", "政府工作報告", "關於政府工作報告的決議", "在中国共产党第十九次全国代表大会上的报告",
              "在科学大会上的讲话", "无题"]
    path = tmp_path / "t.csv"
    pd.DataFrame({"标题": titles, "正文": ["甲。"] * len(titles)}).to_csv(path, index=False)
    from_table = complete_rows(read_table(path))["genre"].tolist()
    from_text = [_text_genre(t) for t in titles]
    assert from_table == from_text == ["speech", "government work report", "resolution", "party congress report",
                                      "speech", ""]
