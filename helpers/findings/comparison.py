"""Findings of notebook 03: keyness of sections and documents, fightin' words, general Chinese, similarity,
formulations, dates, term trends and style."""

from __future__ import annotations

import pandas as pd

from .. import engine
from ..formulations.tracking import timeline as first_and_last
from ..textstat.pvalues import benjamini_hochberg
from ..textstat.works import later_editions
from .base import Findings, count, day, listing, number, place, rate, span

ALPHA = 0.05
Z = 1.96
NEAR_ZERO = 1e-8  # a general-Chinese frequency under this is "practically absent": its ratio is not printed


FDR = "a false discovery rate of 5% (Benjamini–Hochberg over every term tested)"


def _significant(table: pd.DataFrame) -> pd.DataFrame:
    """The rows whose p-value stays under :data:`ALPHA` after the Benjamini–Hochberg correction over all the
    table's rows (hundreds of terms are tested at once: uncorrected, about one in twenty would pass by chance)."""
    if "p_value" not in table or table.empty:
        return table.iloc[:0]
    p = table["p_value"].astype(float)
    tested = p.notna()
    adjusted = pd.Series(1.0, index=table.index)
    adjusted[tested] = benjamini_hochberg(p[tested].to_numpy())
    return table[adjusted < ALPHA]


def section_keyness(table: pd.DataFrame, words: pd.DataFrame) -> Findings:
    """How large the sections are (in words), and how many of their key terms reach p < 0.05.

    ``words`` is the tokens table the keyness was computed from, or a tokens dataset (then the section sizes are
    the word counts of its paragraphs table)."""
    sizes = engine.wrap(words).word_counts(["doc_id", "section"]).set_index(["doc_id", "section"])["total"]
    sizes = sizes[sizes > 0]
    n_documents = sizes.index.get_level_values("doc_id").nunique()
    out = []
    if len(sizes):
        out.append(f"{count(len(sizes), 'section')} in {count(n_documents, 'document')} "
                   f"{'holds' if len(sizes) == 1 else 'hold'} {span(sizes.min(), sizes.max())} words"
                   + (f" (median {number(sizes.median())})." if len(sizes) > 2 else "."))
    positive = table[table["statistic"] > 0] if len(table) else table
    if positive.empty:
        out.append("No term is scored as overused in any section (too few sections or too few repeated words).")
        return Findings(out)
    significant = _significant(positive)
    several = table["doc_id"].nunique() > 1
    if significant.empty:
        out.append(f"No term is overused in a section at {FDR}: the bars rank terms, they do not test them.")
    else:
        top = significant.loc[significant["statistic"].idxmax()]
        hit = significant.groupby(["doc_id", "group"], observed=True).ngroups
        units = table.groupby(["doc_id", "group"], observed=True).ngroups
        out.append(f"{count(len(significant), 'term')} {'is' if len(significant) == 1 else 'are'} overused in their "
                   f"section at {FDR}, in {number(hit)} of {count(units, 'section')} scored; the strongest is "
                   f"{top['term']} in {place(top['doc_id'], top['group'], several=several)} "
                   f"({number(top['target'])} : {number(top['reference'])}, statistic {number(top['statistic'])}).")
    return Findings(out)


def contrast_keyness(table: pd.DataFrame, contrast) -> Findings:
    """The contrast and how many terms are significantly overused on each side, with the strongest."""
    out = [f"Target: {contrast.target_label}; reference: {contrast.reference_label} ({contrast.reason})."]
    if table.empty:
        out.append("No term reaches the minimum count: there is nothing to compare.")
        return Findings(out)
    significant = _significant(table)
    up, down = significant[significant["statistic"] > 0], significant[significant["statistic"] < 0]
    out.append(f"Of {count(len(table), 'term')} scored, {number(len(up))} {'is' if len(up) == 1 else 'are'} "
               f"significantly overused in the target and {number(len(down))} in the reference, at {FDR}.")
    for side, rows in (("target", up.nlargest(3, "statistic")), ("reference", down.nsmallest(3, "statistic"))):
        if len(rows):
            out.append(f"Strongest in the {side}: " + listing(
                (f"{r['term']} ({count(r['target'], 'time')})" if contrast.against_general_chinese else
                 f"{r['term']} ({number(r['target'])} : {number(r['reference'])})") for _, r in rows.iterrows()) + ".")
    return Findings(out)


