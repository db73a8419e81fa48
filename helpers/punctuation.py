"""Punctuation classes: the one named home of every class of punctuation marks the workspace reads.

Every module that needs to know what a mark is (reading PDF pages, cleaning,
structure, metadata, sentence ends, segmentation, revisions) imports the
classes here, so a change of rule (say, counting ``；`` as a sentence end)
reaches all of them, and the cache keys of every stage that depends on it.
This module imports nothing of the workspace: the lowest stage (``ingest``)
and every stage above it can use it.  Each class is a string of characters,
written into a regular expression as ``[{CLASS}]`` or ``[^{CLASS}]``
(:data:`CLASSES` lists them); related classes are built from each other.

``FULL_STOPS``
    the full-width sentence stops 。！？;
``STOPS``
    end a sentence: 。！？ and their half-width forms;
``CLAUSE_STOPS``
    end a clause as well (``clauses=True``): ；;
``CLOSERS``
    closing quotes and brackets, which stay with the sentence they close;
``PROSE_ENDS``
    characters a line of running prose can end with at a paragraph end (a line
    ending otherwise was broken inside a sentence): the stops, clause stops,
    colon, ellipsis and closing quotes;
``BODY_MARKS``
    punctuation that shows a line is running text rather than a title or byline,
    and before which an enumeration (``一是``, ``首先``) may start;
``SENTENCE_MARKS``
    any sentence punctuation, full- or half-width: a short line without one is a
    title or heading, never a broken line of prose;
``COMMAS``, ``COLONS``
    ，, and ：: (a news header ``来源：``, a footnote ``注：``, a name prefix ``新华社：``);
``LIST_MARKS``
    、， between the names or items of a list (photographers, salutations);
``PART_MARKS``
    what follows the number of a speech part (``第一，`` ``第二：``): list marks and colons;
``OPEN_BRACKETS``, ``CLOSE_BRACKETS``
    （( and ）) around a heading number ``（一）``, a date line or a caption's ``摄）``;
``PHRASE_ENDS``, ``TITLE_BREAKS``
    marks a subtitle (``——在…上的讲话``) or a title (no dash either) run together with the
    front matter does not cross;
``OCCASION_BREAKS``
    marks an occasion ``在…上`` does not cross (commas allowed: ``大会、…，…``);
``SALUTATION_BREAKS``, ``SALUTATION_ENDS``
    marks the name after ``各位`` does not cross, and the marks that end a salutation line;
``SESSION_BREAKS``
    marks the session a work report is made to (``向第…会议``) does not cross;
``PAGE_NUMBER_DASHES``
    dashes and dots around a page number (``— 3 —``);
``QUOTES``, ``TITLE_MARKS``
    “” and 《》;
``CONTEXT_BREAKS``
    every mark at which the words before a number stop (sentence marks, list marks,
    brackets, quotes, title marks: :mod:`helpers.revisions.summary`);
``RANGE_MARKS``
    the dashes and tildes of a range of numbers (``2.6%-2.8%``, ``3～5``).
"""

from __future__ import annotations

import re

__all__ = ["BODY_MARKS", "CLASSES", "CLAUSE_STOPS", "CLOSERS", "CLOSE_BRACKETS", "COLONS", "COMMAS", "CONTEXT_BREAKS",
           "FULL_STOPS", "LABEL_BRACKETS", "LIST_MARKS", "OCCASION_BREAKS", "OPEN_BRACKETS", "PAGE_NUMBER_DASHES",
           "PART_MARKS", "PHRASE_ENDS", "PROSE_ENDS", "QUOTES", "RANGE_MARKS", "SALUTATION_BREAKS", "SALUTATION_ENDS",
           "SENTENCE_MARKS", "SESSION_BREAKS", "SET_PHRASE_ENDS", "STOPS", "TITLE_BREAKS", "TITLE_MARKS",
           "one_of"]

FULL_STOPS = "。！？"
STOPS = FULL_STOPS + "!?"
CLAUSE_STOPS = "；;"
CLOSERS = "”’」』）)】》\"'"
PROSE_ENDS = "。！？：；…”"
BODY_MARKS = FULL_STOPS + "；，："
SENTENCE_MARKS = BODY_MARKS + ",;!?"
COMMAS = "，,"
COLONS = "：:"
LIST_MARKS = "、，"
PART_MARKS = LIST_MARKS + COLONS
OPEN_BRACKETS = "（("
CLOSE_BRACKETS = "）)"
OCCASION_BREAKS = FULL_STOPS + "："
PHRASE_ENDS = "，" + OCCASION_BREAKS
TITLE_BREAKS = PHRASE_ENDS + "—"
QUOTES = "“”"
TITLE_MARKS = "《》"
CONTEXT_BREAKS = SENTENCE_MARKS + "、:" + OPEN_BRACKETS + CLOSE_BRACKETS + QUOTES + TITLE_MARKS
RANGE_MARKS = "-－~～—"
SALUTATION_BREAKS = "，。！："
SALUTATION_ENDS = "！：!:"
SESSION_BREAKS = "，。、"
PAGE_NUMBER_DASHES = "-—–~·•"
LABEL_BRACKETS = "（(【["  # may open a label line such as （来源：…）
SET_PHRASE_ENDS = "！!。."  # may end a set phrase such as 谢谢大家！
CLASSES = ("FULL_STOPS", "STOPS", "CLAUSE_STOPS", "CLOSERS", "PROSE_ENDS", "BODY_MARKS", "SENTENCE_MARKS", "COMMAS",
           "COLONS", "LIST_MARKS", "PART_MARKS", "OPEN_BRACKETS", "CLOSE_BRACKETS", "OCCASION_BREAKS", "PHRASE_ENDS",
           "TITLE_BREAKS", "SALUTATION_BREAKS", "SALUTATION_ENDS", "SESSION_BREAKS", "PAGE_NUMBER_DASHES",
           "QUOTES", "TITLE_MARKS", "CONTEXT_BREAKS", "RANGE_MARKS", "LABEL_BRACKETS", "SET_PHRASE_ENDS")


def one_of(characters: str) -> str:
    """A regular-expression character class matching any one of ``characters``."""
    return "[" + re.escape(characters) + "]"
