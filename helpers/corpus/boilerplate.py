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
does both (:func:`apply` in memory; on disk the store build reads only the edges, :data:`EDGES_SQL`, and sets
aside chunk by chunk).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from ..errors import CorpusError
from ..punctuation import CLAUSE_STOPS, CLOSERS, COLONS, LABEL_BRACKETS, SET_PHRASE_ENDS, STOPS, one_of
from ..validate import check_columns, check_int
from .clean import is_salutation, normalise_width, remove_whitespace
from .model import Corpus
from .store import StoredTable

__all__ = ["EDGES_SQL", "FOUND_COLUMNS", "RULES", "SUMMARY_COLUMNS", "apply", "describe", "edges", "find",
           "set_aside", "summary"]

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
_ASIDE_COLUMNS = ["doc_id", "kind", "text", "reason", "line_start", "line_end", "start", "end"]
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


def _stays(text: str) -> bool:
    """A salutation or a closing thanks: the speaker's words, never boilerplate."""
    key = _key(text)
    return is_salutation(key) or bool(_SET_PHRASE.match(key))


EDGES_SQL = ("SELECT doc_id, para_no, text, from_start, from_end FROM {paragraphs} JOIN (SELECT doc_id, para_no, row_"
             "number() OVER w - 1 AS from_start, count(*) OVER (PARTITION BY doc_id) - row_number() OVER w AS from_end "
             "FROM {paragraphs} WINDOW w AS (PARTITION BY doc_id ORDER BY para_no) QUALIFY from_start < ? OR from_end <"
             " ?) USING (doc_id, para_no) ORDER BY doc_id, para_no")  # numbered without the text; the ? are EDGE


def edges(paragraphs, *, edge: int = EDGE) -> pd.DataFrame:
    """The first and last ``edge`` paragraphs of each document: ``doc_id, para_no, text, from_start, from_end``
    (0: the first, the last paragraph).  A table on disk is read by one SQL query returning only those rows."""
    edge = check_int("edge", edge, min_value=1)
    if isinstance(paragraphs, StoredTable):
        found = paragraphs.store.query(EDGES_SQL.format(paragraphs="paragraphs"), [edge, edge])
    elif {"from_start", "from_end"} <= set(paragraphs.columns):  # edges already (EDGES_SQL, as a store is built)
        found = paragraphs
    else:
        check_columns("paragraphs", paragraphs, ["doc_id", "para_no", "text"])
        found = paragraphs[["doc_id", "para_no", "text"]].sort_values(["doc_id", "para_no"], kind="stable")
        groups = found.groupby("doc_id", sort=False)
        found = found.assign(from_start=groups.cumcount(), from_end=groups.cumcount(ascending=False))
        found = found[(found["from_start"] < edge) | (found["from_end"] < edge)]
    return found.reset_index(drop=True).astype({"doc_id": str, "para_no": "int64", "text": str,
                                                "from_start": "int64", "from_end": "int64"})


def _works(documents: pd.DataFrame) -> dict[str, str]:
    """Each document's work: the document an edition copies (``edition_of``), or itself."""
    editions = documents["edition_of"] if "edition_of" in documents else [""] * len(documents)
    return {d: e if isinstance(e, str) and e else d for d, e in zip(documents["doc_id"], editions, strict=True)}


def _sides(rim: pd.DataFrame, edge: int) -> dict[str, dict]:
    """Each document's edge paragraphs ``(para_no, text, key)`` from each end (``start``, ``end``) and its number
    of paragraphs (``total``)."""
    sides: dict[str, dict] = {}
    for row in rim[["doc_id", "para_no", "text", "key", "from_start", "from_end"]].itertuples(index=False, name=None):
        ordered = sides.setdefault(row[0], {"start": [], "end": [], "total": row[4] + row[5] + 1})
        ordered["start"] += [row[1:4]] if row[4] < edge else []
        ordered["end"] += [row[1:4]] if row[5] < edge else []
    for ordered in sides.values():
        ordered["end"].reverse()
    return sides


