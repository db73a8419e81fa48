"""Formulation tracker (提法): official formulations counted in the cleaned text.

The editable list ``helpers/lexicons/formulations.csv`` has one row per
variant: ``formulation, variant, note``.  A formulation is a family of
variants (科技自立自强: 高水平科技自立自强, 科技自立自强, 自立自强).  Variants are
matched as strings in the cleaned paragraph text, independent of
segmentation, leftmost-longest and without overlap: where 高水平科技自立自强
stands, it is one hit for that variant, not also one for 科技自立自强 and one for
自立自强.  A formulation's count is the sum of its variants' hits.

A corpus on disk (or its tokens dataset) is counted chunk by chunk from the dataset's paragraph texts: a
document never spans two chunks, so the counts are exactly those of the corpus in memory, and only one
chunk's paragraphs are held at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .. import engine
from ..config import lexicon
from ..errors import LexiconError
from ..lexicon import read_table
from ..textstat.trends import MAX_DOCUMENT_COLUMNS, document_columns
from ..textstat.works import later_editions
from ..validate import check_choice, check_int

__all__ = ["by_column", "found", "presence", "table", "timeline", "track"]


def table(path: Path | None = None) -> pd.DataFrame:
    """The formulation list: ``formulation, variant, note`` (errors name file and line).

    Raises :class:`~helpers.errors.LexiconError` for a missing column, an empty
    formulation or variant, or a variant listed twice.
    """
    path = Path(path) if path else lexicon("formulations.csv")
    rows = read_table(path, columns=["formulation", "variant", "note"], required=["formulation", "variant"])
    repeated = rows[rows.duplicated("variant", keep="first")]
    for variant, line in repeated[["variant", "line"]].itertuples(index=False):
        first = int(rows.loc[rows["variant"] == variant, "line"].iloc[0])
        raise LexiconError(f"{path}, line {line}: variant {variant!r} is already on line {first}")
    return rows[["formulation", "variant", "note"]].reset_index(drop=True)


def _hits(paragraphs: pd.DataFrame, variants: pd.DataFrame) -> pd.DataFrame:
    ordered = sorted(variants["variant"], key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(v) for v in ordered))
    rows = []
    for doc_id, para_no, text in paragraphs[["doc_id", "para_no", "text"]].itertuples(index=False):
        for match in pattern.finditer(text):
            rows.append((doc_id, para_no, match.group(), match.start()))
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "variant", "start"])


def _counted(paragraphs: pd.DataFrame, formulations: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``doc_id, *keys, count``: the hits of some paragraphs counted per document."""
    hits = _hits(paragraphs, formulations).merge(formulations[["formulation", "variant"]], on="variant")
    return hits.groupby(["doc_id", *keys]).size().rename("count").reset_index()


def _sources(corpus) -> tuple[pd.DataFrame, Iterable[pd.DataFrame]]:
    """The documents table and the paragraphs with text: the whole table, or a dataset's chunks one by one."""
    source = engine.wrap(corpus)
    return source.documents, source.chunks("paragraphs", ["doc_id", "para_no", "text"])


