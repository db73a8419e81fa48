"""Boilerplate across documents: text the source added at the start or end of documents, found and set aside.

A copy of a text from a web site or a wiki carries what the site adds: a licence notice (Wikisource's
``本作品是中华人民共和国的法律、法规… 属于公有领域``, ``Public domain``), a source or editor line (``来源：…``,
``责任编辑：…``), a copyright line, site furniture.  Counted as text, it tops collocations and is the longest
passage documents "share".  :func:`find` looks for it corpus-wide, within ``edge`` paragraphs of each end:

* ``recurring_start`` / ``recurring_end`` — a paragraph (compared without whitespace, full-width letters and
  digits as ASCII) in the run of boilerplate from that end, or next to it, in at least ``min_documents`` works
  (an edition, ``documents.edition_of``, counts with the work it copies);
* ``source_line``, ``editor_line``, ``copyright_line``, ``licence_notice`` — a short line of a known kind, in a
  single document too;
* ``recurring_glued`` / ``licence_glued`` — a recurring paragraph or a licence notice run into the paragraph
  next to the run after a sentence end: only the notice is cut, the sentence keeps its text.

What is set aside is the unbroken run of such paragraphs from the very first (last) paragraph inwards: a real
paragraph stops it, so a sentence repeated inside the bodies is never touched; a salutation or a closing thanks
(``各位代表！``, ``同志们：``, ``谢谢大家！``) is never boilerplate and stops it too.  A document is never emptied.

:func:`set_aside` moves what was found to ``set_aside`` (kind ``boilerplate``; ``reason`` starts with the rule and
ends with the number of documents sharing it) and fixes the counts of ``documents``; ``para_no`` and ``sent_no``
keep their values (tokens, sentences and list items refer to them), so they may start above 1.  ``corpus.load``
does both (:func:`apply` in memory; on disk the store build finds it from the chunk files and sets it aside
chunk by chunk).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from ..errors import CorpusError
from ..punctuation import CLAUSE_STOPS, CLOSERS, COLONS, LABEL_BRACKETS, SET_PHRASE_ENDS, STOPS, one_of
from ..validate import check_columns, check_int
from .clean import is_salutation, normalise_width, remove_whitespace
from .cut import cut_out
from .model import Corpus
from .store import StoredTable

__all__ = ["FOUND_COLUMNS", "RULES", "SUMMARY_COLUMNS", "apply", "describe", "find", "set_aside", "summary"]

RULES = {
    "recurring_start": "a paragraph that opens several documents",
    "recurring_end": "a paragraph that closes several documents",
    "recurring_glued": "a paragraph that closes (opens) several documents, run into a sentence here",
    "source_line": "a source line (来源：…) at the start or end",
    "editor_line": "an editor line (责任编辑：…) at the start or end",
    "copyright_line": "a copyright line (©, Copyright, 版权所有) at the start or end",
    "licence_notice": "a licence notice (公有领域, Public domain, 著作权法 …) at the start or end",
    "licence_glued": "a licence notice run into the last sentence",
}
FOUND_COLUMNS = ["doc_id", "para_no", "start", "end", "text", "rule", "n_documents"]
SUMMARY_COLUMNS = ["rule", "n_documents", "example", "characters"]
EDGE = 12  # paragraphs read at each end of a document
_MIN_GLUED = 10  # a recurring paragraph found run into another one is at least this long (without whitespace)
_OPENS, _COLON = one_of(LABEL_BRACKETS), one_of(COLONS)
_LINES = {  # rule: (pattern on the paragraph without whitespace, longest such line)
    "source_line": (re.compile(f"^{_OPENS}?(?:来源|文章来源|稿件来源|信息来源|转载自|出处|source){_COLON}", re.I), 60),
    "editor_line": (re.compile(f"^{_OPENS}?(?:责任编辑|编辑|责编|审核|校对|编审|editor){_COLON}", re.I), 60),
    "copyright_line": (re.compile(r"©|copyright|版权所有|\(c\)\d{4}", re.I), 120),
    "licence_notice": (re.compile(r"公有领域|publicdomain|版权失效|知识共享|creativecommons|ccby|^本模板"
                                  r"|^(?:本作品|这部作品).*(?:著作权|版权)", re.I), 500),
}
# a licence notice run into a paragraph: a sentence that starts 本作品/这部作品, to the end, that names the licence
_NOTICE_OPENING = re.compile(r"本作品|这部作品")
_NOTICE_NAMES = re.compile(r"公有领域|著作权法|publicdomain", re.I)
_SET_PHRASE = re.compile(f"^(?:谢谢|谢谢大家|谢谢各位|谢谢你们|感谢大家){one_of(SET_PHRASE_ENDS)}?$")
_SENTENCE_END = STOPS + CLAUSE_STOPS + CLOSERS


def _key(text: str) -> str:
    """What paragraphs are compared on: no whitespace, full-width letters and digits as ASCII."""
    return remove_whitespace(normalise_width(text))


def _stays(key: str) -> bool:
    """A salutation or a closing thanks (``key``: :func:`_key` of the text): the speaker's words, never boilerplate."""
    return is_salutation(key) or bool(_SET_PHRASE.match(key))


