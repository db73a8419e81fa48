"""Theme codebook: read it, find its terms in the text, score paragraphs, sections and documents.

``helpers/lexicons/themes.csv`` lists ``theme, term, note`` one term
a row; :func:`codebook` reads it and names file and line of a malformed row.
:func:`matches` finds the terms as strings in the cleaned paragraph text
(independent of segmentation), longest match first and without overlaps, so a
position is counted once: in ``人才培养`` only ``人才培养`` counts, not also
``人才``.  With ``nested="codebook"`` (default) every term of the codebook
competes for a position, so the most specific term decides the theme
(``全球科技治理`` counts for 开放合作, not also ``科技治理`` for 党的领导与治理);
with ``nested="theme"`` each theme is matched on its own and one position may
count for several themes.  A term listed under two themes counts for both.
:func:`score` turns matches into hits per 1,000 characters per paragraph and
theme, :func:`by_section` and :func:`by_document` add them up, and
:func:`drivers` lists the terms behind every score.

The paragraphs are read chunk by chunk through :mod:`helpers.engine` (in memory: one chunk), one chunk's
texts at a time, and the sums are exact because a document never spans two chunks.  Beyond
:data:`MAX_SCORE_ROWS` rows (paragraphs times themes), :func:`score` gives one row per section rather than per
paragraph, whatever the storage; :func:`by_section`, :func:`by_document` and :func:`drivers` are the same
either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .. import engine
from ..config import lexicon
from ..lexicon import LexiconError, read_table
from ..textstat.works import each_work_once
from ..validate import check_choice, check_number

__all__ = ["CODEBOOK_COLUMNS", "DOMINANT_SHARE", "NESTED", "by_document", "by_section", "codebook", "drivers",
           "matches", "pool_drivers", "score"]

CODEBOOK_COLUMNS = ["theme", "term", "note"]
NESTED = ("codebook", "theme")


def codebook(path: Path | str | None = None) -> pd.DataFrame:
    """The theme codebook: columns ``theme, term, note, line``, in file order.

    ``path`` defaults to ``helpers/lexicons/themes.csv`` (UTF-8 CSV with the
    header ``theme,term,note``; blank lines are skipped).  ``theme`` is an
    ordered categorical in the order the themes first appear; ``line`` is the
    line number in the file.  A malformed row, an empty theme or term, or a
    term listed twice under one theme raises :class:`~helpers.lexicon.LexiconError`
    (a ValueError) naming the file and the line.
    """
    path = Path(path) if path is not None else lexicon("themes.csv")
    table = read_table(path, columns=CODEBOOK_COLUMNS, required=["theme", "term"])
    first = table.drop_duplicates(["theme", "term"]).set_index(["theme", "term"])["line"]
    for theme, term, number in table.loc[table.duplicated(["theme", "term"]), ["theme", "term", "line"]].itertuples(
            index=False):
        raise LexiconError(f"{path}, line {number}: {term!r} is already listed under {theme!r} "
                           f"on line {first[(theme, term)]}")
    if table.empty:
        raise LexiconError(f"{path}: no terms (expected the header 'theme,term,note' and one row per term)")

    order = list(dict.fromkeys(table["theme"]))
    return table.assign(theme=pd.Categorical(table["theme"], categories=order, ordered=True))


def _resolve(book: pd.DataFrame | None) -> pd.DataFrame:
    return codebook() if book is None else book


def _theme_dtype(book: pd.DataFrame) -> pd.CategoricalDtype:
    if isinstance(book["theme"].dtype, pd.CategoricalDtype):
        return book["theme"].dtype
    return pd.CategoricalDtype(list(dict.fromkeys(book["theme"])), ordered=True)


def _find_all(text: str, term: str) -> list[int]:
    """Start of every occurrence of ``term`` in ``text``, overlapping ones included."""
    starts, at = [], text.find(term)
    while at >= 0:
        starts.append(at)
        at = text.find(term, at + 1)
    return starts


def _claim(text: str, terms: Sequence[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping occurrences of ``terms``: longest first, then leftmost; sorted by position."""
    candidates = [(-len(t), s, t) for t in terms for s in _find_all(text, t)]
    candidates.sort()
    taken = np.zeros(len(text), dtype=bool)
    kept = []
    for negative, start, term in candidates:
        end = start - negative
        if not taken[start:end].any():
            taken[start:end] = True
            kept.append((start, end, term))
    return sorted(kept)


