"""Cleaning steps, from a raw text to paragraphs, each a small pure function.

The steps, in the order ``corpus.load`` applies them:

1. :func:`split_lines` — raw lines with their 1-based line numbers;
2. :func:`detect_layout` — ``"wrapped"`` (a PDF extraction: hard line breaks,
   blank lines after every line, paragraph starts marked by an indent) or
   ``"blocks"`` (one paragraph per line or block, separated by blank lines);
3. :func:`split_paragraphs` — groups lines into paragraphs, joining hard-wrapped
   lines and page breaks;
4. :func:`join_lines` — joins the lines of a paragraph, repairing line breaks
   inside words (nothing is inserted between Chinese characters);
5. :func:`classify` — sets aside what is not body text (title, byline, news
   header, subtitle, date line, photo caption, footnote), with the rule that
   matched;
6. :func:`remove_cjk_spaces` and :func:`normalise_width` — on every text kept.

Nothing is dropped: every non-whitespace character of the raw text ends up in
a body paragraph or in a set-aside block (``corpus.load`` audits this).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .sentences import BODY_MARKS, PROSE_ENDS

Layout = str  # "wrapped" | "blocks"

_INDENT = re.compile(r"^(?:[\u2003\u3000\t]|\u0020{2,}|\u00a0)")
# Horizontal whitespace (not newlines), including the typographic spaces of PDF extractions.
_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]+")
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

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass(frozen=True)
class Classified:
    """A block with its kind: ``body`` or a set-aside kind, and the rule that decided it."""

    block: Block
    kind: str
    reason: str


def split_lines(text: str) -> list[str]:
    """The text's lines (newlines already normalised to ``\\n``); line n is item n-1."""
    return text.split("\n")


def is_indented(line: str) -> bool:
    """Whether a line starts with a paragraph indent (em/ideographic space, tab, 2+ spaces)."""
    return bool(_INDENT.match(line)) and bool(line.strip())


def detect_layout(lines: list[str]) -> Layout:
    """Say how paragraphs are marked in a text.

    ``"wrapped"`` when most lines that are followed by a blank line end in the
    middle of a sentence (hard line breaks of a PDF extraction, with a blank
    line after every line); ``"blocks"`` otherwise.
    """
    ends = []
    for i in range(len(lines) - 2):
        if lines[i].strip() and not lines[i + 1].strip() and lines[i + 2].strip():
            ends.append(lines[i].rstrip()[-1] not in PROSE_ENDS)
    if len(ends) >= 3 and sum(ends) > len(ends) / 2:
        return "wrapped"
    return "blocks"


