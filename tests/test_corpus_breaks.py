"""helpers.corpus.breaks: breaks inside a sentence joined and recorded, on the 2017 report and the bundled speech."""

from __future__ import annotations

import warnings

import pytest

from helpers import corpus
from helpers.corpus import CorpusWarning, breaks, clean


def test_continues_on_real_breaks():
    assert breaks.continues("各项工作都要抓实抓好，努力向人民群众交出合格", "答卷。")
    assert breaks.continues("——经济运行缓中趋稳、稳中向好。国内生产总值达到74.4", "万亿元，增长6.7%，名列世界前茅。")
    assert not breaks.continues("一、2016年工作回顾", "过去一年，我国发展面临国内外诸多矛盾叠加、风险隐患交汇的严峻挑战。")
    assert not breaks.continues("我们要坚持稳中求进工作总基调，加强预期", "（一）坚定不移推进供给侧结构性改革。")
    assert not breaks.continues("我们要坚持稳中求进工作总基调，加强预期", "第一，充分发挥新型举国体制优势。")
    assert not breaks.continues("政府工作报告", "——2017年3月5日在第十二届全国人民代表大会第五次会议上")  # a title
    assert not breaks.continues("现在，我代表国务院，向大会报告政府工作。", "一、2016年工作回顾")
    assert not breaks.continues("中共中央总书记习近平出席大会并发表重要讲话。新华社记者 姚大伟 摄", "新华社北京6月24日电")
    # a paragraph that opens with a heading and goes on can still be broken
    assert breaks.continues("（二）深化重要领域和关键环节改革。要全面深化各领域改", "革，加快推进基础性、关键性改革。")


@pytest.fixture(scope="module")
def extra(extra_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return corpus.load(extra_dir, cache=False)


def test_2017_report_breaks_repaired_and_recorded(extra):
    repairs = extra.repairs.query("doc_id == '2017-03-05_gwr-2017'")
    # blank lines: 25 between two Chinese characters, 2 after a number (74.4|万亿元, 550|多万公里); line breaks
    # inside a paragraph where the web copy had a link (推动《|巴黎协定|》生效, 广义货币M|2, “|一带一路|”): 27
    assert len(repairs) == 54
    assert repairs["kind"].value_counts().to_dict() == {"blank_line": 27, "line_break": 27}
    inner = repairs.query("kind == 'line_break' and line_start in (101, 102)")
    assert inner["before"].tolist() == ["理体系改革与完善。推动《\n巴黎协定", "革与完善。推动《巴黎协定\n》生效。经济外交、人文交"]
    row = repairs.query("line_start == 248").iloc[0]
    assert (row["line_end"], row["before"].split("\n")[1], row["after"][-7:]) == (250, "答卷。", "交出合格答卷。")
    body = "".join(extra.paragraphs.query("doc_id == '2017-03-05_gwr-2017'")["text"])
    for joined in ("交出合格答卷", "550多万公里", "74.4万亿元", "上海合作组织峰会", "全面深化各领域改革，"):
        assert joined in body
    assert extra.documents.set_index("doc_id").loc["2017-03-05_gwr-2017", "n_repairs"] == 54
    # no other text of the development corpus had a paragraph broken by a blank line inside a sentence; three
    # had line breaks inside a paragraph at a link (细颗粒物（PM|2.5|）, 广义货币M|2), now recorded
    assert set(extra.repairs.query("kind != 'line_break'")["doc_id"]) == {"2017-03-05_gwr-2017"}
    assert extra.repairs.query("kind == 'line_break'").groupby("doc_id").size().to_dict() == {
        "2014-03-05_gwr-2014": 8, "2015-03-05_gwr-2015": 2, "2017-03-05_gwr-2017": 27, "2019-03-05_gwr-2019": 6}


def test_line_per_paragraph_breaks_are_joined(extra, corpus_dir):
    """The 2017 report's paragraphs broken again (one paragraph per line, the breaks at their raw places)."""
    paras = extra.paragraphs.query("doc_id == '2017-03-05_gwr-2017'")["text"].tolist()
    lines = []
    for text in paras:
        if "交出合格答卷" in text or "550多万公里" in text:
            cut = text.index("答卷") if "答卷" in text else text.index("多万公里")
            lines += [text[:cut], text[cut:]]
        else:
            lines.append(text)
    (corpus_dir / "gwr.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.paragraphs["text"].tolist() == paras
    assert loaded.documents["layout"].item() == "line_per_paragraph"
    assert loaded.repairs["kind"].tolist() == ["line_break", "line_break"]
    assert loaded.repairs["line_end"].tolist() == [r + 1 for r in loaded.repairs["line_start"]]


def test_never_joined_across_two_files_or_before_a_bullet_or_after_an_english_sentence():
    blocks = [clean.Block(("科技兴则民族兴，科技强则国家强，我们要加快建设",), 1, 1),
              clean.Block(("科技强国。",), 2, 2, "file_boundary"),
              clean.Block(("今年要重点做好以下工作，一是加强",), 3, 3, "line_break"),
              clean.Block(("• 推进关键核心技术攻关。",), 4, 4, "line_break")]
    joined, repairs = breaks.join_broken(blocks)
    assert len(joined) == 4 and repairs == []
    assert not breaks.continues("When science and technology thrive, the nation thrives.", "We must act.")
    assert not breaks.continues("Building a strong country in science and technology", "This conference is held.")