def matches(paragraphs: pd.DataFrame, codebook: pd.DataFrame | None = None, *,
            nested: str = "codebook") -> pd.DataFrame:
    """Every codebook term found in the cleaned paragraph text, one row per match and theme.

    Returns ``doc_id, para_no, section, theme, term, start, end`` in text
    order (``start``/``end`` are character offsets into the paragraph text, so
    ``text[start:end] == term``).  Matching is on strings, longest term first,
    then leftmost, never overlapping: ``nested`` is ``"codebook"`` (default:
    all terms compete for a position; a term listed under two themes gives a
    row for each) or ``"theme"`` (each theme matched on its own).
    ``paragraphs`` needs ``doc_id, para_no, text`` (``section`` is kept if present).
    """
    check_choice("nested", nested, NESTED)
    book = _resolve(codebook)
    dtype = _theme_dtype(book)
    themes_of: dict[str, list[str]] = {}
    for theme, term in zip(book["theme"].astype(str), book["term"], strict=True):
        themes_of.setdefault(term, []).append(theme)
    scopes = ([(list(themes_of), None)] if nested == "codebook"
              else [(book.loc[book["theme"].astype(str) == t, "term"].tolist(), t) for t in dtype.categories])
    rows = []
    for index, text in enumerate(paragraphs["text"]):
        for terms, theme in scopes:
            for start, end, term in _claim(text, terms):
                for hit_theme in (themes_of[term] if theme is None else [theme]):
                    rows.append((index, hit_theme, term, start, end))
    found = pd.DataFrame(rows, columns=["index", "theme", "term", "start", "end"])
    found["theme"] = pd.Categorical(found["theme"], dtype=dtype)
    found = found.sort_values(["index", "start", "theme"], kind="stable").reset_index(drop=True)
    where = paragraphs.iloc[found["index"].to_numpy()].reset_index(drop=True)
    section = where["section"] if "section" in where.columns else pd.Series("", index=found.index)
    return pd.DataFrame({
        "doc_id": where["doc_id"], "para_no": where["para_no"], "section": section,
        "theme": found["theme"], "term": found["term"],
        "start": found["start"].astype(int), "end": found["end"].astype(int),
    })


_CHUNK_COLUMNS = ["doc_id", "para_no", "section", "text"]
MAX_SCORE_ROWS = 2_000_000  # rows (paragraphs × themes) of a score table; beyond, one row per section and theme


def _ranks(source: engine.Source) -> dict:
    """Each document's place in the corpus (documents not in a documents table: in the order they come)."""
    return {doc_id: i for i, doc_id in enumerate(source.documents["doc_id"])}


def score(paragraphs, codebook: pd.DataFrame | None = None, *,
          nested: str = "codebook") -> pd.DataFrame:
    """Theme scores of every paragraph: hits per 1,000 characters.

    Returns one row per paragraph and theme (zeros included), in text order
    and codebook order: ``doc_id, para_no, section, theme, hits, n_chars,
    per_1k`` with ``hits`` the matches of :func:`matches`, ``n_chars`` the
    length of the cleaned paragraph text and ``per_1k = hits / n_chars * 1000``.

    Beyond :data:`MAX_SCORE_ROWS` rows, one row per section and theme instead (the sums of its paragraphs'
    rows): ``doc_id, section, theme, hits, n_chars, per_1k``, whose :func:`by_section` and :func:`by_document`
    equal those of the paragraph rows.
    """
    source = engine.wrap(paragraphs)
    book = _resolve(codebook)
    dtype = _theme_dtype(book)
    parts: list[pd.DataFrame] = []
    rows, per_section = 0, False
    for chunk in source.chunks("paragraphs", _CHUNK_COLUMNS):
        part = _paragraph_scores(chunk, book, dtype, nested)
        rows += len(part)
        if not per_section and rows > MAX_SCORE_ROWS:  # too many rows: sections from now on, and before
            per_section = True
            parts = [_aggregate(p, ["doc_id", "section"]) for p in parts]
        parts.append(_aggregate(part, ["doc_id", "section"]) if per_section else part)
    if not parts:
        return _paragraph_scores(pd.DataFrame(columns=_CHUNK_COLUMNS), book, dtype, nested)
    out = pd.concat(parts, ignore_index=True)
    del parts  # the pieces, once joined
    out = source.order(out)
    out["section"] = pd.Categorical(out["section"], categories=source.sections(), ordered=True)
    return out