def track(corpus, *, formulations: pd.DataFrame | None = None, level: str = "formulation") -> pd.DataFrame:
    """Counts of every formulation (or variant) in every document, zeros included.

    Returns ``doc_id, date, formulation, [variant,] count, per_10k_chars`` where
    ``per_10k_chars`` is the count per 10,000 characters of the document's body;
    ``level="variant"`` adds the ``variant`` column and counts each variant.  ``corpus`` is a
    :class:`~helpers.corpus.Corpus`, a corpus on disk or its tokens dataset (counted chunk by chunk).
    """
    check_choice("level", level, ("formulation", "variant"))
    formulations = table() if formulations is None else formulations
    keys = ["formulation", "variant"] if level == "variant" else ["formulation"]
    documents, paragraphs = _sources(corpus)
    parts = [_counted(part, formulations, keys) for part in paragraphs]
    found = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["doc_id", *keys, "count"])
    found = found.groupby(["doc_id", *keys], sort=False)["count"].sum().reset_index()
    grid = documents[["doc_id", "date", "n_chars"]].merge(formulations[keys].drop_duplicates(), how="cross")
    out = grid.merge(found, on=["doc_id", *keys], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    out["per_10k_chars"] = out["count"] / out["n_chars"] * 10_000
    order = {f: i for i, f in enumerate(dict.fromkeys(formulations["formulation"]))}
    out = out.sort_values(["date", "doc_id", "formulation"], key=lambda s: s.map(order) if s.name == "formulation"
                          else s, kind="stable")
    return out[["doc_id", "date", *keys, "count", "per_10k_chars"]].reset_index(drop=True)


def timeline(tracked: pd.DataFrame, *, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """First and last appearance of each formulation by date.

    Returns ``formulation, n_docs, total, first_date, first_doc, last_date, last_doc``
    (dates empty for a formulation that never occurs).  With ``documents``, each work counts once: later
    editions (``edition_of``) are left out of the counts and dates.
    """
    if documents is not None:
        tracked = tracked[~tracked["doc_id"].isin(documents.loc[later_editions(documents), "doc_id"])]
    present = tracked[tracked["count"] > 0].sort_values(["date", "doc_id"])
    grouped = present.groupby("formulation", sort=False)
    out = pd.DataFrame({
        "n_docs": grouped["doc_id"].nunique(),
        "total": grouped["count"].sum(),
        "first_date": grouped["date"].first(),
        "first_doc": grouped["doc_id"].first(),
        "last_date": grouped["date"].last(),
        "last_doc": grouped["doc_id"].last(),
    })
    everything = pd.Index(dict.fromkeys(tracked["formulation"]), name="formulation")
    out = out.reindex(everything)
    out["n_docs"] = out["n_docs"].fillna(0).astype(int)
    out["total"] = out["total"].fillna(0).astype(int)
    return out.reset_index()


def presence(tracked: pd.DataFrame) -> pd.DataFrame:
    """Formulation × document matrix of counts (documents in date order as columns)."""
    docs = list(dict.fromkeys(tracked.sort_values(["date", "doc_id"])["doc_id"]))
    formulations = list(dict.fromkeys(tracked["formulation"]))
    grid = tracked.pivot_table(index="formulation", columns="doc_id", values="count", aggfunc="sum", fill_value=0)
    return grid.reindex(index=formulations, columns=docs)


def by_column(tracked: pd.DataFrame, documents: pd.DataFrame, *,
              max_columns: int = MAX_DOCUMENT_COLUMNS) -> pd.DataFrame:
    """The cells of a formulation heatmap: each work once, as rates per 10,000 characters.

    Later editions (``documents.edition_of``) are left out; the other documents get their column from
    :func:`helpers.textstat.document_columns` (one each up to ``max_columns``, else pooled by year or decade).
    Returns ``formulation, label, unit, count, n_chars, per_10k_chars, n_documents`` in column order, where
    ``unit`` says what a column is (``document``, ``year``, ``decade``) and a pooled column's rate is the sum of
    its documents' counts over the sum of their characters, never a sum of counts of unequal documents.
    """
    check_int("max_columns", max_columns, min_value=1)
    works = documents[~later_editions(documents)]
    columns = document_columns(works, max_columns=max_columns)
    sizes = works.set_index("doc_id")["n_chars"]
    rows = tracked[tracked["doc_id"].isin(columns.index)]
    rows = rows.assign(label=rows["doc_id"].map(columns), n_chars=rows["doc_id"].map(sizes))
    out = rows.groupby(["formulation", "label"], sort=False).agg(
        count=("count", "sum"), n_chars=("n_chars", "sum"), n_documents=("doc_id", "nunique")).reset_index()
    out["per_10k_chars"] = out["count"] / out["n_chars"].where(out["n_chars"] > 0) * 10_000
    out.insert(2, "unit", columns.name)
    rank = {label: i for i, label in enumerate(dict.fromkeys(columns))}
    order = {f: i for i, f in enumerate(dict.fromkeys(tracked["formulation"]))}
    out = out.sort_values(["label", "formulation"], key=lambda s: s.map(rank if s.name == "label" else order),
                          kind="stable")
    return out[["formulation", "label", "unit", "count", "n_chars", "per_10k_chars", "n_documents"]].reset_index(
        drop=True)


def found(tracked: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`track` for formulations that occur at least once in the corpus."""
    total = tracked.groupby("formulation", sort=False)["count"].transform("sum")
    return tracked[total > 0].reset_index(drop=True)
