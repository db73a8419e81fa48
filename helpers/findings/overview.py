"""Findings of notebook 00: documents, character accounting, paragraphs, set-aside blocks, sections, enumerations,
sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .base import Findings, count, day, listing, number, percent, place

SHORT_PARAGRAPH = 30  # characters: a paragraph shorter than this is a line (a salutation, a heading)


def documents(documents: pd.DataFrame) -> Findings:
    """How many documents, paragraphs, sentences and characters; their dates, genres and sizes."""
    n = len(documents)
    if n == 0:
        return Findings(["The corpus holds no document."])
    sizes = (f"{count(documents['n_paragraphs'].sum(), 'paragraph')}, "
             f"{count(documents['n_sentences'].sum(), 'sentence')} and "
             f"{count(documents['n_chars'].sum(), 'character')}")
    if n == 1:
        doc = documents.iloc[0]
        about = [str(v) for v in (doc["genre"], doc["speaker"]) if isinstance(v, str) and v]
        about.append(day(doc["date"]) if pd.notna(doc["date"]) else
                     str(doc["year"]) if pd.notna(doc["year"]) else "undated")
        title = doc["title"] if isinstance(doc["title"], str) and doc["title"] else doc["doc_id"]
        return Findings([f"The corpus holds one document, {title} ({', '.join(about)}), with {sizes}."])
    out = [f"The corpus holds {count(n, 'document')} with {sizes} in all."]
    years = documents["year"].dropna().astype(int)
    if years.empty:
        out.append("No document has a date or a year.")
    else:
        span = range(years.min(), years.max() + 1)
        covered = years.nunique()
        undated = n - len(years)
        text = (f"They date from {years.min()} to {years.max()}, with documents in {covered} of those "
                f"{len(span)} years" if len(span) > 1 else f"All dated documents are from {years.min()}")
        out.append(text + (f"; {count(undated, 'document')} {'has' if undated == 1 else 'have'} no date."
                           if undated else "."))
    genres = documents["genre"].where(documents["genre"].astype(str).str.len() > 0).value_counts()
    if len(genres):
        named = [f"{g} {number(k)}" for g, k in genres.items()]
        missing = n - int(genres.sum())
        out.append(f"Genres: {listing(named)}" + (f"; {number(missing)} without a genre." if missing else "."))
    else:
        out.append("No document has a genre.")
    by_size = documents.sort_values("n_chars")
    small, large = by_size.iloc[0], by_size.iloc[-1]
    out.append(f"The shortest document is {small['doc_id']} ({count(small['n_chars'], 'character')}), the longest "
               f"{large['doc_id']} ({count(large['n_chars'], 'character')}); the median document has "
               f"{count(documents['n_chars'].median(), 'character')}.")
    return Findings(out)


def accounting(table: pd.DataFrame) -> Findings:
    """Whether every raw character is in a body paragraph or a set-aside block."""
    raw, body, aside = (int(table[c].sum()) for c in ("raw", "body", "set_aside"))
    lost = table[table["unaccounted"] != 0]
    files = "file" if len(table) == 1 else "files"
    if lost.empty:
        return Findings([f"All {number(raw)} non-whitespace characters of the raw {files} are accounted for: "
                         f"{number(body)} ({percent(body, raw)}) in body paragraphs and {number(aside)} set aside."])
    where = listing(f"{d} ({number(u)})" for d, u in zip(lost["doc_id"], lost["unaccounted"], strict=True))
    return Findings([f"{count(len(lost), 'document')} {'has' if len(lost) == 1 else 'have'} unaccounted "
                     f"characters: {where}."])


def paragraph_lengths(paragraphs: pd.DataFrame) -> Findings:
    """Paragraph sizes, the longest section, and the one-line paragraphs (salutations and the like).

    ``paragraphs`` is the paragraphs table, with or without its text (:func:`helpers.textstat.paragraph_sizes`);
    with the text, the first short salutation is quoted.
    """
    n = len(paragraphs)
    if n == 0:
        return Findings(["The corpus has no body paragraph."])
    several = paragraphs["doc_id"].nunique() > 1
    lengths = paragraphs["n_chars"]
    if n == 1:
        return Findings([f"One paragraph of {count(lengths.iloc[0], 'character')}."])
    out = [f"{count(n, 'paragraph')} of {count(paragraphs['doc_id'].nunique(), 'document')}: "
           f"median {count(lengths.median(), 'character')}, from {number(lengths.min())} to {number(lengths.max())}."]
    longest = paragraphs.loc[lengths.idxmax()]
    where = place(longest["doc_id"], longest["section"], several=several)
    out.append(f"The longest is paragraph {longest['para_no']} ({where}).")
    sections = paragraphs.groupby(["doc_id", "section"], observed=True, sort=False)["n_chars"].agg(["sum", "size"])
    parted = sections.groupby(level="doc_id").size()
    sections = sections[sections.index.get_level_values("doc_id").isin(parted[parted > 1].index)]
    if len(sections):
        (doc, section), top = sections["sum"].idxmax(), sections.loc[sections["sum"].idxmax()]
        total = paragraphs.loc[paragraphs["doc_id"] == doc, "n_chars"].sum()
        out.append(f"The longest section is {place(doc, section, several=several)}: "
                   f"{count(top['sum'], 'character')} in {count(top['size'], 'paragraph')} "
                   f"({percent(top['sum'], total)} of {'its document' if several else 'the text'}).")
    short = paragraphs[lengths < SHORT_PARAGRAPH]
    if short.empty:
        out.append(f"No paragraph is shorter than {SHORT_PARAGRAPH} characters.")
    else:
        salutations = int(short["is_salutation"].sum())
        out.append(f"{count(len(short), 'paragraph')} {'is' if len(short) == 1 else 'are'} shorter than "
                   f"{SHORT_PARAGRAPH} characters, {number(salutations)} of them "
                   f"{'a salutation' if salutations == 1 else 'salutations'}"
                   + (f" ({short.loc[short['is_salutation'], 'text'].iloc[0]})."
                      if salutations and "text" in short else "."))
    return Findings(out)


def set_aside(blocks: pd.DataFrame, documents: pd.DataFrame) -> Findings:
    """How many blocks were set aside, of which kinds, in how many documents."""
    if blocks.empty:
        return Findings(["Nothing was set aside: every line of the raw files is in a body paragraph."])
    kinds = blocks["kind"].value_counts()
    chars = int(documents["n_chars_set_aside"].sum()) if "n_chars_set_aside" in documents else None
    return Findings([
        f"{count(len(blocks), 'block')} {'was' if len(blocks) == 1 else 'were'} set aside in "
        f"{_documents(blocks['doc_id'].nunique(), len(documents))}"
        + (f" ({count(chars, 'character')})" if chars is not None else "") + ": "
        + listing(count(k, str(kind)) for kind, k in kinds.items()) + ".",
    ])


_BY_TOPICS = "labelled from what the paragraphs are about ("  # the note of helpers.corpus.structure.closing_note


def sections(paragraphs, notes: pd.DataFrame) -> Findings:
    """How the sections were labelled: how many documents have numbered parts and a closing, and in which the
    closing was found by what its paragraphs are about (no salutation before it) rather than at a salutation.

    ``paragraphs`` is a paragraphs table, in memory or on disk (only ``doc_id`` and ``section`` are read)."""
    if not isinstance(paragraphs, pd.DataFrame):  # a corpus on disk: read the two columns only
        paragraphs = paragraphs.to_pandas(["doc_id", "section"])
    # compared as they are (a categorical on disk): a string per row would cost more than the table (5.6 M rows)
    has_closing = paragraphs.loc[(paragraphs["section"] == "closing").to_numpy(dtype=bool), "doc_id"].unique()
    if not len(has_closing):
        return Findings(["No document has numbered parts: each is one section, body."])
    n = paragraphs["doc_id"].nunique()
    out = [f"{number(len(has_closing))} of {count(n, 'document')} {'has' if len(has_closing) == 1 else 'have'} "
           "numbered parts and a closing."]
    found = notes[notes["message"].str.contains(_BY_TOPICS, regex=False)]
    if found.empty:
        return Findings([*out, "Every closing begins at a salutation."])
    topics = dict.fromkeys(t for message in found["message"]
                           for t in message.split(_BY_TOPICS, 1)[1].split(")", 1)[0].split("、"))
    out.append(f"In {number(len(found))} ({listing(found['doc_id'])}) no salutation comes before the closing, so "
               f"it begins where the paragraphs turn to {'、'.join(topics)}, as in the documents that have one: "
               "the same parts carry the same labels.")
    return Findings(out)


def enumerations(items: pd.DataFrame, documents: pd.DataFrame) -> Findings:
    """How many enumerated items and lists were found, where, and with which markers."""
    if items.empty:
        return Findings(["No enumeration (一是…二是…, 首先…其次…) was found inside a paragraph."])
    lists = items.drop_duplicates(["doc_id", "list_no"])  # numbered through the document (bullets span paragraphs)
    markers = items["marker"].value_counts()
    return Findings([
        f"{count(len(items), 'enumerated item')} in {count(len(lists), 'list')}, in "
        f"{_documents(items['doc_id'].nunique(), len(documents))}.",
        f"Most frequent markers: {listing(f'{m} ({number(k)})' for m, k in markers.head(6).items())}.",
    ])


def sentence_lengths(lengths: pd.DataFrame, documents: pd.DataFrame) -> Findings:
    """Sentence counts and lengths, the longest sentence, and the sections with the longest and shortest sentences.

    ``lengths`` is :func:`helpers.textstat.sentence_lengths` (sentences counted per section and length), so the
    quartiles are exact without a table of every sentence; ``documents`` gives the corpus order.
    """
    total = int(lengths["n_sentences"].sum())
    if total == 0:
        return Findings(["The corpus has no sentence."])
    if total == 1:
        return Findings([f"One sentence of {count(lengths['n_chars'].iloc[0], 'character')}."])
    values, weights = lengths["n_chars"].to_numpy(), lengths["n_sentences"].to_numpy()
    q1, median, q3 = (_quantile(values, weights, q) for q in (0.25, 0.5, 0.75))
    out = [f"{count(total, 'sentence')}: median {count(median, 'character')}, half of them "
           f"between {number(round(q1))} and {number(round(q3))}."]
    several = len(documents) > 1
    rank = {d: i for i, d in enumerate(documents["doc_id"])}
    tied = lengths[lengths["n_chars"] == lengths["n_chars"].max()]
    longest = tied.iloc[min(range(len(tied)), key=lambda i: (rank.get(tied["doc_id"].iloc[i], len(rank)),
                                                             tied["sent_no"].iloc[i]))]
    out.append(f"The longest has {count(longest['n_chars'], 'character')} "
               f"(paragraph {longest['para_no']}, {place(longest['doc_id'], longest['section'], several=several)}).")
    if not several:
        medians = pd.Series({section: _quantile(part["n_chars"].to_numpy(), part["n_sentences"].to_numpy(), 0.5)
                             for section, part in lengths.groupby("section", observed=True, sort=True)})
        if len(medians) > 1:
            out.append(f"By section, the median runs from {number(medians.min())} characters ({medians.idxmin()}) "
                       f"to {number(medians.max())} ({medians.idxmax()}).")
    return Findings(out)


def _quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The ``q`` quantile of ``values`` each repeated ``weights`` times (sorted values; pandas' linear rule)."""
    order = np.argsort(values, kind="stable")
    values, ends = values[order], np.cumsum(weights[order])
    position = (ends[-1] - 1) * q
    low = int(np.floor(position))

    def at(i: int) -> float:
        return float(values[np.searchsorted(ends, i, side="right")])

    high = min(low + 1, int(ends[-1]) - 1)
    return at(low) + (position - low) * (at(high) - at(low))


def _documents(k: int, n: int) -> str:
    """``the one document``, ``3 of 8 documents``."""
    return "the one document" if n == 1 else f"{number(k)} of {count(n, 'document')}"
