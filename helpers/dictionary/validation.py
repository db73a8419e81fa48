"""Validating a dictionary by hand: a random concordance sample per category, then its precision.

:func:`validation_sample` draws up to ``n`` occurrences of each category's terms from the cleaned paragraph text
(each work once) and writes them as CSV and XLSX with an empty ``relevant`` column; a coder marks each line
relevant (1) or not (0).  :func:`precision` reads the coded file back: per category the share of coded lines
marked relevant, with its Wilson score 95 % interval (Wilson 1927; the interval of R's ``prop.test`` without
continuity correction).  A line left blank is uncoded: it counts neither as relevant nor as irrelevant, it is left
out of ``n_coded`` and of the precision, and counted in ``n_uncoded``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import engine
from ..config import FIGURES_DIR, RANDOM_STATE
from ..errors import CorpusError, ParameterError
from ..outputs import atomic_path, save_table, stable_zip
from ..textstat.works import each_work_once
from ..validate import check_columns, check_int
from .files import COLUMNS

__all__ = ["SAMPLE_COLUMNS", "Z_95", "precision", "validation_sample", "wilson"]

SAMPLE_COLUMNS = ["doc_id", "category", "term", "left", "match", "right", "relevant"]
Z_95 = 1.959963984540054  # the standard normal quantile of 0.975
_YES = {"1", "1.0", "yes", "y", "true", "是", "相关", "relevant"}
_NO = {"0", "0.0", "no", "n", "false", "否", "不相关", "irrelevant"}


def _pattern(entries: list[tuple[str, str]]) -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for a category's entries, longest string first (a nested term found once), and the entry
    each matched string stands for.  A glob ``经济*`` is matched by its prefix."""
    entry_of: dict[str, str] = {}
    for term in entries:
        string = "".join(term.split()).rstrip("*")
        if string:
            entry_of.setdefault(string, term)
    strings = sorted(entry_of, key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in strings)), entry_of


def validation_sample(corpus, dictionary: pd.DataFrame, *, n: int = 20, random_state: int = RANDOM_STATE,
                      window: int = 20, folder: Path | str | None = None,
                      name: str = "dictionary_validation") -> pd.DataFrame:
    """Up to ``n`` random occurrences of each category's terms, as keyword-in-context lines to code by hand.

    ``corpus``: a corpus (in memory or on disk) or its paragraphs; each work once (a later edition left out).
    An occurrence is found in the cleaned paragraph text, the category's longest term first (科技强国 inside
    世界科技强国 is one occurrence of the longer term); a glob ``经济*`` by its prefix.  The same ``random_state``
    draws the same lines.  Returns ``doc_id, category, term, left, match, right, relevant`` (``term``: the
    dictionary entry, ``match``: the text found, ``window`` characters of context each side, ``relevant`` empty),
    by category in dictionary order, then in corpus order; written to ``<folder>/<name>.csv`` and ``.xlsx``
    (``folder`` defaults to the figures folder).
    """
    check_columns("dictionary", dictionary, COLUMNS)
    n = check_int("n", n, min_value=1)
    window = check_int("window", window, min_value=0)
    check_int("random_state", random_state, min_value=0)
    source = each_work_once(engine.wrap(corpus))
    parts = []
    for category, terms in dictionary.groupby(dictionary["category"].astype(str), sort=False)["term"]:
        pattern, entry_of = _pattern(terms.astype(str).tolist())
        if not entry_of:
            continue
        found = source.string_contexts(pattern, window)
        if found.empty:
            continue
        found = found.reset_index(drop=True)
        chosen = np.sort(np.random.default_rng([random_state, len(parts)]).choice(len(found), min(n, len(found)),
                                                                                  replace=False))
        rows = found.iloc[chosen]
        parts.append(pd.DataFrame({"doc_id": rows["doc_id"].to_numpy(), "category": category,
                                   "term": rows["match"].map(entry_of).to_numpy(), "left": rows["left"].to_numpy(),
                                   "match": rows["match"].to_numpy(), "right": rows["right"].to_numpy(),
                                   "relevant": ""}))
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SAMPLE_COLUMNS)
    table = table[SAMPLE_COLUMNS].astype(object)
    folder = Path(folder) if folder is not None else FIGURES_DIR
    save_table(table, name, folder)
    with atomic_path(folder / f"{name}.xlsx") as tmp:
        table.to_excel(tmp, index=False, engine="openpyxl")
        stable_zip(tmp)  # the same sample, the same bytes
    return table


def wilson(successes: np.ndarray, trials: np.ndarray, *, z: float = Z_95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval ``(lower, upper)`` of ``successes`` out of ``trials`` (NaN where no trials)."""
    k, m = np.asarray(successes, dtype=float), np.asarray(trials, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / m
        centre = (p + z * z / (2 * m)) / (1 + z * z / m)
        half = z / (1 + z * z / m) * np.sqrt(p * (1 - p) / m + z * z / (4 * m * m))
    return centre - half, centre + half


def _read_coded(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".xlsx":
        return pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raise ParameterError(f"coded={str(path)!r}: expected a .csv or .xlsx file written by validation_sample")


def precision(coded: pd.DataFrame | Path | str) -> pd.DataFrame:
    """The precision of each category in a hand-coded :func:`validation_sample` (a table, or its CSV or XLSX).

    ``relevant`` holds 1/0 (also yes/no, y/n, true/false, 是/否); a blank is uncoded (see the module).  Returns
    ``category, n_coded, n_relevant, n_uncoded, precision, lower, upper``: ``precision`` = n_relevant / n_coded,
    ``lower``–``upper`` its Wilson 95 % interval (NaN for a category with no coded line), categories in the
    file's order.  Another value raises :class:`~helpers.errors.CorpusError` naming the file (or table) and line.
    """
    where = "coded"
    if not isinstance(coded, pd.DataFrame):
        path = Path(coded)
        if not path.is_file():
            raise ParameterError(f"coded={str(path)!r}: no such file")
        coded, where = _read_coded(path), str(path)
    check_columns("coded", coded, ["category", "relevant"])
    marks = coded["relevant"].map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                                  else str(v).strip().lower())
    bad = ~marks.isin(_YES | _NO | {""})
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise CorpusError(f"{where}, line {row + 2}: relevant={coded['relevant'].iloc[row]!r}; write 1 (relevant), "
                          f"0 (not relevant) or leave it blank (uncoded)")
    table = pd.DataFrame({"category": coded["category"].astype(str), "yes": marks.isin(_YES),
                          "coded": marks != ""})
    out = table.groupby("category", sort=False).agg(n_coded=("coded", "sum"), n_relevant=("yes", "sum"),
                                                     n_lines=("coded", "size")).reset_index()
    out["n_uncoded"] = out["n_lines"] - out["n_coded"]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["precision"] = np.where(out["n_coded"] > 0, out["n_relevant"] / out["n_coded"].clip(lower=1), np.nan)
    out["lower"], out["upper"] = wilson(out["n_relevant"].to_numpy(), out["n_coded"].to_numpy())
    return out[["category", "n_coded", "n_relevant", "n_uncoded", "precision", "lower", "upper"]].astype(
        {"n_coded": np.int64, "n_relevant": np.int64, "n_uncoded": np.int64})
