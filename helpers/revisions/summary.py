"""Summary of a revision: how much was kept, changed, moved, added and dropped; formulations; numbers.

Counts come from an alignment (:func:`helpers.revisions.align`).  Formulations
are those of the tracker's editable list, counted by :func:`helpers.formulations.track`
(one home for the list and its matching rule).  Numbers are the figures of
changed sentences (targets such as 增长6%左右), each with the quantity it measures
(:mod:`.quantities`), old and new paired by quantity, so that 赤字率 2.6% → 2.8% reads
as one change wherever the figure stands.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from .. import formulations as formulation_list
from . import quantities
from .alignment import STATUSES, key
from .reading import batches

__all__ = ["counts", "formulations", "numbers"]

NUMBER_COLUMNS = ["unit_no", "status", "quantity", "context", "old_number", "new_number", "old_text", "new_text"]


def counts(aligned: pd.DataFrame) -> pd.DataFrame:
    """Units, sentences and characters per status, with shares of each document's characters.

    Returns ``status, units, old_sentences, new_sentences, old_chars, new_chars,
    old_share, new_share`` (one row per status, zeros included; shares are of
    the older and newer document's characters, without whitespace).
    """
    grouped = aligned.groupby("status").agg(units=("status", "size"), old_sentences=("old_n", "sum"),
                                           new_sentences=("new_n", "sum"), old_chars=("old_chars", "sum"),
                                           new_chars=("new_chars", "sum"))
    out = grouped.reindex(STATUSES, fill_value=0).rename_axis("status").reset_index()
    for side in ("old", "new"):
        total = out[f"{side}_chars"].sum()
        out[f"{side}_share"] = out[f"{side}_chars"] / total if total else 0.0
    return out


def formulations(corpus, pairs: pd.DataFrame, *, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Formulations of the tracker's list that appear, disappear or change count in each pair of documents.

    ``pairs`` has columns ``old, new`` (as from :func:`helpers.revisions.choose`).
    Returns ``old_doc, new_doc, formulation, old_count, new_count, change``
    with ``change`` one of ``appears``, ``disappears``, ``more``, ``fewer``,
    ``same``; formulations in neither document are left out.  Ordered within a
    pair: appears, disappears, then by size of change.  From a corpus on disk the documents of the pairs
    are read into memory a batch at a time (:func:`helpers.revisions.reading.batches`).
    """
    frames = [_formulations(part, o, n, table).assign(old_doc=o, new_doc=n)
              for part, some in batches(corpus, pairs) for o, n in zip(some["old"], some["new"], strict=True)]
    columns = ["old_doc", "new_doc", "formulation", "old_count", "new_count", "change"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def _formulations(corpus, old: str, new: str, table: pd.DataFrame | None) -> pd.DataFrame:
    docs = corpus.documents[corpus.documents["doc_id"].isin([old, new])]
    two = SimpleNamespace(documents=docs, paragraphs=corpus.paragraphs[corpus.paragraphs["doc_id"].isin([old, new])])
    tracked = formulation_list.track(two, formulations=table)
    wide = tracked.pivot_table(index="formulation", columns="doc_id", values="count", aggfunc="sum", sort=False)
    wide = wide.reindex(columns=[old, new], fill_value=0)
    out = pd.DataFrame({"formulation": wide.index, "old_count": wide[old].to_numpy(),
                        "new_count": wide[new].to_numpy()})
    out = out[(out["old_count"] > 0) | (out["new_count"] > 0)].copy()
    out["change"] = [_change(a, b) for a, b in zip(out["old_count"], out["new_count"], strict=True)]
    rank = {"appears": 0, "disappears": 1, "more": 2, "fewer": 2, "same": 3}
    out["_rank"] = out["change"].map(rank)
    out["_size"] = -(out["new_count"] - out["old_count"]).abs()
    return out.sort_values(["_rank", "_size"], kind="stable").drop(columns=["_rank", "_size"]).reset_index(drop=True)


def _change(old: int, new: int) -> str:
    if old == 0:
        return "appears"
    if new == 0:
        return "disappears"
    return "more" if new > old else "fewer" if new < old else "same"


def numbers(aligned: pd.DataFrame) -> pd.DataFrame:
    """Numbers that changed inside the changed and moved units of an alignment, paired by what they measure.

    Returns ``unit_no, status, quantity, context, old_number, new_number, old_text, new_text``: one row per
    figure whose quantity (the noun phrase it measures, e.g. 赤字率, 地方政府专项债券, or the change of one,
    地方政府专项债券（比上年增加）: rule in :mod:`helpers.revisions.quantities`) is found in both sentences of a
    unit with another number, wherever it stands in them; ``context`` is the words before the number in the
    newer text (up to 12 characters, back to the last punctuation mark); ``unit_no`` is the row of ``aligned``.
    Figures of two different quantities are never paired, even at the same place (专项债券's 比上年增加1000亿元
    and 超长期特别国债's 比上年增加3000亿元).
    """
    rows = []
    for unit_no, row in aligned[aligned["status"].isin(["changed", "moved"])].iterrows():
        old_figs, new_figs = quantities.figures(key(row["old_text"])), quantities.figures(key(row["new_text"]))
        if [f.number for f in old_figs] == [f.number for f in new_figs]:
            continue
        for old, new in quantities.pair(old_figs, new_figs):
            if old.number != new.number:
                rows.append((unit_no, row["status"], new.quantity or old.quantity, new.context, old.number,
                             new.number, row["old_text"], row["new_text"]))
    return pd.DataFrame(rows, columns=NUMBER_COLUMNS)
