"""Sentence ends: where a sentence or clause ends, and the spans of the sentences of a paragraph.

The rules read the punctuation classes of :mod:`helpers.punctuation` (their
one home): a sentence ends at :data:`~helpers.punctuation.STOPS`, a clause
also at :data:`~helpers.punctuation.CLAUSE_STOPS`, and closing quotes and
brackets (:data:`~helpers.punctuation.CLOSERS`) stay with the sentence they
close.  Every module that splits sentences (cleaning, structure, segmentation,
revisions) calls the functions here, so a change of rule reaches all of them.

:func:`ends_sentence` says whether a line (or paragraph) ends where a sentence
or clause may end (:func:`ends_prose`: or where an English sentence ends); a
line that does not, and is continued by the next line, was broken inside a
sentence (:mod:`helpers.corpus.breaks` joins such lines).
"""

from __future__ import annotations

import re

import numpy as np

from ..punctuation import CLAUSE_STOPS, CLOSERS, PROSE_ENDS, STOPS

__all__ = ["CLAUSE_STOPS", "CLOSERS", "STOPS", "ends_english_sentence", "ends_prose", "ends_sentence",
           "sentence_starts", "split_sentences"]

_LINE_ENDS = frozenset(PROSE_ENDS + STOPS + CLAUSE_STOPS + CLOSERS + ":")
_LATIN_END = re.compile(r"[A-Za-z][.!?][\"'\u2019\u201d)\]]*\s*$")  # an English sentence's end
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


def ends_english_sentence(text: str) -> bool:
    """Whether ``text`` ends an English sentence: a letter, then ``.``, ``!`` or ``?``, then closing quotes or
    brackets (``moved to Friday.``, ``"yes."``); ``PM2.5`` and ``moved to`` do not."""
    return bool(_LATIN_END.search(text))


def ends_prose(text: str) -> bool:
    """Whether ``text`` ends where a sentence may end, in Chinese (:func:`ends_sentence`) or English
    (:func:`ends_english_sentence`)."""
    return ends_sentence(text) or ends_english_sentence(text)


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
