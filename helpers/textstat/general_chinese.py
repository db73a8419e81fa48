"""General Chinese usage as a comparison corpus: word frequencies from wordfreq's Chinese list.

Which list, and why.  wordfreq (Robyn Speer, 2022, doi:10.5281/zenodo.7199437;
version pinned in requirements.txt) estimates how often words are used in general written Chinese by combining
seven sources (Wikipedia, subtitles, news, books, web text, Twitter, and the
word list that ships with jieba), dropping for each word the highest and the
lowest source and averaging the rest.  It is the broadest open estimate of
general usage that installs from PyPI, and, unlike jieba's own dictionary
counts (one of its seven sources, of unknown provenance), it is not dominated
by one kind of text.  Its sources are older than the speeches (OpenSubtitles
2018, NewsCrawl 2014, Google Books 2012 …), so recent coinages such as
新质生产力 (2023) are not in the list.

How segmentations are reconciled.  wordfreq counted Chinese words with jieba
and its own dictionary; our tokens come from jieba's default dictionary plus
the policy dictionary.  For a token that is a word in wordfreq's list, its
frequency is taken as is.  For a token that is not (our multiword policy terms,
for instance), wordfreq's own estimate for a phrase is used: it segments the
phrase as it segmented its sources and combines the parts' frequencies (a
half-harmonic mean with a penalty for each inferred word break); these rows are
marked ``estimated``.  Frequencies are turned into expected counts in a
notional reference corpus of ``size`` tokens; a log ratio does not depend on
that size, G² and p-values do.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pandas as pd

from ..tokens.tokenizer import quiet_jieba

DEFAULT_SIZE = 1_000_000_000  # tokens in the notional reference corpus


@cache
def _wordlist() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("zh", wordlist="large")


def frequencies(terms: Iterable[str]) -> pd.DataFrame:
    """General-usage frequency of each term: columns ``term, frequency, source``.

    ``source`` is ``list`` (the term is a word of wordfreq's list),
    ``estimated`` (a phrase, estimated by wordfreq from its parts) or
    ``absent`` (frequency 0: not estimable, e.g. a digit string).
    """
    import wordfreq

    table = _wordlist()
    rows = []
    with quiet_jieba():
        for term in dict.fromkeys(terms):
            if term in table:
                rows.append((term, table[term], "list"))
                continue
            estimate = wordfreq.word_frequency(term, "zh", wordlist="large")
            rows.append((term, estimate, "estimated" if estimate > 0 else "absent"))
    return pd.DataFrame(rows, columns=["term", "frequency", "source"])


def counts(terms: Iterable[str], *, size: int = DEFAULT_SIZE) -> pd.Series:
    """Expected counts term → frequency × ``size``: the ``reference`` Series for :func:`helpers.textstat.keyness`.

    Returns a Series named ``count`` indexed by ``term``.  Pass ``reference_total=size`` to keyness along with it.
    """
    table = frequencies(terms)
    return pd.Series(table["frequency"].to_numpy() * size, index=pd.Index(table["term"], name="term"),
                     name="count")
