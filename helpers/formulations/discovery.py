"""Formulations discovered from the corpus: multi-word expressions found by their statistics, and when each
first appears.

A formulation new in a report is not in the tokenizer's dictionary, so the segmenter cuts it into pieces and
keyness sees only fragments (化, 反, 碳).  :func:`discover` looks at the text, not at the tokens: character
n-grams of 2 to ``max_chars`` ideographs (never across punctuation) that are *cohesive* (their parts occur
together far more often than chance) and *free at both ends* (varied neighbours on the left and on the right),
the two criteria of Chinese new-word detection; the statistics and their papers are in
:mod:`helpers.formulations.ngrams`.  Character n-grams rather than runs of tokens, because the tokens are what is
wrong: a run of tokens can only rejoin the pieces the segmenter made, where an n-gram finds the expression
whatever the segmenter did, and it is counted exactly as :func:`~helpers.formulations.track` counts strings, so
a discovery once accepted (:func:`~helpers.formulations.accept`) keeps its count.  An n-gram is a *multi-word*
expression when jieba without the policy dictionary cuts it into two tokens or more; a single character is
never returned.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .. import engine
from ..lexicon import policy_terms, stopwords
from ..tokens import Tokenizer
from ..validate import check_choice, check_int, check_known, check_number
from . import ngrams
from .tracking import table

__all__ = ["COLUMNS", "describe", "discover"]

COLUMNS = ["term", "n", "n_documents", "first_year", "first_doc", "score", "in_list", "example"]
PERIODS = ("year", "doc_id")
WIDTH = 12  # characters of context on each side of an example


def _ordered(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents in time order: by year, then date (a document without them last), then corpus order."""
    out = documents.assign(_position=range(len(documents)))
    year = out["year"] if "year" in out else pd.Series(pd.NA, index=out.index)
    date = pd.to_datetime(out["date"], errors="coerce") if "date" in out else pd.Series(pd.NaT, index=out.index)
    out = out.assign(_year=pd.array(year, dtype="Int64"), _date=date)
    return out.sort_values(["_year", "_date", "_position"], na_position="last", kind="stable").reset_index(drop=True)


def _counted(source, editions: bool):
    """The source of the documents counted: later editions of a work left out unless ``editions``."""
    documents = source.documents
    if editions or "is_first_edition" not in documents or documents["is_first_edition"].all():
        return source
    return source.subset(documents.loc[documents["is_first_edition"].astype(bool), "doc_id"].tolist())


def _listed(folder: Path | None) -> frozenset[str]:
    """The formulations, variants and dictionary terms already listed in ``helpers/lexicons`` (or ``folder``)."""
    listed = table(Path(folder) / "formulations.csv" if folder else None)
    terms = policy_terms(Path(folder) / "policy_terms.txt" if folder else None)
    return frozenset([*listed["formulation"], *listed["variant"], *terms["term"]])


def _multiword(grams: list[str]) -> list[str]:
    """The ``grams`` that jieba without the policy dictionary cuts into two tokens or more, neither the first nor
    the last a function word or a policy verb (a stopword of either list: 我们要, 特别是, 推动高质量发展 are not
    expressions)."""
    plain = Tokenizer(terms=pd.DataFrame({"term": [], "freq": [], "tag": []}))
    function_words = stopwords("general", "policy")
    out = []
    for gram in grams:
        cut = plain.cut(gram)
        if len(cut) > 1 and cut[0] not in function_words and cut[-1] not in function_words:
            out.append(gram)
    return out


