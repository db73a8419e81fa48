"""Findings: the sentences a report states about its data, generated from the result tables.

Markdown cells of the notebooks state method; every sentence about the data
(how many documents, which term is most frequent, whether any term is
significant) is printed by a findings cell from the tables themselves, so it
stays true when the corpus changes.  Each function takes result tables and
returns a :class:`Findings` (a few sentences; ``print`` shows one per line).
Functions are pure: no figure, no file, no global state.  One module per notebook:

* :mod:`~helpers.findings.overview`: documents, accounting, paragraphs, set-aside blocks, sections, enumerations,
  sentences;
* :mod:`~helpers.findings.frequency`: dictionary coverage, top terms, sections, collocations, dispersion, concordance;
* :mod:`~helpers.findings.themes`: codebook, theme scores, drivers, keywords, network, topics;
* :mod:`~helpers.findings.comparison`: keyness, fightin' words, general Chinese, similarity, formulations, dates, style;
* :mod:`~helpers.findings.revisions`: pairs compared, a revision, character edits, formulations, numbers, reuse;
* :mod:`~helpers.findings.models`: the document-feature matrix, Wordscores, Wordfish, correspondence analysis;
* :mod:`~helpers.findings.topicmodel`: topics with covariates (whether they fit, the choice of K, labels, prevalence);
* :mod:`~helpers.findings.dictionaries`: dictionary categories and the precision of a hand-coded sample;
* :mod:`~helpers.findings.embeddings`: periods trained, neighbours, axis positions, drift;
* :mod:`~helpers.findings.entities`: named entities, when they are first and last named, pairs named together.
"""

from __future__ import annotations

from .base import Findings
from .comparison import (
                         against_general,
                         contrast_keyness,
                         dates,
                         fightin_words,
                         formulations,
                         section_keyness,
                         similarity,
                         style,
                         term_trends,
)
from .dictionaries import dictionary_precision, dictionary_summary
from .embeddings import axis_changes, drift_ranking, embeddings_need, neighbour_changes, periods_trained
from .entities import entity_pairs, entity_summary, entity_timing
from .frequency import by_section, collocations, concentration, concordance, coverage, dispersion, top_terms
from .models import correspondence, model_matrix, needs_documents, wordfish_positions, wordscores_positions
from .overview import accounting, documents, enumerations, paragraph_lengths, sections, sentence_lengths, set_aside
from .revisions import (
                         changed_numbers,
                         character_edits,
                         continuity,
                         new_sentences,
                         pairs,
                         reuse,
                         revision,
                         revision_formulations,
)
from .themes import (
                         codebook,
                         document_scores,
                         drivers,
                         keywords,
                         network,
                         paragraph_scores,
                         sampled,
                         section_scores,
                         topic_data,
                         topics,
)
from .topicmodel import topic_choice, topic_labels, topic_prevalence, topics_need

__all__ = [
    "Findings",
    "accounting",
    "against_general",
    "axis_changes",
    "by_section",
    "changed_numbers",
    "character_edits",
    "codebook",
    "collocations",
    "concentration",
    "concordance",
    "continuity",
    "contrast_keyness",
    "correspondence",
    "coverage",
    "dates",
    "dictionary_precision",
    "dictionary_summary",
    "dispersion",
    "document_scores",
    "documents",
    "drift_ranking",
    "drivers",
    "embeddings_need",
    "entity_pairs",
    "entity_summary",
    "entity_timing",
    "enumerations",
    "fightin_words",
    "formulations",
    "keywords",
    "model_matrix",
    "needs_documents",
    "neighbour_changes",
    "network",
    "new_sentences",
    "pairs",
    "paragraph_lengths",
    "paragraph_scores",
    "periods_trained",
    "reuse",
    "revision",
    "revision_formulations",
    "sampled",
    "section_keyness",
    "section_scores",
    "sections",
    "sentence_lengths",
    "set_aside",
    "similarity",
    "style",
    "term_trends",
    "top_terms",
    "topic_choice",
    "topic_data",
    "topic_labels",
    "topic_prevalence",
    "topics",
    "topics_need",
    "wordfish_positions",
    "wordscores_positions",
]
