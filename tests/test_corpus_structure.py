"""helpers.corpus.structure and helpers.corpus.sentences: sections, sentences, enumerations."""

from __future__ import annotations

from helpers.corpus import document, sentences, structure


def test_chinese_numbers():
    assert [structure.chinese_number(t) for t in ["一", "九", "十", "十二", "二十", "二十三"]] == [1, 9, 10, 12, 20, 23]


def test_sections_follow_strict_order():
    paras = ["各位代表：", "开场。", "一、回顾", "（一）甲。", "正文。", "（二）乙。", "二、部署", "（一）丙。",
             "三、重点", "（三）乱序。", "各位代表！", "结束。"]
    labels = structure.label_sections(paras)
    assert [x.section for x in labels] == ["opening", "opening", "一", "一", "一", "一", "二", "二", "三", "三",
                                           "closing", "closing"]
    assert [x.heading_level for x in labels] == [0, 0, 1, 2, 0, 2, 1, 2, 1, 0, 0, 0]
    assert labels[4].heading_2 == "（一）甲。"
    assert labels[7].heading_1 == "二、部署"


def test_speech_parts_when_no_numbered_headings():
    paras = ["开场。", "第一，要甲。乙。", "丙。", "第三，跳号不算。", "第二，要丁。", "各位院士，同志们、朋友们！", "尾。"]
    labels = structure.label_sections(paras)
    assert [x.section for x in labels] == ["opening", "第一", "第一", "第一", "第二", "closing", "closing"]
    assert labels[1].heading_1 == "第一，要甲。"


def test_salutation_before_the_parts_stays_in_the_opening():
    paras = ["开场。", "各位院士，同志们、朋友们！", "继续。", "第一，甲。", "乙。"]
    assert [x.section for x in structure.label_sections(paras)] == ["opening"] * 3 + ["第一"] * 2


def test_text_without_parts_is_one_section():
    assert {x.section for x in structure.label_sections(["甲。", "乙。"])} == {"body"}


def test_sentences_keep_closing_quotes():
    text = "他说：“科技强则国家强。”我们要努力！是吗？（是的。）最后一句没有句号"
    spans = sentences.split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["他说：“科技强则国家强。”", "我们要努力！", "是吗？", "（是的。）",
                                            "最后一句没有句号"]


def test_clauses():
    text = "要甲；要乙。要丙"
    assert [text[s:e] for s, e in sentences.split_sentences(text, clauses=True)] == ["要甲；", "要乙。", "要丙"]


def test_list_items_shi():
    text = "基本要素：一是拥有甲，持续乙。二是拥有丙。三是拥有丁。下一句。"
    items = structure.find_list_items(text)
    assert [(i.marker, text[i.start:i.end]) for i in items] == [
        ("一是", "一是拥有甲，持续乙。"), ("二是", "二是拥有丙。"), ("三是", "三是拥有丁。")]


def test_list_items_ignore_words_containing_shi():
    assert structure.find_list_items("这是统一是关键。唯一是它。") == []
    assert structure.find_list_items("一是只有一项。") == []


def test_list_items_order_words():
    text = "首先，要甲。其次，要乙。最后，要丙。其他。"
    items = structure.find_list_items(text)
    assert [i.marker for i in items] == ["首先", "其次", "最后"]
    assert text[items[-1].start:items[-1].end] == "最后，要丙。"


def test_closing_starts_at_a_salutation_that_goes_on(extra_dir):
    """The 2014 work report with its closing salutation glued to the paragraph after it."""
    text = (extra_dir / "2014-03-05_gwr-2014.txt").read_text(encoding="utf-8")
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    closing = [label.section for label in structure.label_sections(paragraphs)].index("closing")
    assert paragraphs[closing] == "各位代表！"
    glued = [*paragraphs[:closing], "各位代表！" + paragraphs[closing + 1], *paragraphs[closing + 2:]]
    labels = structure.label_sections(glued)
    assert [label.section for label in labels[closing:]] == ["closing"] * (len(glued) - closing)
    assert labels[closing - 1].section == "三"
    assert not labels[closing].is_salutation  # a salutation that goes on is not only a salutation


def test_a_bullet_paragraph_is_a_list_item():
    text = "*加强基础研究，一是提升原始创新能力，二是完善评价体系。"
    items = structure.find_list_items(text)
    assert [(i.list_no, i.item_no, i.marker, i.start, i.end) for i in items][:1] == [(1, 1, "*", 0, len(text))]
    assert [i.marker for i in items] == ["*", "一是", "二是"]


def test_consecutive_bullet_paragraphs_are_one_list():
    """A run of bullet paragraphs is one list, its items numbered 1..n; lists are numbered through the document."""
    text = "\n".join([
        "各位代表：", "今年要重点做好以下工作：",
        "* 着力扩大国内需求。", "* 加快建设现代化产业体系。", "* 深化重点领域改革。",
        "要坚持稳中求进，一是稳预期，二是稳增长。",
        "• 加强基础研究。", "• 完善科技评价体系。",
        "* 推进高水平对外开放。", "* 扩大高水平对外开放。",
        "我们要以实干实绩推动高质量发展。",
    ]) + "\n"
    parsed = document.parse(text, "d")
    rows = [(r["para_no"], r["list_no"], r["item_no"], r["marker"]) for r in parsed.list_items]
    assert rows == [(3, 1, 1, "*"), (4, 1, 2, "*"), (5, 1, 3, "*"),
                    (6, 2, 1, "一是"), (6, 2, 2, "二是"),
                    (7, 3, 1, "•"), (8, 3, 2, "•"),
                    (9, 4, 1, "*"), (10, 4, 2, "*")]