def _ident(key: str) -> int:
    """A paragraph's key as a 64-bit number: keys are counted by it (the edge paragraphs' text is not held)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little", signed=True)


def _line(key: str) -> str | None:
    """The rule of the short line of a known kind (:data:`_LINES`) that ``key`` is, or None."""
    rule = next((name for name, (pattern, longest) in _LINES.items() if len(key) <= longest and pattern.search(key)),
                None)
    return None if rule == "licence_notice" and _notice_at(key) else rule  # a sentence first: the notice is _glued


def _chunks(paragraphs) -> Callable[[], Iterator[pd.DataFrame]]:
    """The paragraphs ``doc_id, para_no, text`` in chunks of whole documents, as often as asked: a DataFrame as one
    chunk; a stored table, or the chunk files of a store being built (a list of paths), chunk by chunk."""
    columns = ["doc_id", "para_no", "text"]
    if isinstance(paragraphs, StoredTable):
        return lambda: paragraphs.store.chunks(paragraphs.name, columns)
    if isinstance(paragraphs, list):
        return lambda: (pq.read_table(path, columns=columns).to_pandas() for path in paragraphs)
    check_columns("paragraphs", paragraphs, columns)
    return lambda: iter([paragraphs[columns]])


def _works(documents: pd.DataFrame) -> dict[str, str]:
    """Each document's work: the document an edition copies (``edition_of``), or itself."""
    editions = documents["edition_of"] if "edition_of" in documents else [""] * len(documents)
    return {d: e if isinstance(e, str) and e else d for d, e in zip(documents["doc_id"], editions, strict=True)}


def _sides(chunks: Callable, works: dict[str, str], edge: int) -> tuple[dict[str, dict], pd.Series]:
    """Each document's first and last ``edge`` paragraphs, ordered from each end (``start``, ``end``), as records
    ``(para_no, ident, line, stops)`` (:func:`_ident` and :func:`_line` of the key; ``stops``: empty, a salutation or
    a closing thanks), and its number of paragraphs (``total``); and in how many works' edges each ident stands.
    Read chunk by chunk, the text not kept (979 M characters: 1.4 M edge paragraphs)."""
    sides: dict[str, dict] = {}
    idents, owners, number = array("q"), array("q"), {}
    for frame in chunks():
        rim = frame.sort_values(["doc_id", "para_no"], kind="stable")
        groups = rim.groupby("doc_id", sort=False)
        rim = rim.assign(from_start=groups.cumcount(), from_end=groups.cumcount(ascending=False))
        rim = rim[(rim["from_start"] < edge) | (rim["from_end"] < edge)]
        for doc_id, para_no, text, from_start, from_end in rim.itertuples(index=False, name=None):
            key = _key(text)
            record = (int(para_no), _ident(key), _line(key), not key or _stays(key))
            ordered = sides.setdefault(doc_id, {"start": [], "end": [], "total": from_start + from_end + 1})
            ordered["start"] += [record] if from_start < edge else []
            ordered["end"] += [record] if from_end < edge else []
            idents.append(record[1])
            owners.append(number.setdefault(works.get(doc_id, doc_id), len(number)))
    for ordered in sides.values():
        ordered["end"].reverse()
    pairs = pd.DataFrame({"ident": np.frombuffer(idents, np.int64), "work": np.frombuffer(owners, np.int64)})
    return sides, pairs.drop_duplicates().groupby("ident").size()


