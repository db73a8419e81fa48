"""helpers.corpus.clean: each cleaning step on small real excerpts."""

from __future__ import annotations

from helpers.corpus import clean, layout

SEED_HEAD = (
    "\n朝着建成科技强国的宏伟目标奋勇前进※\n\n习近平\n\n"
    "\u2003\u2003这次大会是在以中国式现代化全面推进强国建设、民族复兴伟业\n\n"
    "关键时期召开的一次科技盛会。首先，我代表党中央，向获得 2023\n\n"
    "年度国家科学技术奖励的集体和个人表示热烈祝贺！\n\n"
    "\u2003\u2003科技兴则民族兴，科技强则国家强。我们党历来高度重视科技事\n\n"
    "业发展。党的十八大以来，党中央深入推动实施创新驱动发展战略，\n\n\n\n"
    "提出加快建设创新型国家的战略任务。\n"
)


def test_split_lines_keeps_line_numbers():
    lines = clean.split_lines("a\n\nb\n")
    assert lines == ["a", "", "b", ""]


def test_join_lines_repairs_breaks_inside_words():
    assert clean.join_lines(["政府工作报", "告"]) == "政府工作报告"
    assert clean.join_lines(["广义货币M", "2", "增长13.6%"]) == "广义货币M2增长13.6%"
    assert clean.join_lines(["\u2003\u2003新华社记者 谢", "环驰/摄"]) == "新华社记者 谢环驰/摄"
    assert clean.join_lines(["Artificial", "Intelligence"]) == "Artificial Intelligence"


def test_remove_cjk_spaces():
    assert clean.remove_cjk_spaces("向获得 2023年度") == "向获得2023年度"
    assert clean.remove_cjk_spaces("2024 年 6 月 24 日，") == "2024年6月24日，"
    assert clean.remove_cjk_spaces("第一颗 6 卫星") == "第一颗6卫星"
    assert clean.remove_cjk_spaces("讲话。 新华社记者 姚大伟/摄") == "讲话。新华社记者姚大伟/摄"
    assert clean.remove_cjk_spaces("发展 Artificial Intelligence 技术") == "发展Artificial Intelligence技术"
    assert clean.remove_cjk_spaces("时间：2016-06-01\u3000\u3000\u3000来源") == "时间：2016-06-01来源"
    assert clean.remove_cjk_spaces("  COVID 19  ") == "COVID 19"


def test_normalise_width_leaves_punctuation():
    assert clean.normalise_width("ＡＩ芯片１２．５％，（ＰＭ２．５）") == "AI芯片12．5％，（PM2．5）"


def test_classify_seed_head():
    lines = clean.split_lines(SEED_HEAD + "\n\u2003\u2003※这是习近平总书记 2024 年 6 月 24 日在全国科技大会上的讲话。\n")
    kinds = [(c.kind, c.block.text[:4]) for c in clean.classify(layout.split_paragraphs(lines, "wrapped"))]
    assert kinds == [("title", "朝着建成"), ("byline", "习近平"), ("body", "这次大会"), ("body", "科技兴则"),
                     ("footnote", "※这是习")]


def test_classify_captions_anywhere():
    caption = "2024 年 9 月 23 日，党和国家领导人……新华社记者 谢环驰/摄"
    blocks = [clean.Block(("这是正文。",), 1, 1), clean.Block((caption,), 3, 3), clean.Block(("又是正文。",), 5, 5)]
    assert [c.kind for c in clean.classify(blocks)] == ["body", "caption", "body"]


def test_front_matter_kinds():
    texts = ["习近平：为建设世界科技强国而奋斗", "发表时间：2016-06-01　来源：新华社", "新华社北京5月31日电",
             "为建设世界科技强国而奋斗", "——在全国科技创新大会上的讲话", "（2016年5月30日）", "习近平",
             "各位院士，同志们，朋友们：", "今天，我们在这里召开大会。"]
    blocks = [clean.Block((t,), i, i) for i, t in enumerate(texts, start=1)]
    assert [c.kind for c in clean.classify(blocks)] == [
        "title", "header", "header", "title", "subtitle", "dateline", "byline", "body", "body"]


