"""Alignment of two documents: which sentence of the older text became which of the newer.

Every sentence of both documents ends up in exactly one row, classified as

``unchanged``  same text (after the comparison key below), in the same order;
``changed``    a similar sentence in the same place, with its ``similarity``;
``moved``      the same or a similar sentence, out of order with the anchors around it;
``added``      only in the newer text;  ``dropped``  only in the older text.

A unit may hold several sentences on one side: an old sentence split in two
(``split``) or two merged into one (``merge``).

Method.  Sentences come from the corpus (sentence ends have one home,
:mod:`helpers.corpus.sentences`).  The comparison key of a sentence is its text with
full-width digits and letters made ASCII (:func:`helpers.corpus.clean.normalise_width`)
and all whitespace removed, so width and spacing never count as changes.

1. identical keys in the same order are matched with :class:`difflib.SequenceMatcher`
   over the sequence of sentence keys (a longest-common-subsequence of whole
   sentences): these are the ``unchanged`` anchors;
2. the remaining sentences are compared all against all with RapidFuzz
   (``process.cdist`` with ``fuzz.ratio``, the normalised Indel similarity, in
   C++ on all cores): RapidFuzz is MIT-licensed, maintained, and two to three
   orders of magnitude faster than difflib's ratio for this many-to-many job.
   Pairs are taken greedily, best first, down to ``min_similarity``;
3. a matched pair lying between the same two anchors in both texts, and in
   order with the other pairs there, is ``changed``; any other pair is ``moved``
   if its similarity reaches ``min_moved``, or if the two sentences are each other's
   best match in the whole of both documents (strictly: no other sentence of either
   document scores as high with either of them) and share at least
   :data:`MOVED_MIN_SHARED` characters (the matched characters of the Indel similarity,
   ``similarity × (len_old + len_new) / 2``).  Else both sentences stay unmatched:
   short formulaic sentences such as 加强国家创新体系建设 / 健全国家安全体系 or
   健全生态文明体制 / 健全生态补偿机制 reach 0.5–0.67 by chance, and out of place
   nothing else supports the match;
4. split and merged sentences: a neighbouring unmatched sentence joins a pair
   when the joined text is more similar to the other side than the pair alone.
"""

from __future__ import annotations

import bisect
import difflib

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from ..corpus import clean, sentences
from ..errors import ColumnError
from ..validate import check_number

__all__ = ["COLUMNS", "MOVED_MIN_SHARED", "STATUSES", "align", "align_texts", "check_document", "in_memory", "key",
           "sentences_of"]

STATUSES = ["unchanged", "changed", "moved", "added", "dropped"]
COLUMNS = ["status", "similarity", "old_para_no", "old_sent_no", "old_text", "new_para_no", "new_sent_no",
           "new_text", "old_n", "new_n", "unit", "old_chars", "new_chars"]
MIN_SIMILARITY = 0.5  # for a changed sentence in place
MIN_MOVED = 0.7  # for a sentence out of place: short formulaic sentences resemble each other by chance
MOVED_MIN_SHARED = 10  # characters a mutual best match out of place shares to be moved below MIN_MOVED
_UNIT = {(False, False): "", (False, True): "split", (True, False): "merge", (True, True): "regroup"}


def key(text: str) -> str:
    """The comparison key of a text: width-normalised, without whitespace."""
    return clean.remove_whitespace(clean.normalise_width(text))


def sentences_of(paragraphs: list[str]) -> pd.DataFrame:
    """Sentences of a list of paragraph texts, numbered like ``Corpus.sentences``.

    Returns ``para_no, sent_no, text`` (both numbers from 1, ``sent_no`` through the document).
    """
    rows = []
    for para_no, paragraph in enumerate(paragraphs, start=1):
        for start, end in sentences.split_sentences(paragraph):
            rows.append((para_no, len(rows) + 1, paragraph[start:end]))
    return pd.DataFrame(rows, columns=["para_no", "sent_no", "text"])


def check_document(name: str, value, known: list[str]) -> None:
    """``value`` of the parameter ``name`` must be one of the corpus' ``doc_id``s ``known``; else a
    :class:`~helpers.errors.ParameterError` (also a KeyError) naming the parameter and the closest ids."""
    if value in set(known):
        return
    close = difflib.get_close_matches(str(value), [str(k) for k in known], n=5, cutoff=0.5)
    listed = close or [str(k) for k in known[:5]]
    what = "closest" if close else f"the first of {len(known):,}"
    raise ColumnError(f"{name}={value!r} is not a doc_id of the corpus; {what}: {', '.join(listed)}")


