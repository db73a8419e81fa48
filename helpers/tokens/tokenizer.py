"""The tokenizer: a jieba/rjieba instance of our own carrying the policy dictionary.

Nothing touches jieba's global tokenizer or its global logger, so two
configurations live side by side in one process.

Backends.  ``"rjieba"`` (default) is the Rust port of jieba with the same
dictionary and HMM, about twenty times faster; ``"jieba"`` is the original.
They give identical tokens except on the inputs of :mod:`helpers.tokens.risk`,
which are cut by jieba under either backend.

Tags.  ``pos`` is looked up for each token as segmented (``jieba.posseg``
re-segments text): the policy dictionary's tag, else jieba's dictionary tag,
else (a word found by the HMM) the tag jieba-rs's part-of-speech model guesses.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

import numpy as np
import pandas as pd

from .. import lexicon
from ..config import cache_dir
from ..validate import check_choice
from .risk import risky_positions
from .stopwords import is_rule_stop

__all__ = ["BACKENDS", "Tokenizer", "quiet_jieba", "tokenizer"]

BACKENDS = ("rjieba", "jieba")


@contextlib.contextmanager
def quiet_jieba() -> Iterator[None]:
    """jieba's logger at WARNING inside the block, its own level restored after it (no global change).

    jieba logs building a dictionary at DEBUG level to stderr (ours, and the one wordfreq builds).  jieba is
    imported first, so that its own import (which sets the level to DEBUG) happens outside the block.
    """
    import jieba

    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Tokenizer:
    """A segmenter of our own: a jieba/rjieba instance plus the policy dictionary.

    ``backend`` is ``"rjieba"`` (fast) or ``"jieba"`` (the original); ``terms`` is
    the policy-term table (default: :func:`helpers.lexicon.policy_terms`).
    """

    def __init__(self, backend: str = "rjieba", *, terms: pd.DataFrame | None = None) -> None:
        check_choice("backend", backend, BACKENDS)
        import rjieba

        self.backend = backend
        self.terms = lexicon.policy_terms() if terms is None else terms
        self._user_tags = dict(zip(self.terms["term"], self.terms["tag"], strict=True))
        self._rjieba = rjieba.Jieba()
        for term, freq, tag in self.terms[["term", "freq", "tag"]].itertuples(index=False):
            self._rjieba.add_word(term, int(freq), tag)
        self._jieba = None
        self._known_tags: dict[str, str] = {}
        self._known_rule: dict[str, bool] = {}

    def jieba_tokenizer(self):
        """The original jieba tokenizer with the same dictionary, built on first use."""
        if self._jieba is None:
            import jieba

            tokenizer = jieba.Tokenizer()
            tokenizer.tmp_dir = str(cache_dir())
            cache_dir().mkdir(parents=True, exist_ok=True)
            with quiet_jieba():
                tokenizer.initialize()
                for term, freq, tag in self.terms[["term", "freq", "tag"]].itertuples(index=False):
                    tokenizer.add_word(term, int(freq), tag)
            self._jieba = tokenizer
        return self._jieba

    def cut(self, text: str) -> list[str]:
        """Tokens of one text (whitespace included), in precise mode with the HMM."""
        if self.backend == "jieba" or len(risky_positions(text)):
            return list(self.jieba_tokenizer().cut(text, HMM=True))
        return self._rjieba.cut(text, True)

    def cut_joined(self, texts: Sequence[str]) -> list[str]:
        """Tokens of ``"\\n".join(texts)``: the texts' tokens with ``"\\n"`` between texts."""
        joined = "\n".join(texts)
        if self.backend == "jieba":
            return list(self.jieba_tokenizer().cut(joined, HMM=True))
        risky = risky_positions(joined)
        if not len(risky):
            return self._rjieba.cut(joined, True)
        starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
        flagged = set(np.searchsorted(starts, risky, side="right") - 1)
        out: list[str] = []
        run: list[str] = []
        for i, text in enumerate(texts):
            if i in flagged:
                if run:
                    out += self._rjieba.cut("\n".join(run), True)
                    out.append("\n")
                    run = []
                out += list(self.jieba_tokenizer().cut(text, HMM=True))
                if i + 1 < len(texts):
                    out.append("\n")
            else:
                run.append(text)
        if run:
            out += self._rjieba.cut("\n".join(run), True)
        return out

    def rule_stops(self, words: list[str]) -> list[bool]:
        """Whether each word is punctuation, symbols or digits (remembered per tokenizer)."""
        known = self._known_rule
        for word in words:
            if word not in known:
                known[word] = is_rule_stop(word)
        return [known[w] for w in words]

    def in_dictionary(self, word: str) -> bool:
        """Whether ``word`` is a word of the segmenter's dictionary (jieba's, with the policy terms): the same
        answer as a word of jieba's own frequency table with a count (tested over all 498,614 of its entries),
        without building that table (150 MB in a process that does not segment)."""
        return self._rjieba.has_word(word)

    def tags(self, words: Iterable[str]) -> list[str]:
        """Part-of-speech tags of distinct words (no whitespace), as segmented (remembered per tokenizer)."""
        words = list(words)
        known = self._known_tags
        pending = [w for w in words if w not in self._user_tags and w not in known]
        found: dict[str, str] = {}
        groups: list[list[tuple[str, str]]] = [[]] if pending else []
        for word, tag in self._rjieba.tag("\n".join(pending), True) if pending else []:
            if word == "\n":
                groups.append([])
            else:
                groups[-1].append((word, tag))
        for word, group in zip(pending, groups, strict=True):
            if len(group) == 1 and group[0][0] == word:
                found[word] = group[0][1]
            elif self._rjieba.has_word(word):
                found[word] = _dictionary_tags().get(word, "x")
            else:  # an HMM word that re-segments when alone: the tag of its longest piece
                found[word] = max(group, key=lambda pair: len(pair[0]))[1]
        known.update(found)
        return [self._user_tags.get(w) or known[w] for w in words]


def tokenizer(backend: str = "rjieba") -> Tokenizer:
    """The shared :class:`Tokenizer` of a backend for the current dictionary file (built once per process).

    Editing ``policy_terms.txt`` gives a new tokenizer on the next call.
    """
    return _shared(backend, lexicon.file_hash(lexicon.lexicon("policy_terms.txt")))


@cache
def _shared(backend: str, terms_hash: str) -> Tokenizer:
    return Tokenizer(backend)


@cache
def _dictionary_tags() -> dict[str, str]:
    """jieba's dictionary tags (only needed for the rare word that re-segments alone)."""
    import jieba

    with jieba.get_dict_file() as handle:
        rows = handle.read().decode("utf-8").splitlines()
    return {parts[0]: parts[2] for parts in (row.split(" ") for row in rows) if len(parts) == 3}
