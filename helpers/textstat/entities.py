"""Named entities: people, places, organisations and offices named in each paragraph, with their offsets.

Two sources, one rule of precedence.  The lexicon ``helpers/lexicons/entities.csv`` (``entity, kind, note``;
editable) lists offices, state organs, party bodies and regions; its entries are found in the paragraph text
whole, longest first, left to right, and kept where they begin and end on token boundaries of the
segmentation (总理 in 周总理 is not an office).  Then every token jieba tagged ``nr`` (``nrfg``, ``nrt``:
person), ``ns`` (place) or ``nt`` (organisation) outside a lexicon match is an entity of that kind.  The
lexicon's ``not`` rows are words jieba tags as names but are none (文明, 城市 …): found like the others,
they are dropped.  A title and a name are separate entities (国务院总理李克强: office 国务院总理, person
李克强) because each is matched on its own tokens.  The tags are those of the tokens table
(:mod:`helpers.tokens.tokenizer`), so no second segmentation or dictionary is set up here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import engine
from ..config import lexicon
from ..corpus.model import Corpus
from ..errors import LexiconError, ParameterError
from ..lexicon import file_hash, read_table
from ..tokens.segmentation import segment
from ..tokens.tokenizer import tokenizer
from ..validate import check_choice

__all__ = ["ENTITY_COLUMNS", "KINDS", "entities", "entity_counts", "entity_lexicon"]

KINDS = ("person", "place", "organisation", "office")
ENTITY_COLUMNS = ["doc_id", "para_no", "entity", "kind", "start", "end"]
_TAG_KIND = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "organisation"}
# jieba's tags of people and bodies are noisy (its dictionary tags 市场秩序 nr, 新兴产业 nt), and a word its
# HMM found gets a guessed tag: a person or organisation token is kept only if it looks like one (a name of 2-3
# characters led by a common surname; a body's name ending in a word for one), a place token if it is in a
# dictionary or ends in a word for a place.  Other names go in the lexicon.
SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕"
                     "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
                     "严覃武戴莫孔向汤习温栗乔")
_GUESSED = {
    "person": lambda w: 2 <= len(w) <= 3 and w[0] in SURNAMES,
    "place": lambda w: w[-1] in "省市县区州国岛山江河湖洋海湾",
    "organisation": lambda w: w[-1] in "部委局会院厅署党团军队府盟织处行社司校所",
}


def entity_lexicon(path: Path | str | None = None) -> pd.DataFrame:
    """The entity lexicon: ``entity, kind, note, line`` (kind one of :data:`KINDS` or ``not``).

    A kind outside these, or an entity listed twice, raises :class:`~helpers.errors.LexiconError` naming file
    and line."""
    path = Path(path) if path else lexicon("entities.csv")
    return _lexicon(path, file_hash(path)).copy()


@cache
def _lexicon(path: Path, digest: str) -> pd.DataFrame:
    table = read_table(path, columns=["entity", "kind", "note"], required=["entity", "kind"])
    for entity, kind, line in zip(table["entity"], table["kind"], table["line"], strict=True):
        if kind not in (*KINDS, "not"):
            raise LexiconError(f"{path}, line {line}: kind {kind!r} of {entity!r} is not one of "
                               f"{', '.join((*KINDS, 'not'))}")
    twice = table[table["entity"].duplicated()]
    if len(twice):
        row = twice.iloc[0]
        raise LexiconError(f"{path}, line {row['line']}: {row['entity']!r} is listed twice")
    return table


def _pattern(table: pd.DataFrame) -> re.Pattern:
    """One alternation of the lexicon's entries, longest first (a regex takes the first alternative that fits)."""
    entries = sorted(table["entity"], key=lambda e: (-len(e), e))
    return re.compile("|".join(map(re.escape, entries)))


def _paragraph(text: str, tokens: pd.DataFrame, pattern: re.Pattern, kinds: dict, known) -> list[tuple]:
    """``(entity, kind, start, end)`` of one paragraph from its text and its tokens (in order); ``known(word)``:
    whether a word is in the segmenter's dictionaries (a place's tag is then looked up, not guessed)."""
    starts, ends = set(tokens["start"]), set(tokens["end"])
    taken = np.zeros(len(text) + 1, dtype=bool)
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if start in starts and end in ends:
            taken[start:end] = True
            if kinds[match.group()] != "not":
                found.append((match.group(), kinds[match.group()], start, end))
    tagged = tokens[tokens["pos"].isin(_TAG_KIND)]
    for token, pos, start, end in zip(tagged["token"], tagged["pos"], tagged["start"], tagged["end"], strict=True):
        kind = _TAG_KIND[pos]
        looks_like = (kind == "place" and known(token)) or _GUESSED[kind](token)
        if len(token) > 1 and looks_like and not taken[start:end].any():
            found.append((token, kind, int(start), int(end)))
    return sorted(found, key=lambda row: row[2])


