"""Segmentation: from the paragraphs table to a tokens table.

jieba's precise mode, through a :class:`Tokenizer` of our own that carries the
policy-term dictionary (``helpers/lexicons/policy_terms.txt``); nothing touches
jieba's global tokenizer, so two configurations live side by side.

Backends.  ``"rjieba"`` (default) is the Rust port of jieba with the same
dictionary and HMM, about twenty times faster; ``"jieba"`` is the reference.
They give identical tokens, except on a few input patterns found by fuzzing
(runs like ``2016-06-01`` or ``a_b``, characters outside the basic CJK block,
a Chinese character three times in a row): a paragraph containing one of them
is segmented by the reference even under ``"rjieba"``.  Tests prove identity of
tokens and tags on the whole corpus, the development texts and random strings.

Tags.  ``pos`` is looked up for each token as segmented (``jieba.posseg``
re-segments text, which users rightly dislike): the policy dictionary's tag,
else jieba's dictionary tag, else (a word found by the HMM) the tag jieba-rs's
part-of-speech model guesses for it.  Both backends use the same lookup.

Stopwords.  ``is_stop`` marks words of the chosen lists (see
:mod:`helpers.lexicon`) and, by rule, tokens made only of punctuation,
symbols or digits.  Whitespace is not a token.

Cache.  Results are stored as parquet under ``.cache/tokens/``, keyed by the
paragraph texts, the dictionary and stopword files, the backend, the library
versions and this module's source; changing any of them makes a new entry.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import lexicon
from .config import cache_dir
from .outputs import atomic_path

__all__ = ["BACKENDS", "TOKEN_COLUMNS", "Tokenizer", "mark_stopwords", "segment", "tokenizer"]

TOKEN_COLUMNS = ["doc_id", "para_no", "sent_no", "token_no", "token", "pos", "start", "end", "is_stop"]
BACKENDS = ("rjieba", "jieba")
# Inputs on which rjieba and jieba were seen to differ (fuzzing, tests/test_tokens.py):
# CJK outside U+4E00–U+9FD5, ASCII runs joined by - _ or ., and a Han character tripled.
_RISKY = re.compile(
    r"[\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF]"
    r"|[A-Za-z0-9][-_][A-Za-z0-9]|[A-Za-z0-9]\.[A-Za-z]|\.\d+[A-Za-z.]"
    r"|([\u4E00-\u9FD5])\1\1"
)
# The same ASCII rules alone: a pattern that starts with a character set, which re scans for quickly.
_RISKY_ASCII = re.compile(r"[A-Za-z0-9][-_][A-Za-z0-9]|[A-Za-z0-9]\.[A-Za-z]|\.\d+[A-Za-z.]")


def _risky_positions(text: str) -> np.ndarray:
    """Offsets in ``text`` where :data:`_RISKY` matches (the same positions, found faster with numpy)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    found = np.flatnonzero(((codes >= 0x3400) & (codes <= 0x4DBF)) | ((codes >= 0x9FD6) & (codes <= 0x9FFF))
                           | ((codes >= 0xF900) & (codes <= 0xFAFF)) | ((codes >= 0x20000) & (codes <= 0x3FFFF)))
    han = (codes >= 0x4E00) & (codes <= 0x9FD5)
    tripled = np.flatnonzero(han[:-2] & (codes[:-2] == codes[1:-1]) & (codes[1:-1] == codes[2:]))
    ascii_hits = [m.start() for m in _RISKY_ASCII.finditer(text)]
    return np.concatenate([found, tripled, np.asarray(ascii_hits, dtype=np.int64)])
_CHUNK_CHARS = 500_000  # segmentation works chunk by chunk (progress bar, worker processes)


@cache
def _versions() -> str:
    return ",".join(f"{name}={metadata.version(name)}" for name in ("jieba", "rjieba"))