def _recurring(sides: dict[str, dict], works: dict[str, str], everywhere: pd.Series, side: str,
               min_documents: int) -> dict[int, int]:
    """The keys (idents) that recur at one end (``side``) of at least ``min_documents`` works, and in how many.

    A key counts for a document when it is in the run of boilerplate from that end or is the first paragraph
    after it; the runs grow as keys are found, from the very edge inwards, until no key is added.  So a closing
    slogan that two documents say some paragraphs before their end and a third just before its licence notice
    does not recur: in the two others other paragraphs stand between it and the end.
    """
    common: dict[int, int] = {}
    while True:
        seen: dict[int, set] = {}
        for doc_id, ordered in sides.items():
            records = ordered[side]
            run = _run(records, common, everywhere, side)
            keys = [record[1] for record in records[:len(run)]]
            if len(run) < len(records) and not records[len(run)][3]:
                keys.append(records[len(run)][1])
            for key in keys:
                seen.setdefault(key, set()).add(works.get(doc_id, doc_id))
        found = {key: len(w) for key, w in seen.items() if len(w) >= min_documents}
        if found.keys() <= common.keys():  # what is counted only grows, so this ends
            return found
        common = found


def find(paragraphs, documents: pd.DataFrame, *, min_documents: int = 3, edge: int = EDGE) -> pd.DataFrame:
    """The boilerplate of a corpus: ``doc_id, para_no, start, end, text, rule, n_documents``.

    ``paragraphs`` is a paragraphs table (a DataFrame or, on disk, the stored table, read chunk by chunk; or the
    chunk files of a store being built); ``documents`` the documents table (its ``edition_of`` makes an edition
    count with its work).  A paragraph is boilerplate when it belongs to the unbroken run of boilerplate from one
    end of a document, within its first or last ``edge`` paragraphs, and the same text stands in that run, or next
    to it, in at least ``min_documents`` works (see the module for every rule).  ``start``/``end`` are character
    offsets in the paragraph's text (the whole paragraph, or the notice cut from it); ``text`` is that part;
    ``rule`` names the rule that found it (:data:`RULES`); ``n_documents`` counts the works sharing it (for a
    line found by its kind: the works whose edges hold the same line).  In corpus order, then ``para_no``.

    The edges are read once without their text, then the text of the runs and of the paragraphs next to them.
    """
    min_documents = check_int("min_documents", min_documents, min_value=2)
    edge = check_int("edge", edge, min_value=1)
    check_columns("documents", documents, ["doc_id"])
    chunks, works = _chunks(paragraphs), _works(documents)
    sides, everywhere = _sides(chunks, works, edge)
    common = {side: _recurring(sides, works, everywhere, side, min_documents) for side in ("start", "end")}
    runs = {doc_id: {side: _run(ordered[side], common[side], everywhere, side) for side in ("start", "end")}
            for doc_id, ordered in sides.items()}
    wanted = {(doc_id, record[0]) for doc_id, ordered in sides.items() for side in ("start", "end")
              for record in ordered[side][:len(runs[doc_id][side]) + 1]}  # the runs and the paragraphs after them
    texts = {(d, p): t for frame in chunks() for d, p, t in zip(frame["doc_id"], frame["para_no"], frame["text"],
                                                                 strict=True) if (d, p) in wanted}
    glued = {}  # each end's recurring keys (every one stands in a run) long enough to be found run into a paragraph
    for side in ("start", "end"):
        keys = {record[1]: _key(texts[doc_id, record[0]]) for doc_id, ordered in sides.items()
                for record in ordered[side][:len(runs[doc_id][side])] if record[1] in common[side]}
        glued[side] = sorted(((k, common[side][i]) for i, k in keys.items() if len(k) >= _MIN_GLUED),
                             key=lambda pair: len(pair[0]), reverse=True)
    rows = [row for doc_id, ordered in sides.items()
            for row in _document(doc_id, ordered, runs[doc_id], glued, lambda p, d=doc_id: texts[d, p])]
    rank = {d: i for i, d in enumerate(documents["doc_id"])}
    found = pd.DataFrame(rows, columns=FOUND_COLUMNS).sort_values(
        ["doc_id", "para_no", "start"], key=lambda s: s.map(rank) if s.name == "doc_id" else s, kind="stable")
    found = found.reset_index(drop=True)
    return found.astype({"doc_id": str, "para_no": "int64", "start": "int64", "end": "int64", "text": str,
                         "rule": str, "n_documents": "int64"})