def _paragraph_scores(paragraphs: pd.DataFrame, book: pd.DataFrame, dtype, nested: str) -> pd.DataFrame:
    """:func:`score`'s rows of some paragraphs (one chunk of whole documents)."""
    found = matches(paragraphs, book, nested=nested)
    counts = (found.assign(theme=found["theme"].astype(str)).groupby(["doc_id", "para_no", "theme"]).size()
              .rename("hits").reset_index())
    base = paragraphs[["doc_id", "para_no"]].reset_index(drop=True)
    base["section"] = paragraphs["section"].to_numpy() if "section" in paragraphs.columns else ""
    if "section" in paragraphs.columns:
        base["section"] = base["section"].astype(paragraphs["section"].dtype)
    base["n_chars"] = paragraphs["text"].str.len().to_numpy()
    grid = base.merge(pd.DataFrame({"theme": [str(t) for t in dtype.categories]}), how="cross")
    grid = grid.merge(counts, on=["doc_id", "para_no", "theme"], how="left")
    grid["hits"] = grid["hits"].fillna(0).astype(int)
    grid["theme"] = pd.Categorical(grid["theme"], dtype=dtype)
    grid["per_1k"] = np.where(grid["n_chars"] > 0, grid["hits"] / grid["n_chars"].clip(lower=1) * 1000, 0.0)
    return grid[["doc_id", "para_no", "section", "theme", "hits", "n_chars", "per_1k"]]


