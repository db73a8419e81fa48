"""Every join of a break inside a sentence is recorded in ``Corpus.repairs``, whatever the characters around it.

The fixture is a report in the blank-line layout whose sentences are broken next to 《, 》, “, ”, （ and
digits: once by a line break inside a paragraph (the layout keeps the lines in one block) and once by a blank
line (two blocks, joined by :mod:`helpers.corpus.breaks`).  A source line at the top (``来源：新华网``) is never
joined to the body.
"""

from __future__ import annotations

import warnings

import pytest

from helpers import corpus
from helpers.corpus import CorpusWarning, breaks, clean

# (text before the break, text after it): one sentence, broken between the two
BROKEN = [
    ("过去一年，我们认真学习贯彻《", "中华人民共和国民法典》，推动各项工作取得新进展。"),
    ("我们深入学习《习近平谈治国理政", "》第三卷，坚定理想信念，凝聚奋进力量。"),
    ("今年以来，国务院出台《关于加强科技创新的意见》", "等一系列文件，创新活力不断增强。"),
    ("我们提出“", "十四五”时期经济社会发展主要目标，各项指标顺利推进。"),
    ("我们推动实现“碳达峰", "”目标的行动方案落地见效，能源结构持续优化。"),
    ("一年来，我们坚定推进“碳中和”", "工作，绿色低碳发展取得积极成效。"),
    ("从全年看，国内生产总值增长2.3%", "（按可比价格计算），经济总量突破百万亿元。"),
    ("全年粮食产量达到（", "按播种面积计算）13390亿斤，再创历史新高。"),
    ("初步核算，国内生产总值达到101.6", "万亿元，人均国内生产总值连续两年超过1万美元。"),
    ("就业形势好于预期，城镇新增就业11", "86万人，调查失业率降到5.2%，就业形势总体稳定。"),
]
BODY = [
    "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。",
    "一、2020年工作回顾",
    "过去一年是新中国历史上极不平凡的一年，我们统筹疫情防控和经济社会发展，取得重大战略成果。",
    "我们着力稳住经济基本盘，加大宏观政策实施力度，千方百计保市场主体、保就业、保民生，经济发展好于预期。",
]


def _report(separator: str, *, source: bool = False) -> tuple[str, list[int]]:
    """The report's text, each sentence of :data:`BROKEN` broken by ``separator``; the raw line of each break."""
    lines = ["来源：新华网", ""] if source else []
    lines += ["政府工作报告", "", "各位代表：", ""]
    for paragraph in BODY:
        lines += [paragraph, ""]
    at = []
    for before, after in BROKEN:
        lines.append(before)
        at.append(len(lines))  # the raw line number of ``before``
        lines += ([""] if separator == "blank" else []) + [after, ""]
    return "\n".join(lines), at


def _load(folder, text: str):
    (folder / "2021-03-05_gwr-2021.txt").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return corpus.load(folder, cache=False)


@pytest.mark.parametrize("separator", ["line", "blank"])
def test_every_join_of_a_break_inside_a_sentence_is_recorded(corpus_dir, separator):
    text, at = _report(separator)
    loaded = _load(corpus_dir, text)
    assert loaded.documents["layout"].item() == "blank_lines"
    body = loaded.paragraphs["text"].tolist()
    for before, after in BROKEN:  # each sentence is one paragraph again
        assert before + after in body
    repairs = loaded.repairs
    assert len(repairs) == len(BROKEN) == loaded.documents["n_repairs"].item()
    gap = 1 if separator == "line" else 2
    assert repairs["line_start"].tolist() == at
    assert repairs["line_end"].tolist() == [n + gap for n in at]
    assert set(repairs["kind"]) == {"line_break" if separator == "line" else "blank_line"}
    for row, (before, after) in zip(repairs.itertuples(), BROKEN, strict=True):
        assert row.before == f"{before[-12:]}\n{after[:12]}" and row.after == before[-12:] + after[:12]
    assert (corpus.accounting(loaded)["unaccounted"] == 0).all()


def test_a_sentence_ending_before_a_closing_mark_is_not_an_open_sentence():
    assert breaks.continues("今年以来，国务院出台《关于加强科技创新的意见》", "等一系列文件，创新活力不断增强。")
    assert breaks.continues("一年来，我们坚定推进“碳中和”", "工作，绿色低碳发展取得积极成效。")
    assert not breaks.continues("我们要坚持“两个毫不动摇”。", "各位代表！")
    assert not breaks.continues("他说：“我们一定要把这件事办好！”", "会议号召，全国各族人民团结奋斗。")
    # a sentence followed by its source in brackets (the 1969 congress report) is finished
    assert not breaks.continues("它的强大不仅在于国际资本的力量。（《列宁全集》中文版，第三十一卷，第六页）",
                                "列宁还指出了“新的资产阶级”正在产生出来。")
    assert not breaks.continues("政府工作报告（2021年）", "现在，我代表国务院，向大会报告政府工作。")  # a title
    # a short line left with a mark open is no title: 《, “ or （ without its closing mark
    assert breaks.continues("我们深入学习《习近平谈治国理政", "》第三卷，坚定理想信念，凝聚奋进力量。")
    assert breaks.continues("全年粮食产量达到（", "按播种面积计算）13390亿斤，再创历史新高。")


@pytest.mark.parametrize("separator", ["line", "blank"])
def test_a_source_line_is_never_joined_to_the_first_sentence(corpus_dir, separator):
    text, _ = _report("blank")
    text = text.replace("政府工作报告\n\n", "", 1)
    first = "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。"
    text = text.replace("各位代表：\n\n", "", 1)
    text = "来源：新华网" + ("\n" if separator == "line" else "\n\n") + text
    loaded = _load(corpus_dir, text)
    assert loaded.paragraphs["text"].iloc[0] == first
    header = loaded.set_aside.query("kind == 'header'")
    assert header["text"].tolist() == ["来源：新华网"]
    assert not breaks.continues("来源：新华网", first)
    assert not breaks.continues("责任编辑：王珂", "各位代表：")


def test_a_header_line_at_the_top_of_a_block_is_split_from_the_lines_after_it():
    blocks = [clean.Block(("来源：新华网", "现在，我代表国务院，向大会报告政府工作。"), 1, 2)]
    joined, repairs = breaks.join_broken(blocks)
    assert [b.text for b in joined] == ["来源：新华网", "现在，我代表国务院，向大会报告政府工作。"]
    assert [(b.line_start, b.line_end, b.before) for b in joined] == [(1, 1, ""), (2, 2, "line_break")]
    assert repairs == []