def align(corpus, old: str, new: str, *, min_similarity: float = MIN_SIMILARITY,
          min_moved: float = MIN_MOVED) -> pd.DataFrame:
    """Align the sentences of document ``old`` with those of document ``new`` (``doc_id``s).

    Returns one row per aligned unit, in the reading order of the newer text
    (dropped sentences where they stood): ``status, similarity, old_para_no,
    old_sent_no, old_text, new_para_no, new_sent_no, new_text, old_n, new_n,
    unit, old_chars, new_chars``.  ``similarity`` is 0–1 (1 for unchanged, NaN
    for added and dropped); ``old_n``/``new_n`` count the sentences of the unit
    on each side, ``unit`` is ``""``, ``"split"``, ``"merge"`` or ``"regroup"``; sentence and
    paragraph numbers are those of the first sentence of the unit.  From a corpus on disk the two documents
    are read into memory (:meth:`~helpers.corpus.Corpus.select`).
    """
    known = list(corpus.documents["doc_id"])
    for name, doc in (("old", old), ("new", new)):
        check_document(name, doc, known)
    corpus = in_memory(corpus, [old, new])
    sentences = corpus.sentences
    old_s = sentences[sentences["doc_id"] == old].sort_values("sent_no")
    new_s = sentences[sentences["doc_id"] == new].sort_values("sent_no")
    return align_sentences(old_s, new_s, min_similarity=min_similarity, min_moved=min_moved)


def in_memory(corpus, doc_ids: list[str]):
    """These documents of the corpus, in memory: a corpus in memory as it is (nothing to read or copy), from a
    corpus on disk these documents read from disk."""
    return corpus if corpus.storage == "memory" else corpus.select(list(dict.fromkeys(doc_ids)))


def align_texts(old: list[str], new: list[str], *, min_similarity: float = MIN_SIMILARITY,
                min_moved: float = MIN_MOVED) -> pd.DataFrame:
    """:func:`align` for two documents given as lists of paragraph texts (same columns)."""
    return align_sentences(sentences_of(old), sentences_of(new), min_similarity=min_similarity, min_moved=min_moved)


def align_sentences(old: pd.DataFrame, new: pd.DataFrame, *, min_similarity: float = MIN_SIMILARITY,
                    min_moved: float = MIN_MOVED) -> pd.DataFrame:
    """:func:`align` on two sentence tables (``para_no, sent_no, text`` in reading order)."""
    min_similarity = check_number("min_similarity", min_similarity, min_value=0, max_value=1)
    min_moved = check_number("min_moved", min_moved, min_value=0, max_value=1)
    old_text, new_text = list(old["text"]), list(new["text"])
    old_key, new_key = [key(t) for t in old_text], [key(t) for t in new_text]
    pairs = _anchors(old_key, new_key)
    anchors = sorted(pairs)
    candidates = _fuzzy(old_key, new_key, {i for i, _ in pairs}, {j for _, j in pairs}, min_similarity)
    in_place = _in_place(anchors, candidates)
    out_of_place = [(i, j) for i, j, score in candidates if (i, j) not in in_place and score < min_moved]
    mutual = _mutual_best(old_key, new_key, out_of_place)
    units = [([i], [j], 1.0, "unchanged") for i, j in anchors]
    for i, j, score in candidates:
        if (i, j) in in_place:
            units.append(([i], [j], score, "changed"))
        elif score >= min_moved or (i, j) in mutual:
            units.append(([i], [j], score, "moved"))
    units = _grow(units, old_key, new_key)
    return _table(units, old, new, old_text, new_text, old_key, new_key)


def _anchors(old_key: list[str], new_key: list[str]) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, old_key, new_key, autojunk=False)
    pairs = []
    for a, b, size in matcher.get_matching_blocks():
        pairs.extend((a + k, b + k) for k in range(size))
    return pairs


def _fuzzy(old_key, new_key, used_old, used_new, min_similarity) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairs among the unmatched sentences."""
    rest_old = [i for i in range(len(old_key)) if i not in used_old and old_key[i]]
    rest_new = [j for j in range(len(new_key)) if j not in used_new and new_key[j]]
    if not rest_old or not rest_new:
        return []
    cutoff = min_similarity * 100
    scores = process.cdist([old_key[i] for i in rest_old], [new_key[j] for j in rest_new], scorer=fuzz.ratio,
                           score_cutoff=cutoff, dtype=np.uint8, workers=-1)
    rows, cols = np.nonzero(scores)
    order = np.lexsort((cols, rows, -scores[rows, cols].astype(np.int16)))
    taken_old, taken_new, out = set(), set(), []
    for r, c in zip(rows[order], cols[order], strict=True):
        if r in taken_old or c in taken_new:
            continue
        taken_old.add(r)
        taken_new.add(c)
        i, j = rest_old[r], rest_new[c]
        out.append((i, j, fuzz.ratio(old_key[i], new_key[j]) / 100))
    return out


def _mutual_best(old_key: list[str], new_key: list[str], pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs whose sentences are each other's strict best match in the whole of both documents and share
    at least :data:`MOVED_MIN_SHARED` characters."""
    pairs = [(i, j) for i, j in pairs
             if fuzz.ratio(old_key[i], new_key[j]) / 100 * (len(old_key[i]) + len(new_key[j])) / 2
             >= MOVED_MIN_SHARED]
    if not pairs:
        return set()
    rows = process.cdist([old_key[i] for i, _ in pairs], new_key, scorer=fuzz.ratio, workers=-1)
    cols = process.cdist(old_key, [new_key[j] for _, j in pairs], scorer=fuzz.ratio, workers=-1)
    keep = set()
    for k, (i, j) in enumerate(pairs):
        score = rows[k, j]
        if (rows[k] >= score).sum() == 1 and (cols[:, k] >= score).sum() == 1:
            keep.add((i, j))
    return keep