def _document(doc_id: str, ordered: dict, runs: dict, glued: dict, text: Callable[[int], str]) -> list[dict]:
    """The boilerplate rows of one document (``ordered``: its edge records from each end; ``runs``: the run from
    each end; ``text``: a paragraph's text by ``para_no``; see :func:`find`)."""
    head = runs["start"]
    in_head = {r["para_no"] for r in head}
    tail = [r for r in runs["end"] if r["para_no"] not in in_head]
    taken = in_head | {r["para_no"] for r in tail}
    if len(taken) >= ordered["total"]:  # never empty a document
        return []
    rows = [{**r, "start": 0, "end": len(text(r["para_no"])), "text": text(r["para_no"])} for r in head + tail]
    for side, run in (("start", head), ("end", tail)):
        records = ordered[side]
        if len(run) < len(records) and records[len(run)][0] not in taken:
            piece = _glued(records[len(run)][0], text(records[len(run)][0]), glued[side], side)
            rows += [piece] if piece is not None else []
    return [{"doc_id": doc_id, **r} for r in rows]


def _run(records: list[tuple], common: dict[int, int], everywhere: pd.Series, side: str) -> list[dict]:
    """The unbroken run of boilerplate paragraphs from one end (``records`` ordered from that end, see
    :func:`_sides`): ``para_no, rule, n_documents`` of each."""
    run = []
    for para_no, ident, line, stops in records:
        if stops:
            break
        if ident in common:
            rule, n = f"recurring_{side}", common[ident]
        elif line is not None:
            rule, n = line, max(1, int(everywhere.get(ident, 1)))
        else:
            break
        run.append({"para_no": para_no, "rule": rule, "n_documents": n})
    return run


def _notice_at(key: str) -> int | None:
    """Where a licence notice starts in ``key`` after a sentence end (None if none does, or it is all the text)."""
    for match in _NOTICE_OPENING.finditer(key):
        if match.start() == 0:
            return None
        if key[match.start() - 1] in _SENTENCE_END and _NOTICE_NAMES.search(key, match.start()):
            return match.start()
    return None


