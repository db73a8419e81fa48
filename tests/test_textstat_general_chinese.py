"""helpers.textstat.general_chinese: general Chinese usage (wordfreq) as a comparison corpus."""

from __future__ import annotations

import logging

import pytest

from helpers.textstat import general_chinese


def test_general_chinese_frequencies_mark_estimates():
    table = general_chinese.frequencies(["科技", "新质生产力", "2035"]).set_index("term")
    assert table.loc["科技", "source"] == "list" and 1e-5 < table.loc["科技", "frequency"] < 1e-2
    assert table.loc["新质生产力", "source"] == "estimated"
    counts = general_chinese.counts(["科技"], size=1000)
    assert counts["科技"] == pytest.approx(table.loc["科技", "frequency"] * 1000)


def test_general_chinese_leaves_the_jieba_log_level_alone():
    logger = logging.getLogger("jieba")
    before = logger.level
    logger.setLevel(logging.INFO)  # a level nobody else sets, so a global change would show
    try:
        table = general_chinese.frequencies(["科技自立自强新质生产力"]).set_index("term")  # estimated: runs wordfreq's jieba
        assert table.loc["科技自立自强新质生产力", "source"] == "estimated"
        assert logger.level == logging.INFO
    finally:
        logger.setLevel(before)