def _in_place(anchors: list[tuple[int, int]], candidates) -> set[tuple[int, int]]:
    """Candidate pairs between the same anchors on both sides and in order among themselves."""
    a_old = [i for i, _ in anchors]
    a_new = [j for _, j in anchors]
    gaps: dict[int, list[tuple[int, int]]] = {}
    for i, j, _ in candidates:
        gap = bisect.bisect(a_old, i)
        if gap == bisect.bisect(a_new, j):
            gaps.setdefault(gap, []).append((i, j))
    keep = set()
    for pairs in gaps.values():
        keep.update(_increasing(sorted(pairs)))
    return keep


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of ``pairs`` (sorted by old index) whose new indices increase."""
    tails, tail_at, parent = [], [], [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        parent[k] = tail_at[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
    out, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = parent[k]
    return out[::-1]


def _grow(units, old_key, new_key):
    """Let unmatched neighbours join a changed or moved pair when that raises its similarity (split/merge)."""
    free_old = set(range(len(old_key))) - {i for u in units for i in u[0]}
    free_new = set(range(len(new_key))) - {j for u in units for j in u[1]}
    grown = []
    for olds, news, score, status in units:
        if status != "unchanged":
            improved = True
            while improved:
                improved = False
                for side, free in ((news, free_new), (olds, free_old)):
                    for neighbour in (side[0] - 1, side[-1] + 1):
                        if neighbour not in free:
                            continue
                        trial = sorted([*side, neighbour])
                        a = "".join(old_key[i] for i in (olds if side is news else trial))
                        b = "".join(new_key[j] for j in (trial if side is news else news))
                        trial_score = fuzz.ratio(a, b) / 100
                        if trial_score > score + 0.02:
                            side[:] = trial
                            free.discard(neighbour)
                            score, improved = trial_score, True
                            break
                    if improved:
                        break
        grown.append((olds, news, score, status))
    taken_old = {i for u in grown for i in u[0]}
    taken_new = {j for u in grown for j in u[1]}
    grown += [([i], [], np.nan, "dropped") for i in range(len(old_key)) if i not in taken_old]
    grown += [([], [j], np.nan, "added") for j in range(len(new_key)) if j not in taken_new]
    return grown


def _table(units, old, new, old_text, new_text, old_key, new_key) -> pd.DataFrame:
    old_para, old_no = list(old["para_no"]), list(old["sent_no"])
    new_para, new_no = list(new["para_no"]), list(new["sent_no"])
    rows = []
    for olds, news, score, status in units:
        if status in ("changed", "moved") and "".join(old_key[i] for i in olds) == "".join(new_key[j] for j in news):
            score = 1.0
            status = "unchanged" if status == "changed" else status
        unit = _UNIT[(len(olds) > 1, len(news) > 1)]
        rows.append({
            "status": status,
            "similarity": score,
            "old_para_no": old_para[olds[0]] if olds else pd.NA,
            "old_sent_no": old_no[olds[0]] if olds else pd.NA,
            "old_text": "".join(old_text[i] for i in olds),
            "new_para_no": new_para[news[0]] if news else pd.NA,
            "new_sent_no": new_no[news[0]] if news else pd.NA,
            "new_text": "".join(new_text[j] for j in news),
            "old_n": len(olds),
            "new_n": len(news),
            "unit": unit,
            "old_chars": sum(len(old_key[i]) for i in olds),
            "new_chars": sum(len(new_key[j]) for j in news),
            "_order": (news[0] if news else None, olds[0] if olds else None),
        })
    table = pd.DataFrame(rows, columns=[*COLUMNS, "_order"])
    return _reading_order(table)


def _reading_order(table: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order of the newer text; a dropped sentence after the unit that held its old predecessor."""
    if table.empty:
        return table.drop(columns="_order").astype({"old_n": int, "new_n": int})
    new_pos = [p[0] for p in table["_order"]]
    old_pos = [p[1] for p in table["_order"]]
    matched = sorted((o, n) for o, n in zip(old_pos, new_pos, strict=True) if o is not None and n is not None)
    matched_old = [o for o, _ in matched]
    running_max = np.maximum.accumulate([n for _, n in matched]) if matched else []
    keys = []
    for o, n in zip(old_pos, new_pos, strict=True):
        if n is not None:
            keys.append((n, 0, o if o is not None else -1))
        else:  # after the furthest new position reached by any earlier old sentence
            k = bisect.bisect_left(matched_old, o)
            keys.append((int(running_max[k - 1]) if k else -1, 1, o))
    table = table.assign(_key=keys).sort_values("_key", kind="stable").drop(columns=["_key", "_order"])
    for column in ("old_para_no", "old_sent_no", "new_para_no", "new_sent_no"):
        table[column] = table[column].astype("Int64")
    return table.reset_index(drop=True)
