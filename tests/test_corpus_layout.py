"""helpers.corpus.layout: layouts recognised, lines grouped into paragraph blocks, page furniture."""

from __future__ import annotations

from test_corpus_clean import SEED_HEAD

from helpers.corpus import clean, layout


def test_detect_layout():
    assert layout.detect_layout(clean.split_lines(SEED_HEAD)) == "wrapped"
    gwr = "各位代表：\n\n现在，我代表国务院，向大会作政府工作报告。\n\n一、2013年工作回顾\n\n过去一年是本届政府依法履职的第一年。\n"
    assert layout.detect_layout(clean.split_lines(gwr)) == "blank_lines"


def test_split_paragraphs_wrapped_joins_lines_and_page_breaks():
    lines = clean.split_lines(SEED_HEAD)
    blocks = layout.split_paragraphs(lines, "wrapped")
    texts = [b.text for b in blocks]
    assert texts[0] == "朝着建成科技强国的宏伟目标奋勇前进※"
    assert texts[1] == "习近平"
    assert texts[2].endswith("向获得 2023年度国家科学技术奖励的集体和个人表示热烈祝贺！")
    assert "创新驱动发展战略，提出加快建设创新型国家" in texts[3]  # across three blank lines
    assert (blocks[3].line_start, blocks[3].line_end) == (12, 18)


def test_split_paragraphs_blank_lines_layout():
    text = "习近平：为建设世界科技强国而奋斗\n发表时间：2016-06-01\u3000来源：新华社\n\n\u3000\u3000甲。\n    第二，乙。\n\n丙\n丁。\n"
    blocks = layout.split_paragraphs(clean.split_lines(text), "blank_lines")
    assert [b.text for b in blocks] == [
        "习近平：为建设世界科技强国而奋斗", "发表时间：2016-06-01\u3000来源：新华社", "甲。", "第二，乙。", "丙丁。"]


def test_split_paragraphs_wrapped_without_indents_uses_short_lines():
    lines = ["一二三四五六七八九十一二三四五六七八", "", "九十。", "", "一二三四五六七八九十一二三四五六七八", "", "完。"]
    blocks = layout.split_paragraphs(lines, "wrapped")
    assert [b.text for b in blocks] == ["一二三四五六七八九十一二三四五六七八九十。", "一二三四五六七八九十一二三四五六七八完。"]




def test_short_lines_without_punctuation_do_not_make_a_text_wrapped():
    lines = ["关于加强科技创新的通知", "一、总体要求", "坚持创新驱动发展战略，加快建设科技强国。", "二、重点任务",
             "加强基础研究，详见 https://www.gov.cn/zhengce/content/2024-06/24", "三、保障措施", "完善科技评价体系。"]
    assert layout.detect_layout(lines) == "line_per_paragraph"
    english = ["Basic research", "We must strengthen basic research and original innovation.",
               "When science and technology thrive, the nation thrives.", "Let us work together for this goal!"]
    assert layout.detect_layout(english) == "line_per_paragraph"


def test_a_byte_order_mark_and_a_bullet_start_a_block():
    lines = ["科技兴则民族兴，", "\ufeff科技强则国家强。", "要做好以下工作：", "* 加强基础研究。", "* 推进技术攻关。"]
    blocks = layout.split_paragraphs(lines, "blank_lines")
    assert [b.text for b in blocks] == ["科技兴则民族兴，", "科技强则国家强。要做好以下工作：", "* 加强基础研究。",
                                        "* 推进技术攻关。"]
    assert [b.before for b in blocks] == ["", "file_boundary", "line_break", "line_break"]


def test_wrapped_english_without_indents_ends_a_paragraph_at_a_short_line_ending_a_sentence():
    import textwrap

    text = ("When science and technology thrive, the nation thrives; when they are strong, the country is strong. "
            "Our party has always attached great importance to the development of science and technology. So we act.")
    lines = clean.split_lines("\n".join(textwrap.fill(text, 60) for _ in range(3)))
    assert layout.detect_layout(lines) == "wrapped"
    assert [b.text for b in layout.split_paragraphs(lines, "wrapped")] == [text] * 3