def entities(tokens, corpus: Corpus | None = None, *, lexicon_path: Path | str | None = None) -> pd.DataFrame:
    """The named entities of every paragraph: ``doc_id, para_no, entity, kind, start, end``, in corpus order.

    ``tokens``: the tokens table (or a :class:`~helpers.corpus.Corpus`, segmented first with the default
    options); ``corpus``: the corpus the tokens came from (its paragraph texts give the lexicon matches).
    ``kind`` is person, place, organisation or office; ``start`` and ``end`` are character offsets in the
    paragraph's text (``text[start:end] == entity``).  Single-character tagged tokens are left out (mostly
    mis-tagged).  ``lexicon_path``: another entity lexicon (default ``helpers/lexicons/entities.csv``)."""
    if isinstance(tokens, Corpus):
        tokens, corpus = segment(tokens.paragraphs), tokens
    if corpus is None:
        raise ParameterError("corpus: give the corpus the tokens came from (its paragraph texts are read)")
    table = entity_lexicon(lexicon_path)
    pattern, kinds = _pattern(table), dict(zip(table["entity"], table["kind"], strict=True))
    source = engine.wrap(tokens, corpus=corpus)
    known = tokenizer().in_dictionary
    frames = []
    for chunk in source.chunks("tokens", ["doc_id", "para_no", "token", "pos", "start", "end"]):
        rows = []
        chunk = chunk.assign(pos=chunk["pos"].astype(str), token=chunk["token"].astype(str))
        docs = list(dict.fromkeys(chunk["doc_id"].astype(str)))
        texts = source.table("paragraphs", ["doc_id", "para_no", "text"], doc_ids=docs)
        text_of = {(str(d), int(p)): t for d, p, t in zip(texts["doc_id"], texts["para_no"], texts["text"],
                                                         strict=True)}
        for (doc, para), group in chunk.groupby(["doc_id", "para_no"], sort=False, observed=True):
            text = text_of.get((str(doc), int(para)))
            if text:
                rows.extend((str(doc), int(para), *row) for row in _paragraph(text, group, pattern, kinds, known))
        frames.append(pd.DataFrame(rows, columns=ENTITY_COLUMNS))  # a chunk's mentions as columns: a few bytes
    found = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ENTITY_COLUMNS)  # each
    return found.astype({"start": "int64", "end": "int64", "para_no": "int64"})  # (a tuple of six: ~250 bytes)


def entity_counts(found: pd.DataFrame, corpus: Corpus, *, by: str = "year") -> pd.DataFrame:
    """How often each entity is named per ``by`` (``"year"`` or ``"doc_id"``), and when first and last.

    Returns ``entity, kind, <by>, n_mentions, n_paragraphs, n_documents, first_year, last_year, first_doc,
    last_doc``: mentions are the rows of :func:`entities`; first and last are over the whole corpus, by the
    documents' dates (documents without a year sort last and give no year)."""
    check_choice("by", by, ("year", "doc_id"))
    documents = corpus.documents[["doc_id", "date", "year"]].assign(doc_id=lambda d: d["doc_id"].astype(str))
    documents = documents.reset_index(drop=True).reset_index(names="order")
    table = found.merge(documents, on="doc_id", how="left")
    table = table.sort_values(["year", "order"], kind="stable", na_position="last")
    whole = table.groupby(["entity", "kind"], sort=False).agg(
        first_year=("year", "min"), last_year=("year", "max"), first_doc=("doc_id", "first"),
        last_doc=("doc_id", "last")).reset_index()
    keys = ["entity", "kind", by]
    grouped = table.groupby(keys, sort=False, dropna=False)
    counts = grouped.agg(n_mentions=("start", "size"), n_documents=("doc_id", "nunique")).join(
        table.drop_duplicates([*keys, "doc_id", "para_no"]).groupby(keys, sort=False, dropna=False).size()
        .rename("n_paragraphs")).reset_index()
    counts = counts[[*keys, "n_mentions", "n_paragraphs", "n_documents"]]
    out = counts.merge(whole, on=["entity", "kind"], how="left")
    return out.sort_values([by, "n_mentions", "entity"], ascending=[True, False, True], kind="stable",
                           na_position="last").reset_index(drop=True)