def _recurring(sides: dict[str, dict], works: dict[str, str], everywhere: pd.Series, side: str,
               min_documents: int) -> dict[str, int]:
    """The keys that recur at one end (``side``) of at least ``min_documents`` works, and in how many.

    A key counts for a document when it is in the run of boilerplate from that end or is the first paragraph
    after it; the runs grow as keys are found, from the very edge inwards, until no key is added.  So a closing
    slogan that two documents say some paragraphs before their end and a third just before its licence notice
    does not recur: in the two others other paragraphs stand between it and the end.
    """
    common: dict[str, int] = {}
    while True:
        seen: dict[str, set] = {}
        for doc_id, ordered in sides.items():
            records = ordered[side]
            run = _run(records, common, everywhere, side)
            keys = [key for _, _, key in records[:len(run)]]
            if len(run) < len(records) and records[len(run)][2] and not _stays(records[len(run)][1]):
                keys.append(records[len(run)][2])
            for key in keys:
                seen.setdefault(key, set()).add(works.get(doc_id, doc_id))
        found = {key: len(w) for key, w in seen.items() if len(w) >= min_documents}
        if found.keys() <= common.keys():  # what is counted only grows, so this ends
            return found
        common = found


def find(paragraphs, documents: pd.DataFrame, *, min_documents: int = 3, edge: int = EDGE) -> pd.DataFrame:
    """The boilerplate of a corpus: ``doc_id, para_no, start, end, text, rule, n_documents``.

    ``paragraphs`` is a paragraphs table (a DataFrame or, on disk, the stored table: only its first and last
    ``edge`` paragraphs per document are read, see :func:`edges`); ``documents`` the documents table (its
    ``edition_of`` makes an edition count with its work).  A paragraph is boilerplate when it belongs to the
    unbroken run of boilerplate from one end of a document, and the same text stands in that run, or next to
    it, in at least ``min_documents`` works (see the module for every rule).  ``start``/``end`` are character
    offsets in the paragraph's text (the whole paragraph, or the notice cut from it); ``text`` is that part;
    ``rule`` names the rule that found it (:data:`RULES`); ``n_documents`` counts the works sharing it (for a
    line found by its kind: the works whose edges hold the same line).  In corpus order, then ``para_no``.
    """
    min_documents = check_int("min_documents", min_documents, min_value=2)
    edge = check_int("edge", edge, min_value=1)
    check_columns("documents", documents, ["doc_id"])
    rim = edges(paragraphs, edge=edge)
    rim["key"] = rim["text"].map(_key)
    works = _works(documents)
    everywhere = rim.assign(work=rim["doc_id"].map(works)).groupby("key")["work"].nunique()
    sides = _sides(rim, edge)
    common = {side: _recurring(sides, works, everywhere, side, min_documents) for side in ("start", "end")}
    glued = {side: sorted((k for k in common[side] if len(k) >= _MIN_GLUED), key=len, reverse=True)
             for side in ("start", "end")}
    rows = [row for doc_id, ordered in sides.items() for row in _document(doc_id, ordered, common, glued, everywhere)]
    rank = {d: i for i, d in enumerate(documents["doc_id"])}
    found = pd.DataFrame(rows, columns=FOUND_COLUMNS).sort_values(
        ["doc_id", "para_no", "start"], key=lambda s: s.map(rank) if s.name == "doc_id" else s, kind="stable")
    found = found.reset_index(drop=True)
    return found.astype({"doc_id": str, "para_no": "int64", "start": "int64", "end": "int64", "text": str,
                         "rule": str, "n_documents": "int64"})


def _document(doc_id: str, ordered: dict, common: dict, glued: dict, everywhere: pd.Series) -> list[dict]:
    """The boilerplate rows of one document (``ordered``: its edge paragraphs from each end; see :func:`find`)."""
    head = _run(ordered["start"], common["start"], everywhere, "start")
    in_head = {r["para_no"] for r in head}
    tail = [r for r in _run(ordered["end"], common["end"], everywhere, "end") if r["para_no"] not in in_head]
    taken = in_head | {r["para_no"] for r in tail}
    if len(taken) >= ordered["total"]:  # never empty a document
        return []
    rows = head + tail
    for side, run in (("start", head), ("end", tail)):
        records = ordered[side]
        if len(run) < len(records) and records[len(run)][0] not in taken:
            piece = _glued(records[len(run)], glued[side], common[side], side)
            rows += [piece] if piece is not None else []
    return [{"doc_id": doc_id, **r} for r in rows]