def _excerpt(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with :data:`WIDTH` characters either side, "…" marking each side that was cut."""
    left, right = max(0, start - WIDTH), min(len(text), end + WIDTH)
    return ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")


def _occurrences(chunks: Iterator[pd.DataFrame], terms: list[str], rank: dict[str, int]) -> dict[str, list]:
    """Per term: ``[documents, first rank, first doc_id, example]`` from one pass over the paragraphs (each
    position looked up by its first two characters, then by the lengths of the terms that start with them).
    ``documents`` is a number: the documents holding a term are held for one chunk at a time (a document never
    spans two chunks)."""
    lengths: dict[str, list[int]] = {}
    for term in terms:
        lengths.setdefault(term[:2], []).append(len(term))
    termset = set(terms)
    found: dict[str, list] = {}
    for chunk in chunks:
        holding: dict[str, set] = {}  # the documents of this chunk that hold each term
        for doc_id, text in chunk[["doc_id", "text"]].itertuples(index=False):
            at = rank[doc_id]
            for run in ngrams.IDEOGRAPHS.finditer(text):
                start, string = run.start(), run.group()
                for i in range(len(string) - 1):
                    for length in lengths.get(string[i:i + 2], ()):
                        term = string[i:i + length]
                        if len(term) < length or term not in termset:
                            continue
                        holding.setdefault(term, set()).add(doc_id)
                        entry = found.setdefault(term, [0, math.inf, None, ""])
                        if at < entry[1]:
                            j = start + i
                            entry[1:] = [at, doc_id, _excerpt(text, j, j + length)]
        for term, documents in holding.items():
            found[term][0] += len(documents)
    return found


def _wanted(new_in, periods: pd.Series) -> list | None:
    """The periods ``new_in`` names (``"latest"`` the last period in time order), checked; None for all."""
    if new_in is None:
        return None
    wanted = list(new_in) if isinstance(new_in, list | tuple | pd.Series | pd.Index) else [new_in]
    known = list(dict.fromkeys(periods.dropna()))
    check_known("new_in", [w for w in wanted if w != "latest"], [*known, "latest"], what="period",
                counted="periods")
    return [(known[-1] if known else None) if w == "latest" else w for w in wanted]


def discover(corpus, *, min_count: int = 5, by: str = "year", max_chars: int = 10, min_pmi: float = 3.0,
             min_entropy: float = 1.5, new_in=None, editions: bool = False,
             folder: Path | None = None) -> pd.DataFrame:
    """Multi-word expressions of the corpus found by their statistics, each with where it first appears.

    Returns ``term, n, n_documents, first_year, first_doc, score, in_list, example``, strongest first (ties by
    term): ``n`` the occurrences of the n-gram (nested ones included), ``n_documents`` the documents that hold
    it, ``first_doc`` the first of them in time order (year, then date, then corpus order) and ``first_year`` its
    year, ``score`` the cohesion (smallest PMI of the n-gram's two parts, bits) times the freedom (smaller
    branching entropy of its neighbours, bits), ``in_list`` whether it is already in the formulation list or the
    policy dictionary, ``example`` its first occurrence with ``WIDTH`` characters either side ("…" where cut).

    Kept: n-grams of 2 to ``max_chars`` ideographs seen at least ``min_count`` times, cohesion at least
    ``min_pmi`` bits, neighbour entropy at least ``min_entropy`` bits on both sides, cut into two tokens or more
    by jieba without the policy dictionary.  ``by`` is the period a discovery is new in (``"year"`` or
    ``"doc_id"``); ``new_in`` keeps those first seen in a period: ``"latest"``, a year (``by="year"``) or a doc_id
    (``by="doc_id"``), or a list of them (an empty list keeps none).  Later editions of a work are counted only
    with ``editions=True``.  ``folder``: a folder holding ``formulations.csv`` and ``policy_terms.txt`` (default
    ``helpers/lexicons``).  The paragraphs are read twice, chunk by chunk (the n-grams counted from a
    temporary file of their ideographs, level by level: :mod:`helpers.formulations.ngrams`; then the occurrences).
    """
    min_count = check_int("min_count", min_count, min_value=2)
    max_chars = check_int("max_chars", max_chars, min_value=2, max_value=30)
    min_pmi = check_number("min_pmi", min_pmi)
    min_entropy = check_number("min_entropy", min_entropy, min_value=0)
    check_choice("by", by, PERIODS)
    if not isinstance(editions, bool):
        check_choice("editions", editions, (False, True))
    source = _counted(engine.wrap(corpus), editions)
    documents = _ordered(source.documents)
    periods = documents["_year"] if by == "year" else documents["doc_id"]
    wanted = _wanted(new_in, periods)
    listed = _listed(folder)

    def chunks() -> Iterator[pd.DataFrame]:
        return source.chunks("paragraphs", ["doc_id", "para_no", "text"])

    counts = ngrams.count(chunks, min_count=min_count, max_chars=max_chars)
    rows = {}
    for gram in sorted(g for g in counts.count if len(g) > 1):
        freedom = min(counts.left.get(gram, 0.0), counts.right.get(gram, 0.0))
        if freedom < min_entropy:
            continue
        pmi = ngrams.cohesion(gram, counts)
        if pmi >= min_pmi:
            rows[gram] = pmi * freedom
    terms = _multiword(list(rows))
    rank = dict(zip(documents["doc_id"], range(len(documents)), strict=True))
    found = _occurrences(chunks(), terms, rank)
    year = dict(zip(documents["doc_id"], documents["_year"], strict=True))
    out = pd.DataFrame({
        "term": terms,
        "n": pd.array([counts.count[t] for t in terms], dtype="int64"),
        "n_documents": pd.array([found[t][0] for t in terms], dtype="int64"),
        "first_year": pd.array([year[found[t][2]] for t in terms], dtype="Int64"),
        "first_doc": pd.Series([found[t][2] for t in terms], dtype=object),
        "score": pd.array([rows[t] for t in terms], dtype="float64"),
        "in_list": pd.array([t in listed for t in terms], dtype=bool),
        "example": pd.Series([found[t][3] for t in terms], dtype=object),
    }, columns=COLUMNS)
    if wanted is not None:
        first = out["first_year"] if by == "year" else out["first_doc"]
        out = out[first.isin(wanted).fillna(False).to_numpy(dtype=bool)]
    return out.sort_values(["score", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def describe(discovered: pd.DataFrame, *, new_in=None, limit: int = 6) -> str:
    """Sentences about a table of :func:`discover`: how many, the strongest, those not yet listed, the newest.
    ``new_in``: the period(s) the table was restricted to (as given to :func:`discover`), named in the text."""
    limit = check_int("limit", limit, min_value=1)
    named = new_in if isinstance(new_in, list | tuple | pd.Series | pd.Index) else [] if new_in is None else [new_in]
    where = " first seen in " + ", ".join("the latest period" if p == "latest" else str(p) for p in named) \
        if named else ""
    if new_in is not None and not named:
        return "There is no newer document to look for new multi-word expressions in."
    if discovered.empty:
        return f"No multi-word expression{where} passes the thresholds of cohesion and neighbour variety."
    shown = ", ".join(f"{t} ({n:,}×)" for t, n in discovered[["term", "n"]].head(limit).itertuples(index=False))
    out = [f"{len(discovered):,} multi-word expressions{where} are cohesive and free at both ends; the strongest: "
           f"{shown}."]
    new = discovered[~discovered["in_list"]]
    if len(new):
        out.append(f"{len(new):,} of them are in neither the formulation list nor the dictionary, first "
                   + ", ".join(new["term"].head(limit)) + ".")
    years = discovered["first_year"].dropna()
    if len(years) and years.nunique() > 1:
        latest = int(years.max())
        newest = discovered[discovered["first_year"] == latest]
        verb = "appears" if len(newest) == 1 else "appear"
        out.append(f"{len(newest):,} first {verb} in {latest}, the latest year: "
                   + ", ".join(newest["term"].head(limit)) + ".")
    return "\n".join(out)