def fightin_words(table: pd.DataFrame) -> Findings:
    """How many terms lie beyond ±1.96 on each side, and the largest |z|."""
    if table.empty:
        return Findings(["No term reaches the minimum count: the plot is empty."])
    beyond = table[table["z"].abs() > Z]
    up, down = (beyond["z"] > 0).sum(), (beyond["z"] < 0).sum()
    top = table.loc[table["z"].abs().idxmax()]
    if beyond.empty:
        first = f"None of the {count(len(table), 'term')} lies beyond ±{Z}, so no point is coloured"
    else:
        first = (f"{number(len(beyond))} of {count(len(table), 'term')} lie beyond ±{Z}: {number(up)} on the "
                 f"target side, {number(down)} on the reference side")
    return Findings([first + f"; the largest |z| is {number(abs(top['z']), 2)} ({top['term']})."])


def against_general(table: pd.DataFrame, *, min_count: int = 3) -> Findings:
    """How many terms are more frequent than in general Chinese, the strongest, and how many are estimated."""
    if table.empty:
        return Findings([f"No term occurs {number(min_count)} times or more: nothing to compare with general Chinese."])
    over = table[table["statistic"] > 0]
    estimated = (table["source"] == "estimated").sum() if "source" in table else 0
    # a term general Chinese uses less than once in 100 million words has no ratio worth printing
    rare = table["frequency"].fillna(0) < NEAR_ZERO if "frequency" in table else pd.Series(False, index=table.index)
    known, absent = table[~rare], table[rare]
    top = known.nlargest(3, "statistic")
    return Findings([
        f"{number(len(over))} of {count(len(table), 'term')} seen {number(min_count)} times or more are more frequent "
        "here than in general Chinese.",
        "The strongest among the terms general Chinese uses: " + listing(
            f"{r['term']} (log ratio {number(r['statistic'])}, {_times(2 ** r['statistic'])})"
            for _, r in top.iterrows()) + "." if len(top) else "",
        f"{count(len(absent), 'term')} ({listing(absent.sort_values('target', ascending=False)['term'], limit=5)}) "
        f"{'is' if len(absent) == 1 else 'are'} practically absent from general Chinese (under one in 100 million "
        f"words in wordfreq's list): no ratio is given for {'it' if len(absent) == 1 else 'them'}."
        if len(absent) else "",
        f"{count(estimated, 'term')} {'has' if estimated == 1 else 'have'} a general frequency estimated by "
        "wordfreq from their parts." if estimated else "",
    ])


def _times(ratio: float) -> str:
    """A ratio as a reader says it: "about 12 times", "about 3,400 times", "over 10,000 times"."""
    if ratio >= 10_000:
        return "over 10,000 times as frequent"
    if ratio >= 100:
        return f"about {number(round(ratio, -2))} times as frequent"
    return f"about {number(round(ratio, 1) if ratio < 10 else round(ratio))} times as frequent"


def similarity(square: pd.DataFrame) -> Findings:
    """The most and least similar pair of units and the median similarity."""
    units = list(square.index)
    if len(units) < 2:
        return Findings(["With a single unit there is no pair to compare."])
    pairs = [(units[i], units[j], float(square.iloc[i, j]))
             for i in range(len(units)) for j in range(i + 1, len(units))]
    pairs.sort(key=lambda p: p[2])
    low, high = pairs[0], pairs[-1]
    if len(pairs) == 1:
        return Findings([f"The two units {low[0]} and {low[1]} have a cosine similarity of {low[2]:.2f}."])
    median = pd.Series([p[2] for p in pairs]).median()
    return Findings([f"Across {count(len(pairs), 'pair')} of {count(len(units), 'unit')}: most similar {high[0]} and "
                     f"{high[1]} ({high[2]:.2f}), least similar {low[0]} and {low[1]} ({low[2]:.2f}); "
                     f"median {median:.2f}."])


