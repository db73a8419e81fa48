"""What every findings function shares: the :class:`Findings` type and number and list formatting for reading."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


class Findings(tuple):
    """A few sentences about the data; ``str`` (and ``print``) puts one sentence on each line."""

    def __new__(cls, sentences: Iterable[str]) -> Findings:
        return super().__new__(cls, (s for s in sentences if s))

    def __str__(self) -> str:
        return "\n".join(self)

    def __repr__(self) -> str:
        return str(self)


def number(value: float, digits: int = 1) -> str:
    """A count with thousands separators (``4,533``), else a rate rounded to ``digits`` (``275.2``)."""
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


def count(n: float, noun: str, plural: str | None = None) -> str:
    """``1 document``, ``84 documents``, ``1,234 paragraphs`` (``plural`` for irregular nouns)."""
    return f"{number(n)} {noun if n == 1 else plural or noun + 's'}"


def percent(part: float, whole: float) -> str:
    """``part`` as a rounded percentage of ``whole`` (``46%``; ``<1%`` for a small non-zero share)."""
    if not whole:
        return "0%"
    share = part / whole * 100
    return "<1%" if 0 < share < 0.5 else f"{share:.0f}%"


def listing(items: Iterable[str], *, limit: int = 6, conjunction: str = "and") -> str:
    """``a, b and c``; beyond ``limit`` items ``a, b, … and 7 more``."""
    items = [str(i) for i in items]
    if len(items) > limit:
        rest = len(items) - limit
        items = [*items[:limit], f"{rest} more"]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def day(value) -> str:
    """A date as ``2024-06-24``; ``undated`` for a missing one."""
    return "undated" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def place(doc_id: str, section: str | None, *, several: bool) -> str:
    """Where a unit is: ``第四`` in a one-document corpus, ``第四 of 2024-06-24_xi`` with several."""
    if section is None:
        return str(doc_id)
    return f"{section} of {doc_id}" if several else str(section)


def rate(value: float, digits: int = 1) -> str:
    """A rate rounded to ``digits`` decimals, always with them (``15.0``, ``275.2``)."""
    return f"{float(value):,.{digits}f}"


def span(low: float, high: float, fmt=None) -> str:
    """``28`` when both ends agree, else ``28 to 94`` (``fmt`` formats each end; default :func:`number`)."""
    fmt = fmt or number
    return fmt(low) if fmt(low) == fmt(high) else f"{fmt(low)} to {fmt(high)}"


def coverage(sample, documents) -> str:
    """What part of the corpus a sample (``corpus.sample``) holds, as the end of a sentence: ``the whole corpus
    (8 documents, 20,000 characters)`` or ``3 of 8 documents, each work once …: 9,000 of 20,000 characters
    (45%)``.  ``sample`` and ``documents`` are documents tables."""
    n, total = len(sample), len(documents)
    chars, all_chars = int(sample["n_chars"].sum()), int(documents["n_chars"].sum())
    if set(sample["doc_id"]) >= set(documents["doc_id"]):
        return f"the whole corpus ({count(total, 'document')}, {count(all_chars, 'character')})"
    later = int((documents["edition_of"].fillna("") != "").sum()) if "edition_of" in documents else 0
    how = "each work once (later editions and duplicates left out)"
    if n < total - later:
        how += ", taken in turn from each year"
    return f"{number(n)} of {count(total, 'document')}, {how}: {number(chars)} of " \
           f"{count(all_chars, 'character')} ({percent(chars, all_chars)})"