class Tokenizer:
    """A segmenter of our own: a jieba/rjieba instance plus the policy dictionary.

    ``backend`` is ``"rjieba"`` (fast) or ``"jieba"`` (reference); ``terms`` is
    the policy-term table (default: :func:`helpers.lexicon.policy_terms`).
    """

    def __init__(self, backend: str = "rjieba", *, terms: pd.DataFrame | None = None) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}; choose from {', '.join(BACKENDS)}")
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

    def reference(self):
        """The jieba (reference) tokenizer with the same dictionary, built on first use."""
        if self._jieba is None:
            import jieba

            tokenizer = jieba.Tokenizer()
            tokenizer.tmp_dir = str(cache_dir())
            cache_dir().mkdir(parents=True, exist_ok=True)
            import logging

            jieba.setLogLevel(logging.WARNING)
            for term, freq, tag in self.terms[["term", "freq", "tag"]].itertuples(index=False):
                tokenizer.add_word(term, int(freq), tag)
            self._jieba = tokenizer
        return self._jieba

    def cut(self, text: str) -> list[str]:
        """Tokens of one text (whitespace included), in precise mode with the HMM."""
        if self.backend == "jieba" or len(_risky_positions(text)):
            return list(self.reference().cut(text, HMM=True))
        return self._rjieba.cut(text, True)

    def cut_joined(self, texts: Sequence[str]) -> list[str]:
        """Tokens of ``"\\n".join(texts)``: the texts' tokens with ``"\\n"`` between texts."""
        joined = "\n".join(texts)
        if self.backend == "jieba":
            return list(self.reference().cut(joined, HMM=True))
        risky = _risky_positions(joined)
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
                out += list(self.reference().cut(text, HMM=True))
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
                known[word] = _is_rule_stop(word)
        return [known[w] for w in words]

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


@cache
def tokenizer(backend: str = "rjieba", terms_hash: str | None = None) -> Tokenizer:
    """A shared :class:`Tokenizer` per backend and dictionary version (built once per process)."""
    return Tokenizer(backend)


def _terms_hash() -> str:
    return lexicon.file_hash(lexicon.lexicon("policy_terms.txt"))


@cache
def _dictionary_tags() -> dict[str, str]:
    """jieba's dictionary tags (only needed for the rare word that re-segments alone)."""
    import jieba

    with jieba.get_dict_file() as handle:
        rows = handle.read().decode("utf-8").splitlines()
    return {parts[0]: parts[2] for parts in (row.split(" ") for row in rows) if len(parts) == 3}


def _is_rule_stop(word: str) -> bool:
    """Punctuation, symbols and digits are stop tokens by rule."""
    return all(unicodedata.category(ch)[0] in "PSNZC" for ch in word)


def mark_stopwords(tokens: pd.DataFrame, *, stopwords: Sequence[str] | None = ("general",)) -> pd.DataFrame:
    """A copy of ``tokens`` with ``is_stop`` recomputed for other stopword lists.

    ``stopwords`` names lists of :data:`helpers.lexicon.STOPWORD_LISTS`
    (``("general",)``, ``("general", "policy")``) or is None for rules only.
    """
    words = lexicon.stopwords(*(stopwords or ()))
    uniques = tokens["token"].unique()
    flags = {w: (w in words) or _is_rule_stop(w) for w in uniques}
    return tokens.assign(is_stop=tokens["token"].map(flags).astype(bool))