def _run(records: list[tuple], common: dict[str, int], everywhere: pd.Series, side: str) -> list[dict]:
    """The unbroken run of boilerplate paragraphs from one end (``records`` ordered from that end)."""
    run = []
    for para_no, text, key in records:
        if not key or _stays(text):
            break
        if key in common:
            rule, n = f"recurring_{side}", common[key]
        else:
            rule = next((name for name, (pattern, longest) in _LINES.items()
                         if len(key) <= longest and pattern.search(key)), None)
            if rule == "licence_notice" and _notice_at(key):
                rule = None  # a sentence before the notice: only the notice is cut (_glued)
            if rule is None:
                break
            n = max(1, int(everywhere.get(key, 1)))
        run.append({"para_no": para_no, "start": 0, "end": len(text), "text": text, "rule": rule, "n_documents": n})
    return run


def _notice_at(key: str) -> int | None:
    """Where a licence notice starts in ``key`` after a sentence end (None if none does, or it is all the text)."""
    for match in _NOTICE_OPENING.finditer(key):
        if match.start() == 0:
            return None
        if key[match.start() - 1] in _SENTENCE_END and _NOTICE_NAMES.search(key, match.start()):
            return match.start()
    return None


def _glued(record: tuple, keys: list[str], common: dict[str, int], side: str) -> dict | None:
    """The notice run into the paragraph next to a run (into its end, or its start), cut where a sentence ends;
    None if there is none."""
    para_no, text, key = record
    cut = None  # (length of the kept part in the key, rule, n_documents)
    for k in keys:
        if len(k) < len(key) and (key.endswith(k) if side == "end" else key.startswith(k)):
            cut = (len(key) - len(k) if side == "end" else len(k), "recurring_glued", common[k])
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


def _reason(rule: str, n: int) -> str:
    return f"{rule}: {RULES[rule]}; shared by {n} documents"


