"""Breaks inside a sentence: paragraph blocks that a line break split in mid-sentence, joined again.

A block that does not end a sentence (:func:`helpers.corpus.clean.ends_prose`: Chinese or English)
and is followed by a block that goes on with the same sentence was broken by the
layout (a web copy's line break at a link, a blank line in the middle of a
sentence, a page break), whatever the layout: ``…交出一份人`` | ``民满意…``.
Such blocks are joined, and every join is recorded as a repair.  A sentence is finished only at a stop,
clause stop, colon or ellipsis (closing quotes and brackets may follow it), or at the end of an English
sentence: a block ending in ``》``, ``”`` or ``）`` without a stop before it (``…出台《关于…的意见》`` |
``等一系列文件…``) is broken like one ending in a character or a digit.  Outside the ``wrapped`` layout
(whose line ends are its wrapping) a line break inside a paragraph block that falls inside a sentence is a
break too: the block's lines are joined as the layout grouped them, and each such join is recorded.

A news-header line (``来源：新华网``, ``责任编辑：…``: :func:`helpers.corpus.clean.is_header_line`) is never
joined to anything: neither to the block after it nor to the lines that follow it in its block (they are
split off as a block of their own).

Never joined: across a numbered heading (``一、…``, ``（一）…``, ``第一，…``: a
heading line, or before a paragraph that opens with one), after a
title-like line (short — 40 characters, or 12 English words — without sentence
punctuation, and no 《, “ or （ left open: titles, bylines, datelines and
unnumbered headings), after a photo caption or a news header, before a
salutation, a dash item (``——…``), a bullet item, a footnote or a news
header, nor across a
``file_boundary`` (a byte-order mark inside the text: two files joined).  The
decision looks only at the two texts (and that boundary), so it is the same in
every layout.
"""

from __future__ import annotations

import re

from ..punctuation import CLAUSE_STOPS, CLOSE_BRACKETS, CLOSERS, COLONS, OPEN_BRACKETS, SENTENCE_MARKS, STOPS
from .clean import BULLETS, Block, is_caption, is_header_line, join_lines, remove_cjk_spaces, starts_with_salutation
from .sentences import ends_english_sentence
from .structure import is_heading_start

__all__ = ["continues", "finishes_sentence", "join_broken"]

_TITLE_LIKE_MAX = 40  # a line this short without sentence punctuation is a title or heading, not prose
_TITLE_LIKE_WORDS = 12  # so is an English line of this many words or fewer
_SENTENCE_MARKS = re.compile(f"[{SENTENCE_MARKS}]")
_STOP = re.compile(f"[{STOPS}]")
_NEW_START = re.compile(rf"^(?:——|—|--|※|[{BULLETS}]|注[{COLONS}]|注释[{COLONS}])")
_CONTEXT = 12  # characters either side of a repaired break, in the repairs table
_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"))
_LAST_BRACKET = re.compile(rf"[{OPEN_BRACKETS}][^{OPEN_BRACKETS}{CLOSE_BRACKETS}]*[{CLOSE_BRACKETS}]$")
_FINISHED = re.compile(rf"(?:[{STOPS}{CLAUSE_STOPS}{COLONS}]|…)[{CLOSERS}]*$")


def finishes_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: a stop, clause stop, colon or ellipsis, then perhaps closing quotes
    and brackets (``…办好！”``), or an English sentence's end, perhaps followed by a bracketed note
    (``…。”（《列宁全集》中文版，第三十一卷，第六页）``); not a bare ``》``, ``”`` or ``）``."""
    text = text.rstrip()
    while (bracket := _LAST_BRACKET.search(text)) and bracket.start():  # a note after a sentence: …。（《…》第六页）
        text = text[:bracket.start()]
    return bool(_FINISHED.search(text)) or ends_english_sentence(text)


def continues(previous: str, following: str) -> bool:
    """Whether ``following`` goes on with the sentence that ``previous`` left unfinished."""
    previous, following = previous.strip(), following.strip()
    if not previous or not following or finishes_sentence(previous) or is_header_line(previous):
        return False
    short = len(previous) <= _TITLE_LIKE_MAX or (previous.isascii() and len(previous.split()) <= _TITLE_LIKE_WORDS)
    if short and not _SENTENCE_MARKS.search(previous) and not _left_open(previous):
        return False
    if (is_heading_start(previous) and not _STOP.search(previous)) or is_heading_start(following):
        return False  # a heading line; a paragraph that opens with a heading and goes on can be broken
    if is_caption(previous):
        return False
    return not (starts_with_salutation(following) or _NEW_START.match(following) or is_header_line(following))


def _left_open(text: str) -> bool:
    """Whether a mark that comes in pairs (《》, “”, （）) is opened in ``text`` more often than it is closed."""
    return any(text.count(opener) > text.count(closer) for opener, closer in _PAIRS)


def join_broken(blocks: list[Block], *, layout: str = "") -> tuple[list[Block], list[dict]]:
    """Blocks with every break inside a sentence joined, and the repairs made.

    Each repair is a dict ``line_start, line_end, before, after, kind``: the
    raw line numbers of the last line before and the first line after the
    break, the text either side of it as it was (with a line break) and as
    joined, and what the break was (``blank_line``, ``line_break``,
    ``indent``, ``page_break``).  Line breaks inside a block are recorded too
    (kind ``line_break``) unless ``layout`` is ``wrapped``.
    """
    out: list[Block] = []
    texts: list[str] = []
    repairs: list[dict] = []
    for block in _split_headers(blocks):
        if layout != "wrapped":
            repairs += _inner_breaks(block)
        text = remove_cjk_spaces(block.text)
        if out and block.before != "file_boundary" and continues(texts[-1], text):
            previous = out[-1]
            repairs.append(_repair(previous.line_end, block.line_start, texts[-1], text, block.before or "line_break"))
            out[-1] = Block(previous.lines + block.lines, previous.line_start, block.line_end, previous.before)
            texts[-1] = remove_cjk_spaces(out[-1].text)
        else:
            out.append(block)
            texts.append(text)
    return out, repairs


def _repair(line_start: int, line_end: int, previous: str, following: str, kind: str) -> dict:
    tail, head = previous[-_CONTEXT:], following[:_CONTEXT]
    return {"line_start": line_start, "line_end": line_end, "before": f"{tail}\n{head}", "after": tail + head,
            "kind": kind}


def _split_headers(blocks: list[Block]):
    """The blocks, each whose first line is a news-header line cut after that line (layout starts a block at
    such a line, but may keep the lines after it)."""
    for block in blocks:
        if len(block.lines) > 1 and is_header_line(block.lines[0]):
            yield Block(block.lines[:1], block.line_start, block.line_start, block.before)
            yield Block(block.lines[1:], block.line_start + 1, block.line_end, "line_break")
        else:
            yield block


def _inner_breaks(block: Block) -> list[dict]:
    """The line breaks inside a block (raw lines ``line_start + i``) that fall inside a sentence, as repairs."""
    if len(block.lines) < 2:
        return []
    found = []
    joined = ""
    for number, line in enumerate(block.lines, start=block.line_start):
        part = remove_cjk_spaces(join_lines((line,)))
        if not part:
            continue
        if joined and not finishes_sentence(joined):
            found.append(_repair(number - 1, number, joined, part, "line_break"))
        joined = remove_cjk_spaces(join_lines((joined, part)))
    return found
