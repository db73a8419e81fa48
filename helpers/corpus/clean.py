"""Cleaning steps, from a raw text to paragraphs, each a small pure function.

The steps, in the order ``corpus.load`` applies them:

1. :func:`split_lines` — raw lines with their 1-based line numbers;
2. :func:`helpers.corpus.layout.detect_layout` and
   :func:`helpers.corpus.layout.split_paragraphs` — how the text marks its
   paragraphs (``wrapped``, ``blank_lines``, ``indented``,
   ``line_per_paragraph``, ``mixed``), lines grouped into paragraph blocks,
   page numbers and running headers set aside;
3. :func:`join_lines` — joins the lines of a paragraph, repairing line breaks
   inside words (nothing is inserted between Chinese characters);
4. :func:`helpers.corpus.breaks.join_broken` — paragraphs broken inside a
   sentence joined again, each repair recorded;
5. :func:`classify` — sets aside what is not body text (title, byline, news
   header, subtitle, date line, photo caption, footnote), with the rule that
   matched, splitting a front-matter line that runs several of them together
   (:func:`split_front`);
6. :func:`remove_cjk_spaces` and :func:`normalise_width` — on every text kept.

Nothing is dropped: every non-whitespace character of the raw text ends up in
a body paragraph or in a set-aside block (``corpus.load`` audits this).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from ..punctuation import (
    BODY_MARKS,
    CLOSE_BRACKETS,
    COLONS,
    LIST_MARKS,
    OCCASION_BREAKS,
    OPEN_BRACKETS,
    PART_MARKS,
    PHRASE_ENDS,
    SALUTATION_BREAKS,
    SALUTATION_ENDS,
    TITLE_BREAKS,
)
from .sentences import ends_english_sentence, ends_prose  # noqa: F401 (ends_prose: for layout and breaks)

NUMERAL = "[一二三四五六七八九十]+"  # a Chinese numeral of a heading or an enumeration, 一 to 九十九
BULLETS = "*•●■◆◇▪‣"  # marks that open the items of a bullet list (not ○ or □: a zero, a missing character)
_HEADING_START = re.compile(
    rf"^(?:{NUMERAL}、|[{OPEN_BRACKETS}]{NUMERAL}[{CLOSE_BRACKETS}]|第{NUMERAL}(?:[{PART_MARKS}]|[章节部分篇]))")
# a bullet item's first line: ``* …`` (a space after the star: ``*…`` is a footnote mark), ``•…``, ``■ …``
_BULLET = re.compile(rf"^\s*(?:\*\s+|[{BULLETS.replace('*', '')}]\s*)\S")

# Horizontal whitespace (not newlines), including the typographic spaces of PDF extractions.
_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]+")
_ONE_HSPACE = re.compile(_HSPACE.pattern.removesuffix("+"))
_HAS_FULLWIDTH_ALNUM = re.compile("[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]")
_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
}


@dataclass(frozen=True)
class Block:
    """A group of raw lines that form one paragraph (before classification)."""

    lines: tuple[str, ...]
    line_start: int
    line_end: int
    before: str = ""  # what separated it from the block before: blank_line, line_break, indent, page_break,
    # file_boundary

    @cached_property
    def text(self) -> str:  # read by the break repair, the classification and the tidying: joined once
        return join_lines(self.lines)


@dataclass(frozen=True)
class Classified:
    """A block with its kind: ``body`` or a set-aside kind, and the rule that decided it."""

    block: Block
    kind: str
    reason: str
    start: int = 0  # offsets of this piece in the (space-tidied) text of the raw block it comes from
    end: int | None = None


def split_lines(text: str) -> list[str]:
    """The text's lines (newlines already normalised to ``\\n``); line n is item n-1."""
    return text.split("\n")


