"""The segmentation risk rule: where rjieba and jieba were seen to cut differently (one home for it).

Fuzzing (tests/test_tokens_risk.py) found these input patterns: characters
outside the basic CJK block (U+4E00–U+9FD5), ASCII runs joined by ``-``, ``_``
or ``.``, and a Han character three times in a row.  A text containing one of
them is segmented by jieba even under the ``rjieba`` backend.  The rule is
stated once, as data (:data:`OUTSIDE_BASIC_CJK`, :data:`ASCII_JOINS`), from
which both :func:`risky_positions` (fast, numpy) and :data:`RISKY` (a regular
expression, for reading and testing) are built.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["ASCII_JOINS", "OUTSIDE_BASIC_CJK", "RISKY", "is_risky", "risky_positions"]

OUTSIDE_BASIC_CJK = ((0x3400, 0x4DBF), (0x9FD6, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
BASIC_HAN = (0x4E00, 0x9FD5)
ASCII_JOINS = r"[A-Za-z0-9][-_][A-Za-z0-9]|[A-Za-z0-9]\.[A-Za-z]|\.\d+[A-Za-z.]"

_ASCII = re.compile(ASCII_JOINS)
RISKY = re.compile(
    "[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in OUTSIDE_BASIC_CJK) + "]"
    + f"|{ASCII_JOINS}"
    + f"|([{chr(BASIC_HAN[0])}-{chr(BASIC_HAN[1])}])\\1\\1"
)


def risky_positions(text: str) -> np.ndarray:
    """Offsets in ``text`` where a risky pattern starts (the matches of :data:`RISKY`, found faster)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    outside = np.zeros(len(codes), dtype=bool)
    for lo, hi in OUTSIDE_BASIC_CJK:
        outside |= (codes >= lo) & (codes <= hi)
    han = (codes >= BASIC_HAN[0]) & (codes <= BASIC_HAN[1])
    tripled = np.flatnonzero(han[:-2] & (codes[:-2] == codes[1:-1]) & (codes[1:-1] == codes[2:]))
    ascii_hits = [m.start() for m in _ASCII.finditer(text)]
    return np.concatenate([np.flatnonzero(outside), tripled, np.asarray(ascii_hits, dtype=np.int64)])


def is_risky(text: str) -> bool:
    """Whether ``text`` contains a pattern on which the two backends may differ."""
    return bool(len(risky_positions(text)))