def formulations(tracked: pd.DataFrame, timeline: pd.DataFrame, *,
                 documents: pd.DataFrame | None = None) -> Findings:
    """How many tracked formulations occur, the most frequent, and the latest to appear.

    With ``documents``, each work counts once: the counts of later editions (``edition_of``) are left out of
    the totals (the timeline is recomputed without them) and the first sentence says how many were left out.
    """
    listed = tracked["formulation"].nunique()
    left_out = ""
    if documents is not None:
        later = set(documents.loc[later_editions(documents), "doc_id"]) & set(tracked["doc_id"])
        if later:
            tracked = tracked[~tracked["doc_id"].isin(later)]
            timeline = first_and_last(tracked)
            left_out = f" ({count(len(later), 'later edition')} left out: each work once)"
    present = timeline[timeline["total"] > 0].sort_values("total", ascending=False, kind="stable")
    if present.empty:
        return Findings([f"None of the {number(listed)} tracked formulations occurs in this corpus."])
    out = [f"{number(len(present))} of the {number(listed)} tracked formulations occur; the most frequent: " + listing(
        f"{r['formulation']} ({number(r['total'])} in {count(r['n_docs'], 'document')})"
        for _, r in present.head(4).iterrows()) + left_out + "."]
    dated = present.dropna(subset=["first_date"])
    if tracked["date"].nunique() > 1 and len(dated):
        latest = dated.sort_values("first_date", kind="stable").iloc[-1]
        out.append(f"The latest to appear is {latest['formulation']}, first in {latest['first_doc']} "
                   f"({day(latest['first_date'])}).")
    return Findings(out)


def dates(documents: pd.DataFrame) -> Findings:
    """What a trend over time can show: dated documents, years covered and missing, undated ones."""
    n = len(documents)
    years = documents["year"].dropna().astype(int)
    if years.empty:
        return Findings(["No document has a date or a year: the trend figures cannot show change over time."])
    undated = n - len(years)
    tail = (f" {count(undated, 'document')} without a date {'is' if undated == 1 else 'are'} left out."
            if undated else "")
    if years.nunique() == 1:
        return Findings([f"All dated documents are from {years.iloc[0]}: the figures show levels, not a trend.{tail}"])
    missing = sorted(set(range(years.min(), years.max() + 1)) - set(years))
    gaps = f"; no document from {listing(map(str, missing), limit=8)}." if missing else "."
    return Findings([
        f"{count(len(years), 'dated document')} from {years.min()} to {years.max()}, in {number(years.nunique())} "
        f"of {number(years.max() - years.min() + 1)} years" + gaps + tail,
    ])


def term_trends(table: pd.DataFrame, terms, *, x: str = "year", y: str = "per_10k") -> Findings:
    """Which trend terms do not occur, and where (year, and genre when given) each reaches its highest rate."""
    present = table.dropna(subset=[y])
    present = present[present[y] > 0]
    absent = [t for t in terms if t not in set(present["term"])]
    out = []
    if len(present):
        peaks = present.sort_values(y, ascending=False, kind="stable").drop_duplicates("term")
        out.append("Highest rate of each term: " + listing(
            (f"{r['term']} {rate(r[y])} ({day(r[x]) if x == 'date' else r[x]}"
             + (f", {r['genre']})" if "genre" in r and pd.notna(r["genre"]) else ")") for _, r in peaks.iterrows()),
            limit=8) + " per 10,000 words.")
    if absent:
        out.append(f"Not found: {listing(absent)}.")
    return Findings(out or ["None of the trend terms occurs."])


def style(table: pd.DataFrame, *, by: str) -> Findings:
    """The range of each style measure across units, with the units at either end."""
    if table.empty:
        return Findings(["No unit to describe."])
    if len(table) == 1:
        r = table.iloc[0]
        return Findings([f"Mean sentence length {number(r['mean_sentence_chars'])} characters, directive share "
                         f"{r['directive_share']:.0%}, MATTR {r['mattr']:.2f}, "
                         f"{number(r['enumerations_per_1k'], 2)} enumerations per 1,000 characters."])
    units = table.set_index(by)
    out = []
    for column, name, fmt in (("mean_sentence_chars", "Mean sentence length", "{:.1f}"),
                              ("directive_share", "The share of directive sentences", "{:.0%}"),
                              ("mattr", "MATTR", "{:.2f}")):
        values = units[column].dropna()
        if len(values) and fmt.format(values.min()) == fmt.format(values.max()):
            out.append(f"{name} is {fmt.format(values.min())} in every unit.")
        elif len(values):
            out.append(f"{name} runs from {fmt.format(values.min())} ({values.idxmin()}) to "
                       f"{fmt.format(values.max())} ({values.idxmax()}).")
    none = (units["enumerations"] == 0).sum()
    if none == len(units):
        out.append("No unit has an enumeration.")
        return Findings(out)
    out.append(f"Enumerations: up to {number(units['enumerations_per_1k'].max(), 2)} per 1,000 characters "
               f"({units['enumerations_per_1k'].idxmax()}); {number(none)} of {count(len(units), 'unit')} have none.")
    return Findings(out)