def join_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Join the lines of one paragraph, repairing breaks inside words.

    Each line is stripped of its indent, trailing spaces and byte-order marks
    (the boundary mark of two files joined); lines are joined with nothing in
    between (a break between Chinese characters, or inside
    ``M2``, ``PM2.5`` or ``政府工作报告``, is an artefact), except that a space
    is kept between two Latin letters so English words stay apart.
    """
    out = ""
    for line in lines:
        part = (line.replace("\ufeff", "") if "\ufeff" in line else line).strip()
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out


def is_heading_start(text: str) -> bool:
    """Whether a line or paragraph begins like a numbered heading: ``一、…``, ``（一）…``, ``第一，…``, ``第一章…``.

    Line breaks are never repaired across such a line (:mod:`helpers.corpus.breaks`); it ends the front matter.
    """
    return bool(_HEADING_START.match(text.lstrip()))


def is_bullet(line: str) -> bool:
    """Whether a raw line opens a bullet item: ``* 加强基础研究``, ``• 推进…`` (``*注…`` is a footnote mark)."""
    return bool(_BULLET.match(line))


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def remove_cjk_spaces(text: str) -> str:
    """Remove spaces that touch a Chinese character or full-width punctuation.

    ``2023 年度`` → ``2023年度``, ``6 月 24 日`` → ``6月24日``, ``第一颗 6 卫星`` →
    ``第一颗6卫星``; a space between two narrow characters (``Artificial
    Intelligence``, ``COVID 19``) is kept.  Leading and trailing spaces go.
    """

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        if start == 0 or end == len(text):
            return ""
        if _wide(text[start - 1]) or _wide(text[end]):
            return ""
        return match.group()

    if not _ONE_HSPACE.search(text):  # most texts have none, and finding one is quicker than matching runs
        return text
    return _HSPACE.sub(replace, text)


# the zero-width characters that PDF and web texts carry (U+200B–U+200D, U+2060, U+FEFF): not whitespace to Python
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]+")


def remove_whitespace(text: str) -> str:
    """``text`` without any whitespace or zero-width character: what the character audit and counts compare.

    ``str.split()`` cuts at exactly the characters that ``\\s`` matches (``str.isspace``), and faster; five
    substring tests find a zero-width character ten times faster than a regular expression's search.
    """
    text = "".join(text.split())
    return _ZERO_WIDTH.sub("", text) if any(ch in text for ch in _ZERO_WIDTH_CHARS) else text


def normalise_width(text: str) -> str:
    """Turn full-width digits and Latin letters into ASCII; punctuation is left alone."""
    if not _HAS_FULLWIDTH_ALNUM.search(text):  # translate() is slow on long texts; most have none
        return text
    return text.translate(_FULLWIDTH_ALNUM)


# --- classification ---------------------------------------------------------------

_CAPTION = re.compile(
    r"(?:新华社|人民日报|中新社|本报|新华网)?(?:特约)?记者[\s\u3000]*"
    rf"[\u4e00-\u9fff·]{{2,6}}(?:[\s{LIST_MARKS}]+[\u4e00-\u9fff·]{{2,6}})*[\s\u3000]*/?[\s\u3000]*"
    rf"摄[{CLOSE_BRACKETS}]?$"
)
_HEADER = re.compile(
    rf"^(?:发表时间|发布时间|来源|作者|编辑|责任编辑|原标题|字号)[{COLONS}]"
    rf"|来源[{COLONS}]\S+$"
    r"|^(?:新华社|新华网|人民网|中新社|本报)\S{0,12}电$"
)
_SUBTITLE = re.compile(r"^(?:——|--|—)")
_DATE_IN_BRACKETS = rf"[{OPEN_BRACKETS}]\d{{4}}年\d{{1,2}}月\d{{1,2}}日[{CLOSE_BRACKETS}]"
_DATELINE = re.compile(rf"^{_DATE_IN_BRACKETS}$")
_FOOTNOTE_MARK = rf"※|\*|注[{COLONS}]|注释[{COLONS}]"
_FOOTNOTE = re.compile(rf"^(?:{_FOOTNOTE_MARK})")
_ADDRESSEE = rf"各位[^{SALUTATION_BREAKS}]{{0,12}}|同志们|朋友们|女士们|先生们"
_SALUTATION = re.compile(rf"^(?:{_ADDRESSEE})(?:[{LIST_MARKS}]\s*(?:{_ADDRESSEE}))*[{SALUTATION_ENDS}]$")
_SALUTATION_HEAD = re.compile(_SALUTATION.pattern.removesuffix("$"))
# Offices written before a speaker's name in a byline (国务院总理李克强): the one list of them.
OFFICES = "总书记|主席|总理|委员长|部长|书记|院长|省长|市长"
_POSITION = rf"[\u4e00-\u9fff]{{0,8}}(?:{OFFICES})"
_BYLINE = re.compile(rf"^(?:{_POSITION}|(?:{_POSITION})?[\u4e00-\u9fff·]{{2,4}})$")
_SPACES = re.compile(r"\s+")
_MAX_FRONT = 80  # a front-matter line (title, byline, header) is shorter than this


def is_caption(text: str) -> bool:
    """Whether a block ends in a photo credit (``新华社记者 谢环驰/摄``, ``新华社记者 姚大伟 摄``)."""
    if "摄" not in text:  # the credit's last character: most blocks have none, and the search is slow
        return False
    return bool(_CAPTION.search(_SPACES.sub("", text)))


def is_header_line(text: str) -> bool:
    """Whether a line is a news header (``发表时间：…``, ``来源：…``, ``新华社北京5月31日电``)."""
    text = text.strip()
    # a colon or a closing 电: what every match needs; most lines lack it
    if not any(colon in text for colon in COLONS) and not text.endswith("电"):
        return False
    return bool(_HEADER.search(text))


def is_salutation(text: str) -> bool:
    """Whether a paragraph is a salutation such as ``各位院士，同志们、朋友们！`` or ``各位代表：``."""
    return len(text) <= 30 and bool(_SALUTATION.match(text))


def starts_with_salutation(text: str) -> bool:
    """Whether a paragraph is or begins with a salutation (``各位代表！信心凝聚力量，…``)."""
    return bool(_SALUTATION_HEAD.match(text.lstrip()))


def classify(blocks: list[Block]) -> list[Classified]:
    """Tell body paragraphs from set-aside blocks, giving the rule that decided.

    Front matter is read from the top until the first block that is clearly
    body text (a salutation, or a block with sentence punctuation or of body
    length): a news header (``发表时间：``, ``来源：``, ``新华社北京5月31日电``), a
    subtitle (``——在…上的讲话``), a date line (``（2016年5月30日）``), a title
    (the first short line, or one carrying ``※``), a byline (a short name).
    A numbered heading (``一、…``) or an English sentence ends the front matter.
    Anywhere in the text, a block ending in ``记者 NAME/摄`` is a photo caption
    and a block starting with ``※`` (or ``注：``) is a footnote; a block
    starting with ``*`` is one too, unless it is an item of a bullet list (two
    or more blocks in a row opening with the same bullet, ``* …``, ``• …``:
    body, as is any bullet item).  A text where every block looked like front
    matter keeps the blocks after its first title as its body (a two-line
    note; a one-line text is all body).  A front-matter
    block that runs several of these together is split (:func:`split_front`);
    each piece keeps its offsets in the block's text.
    """
    out: list[Classified] = []
    in_front = True
    has_title = False
    bullets = _bullet_items(blocks)
    for index, block in enumerate(blocks):
        text = remove_cjk_spaces(block.text)
        compact = remove_whitespace(text)
        kind, reason = "body", ""
        if is_caption(compact):
            kind, reason = "caption", "ends in a photo credit 记者 NAME/摄"
        elif index in bullets:
            in_front = False
        elif _FOOTNOTE.match(text) and not in_front:
            kind, reason = "footnote", "starts with a footnote mark (※ or 注：)"
        elif in_front and len(pieces := split_front(text)) > 1:
            for piece_kind, piece_reason, start, end in pieces:
                lines = _lines_of(block, text, start, end)
                piece = Block((text[start:end],), lines[0], lines[1], block.before if start == 0 else "")
                out.append(Classified(piece, piece_kind, piece_reason, start, end))
                has_title = has_title or piece_kind in ("title", "subtitle")
            in_front = pieces[-1][0] != "body"
            continue
        elif in_front:
            kind, reason = _front_kind(text, has_title)
            if kind == "body":
                in_front = False
            elif kind == "title":
                has_title = True
        out.append(Classified(block, kind, reason, 0, len(text)))
    return out if any(c.kind == "body" for c in out) else _some_body(out)


def _bullet_items(blocks: list[Block]) -> set[int]:
    """Indexes of the blocks that are items of a bullet list: two or more in a row opening with the same bullet."""
    marks = [block.lines[0].lstrip()[:1] if block.lines and is_bullet(block.lines[0]) else "" for block in blocks]
    return {i for i, mark in enumerate(marks)
            if mark and mark in (marks[i - 1] if i else "", marks[i + 1] if i + 1 < len(marks) else "")}


def _some_body(out: list[Classified]) -> list[Classified]:
    """A text whose every block looked like front matter: the short lines after its title are its body.

    (A two-line note, a short English text: their lines are short and lack Chinese sentence marks.)
    The first title stays a title; if it is all there is, it is the body.
    """
    titles = [i for i, c in enumerate(out) if c.kind == "title"]
    keep = set(titles[1:]) or set(titles[:1])
    return [Classified(c.block, "body", "", c.start, c.end) if i in keep else c for i, c in enumerate(out)]


_PIECES = [
    ("caption", "a photo caption ending in a credit 记者 NAME 摄, run together with the front matter",
     re.compile(r".*?(?:新华社|人民日报|中新社|本报|新华网)?(?:特约)?记者\s?[\u4e00-\u9fff·]{2,6}"
                rf"(?:[{LIST_MARKS}][\u4e00-\u9fff·]{{2,6}})*\s?/?\s?摄[{CLOSE_BRACKETS}]?")),
    ("header", "a news dateline (电头) run together with the front matter",
     re.compile(r"(?:新华社|新华网|人民网|中新社|本报)[\u4e00-\u9fff]{0,8}?(?:\d{1,2}月\d{1,2}日)?电")),
    ("subtitle", "a subtitle 在…上的讲话 run together with the front matter",
     re.compile(rf"(?:——|--|—)[^{PHRASE_ENDS}]{{0,40}}?在[^{OCCASION_BREAKS}]{{2,80}}?上的[\u4e00-\u9fff]{{0,6}}?"
                r"(?:讲话|报告|致辞|发言|演讲|贺词|说明)")),
    ("title", "a title 在…上的讲话 run together with the front matter",
     re.compile(rf"[^{TITLE_BREAKS}]{{0,40}}?在[^{OCCASION_BREAKS}]{{2,80}}?上的[\u4e00-\u9fff]{{0,6}}?"
                r"(?:讲话|报告|致辞|发言|演讲|贺词|说明)")),
    ("dateline", "a date in brackets run together with the front matter",
     re.compile(_DATE_IN_BRACKETS)),
    ("byline", "a name (with a position) before the salutation, run together with the front matter",
     re.compile(rf"(?:{_POSITION})?[\u4e00-\u9fff·]{{2,4}}?(?=各位|同志们|朋友们|女士们|先生们|尊敬的|$)")),
]
_STRONG = ("header", "dateline")


def split_front(text: str) -> list[tuple[str, str, int, int]]:
    """A front-matter line that runs several things together, cut at character offsets.

    Returns ``(kind, reason, start, end)`` pieces covering ``text``, in order
    (kinds ``caption, header, subtitle, title, dateline, byline``, and ``body``
    for the rest: the salutation and what follows), or ``[]`` when the line is
    not such a run: one piece only, or a rest that neither is empty, nor
    begins with a salutation, nor follows a caption, news dateline or date.
    ``新华社记者 姚大伟 摄新华社北京6月24日电在全国科技大会上的讲话（2024年6月24日）习近平各位院士，…``
    gives caption, header, title, dateline, byline and body.
    """
    pieces: list[tuple[str, str, int, int]] = []
    pos = 0
    while pos < len(text):
        for kind, reason, pattern in _PIECES:
            match = pattern.match(text, pos) if kind != "caption" or pos == 0 else None
            if match and match.end() > pos:
                pieces.append((kind, reason, pos, match.end()))
                pos = match.end()
                break
        else:
            break
    rest = text[pos:]
    if not pieces or (len(pieces) == 1 and not rest):
        return []
    if rest:
        if not (starts_with_salutation(rest) or pieces[-1][0] in _STRONG):
            return []
        pieces.append(("body", "", pos, len(text)))
    return pieces


def _lines_of(block: Block, text: str, start: int, end: int) -> tuple[int, int]:
    """Raw line numbers of ``text[start:end]``, ``text`` being the space-tidied text of ``block``."""
    owner: list[int] = []
    joined = ""
    for number, line in enumerate(block.lines, start=block.line_start):
        part = join_lines([line])
        if not part:
            continue
        glue = join_lines([joined[-1:], part])[1:] if joined else part
        owner += [owner[-1] if owner else number] * (len(glue) - len(part)) + [number] * len(part)
        joined += glue
    lines, j = [], 0
    for i, ch in enumerate(text):
        while j < len(joined) and joined[j] != ch:
            j += 1
        if start <= i < end and j < len(joined):
            lines.append(owner[j])
        j += 1
    return (min(lines), max(lines)) if lines else (block.line_start, block.line_end)


def _front_kind(text: str, has_title: bool) -> tuple[str, str]:
    if is_salutation(text):
        return "body", ""
    if _HEADER.search(text):
        return "header", "news header line (发表时间/来源/电头)"
    if _SUBTITLE.match(text) and len(text) <= 2 * _MAX_FRONT:
        return "subtitle", "front-matter line starting with a dash"
    if _DATELINE.match(text):
        return "dateline", "front-matter date in brackets"
    if len(text) > _MAX_FRONT or (text and text[-1] in BODY_MARKS) or "。" in text:
        return "body", ""
    if is_heading_start(text) or (len(text.split()) >= 4 and ends_english_sentence(text)):  # English sentence
        return "body", ""
    if "※" in text or not has_title:
        return "title", "first short line of the front matter" + (" (carries ※)" if "※" in text else "")
    if _BYLINE.match(text):
        return "byline", "a name (with a position) in the front matter"
    return "title", "further short line of the front matter"