def split_paragraphs(lines: list[str], layout: Layout) -> list[Block]:
    """Group raw lines into paragraph blocks.

    In ``"blocks"`` layout a paragraph ends at a blank line or before an
    indented line or a news-header line (``发表时间：…``).  In ``"wrapped"`` layout blank lines (and page breaks) are
    layout, not structure: a paragraph starts at an indented line, and before
    the first indented line (title, byline) each blank-separated line is its
    own block.  If a wrapped text has no indents at all, a short line ending a
    sentence ends its paragraph.
    """
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []

    def flush() -> None:
        if current:
            blocks.append(
                Block(tuple(text for _, text in current), current[0][0], current[-1][0])
            )
            current.clear()

    has_indent = any(is_indented(line) for line in lines)
    seen_indent = False
    typical = _typical_length(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if layout == "blocks" or (not seen_indent and has_indent):
                flush()
            continue
        if is_indented(line) or _HEADER.search(line.strip()):
            flush()
            seen_indent = seen_indent or is_indented(line)
        elif layout == "wrapped" and not has_indent and current:
            previous = current[-1][1].rstrip()
            if previous[-1] in PROSE_ENDS and len(previous) < 0.8 * typical:
                flush()
        current.append((number, line))
    flush()
    return blocks


def _typical_length(lines: list[str]) -> float:
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[len(lengths) // 2] if lengths else 0.0


def join_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Join the lines of one paragraph, repairing breaks inside words.

    Each line is stripped of its indent and trailing spaces; lines are joined
    with nothing in between (a break between Chinese characters, or inside
    ``M2``, ``PM2.5`` or ``政府工作报告``, is an artefact), except that a space
    is kept between two Latin letters so English words stay apart.
    """
    out = ""
    for line in lines:
        part = line.strip()
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out


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

    return _HSPACE.sub(replace, text)


_SPACE_ANY = re.compile(r"[\s\u200b]+")  # whitespace, and the zero-width space that PDF and web texts carry


def remove_whitespace(text: str) -> str:
    """``text`` without any whitespace (nor zero-width spaces): what the character audit and counts compare."""
    return _SPACE_ANY.sub("", text)


def normalise_width(text: str) -> str:
    """Turn full-width digits and Latin letters into ASCII; punctuation is left alone."""
    if not _HAS_FULLWIDTH_ALNUM.search(text):  # translate() is slow on long texts; most have none
        return text
    return text.translate(_FULLWIDTH_ALNUM)


# --- classification ---------------------------------------------------------------

_CAPTION = re.compile(
    r"(?:新华社|人民日报|中新社|本报|新华网)?(?:特约)?记者[\s\u3000]*"
    r"[\u4e00-\u9fff·]{2,6}(?:[\s、，]+[\u4e00-\u9fff·]{2,6})*[\s\u3000]*/?[\s\u3000]*摄[）)]?$"
)
_HEADER = re.compile(
    r"^(?:发表时间|发布时间|来源|作者|编辑|责任编辑|原标题|字号)[：:]"
    r"|来源[：:]\S+$"
    r"|^(?:新华社|新华网|人民网|中新社|本报)\S{0,12}电$"
)
_SUBTITLE = re.compile(r"^(?:——|--|—)")
_DATELINE = re.compile(r"^[（(]\d{4}年\d{1,2}月\d{1,2}日[）)]$")
_FOOTNOTE = re.compile(r"^(?:※|\*|注[：:]|注释[：:])")
_SALUTATION = re.compile(
    r"^(?:各位[^，。！：]{0,12}|同志们|朋友们|女士们|先生们)"
    r"(?:[，、]\s*(?:各位[^，。！：]{0,12}|同志们|朋友们|女士们|先生们))*[！：!:]$"
)
_POSITION = r"[\u4e00-\u9fff]{0,8}(?:总书记|主席|总理|委员长|部长|书记|院长|省长|市长)"
_BYLINE = re.compile(rf"^(?:{_POSITION}|(?:{_POSITION})?[\u4e00-\u9fff·]{{2,4}})$")
_MAX_FRONT = 80  # a front-matter line (title, byline, header) is shorter than this


def is_salutation(text: str) -> bool:
    """Whether a paragraph is a salutation such as ``各位院士，同志们、朋友们！`` or ``各位代表：``."""
    return len(text) <= 30 and bool(_SALUTATION.match(text))


def classify(blocks: list[Block]) -> list[Classified]:
    """Tell body paragraphs from set-aside blocks, giving the rule that decided.

    Front matter is read from the top until the first block that is clearly
    body text (a salutation, or a block with sentence punctuation or of body
    length): a news header (``发表时间：``, ``来源：``, ``新华社北京5月31日电``), a
    subtitle (``——在…上的讲话``), a date line (``（2016年5月30日）``), a title
    (the first short line, or one carrying ``※``), a byline (a short name).
    Anywhere in the text, a block ending in ``记者 NAME/摄`` is a photo caption
    and a block starting with ``※`` (or ``注：``) is a footnote.
    """
    out: list[Classified] = []
    in_front = True
    has_title = False
    for block in blocks:
        text = remove_cjk_spaces(block.text)
        compact = remove_whitespace(text)
        kind, reason = "body", ""
        if _CAPTION.search(compact):
            kind, reason = "caption", "ends in a photo credit 记者 NAME/摄"
        elif _FOOTNOTE.match(text) and not in_front:
            kind, reason = "footnote", "starts with a footnote mark (※ or 注：)"
        elif in_front:
            kind, reason = _front_kind(text, has_title)
            if kind == "body":
                in_front = False
            elif kind == "title":
                has_title = True
        out.append(Classified(block, kind, reason))
    return out


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
    if "※" in text or not has_title:
        return "title", "first short line of the front matter" + (" (carries ※)" if "※" in text else "")
    if _BYLINE.match(text):
        return "byline", "a name (with a position) in the front matter"
    return "title", "further short line of the front matter"
