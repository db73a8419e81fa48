"""Counting and comparing: tables computed from the tokens and paragraphs tables.

One module per family, each function re-exported here (``textstat.frequency(...)``):

* :mod:`.prepare` — :func:`annotate` (join section, year … onto tokens), :func:`select` (the content tokens);
* :mod:`.frequency` — :func:`frequency` (term frequency table), :func:`counts` (term → count);
* :mod:`.ngrams` — :func:`ngrams`;  :mod:`.collocations` — :func:`collocations`;
* :mod:`.kwic` — :func:`kwic`;
  :mod:`.fragments` — :func:`fragment_terms` (one-character pieces of words, left out of ranking figures);
  :mod:`.dispersion` — :func:`dispersion`, :func:`positions`, :func:`dispersion_view`;
* :mod:`.sections` — :func:`sections`, :func:`section_bounds`, :func:`section_labels`, :func:`paragraph_sizes`,
  :func:`paragraph_length_view`, :func:`paragraph_length_boxes`, :func:`sentence_lengths`;
* :mod:`.keyness` — :func:`keyness`, :func:`keyness_by`, :data:`KEYNESS_MEASURES`;
* :mod:`.nested` — :func:`nested_counts` (dictionary terms inside longer tokens, for keyness);
* :mod:`.contrast` — :func:`choose_contrast`, :func:`comparison_unit`, :func:`keyness_between`,
  :func:`keyness_against_general`;
* :mod:`.general_chinese` — general Chinese usage (wordfreq) as a comparison corpus, used as
  ``textstat.general_chinese.frequencies(...)`` and ``textstat.general_chinese.counts(...)``;
* :mod:`.trends` — :func:`term_trends`, :func:`formulation_trends` (per genre and year, editions once);
* :mod:`.similarity` — :func:`similarity`;  :mod:`.style` — :func:`style`, :func:`mattr`;
* :mod:`.lookup` — :func:`lookup`, :func:`lookup_terms` (dictionary categories per document or group, per 10,000
  words);
* :mod:`.entities` — :func:`entities`, :func:`entity_counts` (named entities, counts by year or document);
  :mod:`.entity_network` — :func:`entity_cooccurrence`, :func:`entity_graph` (named together within a paragraph).

Every function takes DataFrames and returns a new DataFrame; nothing is
modified in place.  Options are keyword-only and named alike everywhere:
``by`` (the column, or columns, to group by), ``min_count``, ``min_length``,
``stopwords`` (drop tokens marked ``is_stop``), ``pos`` (keep these
part-of-speech tags).

A tokens dataset on disk (or a corpus on disk) may stand for the tokens or paragraphs table: the functions
compute from it (:mod:`.engine`, or chunk by chunk) and return the same tables.

Token mode and string mode.  :func:`kwic` and :func:`dispersion` match whole
tokens when given ``tokens=``, and raw strings in the cleaned paragraph text
otherwise (so ``自立自强`` also finds ``高水平科技自立自强``).
"""

from __future__ import annotations

from . import general_chinese
from .collocations import collocations
from .contrast import (
    GENERAL_LABEL,
    Contrast,
    choose_contrast,
    comparison_unit,
    keyness_against_general,
    keyness_between,
)
from .dispersion import dispersion, dispersion_view, positions
from .entities import entities, entity_counts, entity_lexicon
from .entity_network import cooccurrence as entity_cooccurrence
from .entity_network import network as entity_graph
from .fragments import fragment_terms
from .frequency import counts, frequency
from .keyness import KEYNESS_MEASURES, keyness, keyness_by
from .kwic import kwic
from .lookup import lookup, lookup_terms
from .nested import nested_counts
from .ngrams import ngrams
from .prepare import annotate, select
from .sections import (
    paragraph_length_boxes,
    paragraph_length_view,
    paragraph_sizes,
    section_bounds,
    section_labels,
    sections,
    sentence_lengths,
)
from .similarity import similarity
from .style import mattr, style
from .trends import (
    chronological,
    distinct_documents,
    document_columns,
    document_labels,
    document_years,
    formulation_trends,
    pool_columns,
    short_title,
    term_trends,
)

__all__ = [
    "GENERAL_LABEL",
    "KEYNESS_MEASURES",
    "Contrast",
    "annotate",
    "choose_contrast",
    "chronological",
    "collocations",
    "comparison_unit",
    "counts",
    "dispersion",
    "dispersion_view",
    "distinct_documents",
    "document_columns",
    "document_labels",
    "document_years",
    "entities",
    "entity_cooccurrence",
    "entity_counts",
    "entity_graph",
    "entity_lexicon",
    "formulation_trends",
    "fragment_terms",
    "frequency",
    "general_chinese",
    "keyness",
    "keyness_against_general",
    "keyness_between",
    "keyness_by",
    "kwic",
    "lookup",
    "lookup_terms",
    "mattr",
    "nested_counts",
    "ngrams",
    "paragraph_length_boxes",
    "paragraph_length_view",
    "paragraph_sizes",
    "pool_columns",
    "positions",
    "section_bounds",
    "section_labels",
    "sections",
    "select",
    "sentence_lengths",
    "short_title",
    "similarity",
    "style",
    "term_trends",
]