def _glued(para_no: int, text: str, keys: list[tuple[str, int]], side: str) -> dict | None:
    """The notice run into the paragraph next to a run (into its end, or its start), cut where a sentence ends;
    None if there is none.  ``keys``: the recurring keys of that end, longest first, with their numbers of works."""
    key = _key(text)
    cut = None  # (length of the kept part in the key, rule, n_documents)
    for k, n in keys:
        if len(k) < len(key) and (key.endswith(k) if side == "end" else key.startswith(k)):
            cut = (len(key) - len(k) if side == "end" else len(k), "recurring_glued", n)
            break
    if cut is None and side == "end" and (at := _notice_at(key)):
        cut = (at, "licence_glued", 1)
    if cut is None or key[cut[0] - 1] not in _SENTENCE_END:  # the notice must follow (precede) a sentence end
        return None
    position, rule, n = cut
    visible = [i for i, ch in enumerate(text) if remove_whitespace(ch)]
    at = visible[position]  # the text's offset of the key's character at position
    start, end = (at, len(text)) if side == "end" else (0, at)
    return {"para_no": para_no, "start": start, "end": end, "text": text[start:end], "rule": rule, "n_documents": n}


def set_aside(tables, found: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables ``documents, paragraphs, sentences, set_aside, list_items`` with ``found`` (:func:`find`) moved
    from the body to ``set_aside`` (:func:`~helpers.corpus.cut.cut_out`: ``tables`` a corpus in memory or the
    tables of a chunk of whole documents on disk; ``para_no`` and ``sent_no`` keep their values; the counts of
    ``documents`` made again).  Each piece is a ``set_aside`` row of kind ``boilerplate``, its ``reason`` led by the
    rule (``recurring_end: a paragraph that closes several documents; shared by 67 documents``)."""
    check_columns("found", found, FOUND_COLUMNS)
    reasons = [f"{rule}: {RULES[rule]}; shared by {n} documents" for rule, n in zip(found["rule"], found["n_documents"],
                                                                                     strict=True)]
    return cut_out(tables, found.assign(kind="boilerplate", reason=reasons))


def apply(corpus: Corpus, *, min_documents: int = 3, edge: int = EDGE) -> Corpus:
    """The corpus with its boilerplate (:func:`find`) set aside (:func:`set_aside`), in memory (on disk
    :class:`~helpers.errors.CorpusError`: its store is built with it set aside, ``corpus.load(boilerplate=True)``)."""
    if corpus.storage != "memory":
        raise CorpusError(f"{corpus.folder}: a corpus on disk has its boilerplate set aside as its store is built")
    found = find(corpus.paragraphs, corpus.documents, min_documents=min_documents, edge=edge)
    return corpus.replace(**set_aside(corpus, found))


def summary(corpus: Corpus) -> pd.DataFrame:
    """What was set aside as boilerplate, by rule: ``rule, n_documents, example, characters``.

    ``n_documents`` counts the documents with a block of that rule, ``example`` is its most frequent text (its
    first 60 characters), ``characters`` the non-whitespace characters set aside by it; most characters first.
    """
    aside = corpus.set_aside
    aside = aside[aside["kind"] == "boilerplate"]
    if aside.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    aside = aside.assign(rule=aside["reason"].str.split(":", n=1).str[0],
                         characters=aside["text"].map(lambda text: len(remove_whitespace(text))))
    rows = []
    for rule, group in aside.groupby("rule", sort=False):
        example = group["text"].value_counts().index[0]
        rows.append({"rule": rule, "n_documents": group["doc_id"].nunique(),
                     "example": example if len(example) <= 60 else example[:60] + "…",
                     "characters": int(group["characters"].sum())})
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return table.sort_values(["characters", "rule"], ascending=[False, True]).reset_index(drop=True)


def describe(table: pd.DataFrame) -> str:
    """One sentence on :func:`summary`'s table, generated from it."""
    check_columns("table", table, SUMMARY_COLUMNS)
    if table.empty:
        return "No boilerplate was set aside: no text recurs at the start or end of the documents."
    top = table.iloc[0]
    return (f"{int(table['characters'].sum()):,} characters of boilerplate were set aside by "
            f"{len(table)} rule{'s' if len(table) != 1 else ''}; the most, {int(top['characters']):,} characters, by "
            f"{top['rule']} ({RULES[top['rule']]}) in {int(top['n_documents'])} documents, e.g. “{top['example']}”.")
