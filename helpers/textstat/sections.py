"""The sections of each document: one row per section, and where each lies along the body."""

from __future__ import annotations

import pandas as pd

from ._chunks import paragraph_table


def sections(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per section of each document: ``doc_id, section, heading, n_paragraphs, n_chars, first_para,
    last_para``; ``heading`` is the level-1 heading that opens the section (empty for opening and closing).
    ``paragraphs`` may be a streamed corpus or tokens dataset (its paragraphs table is read without text)."""
    paragraphs = paragraph_table(paragraphs, ["doc_id", "para_no", "section", "heading_1", "n_chars"])
    grouped = paragraphs.groupby(["doc_id", "section"], observed=True, sort=False)
    out = grouped.agg(heading=("heading_1", "first"), n_paragraphs=("para_no", "size"), n_chars=("n_chars", "sum"),
                      first_para=("para_no", "min"), last_para=("para_no", "max"))
    return out.reset_index().sort_values(["doc_id", "first_para"]).reset_index(drop=True)


def section_bounds(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Where each section starts and ends in each document.

    Returns ``doc_id, section, start, end`` (shares of the body length, as in
    :func:`dispersion`), one row per run of paragraphs with the same section.  ``paragraphs`` may be a
    streamed corpus or tokens dataset (its paragraphs table is read without text).
    """
    paragraphs = paragraph_table(paragraphs, ["doc_id", "para_no", "section", "n_chars"])
    df = paragraphs.assign(doc_start=paragraphs.groupby("doc_id")["n_chars"].cumsum() - paragraphs["n_chars"])
    total = df.groupby("doc_id")["n_chars"].transform("sum")
    df = df.assign(lo=df["doc_start"] / total, hi=(df["doc_start"] + df["n_chars"]) / total)
    run = ((df["section"] != df["section"].shift()) | (df["doc_id"] != df["doc_id"].shift())).cumsum()
    out = df.groupby(run).agg(doc_id=("doc_id", "first"), section=("section", "first"), start=("lo", "min"),
                              end=("hi", "max"))
    return out.reset_index(drop=True)


def section_labels(corpus) -> list[str]:
    """The section labels of a corpus (in memory or streamed) in reading order: the categories of
    ``corpus.paragraphs["section"]``."""
    from . import engine

    if engine.is_dataset(corpus):
        return list(engine.as_dataset(corpus).sections())
    return list(corpus.paragraphs["section"].cat.categories)
