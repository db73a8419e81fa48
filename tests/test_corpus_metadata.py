"""helpers.corpus.metadata: metadata derived from the text where there is no row, on real texts."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest
from test_corpus_clean import CAPTION, RUN_TOGETHER

from helpers import corpus
from helpers.corpus import CorpusWarning, derive_metadata


def test_speech_one_paragraph_per_line_with_run_together_header(seed, corpus_dir):
    """The issue's 28-line speech: caption, then dateline + title + date + name + salutation on one line."""
    paras = seed.paragraphs["text"].tolist()
    body = [p for p in paras if p != "各位院士，同志们、朋友们！"]
    lines = [CAPTION, RUN_TOGETHER + body[0], *body[1:]]
    (corpus_dir / "speech.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="no row in metadata.csv") as record:
        loaded = corpus.load(corpus_dir, cache=False)
    doc = loaded.documents.iloc[0]
    assert doc["layout"] == "line_per_paragraph" and doc["n_paragraphs"] == len(body)
    assert loaded.set_aside["kind"].tolist() == ["caption", "header", "title", "dateline", "byline"]
    assert loaded.paragraphs["text"].iloc[0].startswith("各位院士，同志们、朋友们！这次大会")
    assert loaded.paragraphs["text"].tolist()[1:] == body[1:]
    assert (doc["title"], doc["speaker"], doc["date"], doc["genre"]) == (
        "在全国科技大会、国家科学技术奖励大会、两院院士大会上的讲话", "习近平", dt.date(2024, 6, 24), "speech")
    assert doc["occasion"] == "全国科技大会、国家科学技术奖励大会、两院院士大会"
    message = str(record[0].message)
    assert "speaker='习近平' from the byline '习近平'" in message and "date='2024-06-24' from the dateline" in message


def _rows(*items):
    return [{"kind": kind, "text": text, "line_start": n, "line_end": n} for n, (kind, text) in enumerate(items, 1)]


def test_title_over_lines_office_before_name_and_year():
    derived = derive_metadata(_rows(("title", "政府工作报"), ("title", "告"),
                                    ("subtitle", "——2017年3月5日在第十二届全国人民代表大会第五次会议上"),
                                    ("byline", "国务院总理李克强")),
                              ["各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议。"])
    assert derived["title"] == ("政府工作报告（2017）", "the title lines 1–2 and the year")
    assert derived["speaker"] == ("李克强", "the byline '国务院总理李克强'")
    assert derived["date"][0] == "2017-03-05" and derived["genre"][0] == "government work report"
    assert derived["occasion"][0] == "第十二届全国人民代表大会第五次会议"


def test_congress_report_from_the_table(extra_dir):
    """The 19th Congress report of the Wikisource table: two title lines, a subtitle, a spaced name."""
    table = pd.read_json(extra_dir.parent / "corpus-tables" / "cpc_congress_reports_1-19.jsonl", lines=True, dtype=False)
    text = table["content"].iloc[-1]
    assert "习　近　平" in text
    from helpers.corpus import document

    parsed = document.parse(text, "19")
    derived = derive_metadata(parsed.set_aside, [p["text"] for p in parsed.paragraphs])
    assert derived["speaker"][0] == "习近平"
    assert derived["date"][0] == "2017-10-18"
    assert derived["genre"][0] == "party congress report"
    assert derived["title"][0] == "决胜全面建成小康社会 为夺取新时代中国特色社会主义伟大胜利"


def test_resolution_genre_and_year_from_the_title():
    derived = derive_metadata(_rows(("title", "第十二届全国人民代表大会第五次会议关于2017年政府工作报告的决议")),
                              ["第十二届全国人民代表大会第五次会议听取和审议了国务院总理李克强所作的政府工作报告。"])
    assert derived["genre"][0] == "resolution"
    assert derived["year"] == ("2017", "the title '第十二届全国人民代表大会第五次会议关于2017年政府工作报告的决议'")


def test_latin_text_has_no_script(corpus_dir):
    (corpus_dir / "english.txt").write_text("Report on the Work of the Government\n\nFellow Deputies,\n\nOn behalf of the State Council, "
                                         "I will now report to you on the work of the government for your deliberation.\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always", CorpusWarning)
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents["script"].item() == "none"
    assert any("no Chinese character" in str(w.message) for w in record)


# --- metadata.csv: quoted fields over several lines -------------------------------------------------

SHORT = "各位代表：\n\n科技兴则民族兴，科技强则国家强。我们要坚定信心，奋勇前进。\n"
HEADER = "doc_id,file,title,speaker,date,occasion,genre,source"


def test_a_quoted_field_over_two_lines_is_read(corpus_dir):
    for name in ("a.txt", "b.txt"):
        (corpus_dir / name).write_text(SHORT, encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text(
        f'{HEADER}\na,a.txt,"在全国科技大会上的讲话\n（节选）",习近平,2024-06-24,,speech,x\n'
        "b,b.txt,标题二,某人,2024-06-25,,speech,x\n", encoding="utf-8")
    loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents.set_index("doc_id").loc["a", "title"] == "在全国科技大会上的讲话\n（节选）"
    assert loaded.documents["doc_id"].tolist() == ["a", "b"]


def test_a_bad_date_in_a_row_over_two_lines_is_blamed_on_the_date(corpus_dir):
    (corpus_dir / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text(
        f'{HEADER}\na,a.txt,"在全国科技大会上的讲话\n（节选）",习近平,2024-13-45,,speech,x\n', encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match=r"metadata.csv, lines 2–3 \(doc_id 'a'\): unparsable date "
                                                 r"'2024-13-45'") as error:
        corpus.load(corpus_dir, cache=False)
    assert "quote" not in str(error.value)