def dictionary_coverage(tokens: pd.DataFrame, terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each policy-dictionary term came out as a token: ``term, tag, count``, most frequent first.

    Terms with count 0 do not occur (or only inside a longer term): a quick check after editing the dictionary.
    """
    terms = lexicon.policy_terms() if terms is None else terms
    counts = tokens["token"].value_counts()
    out = terms[["term", "tag"]].assign(count=terms["term"].map(counts).fillna(0).astype(int))
    return out.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)


@cache
def _source_hash() -> str:
    return hashlib.sha256(inspect.getsource(inspect.getmodule(_source_hash)).encode()).hexdigest()


def _cache_key(paragraphs: pd.DataFrame, backend: str, stopwords: Sequence[str]) -> str:
    digest = hashlib.sha256()
    digest.update(pd.util.hash_pandas_object(paragraphs[["doc_id", "para_no", "text"]], index=False).values)
    digest.update(_terms_hash().encode())
    for name in stopwords:
        digest.update(name.encode() + lexicon.file_hash(lexicon.stopword_file(name)).encode())
    digest.update(f"{backend}|{_versions()}|{pd.__version__}|{pa.__version__}|{_source_hash()}".encode())
    return digest.hexdigest()[:32]


def segment(
    paragraphs: pd.DataFrame,
    *,
    backend: str = "rjieba",
    stopwords: Sequence[str] | None = ("general",),
    cache: bool = True,
    workers: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Segment paragraphs into the tokens table.

    ``paragraphs`` needs ``doc_id, para_no, text`` (the corpus' paragraphs
    table, or any subset of it).  Returns one row per token, whitespace
    excluded, with the columns

    ``doc_id, para_no``
        where the token is;
    ``sent_no``
        sentence number, counted through each document's paragraphs as given
        (with the full paragraphs table it matches ``Corpus.sentences``);
    ``token_no``
        token number, counted from 1 through each document;
    ``token, pos``
        the word and its part-of-speech tag;
    ``start, end``
        character offsets into the paragraph text (``text[start:end] == token``);
    ``is_stop``
        stopword of the chosen lists, or punctuation/symbol/digit by rule.

    ``backend`` is ``"rjieba"`` or ``"jieba"`` (the reference); ``stopwords``
    names the lists to mark (``("general", "policy")`` adds policy
    boilerplate); ``workers`` > 1 segments large inputs in that many processes;
    ``progress`` shows a progress bar (default: for large inputs); ``cache``
    reuses a stored result for identical inputs.
    """
    missing = {"doc_id", "para_no", "text"} - set(paragraphs.columns)
    if missing:
        raise ValueError(f"segment needs the paragraphs table; missing column(s): {', '.join(sorted(missing))}")
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose from {', '.join(BACKENDS)}")
    stopwords = tuple(stopwords or ())
    path = None
    if cache:
        path = cache_dir() / "tokens" / f"{_cache_key(paragraphs, backend, stopwords)}.parquet"
        if path.exists():
            return _read(path)
    table = _segment(paragraphs, backend, stopwords, workers, progress)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        import pyarrow.parquet as pq

        with atomic_path(path) as tmp:
            pq.write_table(table, tmp, compression="zstd")
    return _to_pandas(table)


def _read(path: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    return _to_pandas(pq.read_table(path))


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas()


def _segment(paragraphs, backend, stopwords, workers, progress) -> pa.Table:
    frame = paragraphs[["doc_id", "para_no", "text"]].reset_index(drop=True)
    chunks = [frame.iloc[rows] for rows in _chunks(frame)]
    show = progress if progress is not None else len(chunks) > 2
    jobs = [(backend, tuple(stopwords), chunk) for chunk in chunks]
    if workers > 1 and len(chunks) > 1:
        import multiprocessing

        # spawn, not fork: in a notebook kernel the parent holds threads whose locks a forked child inherits
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            parts = list(_progress(pool.map(_segment_chunk, jobs), len(jobs), show))
    else:
        parts = list(_progress(map(_segment_chunk, jobs), len(jobs), show))
    return pa.concat_tables(parts) if len(parts) > 1 else parts[0]


def _chunks(paragraphs: pd.DataFrame) -> list[range]:
    """Row ranges of about ``_CHUNK_CHARS`` characters that never split a document (token and
    sentence numbers count through a document); one range if a document's paragraphs are not together."""
    docs = paragraphs["doc_id"].to_numpy(dtype=object)
    starts = [0] + [i for i in range(1, len(docs)) if docs[i] != docs[i - 1]]
    if len(starts) != len(set(docs)):
        return [range(len(docs))]
    sizes = paragraphs["text"].str.len().to_numpy()
    chunks, first, size = [], 0, 0
    for begin, end in zip(starts, [*starts[1:], len(docs)], strict=True):
        size += int(sizes[begin:end].sum())
        if size >= _CHUNK_CHARS:
            chunks.append(range(first, end))
            first, size = end, 0
    if first < len(docs) or not chunks:
        chunks.append(range(first, len(docs)))
    return chunks


def _segment_chunk(job: tuple[str, tuple[str, ...], pd.DataFrame]) -> pa.Table:
    """The tokens table of whole documents (runs in a worker process when there are several)."""
    backend, stopwords, paragraphs = job
    tk = tokenizer(backend, _terms_hash())
    texts = paragraphs["text"].tolist()
    return _table(paragraphs, texts, tk.cut_joined(texts), tk, lexicon.stopwords(*stopwords))


def _progress(iterable, total: int, show: bool):
    if not show:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc="segmenting", unit="chunk")


def _cumcount(groups: np.ndarray) -> np.ndarray:
    """Position of each element within its group, counting from 0 in order (a fast groupby().cumcount())."""
    order = np.argsort(groups, kind="stable")
    ordered = groups[order]
    firsts = np.r_[0, np.flatnonzero(ordered[1:] != ordered[:-1]) + 1]
    first_of = np.repeat(firsts, np.diff(np.r_[firsts, len(groups)]))
    out = np.empty(len(groups), dtype=np.int64)
    out[order] = np.arange(len(groups)) - first_of
    return out


def _sentence_index(uniques: list[str], codes: np.ndarray, pid: np.ndarray) -> np.ndarray | None:
    """A running sentence number (from 0) for each token, from the punctuation tokens alone.

    The same sentences as :func:`helpers.structure.split_sentences`: a sentence
    ends after a run of 。！？ and the closing quotes or brackets that follow
    it, and at the end of a paragraph.  Returns None when some token mixes
    those characters with others (then the text must be split instead).
    """
    from .structure import _CLOSERS, _STOPS

    marks = set(_STOPS) | set(_CLOSERS)
    kinds = []
    for word in uniques:
        chars = set(word)
        if chars & marks and not (chars <= set(_STOPS) or chars <= set(_CLOSERS)):
            return None
        kinds.append(2 if chars <= set(_STOPS) else 1 if chars <= set(_CLOSERS) else 0)
    kind = np.asarray(kinds, dtype=np.int8)[codes]
    stop, closer = kind == 2, kind == 1
    new_para = np.r_[True, pid[1:] != pid[:-1]]
    # a closer belongs to a sentence's end when a stop comes before it, only closers in between
    run = np.cumsum(~closer | new_para)  # closers share the run number of the token before them
    after_stop = np.zeros(len(kind) + 1, dtype=bool)
    leaders = ~closer
    after_stop[run[leaders]] = stop[leaders]
    tail_closer = closer & after_stop[run] & ~new_para
    tail = stop | tail_closer
    next_stop, next_closer = np.r_[stop[1:], False], np.r_[closer[1:], False]
    ends_here = tail & ~((stop & next_stop) | next_closer)
    starts_here = new_para | np.r_[False, ends_here[:-1]]
    return np.cumsum(starts_here) - 1


def _table(paragraphs: pd.DataFrame, texts: list[str], flat: list[str], tk: Tokenizer,
           stopset: frozenset[str]) -> pa.Table:
    """The tokens table, built column by column from flat arrays (a Python loop per token would be slow)."""
    import pyarrow.compute as pc

    from . import structure

    tokens_array = pa.array(flat, type=pa.string())
    encoded = tokens_array.dictionary_encode()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    uniques = encoded.dictionary.to_pylist()
    uspace = np.fromiter((not w.strip() for w in uniques), dtype=bool, count=len(uniques))
    words = [w for w, space in zip(uniques, uspace, strict=True) if not space]
    wtags = dict(zip(words, tk.tags(words), strict=True))
    utag = pa.array([wtags.get(w, "") for w in uniques], pa.string())
    rule = tk.rule_stops(uniques)
    ustop = np.fromiter((r or w in stopset for w, r in zip(uniques, rule, strict=True)), dtype=bool,
                        count=len(uniques))

    lengths = pc.utf8_length(tokens_array).to_numpy(zero_copy_only=False).astype(np.int64)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    para_start = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype(np.int64)
    pid = np.searchsorted(para_start, starts, side="right") - 1
    sentence = _sentence_index(uniques, codes, pid)  # on all tokens: whitespace separates punctuation runs
    keep = ~uspace[codes]
    codes, starts, ends, pid = codes[keep], starts[keep], ends[keep], pid[keep]
    local = starts - para_start[pid]
    if sentence is None:  # a token mixes sentence-final and other characters: use the text itself
        sent_para, sent_start = structure.sentence_starts(texts)
        sentence = np.searchsorted(para_start[sent_para] + sent_start, starts, side="right") - 1
    else:
        sentence = sentence[keep]

    doc_codes = pd.factorize(paragraphs["doc_id"])[0]
    tdoc = doc_codes[pid]
    first = np.r_[True, sentence[1:] != sentence[:-1]] if len(sentence) else np.zeros(0, bool)
    sent_no = np.repeat(_cumcount(tdoc[first]) + 1, np.diff(np.r_[np.flatnonzero(first), len(sentence)]))

    return pa.table({
        "doc_id": pa.array(paragraphs["doc_id"].to_numpy(dtype=object), pa.string()).take(pa.array(pid)),
        "para_no": pa.array(paragraphs["para_no"].to_numpy(dtype=np.int64)[pid]),
        "sent_no": pa.array(sent_no),
        "token_no": pa.array(_cumcount(tdoc) + 1),
        "token": tokens_array.filter(pa.array(keep)),
        "pos": utag.take(pa.array(codes)),
        "start": pa.array(local),
        "end": pa.array(local + (ends - starts)),
        "is_stop": pa.array(ustop[codes]),
    })