def set_aside(tables, found: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables ``documents, paragraphs, sentences, set_aside, list_items`` with ``found`` (:func:`find`) moved
    from the body to ``set_aside``.

    ``tables``: a :class:`~helpers.corpus.model.Corpus` in memory, or a mapping of those tables (a chunk of whole
    documents on disk).  A paragraph found whole is dropped; one cut keeps the rest of its text, its sentences and
    list items trimmed to it (their offsets moved when its opening was cut); ``para_no`` and ``sent_no`` keep their
    values.  Each piece is a ``set_aside`` row of kind ``boilerplate``, its ``reason`` led by the rule
    (``recurring_end: a paragraph that closes several documents; shared by 67 documents``), with the paragraph's raw
    lines and the piece's offsets in its text.  ``documents`` gets new ``n_paragraphs, n_sentences, n_chars,
    n_set_aside, n_chars_set_aside``, so :func:`~helpers.corpus.model.accounting` still adds up.
    """
    check_columns("found", found, FOUND_COLUMNS)
    out = {name: tables[name] if isinstance(tables, Mapping) else getattr(tables, name)
           for name in ("documents", "paragraphs", "sentences", "set_aside", "list_items")}
    if found.empty:
        return out
    documents, paragraphs = out["documents"], out["paragraphs"]
    wanted = set(zip(found["doc_id"], found["para_no"], strict=True))
    para = {(d, n): (t, a, b) for d, n, t, a, b in zip(paragraphs["doc_id"], paragraphs["para_no"], paragraphs["text"],
                                                       paragraphs["line_start"], paragraphs["line_end"], strict=True)
            if (d, n) in wanted}
    keep: dict[tuple, tuple[int, int]] = {}
    new_rows = []
    for row in found.itertuples(index=False):
        where = (row.doc_id, row.para_no)
        text, line_start, line_end = para[where]
        lo, hi = keep.get(where, (0, len(text)))  # the part of the paragraph kept
        lo, hi = max(lo, row.end) if row.start == 0 else lo, min(hi, row.start) if row.end == len(text) else hi
        keep[where] = (lo, max(lo, hi))
        new_rows.append({"doc_id": row.doc_id, "kind": "boilerplate", "text": row.text,
                         "reason": _reason(row.rule, row.n_documents), "line_start": line_start,
                         "line_end": line_end, "start": row.start, "end": row.end})
    for where, (lo, hi) in keep.items():  # whitespace at a cut goes too (it is counted nowhere)
        part = para[where][0][lo:hi]
        keep[where] = (lo + len(part) - len(part.lstrip()), hi - len(part) + len(part.rstrip()))
    out["paragraphs"] = _cut_paragraphs(paragraphs, keep)
    texts = dict(zip(zip(out["paragraphs"]["doc_id"], out["paragraphs"]["para_no"], strict=True),
                     out["paragraphs"]["text"], strict=True))
    out["sentences"] = _trim(out["sentences"], keep, texts, count="n_chars")
    out["list_items"] = _trim(out["list_items"], keep, texts)
    added = pd.DataFrame(new_rows, columns=_ASIDE_COLUMNS)
    rank = {d: i for i, d in enumerate(documents["doc_id"])}
    merged = pd.concat([out["set_aside"], added], ignore_index=True) if len(out["set_aside"]) else added
    out["set_aside"] = merged.sort_values(["doc_id", "line_start", "start"], kind="stable",
                                          key=lambda s: s.map(rank) if s.name == "doc_id" else s
                                          ).reset_index(drop=True)
    out["documents"] = _recount(documents, out, added)
    return out


def _cut_paragraphs(paragraphs: pd.DataFrame, keep: dict) -> pd.DataFrame:
    """The paragraphs without those kept empty, the others cut to ``keep``."""
    keys = list(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True))
    texts = paragraphs["text"].tolist()
    new_text, dropped = [], []
    for i, (where, text) in enumerate(zip(keys, texts, strict=True)):
        lo, hi = keep.get(where, (0, len(text)))
        new_text.append(text[lo:hi])
        if hi <= lo:
            dropped.append(i)
    cut = paragraphs.assign(text=pd.Series(new_text, index=paragraphs.index, dtype=paragraphs["text"].dtype))
    cut["n_chars"] = cut["text"].str.len().astype(paragraphs["n_chars"].dtype)
    return cut.drop(index=paragraphs.index[dropped]).reset_index(drop=True)


def _trim(table: pd.DataFrame, keep: dict, texts: dict, *, count: str | None = None) -> pd.DataFrame:
    """Sentences or list items of cut paragraphs: those outside the kept part dropped, the others trimmed to it
    and their offsets moved to the kept text; ``text`` (if the table has it; not on disk) and ``count`` made again."""
    if table.empty:
        return table
    starts, ends, dropped = table["start"].tolist(), table["end"].tolist(), []
    for i, where in enumerate(zip(table["doc_id"], table["para_no"], strict=True)):
        if where in keep:
            lo, hi = keep[where]
            starts[i], ends[i] = max(starts[i], lo) - lo, min(ends[i], hi) - lo
            dropped += [i] if ends[i] <= starts[i] or where not in texts else []
    out = table.assign(start=pd.Series(starts, index=table.index, dtype=table["start"].dtype),
                       end=pd.Series(ends, index=table.index, dtype=table["end"].dtype))
    out = out.drop(index=table.index[dropped])
    if "text" in table:
        out["text"] = [texts[w][a:b] if w in keep else t for w, a, b, t in zip(
            zip(out["doc_id"], out["para_no"], strict=True), out["start"], out["end"], out["text"], strict=True)]
        out["text"] = out["text"].astype(table["text"].dtype)
    if count is not None:
        out[count] = (out["end"] - out["start"]).astype(table[count].dtype)
    return out.reset_index(drop=True)


def _recount(documents: pd.DataFrame, tables: dict, added: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with the counts of the new body and set-aside rows."""
    visible = lambda texts: len(remove_whitespace("".join(texts)))  # noqa: E731
    para = tables["paragraphs"].groupby("doc_id")
    new = {"n_paragraphs": para.size(), "n_sentences": tables["sentences"].groupby("doc_id").size(),
           "n_chars": para["text"].agg(visible)}
    more = {"n_set_aside": added.groupby("doc_id").size(), "n_chars_set_aside": added.groupby("doc_id")["text"].agg(
        visible)}
    out = documents.copy()
    for column in (c for c in [*new, *more] if c in out):
        values = documents["doc_id"].map(new.get(column, more.get(column))).fillna(0).to_numpy()
        out[column] = (values if column in new else out[column].to_numpy() + values).astype(documents[column].dtype)
    return out


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
