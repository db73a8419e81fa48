"""helpers.corpus.structure and helpers.corpus.sentences: sections, sentences, enumerations."""

from __future__ import annotations

import warnings

from helpers import corpus
from helpers.corpus import CorpusWarning, document, sentences, structure


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


# The end of a work report (2019, development corpus) after its last numbered part: 政府自身建设, then the
# paragraphs on ethnic affairs, religion, overseas Chinese, defence, Hong Kong/Macao, Taiwan and diplomacy, the
# call.  2024 has a salutation before them (closing); 2025 has none (they fell into part 三).
_LAST_PART = ["三、2019年政府工作任务", "（一）继续创新和完善宏观调控，确保经济运行在合理区间。",
              "积极的财政政策要加力提效。今年赤字率拟按2.8%安排，比去年预算高0.2个百分点。",
              "各位代表！",  # a salutation inside the last part, before its next heading: it does not end the part
              "（二）激发市场主体活力，着力优化营商环境。",
              "我们要坚持“两个毫不动摇”，支持民营企业发展。加强国防教育，办好台湾同胞投资企业的服务工作。"]
_TOPICS = ["我们要坚持和完善民族区域自治制度，全面贯彻党的民族政策，深化民族团结进步教育，铸牢中华民族共同体意识。",
           "我们要全面贯彻党的宗教工作基本方针，坚持我国宗教的中国化方向，依法管理宗教事务。",
           "我们要认真落实侨务政策，保障海外侨胞和归侨侨眷合法权益。",
           "过去一年，国防和军队建设扎实推进，强军事业展现许多新气象新作为。",
           "我们要继续全面准确贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。",
           "我们要坚持对台工作大政方针，坚持一个中国原则和“九二共识”。",
           "当今世界面临百年未有之大变局。我们将坚定不移走和平发展道路，奉行互利共赢的开放战略。"]
_CALL = ["各位代表！", "奋斗创造历史，实干成就未来。我们要更加紧密地团结在以习近平同志为核心的党中央周围，不懈奋斗！"]


def test_the_paragraphs_after_the_last_part_are_labelled_from_what_they_are():
    head = ["各位代表：", "现在，我代表国务院，向大会报告政府工作。", "一、2018年工作回顾", "过去一年，我们完成了全年主要目标任务。",
            "二、2019年经济社会发展总体要求和政策取向", "今年经济社会发展的主要预期目标是国内生产总值增长6%－6.5%。"]
    with_salutation = [*head, *_LAST_PART, "各位代表！", *_TOPICS, *_CALL]  # as in 2014–2019 and 2024
    without = [*head, *_LAST_PART, *_TOPICS, *_CALL]  # as in 2025: no salutation before the topics
    glued = [*head, *_LAST_PART[:-1], _LAST_PART[-1] + "各位代表！", *_TOPICS, *_CALL]  # the salutation glued on
    for paragraphs in (with_salutation, without, glued):
        labels = [label.section for label in structure.label_sections(paragraphs)]
        # the last numbered part keeps its paragraphs, the salutation inside it and the second heading included
        assert labels[len(head):len(head) + len(_LAST_PART)] == ["三"] * len(_LAST_PART)
        assert [labels[paragraphs.index(text)] for text in _TOPICS + _CALL[1:]] == ["closing"] * (len(_TOPICS) + 1)
    assert structure.find_closing(with_salutation).how == "salutation"
    found = structure.find_closing(without)
    assert (found.how, found.index) == ("topics", len(head) + len(_LAST_PART))
    assert found.topics == ("民族", "宗教", "侨务", "国防", "港澳", "台湾", "外交")
    assert "labelled from what the paragraphs are about" in structure.closing_note(without)
    assert structure.closing_note(with_salutation) == ""


def test_development_work_reports_share_one_labelling(extra_dir):
    """2014–2019: the topics after the last part are closing in every report, with or without salutations."""
    for year in range(2014, 2020):
        text = (extra_dir / f"{year}-03-05_gwr-{year}.txt").read_text(encoding="utf-8")
        paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
        ethnic = next(i for i, p in enumerate(paragraphs) if "宗教工作基本方针" in p) - 1
        for variant in (paragraphs, [p for p in paragraphs if p != "各位代表！"]):
            labels = [label.section for label in structure.label_sections(variant)]
            at = variant.index(paragraphs[ethnic])
            assert labels[at:] == ["closing"] * (len(variant) - at), year
            assert labels[variant.index(paragraphs[ethnic]) - 1] != "opening"
        found = structure.find_closing([p for p in paragraphs if p != "各位代表！"])
        assert found.how == "topics" and {"民族", "宗教", "港澳", "台湾"} <= set(found.topics), year


def test_a_closing_found_by_its_topics_is_said_in_the_notes(extra_dir, corpus_dir):
    text = (extra_dir / "2019-03-05_gwr-2019.txt").read_text(encoding="utf-8")
    (corpus_dir / "2019-03-05_gwr-2019.txt").write_text(text.replace("各位代表！\n", ""), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        loaded = corpus.load(corpus_dir, cache=False)
    said = loaded.notes[loaded.notes["message"].str.contains("labelled from what the paragraphs are about")]
    assert said["doc_id"].tolist() == ["2019-03-05_gwr-2019"]
    paragraphs = loaded.paragraphs
    ethnic = paragraphs[paragraphs["text"].str.startswith("我们要坚持和完善民族区域自治制度")]
    assert ethnic["section"].astype(str).tolist() == ["closing"]


def test_a_last_part_on_a_closing_topic_is_not_swallowed_when_a_salutation_comes_after_it():
    """The 2001 work report (Wikisource table): its last part (十) on defence, then 各位代表！ before Hong Kong, Taiwan, diplomacy."""
    paragraphs = ["一、回顾", "过去一年，经济增长8%。", "二、加强精神文明和民主法制建设，加强国防建设",
                  "进一步落实党的民族政策，坚持和完善民族区域自治制度，发展平等、团结、互助的社会主义民族关系。",
                  "进一步维护社会稳定。正确处理新时期人民内部矛盾。",
                  "加强国防和军队建设。这是国家安全和现代化建设的重要保证。",
                  "各位代表！进入新世纪，我们将继续按照“一国两制”方针和基本法，全力支持香港、澳门特别行政区政府依法施政。",
                  "尽早解决台湾问题，实现祖国完全统一，是中华儿女的共同期盼。我们坚决反对“台独”。",
                  "我们将始终不渝地奉行独立自主的和平外交政策。", "各位代表！", "让我们紧密团结，奋勇前进！"]
    labels = [label.section for label in structure.label_sections(paragraphs)]
    assert labels[2:6] == ["二"] * 4 and labels[6:] == ["closing"] * 5
    assert structure.find_closing(paragraphs) == structure.Closing(6, "salutation")
