"""Numbers paired by the quantity they measure: the 2024 → 2025 budget sentences quoted in issue 32, and the
2018 → 2019 government work reports."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import revisions
from helpers.revisions import quantities

# The fiscal sentences of the 2024 and 2025 government work reports as quoted in issue 32 (the 2025 report is
# not among the development corpora): the deficit ratio 3% → 4%左右, the special bonds 3.9 → 4.4万亿元, and
# two different bonds each 比上年增加 an amount.
DEFICIT_2024 = "今年赤字率拟按3%安排，赤字规模4.06万亿元，比上年年初预算增加1800亿元。"
BONDS_2024 = "拟安排地方政府专项债券3.9万亿元、比上年增加1000亿元。"
ULTRA_2024 = "从今年开始拟连续几年发行超长期特别国债，专门用于国家重大战略实施和重点领域安全能力建设，今年先发行1万亿元。"
DEFICIT_2025 = ("今年赤字率拟按4%左右安排、比上年提高1个百分点，赤字规模5.66万亿元、比上年增加1.6万亿元；"
                "一般公共预算支出规模超过29.7万亿元、比上年增加1.2万亿元。")
ULTRA_2025 = "拟发行超长期特别国债1.3万亿元、比上年增加3000亿元。"
BONDS_2025 = "拟安排地方政府专项债券4.4万亿元、比上年增加5000亿元，重点用于投资建设。"
OLD, NEW = "2018-03-05_gwr-2018", "2019-03-05_gwr-2019"


def _unit(old: str, new: str, status: str = "changed") -> pd.DataFrame:
    return pd.DataFrame({"status": [status], "similarity": [0.6], "old_text": [old], "new_text": [new]})


def _triples(numbers: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(numbers[["quantity", "old_number", "new_number"]].itertuples(index=False, name=None))


def test_the_quantity_a_figure_measures():
    found = {(f.number, f.quantity) for f in quantities.figures(DEFICIT_2025 + BONDS_2024)}
    assert ("4%左右", "赤字率") in found and ("5.66万亿元", "赤字规模") in found
    assert ("1个百分点", "赤字率（比上年提高）") in found
    assert ("29.7万亿元", "一般公共预算支出规模") in found
    assert ("3.9万亿元", "地方政府专项债券") in found and ("1000亿元", "地方政府专项债券（比上年增加）") in found
    assert {f.unit for f in quantities.figures(DEFICIT_2025)} == {"%", "个百分点", "元"}


def test_two_different_bonds_are_never_paired():
    """Aligned by position, the 2024 special-bond sentence faces the 2025 ultra-long bond sentence: 1000亿元 and
    3000亿元 are both 比上年增加, but of different bonds."""
    numbers = revisions.numbers(_unit(BONDS_2024, ULTRA_2025))
    assert numbers.empty
    assert list(numbers.columns) == ["unit_no", "status", "quantity", "context", "old_number", "new_number",
                                     "old_text", "new_text"]


def test_2024_to_2025_budget_numbers_pair_by_quantity():
    aligned = revisions.align_texts([DEFICIT_2024 + BONDS_2024 + ULTRA_2024],
                                    [DEFICIT_2025 + ULTRA_2025 + BONDS_2025])
    triples = _triples(revisions.numbers(aligned))
    assert ("赤字率", "3%", "4%左右") in triples
    assert ("赤字规模", "4.06万亿元", "5.66万亿元") in triples
    assert ("地方政府专项债券", "3.9万亿元", "4.4万亿元") in triples
    assert ("地方政府专项债券（比上年增加）", "1000亿元", "5000亿元") in triples
    assert not any(o == "1000亿元" and n == "3000亿元" for _, o, n in triples)


def test_a_figure_that_moved_inside_its_sentence_keeps_its_quantity():
    old = "国内生产总值增长6.5%左右；居民消费价格涨幅3%左右；城镇调查失业率5.5%以内。"
    new = "国内生产总值增长6%－6.5%；城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。"
    triples = _triples(revisions.numbers(_unit(old, new, status="moved")))
    assert triples == {("国内生产总值增长", "6.5%左右", "6%－6.5%"), ("城镇调查失业率", "5.5%以内", "5.5%左右")}


@pytest.fixture(scope="module")
def numbers(extended) -> pd.DataFrame:
    return revisions.numbers(revisions.align(extended, OLD, NEW))


def test_2018_to_2019_numbers_by_quantity(numbers):
    triples = _triples(numbers)
    assert ("赤字率", "2.6%", "2.8%") in triples
    assert ("赤字率（比去年预算高）", "0.4个百分点", "0.2个百分点") in triples
    assert ("中央财政赤字", "1.55万亿元", "1.83万亿元") in triples
    assert ("地方财政赤字", "8300亿元", "9300亿元") in triples
    assert ("农村危房改造", "1700多万户", "190万户") in triples  # 多 and the unit belong to the number
    assert ("居民医保人均财政补助标准增加", "40元", "30元") in triples  # 居民基本医保…标准再增加 in 2018
    # laws made (95部) and bills reviewed (18件) are two quantities, though they stand at the same place
    assert not any(o.startswith("95") for _, o, _ in triples)
    # the targets sentence was reordered: each target still meets its own
    assert ("城镇调查失业率", "5.5%以内", "5.5%左右") in triples
    assert ("单位国内生产总值能耗下降", "3%以上", "3%左右") in triples
    # the special bonds stand elsewhere in 2019 (a moved pair, similarity 0.64)
    bonds = numbers[numbers["quantity"].str.contains("专项债券")]
    assert set(bonds["status"]) == {"moved"}
    assert {(o, n) for o, n in bonds[["old_number", "new_number"]].itertuples(index=False)} == {
        ("1.35万亿元", "2.15万亿元"), ("5500亿元", "8000亿元")}
    assert (numbers["old_number"] != numbers["new_number"]).all()
    # a calendar year is a date, not a quantity: the heading 二、2018年经济社会发展总体要求 → 二、2019年… gave a row
    # "2018年 → 2019年" with nothing to name it; no row is a year now, and every row names its quantity
    assert not numbers["new_number"].str.fullmatch(r"(?:19|20)\d\d年").any()
    assert (numbers["quantity"] != "").all()


def test_a_calendar_year_is_a_date_not_a_figure():
    assert quantities.figures("二、2018年经济社会发展总体要求和政策取向") == []
    found = quantities.figures("到2020年国内生产总值增长6.5%左右，城镇新增就业1100万人以上")
    assert [f.number for f in found] == ["6.5%左右", "1100万人以上"]
