"""Sentence ends and punctuation classes: the one home of every class of punctuation marks the corpus reads.

Every module that needs to know where a sentence ends or what a mark is
(cleaning, structure, metadata, segmentation, revisions) imports the classes
and functions here, so a change of rule (say, counting ``；`` as a sentence
end) reaches all of them, and the cache keys of every stage that depends on
it.  Each class is a string of characters, written into a regular expression
as ``[{CLASS}]`` or ``[^{CLASS}]`` (:data:`CLASSES` lists them).

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

:func:`ends_sentence` says whether a line (or paragraph) ends where a sentence
or clause may end; a line that does not, and is continued by the next line,
was broken inside a sentence (:mod:`helpers.corpus.breaks` joins such lines).
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["BODY_MARKS", "CLASSES", "CLAUSE_STOPS", "CLOSERS", "CLOSE_BRACKETS", "COLONS", "COMMAS", "CONTEXT_BREAKS",
           "FULL_STOPS", "LIST_MARKS", "OCCASION_BREAKS", "OPEN_BRACKETS", "PAGE_NUMBER_DASHES", "PART_MARKS",
           "PHRASE_ENDS", "PROSE_ENDS", "QUOTES", "RANGE_MARKS", "SALUTATION_BREAKS", "SALUTATION_ENDS",
           "SENTENCE_MARKS", "SESSION_BREAKS", "STOPS", "TITLE_BREAKS", "TITLE_MARKS", "ends_sentence",
           "sentence_starts", "split_sentences"]

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
CLASSES = ("FULL_STOPS", "STOPS", "CLAUSE_STOPS", "CLOSERS", "PROSE_ENDS", "BODY_MARKS", "SENTENCE_MARKS", "COMMAS",
           "COLONS", "LIST_MARKS", "PART_MARKS", "OPEN_BRACKETS", "CLOSE_BRACKETS", "OCCASION_BREAKS", "PHRASE_ENDS",
           "TITLE_BREAKS", "SALUTATION_BREAKS", "SALUTATION_ENDS", "SESSION_BREAKS", "PAGE_NUMBER_DASHES",
           "QUOTES", "TITLE_MARKS", "CONTEXT_BREAKS", "RANGE_MARKS")

_LINE_ENDS = frozenset(PROSE_ENDS + STOPS + CLAUSE_STOPS + CLOSERS + ":")
_SENTENCE = re.compile(rf"[^{STOPS}]*(?:[{STOPS}]+[{CLOSERS}]*|$)")
_CLAUSE = re.compile(rf"[^{STOPS}{CLAUSE_STOPS}]*(?:[{STOPS}{CLAUSE_STOPS}]+[{CLOSERS}]*|$)")
_SENTENCE_JOINED = re.compile(rf"[^{STOPS}\n]*(?:[{STOPS}]+[{CLOSERS}]*|(?=\n)|$)")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends where a sentence, a clause or a line of prose may end.

    True after :data:`PROSE_ENDS`, :data:`STOPS`, :data:`CLAUSE_STOPS`, a
    colon and a closing quote or bracket; False after a Chinese character,
    a digit, a letter, a comma, an enumeration comma or an opening bracket
    (``交出一份人`` ends inside a sentence).  An empty text ends nothing.
    """
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in _LINE_ENDS


def split_sentences(text: str, *, clauses: bool = False) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of a paragraph.

    Sentences end at :data:`STOPS` (and :data:`CLAUSE_STOPS` with
    ``clauses=True``); closing quotes and brackets stay with the sentence they
    close.  Spans cover the text without gaps, except whitespace-only stretches.
    """
    pattern = _CLAUSE if clauses else _SENTENCE
    spans = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if end > start and text[start:end].strip():
            spans.append((start, end))
    return spans


def sentence_starts(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Where the sentences of many paragraphs start: ``(paragraph index, offset in the paragraph)``.

    The same sentences as :func:`split_sentences` on each text (texts must not
    contain line breaks), found in one pass over the texts joined by ``\\n``.
    """
    joined = "\n".join(texts)
    starts = []
    for match in _SENTENCE_JOINED.finditer(joined):
        start, end = match.span()
        if end > start and (not joined[start].isspace() or joined[start:end].strip()):
            starts.append(start)
    para_start = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype(np.int64)
    starts_arr = np.asarray(starts, dtype=np.int64)
    para = np.searchsorted(para_start, starts_arr, side="right") - 1
    return para, starts_arr - para_start[para]
