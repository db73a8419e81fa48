"""Genres: the one rule that names a document's genre from its title (and opening), for every reader.

The text reader (:func:`helpers.corpus.metadata.derive_metadata`) and the table
reader (:func:`helpers.corpus.metadata.complete_rows`) both call
:func:`genre_of`; a genre a source table spells its own way is spelled the
workspace's way by :func:`genre_name`.  Every rule reads Simplified and
Traditional characters alike (``政府工作报告`` and ``政府工作報告``).

The genres, first match wins (:data:`GENRES`):

``resolution``
    ``决议`` in the title, or ``会议听取`` / ``会议审议`` in the first 80 characters of the opening;
``government work report``
    ``政府工作报告`` in the title, or an opening ``我代表国务院…报告政府工作``;
``party congress report``
    ``…全国代表大会上的（政治）报告`` or ``党的全国代表大会`` in the title, or an
    opening ``我代表第…届中央委员会向大会作报告``;
``speech``
    a title ending in ``讲话``, ``致辞``, ``演讲`` or ``发言`` (a bracketed note
    such as ``（摘要）`` after it allowed), or ``在…上的（重要）讲话``.
"""

from __future__ import annotations

import re

from ..punctuation import CLOSE_BRACKETS, OPEN_BRACKETS

__all__ = ["GENRES", "GENRE_VALUES", "genre_name", "genre_of"]

_SPEECH = r"(?:讲话|講話|致辞|致辭|演讲|演講|发言|發言)"
# (genre, pattern for the title, pattern for the opening paragraph or None), first match wins.
_RULES = [
    ("resolution", re.compile(r"决议|決議"), re.compile(r"^.{0,76}?[会會][议議](?:听取|聽取|审议|審議)", re.S)),
    ("government work report", re.compile(r"政府工作[报報]告"),
     re.compile(r"代表[国國][务務]院[^。]{0,12}(?:作政府工作[报報]告|[报報]告[^。]{0,8}政府工作)")),
    ("party congress report",
     re.compile(r"全[国國]代表大[会會]上的[^。]{0,4}[报報]告|[党黨]的全[国國]代表大[会會]"),
     re.compile(r"代表[^。]{0,12}中央委[员員][会會][^。]{0,6}向[^。]{0,12}大[会會]作[报報]告")),
    ("speech", re.compile(rf"{_SPEECH}(?:[{OPEN_BRACKETS}][^{CLOSE_BRACKETS}]{{0,8}}[{CLOSE_BRACKETS}])?$"
                          rf"|上的[^。]{{0,4}}{_SPEECH}"), None),
]
GENRES = tuple(genre for genre, _, _ in _RULES)
# Genre values of source tables, spelled as the workspace spells them.
GENRE_VALUES = {"cpc_congress_report": "party congress report", "gwr": "government work report"}


def genre_of(title: str, opening: str = "") -> str:
    """The genre a title (else the opening paragraph) shows: one of :data:`GENRES`, or ``""``."""
    title, opening = (title or "").strip(), opening or ""
    for genre, in_title, in_opening in _RULES:
        if in_title.search(title) or (in_opening is not None and in_opening.search(opening)):
            return genre
    return ""


def genre_name(value: str) -> str:
    """A genre as a source table spells it, spelled the workspace's way (``gwr`` → ``government work report``)."""
    value = (value or "").strip()
    return GENRE_VALUES.get(value, value.replace("_", " "))
