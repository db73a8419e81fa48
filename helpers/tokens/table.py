"""The tokens table built from a segmentation: offsets, sentence and token numbers, tags, stop marks.

Built column by column from flat numpy/arrow arrays: a Python loop per token
would be the slowest part of the pipeline.  Sentence numbers follow
:mod:`helpers.corpus.sentences`, the one home of sentence ends.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import lexicon
from ..corpus.sentences import CLOSERS, STOPS, sentence_starts
from .tokenizer import Tokenizer, tokenizer

__all__ = ["TOKEN_COLUMNS", "build_table"]

TOKEN_COLUMNS = ["doc_id", "para_no", "sent_no", "token_no", "token", "pos", "start", "end", "is_stop"]


def _cumcount(groups: np.ndarray) -> np.ndarray:
    """Position of each element within its group, counting from 0 in order (a fast groupby().cumcount())."""
    if not (groups[1:] >= groups[:-1]).all():  # in document order the groups are sorted already: no argsort
        order = np.argsort(groups, kind="stable")
        out = np.empty(len(groups), dtype=np.int64)
        out[order] = _cumcount(groups[order])
        return out
    firsts = np.r_[0, np.flatnonzero(groups[1:] != groups[:-1]) + 1]
    return np.arange(len(groups)) - np.repeat(firsts, np.diff(np.r_[firsts, len(groups)]))


def _dictionary(codes: np.ndarray, values: pa.Array) -> pa.DictionaryArray:
    """A dictionary array of ``values[codes]`` (``values`` distinct) whose dictionary holds only the values
    used, in their order."""
    used = np.zeros(len(values), dtype=bool)
    used[codes] = True
    compact = np.cumsum(used, dtype=np.int32) - 1
    return pa.DictionaryArray.from_arrays(pa.array(compact[codes], pa.int32()), values.filter(pa.array(used)))


def _sentence_index(uniques: list[str], codes: np.ndarray, pid: np.ndarray) -> np.ndarray | None:
    """A running sentence number (from 0) for each token, from the punctuation tokens alone.

    The same sentences as :func:`helpers.corpus.sentences.split_sentences`: a sentence
    ends after a run of 。！？ and the closing quotes or brackets that follow
    it, and at the end of a paragraph.  Returns None when some token mixes
    those characters with others (then the text must be split instead).
    """
    marks = set(STOPS) | set(CLOSERS)
    kinds = []
    for word in uniques:
        chars = set(word)
        if chars & marks and not (chars <= set(STOPS) or chars <= set(CLOSERS)):
            return None
        kinds.append(2 if chars <= set(STOPS) else 1 if chars <= set(CLOSERS) else 0)
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


def build_table(paragraphs: pd.DataFrame, texts: list[str], flat: list[str], tk: Tokenizer,
                stopset: frozenset[str], *, dictionary: bool = False) -> pa.Table:
    """The tokens table (:data:`TOKEN_COLUMNS`) of ``texts`` (the paragraphs' texts), given the flat
    list of tokens of the texts joined by ``\n``, the tokenizer (tags, rule stops) and the stopwords.

    ``dictionary=True`` gives ``doc_id``, ``token`` and ``pos`` as dictionary arrays (codes into the
    distinct values, each value used at least once): cheaper to build and to write to Parquet, which
    stores them as strings.
    """
    import pyarrow.compute as pc

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
        sent_para, sent_start = sentence_starts(texts)
        sentence = np.searchsorted(para_start[sent_para] + sent_start, starts, side="right") - 1
    else:
        sentence = sentence[keep]

    doc_codes = pd.factorize(paragraphs["doc_id"])[0]
    tdoc = doc_codes[pid]
    first = np.r_[True, sentence[1:] != sentence[:-1]] if len(sentence) else np.zeros(0, bool)
    sent_no = np.repeat(_cumcount(tdoc[first]) + 1, np.diff(np.r_[np.flatnonzero(first), len(sentence)]))

    doc_values = pa.array(paragraphs["doc_id"].to_numpy(dtype=object), pa.string())
    if dictionary:
        tags = utag.dictionary_encode()  # the tags of the distinct tokens, as codes into the distinct tags
        return pa.table({
            "doc_id": _dictionary(tdoc, pa.array(pd.unique(paragraphs["doc_id"].to_numpy(dtype=object)),
                                                  pa.string())),
            "para_no": pa.array(paragraphs["para_no"].to_numpy(dtype=np.int64)[pid]),
            "sent_no": pa.array(sent_no),
            "token_no": pa.array(_cumcount(tdoc) + 1),
            "token": _dictionary(codes, encoded.dictionary),
            "pos": _dictionary(tags.indices.to_numpy(zero_copy_only=False)[codes], tags.dictionary),
            "start": pa.array(local),
            "end": pa.array(local + (ends - starts)),
            "is_stop": pa.array(ustop[codes]),
        })
    return pa.table({
        "doc_id": doc_values.take(pa.array(pid)),
        "para_no": pa.array(paragraphs["para_no"].to_numpy(dtype=np.int64)[pid]),
        "sent_no": pa.array(sent_no),
        "token_no": pa.array(_cumcount(tdoc) + 1),
        "token": tokens_array.filter(pa.array(keep)),
        "pos": utag.take(pa.array(codes)),
        "start": pa.array(local),
        "end": pa.array(local + (ends - starts)),
        "is_stop": pa.array(ustop[codes]),
    })


def segment_chunk(job: tuple[str, tuple[str, ...], pd.DataFrame], *, dictionary: bool = False) -> pa.Table:
    """The tokens table of whole documents (runs in a worker process when there are several);
    ``dictionary``: see :func:`~helpers.tokens.table.build_table`."""
    backend, stopwords, paragraphs = job
    tk = tokenizer(backend)
    texts = paragraphs["text"].tolist()
    return build_table(paragraphs, texts, tk.cut_joined(texts), tk, lexicon.stopwords(*stopwords),
                       dictionary=dictionary)