def test_salutations():
    for text in ["各位院士，同志们、朋友们！", "各位代表！", "各位代表：", "同志们、朋友们："]:
        assert clean.is_salutation(text), text
    for text in ["各位代表要认真履职。", "同志们要努力！这是一句长话，不是称呼语，而是正文的一部分内容。"]:
        assert not clean.is_salutation(text), text


# --- front matter run together on one line (a web copy of the 2024 speech) ----------------------

CAPTION = ("2024年6月24日，全国科技大会、国家科学技术奖励大会和中国科学院第二十一次院士大会、中国工程院第十七次院士大会"
           "在北京人民大会堂隆重召开。中共中央总书记、国家主席、中央军委主席习近平出席大会并发表重要讲话。新华社记者 姚大伟 摄")
RUN_TOGETHER = ("新华社北京6月24日电在全国科技大会、国家科学技术奖励大会、两院院士大会上的讲话（2024年6月24日）习近平"
                "各位院士，同志们、朋友们！")


def test_split_front_cuts_a_run_together_line_at_offsets():
    text = clean.remove_cjk_spaces(RUN_TOGETHER + "这次大会是在以中国式现代化全面推进强国建设、民族复兴伟业关键时期召开的一次科技盛会。")
    pieces = clean.split_front(text)
    assert [(kind, text[a:b]) for kind, _, a, b in pieces][:5] == [
        ("header", "新华社北京6月24日电"), ("title", "在全国科技大会、国家科学技术奖励大会、两院院士大会上的讲话"),
        ("dateline", "（2024年6月24日）"), ("byline", "习近平"), ("body", text[text.index("各位院士"):])]
    assert "".join(text[a:b] for _, _, a, b in pieces) == text
    assert clean.split_front("朝着建成科技强国的宏伟目标奋勇前进※") == []
    assert clean.split_front("我在大会上的报告中指出，科技是第一生产力。") == []  # a title-like phrase in prose


def test_caption_without_slash_and_run_together_lines_are_set_aside():
    blocks = [clean.Block((CAPTION,), 1, 1), clean.Block((RUN_TOGETHER + "这次大会是一次科技盛会。",), 2, 2)]
    out = clean.classify(blocks)
    assert [c.kind for c in out] == ["caption", "header", "title", "dateline", "byline", "body"]
    assert all(c.block.line_start == 2 for c in out[1:])
    assert out[-1].block.text.startswith("各位院士，同志们、朋友们！这次大会")


def test_remove_whitespace_removes_every_space_and_zero_width_character_and_nothing_else():
    import re
    import sys

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    expected = re.sub(r"[\s\u200b-\u200d\u2060\ufeff]+", "", every)
    assert clean.remove_whitespace(every) == expected
    assert clean.remove_whitespace("科技\u3000强国\u200b。\n") == "科技强国。"


def test_bullet_items_are_body_and_a_lone_star_a_footnote():
    blocks = [clean.Block((text,), n, n) for n, text in enumerate(
        ["各位代表：", "* 加强基础研究。", "* 推进技术攻关。", "我们要坚定信心。", "* 本文根据录音整理。"], start=1)]
    assert [c.kind for c in clean.classify(blocks)] == ["body", "body", "body", "body", "footnote"]


def test_a_text_of_short_lines_keeps_the_lines_after_its_title_as_body():
    note = [clean.Block(("Meeting note",), 1, 1), clean.Block(("moved to Friday",), 2, 2)]
    assert [c.kind for c in clean.classify(note)] == ["title", "body"]
    assert [c.kind for c in clean.classify(note[:1])] == ["body"]
    english = [clean.Block(("Science notes",), 1, 1), clean.Block(("The review is moved to Friday.",), 2, 2)]
    assert [c.kind for c in clean.classify(english)] == ["title", "body"]
    assert clean.classify([clean.Block(("通知",), 1, 1), clean.Block(("一、总体要求",), 2, 2)])[1].kind == "body"
