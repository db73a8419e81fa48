"""Revisions: what changed between two editions of a text, or between one year's report and the next.

Modules by job: :mod:`.alignment` (sentences of two documents matched and
classified), :mod:`.diff` (character differences, inline HTML), :mod:`.summary`
(counts, formulations, numbers), :mod:`.series` (each document against its
predecessor), :mod:`.passages` (passages shared across the corpus), :mod:`.plot`
(figures).
"""

from .alignment import STATUSES, align, align_texts

__all__ = ["STATUSES", "align", "align_texts"]
