"""Revisions: what changed between two editions of a text, or between one year's report and the next.

Modules by job: :mod:`.alignment` (sentences of two documents matched and
classified), :mod:`.diff` (character differences, inline HTML, the side-by-side review), :mod:`.summary`
(counts, formulations, numbers), :mod:`.quantities` (the quantity
each figure measures; old and new figures paired by it), :mod:`.reading` (the documents of pairs a batch at a time),
:mod:`.series` (each document against its predecessor), :mod:`.passages` (passages shared across the corpus).  The
figures are in :mod:`helpers.textplot.revisions`.
"""

from .alignment import STATUSES, align, align_texts
from .diff import changes, chars, inline, inline_table, review
from .passages import document_text, matrix, reuse
from .series import align_pairs, carryover, choose, new_sentences, pick
from .summary import counts, formulations, numbers

__all__ = ["STATUSES", "align", "align_pairs", "align_texts", "carryover", "changes", "chars", "choose", "counts",
           "document_text", "formulations", "inline", "inline_table", "matrix",
           "new_sentences", "numbers", "pick", "reuse", "review"]
