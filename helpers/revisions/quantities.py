"""The figures of a sentence and the quantity each one measures; old and new figures paired by quantity.

A figure is a number with its unit and qualifier (``4%左右``, ``3.9万亿元``, ``1个百分点``, ``1700多万户``).  Its
**quantity** is the noun phrase it measures, read from the characters before it in its clause
(back to the last comma, enumeration comma, semicolon or other mark of
:data:`helpers.punctuation.CONTEXT_BREAKS`, at most :data:`MAX_CHARS` characters):

1. leading words that frame rather than name it are cut: time words (今年, 去年 …), adverbs and
   modals (拟, 再, 继续, 其中 …) and the verbs that introduce an amount (安排, 发行, 完成 …);
2. trailing words between the noun phrase and the number are cut: prepositions and copulas
   (拟按, 按, 为, 达到, 超过, 控制在 …) and adverbs of aggregation (年均, 同比, 累计 …);
3. what is left is the quantity (``今年赤字率拟按3%安排`` → 赤字率, ``拟安排地方政府专项债券3.9万亿元`` →
   地方政府专项债券).  A change verb right after the noun stays (国内生产总值增长, 居民消费价格上涨):
   the figure measures the growth, not the level;
4. a clause that names no noun of its own but a comparison (``比上年增加1000亿元``, ``比去年预算低0.4个百分点``,
   or a bare change verb) measures the change of the previous figure's quantity in the same sentence:
   the quantity is that noun with the comparison in brackets, ``地方政府专项债券（比上年增加）``.

Two figures are the same quantity when they have the same kind of unit (per cent, percentage points,
元, 人 … after 万/亿 are set aside), are both levels or both comparisons, and their **pairing keys** (the
quantity without change verbs, 涨幅-type nouns and aggregation adverbs, and without the framing words
those uncover, so that 减少农村贫困人口 and 农村贫困人口减少, 补助标准再增加 and 补助标准增加 meet)
are equal, or end in the same two characters (the head of a Chinese noun phrase is its end) and reach
an Indel similarity of :data:`MIN_KEY_SIMILARITY`.  Pairs are taken one to one,
equal keys first, then the most similar, each in reading order; so 赤字率 3% pairs with 4%左右 wherever
the two stand in their sentences, and 专项债券's ``比上年增加1000亿元`` never pairs with 超长期特别国债's
``比上年增加3000亿元``.  A figure with no quantity at all pairs only with one whose words before it are the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..punctuation import CONTEXT_BREAKS, RANGE_MARKS

__all__ = ["MAX_CHARS", "MIN_KEY_SIMILARITY", "Figure", "figures", "pair"]

MAX_CHARS = 20  # characters before a number searched for its quantity
MIN_KEY_SIMILARITY = 0.5
CONTEXT_CHARS = 12  # characters of words before a number shown as its context

NUMBER = re.compile(
    rf"\d+(?:[.,]\d+)*(?:%?[{re.escape(RANGE_MARKS)}至到]\d+(?:\.\d+)?)?(?:多|余)?"
    r"(?:%|‰|个百分点|万亿|亿|万|千|百)?"
    r"(?:元|美元|人次|人|户|吨|公里|千米|平方公里|公顷|亩|千瓦|项|个|所|套|件|部|家|座|条|次|批|年|倍)?"
    r"(?:左右|以上|以下|以内)?"
)
_BREAK = re.compile(rf"[{re.escape(CONTEXT_BREAKS)}\s]")
_LEAD = re.compile(r"^(?:今年|去年|上年|明年|全年|当年|其中|同时|并且|并|再|继续|要|将|拟|先|预计|力争|确保|共|累计|"
                   r"安排|发行|完成|实现|达到|新发行)+")
_TAIL = re.compile(r"(?:拟按|按|为|达到|达|约|近|超过|不低于|不超过|控制在|保持在|稳定在|在|拟安排|安排|拟发行|先发行|"
                   r"发行|了|到|共|累计|年均|同比|平均|分别|先|再|拟)+$")
_CHANGE = re.compile(r"增长|增加|减少|下降|上涨|上升|提高|降低|扩大|缩小|回落|涨幅|增幅|降幅|增速|年均|同比|平均|累计")
_COMPARISON = re.compile(r"^(?:比(?![重例])|较|同比|高于|低于)")
_QUALIFIER = re.compile(r"(?:左右|以上|以下|以内)$")
_SCALE = re.compile(r"^(?:万亿|亿|万|千|百)")
_YEAR = re.compile(r"(?:1[89]|20)\d\d年")  # a calendar year, as printed


@dataclass(frozen=True)
class Figure:
    """One figure of a sentence: the number as printed, its context (the words before it, as shown to a
    reader), its quantity, the key it is paired by, its kind of unit and whether it is a comparison."""

    number: str
    context: str
    quantity: str
    key: str
    comparison: bool
    unit: str


def figures(text: str) -> list[Figure]:
    """The figures of one sentence (or unit of sentences), in reading order, each with its quantity."""
    out: list[Figure] = []
    shown, noun = "", ""  # the quantity of the last figure that named one, for the figures after it
    for match in NUMBER.finditer(text):
        if _YEAR.fullmatch(match.group()):  # a date (2019年经济社会发展总体要求), not a quantity that changed
            continue
        before = text[max(0, match.start() - MAX_CHARS):match.start()]
        cuts = [m.end() for m in _BREAK.finditer(before)]
        clause = before[cuts[-1]:] if cuts else before
        words = _TAIL.sub("", _LEAD.sub("", clause))
        own = _TAIL.sub("", _LEAD.sub("", _CHANGE.sub("", words)))  # 标准再增加 → 标准
        if _COMPARISON.match(words) or (words and not own):  # the change of the previous quantity
            figure = (f"{shown}（{words}）" if shown else words, noun, True)
        elif not words:  # the previous quantity again (今年先发行1万亿元)
            figure = (shown, noun, False)
        else:
            shown, noun = words, own
            figure = (words, own, False)
        out.append(Figure(match.group(), clause[-CONTEXT_CHARS:], *figure, unit=_unit(match.group())))
    return out


def _unit(number: str) -> str:
    """The kind of unit of a figure: what follows its last digit, without qualifier and scale words."""
    rest = re.split(r"\d", _QUALIFIER.sub("", number))[-1].lstrip("多余")
    return _SCALE.sub("", rest)


def pair(old: list[Figure], new: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Old and new figures of the same quantity, one to one (see the module docstring), in the newer
    text's reading order."""
    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if a.unit != b.unit or a.comparison != b.comparison:
                continue
            if a.key and b.key:
                if a.key == b.key:
                    score = 2.0
                elif a.key[-2:] == b.key[-2:] and len(a.key) >= 2:
                    score = fuzz.ratio(a.key, b.key) / 100
                    if score < MIN_KEY_SIMILARITY:
                        continue
                else:
                    continue
            elif not a.key and not b.key and a.context == b.context:
                score = 1.0
            else:
                continue
            if a.comparison and a.quantity != b.quantity:
                score -= 0.5  # the same change of the same noun in other words (比上年 / 比去年) ranks after
            candidates.append((-score, i, j))
    taken_old, taken_new, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i in taken_old or j in taken_new:
            continue
        taken_old.add(i)
        taken_new.add(j)
        pairs.append((j, old[i], new[j]))
    return [(a, b) for _, a, b in sorted(pairs, key=lambda p: p[0])]
