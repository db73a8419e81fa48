"""Breaks inside a sentence: paragraph blocks that a line break split in mid-sentence, joined again.

A block that does not end a sentence (:func:`helpers.corpus.clean.ends_prose`: Chinese or English)
and is followed by a block that goes on with the same sentence was broken by the
layout (a web copy's line break at a link, a blank line in the middle of a
sentence, a page break), whatever the layout: ``…交出一份人`` | ``民满意…``.
Such blocks are joined, and every join is recorded as a repair.

Never joined: across a numbered heading (``一、…``, ``（一）…``, ``第一，…``: a
heading line, or before a paragraph that opens with one), after a
title-like line (short — 40 characters, or 12 English words — without sentence
punctuation: titles, bylines, datelines and unnumbered headings), after a photo caption, before a salutation, a dash
item (``——…``), a bullet item, a footnote or a news header, nor across a
``file_boundary`` (a byte-order mark inside the text: two files joined).  The
decision looks only at the two texts (and that boundary), so it is the same in
every layout.
"""

from __future__ import annotations

import re

from ..punctuation import COLONS, SENTENCE_MARKS, STOPS
from .clean import BULLETS, Block, ends_prose, is_caption, is_header_line, remove_cjk_spaces, starts_with_salutation
from .structure import is_heading_start

__all__ = ["continues", "join_broken"]

_TITLE_LIKE_MAX = 40  # a line this short without sentence punctuation is a title or heading, not prose
_TITLE_LIKE_WORDS = 12  # so is an English line of this many words or fewer
_SENTENCE_MARKS = re.compile(f"[{SENTENCE_MARKS}]")
_STOP = re.compile(f"[{STOPS}]")
_NEW_START = re.compile(rf"^(?:——|—|--|※|[{BULLETS}]|注[{COLONS}]|注释[{COLONS}])")
_CONTEXT = 12  # characters either side of a repaired break, in the repairs table


def continues(previous: str, following: str) -> bool:
    """Whether ``following`` goes on with the sentence that ``previous`` left unfinished."""
    previous, following = previous.strip(), following.strip()
    if not previous or not following or ends_prose(previous):
        return False
    short = len(previous) <= _TITLE_LIKE_MAX or (previous.isascii() and len(previous.split()) <= _TITLE_LIKE_WORDS)
    if short and not _SENTENCE_MARKS.search(previous):
        return False
    if (is_heading_start(previous) and not _STOP.search(previous)) or is_heading_start(following):
        return False  # a heading line; a paragraph that opens with a heading and goes on can be broken
    if is_caption(previous):
        return False
    return not (starts_with_salutation(following) or _NEW_START.match(following) or is_header_line(following))


def join_broken(blocks: list[Block]) -> tuple[list[Block], list[dict]]:
    """Blocks with every break inside a sentence joined, and the repairs made.

    Each repair is a dict ``line_start, line_end, before, after, kind``: the
    raw line numbers of the last line before and the first line after the
    break, the text either side of it as it was (with a line break) and as
    joined, and what the break was (``blank_line``, ``line_break``,
    ``indent``, ``page_break``).
    """
    out: list[Block] = []
    texts: list[str] = []
    repairs: list[dict] = []
    for block in blocks:
        text = remove_cjk_spaces(block.text)
        if out and block.before != "file_boundary" and continues(texts[-1], text):
            previous = out[-1]
            tail, head = texts[-1][-_CONTEXT:], text[:_CONTEXT]
            repairs.append({"line_start": previous.line_end, "line_end": block.line_start,
                            "before": f"{tail}\n{head}", "after": tail + head, "kind": block.before or "line_break"})
            out[-1] = Block(previous.lines + block.lines, previous.line_start, block.line_end, previous.before)
            texts[-1] = remove_cjk_spaces(out[-1].text)
        else:
            out.append(block)
            texts.append(text)
    return out, repairs
