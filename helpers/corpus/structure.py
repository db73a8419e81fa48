"""Structure inside a document: sections and headings, sentences, enumerations.

All functions are pure and work on plain strings or lists of paragraph texts;
``corpus.load`` turns their results into DataFrames.

Sections.  Numbered parts are recognised at the start of a paragraph in strict
order (one, two, three …, so a stray ``第一`` elsewhere cannot start a part):
level-1 headings ``一、…`` (government work reports) or, where a text has none,
speech parts ``第一，…``; level-2 headings ``（一）…`` restart under each level-1
heading.  Paragraphs before the first part form the ``opening``.  The
``closing`` (:func:`find_closing`) begins after the last heading of the last
part (a salutation before the last part's last ``（…）`` heading does not end
the part) at the first salutation (``各位院士，同志们、朋友们！``), also when
the salutation begins a paragraph that goes on (``各位代表！信心凝聚力量，…``),
when paragraphs on :data:`CLOSING_TOPICS` follow it (or none come at all);
where that salutation is glued to the text before it or absent (only the
final call follows one), at the first paragraph that is what the closing of
a work report is about: a run of paragraphs on at least :data:`MIN_TOPICS` of
:data:`CLOSING_TOPICS` (ethnic affairs, religion, overseas Chinese, defence,
Hong Kong and Macao, Taiwan, diplomacy).  A part whose own heading names a
topic keeps its paragraphs when a salutation introduces the topics after it
(2001: ``十、…加强国防建设``).  So consecutive reports of a series label
the same parts alike (2014–2019 and 2024 put a salutation before those
paragraphs, 2025 does not).  A text without numbered parts is one section, ``body``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..punctuation import BODY_MARKS, CLOSE_BRACKETS, COMMAS, OPEN_BRACKETS, PART_MARKS
from .clean import BULLETS, NUMERAL, is_heading_start, is_salutation, starts_with_salutation
from .sentences import split_sentences

__all__ = ["CLOSING_TOPICS", "MIN_TOPICS", "Closing", "ListItem", "SectionLabel", "chinese_number", "closing_note",
           "find_closing", "find_list_items", "heading_text", "is_heading_start", "label_sections", "number_lists",
           "section_order"]

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
_NUM = NUMERAL
_H1 = re.compile(rf"^({_NUM})、")
_H2 = re.compile(rf"^[{OPEN_BRACKETS}]({_NUM})[{CLOSE_BRACKETS}]")
_PART = re.compile(rf"^第({_NUM})[{PART_MARKS}]")
_ENUM_SHI = re.compile(rf"(?:^|(?<=[{BODY_MARKS}\s]))({_NUM})是")
_ENUM_ORDER = re.compile(rf"(?:^|(?<=[{BODY_MARKS}\s]))(首先|其次|再次|然后|最后)(?=[{COMMAS}])")
_ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "最后": 9}
# What the paragraphs after the last part of a work report are about, read in a paragraph's first two sentences.
CLOSING_TOPICS = {
    "民族": re.compile(r"民族区域自治|多民族国家|党的民族政策|中华民族是一个.{0,12}大家庭"),
    "宗教": re.compile(r"宗教工作基本方针"),
    "侨务": re.compile(r"侨务|海外侨胞|华侨华人"),
    "国防": re.compile(r"国防和军队|强军目标|强军思想|巩固的国防"),
    "港澳": re.compile(r"一国两制"),
    "台湾": re.compile(r"对台工作|九二共识|台独"),
    "外交": re.compile(r"和平发展道路|和平外交政策|外交|和平共处五项原则"),
}
MIN_TOPICS = 3  # a closing found by its topics needs paragraphs on this many of them from there to the end


def chinese_number(text: str) -> int:
    """Value of a Chinese numeral from 一 to 九十九 (``十二`` → 12, ``二十`` → 20)."""
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


@dataclass(frozen=True)
class SectionLabel:
    """Where a paragraph sits: its section and the headings above it."""

    section: str
    heading_level: int  # 1 or 2 if the paragraph opens a heading, else 0
    heading_1: str
    heading_2: str
    is_salutation: bool


def heading_text(paragraph: str) -> str:
    """The heading part of a paragraph: the whole of a short heading line, else its first sentence."""
    first = split_sentences(paragraph)
    head = paragraph[first[0][0] : first[0][1]] if first else paragraph
    return paragraph if len(paragraph) <= 60 and head == paragraph.strip() else head


@dataclass(frozen=True)
class Closing:
    """Where the closing of a document begins: paragraph ``index`` (``len(paragraphs)`` when it has none),
    ``how`` it was found (``salutation``, ``topics``, or ``none``) and the :data:`CLOSING_TOPICS` read there."""

    index: int
    how: str
    topics: tuple[str, ...] = ()


def _topic(paragraph: str) -> str:
    """The closing topic a paragraph is about (read in its first two sentences), or ``""``."""
    first = split_sentences(paragraph)[:2]
    head = paragraph[: first[-1][1]] if first else paragraph
    return next((name for name, pattern in CLOSING_TOPICS.items() if pattern.search(head)), "")


def find_closing(paragraphs: list[str]) -> Closing:
    """Where the closing begins (see the module docstring): at the first salutation after the last heading
    of the last part, or at the first paragraph of a run on :data:`MIN_TOPICS` closing topics, if earlier."""
    h1 = _H1 if any(_number(_H1, p) == 1 for p in paragraphs) else _PART
    return _closing(paragraphs, _heading_levels(paragraphs, h1))


def _closing(paragraphs: list[str], levels: list[int]) -> Closing:
    headings = [i for i, level in enumerate(levels) if level]
    if not any(level == 1 for level in levels):
        return Closing(len(paragraphs), "none")
    after = range(headings[-1] + 1, len(paragraphs))
    salutation = next((i for i in after if starts_with_salutation(paragraphs[i])), len(paragraphs))
    topics = [_topic(paragraphs[i]) for i in after]
    ahead: list[int] = []  # how many distinct topics from each paragraph to the end (read backwards: linear)
    seen: set[str] = set()
    for name in reversed(topics):
        seen.update([name] if name else [])
        ahead.append(len(seen))
    ahead.reverse()
    start = next((k for k, name in enumerate(topics) if name and ahead[k] >= MIN_TOPICS), None)
    followed = any(topics[i - after.start] for i in range(salutation + 1, len(paragraphs)))
    if start is not None and headings[-1] + 1 + start < salutation and not followed:
        found = tuple(dict.fromkeys(name for name in topics[start:] if name))
        return Closing(headings[-1] + 1 + start, "topics", found)
    return Closing(salutation, "salutation" if salutation < len(paragraphs) else "none")


def closing_note(paragraphs: list[str]) -> str:
    """A note when the closing was found by its topics rather than at a salutation (else ``""``)."""
    found = find_closing(paragraphs)
    if found.how != "topics":
        return ""
    return (f"sections: the closing begins at paragraph {found.index + 1} ({paragraphs[found.index][:16]}…), "
            f"labelled from what the paragraphs are about ({'、'.join(found.topics)}), as in reports that put a "
            "salutation before them: no salutation comes first (glued to the text before it, or absent)")


def label_sections(paragraphs: list[str]) -> list[SectionLabel]:
    """Label every paragraph of one document with its section and headings."""
    h1 = _H1 if any(_number(_H1, p) == 1 for p in paragraphs) else _PART
    levels = _heading_levels(paragraphs, h1)
    ones = [i for i, level in enumerate(levels) if level == 1]
    closing_at = _closing(paragraphs, levels).index
    labels = []
    section, heading_1, heading_2 = ("opening" if ones else "body"), "", ""
    for i, (text, level) in enumerate(zip(paragraphs, levels, strict=True)):
        if i >= closing_at:
            section, heading_1, heading_2, level = "closing", "", "", 0
        elif level == 1:
            marker = h1.match(text).group(0)
            section, heading_1, heading_2 = marker[:-1], heading_text(text), ""
        elif level == 2:
            heading_2 = heading_text(text)
        labels.append(SectionLabel(section, level, heading_1, heading_2, is_salutation(text)))
    return labels


def section_order(sections) -> list[str]:
    """Section labels in reading order: opening, numbered parts by style and number, closing, body."""
    def key(label: str) -> tuple[int, int, int]:
        if label == "opening":
            return (0, 0, 0)
        if label in ("closing", "body"):
            return (2, 0 if label == "closing" else 1, 0)
        style = 1 if label.startswith("第") else 0
        return (1, style, chinese_number(label.removeprefix("第")))

    return sorted(set(sections), key=key)


def _number(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.match(text)
    return chinese_number(match.group(1)) if match else None


def _heading_levels(paragraphs: list[str], h1: re.Pattern[str]) -> list[int]:
    levels = []
    next_1, next_2 = 1, 1
    for text in paragraphs:
        level = 0
        if _number(h1, text) == next_1:
            level, next_1, next_2 = 1, next_1 + 1, 1
        elif next_1 > 1 and _number(_H2, text) == next_2:
            level, next_2 = 2, next_2 + 1
        levels.append(level)
    return levels


@dataclass(frozen=True)
class ListItem:
    """One item of an enumeration inside a paragraph, or a bullet paragraph (an item of a bullet list)."""

    list_no: int
    item_no: int
    marker: str
    start: int
    end: int


def find_list_items(text: str) -> list[ListItem]:
    """Enumerations inside a paragraph: ``一是…二是…`` and ``首先…其次…最后``, and a bullet item.

    A list needs at least two items numbered in order from the first.  Each
    item runs to the next marker; the last one to the end of its sentence.  A
    paragraph that opens with a bullet (``*``, ``•`` …: the cleaning keeps a
    bullet list's items as paragraphs of their own, in the body) is one item,
    the whole paragraph, with its bullet as the marker.
    """
    items: list[ListItem] = []
    list_no = 0
    if text[:1] in BULLETS:
        list_no += 1
        items.append(ListItem(list_no, 1, text[0], 0, len(text)))
    for runs in (_shi_runs(text), _order_runs(text)):
        for run in runs:
            list_no += 1
            for k, (marker, start) in enumerate(run):
                if k + 1 < len(run):
                    end = run[k + 1][1]
                else:
                    end = next((e for s, e in split_sentences(text) if s <= start < e), len(text))
                items.append(ListItem(list_no, k + 1, marker, start, end))
    return items


def number_lists(items: list[tuple[int, ListItem]]) -> list[tuple[int, ListItem]]:
    """The list items of one document, ``(para_no, item)`` in reading order, with lists numbered through the
    document: ``list_no`` counts its lists from 1, and a run of bullet paragraphs (consecutive paragraphs that
    open with the same bullet) is one list whose items are numbered 1..n."""
    out: list[tuple[int, ListItem]] = []
    list_no, last = 0, None  # last: (para_no, marker, list_no, item_no) of the previous bullet item
    for para_no, item in items:
        bullet = item.marker in BULLETS and item.start == 0
        if bullet and last is not None and last[0] == para_no - 1 and last[1] == item.marker:
            numbered = ListItem(last[2], last[3] + 1, item.marker, item.start, item.end)
        else:
            if item.item_no == 1:
                list_no += 1
            numbered = ListItem(list_no, item.item_no, item.marker, item.start, item.end)
        if bullet:
            last = (para_no, item.marker, numbered.list_no, numbered.item_no)
        out.append((para_no, numbered))
    return out


def _shi_runs(text: str) -> list[list[tuple[str, int]]]:
    if "一是" not in text:  # every run starts with it
        return []
    runs: list[list[tuple[str, int]]] = []
    run: list[tuple[str, int]] = []
    for match in _ENUM_SHI.finditer(text):
        n = chinese_number(match.group(1))
        if n == len(run) + 1:
            run.append((match.group(0), match.start()))
        elif n == 1:
            runs.append(run)
            run = [(match.group(0), match.start())]
    runs.append(run)
    return [r for r in runs if len(r) >= 2]


def _order_runs(text: str) -> list[list[tuple[str, int]]]:
    if "首先" not in text:  # every run starts with it
        return []
    run: list[tuple[str, int]] = []
    for match in _ENUM_ORDER.finditer(text):
        word = match.group(1)
        if word == "首先":
            run = [(word, match.start())]
        elif run and _ORDER_WORDS[word] > _ORDER_WORDS[run[-1][0]]:
            run.append((word, match.start()))
    return [run] if len(run) >= 2 and run[1][0] == "其次" else []
