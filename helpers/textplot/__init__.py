"""Figures: one function per kind of figure, each returning a matplotlib Figure.

The modules name the figures they draw, in the order of the notebooks:

- :mod:`.frequency`: ``bars``, ``wordcloud``, ``histogram``, ``heatmap``;
- :mod:`.dispersion` (where terms occur along the text): ``dispersion``;
- :mod:`.lengths` (paragraph and sentence lengths): ``paragraph_lengths``, ``sentence_lengths``;
- :mod:`.profiles` (a value per paragraph along the text): ``profile``, ``paragraph_heatmap``;
- :mod:`.themes`: ``keywords``, ``network``;
- :mod:`.comparison`: ``keyness``, ``fightin_words``, ``comparison_cloud``, ``matrix``, ``style_panel``;
- :mod:`.trends`: ``trends``;
- :mod:`.revisions`: ``revision_status``, ``revision_continuity``, ``reuse_heatmap``;
- :mod:`.models`: ``positions`` (documents on a scaled dimension, with intervals);
- :mod:`.topics`: ``prevalence`` (topic shares over the years per genre, with bands), ``topic_words`` (top FREX words);
- :mod:`.dictionaries`: ``category_rates`` (dictionary categories per 10,000 words by document or year);
- :mod:`.embeddings`: ``period_neighbours`` (a term's neighbours by period), ``axis_positions`` (terms on an axis
  over periods, with intervals);
- :mod:`.entities`: ``entities_over_years`` (the most named entities of each kind, year by year);
- :mod:`.base`: what they share (figure factory, CJK font settings, ``section_colors``, ``distinct_colors``);
- :mod:`.labels`: label layout, the one place where labels are kept from overlapping (``arrange``);
- :mod:`.readability`: ``problems`` (saved size over 3,000 px, overlapping texts, repeated colours), for tests.

Each figure chooses a view for the number of documents: panels per document up to a
readable number, then one row or column per document (time order when given
:func:`helpers.textstat.document_labels`), and at most a dozen panels with the rest named.

Every figure is drawn inside ``matplotlib.rc_context(fonts.rc())``, so
Chinese labels render on any machine and ``matplotlib.rcParams`` are left
unchanged.  Titles are bilingual: Chinese first, English after.
"""

from __future__ import annotations

from .base import section_colors
from .comparison import comparison_cloud, fightin_words, keyness, matrix, style_panel
from .dictionaries import category_rates
from .dispersion import dispersion
from .embeddings import axis_positions, period_neighbours
from .entities import entities_over_years
from .frequency import bars, heatmap, histogram, wordcloud
from .lengths import paragraph_lengths, sentence_lengths
from .models import positions
from .profiles import paragraph_heatmap, profile
from .revisions import reuse_heatmap, revision_continuity, revision_status
from .themes import keywords, network
from .topics import prevalence, topic_words
from .trends import trends

__all__ = [
    "axis_positions", "bars", "category_rates", "comparison_cloud", "dispersion", "entities_over_years",
    "fightin_words", "heatmap", "histogram", "keyness", "keywords", "matrix", "network", "paragraph_heatmap",
    "paragraph_lengths", "period_neighbours", "positions", "prevalence", "profile", "reuse_heatmap",
    "revision_continuity", "revision_status", "section_colors", "sentence_lengths", "style_panel", "topic_words",
    "trends", "wordcloud",
]
