"""Fragments: one-character tokens that are pieces of a longer string of the text, not words of their own.

jieba splits some words and fixed expressions it does not know into a
character and the rest: 雾霾 → 雾 / 霾, 补短板 → 补 / 短板, 惠民生 → 惠 / 民生,
获得感 → 获得 / 感.  Such a character ranks beside real words in frequency,
collocation and keyness bars although the text never uses it alone.

The rule, one place for it.  A token is a *fragment* when all three hold:

1. it is one Chinese character and not a stopword;
2. at least ``min_share`` (default a half) of its occurrences sit inside a
   longer string the text or the language knows: the character joined to the
   word token right before or right after it in the sentence (no punctuation,
   no stopword between) where that string recurs in the text (at least
   ``min_count`` times, default 2: 补短板, 惠民生), is a word token elsewhere
   in the text (组织化) or a word of general Chinese (wordfreq's list: 反垄断,
   雾霾) — so the text uses the longer string, not the character;
3. it is not a common word of general Chinese on its own: its frequency as a
   word in wordfreq's Chinese list (:mod:`.general_chinese`) is below Zipf
   ``max_zipf`` (default 5.5, about 316 per million words).  This keeps words
   such as 国 (Zipf 5.7), 党 (5.5) or 要 (6.5) even where one corpus uses them
   mostly in one phrase (多国).

Measured on the eight development documents (government work reports
2014–2019 and two speeches): the rule marks 雾, 霾, 板, 生, 细, 营, 感, 云, 微,
公 … and the verbs of three-character slogans (调结构, 防风险, 保就业), and
keeps 要, 新, 党, 国, 走.  On the 76 documents of the development tables it
marks 化 (常态化 …), 碳 (碳排放) and 反 (反人民 …) and keeps 党, 国, 要 and 极
(极不合理).  The price: a one-character verb used mostly in one slogan (稳 of
稳增长, 抓 of 一手抓) counts as a piece of it (see
``tests/test_textstat_fragments.py``).  Ranking
tables keep fragments; figures that display rankings leave them out and say
how many (:mod:`helpers.textplot.frequency`, :mod:`helpers.textplot.comparison`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import engine
from ..validate import check_int, check_number
from ._common import _runs
from .general_chinese import frequencies

__all__ = ["COLUMNS", "MAX_ZIPF", "MIN_SHARE", "fragment_terms", "fragments", "leave_out"]

COLUMNS = ["term", "count", "string", "inside", "share", "zipf", "fragment"]
MIN_SHARE = 0.5
MAX_ZIPF = 5.5
_HAN = r"^[\u3400-\u9fff\uf900-\ufaff]$"


def fragments(tokens: pd.DataFrame, *, min_share: float = MIN_SHARE, min_count: int = 2,
              max_zipf: float = MAX_ZIPF) -> pd.DataFrame:
    """Every one-character word token with the longer string it most often sits in, and whether it is a fragment.

    Returns ``term, count`` (occurrences as a token), ``string`` (the commonest
    string the character forms with the word token right before or after it,
    no gap between them, within a sentence), ``inside`` (occurrences in that
    string), ``share`` (inside / count), ``zipf`` (its frequency as a word of
    general Chinese, wordfreq's Zipf scale; 0 if absent) and ``fragment``
    (the rule of the module), most frequent first.  Counted chunk by chunk over
    whole documents (:func:`helpers.engine.wrap`), so any storage gives the same table.
    """
    min_share = check_number("min_share", min_share, min_value=0.0, max_value=1.0)
    min_count = check_int("min_count", min_count, min_value=1)
    max_zipf = check_number("max_zipf", max_zipf, min_value=0.0)
    source = engine.wrap(tokens)
    counts = engine.summed((_counted(chunk) for chunk in source.chunks("tokens")), ["term"], ["count"])
    if counts.empty:
        return pd.DataFrame(columns=COLUMNS)
    vocabulary: set[str] = set()  # the word tokens longer than one character: the text's own words

    def strings() -> Iterable[pd.DataFrame]:
        for chunk in source.chunks("tokens"):
            found, longer = _strings(chunk)
            vocabulary.update(longer)
            yield found

    triples = engine.summed(strings(), ["term", "before", "after"], ["n"])
    sides = [triples[["term", side, "n"]].rename(columns={side: "string"}) for side in ("before", "after")]
    pairs = pd.concat(sides, ignore_index=True)
    pairs = pairs[pairs["string"] != ""].groupby(["term", "string"], sort=False)["n"].sum().reset_index()
    per_string = pairs.groupby("string", sort=False)["n"].sum()
    general = frequencies(pd.concat([counts["term"], per_string.index.to_series()]).unique())
    listed = frozenset(general.loc[general["source"] == "list", "term"])
    known = set(per_string.index[per_string >= min_count]) | (set(per_string.index) & (listed | vocabulary))
    # occurrences inside a known string (an occurrence inside two, before and after, counts once)
    units = triples[triples["before"].isin(known) | triples["after"].isin(known)].groupby("term")["n"].sum()
    best = (pairs[pairs["string"].isin(known)].sort_values(["n", "string"], ascending=[False, True], kind="stable")
            .drop_duplicates("term").set_index("term")["string"])
    table = counts.assign(string=counts["term"].map(best).fillna(""),
                          inside=counts["term"].map(units).fillna(0).astype(int))
    table["share"] = table["inside"] / table["count"]
    freq = table["term"].map(general.set_index("term")["frequency"]).fillna(0.0).to_numpy(float)
    with np.errstate(divide="ignore"):
        table["zipf"] = np.where(freq > 0, np.log10(np.where(freq > 0, freq, 1.0)) + 9, 0.0)
    table["fragment"] = (table["share"] >= min_share) & (table["zipf"] < max_zipf)
    return (table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
            .reset_index(drop=True)[COLUMNS])


def fragment_terms(tokens: pd.DataFrame, **options) -> frozenset[str]:
    """The fragments of ``tokens`` by the rule of :func:`fragments` (same options), as a set of terms."""
    table = fragments(tokens, **options)
    return frozenset(table.loc[table["fragment"].astype(bool), "term"])


def leave_out(table: pd.DataFrame, fragments: Iterable[str] | None, *,
              columns: Iterable[str] = ("term",)) -> tuple[pd.DataFrame, list[str]]:
    """The rows of a ranking table none of whose ``columns`` holds a fragment, and the fragments left out.

    ``columns`` that the table lacks are ignored (a collocation table names its
    parts ``w1`` and ``w2``); with ``fragments`` None nothing is left out.
    Returns the kept rows (index unchanged) and the distinct fragments met, in
    the order of the table.
    """
    present = [c for c in columns if c in table.columns]
    if not fragments or not present or table.empty:
        return table, []
    marked = frozenset(fragments)
    hits = table[present].isin(marked)
    dropped = hits.any(axis=1)
    met = list(dict.fromkeys(v for c in present for v in table.loc[hits[c], c]))
    return table[~dropped], met


def _counted(tokens: pd.DataFrame) -> pd.DataFrame:
    """``term, count``: the one-character word tokens of a chunk."""
    runs = _runs(tokens, stopwords=True)
    single = runs[~runs["blocked"] & runs["token"].str.match(_HAN)]
    return single["token"].value_counts().rename_axis("term").rename("count").reset_index()


def _strings(tokens: pd.DataFrame) -> tuple[pd.DataFrame, set[str]]:
    """``term, before, after, n``: the one-character word tokens of a chunk with the strings each forms with the
    word token right before it and right after it (same run of words, no stopword, no gap in the text; "" for
    none), counted per distinct triple; and the chunk's word tokens longer than one character."""
    runs = _runs(tokens, stopwords=True)
    token, start, end, run, blocked = (runs[c] for c in ("token", "start", "end", "run", "blocked"))
    joined = (run.shift() == run) & (start == end.shift()) & ~blocked & ~blocked.shift(fill_value=True)
    single = ~blocked & token.str.match(_HAN)
    before = (token.shift() + token).where(joined & single, "")
    after = (token + token.shift(-1)).where(joined.shift(-1, fill_value=False) & single, "")
    found = pd.DataFrame({"term": token, "before": before, "after": after})[(before != "") | (after != "")]
    triples = found.groupby(["term", "before", "after"], sort=False).size().rename("n").reset_index()
    return triples, set(token[token.str.len() > 1].unique())
