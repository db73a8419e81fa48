"""Themes: codebook scores, keywords, a co-occurrence network and topics.

Four views of what a text is about, each a function from DataFrames to a new
DataFrame (or a networkx graph); nothing is modified in place.

Codebook.  ``helpers/lexicons/themes.csv`` lists ``theme, term, note`` one term
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

Keywords.  :func:`keywords` ranks the words of each section (or any grouping)
by TF-IDF (scikit-learn on our tokens, not its own tokenizer) and by TextRank
(``jieba.analyse.TextRank`` fed by our tokenizer, dictionary, tags and
stopwords), side by side.  Nothing touches jieba's global tokenizer.

Network.  :func:`cooccurrence` counts how many sentences contain both of two
frequent terms and how much more often than chance (PMI, NPMI);
:func:`network` makes a networkx graph with deterministic communities (Louvain
with a fixed ``random_state``); :func:`export_graphml` writes it for Gephi.

Topics.  :func:`topics` fits NMF on TF-IDF of the paragraphs (fixed
``random_state``) and returns the top words per topic and the topic weights
of every paragraph.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import textstat
from .config import FIGURES_DIR, lexicon
from .lexicon import LexiconError
from .outputs import atomic_path

__all__ = ["CODEBOOK_COLUMNS", "KEYWORD_POS", "NESTED", "by_document", "by_section", "codebook", "communities",
           "cooccurrence", "drivers", "export_graphml", "keywords", "matches", "network", "score", "topics"]

CODEBOOK_COLUMNS = ["theme", "term", "note"]
NESTED = ("codebook", "theme")
# Content words for keywords: nouns (also proper, place and organisation names), verbal nouns, verbs,
# idioms and abbreviations; nz is the tag of the policy dictionary's terms (新质生产力 …).
KEYWORD_POS = ("n", "nz", "nt", "ns", "vn", "v", "l", "j")
_KEYWORD_COLUMNS = ["tfidf_term", "tfidf", "textrank_term", "textrank"]


# --- the codebook ----------------------------------------------------------------------------


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
    rows: list[tuple[str, str, str, int]] = []
    seen: dict[tuple[str, str], int] = {}
    header = False
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = [f.strip() for f in next(csv.reader([line], strict=True))]
        except csv.Error as error:
            raise LexiconError(f"{path}, line {number}: malformed CSV ({error}); a field with a comma is quoted "
                               f"and ends on the same line: {line!r}") from None
        if not header:
            if fields != CODEBOOK_COLUMNS:
                raise LexiconError(f"{path}, line {number}: expected the header 'theme,term,note', got {line!r}")
            header = True
            continue
        if len(fields) != 3:
            raise LexiconError(f"{path}, line {number}: expected 3 fields (theme, term, note), "
                               f"got {len(fields)}: {line!r}")
        theme, term, note = fields
        if not theme or not term:
            raise LexiconError(f"{path}, line {number}: theme and term must not be empty: {line!r}")
        if (theme, term) in seen:
            raise LexiconError(f"{path}, line {number}: {term!r} is already listed under {theme!r} "
                               f"on line {seen[(theme, term)]}")
        seen[(theme, term)] = number
        rows.append((theme, term, note, number))
    if not rows:
        raise LexiconError(f"{path}: no terms (expected the header 'theme,term,note' and one row per term)")
    table = pd.DataFrame(rows, columns=[*CODEBOOK_COLUMNS, "line"])
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
    if nested not in NESTED:
        raise ValueError(f"unknown nested {nested!r}; choose from {', '.join(NESTED)}")
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


def score(paragraphs: pd.DataFrame, codebook: pd.DataFrame | None = None, *,
          nested: str = "codebook") -> pd.DataFrame:
    """Theme scores of every paragraph: hits per 1,000 characters.

    Returns one row per paragraph and theme (zeros included), in text order
    and codebook order: ``doc_id, para_no, section, theme, hits, n_chars,
    per_1k`` with ``hits`` the matches of :func:`matches`, ``n_chars`` the
    length of the cleaned paragraph text and ``per_1k = hits / n_chars * 1000``.
    """
    book = _resolve(codebook)
    dtype = _theme_dtype(book)
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


def drivers(paragraphs: pd.DataFrame, codebook: pd.DataFrame | None = None, *,
            groups: str | Sequence[str] | None = ("doc_id", "section"), nested: str = "codebook") -> pd.DataFrame:
    """The terms behind each score: ``[groups…], theme, term, count``.

    One row per term that matched, within each group (default: each section
    of each document; ``None`` for the whole corpus; any of ``doc_id, section,
    para_no``), sorted by group in text order, theme in codebook order, then
    count (largest first) and term.  The counts of a group and theme add up to
    its ``hits`` in :func:`score`, :func:`by_section` or :func:`by_document`.
    """
    keys = [groups] if isinstance(groups, str) else list(groups or [])
    found = matches(paragraphs, codebook, nested=nested)
    out = found.groupby([*keys, "theme", "term"], observed=True, sort=False).size().rename("count").reset_index()
    order = out[keys].drop_duplicates().reset_index(drop=True).reset_index().rename(columns={"index": "_group"})
    out = out.merge(order, on=keys, how="left") if keys else out.assign(_group=0)
    out = out.sort_values(["_group", "theme", "count", "term"], ascending=[True, True, False, True], kind="stable")
    return out[[*keys, "theme", "term", "count"]].reset_index(drop=True)


# --- keywords --------------------------------------------------------------------------------


def _identity(tokens: list[str]) -> list[str]:
    """The analyzer handed to scikit-learn: our tokens are already the features."""
    return tokens


def _candidates(tokens: pd.DataFrame, *, stopwords: bool, pos: Sequence[str] | None,
                min_length: int) -> pd.Series:
    """Mask of content tokens (:func:`helpers.textstat.select`) as a Series aligned with ``tokens``."""
    return pd.Series(textstat.select(tokens, stopwords=stopwords, pos=pos, min_length=min_length),
                     index=tokens.index)


def _keys(tokens: pd.DataFrame, groups: str | Sequence[str] | None) -> list[str]:
    keys = [groups] if isinstance(groups, str) else list(groups or [])
    missing = [g for g in keys if g not in tokens.columns]
    if missing:
        raise KeyError(f"the tokens table has no column {missing[0]!r}; add it with "
                       f"textstat.annotate(tokens, corpus, {missing!r})")
    return keys


def _group_texts(tokens: pd.DataFrame, group: pd.Series) -> pd.Series:
    """The text of each group rebuilt from its tokens' offsets: whitespace between tokens as spaces,
    paragraphs joined by a line break.  Indexed by group number."""
    runs = [group, tokens["doc_id"], tokens["para_no"]]
    previous = tokens.groupby(runs, sort=False)["end"].shift()
    gap = (tokens["start"] - previous).fillna(0).clip(lower=0).astype(int)
    pieces = gap.map(lambda n: " " * n) + tokens["token"]
    paragraphs = pieces.groupby(runs, sort=False).agg("".join)
    return paragraphs.groupby(level=0, sort=False).agg("\n".join)


class _OurPosTokenizer:
    """A stand-in for ``jieba.posseg.dt`` that segments and tags with our :class:`helpers.tokens.Tokenizer`.

    ``jieba.analyse.TextRank`` only calls ``cut(text)`` and reads ``word`` and
    ``flag`` of each pair, so it sees our tokens and tags and nothing of jieba's
    global tokenizer.
    """

    def __init__(self, tokenizer) -> None:
        self._tokenizer = tokenizer

    def cut(self, text: str):
        from jieba.posseg import pair

        words = self._tokenizer.cut(text)
        distinct = list(dict.fromkeys(w for w in words if w.strip()))
        tags = dict(zip(distinct, self._tokenizer.tags(distinct), strict=True))
        for word in words:
            yield pair(word, tags.get(word, "x"))


def _textrank(stop_words: set[str], span: int):
    """A TextRank extractor of our own (never jieba's module-level one) with our tokenizer and stopwords."""
    import warnings

    with warnings.catch_warnings():  # jieba.analyse opens its IDF file at import without closing it
        warnings.simplefilter("ignore", ResourceWarning)
        from jieba.analyse import TextRank

    from . import tokens as tokens_module

    adapter = _OurPosTokenizer(tokens_module.tokenizer("rjieba", tokens_module._terms_hash()))
    extractor = TextRank()
    extractor.tokenizer = extractor.postokenizer = adapter
    extractor.stop_words = stop_words
    extractor.span = span
    return extractor


def keywords(
    tokens: pd.DataFrame,
    *,
    groups: str | Sequence[str] = "section",
    top_n: int = 10,
    stopwords: bool = True,
    pos: Sequence[str] | None = KEYWORD_POS,
    min_length: int = 2,
    span: int = 5,
) -> pd.DataFrame:
    """Keywords of each group by TF-IDF and by TextRank, side by side.

    Returns ``[groups…], rank, tfidf_term, tfidf, textrank_term, textrank``:
    ``top_n`` rows per group (fewer if a group has fewer candidates; a missing
    entry is empty), groups in text order.

    Candidates are the same for both methods: tokens of the tokens table
    (so policy terms like 新质生产力 stay whole) that are not punctuation, not
    stopwords (``is_stop``, with ``stopwords=True``), have one of the ``pos``
    tags and at least ``min_length`` characters (TextRank never takes single
    characters).

    * TF-IDF: scikit-learn's ``TfidfVectorizer`` (smooth idf, l2 norm) with
      each group as one document, fed our tokens (no tokenizer of its own):
      a word scores high when it is frequent in the group and rare elsewhere.
      With a single group it reduces to relative frequency.
    * TextRank (Mihalcea & Tarau 2004) as implemented by ``jieba.analyse``:
      PageRank on the graph of candidates co-occurring within ``span`` tokens,
      on the group's text as segmented and tagged by our tokenizer with our
      dictionary; the stopwords are the tokens the table marks ``is_stop``.
      Scores are scaled so the top word of a group has 1.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    keys = _keys(tokens, groups)
    if not keys:
        raise ValueError("keywords needs at least one group column (section, doc_id …)")
    keep = _candidates(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
    group = tokens.groupby(keys, observed=True, sort=False).ngroup()  # numbered in text order
    n_groups = int(group.max()) + 1 if len(group) else 0
    chosen = tokens.loc[keep, "token"].groupby(group[keep]).agg(list)
    documents = [chosen.get(g, []) for g in range(n_groups)]
    ranked_tfidf = []
    if any(documents):
        vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False, token_pattern=None)
        matrix = vectorizer.fit_transform(documents).toarray()
        vocabulary = vectorizer.get_feature_names_out()
        for g, row in enumerate(matrix):
            best = sorted(np.flatnonzero(row), key=lambda i: (-row[i], vocabulary[i]))[:top_n]
            ranked_tfidf += [(g, rank, str(vocabulary[i]), float(row[i])) for rank, i in enumerate(best, start=1)]

    tags = list(pos) if pos is not None else sorted(set(tokens["pos"]))
    extractor = _textrank(set(tokens.loc[~keep & tokens["pos"].isin(tags), "token"]), span)
    ranked_textrank = []
    for g, text in _group_texts(tokens, group).items():
        ranked = extractor.textrank(text, topK=None, withWeight=True, allowPOS=tuple(tags))
        best = sorted(ranked, key=lambda pair: (-pair[1], pair[0]))[:top_n]
        ranked_textrank += [(g, rank, word, float(weight)) for rank, (word, weight) in enumerate(best, start=1)]

    out = pd.DataFrame(ranked_tfidf, columns=["group", "rank", "tfidf_term", "tfidf"]).merge(
        pd.DataFrame(ranked_textrank, columns=["group", "rank", "textrank_term", "textrank"]),
        on=["group", "rank"], how="outer")
    out = out.sort_values(["group", "rank"]).reset_index(drop=True)
    first = group.drop_duplicates()  # the first token of each group carries its group values
    labels = tokens.loc[first.index, keys].set_axis(first.to_numpy()).loc[out["group"]].reset_index(drop=True)
    out = pd.concat([labels, out.drop(columns="group")], axis=1)
    return out[[*keys, "rank", *_KEYWORD_COLUMNS]]


# --- co-occurrence network ------------------------------------------------------------------


def cooccurrence(
    tokens: pd.DataFrame,
    *,
    top_n: int = 40,
    min_count: int = 2,
    stopwords: bool = True,
    pos: Sequence[str] | None = None,
    min_length: int = 2,
) -> pd.DataFrame:
    """Pairs of frequent terms that occur in the same sentence.

    The nodes are the ``top_n`` most frequent content tokens (not punctuation,
    not stopwords with ``stopwords=True``, the ``pos`` tags if given, at least
    ``min_length`` characters).  For two terms a and b among N sentences
    (``doc_id, sent_no``), with a in n_a sentences, b in n_b and both in
    ``count``:

    * PMI = log2( count · N / (n_a · n_b) ): above 0 when they share
      sentences more often than chance;
    * NPMI = PMI / −log2(count / N), between −1 and 1 (Bouma 2009), so pairs
      of frequent and rare terms compare.

    Returns ``source, target, count, source_count, target_count, pmi, npmi``
    for pairs in at least ``min_count`` sentences; ``source`` is the more
    frequent term of the pair, ``*_count`` are sentence counts.  Sorted by
    count (largest first), then npmi, source and target.
    """
    from scipy import sparse

    columns = ["source", "target", "count", "source_count", "target_count", "pmi", "npmi"]
    content = tokens[_candidates(tokens, stopwords=stopwords, pos=pos, min_length=min_length)]
    frequency = content["token"].value_counts()
    frequency = frequency.rename_axis("term").reset_index(name="n")
    top = frequency.sort_values(["n", "term"], ascending=[False, True])["term"].head(top_n).tolist()
    sentence = tokens.groupby(["doc_id", "sent_no"], sort=False).ngroup()
    n_sentences = int(sentence.max()) + 1 if len(sentence) else 0
    chosen = content[content["token"].isin(top)]
    term_index = {t: i for i, t in enumerate(top)}
    pairs = pd.DataFrame({"s": sentence.loc[chosen.index].to_numpy(),
                          "t": chosen["token"].map(term_index).to_numpy()}).drop_duplicates()
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    incidence = sparse.csr_matrix((np.ones(len(pairs)), (pairs["s"], pairs["t"])),
                                  shape=(n_sentences, len(top)))
    together = (incidence.T @ incidence).toarray()
    alone = np.diag(together).copy()
    i, j = np.triu_indices(len(top), k=1)
    count = together[i, j]
    keep = count >= max(min_count, 1)
    i, j, count = i[keep], j[keep], count[keep]
    p_both = count / n_sentences
    pmi = np.log2(p_both / ((alone[i] / n_sentences) * (alone[j] / n_sentences)))
    denominator = -np.log2(p_both)
    npmi = np.where(denominator > 0, pmi / np.where(denominator > 0, denominator, 1), 1.0)
    out = pd.DataFrame({
        "source": [top[k] for k in i], "target": [top[k] for k in j], "count": count.astype(int),
        "source_count": alone[i].astype(int), "target_count": alone[j].astype(int), "pmi": pmi, "npmi": npmi,
    })
    out = out.sort_values(["count", "npmi", "source", "target"], ascending=[False, False, True, True])
    return out[columns].reset_index(drop=True)


def network(edges: pd.DataFrame, *, weight: str = "npmi", random_state: int = 42):
    """A networkx Graph of :func:`cooccurrence` with communities.

    Edges with a positive association (``pmi > 0``: the two terms share
    sentences more often than chance) are kept; nodes are their terms.  Edge
    attributes: ``count, pmi, npmi`` and ``weight`` (the column named by
    ``weight``, ``"npmi"`` or ``"count"``; Gephi reads it as the edge weight).
    Node attributes: ``label`` (the term), ``sentences`` (sentences containing
    it) and ``community``: Louvain communities (networkx, modularity on
    ``weight``, seeded with ``random_state``), numbered 1, 2 … by size
    (largest first), then by their most frequent term.  The same edges and
    ``random_state`` give the same communities.
    """
    import networkx as nx

    if weight not in ("npmi", "count"):
        raise ValueError(f"unknown weight {weight!r}; choose from npmi, count")
    kept = edges[edges["pmi"] > 0]
    sentences: dict[str, int] = {}
    for term, n in zip(pd.concat([kept["source"], kept["target"]]),
                       pd.concat([kept["source_count"], kept["target_count"]]), strict=True):
        sentences[str(term)] = int(n)
    order = sorted(sentences, key=lambda t: (-sentences[t], t))
    graph = nx.Graph()
    for term in order:
        graph.add_node(term, label=term, sentences=sentences[term])
    for row in kept.sort_values(["source", "target"]).itertuples(index=False):
        graph.add_edge(str(row.source), str(row.target), count=int(row.count), pmi=float(row.pmi),
                       npmi=float(row.npmi), weight=float(getattr(row, weight)))
    if graph.number_of_nodes() == 0:
        return graph
    found = nx.community.louvain_communities(graph, weight="weight", seed=random_state)
    rank = {term: i for i, term in enumerate(order)}
    found = sorted((sorted(c, key=rank.get) for c in found), key=lambda c: (-len(c), rank[c[0]]))
    for number, members in enumerate(found, start=1):
        for term in members:
            graph.nodes[term]["community"] = number
    return graph


def communities(graph) -> pd.DataFrame:
    """The communities of :func:`network`: ``community, size, terms`` (terms most frequent first, joined by 、)."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for term, data in graph.nodes(data=True):
        rows.setdefault(int(data["community"]), []).append((-int(data["sentences"]), term))
    out = [(c, len(members), "、".join(t for _, t in sorted(members))) for c, members in sorted(rows.items())]
    return pd.DataFrame(out, columns=["community", "size", "terms"])


def _plain(value):
    """A value GraphML can store: Python str, int, float or bool (None and NaN are left out)."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return str(value)


def export_graphml(graph, name: str, folder: Path | str | None = None) -> Path:
    """Write ``graph`` as ``<folder>/<name>.graphml`` for Gephi (default folder: ``figures/``); return the path.

    Attributes are converted to plain Python values (GraphML stores no None or
    numpy types); ``networkx.read_graphml`` reads back the same nodes, edges and attributes.
    """
    import networkx as nx

    clean = nx.Graph()
    clean.add_nodes_from((str(n), {k: v for k, v in ((k, _plain(v)) for k, v in d.items()) if v is not None})
                         for n, d in graph.nodes(data=True))
    clean.add_edges_from((str(u), str(v), {k: w for k, w in ((k, _plain(w)) for k, w in d.items()) if w is not None})
                         for u, v, d in graph.edges(data=True))
    path = Path(folder or FIGURES_DIR) / f"{name}.graphml"
    with atomic_path(path) as tmp:
        nx.write_graphml(clean, tmp, encoding="utf-8")
    return path


# --- topics ---------------------------------------------------------------------------------


def topics(
    tokens: pd.DataFrame,
    *,
    n_topics: int = 5,
    top_n: int = 10,
    random_state: int = 42,
    stopwords: bool = True,
    pos: Sequence[str] | None = None,
    min_length: int = 2,
    min_docfreq: int = 2,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An NMF topic model of the paragraphs; returns ``(top_words, weights)``.

    Each paragraph is a document of its content tokens (as in
    :func:`cooccurrence`); terms in fewer than ``min_docfreq`` paragraphs are
    left out.  scikit-learn's ``NMF`` (``init="nndsvda"``, ``random_state``)
    factorises the TF-IDF matrix into paragraph × topic and topic × term
    weights.  Topics are numbered by their total weight over the paragraphs
    (1 = most prevalent).

    ``top_words``: ``topic, label, rank, term, weight``, the ``top_n`` terms of
    each topic with ``weight`` in percent of the topic's total term weight;
    ``label`` is ``T1 科技·创新·人才`` (number and top three terms).

    ``weights``: ``doc_id, para_no, [section], topic, label, weight, share``,
    one row per paragraph and topic in text order (``section`` if the tokens
    carry it); ``share`` is the paragraph's weight on the topic divided by its
    total (0 for a paragraph without any retained term).
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    keep = _candidates(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
    extra = ["section"] if "section" in tokens.columns else []
    paragraphs = tokens.drop_duplicates(["doc_id", "para_no"])[["doc_id", "para_no", *extra]].reset_index(drop=True)
    chosen = tokens[keep].groupby(["doc_id", "para_no"], sort=False)["token"].agg(list)
    documents = [chosen.get(key, []) for key in zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True)]
    vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False, token_pattern=None, min_df=min_docfreq)
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError as error:
        raise ValueError(f"no term occurs in {min_docfreq} paragraphs or more; lower min_docfreq ({error})") from None
    if n_topics > min(matrix.shape):
        raise ValueError(f"n_topics={n_topics} is more than the {matrix.shape[0]} paragraphs or "
                         f"{matrix.shape[1]} terms allow")
    model = NMF(n_components=n_topics, init="nndsvda", random_state=random_state, max_iter=2000)
    doc_topic = model.fit_transform(matrix)
    topic_term = model.components_
    order = sorted(range(n_topics), key=lambda k: (-doc_topic[:, k].sum(), k))
    doc_topic, topic_term = doc_topic[:, order], topic_term[order]
    vocabulary = vectorizer.get_feature_names_out()
    word_rows, labels = [], []
    for k, row in enumerate(topic_term, start=1):
        total = row.sum() or 1.0
        best = sorted(np.flatnonzero(row), key=lambda i: (-row[i], vocabulary[i]))[:top_n]
        label = f"T{k} " + "·".join(vocabulary[i] for i in best[:3])
        labels.append(label)
        word_rows += [(k, label, rank, vocabulary[i], float(row[i] / total * 100))
                      for rank, i in enumerate(best, start=1)]
    top_words = pd.DataFrame(word_rows, columns=["topic", "label", "rank", "term", "weight"])
    totals = doc_topic.sum(axis=1, keepdims=True)
    shares = np.divide(doc_topic, totals, out=np.zeros_like(doc_topic), where=totals > 0)
    weights = paragraphs.loc[paragraphs.index.repeat(n_topics)].reset_index(drop=True)
    weights["topic"] = np.tile(np.arange(1, n_topics + 1), len(paragraphs))
    weights["label"] = np.tile(np.asarray(labels, dtype=object), len(paragraphs))
    weights["weight"] = doc_topic.ravel()
    weights["share"] = shares.ravel()
    return top_words, weights[["doc_id", "para_no", *extra, "topic", "label", "weight", "share"]]
