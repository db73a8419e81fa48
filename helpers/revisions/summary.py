"""Summary of a revision: how much was kept, changed, moved, added and dropped; formulations; numbers.

Counts come from an alignment (:func:`helpers.revisions.align`).  Formulations
are those of the tracker's editable list, counted by :func:`helpers.formulations.track`
(one home for the list and its matching rule).  Numbers are the figures of
changed sentences (targets such as 增长6%左右), each with the words before it
back to the last punctuation mark, so that 赤字率拟按2.6% → 2.8% reads as one
change.
"""

from __future__ import annotations

import difflib
import re
from types import SimpleNamespace

import pandas as pd
from rapidfuzz import fuzz

from .. import formulations as formulation_list
from ..punctuation import CONTEXT_BREAKS, RANGE_MARKS
from .alignment import STATUSES, key
from .reading import batches

__all__ = ["counts", "formulations", "numbers"]

_NUMBER = re.compile(
    rf"\d+(?:[.,]\d+)*(?:%?[{re.escape(RANGE_MARKS)}至到]\d+(?:\.\d+)?)?"
    r"(?:%|‰|个百分点|万亿|亿|万|千|百)?"
    r"(?:元|美元|人次|人|户|吨|公里|千米|平方公里|亩|项|个|所|年|倍)?"
    r"(?:左右|以上|以下|以内)?"
)
_BREAK = re.compile(rf"[{re.escape(CONTEXT_BREAKS)}\s]")
_CONTEXT = 12  # at most this many characters of words before a number


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


def _figures(text: str) -> list[tuple[str, str]]:
    """``(context, number)`` for each number of a text: the words before it, the number with its unit."""
    out = []
    for match in _NUMBER.finditer(text):
        before = text[max(0, match.start() - _CONTEXT):match.start()]
        cut = [m.end() for m in _BREAK.finditer(before)]
        out.append((before[cut[-1]:] if cut else before, match.group()))
    return out


def numbers(aligned: pd.DataFrame) -> pd.DataFrame:
    """Numbers that changed inside the changed and moved units of an alignment.

    Returns ``unit_no, status, context, old_number, new_number, old_text, new_text``:
    one row per number whose words before it (``context``, from the newer text)
    stayed recognisably the same while the number changed; ``unit_no`` is the row of ``aligned``.
    """
    rows = []
    for unit_no, row in aligned[aligned["status"].isin(["changed", "moved"])].iterrows():
        old_figs, new_figs = _figures(key(row["old_text"])), _figures(key(row["new_text"]))
        if [n for _, n in old_figs] == [n for _, n in new_figs]:
            continue
        matcher = difflib.SequenceMatcher(None, [c for c, _ in old_figs], [c for c, _ in new_figs], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op not in ("equal", "replace") or (op == "replace" and i2 - i1 != j2 - j1):
                continue
            for (old_ctx, old_num), (new_ctx, new_num) in zip(old_figs[i1:i2], new_figs[j1:j2], strict=True):
                similar = op == "equal" or fuzz.ratio(old_ctx, new_ctx) >= 50
                if old_num != new_num and similar:
                    rows.append((unit_no, row["status"], new_ctx, old_num, new_num, row["old_text"], row["new_text"]))
    return pd.DataFrame(rows, columns=["unit_no", "status", "context", "old_number", "new_number", "old_text",
                                       "new_text"])