def _aggregate(scores: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = scores.groupby([*keys, "theme"], observed=True, sort=False).agg(hits=("hits", "sum"),
                                                                         n_chars=("n_chars", "sum"))
    out = out.reset_index()
    out["per_1k"] = np.where(out["n_chars"] > 0, out["hits"] / out["n_chars"].clip(lower=1) * 1000, 0.0)
    return out


def by_section(scores: pd.DataFrame) -> pd.DataFrame:
    """Theme scores of every section: ``doc_id, section, label, theme, hits, n_chars, per_1k``.

    ``scores`` is :func:`score`.  Sections are in text order, themes in
    codebook order; ``n_chars`` is the section's length and ``per_1k`` its
    hits per 1,000 characters.  ``label`` names the section for figures: the
    section itself, prefixed with the doc_id when ``scores`` holds several documents.
    """
    out = _aggregate(scores, ["doc_id", "section"])
    several = out["doc_id"].nunique() > 1
    label = out["doc_id"].astype(str) + " " + out["section"].astype(str) if several else out["section"].astype(str)
    out.insert(2, "label", label)
    return out[["doc_id", "section", "label", "theme", "hits", "n_chars", "per_1k"]]


def by_document(scores: pd.DataFrame) -> pd.DataFrame:
    """Theme scores of every document: ``doc_id, theme, hits, n_chars, per_1k`` (see :func:`by_section`)."""
    return _aggregate(scores, ["doc_id"])[["doc_id", "theme", "hits", "n_chars", "per_1k"]]


DOMINANT_SHARE = 0.25


def drivers(paragraphs, codebook: pd.DataFrame | None = None, *,
            by: str | Sequence[str] | None = ("doc_id", "section"), nested: str = "codebook",
            dominant: float = DOMINANT_SHARE) -> pd.DataFrame:
    """The terms behind each score: ``[by…], theme, term, count, share, dominant``.

    One row per term that matched, within each group of ``by`` (default: each section
    of each document; ``None`` for the whole corpus; any of ``doc_id, section,
    para_no``), sorted by group in text order, theme in codebook order, then
    count (largest first) and term.  The counts of a group and theme add up to
    its ``hits`` in :func:`score`, :func:`by_section` or :func:`by_document`.
    ``share`` is the term's part of those hits and ``dominant`` flags a term that
    carries at least ``dominant`` (a quarter) of them: a theme scored mostly
    through one word (``企业`` for 新质生产力) says more about that word than about the theme.  Unless ``by`` holds
    ``doc_id``, each work counts once: a later edition is left out when ``paragraphs`` is a corpus (in memory or
    on disk), which knows its editions (:func:`helpers.textstat.works.each_work_once`).
    """
    check_number("dominant", dominant, min_value=0, max_value=1)
    keys = [by] if isinstance(by, str) else list(by or [])
    source = engine.wrap(paragraphs)
    if "doc_id" not in keys:
        source = each_work_once(source)
    book = _resolve(codebook)
    rank = _ranks(source)
    parts = []  # chunk by chunk: counts and first positions summed (a document never spans two chunks)
    for chunk in source.chunks("paragraphs", _CHUNK_COLUMNS):
        for doc_id in pd.unique(chunk["doc_id"]):
            rank.setdefault(doc_id, len(rank))
        parts.append(_driver_counts(matches(chunk, book, nested=nested), keys, rank=rank))
    counts = pd.concat(parts, ignore_index=True) if parts else _driver_counts(
        matches(pd.DataFrame(columns=_CHUNK_COLUMNS), book, nested=nested), keys, rank=rank)
    del parts  # the pieces, once joined (430 MB at 979 M characters per section)
    if "doc_id" not in keys:  # per document, each chunk's rows are whole already (and a copy fewer is held)
        counts = counts.groupby([*keys, "theme", "term"], observed=True, sort=False).agg(
            count=("count", "sum"), first=("first", "min")).reset_index()
    if "section" in keys:
        counts["section"] = pd.Categorical(counts["section"], categories=source.sections(), ordered=True)
    return _driver_table(counts, keys, dominant)


def pool_drivers(drivers_table: pd.DataFrame, columns: pd.Series, *, dominant: float = DOMINANT_SHARE) -> pd.DataFrame:
    """:func:`drivers` per document pooled as a heatmap pools documents (:func:`helpers.textstat.document_columns`).

    When ``columns`` keeps each document (its ``name`` is ``document``) the table is returned as it is.  Beyond,
    ``doc_id`` becomes ``label`` (``2017 (86 documents)``), the counts of each term are summed per label and the
    other groups (``section`` …), and ``share`` and ``dominant`` are recomputed from the sums:
    ``label, [other groups…], theme, term, count, share, dominant``, labels in time order.  Documents that
    ``columns`` does not name (later editions, when the columns were made from the first editions) are left
    out in both cases.
    """
    check_number("dominant", dominant, min_value=0, max_value=1)
    if "doc_id" not in drivers_table.columns:
        return drivers_table
    named = drivers_table["doc_id"].isin(columns.index)
    if not named.all():
        drivers_table = drivers_table[named].reset_index(drop=True)
    if columns.name == "document":
        return drivers_table
    keys = [c for c in drivers_table.columns if c not in ("doc_id", "theme", "term", "count", "share", "dominant")]
    rank = {label: i for i, label in enumerate(columns.unique())}
    labelled = drivers_table.assign(label=drivers_table["doc_id"].map(columns))
    counts = labelled.groupby(["label", *keys, "theme", "term"], observed=True, sort=False).agg(
        count=("count", "sum")).reset_index()
    # groups in time order of their label, then in the order they first appear in the documents' table
    counts["first"] = counts["label"].map(rank).astype(np.int64) * len(counts) + np.arange(len(counts))
    return _driver_table(counts, ["label", *keys], dominant)


def _driver_counts(found: pd.DataFrame, keys: list[str], *, rank: dict | None = None) -> pd.DataFrame:
    """Matches counted per ``[keys…], theme, term``, with ``first``: the position of the term's first match
    in the corpus (the document's rank in ``rank``, then the match's place in the document's text order)."""
    if rank is None:
        position = pd.Series(np.arange(len(found), dtype=np.int64), index=found.index)
    else:
        found = found.assign(_rank=found["doc_id"].map(rank).astype(np.int64)).sort_values("_rank", kind="stable")
        position = found["_rank"] * 10**9 + found.groupby("doc_id", sort=False).cumcount()
    found = found.assign(first=position)
    return found.groupby([*keys, "theme", "term"], observed=True, sort=False).agg(
        count=("first", "size"), first=("first", "min")).reset_index()


def _driver_table(counts: pd.DataFrame, keys: list[str], dominant: float) -> pd.DataFrame:
    """:func:`drivers`' table from its counts: groups in order of their first match, shares, dominant terms.

    The order is found on integer codes and every column taken once (5.3 M rows of 979 M characters per section:
    a sort of the whole table and its copies held three of it at once)."""
    if keys:  # each group numbered in the order of its first match (ties: the order groups first appear)
        codes = counts.groupby(keys, observed=True, sort=False).ngroup().to_numpy()
        first = pd.Series(counts["first"].to_numpy()).groupby(codes).min().sort_values(kind="stable")
        place = np.empty(len(first), dtype=np.int64)
        place[first.index.to_numpy()] = np.arange(len(first))
        group = place[codes]
        del codes, place
    else:
        group = np.zeros(len(counts), dtype=np.int64)
    theme = counts["theme"].cat.codes.to_numpy().astype(np.int64)
    count = counts["count"].to_numpy()
    term_rank = pd.factorize(counts["term"], sort=True)[0]
    # by group, theme (codebook order), count (largest first), term; ties keep their order (a stable sort)
    order = np.lexsort((term_rank, -count, theme, group))
    del term_rank
    pair = group[order] * (len(counts["theme"].cat.categories) + 1) + theme[order]
    count = count[order]
    total = pd.Series(count).groupby(pair, sort=False).transform("sum").to_numpy()
    del pair, group, theme
    out = {column: counts[column].take(order).reset_index(drop=True) for column in [*keys, "theme", "term"]}
    share = count / total
    out.update({"count": count, "share": share, "dominant": (share >= dominant) & (total > 0)})
    return pd.DataFrame(out)
